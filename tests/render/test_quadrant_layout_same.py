"""The 2×2 chart's fast label placement puts every marker, label, leader and key entry exactly where the
all-pairs placement it replaced put them (tests/quadrant_reference.py), on sparse and crowded charts,
on screen and on a PDF page (at 300 dpi and the PDFs' own resolution); and a crowded chart's key and numbers
stay on the chart at every size."""
from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QBuffer, QRectF
from PySide6.QtGui import QPdfWriter

from quadrant_reference import reference_layout
from tension_desk.domain.model import Side
from tension_desk.export.pdf import RESOLUTION
from tension_desk.render import quadrant
from tension_desk.render.quadrant import ChartLayout, QuadrantData, QuadrantPoint, chart_layout, hit_test

WORDS = ("Self-serve", "onboarding", "billing", "migration", "SSO", "audit", "log", "export", "search", "v2",
         "latency", "budget", "mobile", "dark", "mode", "API", "rate", "limits", "retire", "legacy", "queue")


def chart(n: int, seed: int, *, clumped: bool = False, highlighted: bool = False, show_labels: bool = True,
          title: str = "", by_number=False) -> QuadrantData:
    """n points with names of 1 to 9 words; ``clumped``: on a few values, so many share a spot; ``by_number``
    (True, or which of the points): numbered "7", named "#7" as the PDF names them."""
    rng = random.Random(seed)
    points = []
    for i in range(1, n + 1):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9)))
        if clumped:
            value, effort = rng.choice((20.0, 50.0, 80.0)), rng.choice((1.0, 3.0, 8.0))
        else:
            value, effort = rng.uniform(0, 100), rng.choice((0.5, 1, 2, 3, 5, 8, 13, 21))
        if by_number is True or (by_number and by_number(i)):
            name = f"#{i}"
        points.append(QuadrantPoint(i * 3, name, rng.choice((Side.PRODUCT, Side.ENGINEERING)), value, effort,
                                    str(i) if by_number else ""))
    hl = points[rng.randrange(n)].priority_id if highlighted and points else None
    return QuadrantData(points=tuple(points), highlighted=hl, show_labels=show_labels, title=title)


def facts(lay: ChartLayout) -> dict:
    """Everything a layout places, as plain numbers and text (exact floats: no fuzzy QRectF compare)."""
    def line(x):
        return None if x is None else (x.x1(), x.y1(), x.x2(), x.y2())

    return {
        "plot": lay.frame.plot.getRect(),
        "centres": {k: (c.x(), c.y()) for k, c in lay.centres.items()},
        "markers": {k: m.getRect() for k, m in lay.markers.items()},
        "names": [(t, f.toString(), c.name(), r.getRect()) for t, f, c, r in lay.names],
        "labels": [(lb.priority_id, lb.text, lb.rect.getRect(), lb.font.toString(), line(lb.leader), lb.boxed)
                   for lb in lay.labels],
        "numbers": lay.numbers,
        "key": [(e.number, e.point, e.text, e.rect.getRect()) for e in lay.key],
        "key_rect": None if lay.key_rect is None else lay.key_rect.getRect(),
    }


CHARTS = [
    pytest.param(chart(1, 1), id="one"),
    pytest.param(chart(6, 2, highlighted=True, title="Sparse"), id="sparse"),
    pytest.param(chart(20, 3), id="sample-size"),
    pytest.param(chart(20, 4, clumped=True, highlighted=True), id="clumped"),
    pytest.param(chart(40, 5, show_labels=False, highlighted=True), id="no-labels"),
    pytest.param(chart(60, 6, highlighted=True), id="crowded"),
    pytest.param(chart(100, 13), id="bench-size"),
    pytest.param(chart(140, 7, clumped=True), id="clumped-crowded"),
    pytest.param(chart(100, 13, by_number=True), id="pdf-numbers"),  # the PDF's "#7a": no key
    pytest.param(chart(100, 13, by_number=lambda i: i % 3 == 0), id="some-numbers"),  # a key of the others
    # no name cut, and in the small pane the names find room only on the split lines (the third try)
    pytest.param(chart(12, 10, by_number=True), id="short-names-on-the-lines"),
]


@pytest.mark.parametrize("data", CHARTS)
@pytest.mark.parametrize("rect, scale", [(QRectF(0, 0, 900, 560), 1.0), (QRectF(10, 20, 420, 300), 1.0),
                                         (QRectF(0, 0, 900, 560), 1.6)], ids=["pane", "small", "scaled"])
def test_the_chart_on_screen_is_laid_out_as_the_all_pairs_placement_lays_it_out(qapp, data, rect, scale):
    quadrant._CACHE.clear()
    assert facts(quadrant.chart_layout(rect, data, scale)) == facts(reference_layout(rect, data, scale))


@pytest.mark.parametrize("data", CHARTS)
@pytest.mark.parametrize("dpi", [300, RESOLUTION], ids=["300dpi", "the-pdfs"])
def test_the_chart_on_a_pdf_page_is_laid_out_as_the_all_pairs_placement_lays_it_out(qapp, data, dpi):
    writer = QPdfWriter(QBuffer())
    writer.setResolution(dpi)
    # the session record's chart on an A4 page (measured at 300 dpi)
    rect = QRectF(0.0, 325.3333333333333 * dpi / 300, 2101.0 * dpi / 300, 1512.72 * dpi / 300)
    quadrant._CACHE.clear()
    assert facts(quadrant.chart_layout(rect, data, device=writer)) == facts(reference_layout(rect, data, device=writer))


def test_a_leader_meets_a_box_exactly_where_the_reference_says_it_does():
    """The placement's segment-box test (unrolled for speed) answers as the reference's Liang–Barsky loop on
    segments of every direction, lines along and through the edges, single points and ends on the corners."""
    from quadrant_reference import _segment_meets as reference_meets

    rng = random.Random(15)
    box = (2.0, 3.0, 6.0, 7.0)
    coords = (0.0, 2.0, 3.0, 4.5, 6.0, 7.0, 9.0)  # outside, on the edges and inside, so ties are met
    segments = [(x0, y0, x1, y1) for x0 in coords for y0 in coords for x1 in coords for y1 in coords]
    segments += [tuple(rng.uniform(-1, 10) for _ in range(4)) for _ in range(3000)]
    answers = [(seg, quadrant._segment_meets(seg, box)) for seg in segments]
    assert answers == [(seg, reference_meets(seg, box)) for seg in segments]
    assert any(meets for _s, meets in answers) and not all(meets for _s, meets in answers)


# -- a crowded chart's key and numbers stay on the chart at every size -----------------------------------
EPS = 1e-6  # rounding in the sums of column widths
SIZES = [QRectF(0, 0, 993, 532), QRectF(0, 0, 900, 560), QRectF(0, 0, 700, 450)]
PDF_RECT = QRectF(0.0, 325.3333333333333, 2101.0, 1512.72)  # the session record's chart on an A4 page


def long_titles(n: int = 100) -> QuadrantData:
    """n points numbered as a session's matrix numbers tied rows ("12a"), with long titles."""
    sides = (Side.PRODUCT, Side.ENGINEERING)
    return QuadrantData(points=tuple(
        QuadrantPoint(i, f"Failover drill for the regional database cluster number {i}", sides[i % 2],
                      100 - i * 0.9, (i * 7) % 23 + 0.5, f"{i}a") for i in range(1, n + 1)))


def layouts(data: QuadrantData):
    for rect in SIZES:
        quadrant._CACHE.clear()
        yield rect, chart_layout(rect, data)
    writer = QPdfWriter(QBuffer())
    writer.setResolution(300)
    quadrant._CACHE.clear()
    yield PDF_RECT, chart_layout(PDF_RECT, data, device=writer)


def inside(outer: QRectF, inner: QRectF) -> bool:
    return outer.adjusted(-EPS, -EPS, EPS, EPS).contains(inner)


@pytest.mark.parametrize("data", [long_titles(), chart(100, 13)], ids=["long-titles", "bench-size"])
def test_every_key_entry_of_a_100_point_chart_lies_on_the_chart_and_in_its_key_at_every_size(qapp, data):
    for rect, lay in layouts(data):
        assert lay.key and len(lay.key) == 100
        for entry in lay.key:
            assert inside(rect, entry.rect) and inside(lay.key_rect, entry.rect), (rect.getRect(), entry.number)
        assert not lay.key_rect.intersects(lay.frame.plot)
        for entry in (lay.key[0], lay.key[-1]):  # an entry elided to its column names its point in the tooltip
            assert hit_test(rect, data, entry.rect.center(), device=lay.frame.device) == entry.point.priority_id


@pytest.mark.parametrize("data", [long_titles(), chart(100, 13)], ids=["long-titles", "bench-size"])
def test_every_number_of_a_crowded_chart_lies_inside_the_plot_clear_of_the_key(qapp, data):
    """Even a number with no free place near its marker (printed by it), at the plot's right edge."""
    for rect, lay in layouts(data):
        f = lay.frame
        bounds = f.plot.adjusted(-f.pt(2), -f.pt(2), f.pt(2), f.pt(2))
        for label in lay.labels:
            assert inside(bounds, label.rect), (rect.getRect(), label.text)
            assert not label.rect.intersects(lay.key_rect), (rect.getRect(), label.text)
