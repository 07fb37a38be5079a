"""One QObject that tells the views what changed in the store, so every view refreshes from the services."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Notifier(QObject):
    leaders_changed = Signal()
    sessions_changed = Signal()
    agenda_changed = Signal(int)  # session id: its priorities were added, edited, removed or reordered
    tensions_changed = Signal(int)  # session id
    score_changed = Signal(int, int, int, str)  # session id, priority id, criterion id, leader role
    scoring_changed = Signal(int)  # session id: weights, turn, reveal state
    criteria_changed = Signal()
    decisions_changed = Signal()  # any decision taken, edited or reviewed
    capacity_changed = Signal()
    notes_changed = Signal(int)  # session id
    script_changed = Signal(int)  # session id: a time box of its script
