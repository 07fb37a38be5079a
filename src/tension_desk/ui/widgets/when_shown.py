"""Layout work that only matters on screen: done at once while its widget shows, else once it is next shown."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class WhenShown(QObject):
    """Call it to run ``fit`` (sizing rows and columns to their text): at once while ``widget`` is visible; while
    it is hidden (a tab not on screen), once, just before it is next shown. Opening a session loads every tab;
    on the five-year store, measuring the hidden tabs' text and building the agenda's entries were a fifth of
    the time to the painted matrix (some 20 of 100 ms of CPU)."""

    def __init__(self, widget: QWidget, fit: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget, self._fit, self._pending = widget, fit, False
        widget.installEventFilter(self)

    def __call__(self) -> None:
        self._pending = not self._widget.isVisible()
        if not self._pending:
            self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Show and self._pending:
            self._pending = False
            self._fit()
        return False
