"""Keyboard-reachable actions shown as tool buttons: one helper for every list's button row."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QToolButton, QWidget

Spec = tuple[str, str, str, QKeySequence, Callable[[], object]]  # key, text, tooltip, shortcut, slot


def add_tool_actions(owner: QWidget, bar: QBoxLayout, specs: Iterable[Spec], prefix: str,
                     stretch_before: str | None = None) -> dict[str, QAction]:
    """Create one action per spec (shortcut active while focus is inside ``owner``) and a tool button for
    it in ``bar``, named ``<prefix>_<key>``; returns the actions by key."""
    actions: dict[str, QAction] = {}
    for key, text, tip, shortcut, slot in specs:
        action = QAction(text, owner)
        action.setToolTip(tip)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        owner.addAction(action)
        actions[key] = action
        button = QToolButton()
        button.setDefaultAction(action)
        button.setObjectName(f"{prefix}_{key}")
        button.setAccessibleName(tip)
        if key == stretch_before:
            bar.addStretch(1)
        bar.addWidget(button)
    return actions
