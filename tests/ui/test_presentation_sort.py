"""Presentation mode keeps its own sort per session (ranked after the reveal unless the room chose another), and
the row under discussion follows "Discuss next" wherever it is pressed."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tension_desk.domain.blind import ScoringState
from tension_desk.services.sample import add_sample
from tension_desk.ui.models.matrix import COL_RANK, COL_TITLE
from tension_desk.ui.models.roles import SortRole


def present(w, qtbot):
    w.present_action.trigger()
    pres = w.session_view.presentation
    pres.showNormal()
    pres.resize(1280, 720)
    qtbot.waitExposed(pres)
    return pres


def leave(w, qtbot, pres) -> None:
    pres.close()
    qtbot.waitUntil(lambda: w.session_view.presentation is None)


def sort_of(table) -> tuple[int, Qt.SortOrder]:
    header = table.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def titles(pres) -> list[str]:
    return [pres.proxy.index(r, COL_TITLE).data() for r in range(pres.proxy.rowCount())]


def test_a_sort_chosen_in_presentation_mode_is_kept_for_that_session(make_window, desk, qtbot):
    ids = add_sample(desk)
    october, november = ids[1], ids[-1]
    w = make_window()
    w.select_session(november)
    pres = present(w, qtbot)
    header = pres.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_section_centre(pres.table, COL_TITLE))
    chosen = sort_of(pres.table)
    assert chosen[0] == COL_TITLE
    by_title = titles(pres)
    assert by_title == sorted(by_title, key=lambda t: t[2:].lower(),  # after the ● / ▲ marker
                              reverse=chosen[1] == Qt.SortOrder.DescendingOrder)
    window_sort = sort_of(w.session_view.matrix.table)
    leave(w, qtbot, pres)

    pres = present(w, qtbot)  # presentation mode again: the room's sort is still there
    assert sort_of(pres.table) == chosen and titles(pres) == by_title
    assert sort_of(w.session_view.matrix.table) == window_sort  # the window's own sort is untouched
    leave(w, qtbot, pres)

    w.select_session(october)  # another session keeps its own: ranked, as it is revealed
    pres = present(w, qtbot)
    assert sort_of(pres.table)[0] == COL_RANK
    leave(w, qtbot, pres)

    w2 = make_window()  # relaunch
    w2.select_session(november)
    pres = present(w2, qtbot)
    assert sort_of(pres.table) == chosen and titles(pres) == by_title


def _section_centre(table, column) -> QPoint:
    header = table.horizontalHeader()
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2)


def test_opened_before_the_reveal_presentation_mode_ranks_the_rows_after_it(make_window, desk, qtbot):
    ids = add_sample(desk)  # November: both leaders are done; the reveal is next
    w = make_window()
    w.select_session(ids[-1])
    pres = present(w, qtbot)
    assert sort_of(pres.table)[0] != COL_RANK
    w.session_view.matrix.blind_bar.reveal.click()
    assert desk.scoring.state(ids[-1]).revealed
    assert sort_of(pres.table)[0] == COL_RANK
    ranks = [pres.proxy.index(r, COL_RANK).data(SortRole) for r in range(pres.proxy.rowCount())]
    assert ranks == sorted(ranks)


def test_discuss_next_in_the_window_moves_the_row_under_discussion_in_presentation_mode(make_window, desk, qtbot):
    ids = add_sample(desk)
    desk.scoring.set_state(ids[-1], ScoringState(product_done=True, engineering_done=True, revealed=True))
    w = make_window()
    w.select_session(ids[-1])
    pres = present(w, qtbot)
    matrix = w.session_view.matrix
    for _ in range(3):
        matrix.discuss.trigger()  # pressed in the main window (toolbar or Ctrl+D there)
        pid = matrix.discussing_id
        assert pid is not None
        row = pres.proxy.mapFromSource(matrix.model.index(matrix.model.row_of(pid), COL_TITLE)).row()
        assert pres.table.currentIndex().row() == row  # the outlined row is the current one, scrolled to
        assert pres.discussing.text() == matrix.discuss_label.text() != ""
        assert pres.discussing.isVisibleTo(pres) and not pres.state.isVisibleTo(pres)


def test_f9_reveals_from_presentation_mode_and_a_leaders_turn_key_does_not_start_there(make_window, desk, qtbot):
    ids = add_sample(desk)  # November: both leaders are done; the reveal is next
    w = make_window()
    w.select_session(ids[-1])
    pres = present(w, qtbot)
    pres.activateWindow()
    qtbot.waitUntil(pres.isActiveWindow)
    qtbot.keyClick(pres, Qt.Key.Key_F5)  # a leader's turn would show their scores on the shared screen
    assert desk.scoring.state(ids[-1]).turn is None
    qtbot.keyClick(pres, Qt.Key.Key_F9)
    assert desk.scoring.state(ids[-1]).revealed
    assert sort_of(pres.table)[0] == COL_RANK
    assert pres.state.text() == w.session_view.matrix.blind_bar.label.text()  # "Scores revealed…", not "✓ done"
    assert "revealed" in pres.state.text() and pres.discuss.isEnabled()
