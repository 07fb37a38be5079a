"""Presentation mode on the shared screen: the matrix fits it in large type, and zooming keeps it whole."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.render.heatmap import cell_room
from tension_desk.services.sample import add_sample
from tension_desk.ui.models.matrix import COL_RANK, COL_TITLE, FIRST_CRITERION
from tension_desk.ui.widgets.presentation import ZOOM_STEPS


def present(make_window, desk, qtbot, extra_rows: int):
    ids = add_sample(desk)
    desk.priorities.add_many(ids[-1], [PriorityDraft(title=f"Extra item {i}", side=Side.PRODUCT)
                                  for i in range(extra_rows)])
    desk.scoring.set_state(ids[-1], ScoringState(product_done=True, engineering_done=True, revealed=True))
    w = make_window()
    w.select_session(ids[-1])
    w.present_action.trigger()
    pres = w.session_view.presentation
    qtbot.addWidget(pres)
    pres.showNormal()
    pres.resize(1280, 720)
    qtbot.waitExposed(pres)
    pres.activateWindow()
    qtbot.waitUntil(pres.isActiveWindow)
    qtbot.waitUntil(lambda: pres.table.height() > 500)
    pres.apply_zoom()
    return w, pres


def visible_rows(table) -> list[int]:
    height = table.viewport().height()
    return [r for r in range(table.model().rowCount())
            if table.rowViewportPosition(r) >= 0 and table.rowViewportPosition(r) + table.rowHeight(r) <= height]


def test_thirty_rows_fit_the_screen_in_text_of_at_least_14_px(make_window, desk, qtbot):
    _w, pres = present(make_window, desk, qtbot, extra_rows=10)
    assert pres.proxy.rowCount() == 30
    assert len(visible_rows(pres.table)) == 30
    assert pres.text_px >= 14
    assert pres.table.horizontalScrollBar().maximum() == 0


def test_with_forty_rows_discuss_next_scrolls_to_the_row_under_discussion(make_window, desk, qtbot):
    _w, pres = present(make_window, desk, qtbot, extra_rows=20)
    assert pres.text_px >= 14 and len(visible_rows(pres.table)) >= 30 - 1
    for _ in range(25):  # well down the list of disagreements
        pres._discuss()
        pid = pres.matrix.discussing_id
        row = pres.proxy.mapFromSource(pres.matrix.model.index(pres.matrix.model.row_of(pid), 0)).row()
        assert row in visible_rows(pres.table)


def test_zoom_scales_every_column_in_proportion(make_window, desk, qtbot):
    _w, pres = present(make_window, desk, qtbot, extra_rows=0)
    table = pres.table
    before = [table.columnWidth(c) for c in range(table.model().columnCount())]
    px = pres.text_px
    for _ in range(2):
        qtbot.keyClick(pres, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    after = [table.columnWidth(c) for c in range(table.model().columnCount())]
    factor = pres.text_px / px
    assert factor > 1.2
    for column, (b, a) in enumerate(zip(before, after, strict=True)):
        assert a / b == pytest.approx(factor, rel=0.2), f"column {column}: {b} → {a}"
    titles = [table.model().index(r, COL_TITLE).data() for r in range(table.model().rowCount())]
    assert all("…" not in t for t in titles)


def test_it_opens_ranked_and_outlines_the_whole_row_under_discussion(make_window, desk, qtbot):
    _w, pres = present(make_window, desk, qtbot, extra_rows=0)
    assert pres.proxy.index(0, COL_RANK).data() == "1"
    pres._discuss()
    pid = pres.matrix.discussing_id
    row = pres.proxy.mapFromSource(pres.matrix.model.index(pres.matrix.model.row_of(pid), 0)).row()
    image = pres.table.viewport().grab().toImage()
    y = pres.table.rowViewportPosition(row) + 1
    for column in range(pres.proxy.columnCount()):
        x = pres.table.columnViewportPosition(column) + pres.table.columnWidth(column) // 2
        assert image.pixelColor(x, y).name() == "#e8590c", f"column {column} is not outlined"



def test_every_score_cell_has_room_for_its_letters_and_the_lines_around_it_are_at_least_14_px(
        make_window, desk, qtbot):
    _w, pres = present(make_window, desk, qtbot, extra_rows=0)
    table = pres.table
    model = pres.matrix.model
    need = cell_room(table.font())
    for column in range(FIRST_CRITERION, model.columns.first):  # "P 4 · E 2" whole, never "4 · 2"
        assert table.columnWidth(column) >= need, model.headerData(column, Qt.Orientation.Horizontal)
    for _ in range(len(ZOOM_STEPS)):  # zoomed right out, the state and title lines still read on a call
        qtbot.keyClick(pres, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    for label in (pres.title, pres.state, pres.discussing, pres.countdown):
        assert QFontInfo(label.font()).pixelSize() >= 14, label.objectName()
