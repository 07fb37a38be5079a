"""The sample's 2×2 charts name their points whole where there is room: a name is cut only where its whole
form finds no free place once the others are placed, the labels still cover nothing, and the fast placement
still agrees with the all-pairs reference on these charts (which take the cut-then-whole path)."""
from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QRectF

from quadrant_reference import reference_layout
from tension_desk.render import quadrant
from tension_desk.render.quadrant import QuadrantData, chart_layout
from tension_desk.services.record import build_session_record
from tension_desk.services.sample import add_sample

PANE = QRectF(0, 0, 900, 560)  # the chart pane at 1280×720 (tests/render/test_quadrant_labels.py)
TAB = QRectF(8, 8, 994, 554)  # the 2×2 Chart tab's chart at 1280×720 with the session list shown


@pytest.fixture
def sample_charts(qapp, desk) -> dict[str, QuadrantData]:
    charts = {}
    for sid in add_sample(desk):
        record = build_session_record(desk, sid)
        charts[record.session.title] = quadrant.quadrant_data(record.priorities, record.results,
                                                              record.session.title)
    return charts


def meet(a: QRectF, b: QRectF) -> bool:
    return a.intersected(b).width() > 0.01 and a.intersected(b).height() > 0.01


def assert_clear(lay) -> None:
    """No label over another label, a marker or a quadrant name; every label inside the plot."""
    for a, b in itertools.combinations(lay.labels, 2):
        assert not meet(a.rect, b.rect), (a.text, b.text)
    for label in lay.labels:
        assert not any(meet(label.rect, marker) for marker in lay.markers.values()), label.text
        assert not any(meet(label.rect, r) for *_x, r in lay.names), label.text
        assert lay.frame.plot.adjusted(-3, -3, 3, 3).contains(label.rect), label.text


def placed(lay) -> list[tuple]:
    """Each label as placed, in exact numbers (no fuzzy QRectF compare)."""
    return [(label.priority_id, label.text, label.rect.getRect(),
             None if label.leader is None else (label.leader.x1(), label.leader.y1(), label.leader.x2(),
                                                label.leader.y2())) for label in lay.labels]


def centres(lay) -> dict[int, tuple[float, float]]:
    return {pid: (c.x(), c.y()) for pid, c in lay.centres.items()}


def cut_names(lay, data: QuadrantData) -> list[str]:
    whole = {p.priority_id: " ".join(p.label.split()) for p in data.points}
    return [label.text for label in lay.labels if label.text != whole[label.priority_id]]


@pytest.mark.parametrize("rect", [PANE, TAB], ids=["pane", "tab"])
def test_the_october_chart_names_every_point_whole(sample_charts, rect):
    """Its 12 points were all cut at 24 characters ('Observability: tracing…') once one whole name found
    no place; the chart has the room for every whole name."""
    data = sample_charts["October tension session"]
    lay = chart_layout(rect, data)
    assert lay.numbers == {} and len(lay.labels) == 12
    assert cut_names(lay, data) == []
    assert_clear(lay)


def test_the_dense_november_chart_cuts_only_the_name_that_finds_no_room(sample_charts):
    data = sample_charts["November tension session"]
    assert len(data.points) == 20
    lay = chart_layout(TAB, data)
    assert lay.numbers == {} and cut_names(lay, data) == []
    crowded = chart_layout(PANE, data)  # 11 names were cut here
    assert crowded.numbers == {} and len(crowded.labels) == 20
    assert len(cut_names(crowded, data)) <= 1
    assert_clear(lay)
    assert_clear(crowded)


@pytest.mark.parametrize("rect", [PANE, TAB, QRectF(0, 0, 700, 480)], ids=["pane", "tab", "small"])
@pytest.mark.parametrize("title", ["October tension session", "November tension session"])
def test_the_fast_placement_agrees_with_the_reference_on_the_sample(sample_charts, rect, title):
    quadrant._CACHE.clear()
    data = sample_charts[title]
    fast, reference = chart_layout(rect, data), reference_layout(rect, data)
    assert placed(fast) == placed(reference)
    assert centres(fast) == centres(reference)
