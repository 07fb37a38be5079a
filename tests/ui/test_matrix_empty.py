"""The matrix of a session with no priorities says what to do (its table was blank under the column headers, the
scoring buttons offered a turn with nothing to score); the hint goes once there is a priority to score."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.ui.widgets.session_view import Tab


def test_an_empty_matrix_says_where_the_priorities_come_from_and_the_hint_goes_with_the_first(make_window, desk,
                                                                                             leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("December", dt.date(2026, 12, 1))
    w = make_window()
    w.select_session(s.id)
    w.session_view.show_tab(Tab.MATRIX)
    matrix = w.session_view.matrix
    hints = [h for h in matrix.table.viewport().findChildren(type(matrix.blind_bar.label)) if h.isVisible()]
    assert [h.text() for h in hints] == ["No priorities to score yet — add them on the Priorities tab (or File → "
                                         "Import priorities from CSV…); then each leader scores in turn."]
    assert hints[0].textFormat() == Qt.TextFormat.PlainText
    desk.priorities.add(s.id, PriorityDraft("Feature", Side.PRODUCT))
    w.select_session(s.id)  # read again
    assert matrix.proxy.rowCount() == 1 and not hints[0].isVisible()
