"""The agenda of the Decisions tab is a list of statements with status badges in words (readable without
colour), not bracket-tagged strings."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.badges import BadgesRole
from tension_desk.ui.widgets.session_view import Tab


def _agenda_items(tree):
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        for j in range(head.childCount()):
            yield head.child(j)


def test_agenda_items_are_statements_with_worded_status_badges(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[-1])  # November: carried-over tensions, one open for three sessions
    view = w.session_view
    view.show_tab(Tab.DECISIONS)
    tree = view.decisions.tree
    items = list(_agenda_items(tree))
    statements = {t.statement for t in desk.tensions.list()}
    tension_items = [it for it in items if it.data(0, Qt.ItemDataRole.UserRole)[0] == "tension"]
    assert tension_items
    for it in tension_items:
        assert it.text(0) in statements  # the statement itself, whole, with no tag in front
        words = [b.text for b in it.data(0, BadgesRole)]
        assert words[0] in ("Open", "✓ Decided")
        assert it.data(0, Qt.ItemDataRole.AccessibleTextRole).startswith(" · ".join(words))
    escalated = [[b.text for b in it.data(0, BadgesRole)] for it in tension_items
                 if "⚠ Escalate" in [b.text for b in it.data(0, BadgesRole)]]
    assert escalated and all(words[0] == "Open" and words[1].endswith(" sessions") for words in escalated)
    # every row is tall enough for its badges and its wrapped statement
    for it in tension_items:
        rect = tree.visualItemRect(it)
        assert rect.height() >= 2 * tree.fontMetrics().height()
    image = QImage(tree.viewport().size(), QImage.Format.Format_RGB32)
    tree.viewport().render(image)
    assert not image.isNull()
