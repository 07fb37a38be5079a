"""The 2×2 chart names every point: no label is dropped, none covers another label, a marker or a
quadrant name, each sits by its marker; a crowded chart numbers its markers and names them in a key."""
from __future__ import annotations

import itertools
import math
import random

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from tension_desk.domain.model import Side
from tension_desk.render import quadrant
from tension_desk.render.quadrant import QuadrantData, QuadrantPoint, chart_layout, hit_test, paint
from tension_desk.services.record import build_session_record
from tension_desk.services.sample import add_sample

SCREEN = QRectF(0, 0, 900, 560)  # the chart pane at 1280×720


@pytest.fixture
def sample_chart(qapp, desk) -> QuadrantData:
    """The sample's largest session (20 priorities) as the app charts it."""
    charts = []
    for sid in add_sample(desk):
        record = build_session_record(desk, sid)
        charts.append(quadrant.quadrant_data(record.priorities, record.results, record.session.title))
    chart = max(charts, key=lambda c: len(c.points))
    assert len(chart.points) == 20
    return chart


def crowded(n: int = 52, seed: int = 3) -> QuadrantData:
    rng = random.Random(seed)
    sides = (Side.PRODUCT, Side.ENGINEERING)
    return QuadrantData(points=tuple(
        QuadrantPoint(i, f"Crowded priority number {i} with a long title", sides[i % 2],
                      rng.uniform(15, 95), rng.choice([1, 2, 3, 5, 8, 13])) for i in range(1, n + 1)))


def gap(rect: QRectF, p: QPointF) -> float:
    """Distance from a point to a rectangle (0 inside)."""
    dx = max(rect.left() - p.x(), 0.0, p.x() - rect.right())
    dy = max(rect.top() - p.y(), 0.0, p.y() - rect.bottom())
    return math.hypot(dx, dy)


def meet(a: QRectF, b: QRectF) -> bool:
    return a.intersected(b).width() > 0.01 and a.intersected(b).height() > 0.01


def assert_clear(lay) -> None:
    """No label over another label, a marker or a quadrant name; labels inside the plot; leaders short."""
    labels = lay.labels
    for a, b in itertools.combinations(labels, 2):
        assert not meet(a.rect, b.rect), (a.text, b.text)
    for label in labels:
        for pid, marker in lay.markers.items():
            assert not meet(label.rect, marker), (label.text, pid)
        for name, *_x, r in lay.names:
            assert not meet(label.rect, r), (label.text, name)
        plot = lay.frame.plot.adjusted(-3, -3, 3, 3)
        assert plot.contains(label.rect), label.text
    for a, b in itertools.combinations(lay.markers.values(), 2):
        assert not meet(a, b)  # markers at the same spot sit side by side


def assert_near(lay, reach: float) -> None:
    """Each label by its own marker: within reach, and joined by a leader line unless right next to it."""
    for label in lay.labels:
        centre = lay.centres[label.priority_id]
        distance = gap(label.rect, centre)
        assert distance <= reach, (label.text, distance)
        marker = lay.markers[label.priority_id]
        if distance > marker.width():
            assert label.leader is not None, label.text
            assert gap(label.rect, label.leader.p2()) < 0.5 and gap(marker, label.leader.p1()) < 1


def test_every_point_of_the_sample_is_named_beside_its_marker(sample_chart):
    lay = chart_layout(SCREEN, sample_chart)
    assert lay.numbers == {} and lay.key == ()
    named = {label.priority_id: label.text for label in lay.labels}
    assert set(named) == {p.priority_id for p in sample_chart.points}  # none dropped
    for p in sample_chart.points:
        shown = named[p.priority_id].rstrip("…")
        assert " ".join(p.label.split()).startswith(shown) and len(shown) >= 12
    assert_clear(lay)
    assert_near(lay, lay.frame.pt(quadrant.REACH_PT) + 1)


def test_a_highlighted_point_is_named_in_full(sample_chart):
    target = max(sample_chart.points, key=lambda p: len(p.label))
    from dataclasses import replace

    lay = chart_layout(SCREEN, replace(sample_chart, highlighted=target.priority_id))
    label = next(label for label in lay.labels if label.priority_id == target.priority_id)
    assert label.boxed and label.text.endswith(" ".join(target.label.split()))
    assert_clear(lay)


def test_a_crowded_chart_numbers_every_marker_and_names_them_in_a_key(qapp):
    data = crowded()
    lay = chart_layout(SCREEN, data)
    ids = {p.priority_id for p in data.points}
    # points not of a session's results (no "#" label to number them by): 1 to 52 from the highest value
    assert set(lay.numbers) == ids and sorted(lay.numbers.values(), key=int) == [str(n) for n in range(1, 53)]
    assert {label.priority_id: label.text for label in lay.labels} == lay.numbers
    assert_clear(lay)
    assert_near(lay, lay.frame.pt(quadrant.REACH_PT) + 1)
    # The key beside the chart: every number once, with the title it stands for, clear of the plot.
    assert [e.number for e in lay.key] == [str(n) for n in range(1, 53)]
    for entry in lay.key:
        assert lay.numbers[entry.point.priority_id] == entry.number
        assert entry.point.label.startswith(entry.text.rstrip("…")) and len(entry.text) >= 10
        assert SCREEN.contains(entry.rect) and lay.key_rect.contains(entry.rect)
    assert not meet(lay.key_rect, lay.frame.plot)
    for a, b in itertools.combinations(lay.key, 2):
        assert not meet(a.rect, b.rect)
    # Highest value first, so the key reads as a ranking by value.
    values = [e.point.value for e in lay.key]
    assert values == sorted(values, reverse=True)


def test_a_crowded_charts_numbers_stay_near_their_markers_not_across_the_chart(qapp):
    """A clump of 60 points in one corner and the rest of the plot empty: a number with no room near its marker
    sits by it (the key names it) rather than at the far side of the chart at the end of a long leader."""
    rng = random.Random(5)
    clump = [QuadrantPoint(i, f"Clumped priority {i}", (Side.PRODUCT, Side.ENGINEERING)[i % 2],
                           rng.uniform(88, 96), rng.uniform(0.5, 1.5)) for i in range(1, 61)]
    data = QuadrantData(points=(*clump, QuadrantPoint(99, "Far", Side.PRODUCT, 5, 13)))
    lay = chart_layout(SCREEN, data)
    assert len(lay.numbers) == 61 and len(lay.labels) == 61
    reach = lay.frame.pt(quadrant.NUMBER_REACH_PT) + 1
    for label in lay.labels:
        assert gap(label.rect, lay.centres[label.priority_id]) <= reach, label.text


def test_the_sample_in_a_small_pane_is_numbered_not_cut(sample_chart):
    lay = chart_layout(QRectF(0, 0, 560, 400), sample_chart)
    assert len(lay.labels) == 20 and len(lay.key) == 20
    assert_clear(lay)


def test_points_at_the_same_spot_are_drawn_side_by_side_and_each_is_found(qapp):
    points = tuple(QuadrantPoint(i, f"Twin {i}", Side.PRODUCT if i % 2 else Side.ENGINEERING, 70.0, 4.0)
                   for i in range(1, 4))
    data = QuadrantData(points=points, effort_split=8.0)
    lay = chart_layout(SCREEN, data)
    centres = [lay.centres[p.priority_id] for p in points]
    assert len({(round(c.x()), round(c.y())) for c in centres}) == 3
    assert {round(c.y()) for c in centres} == {round(centres[0].y())}  # one row
    for a, b in itertools.combinations(lay.markers.values(), 2):
        assert not meet(a, b)
    for p, c in zip(points, centres, strict=True):
        assert hit_test(SCREEN, data, c) == p.priority_id
    assert {label.text for label in lay.labels} == {"Twin 1", "Twin 2", "Twin 3"}
    assert_clear(lay)


@pytest.mark.parametrize("n, seed", [(100, 11), (140, 12), (52, 3)])
def test_no_marker_covers_another_however_crowded_the_chart(qapp, n, seed):
    """A hundred priorities on a few efforts and a band of values (a real session's spread): markers that
    would cover each other are spread side by side, and a spread group that then touches its neighbours joins
    them, until no marker covers another (the chart went on regrouping from scratch, gave up after 24 rounds,
    and left markers on top of each other)."""
    rng = random.Random(seed)
    data = QuadrantData(points=tuple(
        QuadrantPoint(i, f"Priority {i}", (Side.PRODUCT, Side.ENGINEERING)[i % 2], rng.uniform(30, 75),
                      rng.randint(1, 15)) for i in range(1, n + 1)))
    for rect in (SCREEN, QRectF(0, 0, 560, 400)):
        lay = chart_layout(rect, data)
        for (a, box_a), (b, box_b) in itertools.combinations(lay.markers.items(), 2):
            assert not meet(box_a, box_b), (a, b)


def test_a_large_group_of_markers_is_spread_in_a_square_block_not_a_tall_column(qapp):
    """Two hundred priorities on two neighbouring spots become one group, spread as square as it goes (rows of
    four made a column 50 markers high, five times the plot's height), every marker still apart from the
    others."""
    data = QuadrantData(points=tuple(QuadrantPoint(i, f"P{i}", Side.PRODUCT, 50 + (i % 2) * 3, 5)
                                     for i in range(1, 201)))
    lay = chart_layout(SCREEN, data)
    xs, ys = [c.x() for c in lay.centres.values()], [c.y() for c in lay.centres.values()]
    step = max(m.width() for m in lay.markers.values())
    assert max(ys) - min(ys) <= max(xs) - min(xs) + 2 * step
    assert max(ys) - min(ys) < lay.frame.plot.height()
    for (a, box_a), (b, box_b) in itertools.combinations(lay.markers.items(), 2):
        assert not meet(box_a, box_b), (a, b)


def test_a_key_entry_too_narrow_for_its_name_shows_no_fragment_that_reads_as_another_number(qapp):
    """The PDF's chart names its points "#31b" (the matrix row): cut to "#3…" in a narrow key it read as
    priority #3. A name is shown whole, cut with at least three of its characters, or not at all."""
    lay = chart_layout(SCREEN, crowded())
    fm = lay.frame.metrics(lay.frame.fonts.label)
    assert quadrant.key_text(fm, "#31b", fm.horizontalAdvance("#3…") + 0.5) == ""
    assert quadrant.key_text(fm, "#31b", fm.horizontalAdvance("#31b") + 0.5) == "#31b"
    cut = quadrant.key_text(fm, "Failover drill for the EU region", fm.horizontalAdvance("Failover d…") + 0.5)
    assert cut.endswith("…") and cut.startswith("Failover")


def test_chart_text_is_at_least_12_px_on_screen(sample_chart):
    for data in (sample_chart, crowded()):
        lay = chart_layout(SCREEN, data)
        fonts = [label.font for label in lay.labels] + [f for _t, f, _c, _r in lay.names]
        fonts += [getattr(lay.frame.fonts, name) for name in lay.frame.fonts.__dataclass_fields__]
        for font in fonts:
            assert font.pointSizeF() * lay.frame.px_per_pt >= 12 - 1e-6, font.pointSizeF()


def test_painted_labels_are_where_the_layout_says(sample_chart):
    img = QImage(int(SCREEN.width()), int(SCREEN.height()), QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    paint(painter, SCREEN, sample_chart)
    painter.end()
    lay = chart_layout(SCREEN, sample_chart, device=img)
    for label in lay.labels:  # dark ink inside every label's box
        r = label.rect.toRect()
        dark = sum(img.pixelColor(x, y).lightness() < 110 for x in range(r.left(), r.right())
                   for y in range(r.top(), r.bottom()))
        assert dark > 10, label.text


def test_where_there_is_room_every_point_is_named_in_full(qapp):
    """A dozen priorities on the chart pane at 1280×720: every name is whole ('Retire the legacy reporting
    service', not 'Retire the legacy repor…'), as the shared screen has the room for them."""
    titles = ["SSO for enterprise (SAML)", "Retire the legacy reporting service", "In-app analytics dashboard",
              "Observability: tracing across services", "Split the billing monolith", "Usage-based billing"]
    points = tuple(QuadrantPoint(i + 1, t, Side.PRODUCT if i % 2 else Side.ENGINEERING, 20 + 12 * i, 2 + 2 * i)
                   for i, t in enumerate(titles))
    data = QuadrantData(points=points)
    lay = chart_layout(SCREEN, data)
    assert sorted(label.text for label in lay.labels) == sorted(titles)
