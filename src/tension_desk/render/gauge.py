"""The capacity gauge: per side, accepted effort against its share of the quarter (shared by screen and PDF).

Each side is one bar: the budget is the full width's reference mark, the used weeks fill it; weeks over
the budget are drawn hatched past the mark. The words say the verdict, so colour is never the only cue.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from tension_desk.domain.capacity import fits_budget, side_verdict
from tension_desk.domain.model import Side
from tension_desk.render.fonts import on_paper, ui_font
from tension_desk.render.palette import INK, MUTED, side_colour
from tension_desk.render.quadrant import draw_marker

OVER = QColor("#B00020")


@dataclass(frozen=True)
class GaugeBar:
    side: Side
    label: str
    used: float
    budget: float | None


def _px(painter: QPainter, points: float) -> float:
    device = painter.device()
    dpi = device.logicalDpiY() if device is not None else 96
    return points * dpi / 72.0


def fits(bar: GaugeBar) -> bool | None:
    return None if bar.budget is None else fits_budget(bar.used, bar.budget)


def verdict(bar: GaugeBar) -> str:
    """The bar's words: its weeks, and the side's verdict in ``domain.capacity``'s words."""
    said = side_verdict(fits(bar), bar.used - (bar.budget or 0.0))
    if bar.budget is None:
        return f"{bar.used:g} weeks accepted · {said}"
    if fits(bar):
        pct = 0 if bar.budget == 0 else 100 * bar.used / bar.budget
        return f"{bar.used:g} of {bar.budget:g} weeks ({pct:.0f}%) · {said}"
    return f"{bar.used:g} of {bar.budget:g} weeks · {said}"


def paint(painter: QPainter, rect: QRectF, bars: list[GaugeBar], scale: float = 1.0) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    n = max(1, len(bars))
    row_h = rect.height() / n
    paper = on_paper(painter.device())
    label_font = ui_font(10.5 * scale, bold=True, paper=paper)
    text_font = ui_font(10 * scale, paper=paper)
    longest = max([b.used for b in bars] + [b.budget or 0 for b in bars] + [1])
    for i, bar in enumerate(bars):
        top = rect.top() + i * row_h
        label_h = _px(painter, 15 * scale)
        painter.setFont(label_font)
        painter.setPen(INK)
        r = _px(painter, 5 * scale)
        draw_marker(painter, bar.side, QPointF(rect.left() + r, top + label_h / 2), r)
        label_rect = QRectF(rect.left() + 3 * r, top, rect.width() - 3 * r, label_h)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, bar.label)
        painter.setFont(text_font)
        over_by = bar.used - bar.budget if bar.budget is not None else 0.0
        over = fits(bar) is False
        painter.setPen(OVER if over else MUTED)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, verdict(bar))
        track = QRectF(rect.left(), top + label_h + _px(painter, 4 * scale), rect.width(),
                       min(_px(painter, 16 * scale), row_h - label_h - _px(painter, 10 * scale)))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#EEF1F5"))
        painter.drawRoundedRect(track, 3, 3)
        unit = track.width() / (longest * 1.05)
        colour = side_colour(bar.side)
        inside = min(bar.used, bar.budget) if bar.budget is not None else bar.used
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(track.left(), track.top(), inside * unit, track.height()), 3, 3)
        if over:
            hatch = QBrush(OVER, Qt.BrushStyle.BDiagPattern)
            extra = QRectF(track.left() + (bar.used - over_by) * unit, track.top(), over_by * unit, track.height())
            painter.setBrush(QColor("#F8D7DC"))
            painter.drawRect(extra)
            painter.setBrush(hatch)
            painter.drawRect(extra)
        if bar.budget is not None:
            x = track.left() + bar.budget * unit
            painter.setPen(QPen(INK, max(1.0, _px(painter, 1.5 * scale))))
            tick = _px(painter, 3 * scale)
            painter.drawLine(QPointF(x, track.top() - tick), QPointF(x, track.bottom() + tick))
    painter.restore()
