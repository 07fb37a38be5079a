"""The session list on a long workspace: its scrollbar is drawn in the style sheet's light colours (its groove
was black: the list's transparent background left the groove unpainted)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

LONG = "A long session title about the platform migration and the quarterly roadmap, in full"


def _long_workspace(desk) -> None:
    for m in range(24):
        desk.sessions.create(f"{LONG} {m}", dt.date(2024 + m // 12, m % 12 + 1, 12))


def test_the_session_list_scrollbar_groove_is_light_as_the_style_sheet_says(make_window, desk):
    _long_workspace(desk)
    w = make_window()
    bar = w.session_tree.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    bar.setValue(0)
    image = bar.grab().toImage()
    groove = image.pixelColor(QPoint(image.width() // 2, image.height() - image.height() // 4))
    assert groove.lightness() > 200, f"groove drawn {groove.name()}"  # was black (#000000)
    assert groove != QColor("black")
