"""A leader's scoring turn starts with the keyboard on the first score cell: the banner says 'Type 0–5', so the
first digit typed scores the first priority on the first criterion (it fell on the Rank column and did nothing)."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.ui.widgets.session_view import Tab


@pytest.fixture
def window(make_window, desk, leaders, qtbot):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    for title, side in (("Feature", Side.PRODUCT), ("Fix", Side.ENGINEERING)):
        desk.priorities.add(s.id, PriorityDraft(title, side))
    w = make_window()
    w.select_session(s.id)
    w.session_view.show_tab(Tab.MATRIX)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


@pytest.mark.parametrize("start", ["button", "key"])
def test_a_scoring_turn_starts_on_the_first_score_cell_so_the_first_digit_scores(window, qtbot, start):
    w = window
    matrix = w.session_view.matrix
    sid = w.session_view.session.id
    if start == "button":
        qtbot.mouseClick(matrix.blind_bar.start[Side.PRODUCT], Qt.MouseButton.LeftButton)
    else:
        qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_F5)
    assert w.ctx.desk.scoring.state(sid).turn is Side.PRODUCT
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_4)
    scores = w.ctx.desk.scoring.scores(sid)
    first = matrix.model.priority_at(matrix.proxy.mapToSource(matrix.proxy.index(0, 0)).row())
    criterion = w.ctx.desk.scoring.criteria(sid)[0]
    assert [(s.priority_id, s.criterion_id, s.leader_role, s.value) for s in scores] == [
        (first.id, criterion.id, Side.PRODUCT, 4)]
