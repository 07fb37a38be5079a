"""The session list draws no dotted focus rectangle around the current entry (stray-looking on a shared
screen); the entry the keyboard is on still shows, by the selection colour."""
from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from tension_desk.services.sample import add_sample


def test_the_session_list_paints_no_focus_rectangle_and_shows_the_current_entry_selected(make_window):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[-1])
    tree = w.session_tree
    current = tree.currentIndex()
    assert current.isValid() and tree.selectionModel().isSelected(current)  # shown by the selection colour
    assert current.parent().isValid()
    for index in (current, current.parent()):  # an entry and its quarter's heading
        option = QStyleOptionViewItem()
        option.initFrom(tree)
        option.rect = tree.visualRect(index)
        option.state |= QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected  # as the list paints it
        tree.itemDelegateForIndex(index).initStyleOption(option, index)
        assert not option.state & QStyle.StateFlag.State_HasFocus  # the style draws no focus rectangle
        assert option.state & QStyle.StateFlag.State_Selected
