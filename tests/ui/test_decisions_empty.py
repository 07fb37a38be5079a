"""The Decisions tab of a session with nothing on its agenda says where tensions come from; it said 'Pick a
tension on the left to record its decision.' beside an empty list. With tensions it asks to pick one."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.ui.widgets.session_view import Tab


def test_an_empty_agenda_says_where_tensions_come_from_and_one_with_tensions_asks_to_pick(make_window, desk,
                                                                                        leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("December", dt.date(2026, 12, 1))
    w = make_window()
    w.select_session(s.id)
    w.session_view.show_tab(Tab.DECISIONS)
    view = w.session_view.decisions
    empty = view.findChild(QLabel, "decisions_empty")
    assert view.pages.currentWidget() is empty
    assert "Tensions tab" in empty.text() and "Pick" not in empty.text()
    a = desk.priorities.add(s.id, PriorityDraft("Feature", Side.PRODUCT))
    b = desk.priorities.add(s.id, PriorityDraft("Fix", Side.ENGINEERING))
    desk.tensions.add(s.id, "Both need the same team", [a.id, b.id])
    w.select_session(s.id)
    view.current_key()  # the agenda's entries are built
    assert view.pages.currentWidget() is empty and empty.text() == "Pick a tension on the left to record its decision."
