"""When the store cannot be opened: say what is wrong, and offer the newest backup or a new store.

The file itself is never modified unless the user chooses: it is then kept aside (``*.damaged-<time>``)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

RESTORE, NEW, QUIT = "restore", "new", "quit"


class StoreProblemDialog:
    @staticmethod
    def ask(parent: QWidget | None, message: str, newest_backup: Path | None, details: str = "") -> str:
        """``message``: the one line saying what is wrong and where; ``details``: SQLite's report, if any,
        behind "Show details…" (it is several lines of pages and cells, nothing a user acts on)."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Tension Desk cannot open its store")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(message)
        if details:
            box.setDetailedText(details)
        info = ("Nothing has been changed. You can restore the newest backup "
                f"({newest_backup.name}) or start with a new, empty store." if newest_backup else
                "Nothing has been changed. There is no backup; you can start with a new, empty store.")
        box.setInformativeText(info + " Either way the current file is kept aside, never deleted.")
        restore = (box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole) if newest_backup
                   else None)
        new = box.addButton("Start a new store", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore:
            return RESTORE
        if clicked is new:
            return NEW
        return QUIT
