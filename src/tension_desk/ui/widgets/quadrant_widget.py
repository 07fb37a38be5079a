"""The value-versus-cost 2×2 chart on screen: the shared painting function, hover shows the title."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from tension_desk.render.quadrant import QuadrantData, hit_test, paint
from tension_desk.ui.plain import plain_tip


class QuadrantWidget(QWidget):
    point_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quadrant_chart")
        self.setMouseTracking(True)
        self.setMinimumSize(320, 240)
        self.data = QuadrantData(points=())
        self.scale = 1.0
        self.setAccessibleName("Value versus cost chart")

    def set_data(self, data: QuadrantData) -> None:
        self.data = data
        self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.update()

    def highlight(self, priority_id: int | None) -> None:
        from dataclasses import replace

        self.data = replace(self.data, highlighted=priority_id)
        self.update()

    def chart_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(8, 8, -8, -8)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        if not self.data.points:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "The chart appears after the reveal, for priorities with an effort estimate\n"
                             "and scores from both leaders.")
        else:
            paint(painter, self.chart_rect(), self.data, self.scale)
        painter.end()

    def point_at(self, pos: QPointF) -> int | None:
        return hit_test(self.chart_rect(), self.data, pos, self.scale)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pid = self.point_at(event.position())
        if pid is None:
            QToolTip.hideText()
        else:
            p = next(p for p in self.data.points if p.priority_id == pid)
            QToolTip.showText(event.globalPosition().toPoint(), plain_tip(
                f"{p.side.marker} {p.side.label}: {p.label}\nValue {p.value:.1f} · {p.effort:g} person-weeks"), self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pid = self.point_at(event.position())
        if pid is not None:
            self.highlight(pid)
            self.point_selected.emit(pid)
