"""New session / rename session."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.quarters import quarter_of
from tension_desk.ui.dialogs.dates import date_edit, from_qdate
from tension_desk.ui.plain import button_text


@dataclass(frozen=True)
class NewSession:
    """What the new-session dialog asked: the title, the date, and whether to carry the open tensions over."""

    title: str
    date: dt.date
    carry: bool


class SessionDialog(QDialog):
    def __init__(self, title: str, date: dt.date, previous_title: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New session")
        self.title = QLineEdit(title)
        self.title.setMaxLength(limits.TITLE)
        self.date = date_edit(date)
        self.quarter = QLabel(quarter_of(date))
        self.date.dateChanged.connect(lambda d: self.quarter.setText(quarter_of(from_qdate(d))))
        carry = f"Bring the open priorities of “{previous_title}”" if previous_title else ""
        self.carry = QCheckBox(button_text(carry))
        self.carry.setChecked(previous_title is not None)
        self.carry.setVisible(previous_title is not None)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Date", self.date)
        form.addRow("Quarter", self.quarter)
        form.addRow("", self.carry)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(
            lambda t: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, date: dt.date,
            previous_title: str | None) -> NewSession | None:
        dlg = cls(title, date, previous_title, parent)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            return NewSession(dlg.title.text(), from_qdate(dlg.date.date()), dlg.carry.isChecked())
        return None
