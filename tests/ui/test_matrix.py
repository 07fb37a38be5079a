"""The scoring matrix as the meeting uses it: blind turns on one laptop, the reveal, the disagreements."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desk.domain.model import Side
from tension_desk.domain.scoring import compute_results
from tension_desk.services.sample import add_sample
from tension_desk.ui.models.matrix import FIRST_CRITERION, MatrixModel

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)


@pytest.fixture
def november(make_window, desk):
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[-1])
    sv = w.session_view
    sv.tabs.setCurrentWidget(sv.matrix)
    return w, sv, sv.matrix, ids[-1]


def everything_shown(matrix) -> str:
    m = matrix.model
    texts = []
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            for role in ROLES:
                v = m.index(r, c).data(role)
                if v is not None:
                    texts.append(str(v))
    texts.append(matrix.progress.text())
    texts.append(matrix.stability.text())
    return "\n".join(texts)


def test_blind_turns_hide_the_other_leader_completely_then_reveal(november, qtbot):
    w, _, matrix, sid = november
    desk = w.ctx.desk
    m = matrix.model
    # blind, both leaders done (the sample's November), nobody scoring: nothing of anybody's scores
    assert not m.revealed and matrix.blind_bar.reveal.isVisible() and matrix.blind_bar.reveal.isEnabled()
    shown = everything_shown(matrix)
    assert "P " not in shown.replace("P total", "") and "E " not in shown.replace("E total", "")
    assert m.index(0, m.columns.combined).data() == "•"

    # the CTO's masked turn: the CTO's values only, nothing derived from the CPO's
    qtbot.mouseClick(matrix.blind_bar.start[Side.ENGINEERING], Qt.MouseButton.LeftButton)
    assert matrix.state.turn is Side.ENGINEERING
    shown = everything_shown(matrix)
    assert "E " in shown
    for leak in ("P 0", "P 1", "P 2", "P 3", "P 4", "P 5", "Product leader:", "Gap"):
        assert leak not in shown, leak
    assert m.index(0, m.columns.product).data() == "•" and m.index(0, m.columns.combined).data() == "•"
    assert m.index(0, m.columns.divergence).data() == "•" and m.index(0, 0).data() == ""
    assert "of" in matrix.progress.text() and "▲" in matrix.progress.text()

    # the CTO types a score from the keyboard: saved at once, the cursor moves right
    matrix.table.setFocus()
    crit = m.criterion_at(FIRST_CRITERION)
    first = m.priority_at(0)
    matrix.table.setCurrentIndex(matrix.proxy.index(0, FIRST_CRITERION))
    qtbot.keyClick(matrix.table, Qt.Key.Key_1)
    stored = {(s.priority_id, s.criterion_id, s.leader_role): s.value for s in desk.scoring.scores(sid)}
    assert stored[(first.id, crit.id, Side.ENGINEERING)] == 1
    assert matrix.table.currentIndex().column() == FIRST_CRITERION + 1
    assert m.index(0, FIRST_CRITERION).data() == "E 1"
    qtbot.mouseClick(matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    assert m.visible == frozenset()

    # the CPO's turn, then the reveal
    qtbot.mouseClick(matrix.blind_bar.start[Side.PRODUCT], Qt.MouseButton.LeftButton)
    assert "E " not in everything_shown(matrix).replace("E total", "")
    qtbot.mouseClick(matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    assert matrix.blind_bar.reveal.isEnabled()
    qtbot.mouseClick(matrix.blind_bar.reveal, Qt.MouseButton.LeftButton)
    assert m.revealed and desk.scoring.state(sid).revealed

    # after the reveal the matrix agrees with the arithmetic, rank and heat included
    results = {r.priority_id: r
               for r in compute_results([p.id for p in m.priorities()], m.criteria(), desk.scoring.scores(sid))}
    for row in range(m.rowCount()):
        r = results[m.priority_at(row).id]
        assert m.index(row, m.columns.combined).data() == f"{r.combined:.1f}"
        assert m.index(row, 0).data().rstrip("abc") == str(r.rank)  # a letter where ranks tie: "7a", "7b"
    assert m.index(0, m.columns.divergence).data(Qt.ItemDataRole.BackgroundRole) is not None
    qtbot.waitUntil(lambda: "stays the same set" in matrix.stability.text())

    # "Discuss next" starts with the largest disagreement
    matrix.discuss.trigger()
    biggest = max(results.values(), key=lambda r: -1 if r.divergence is None else r.divergence)
    assert matrix.current_priority_id() == biggest.priority_id
    assert "Discussing 1 of" in matrix.discuss_label.text()
    # its gap worded as the matrix's Div. column words it (16.7, not 17)
    div_text = m.index(m.row_of(biggest.priority_id), m.columns.divergence).data()
    assert matrix.discuss_label.text().endswith(f"(gap {div_text})"), matrix.discuss_label.text()


def test_a_score_edit_is_undoable_and_updates_totals_and_ranks(november, qtbot):
    w, sv, matrix, sid = november
    from tension_desk.domain.blind import ScoringState

    w.ctx.desk.scoring.set_state(sid, ScoringState(product_done=True, engineering_done=True, revealed=True))
    sv.refresh()
    m = matrix.model
    matrix.scoring_as.setCurrentIndex(0)  # product
    row = 3
    pid = m.priority_at(row).id
    before_total = m.index(row, m.columns.product).data()
    with qtbot.waitSignal(m.dataChanged):
        matrix.table.setCurrentIndex(matrix.proxy.mapFromSource(m.index(row, FIRST_CRITERION)))  # ranked: rows move
        qtbot.keyClick(matrix.table, Qt.Key.Key_0)
    assert m.value(pid, m.criterion_at(FIRST_CRITERION).id, Side.PRODUCT) == 0
    after = m.index(row, m.columns.product).data()
    w.undo_action.trigger()
    assert m.index(row, m.columns.product).data() == before_total
    w.redo_action.trigger()
    assert m.index(row, m.columns.product).data() == after
    # Delete clears the cell
    matrix.table.setCurrentIndex(matrix.proxy.mapFromSource(m.index(row, FIRST_CRITERION)))
    qtbot.keyClick(matrix.table, Qt.Key.Key_Delete)
    assert m.value(pid, m.criterion_at(FIRST_CRITERION).id, Side.PRODUCT) is None


def test_a_digit_outside_the_scale_is_refused(november, qtbot):
    w, _, matrix, sid = november
    qtbot.mouseClick(matrix.blind_bar.start[Side.PRODUCT], Qt.MouseButton.LeftButton)
    matrix.table.setCurrentIndex(matrix.proxy.index(0, FIRST_CRITERION))
    before = w.ctx.desk.scoring.scores(sid)
    qtbot.keyClick(matrix.table, Qt.Key.Key_7)
    assert w.ctx.desk.scoring.scores(sid) == before
    assert "from 0 to 5" in matrix.progress.text()


def test_matrix_model_passes_the_model_tester(qtmodeltester, desk):
    ids = add_sample(desk)
    sid = ids[-1]
    m = MatrixModel()
    m.load(desk.priorities.agenda(sid), desk.scoring.criteria(sid), desk.scoring.scores(sid), frozenset(Side))
    qtmodeltester.check(m)
    m.set_visible(frozenset({Side.PRODUCT}))
    qtmodeltester.check(m)


def test_presentation_mode_shows_the_session_large_and_zooms(november, qtbot):
    w, sv, _, _ = november
    w.present_action.trigger()
    pres = sv.presentation
    assert pres is not None and pres.isVisible()
    qtbot.waitExposed(pres)
    pres.activateWindow()
    qtbot.waitUntil(pres.isActiveWindow)
    size = pres.text_px
    qtbot.keyClick(pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pres.text_px > size
    qtbot.keyClick(pres, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pres, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pres.text_px < size
    # nothing private: no store path, no other sessions
    texts = " ".join(lbl.text() for lbl in pres.findChildren(type(pres.title)))
    assert "sqlite" not in texts and "October" not in texts
    qtbot.keyClick(pres, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: sv.presentation is None)
