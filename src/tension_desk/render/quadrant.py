"""The value-versus-cost 2×2 chart, painted with QPainter for the screen and the PDF alike.

x is effort (person-weeks, low left, high right), y is the combined value (0–100, low bottom, high top).
The four quadrants are quick wins (top-left), big bets (top-right), fill-ins (bottom-left) and money pits
(bottom-right). The two sides differ in marker shape (● product, ▲ engineering) as well as colour.

Geometry is relative to the rect; text and marker sizes are in points (times ``scale``), so the chart looks
the same on a 96-dpi screen and on a 1200-dpi PDF page. ``point_position`` and ``hit_test`` lay the chart
out exactly as ``paint`` does; they measure for the screen unless given the paint ``device``.
"""
from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
)

from tension_desk.domain.model import Side
from tension_desk.render.fonts import ui_font
from tension_desk.render.palette import ACCENT, GRID, INK, MUTED, PAPER, side_colour

LABEL_CHARS = 24

# (title, caption, tint, label colour) per quadrant; the tints are faint so the markers stay in front.
_QUADRANTS = {
    "top_left": ("Quick wins", "high value · low effort", QColor("#E8F3EC"), QColor("#1F5F43")),
    "top_right": ("Big bets", "high value · high effort", QColor("#F4F0E2"), QColor("#5E5020")),
    "bottom_left": ("Fill-ins", "low value · low effort", QColor("#F2F3F5"), QColor("#4A5462")),
    "bottom_right": ("Money pits", "low value · high effort", QColor("#F8EAE8"), QColor("#7D3430")),
}


@dataclass(frozen=True)
class QuadrantPoint:
    priority_id: int
    label: str
    side: Side
    value: float  # combined total, 0..100
    effort: float  # person-weeks


@dataclass(frozen=True)
class QuadrantData:
    points: tuple[QuadrantPoint, ...]
    value_split: float = 50.0
    effort_split: float | None = None  # None: the median effort of the points
    highlighted: int | None = None
    show_labels: bool = True
    title: str = ""


def quadrant_data(priorities, results, title: str = "", highlighted: int | None = None) -> QuadrantData:
    """The chart of a session, on screen and in the PDF alike: one point per priority with a combined value
    and an effort estimate (``results`` are ``PriorityResult``s; none before the reveal, so no points)."""
    by_id = {r.priority_id: r for r in results}
    points = tuple(QuadrantPoint(p.id, p.title, p.side, r.combined, p.effort_weeks) for p in priorities
                   if (r := by_id.get(p.id)) is not None and r.combined is not None and p.effort_weeks is not None)
    return QuadrantData(points=points, highlighted=highlighted, title=title)


# -- markers (also used by the heat-map's priority column) ---------------------------------------------
def marker_path(side: Side, centre: QPointF, radius: float) -> QPainterPath:
    """A circle (product) or an upward triangle (engineering) of about the same visual weight.

    The triangle's circumradius is 1.3 × ``radius`` and its centroid sits on ``centre``.
    """
    path = QPainterPath()
    if side is Side.PRODUCT:
        path.addEllipse(centre, radius, radius)
        return path
    r = radius * 1.3
    cx, cy = centre.x(), centre.y()
    path.moveTo(cx, cy - r)
    path.lineTo(cx + r * math.sqrt(3) / 2, cy + r / 2)
    path.lineTo(cx - r * math.sqrt(3) / 2, cy + r / 2)
    path.closeSubpath()
    return path


def draw_marker(painter: QPainter, side: Side, centre: QPointF, radius: float, outline: float = 0.0) -> None:
    """Fill one side's marker in its colour, with a thin paper-coloured outline when ``outline`` > 0."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if outline > 0:
        pen = QPen(PAPER, outline)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(side_colour(side)))
    painter.drawPath(marker_path(side, centre, radius))
    painter.restore()


# -- layout --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Fonts:
    title: QFont
    legend: QFont
    axis: QFont
    tick: QFont
    quadrant: QFont
    caption: QFont
    label: QFont
    label_bold: QFont


@dataclass(frozen=True)
class _Layout:
    rect: QRectF
    plot: QRectF
    header: QRectF
    px_per_pt: float
    scale: float
    x_max: float
    x_ticks: tuple[float, ...]
    y_ticks: tuple[float, ...]
    value_split: float
    effort_split: float
    fonts: _Fonts
    device: QPaintDevice | None

    def pt(self, points: float) -> float:
        """A length in points (times the chart's scale) in device pixels."""
        return points * self.scale * self.px_per_pt

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device) if self.device is not None else QFontMetricsF(font)

    def x(self, effort: float) -> float:
        return self.plot.left() + max(0.0, min(effort, self.x_max)) / self.x_max * self.plot.width()

    def y(self, value: float) -> float:
        return self.plot.bottom() - max(0.0, min(value, 100.0)) / 100.0 * self.plot.height()

    @property
    def marker_radius(self) -> float:
        return self.pt(4.2)


def _fonts(scale: float) -> _Fonts:
    return _Fonts(
        title=ui_font(11.5 * scale, bold=True),
        legend=ui_font(8.5 * scale),
        axis=ui_font(8.5 * scale),
        tick=ui_font(8 * scale),
        quadrant=ui_font(9.5 * scale, bold=True),
        caption=ui_font(7.5 * scale),
        label=ui_font(8 * scale),
        label_bold=ui_font(8.5 * scale, bold=True),
    )


def _nice_ticks(maximum: float, target: int = 5) -> tuple[float, tuple[float, ...]]:
    """An axis end at or above ``maximum`` and round ticks from 0 to it."""
    maximum = max(maximum, 1e-9)
    raw = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    end = math.ceil(maximum / step - 1e-9) * step
    count = round(end / step)
    return end, tuple(round(i * step, 10) for i in range(count + 1))


def _effort_split(data: QuadrantData) -> float:
    if data.effort_split is not None:
        return max(0.0, data.effort_split)
    efforts = [max(0.0, p.effort) for p in data.points]
    return float(statistics.median(efforts)) if efforts else 5.0


def _px_per_pt(device: QPaintDevice | None) -> float:
    if device is not None:
        return device.logicalDpiY() / 72.0
    screen = QGuiApplication.primaryScreen()
    return (screen.logicalDotsPerInchY() if screen is not None else 96.0) / 72.0


def _layout(rect: QRectF, data: QuadrantData, scale: float, device: QPaintDevice | None) -> _Layout:
    scale = scale if scale > 0 else 1.0
    fonts = _fonts(scale)
    ppt = _px_per_pt(device)

    def fm(font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)

    def pt(points: float) -> float:
        return points * scale * ppt

    split = _effort_split(data)
    largest = max([max(0.0, p.effort) for p in data.points] + [split, 1.0])
    x_max, x_ticks = _nice_ticks(largest * 1.06)
    y_ticks = (0.0, 25.0, 50.0, 75.0, 100.0)

    pad = pt(3)
    inner = QRectF(rect).adjusted(pad, pad, -pad, -pad)
    header_h = max(fm(fonts.title).height() if data.title else 0.0, fm(fonts.legend).height())
    header = QRectF(inner.left(), inner.top(), inner.width(), header_h)
    tick_fm, axis_fm = fm(fonts.tick), fm(fonts.axis)
    tick_w = max(tick_fm.horizontalAdvance(f"{t:g}") for t in y_ticks)
    left = axis_fm.height() + pt(6) + tick_w + pt(4)
    bottom = pt(4) + tick_fm.height() + pt(4) + axis_fm.height()
    right = max(tick_fm.horizontalAdvance(f"{x_ticks[-1]:g}") / 2, pt(4))
    top = header_h + pt(10)
    plot = QRectF(inner.left() + left, inner.top() + top,
                  max(1.0, inner.width() - left - right), max(1.0, inner.height() - top - bottom))
    return _Layout(rect=QRectF(rect), plot=plot, header=header, px_per_pt=ppt, scale=scale, x_max=x_max,
                   x_ticks=x_ticks, y_ticks=y_ticks, value_split=max(0.0, min(100.0, data.value_split)),
                   effort_split=split, fonts=fonts, device=device)


def point_position(rect: QRectF, data: QuadrantData, point: QuadrantPoint, scale: float = 1.0, *,
                   device: QPaintDevice | None = None) -> QPointF:
    """Where ``point``'s marker centre is drawn."""
    lay = _layout(rect, data, scale, device)
    return QPointF(lay.x(point.effort), lay.y(point.value))


def hit_test(rect: QRectF, data: QuadrantData, pos: QPointF, scale: float = 1.0, *,
             device: QPaintDevice | None = None) -> int | None:
    """The id of the priority whose marker is under ``pos`` (the nearest one), or None."""
    lay = _layout(rect, data, scale, device)
    best, best_d = None, None
    for p in data.points:
        radius = lay.marker_radius * (1.5 if p.priority_id == data.highlighted else 1.0)
        reach = max(radius * 1.5, lay.pt(5))
        d = math.hypot(pos.x() - lay.x(p.effort), pos.y() - lay.y(p.value))
        if d <= reach and (best_d is None or d < best_d):
            best, best_d = p.priority_id, d
    return best


# -- painting ------------------------------------------------------------------------------------------
def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def paint(painter: QPainter, rect: QRectF, data: QuadrantData, scale: float = 1.0) -> None:
    """Paint the whole chart (axes, quadrants, points, labels, legend, title) inside ``rect``."""
    lay = _layout(rect, data, scale, painter.device())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(lay.rect, PAPER)
    occupied = _paint_quadrants(painter, lay)
    _paint_axes(painter, lay)
    _paint_points(painter, lay, data, occupied)
    _paint_header(painter, lay, data)
    painter.restore()


def _quadrant_rects(lay: _Layout) -> dict[str, QRectF]:
    p = lay.plot
    sx, sy = lay.x(lay.effort_split), lay.y(lay.value_split)
    return {
        "top_left": QRectF(QPointF(p.left(), p.top()), QPointF(sx, sy)),
        "top_right": QRectF(QPointF(sx, p.top()), QPointF(p.right(), sy)),
        "bottom_left": QRectF(QPointF(p.left(), sy), QPointF(sx, p.bottom())),
        "bottom_right": QRectF(QPointF(sx, sy), QPointF(p.right(), p.bottom())),
    }


def _paint_quadrants(painter: QPainter, lay: _Layout) -> list[QRectF]:
    """Tints, grid, split lines and the quadrant names; returns the rects the names occupy."""
    quads = _quadrant_rects(lay)
    for key, q in quads.items():
        if q.width() > 0 and q.height() > 0:
            painter.fillRect(q, _QUADRANTS[key][2])

    grid = QPen(GRID, lay.pt(0.5))
    painter.setPen(grid)
    for t in lay.x_ticks[1:-1]:
        painter.drawLine(QLineF(lay.x(t), lay.plot.top(), lay.x(t), lay.plot.bottom()))
    for t in lay.y_ticks[1:-1]:
        painter.drawLine(QLineF(lay.plot.left(), lay.y(t), lay.plot.right(), lay.y(t)))

    split = QPen(MUTED, lay.pt(0.9), Qt.PenStyle.DashLine)
    split.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(split)
    sx, sy = lay.x(lay.effort_split), lay.y(lay.value_split)
    painter.drawLine(QLineF(sx, lay.plot.top(), sx, lay.plot.bottom()))
    painter.drawLine(QLineF(lay.plot.left(), sy, lay.plot.right(), sy))

    occupied = []
    name_fm, cap_fm = lay.metrics(lay.fonts.quadrant), lay.metrics(lay.fonts.caption)
    margin = lay.pt(5)
    for key, q in quads.items():
        name, caption, _tint, ink = _QUADRANTS[key]
        box = q.adjusted(margin, margin, -margin, -margin)
        if box.width() <= 0 or box.height() < name_fm.height():
            continue
        right = key.endswith("right")
        bottom = key.startswith("bottom")
        lines = [(name, lay.fonts.quadrant, name_fm, ink)]
        if box.height() >= name_fm.height() + cap_fm.height() + margin and \
                cap_fm.horizontalAdvance(caption) <= box.width():
            lines.append((caption, lay.fonts.caption, cap_fm, MUTED))
        height = sum(m.height() for _t, _f, m, _c in lines)
        y = box.bottom() - height if bottom else box.top()
        for text, font, metrics, colour in lines:
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width())
            w = metrics.horizontalAdvance(shown)
            x = box.right() - w if right else box.left()
            r = QRectF(x, y, w, metrics.height())
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            occupied.append(r)
            y += metrics.height()
    return occupied


def _paint_axes(painter: QPainter, lay: _Layout) -> None:
    plot = lay.plot
    painter.setPen(QPen(MUTED, lay.pt(0.8)))
    painter.drawLine(QLineF(plot.bottomLeft(), plot.bottomRight()))
    painter.drawLine(QLineF(plot.bottomLeft(), plot.topLeft()))

    tick_len = lay.pt(3)
    fm = lay.metrics(lay.fonts.tick)
    painter.setFont(lay.fonts.tick)
    for t in lay.x_ticks:
        x = lay.x(t)
        painter.setPen(QPen(MUTED, lay.pt(0.8)))
        painter.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + tick_len))
        text = f"{t:g}"
        w = fm.horizontalAdvance(text)
        painter.setPen(MUTED)
        painter.drawText(QRectF(x - w / 2 - lay.pt(2), plot.bottom() + lay.pt(4), w + lay.pt(4), fm.height()),
                         Qt.AlignmentFlag.AlignCenter, text)
    for t in lay.y_ticks:
        y = lay.y(t)
        painter.setPen(QPen(MUTED, lay.pt(0.8)))
        painter.drawLine(QLineF(plot.left() - tick_len, y, plot.left(), y))
        text = f"{t:g}"
        painter.setPen(MUTED)
        painter.drawText(QRectF(plot.left() - lay.pt(4) - fm.horizontalAdvance("1000"), y - fm.height() / 2,
                                fm.horizontalAdvance("1000"), fm.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    axis_fm = lay.metrics(lay.fonts.axis)
    painter.setFont(lay.fonts.axis)
    painter.setPen(INK)
    x_title = "Effort (person-weeks)"
    painter.drawText(QRectF(plot.left(), lay.rect.bottom() - lay.pt(3) - axis_fm.height(), plot.width(),
                            axis_fm.height()), Qt.AlignmentFlag.AlignCenter, x_title)
    y_title = "Combined value (0–100)"
    painter.save()
    painter.translate(lay.rect.left() + lay.pt(3), plot.center().y())
    painter.rotate(-90)
    painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), axis_fm.height()),
                     Qt.AlignmentFlag.AlignCenter, y_title)
    painter.restore()


def _overlap(a: QRectF, b: QRectF) -> float:
    return _box_overlap(_box(a), _box(b))


_Box = tuple[float, float, float, float]  # left, top, right, bottom


def _box(r: QRectF) -> _Box:
    return (r.left(), r.top(), r.right(), r.bottom())


def _box_overlap(a: _Box, b: _Box) -> float:
    """Overlap area of two (left, top, right, bottom) boxes: plain arithmetic, no Qt call per pair."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    if w <= 0:
        return 0.0
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if h > 0 else 0.0


def _label_cost(box: _Box, bounds: _Box, placed: list[_Box], markers: list[_Box]) -> float:
    """How bad a label box is: its area outside the plot (four times over), plus its overlap with labels
    already placed and with other points' markers."""
    outside = (box[2] - box[0]) * (box[3] - box[1]) - _box_overlap(box, bounds)
    return outside * 4 + sum(_box_overlap(box, o) for o in placed) + sum(_box_overlap(box, m) for m in markers)


def _paint_points(painter: QPainter, lay: _Layout, data: QuadrantData, occupied: list[QRectF]) -> None:
    r = lay.marker_radius
    highlighted = next((p for p in data.points if p.priority_id == data.highlighted), None)
    others = [p for p in data.points if p is not highlighted]
    centres = {p.priority_id: QPointF(lay.x(p.effort), lay.y(p.value)) for p in data.points}

    # Every marker is an obstacle for the labels, with a margin so that a label never sits closer to
    # another marker than to its own.
    markers = {}
    for p in data.points:
        c = centres[p.priority_id]
        rr = r * (2.4 if p is highlighted else 2.0)
        markers[p.priority_id] = QRectF(c.x() - rr, c.y() - rr, 2 * rr, 2 * rr)
    placed = [_box(o) for o in occupied]
    marker_boxes = {pid: _box(m) for pid, m in markers.items()}

    outline = lay.pt(0.8)
    for p in others:
        draw_marker(painter, p.side, centres[p.priority_id], r, outline)
    if highlighted is not None:
        c = centres[highlighted.priority_id]
        painter.setPen(QPen(ACCENT, lay.pt(1.4)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = r * 1.5 * (1.55 if highlighted.side is Side.ENGINEERING else 1.35)
        painter.drawEllipse(c, ring, ring)
        draw_marker(painter, highlighted.side, c, r * 1.5, outline)

    # Labels: the highlighted one first (it gets the best place), then by value, high to low.
    bounds = lay.plot.adjusted(-lay.pt(2), -lay.pt(2), lay.pt(2), lay.pt(2))
    order = ([highlighted] if highlighted is not None else []) + sorted(others, key=lambda p: -p.value)
    for p in order:
        is_hl = p is highlighted
        if not data.show_labels and not is_hl:
            continue
        font = lay.fonts.label_bold if is_hl else lay.fonts.label
        fm = lay.metrics(font)
        text = " ".join(p.label.split()) if is_hl else short_label(p.label)
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, lay.plot.width() * 0.6)
        w, h = fm.horizontalAdvance(text) + lay.pt(4), fm.height() + lay.pt(1)
        c = centres[p.priority_id]
        gap = r * (2.4 if is_hl else 1.3) + lay.pt(2)
        candidates = [
            QRectF(c.x() + gap, c.y() - h / 2, w, h),
            QRectF(c.x() - gap - w, c.y() - h / 2, w, h),
            QRectF(c.x() - w / 2, c.y() - gap - h, w, h),
            QRectF(c.x() - w / 2, c.y() + gap, w, h),
            QRectF(c.x() + gap * 0.7, c.y() - gap * 0.7 - h, w, h),
            QRectF(c.x() + gap * 0.7, c.y() + gap * 0.7, w, h),
            QRectF(c.x() - gap * 0.7 - w, c.y() - gap * 0.7 - h, w, h),
            QRectF(c.x() - gap * 0.7 - w, c.y() + gap * 0.7, w, h),
        ]

        bounds_box = _box(bounds)
        # only what lies within reach of this point's candidate labels can overlap them
        reach = (c.x() - gap - w, c.y() - gap - h, c.x() + gap + w, c.y() + gap + h)
        near_placed = [o for o in placed if _box_overlap(o, reach) > 0]
        near_markers = [m for pid, m in marker_boxes.items() if pid != p.priority_id and _box_overlap(m, reach) > 0]

        ranked = [(_label_cost(_box(rect), bounds_box, near_placed, near_markers) + i * 0.02 * w * h, rect)
                  for i, rect in enumerate(candidates)]
        penalty, best = min(ranked, key=lambda t: t[0])
        if not is_hl and penalty > 0.3 * w * h:
            continue  # no room: the point keeps its marker; its name is in the tooltip and the table
        placed.append(_box(best))
        if is_hl:
            painter.setPen(QPen(ACCENT, lay.pt(0.6)))
            painter.setBrush(QColor(255, 255, 255, 235))
            painter.drawRoundedRect(best, lay.pt(2), lay.pt(2))
            painter.setPen(ACCENT)
        else:
            painter.setPen(INK)
        painter.setFont(font)
        painter.drawText(best, Qt.AlignmentFlag.AlignCenter, text)


def _paint_header(painter: QPainter, lay: _Layout, data: QuadrantData) -> None:
    header = lay.header
    legend_fm = lay.metrics(lay.fonts.legend)
    r = lay.pt(3.6)
    items = [(Side.PRODUCT, "Product"), (Side.ENGINEERING, "Engineering")]
    widths = [2 * r + lay.pt(4) + legend_fm.horizontalAdvance(text) for _s, text in items]
    spacing = lay.pt(12)
    total = sum(widths) + spacing * (len(items) - 1)
    x = header.right() - total
    cy = header.center().y()
    painter.setFont(lay.fonts.legend)
    for (side, text), w in zip(items, widths, strict=True):
        draw_marker(painter, side, QPointF(x + r, cy + (r * 0.15 if side is Side.ENGINEERING else 0)), r)
        painter.setPen(INK)
        painter.drawText(QRectF(x + 2 * r + lay.pt(4), header.top(), w, header.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        x += w + spacing
    if data.title:
        title_fm = lay.metrics(lay.fonts.title)
        room = header.width() - total - lay.pt(16)
        if room > 0:
            painter.setFont(lay.fonts.title)
            painter.setPen(INK)
            painter.drawText(QRectF(header.left(), header.top(), room, header.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             title_fm.elidedText(data.title, Qt.TextElideMode.ElideRight, room))
