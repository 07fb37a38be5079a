"""The value-versus-cost 2×2 chart on screen: the shared painting function, hover shows the title. The chart's
layout module (``render.quadrant``) is imported when the chart is first worked out, painted or pointed at, not
with the window: a start shows the matrix."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from tension_desk.ui.plain import plain_tip

if TYPE_CHECKING:
    from tension_desk.render.quadrant import QuadrantData


class QuadrantWidget(QWidget):
    point_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quadrant_chart")
        self.setMouseTracking(True)
        self.setMinimumSize(320, 240)
        self._data: QuadrantData | None = None  # None: worked out from ``_source`` when first needed
        self._source: Callable[[], QuadrantData] | None = None
        self.scale = 1.0
        self.setAccessibleName("Value versus cost chart")

    @property
    def data(self) -> QuadrantData:
        if self._data is None:
            from tension_desk.render.quadrant import QuadrantData

            self._data = self._source() if self._source is not None else QuadrantData(points=())
            self._source = None
        return self._data

    def set_data(self, data: QuadrantData) -> None:
        self._data, self._source = data, None
        self.update()

    def set_source(self, source: Callable[[], QuadrantData]) -> None:
        """What ``set_data`` would be given, worked out only once the chart is painted or its data asked for."""
        self._data, self._source = None, source
        self.update()

    def set_scale(self, scale: float) -> None:
        self.scale = scale
        self.update()

    def highlight(self, priority_id: int | None) -> None:
        if self._data is None and self._source is not None:
            source = self._source
            self._source = lambda: replace(source(), highlighted=priority_id)
        else:
            self._data = replace(self.data, highlighted=priority_id)
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
            from tension_desk.render.quadrant import paint

            paint(painter, self.chart_rect(), self.data, self.scale)
        painter.end()

    def point_at(self, pos: QPointF) -> int | None:
        from tension_desk.render.quadrant import hit_test

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
