"""The 2×2 chart on screen keeps painting when an earlier chart of the same size is gone."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from tension_desk.domain.model import Side
from tension_desk.render.quadrant import QuadrantData, QuadrantPoint
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget


def _data() -> QuadrantData:
    return QuadrantData(points=(QuadrantPoint(7, "Self-serve onboarding", Side.PRODUCT, 8.0, 3.0),
                                QuadrantPoint(9, "Postgres 13 → 16 upgrade", Side.ENGINEERING, 4.0, 9.0)),
                        title="2026-Q4 — value versus cost")


def test_a_chart_paints_after_a_chart_of_the_same_size_was_closed_and_deleted(qtbot):
    """Leaving a session and opening another showed the same chart size and data: the layout measured on
    the first chart (a widget deleted since) was reused, and painting raised 'Internal C++ object already
    deleted' inside the paint event."""
    first = QuadrantWidget()
    first.resize(640, 420)
    first.set_data(_data())
    first.grab()                      # lays out and paints: the layout is kept for this size and data
    first.deleteLater()
    del first
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the C++ widget is gone now

    second = QuadrantWidget()
    qtbot.addWidget(second)
    second.resize(640, 420)
    second.set_data(_data())
    image = second.grab().toImage()   # pytest-qt fails the test on an exception raised in paintEvent
    assert not image.isNull()
    assert image.pixelColor(image.width() // 2, image.height() // 2).isValid()
