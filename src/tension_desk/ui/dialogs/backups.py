"""File → Backups: the automatic backups, and restoring one (the current store is backed up first)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.dates import day
from tension_desk.services.maintenance import backups as list_backups
from tension_desk.ui.widgets.empty_state import EmptyHint

EMPTY = ("No backups yet. Tension Desk makes one when it opens this store on a later day (once a day) and "
         "before every upgrade; until then there is nothing to restore.")


class BackupsDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.resize(640, 360)
        self.backups = list_backups(data_dir)
        note = QLabel(f"Backups are taken once a day on open and before every upgrade, in {data_dir / 'backups'}. "
                      "Restoring one first backs up the current store, so nothing is lost.")
        note.setTextFormat(Qt.TextFormat.PlainText)  # the folder's path, whatever its name
        note.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 3)
        self.table.setObjectName("backups_table")
        self.table.setHorizontalHeaderLabels(["Taken", "Why", "Size"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # "1 Dec 2026 05:43" on one line
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for r, b in enumerate(self.backups):
            cells = (f"{day(b.taken_at)} {b.taken_at:%H:%M}", b.reason.replace("-", " "), f"{b.size // 1024} KB")
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        self.empty_hint = EmptyHint(self.table, EMPTY)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore = QPushButton("Restore the selected backup")
        self.restore.setEnabled(bool(self.backups))
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows else None

    @classmethod
    def ask(cls, parent: QWidget | None, data_dir: Path) -> Path | None:
        dlg = cls(data_dir, parent)
        return dlg.selected() if dlg.exec() == QDialog.DialogCode.Accepted else None
