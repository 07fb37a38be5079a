"""The heat-map's colour legend under the matrix: the same painting function as the PDF's."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from tension_desk.render.heatmap import paint_legend


class HeatLegend(QWidget):
    """"Divergence agree 0 [cividis] 100 disagree [hatched] a score missing · ● Product ▲ Engineering"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heat_legend")
        self.setAccessibleName("Colour legend")
        self.setAccessibleDescription("Dark blue: the leaders agree; yellow: they disagree; "
                                      "hatched grey: a score is missing")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(QFontMetrics(self.font()).height() + 8)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_legend(painter, QRectF(self.rect()).adjusted(4, 2, -4, -2), self.font())
        painter.end()
