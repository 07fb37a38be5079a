"""Trend charts shared by the screen and the PDF: the split's history, and time from idea to value.

Both are plain QPainter drawings into a rect, labelled in words so colour is never the only cue.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from tension_desk.domain.model import Decision, Priority, Side
from tension_desk.render.fonts import on_paper, ui_font
from tension_desk.render.palette import GRID, INK, MUTED, hairline, side_colour, text_colour_on
from tension_desk.render.quadrant import draw_marker


def _px(painter: QPainter, points: float) -> float:
    device = painter.device()
    dpi = device.logicalDpiY() if device is not None else 96
    return points * dpi / 72.0


@dataclass(frozen=True)
class SplitPoint:
    quarter: str
    product_share: float  # agreed, %
    engineering_share: float
    engineering_actual: float | None  # % of the accepted/delivered weeks that were engineering's


def bar_colour(side: Side) -> QColor:
    """A side's bar in the capacity trend: its colour at two-thirds strength on paper."""
    c, a = side_colour(side), 170 / 255
    return QColor(*(round(v * a + 255 * (1 - a)) for v in (c.red(), c.green(), c.blue())))


def bar_text_colour(side: Side) -> QColor:
    """The share written on a side's bar: black or white, whichever reads better on it (≥ 4.5:1)."""
    return text_colour_on(bar_colour(side))


def paint_split_history(painter: QPainter, rect: QRectF, points: list[SplitPoint], scale: float = 1.0) -> None:
    """One stacked bar per quarter (agreed product share below, engineering above) and a ▲ marker at
    engineering's actual share, so a squeezed quarter shows the marker below its band."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = ui_font(9 * scale, paper=on_paper(painter.device()))
    painter.setFont(font)
    left = _px(painter, 34 * scale)
    bottom = _px(painter, 34 * scale)
    top = _px(painter, 22 * scale)
    plot = QRectF(rect.left() + left, rect.top() + top,
                  rect.width() - left - _px(painter, 8), rect.height() - top - bottom)
    painter.setPen(MUTED)
    for pct in (0, 25, 50, 75, 100):
        y = plot.bottom() - plot.height() * pct / 100
        painter.setPen(QPen(GRID, hairline(painter)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(MUTED)
        painter.drawText(QRectF(rect.left(), y - _px(painter, 7), left - _px(painter, 4), _px(painter, 14)),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{pct}%")
    painter.setPen(INK)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), top),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     "Agreed split per quarter (bars) and engineering's actual share (▲)")
    if not points:
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No capacity plans yet.")
        painter.restore()
        return
    slot = plot.width() / len(points)
    bar_w = min(slot * 0.55, _px(painter, 60 * scale))
    for i, p in enumerate(points):
        cx = plot.left() + slot * (i + 0.5)
        prod_h = plot.height() * p.product_share / 100
        eng_h = plot.height() * p.engineering_share / 100
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bar_colour(Side.PRODUCT))
        painter.drawRect(QRectF(cx - bar_w / 2, plot.bottom() - prod_h, bar_w, prod_h))
        painter.setBrush(bar_colour(Side.ENGINEERING))
        painter.drawRect(QRectF(cx - bar_w / 2, plot.bottom() - prod_h - eng_h, bar_w, eng_h))
        painter.setPen(bar_text_colour(Side.PRODUCT))
        painter.drawText(QRectF(cx - bar_w / 2, plot.bottom() - prod_h, bar_w, prod_h), Qt.AlignmentFlag.AlignCenter,
                         f"P {p.product_share:g}%")
        painter.setPen(bar_text_colour(Side.ENGINEERING))
        painter.drawText(QRectF(cx - bar_w / 2, plot.bottom() - prod_h - eng_h, bar_w, eng_h),
                         Qt.AlignmentFlag.AlignCenter, f"E {p.engineering_share:g}%")
        if p.engineering_actual is not None:
            # engineering's actual share, measured from the top of the bar like the engineering band
            y = plot.top() + plot.height() * p.engineering_actual / 100
            marker = QPointF(cx + bar_w / 2 + _px(painter, 9 * scale), y)
            draw_marker(painter, Side.ENGINEERING, marker, _px(painter, 5 * scale),
                        outline=hairline(painter))
            painter.setPen(INK)
            squeezed = p.engineering_actual + 1e-9 < p.engineering_share
            painter.drawText(QRectF(marker.x() + _px(painter, 7), y - _px(painter, 8), slot / 2, _px(painter, 16)),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{p.engineering_actual:.0f}%" + (" squeezed" if squeezed else ""))
        painter.setPen(INK)
        painter.drawText(QRectF(cx - slot / 2, plot.bottom() + _px(painter, 4), slot, bottom - _px(painter, 6)),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, p.quarter)
    painter.restore()


@dataclass(frozen=True)
class TrendPoint:
    quarter: str
    median_days: float | None
    delivered_count: int
    decisions: int  # decisions taken in that quarter (marked on the chart)


def outcome_points(priorities: Iterable[Priority], decisions: Iterable[Decision]) -> list[TrendPoint]:
    """The outcome chart's data, for the screen and the PDF alike: per quarter (of delivery, or in which a
    decision was taken), the median days from idea to delivery, how many were delivered and how many
    decisions were taken (the ◆ markers)."""
    from tension_desk.domain.outcomes import outcomes_by_quarter
    from tension_desk.domain.quarters import quarter_of

    outcomes = {o.quarter: o for o in outcomes_by_quarter(priorities)}
    taken: dict[str, int] = {}
    for d in decisions:
        if d.decided_on:
            q = quarter_of(d.decided_on)
            taken[q] = taken.get(q, 0) + 1
    return [TrendPoint(q, outcomes[q].median_days if q in outcomes else None,
                       outcomes[q].delivered_count if q in outcomes else 0, taken.get(q, 0))
            for q in sorted(set(outcomes) | set(taken))]


def paint_outcome_trend(painter: QPainter, rect: QRectF, points: list[TrendPoint], scale: float = 1.0) -> None:
    """Median days from idea to delivery per quarter (a line with dots); decisions taken are marked
    as flags along the bottom with their count."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(ui_font(9 * scale, paper=on_paper(painter.device())))
    left = _px(painter, 40 * scale)
    bottom = _px(painter, 46 * scale)
    top = _px(painter, 22 * scale)
    plot = QRectF(rect.left() + left, rect.top() + top,
                  rect.width() - left - _px(painter, 12), rect.height() - top - bottom)
    painter.setPen(INK)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), top),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     "Median days from idea to customer value, per quarter of delivery (◆ = decisions taken)")
    values = [p.median_days for p in points if p.median_days is not None]
    if not points or not values:
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Nothing delivered with an idea date yet.")
        painter.restore()
        return
    top_value = max(values) * 1.15 or 1.0
    step = max(1, round(top_value / 4 / 10) * 10)
    v = 0
    while v <= top_value:
        y = plot.bottom() - plot.height() * v / top_value
        painter.setPen(QPen(GRID, hairline(painter)))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(MUTED)
        painter.drawText(QRectF(rect.left(), y - _px(painter, 7), left - _px(painter, 4), _px(painter, 14)),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{v:g}")
        v += step
    slot = plot.width() / len(points)
    path = QPainterPath()
    started = False
    dots = []
    for i, p in enumerate(points):
        cx = plot.left() + slot * (i + 0.5)
        painter.setPen(INK)
        painter.drawText(QRectF(cx - slot / 2, plot.bottom() + _px(painter, 4), slot, _px(painter, 14)),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, p.quarter)
        painter.setPen(MUTED)
        painter.drawText(QRectF(cx - slot / 2, plot.bottom() + _px(painter, 17), slot, _px(painter, 14)),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         f"{p.delivered_count} delivered" + (f" · ◆ {p.decisions}" if p.decisions else ""))
        if p.median_days is None:
            continue
        y = plot.bottom() - plot.height() * p.median_days / top_value
        dots.append((QPointF(cx, y), p))
        if started:
            path.lineTo(cx, y)
        else:
            path.moveTo(cx, y)
            started = True
    painter.setPen(QPen(INK, _px(painter, 1.6 * scale)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    for point, p in dots:
        painter.setPen(QPen(QColor("white"), _px(painter, 1)))
        painter.setBrush(INK)
        painter.drawEllipse(point, _px(painter, 4 * scale), _px(painter, 4 * scale))
        painter.setPen(INK)
        painter.drawText(QRectF(point.x() - slot / 2, point.y() - _px(painter, 20), slot, _px(painter, 14)),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, f"{p.median_days:g} days")
    for i, p in enumerate(points):
        if p.decisions:
            cx = plot.left() + slot * (i + 0.5)
            d = _px(painter, 5 * scale)
            diamond = QPainterPath()
            base = plot.bottom() - d - 1
            diamond.moveTo(cx, base - d)
            diamond.lineTo(cx + d, base)
            diamond.lineTo(cx, base + d)
            diamond.lineTo(cx - d, base)
            diamond.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#10243D"))
            painter.drawPath(diamond)
    painter.restore()
