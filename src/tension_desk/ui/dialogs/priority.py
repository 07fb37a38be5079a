"""Add or edit a priority: every field DESIGN.md names."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.domain.validation import ValidationError, validate_priority
from tension_desk.ui.dialogs.dates import date_edit, from_qdate
from tension_desk.ui.plain import limit_length, plain_label


class OptionalDate(QWidget):
    """A date that may be unset: a check box and a calendar date edit."""

    def __init__(self, label: str, value: dt.date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = date_edit(value)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit, 1)

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None


class PriorityDialog(QDialog):
    def __init__(self, draft: PriorityDraft, parent: QWidget | None = None, new: bool = True):
        super().__init__(parent)
        self.setWindowTitle("New priority" if new else "Edit priority")
        self.setMinimumWidth(520)
        self.title = QLineEdit(draft.title)
        self.title.setMaxLength(limits.TITLE)
        self.title.setPlaceholderText("What this side wants capacity for")
        self.side = QComboBox()
        for s in Side:
            self.side.addItem(f"{s.marker} {s.label}", s.value)
        self.side.setCurrentIndex(list(Side).index(Side(draft.side)))
        self.description = limit_length(QPlainTextEdit(draft.description), limits.TEXT)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(90)
        self.effort = QDoubleSpinBox()
        self.effort.setRange(-0.5, limits.EFFORT_WEEKS)  # -0.5 shows “not estimated”
        self.effort.setDecimals(1)
        self.effort.setSingleStep(0.5)
        self.effort.setSpecialValueText("not estimated")
        self.effort.setSuffix(" person-weeks")
        self.effort.setValue(draft.effort_weeks if draft.effort_weeks is not None else -0.5)
        self.status = QComboBox()
        for st in PriorityStatus:
            self.status.addItem(st.label, st.value)
        self.status.setCurrentIndex(list(PriorityStatus).index(PriorityStatus(draft.status)))
        self.quarter = QLineEdit(draft.quarter or "")
        self.quarter.setPlaceholderText("e.g. 2026-Q4")
        self.idea = OptionalDate("known", draft.idea_date)
        self.delivered = OptionalDate("delivered", draft.delivered_date)
        self.link = QLineEdit(draft.link)
        self.link.setPlaceholderText("https://…")
        self.link.setMaxLength(limits.LINK)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Side", self.side)
        form.addRow("&Description", self.description)
        form.addRow("&Effort", self.effort)
        form.addRow("St&atus", self.status)
        form.addRow("&Quarter planned", self.quarter)
        form.addRow("&Idea date", self.idea)
        form.addRow("Deli&vered date", self.delivered)
        form.addRow("&Link", self.link)
        self.error = plain_label()
        self.error.setObjectName("form_error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def draft(self) -> PriorityDraft:
        effort = self.effort.value()
        return PriorityDraft(
            title=self.title.text(), side=Side(self.side.currentData()),
            description=self.description.toPlainText().replace("\x00", ""), effort_weeks=None if effort < 0 else effort,
            idea_date=self.idea.value(), status=PriorityStatus(self.status.currentData()),
            quarter=self.quarter.text().strip() or None, delivered_date=self.delivered.value(),
            link=self.link.text(),
        )

    def accept(self) -> None:
        try:
            validate_priority(self.draft())
        except ValidationError as exc:
            self.error.setText("Please fix: " + "; ".join(exc.problems) + ".")
            self.error.show()
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, draft: PriorityDraft, new: bool = True) -> PriorityDraft | None:
        dlg = cls(draft, parent, new)
        return dlg.draft() if dlg.exec() == QDialog.DialogCode.Accepted else None
