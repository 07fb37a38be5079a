"""The 2×2 chart on screen numbers its points as the matrix labels its rows: a crowded chart (the chart in
presentation mode at 1280×720, the Chart tab in a small pane) marks each point and lists it in its key by its
row's "#" in the matrix ("7a"), so a number said aloud on the call is the same priority on every view and on
paper; it numbered them 1–20 in an order of its own ("7" on the chart was AI summary, "7a" in the matrix
In-app analytics). Before the reveal the chart has no points, so no rank. In presentation mode at 1280×720 the
key names every point whole, as the Chart tab does (it cut eleven at 24 characters: "Retire the legacy repor…")."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from tension_desk.domain.model import Priority
from tension_desk.domain.scoring import by_rank
from tension_desk.render import quadrant
from tension_desk.services.sample import add_sample
from tension_desk.ui.models.matrix import COL_RANK, COL_TITLE
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget
from tension_desk.ui.widgets.session_view import Tab

SMALL_PANE = (576, 416)  # the Chart tab's chart in a small window: numbered markers and a key


@pytest.fixture
def november(make_window, desk, qtbot):
    """The main window on the sample's November session (both leaders done, not yet revealed), on its chart."""
    november = add_sample(desk)[-1]
    w = make_window()
    w.resize(1280, 720)
    w.select_session(november)
    w.session_view.show_tab(Tab.CHART)
    return w


def present(w, qtbot):
    w.present_action.trigger()
    pres = w.session_view.presentation
    pres.showNormal()
    pres.resize(1280, 720)
    qtbot.waitExposed(pres)
    pres.toggle_page()  # the 2×2 chart
    assert pres.pages.currentWidget() is pres.chart
    return pres


def matrix_labels(w) -> dict[int, str]:
    """Each priority's label in the matrix's "#" column, as the screen shows it."""
    model = w.session_view.matrix.model
    return {p.id: model.index(model.row_of(p.id), COL_RANK).data() for p in model.priorities()}


def shown(chart: QuadrantWidget) -> quadrant.ChartLayout:
    """The chart's layout as its widget paints it."""
    return quadrant.chart_layout(chart.chart_rect(), chart.data, chart.scale)


def small_pane(w, qtbot) -> QuadrantWidget:
    """The Chart tab's chart, its data as the tab has it, in a small pane."""
    chart = QuadrantWidget()
    qtbot.addWidget(chart)
    chart.resize(*SMALL_PANE)
    chart.set_data(w.session_view.chart.data)
    return chart


def assert_numbered_as_the_matrix(lay: quadrant.ChartLayout, labels: dict[int, str], titles: dict[int, str],
                                  ranked: list[Priority]) -> None:
    assert lay.numbers and lay.key, "a crowded chart: numbered, with a key"
    assert lay.numbers == {pid: labels[pid] for pid in lay.numbers}
    for label in lay.labels:  # the highlighted point's label also names it: "7a  In-app analytics dashboard"
        own = labels[label.priority_id]
        assert label.text == own or (label.boxed and label.text == f"{own}  {titles[label.priority_id]}"), label.text
    assert [(e.number, e.point.priority_id) for e in lay.key] == [(labels[e.point.priority_id], e.point.priority_id)
                                                                  for e in lay.key]
    # the key lists them as the ranked matrix does: 1, 2, 3, 4a, 4b…
    assert [e.number for e in lay.key] == [labels[p.id] for p in ranked if p.id in lay.numbers]


def test_every_number_the_screens_chart_shows_is_its_rows_label_in_the_matrix(november, qtbot):
    w = november
    matrix = w.session_view.matrix
    # before the reveal: no rank in the matrix, no point on the chart (so no number), on the tab and presented
    assert set(matrix_labels(w).values()) == {""}
    assert w.session_view.chart.data.points == ()
    pres = present(w, qtbot)
    assert pres.chart.data.points == ()
    pres.close()
    qtbot.waitUntil(lambda: w.session_view.presentation is None)

    matrix.blind_bar.reveal.click()
    labels = matrix_labels(w)
    titles = {p.id: p.title for p in matrix.model.priorities()}
    ranked = by_rank(matrix.model.priorities(), matrix.model.results())
    assert {"7a", "7b", "7c", "10a", "10b"} <= set(labels.values())  # ties on the sample's November matrix
    assert len(w.session_view.chart.data.points) == 20

    assert_numbered_as_the_matrix(shown(small_pane(w, qtbot)), labels, titles, ranked)
    pres = present(w, qtbot)
    assert_numbered_as_the_matrix(shown(pres.chart), labels, titles, ranked)

    matrix.discuss_next()  # the priority under discussion: its label on the chart names it too
    pid = matrix.discussing_id
    assert pid is not None and pres.chart.data.highlighted == pid
    lay = shown(pres.chart)
    assert_numbered_as_the_matrix(lay, labels, titles, ranked)
    boxed = next(label for label in lay.labels if label.boxed)
    assert boxed.priority_id == pid and boxed.text.startswith(f"{labels[pid]}  ")
    row = matrix.model.row_of(pid)
    assert matrix.model.index(row, COL_RANK).data() == labels[pid]
    assert matrix.model.index(row, COL_TITLE).data().endswith(titles[pid])


def test_presentation_mode_at_1280x720_names_every_point_whole_as_the_chart_tab_does(november, qtbot):
    w = november
    w.session_view.matrix.blind_bar.reveal.click()
    tab = shown(w.session_view.chart)
    titles = {p.priority_id: " ".join(p.label.split()) for p in w.session_view.chart.data.points}
    whole_on_the_tab = {label.priority_id for label in tab.labels if label.text == titles[label.priority_id]}
    assert len(whole_on_the_tab) == 20

    pres = present(w, qtbot)
    lay = shown(pres.chart)
    assert lay.key  # too crowded at its size and type for names by the markers: a key names them
    cut = [e.text for e in lay.key if e.text != titles[e.point.priority_id]]
    assert cut == []
    assert not any(label.text.endswith("…") for label in lay.labels)
    # the key is inside the chart, clear of the plot
    assert QRectF(pres.chart.chart_rect()).contains(lay.key_rect) and not lay.key_rect.intersects(lay.frame.plot)
