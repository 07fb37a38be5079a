"""The value-versus-cost 2×2 chart, painted to an image and to a PDF, checked by its pixels."""
from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

from tension_desk.domain.model import Side
from tension_desk.render.palette import ENGINEERING_COLOUR, PRODUCT_COLOUR
from tension_desk.render.quadrant import QuadrantData, QuadrantPoint, chart_layout, hit_test, paint, point_position

W, H = 600, 450
RECT = QRectF(0, 0, W, H)


def render(data: QuadrantData, scale: float = 1.0, size=(W, H)) -> QImage:
    img = QImage(*size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    paint(painter, QRectF(0, 0, *size), data, scale)
    painter.end()
    return img


def near(c: QColor, target: QColor, tol: int = 12) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c.getRgb()[:3], target.getRgb()[:3], strict=True))


def pixel(img: QImage, pos: QPointF) -> QColor:
    return img.pixelColor(round(pos.x()), round(pos.y()))


def count(img: QImage, colour: QColor, left: float, top: float, right: float, bottom: float) -> int:
    return sum(near(img.pixelColor(x, y), colour, 30)
               for x in range(max(0, int(left)), min(img.width(), int(right) + 1))
               for y in range(max(0, int(top)), min(img.height(), int(bottom) + 1)))


def one(side: Side, value: float, effort: float, **kw) -> QuadrantData:
    return QuadrantData(points=(QuadrantPoint(7, "Self-serve onboarding", side, value, effort),),
                        effort_split=10.0, **kw)


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def test_quick_win_is_drawn_in_the_top_left_quadrant_and_hit(qapp):
    data = one(Side.PRODUCT, value=90, effort=2)
    img = QImage(W, H, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    painter = QPainter(img)
    paint(painter, RECT, data)
    painter.end()
    pos = point_position(RECT, data, data.points[0], device=img)
    split = point_position(RECT, data, QuadrantPoint(0, "", Side.PRODUCT, data.value_split, 10.0), device=img)
    assert pos.x() < split.x() and pos.y() < split.y()  # left of the effort split, above the value split
    assert near(pixel(img, pos), PRODUCT_COLOUR)
    assert hit_test(RECT, data, pos, device=img) == 7
    assert hit_test(RECT, data, pos + QPointF(3, -2), device=img) == 7
    assert hit_test(RECT, data, QPointF(W - 20, H - 60), device=img) is None
    # Without a device, positions are measured for the screen (96 dpi offscreen, like a QImage).
    assert point_position(RECT, data, data.points[0]) == pos


def test_quadrant_backgrounds_are_tinted_differently():
    data = one(Side.PRODUCT, value=90, effort=2)
    img = render(data)
    tl = point_position(RECT, data, QuadrantPoint(0, "", Side.PRODUCT, 62, 6), device=img)
    br = point_position(RECT, data, QuadrantPoint(0, "", Side.PRODUCT, 38, 14), device=img)
    a, b = pixel(img, tl), pixel(img, br)
    assert a != b
    for c in (a, b):  # subtle: nearly paper
        assert min(c.red(), c.green(), c.blue()) > 215


def test_engineering_marker_is_a_triangle_and_product_a_circle():
    def widths(side: Side, colour: QColor) -> tuple[int, int]:
        """The marker's width a quarter of the way down its height and three quarters down."""
        data = one(side, value=75, effort=15, show_labels=False)
        img = render(data, scale=2.0)
        c = point_position(RECT, data, data.points[0], 2.0, device=img)
        cx, cy = round(c.x()), round(c.y())
        rows = [y for y in range(cy - 30, cy + 31) if count(img, colour, cx - 30, y, cx + 30, y)]
        top, bottom = min(rows), max(rows)

        def width_at(f: float) -> int:
            y = top + f * (bottom - top)
            return count(img, colour, cx - 30, y, cx + 30, y)

        return width_at(0.25), width_at(0.75)

    upper, lower = widths(Side.ENGINEERING, ENGINEERING_COLOUR)
    assert lower > 2 * upper > 0  # an upward triangle: narrow near its apex, wide near its base
    upper, lower = widths(Side.PRODUCT, PRODUCT_COLOUR)
    assert abs(upper - lower) <= 2  # a circle is symmetric

    # Shape *and* colour: no engineering orange in a chart of one product point.
    img = render(one(Side.PRODUCT, 75, 15, show_labels=False))
    assert count(img, ENGINEERING_COLOUR, 0, 40, W, H) == 0


def test_highlighted_point_is_larger_and_scale_grows_markers():
    plain = one(Side.PRODUCT, 70, 12, show_labels=False)
    lit = one(Side.PRODUCT, 70, 12, show_labels=False, highlighted=7)

    def blue(data, scale=1.0):
        img = render(data, scale)
        c = point_position(RECT, data, data.points[0], scale, device=img)
        return count(img, PRODUCT_COLOUR, c.x() - 30, c.y() - 30, c.x() + 30, c.y() + 30)

    assert blue(lit) > 1.8 * blue(plain)
    assert blue(plain, 2.0) > 3 * blue(plain)


def test_effort_split_defaults_to_the_median():
    points = tuple(QuadrantPoint(i, f"P{i}", Side.PRODUCT, 40 + i * 10, e) for i, e in enumerate((1, 6, 20)))
    median = render(QuadrantData(points=points))
    explicit = render(QuadrantData(points=points, effort_split=6.0))
    other = render(QuadrantData(points=points, effort_split=12.0))
    assert median == explicit
    assert median != other


def test_every_point_is_found_where_it_is_drawn_and_labels_do_not_break_it():
    sides = (Side.PRODUCT, Side.ENGINEERING)
    points = tuple(QuadrantPoint(i, f"A rather long priority title number {i} that goes on", sides[i % 2],
                                 value=8 + (i * 37) % 85, effort=1 + (i * 7) % 23) for i in range(14))
    data = QuadrantData(points=points, highlighted=3, title="2026-Q4 — value versus cost")
    img = render(data)
    for p in points:
        pos = point_position(RECT, data, p, device=img)
        assert hit_test(RECT, data, pos, device=img) == p.priority_id
        assert near(pixel(img, pos), PRODUCT_COLOUR if p.side is Side.PRODUCT else ENGINEERING_COLOUR, 40)


def test_empty_and_odd_data_paint_without_error():
    render(QuadrantData(points=()))
    render(QuadrantData(points=(QuadrantPoint(1, "", Side.ENGINEERING, 140, -3),), value_split=0))
    render(QuadrantData(points=(QuadrantPoint(1, "x", Side.PRODUCT, 50, 0),)), size=(120, 90))


def test_pdf_at_1200_dpi(tmp_path):
    from pypdf import PdfReader

    points = (QuadrantPoint(1, "Enterprise SSO (SAML)", Side.PRODUCT, 82, 10),
              QuadrantPoint(2, "Migrate to Postgres 16", Side.ENGINEERING, 55, 9),
              QuadrantPoint(3, "Dark mode", Side.PRODUCT, 31, 3))
    data = QuadrantData(points=points, highlighted=2, title="Value versus cost")
    path = tmp_path / "chart.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    rect = QRectF(0, 0, writer.width(), writer.width() * 0.7)
    paint(painter, rect, data)
    painter.end()
    text = " ".join(PdfReader(str(path)).pages[0].extract_text().replace("\ufb00", "ff").split())
    for words in ("Quick wins", "Big bets", "Fill-ins", "Money pits", "Effort (person-weeks)",
                  "Enterprise SSO (SAML)", "Migrate to Postgres 16", "Product", "Engineering"):
        assert words in text
    # The same rect-relative layout: the point sits at the same fraction of the chart as on screen.
    pos = point_position(rect, data, points[0], device=writer)
    img = render(data)
    on_screen = point_position(RECT, data, points[0], device=img)
    assert pos.x() / rect.width() == pytest.approx(on_screen.x() / W, abs=0.03)
    assert pos.y() / rect.height() == pytest.approx(on_screen.y() / H, abs=0.03)



def _crowded(name) -> QuadrantData:
    """100 points numbered as a session's matrix numbers its rows ("31b"), each named ``name(number)``."""
    rng = random.Random(4)
    return QuadrantData(points=tuple(
        QuadrantPoint(i, name(f"{i}b"), (Side.PRODUCT, Side.ENGINEERING)[i % 2], rng.uniform(20, 80),
                      rng.choice([1, 2, 3, 5, 8]), f"{i}b") for i in range(1, 101)))


def test_a_crowded_pdf_chart_has_no_key_and_its_plot_takes_the_charts_width(tmp_path):
    """The PDF names its points by their matrix row ("#31b"), so a key would only say "31b ▲" again: a crowded
    PDF chart has none, and its plot has the room a key of names takes. Every number is on the page, none
    with a "#"."""
    from pypdf import PdfReader

    by_number, by_name = _crowded(lambda n: f"#{n}"), _crowded(lambda n: f"Failover drill {n}")
    path = tmp_path / "crowded.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    rect = QRectF(0, 0, writer.width(), writer.width() * 0.72)
    numbered, named = chart_layout(rect, by_number, device=writer), chart_layout(rect, by_name, device=writer)
    assert numbered.numbers and named.numbers  # both crowded: numbered markers
    assert not numbered.key and numbered.key_rect is None
    assert len(named.key) == 100  # a key of names is still there where the points have names
    assert numbered.frame.plot.right() > named.key_rect.left()  # the plot reaches where a key would start
    assert numbered.frame.plot.width() > 0.85 * rect.width()
    painter = QPainter(writer)
    paint(painter, rect, by_number)
    painter.end()
    words = PdfReader(str(path)).pages[0].extract_text().split()
    assert not [w for w in words if w.startswith("#")]
    assert {f"{i}b" for i in range(1, 101)} <= set(words)


def test_a_crowded_charts_key_lists_only_the_points_whose_names_say_more_than_their_numbers():
    data = _crowded(lambda n: f"#{n}" if n.startswith("1") else f"Search {n}")
    lay = chart_layout(QRectF(0, 0, 993, 532), data)
    assert lay.numbers and len(lay.numbers) == 100
    listed = [e.number for e in lay.key]
    assert listed == [f"{i}b" for i in range(1, 101) if not str(i).startswith("1")]
    assert all(e.text == f"Search {e.number}" for e in lay.key)


SPLIT_SPOTS = [(62, 9.4), (50.5, 4.0), (49.5, 10.0), (47, 6.0), (56, 10.6), (44, 13.0), (53, 7.5), (51, 12.0)]


def beside_the_splits(label, count: int = len(SPLIT_SPOTS)) -> QuadrantData:
    """Points on and just beside the dashed split lines (as #4, #9 and #10 in the October sample)."""
    return QuadrantData(points=tuple(QuadrantPoint(i, label(i), Side.ENGINEERING if i % 2 else Side.PRODUCT, v, e)
                                     for i, (v, e) in enumerate(SPLIT_SPOTS[:count], start=1)), effort_split=10.0)


def _split_lines(lay):
    f = lay.frame
    sx, sy = f.x(f.effort_split), f.y(f.value_split)
    return (sx, f.plot.top(), sx, f.plot.bottom()), (f.plot.left(), sy, f.plot.right(), sy)


def _crosses(line, rect: QRectF) -> bool:
    x0, y0, x1, y1 = line
    if x0 == x1:
        return rect.left() < x0 < rect.right() and min(y0, y1) < rect.bottom() and rect.top() < max(y0, y1)
    return rect.top() < y0 < rect.bottom() and min(x0, x1) < rect.right() and rect.left() < max(x0, x1)


@pytest.mark.parametrize("data", [beside_the_splits(lambda i: f"#{i}"),
                                  beside_the_splits(lambda i: f"Priority {i}", count=5)], ids=["ranks", "names"])
def test_labels_of_points_beside_the_split_lines_sit_clear_of_them(data):
    lay = chart_layout(RECT, data)
    assert len(lay.labels) == len(data.points) and not lay.numbers
    crossed = [(label.text, line) for label in lay.labels for line in _split_lines(lay) if _crosses(line, label.rect)]
    assert not crossed


def test_where_every_name_cannot_avoid_a_split_line_the_line_stops_under_the_label():
    """Too crowded to keep every name off the lines: the names stay, and each label's halo hides the dashes."""
    from tension_desk.render.palette import MUTED

    data = beside_the_splits(lambda i: f"Priority number {i}")
    img = render(data)
    lay = chart_layout(RECT, data, device=img)
    assert not lay.numbers  # names, not a numbered key
    (vx, *_v), (_l, hy, *_h) = _split_lines(lay)
    along = []
    for label in lay.labels:
        r = label.rect
        if r.left() < vx < r.right():
            along += [img.pixelColor(round(vx), y) for y in range(int(r.top()) + 1, int(r.bottom()))]
        if r.top() < hy < r.bottom():
            along += [img.pixelColor(x, round(hy)) for x in range(int(r.left()) + 1, int(r.right()))]
    assert len(along) > 50  # the case is real: some labels lie across a line
    dashes = sum(near(c, MUTED, 30) for c in along)
    assert dashes < len(along) * 0.15  # only the odd anti-aliased glyph edge, no dash


def test_markers_painted_together_look_as_painted_one_by_one():
    """The chart paints its markers in one go (``draw_markers``, the painter's pen and brush set once): each
    keeps its own side's colour and shape, and where outlined markers overlap, the later one lies on top, just
    as ``draw_marker`` paints them one after another."""
    from tension_desk.render.quadrant import draw_marker, draw_markers

    sides = (Side.PRODUCT, Side.ENGINEERING, Side.ENGINEERING, Side.PRODUCT, Side.ENGINEERING, Side.PRODUCT)
    markers = [(side, QPointF(20 + 9 * i, 20 + 4 * (i % 2))) for i, side in enumerate(sides)]

    def image(draw) -> QImage:
        img = QImage(90, 40, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.white)
        painter = QPainter(img)
        draw(painter)
        painter.end()
        return img

    together = image(lambda p: draw_markers(p, markers, 6.5, 1.2))
    one_by_one = image(lambda p: [draw_marker(p, side, c, 6.5, 1.2) for side, c in markers])
    assert together == one_by_one
    assert near(pixel(together, QPointF(20, 20)), PRODUCT_COLOUR) and near(pixel(together, QPointF(29, 25)),
                                                                            ENGINEERING_COLOUR)
    assert near(pixel(together, QPointF(61, 23)), PRODUCT_COLOUR)  # the last circle, on the triangle before it
