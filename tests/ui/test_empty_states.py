"""An empty list says what to do, and the hint goes away once the list has rows."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tension_desk.domain.model import Side
from tension_desk.ui.widgets.session_view import Tab


def test_empty_priority_lists_say_how_to_add_or_import(make_window, desk, leaders, qtbot, monkeypatch):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    w = make_window()
    w.select_session(s.id)
    view = w.session_view
    view.show_tab(Tab.PRIORITIES)
    for side, panel in view.priorities.panels.items():
        hint = panel.empty_hint.label
        assert hint.isVisible()
        assert hint.text() == (f"No {side.value} priorities yet — press Ins to add one, "
                               "or File → Import priorities from CSV…")
        assert hint.textFormat() == Qt.TextFormat.PlainText
        assert hint.heightForWidth(hint.width()) <= hint.height()  # the whole hint fits in the list
    # the key the hint names does what it says: Ins in the product list asks for a new product priority
    asked = []
    from tension_desk.ui.dialogs.priority import PriorityDialog

    def answer(cls, parent, draft, new):
        asked.append(draft.side)
        return None
    monkeypatch.setattr(PriorityDialog, "ask", classmethod(answer))
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    product = view.priorities.panels[Side.PRODUCT]
    product.table.setFocus()
    qtbot.waitUntil(product.table.hasFocus)
    qtbot.keyClick(product.table, Qt.Key.Key_Insert)
    assert asked == [Side.PRODUCT]


def test_the_hint_goes_once_a_priority_is_there(make_window, desk, leaders):
    from tension_desk.domain.model import PriorityDraft

    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    w = make_window()
    w.select_session(s.id)
    view = w.session_view
    view.show_tab(Tab.PRIORITIES)
    from tension_desk.ui import commands as cmd

    assert w.ctx.run(w, cmd.AddPriorities, s.id, [PriorityDraft("Typed in", Side.ENGINEERING)])
    assert not view.priorities.panels[Side.ENGINEERING].empty_hint.label.isVisible()
    assert view.priorities.panels[Side.PRODUCT].empty_hint.label.isVisible()
