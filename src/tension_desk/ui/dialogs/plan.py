"""The capacity plan of a quarter: the dialog that edits it, and the change it answers with."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.model import CapacityPlan
from tension_desk.ui.dialogs.dates import date_edit, from_qdate
from tension_desk.ui.plain import limit_length


@dataclass(frozen=True)
class PlanChange:
    """A quarter's new split, as the leaders entered it, with the reason the ledger keeps."""

    quarter: str
    total_weeks: float
    product_share: float
    engineering_share: float
    reason: str
    reviewed_on: dt.date | None = None
    note: str = ""


class PlanDialog(QDialog):
    """Edit a quarter's plan; the engineering share follows the product share so they add to 100%."""

    def __init__(self, plan: CapacityPlan, is_new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Capacity plan {plan.quarter}")
        self.quarter = plan.quarter
        self.total = QDoubleSpinBox()
        self.total.setRange(0, limits.TOTAL_WEEKS)
        self.total.setDecimals(1)
        self.total.setSuffix(" person-weeks")
        self.total.setValue(plan.total_weeks)
        self.product = QDoubleSpinBox()
        self.product.setRange(0, limits.SHARE)
        self.product.setDecimals(1)
        self.product.setSuffix(" %")
        self.product.setValue(plan.product_share)
        self.engineering = QLabel()
        self.product.valueChanged.connect(self._sync)
        self.reason = QLineEdit()
        self.reason.setMaxLength(limits.TEXT)
        self.reason.setPlaceholderText("Why this split? (kept in the ledger)")
        self.reason.setText("first plan for the quarter" if is_new else "")
        self.reviewed = QCheckBox("Reviewed on")
        self.reviewed_on = date_edit(plan.reviewed_on)
        self.reviewed.setChecked(plan.reviewed_on is not None)
        row = QHBoxLayout()
        row.addWidget(self.reviewed)
        row.addWidget(self.reviewed_on, 1)
        self.note = limit_length(QPlainTextEdit(plan.note), limits.TEXT)
        self.note.setFixedHeight(60)
        self.note.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("&Total capacity", self.total)
        form.addRow("&Product share", self.product)
        form.addRow("Engineering share", self.engineering)
        form.addRow("&Reason for the change", self.reason)
        form.addRow("", row)
        form.addRow("&Note", self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._sync)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._sync()

    def _sync(self) -> None:
        self.engineering.setText(f"{100 - self.product.value():g} %")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.text().strip()))

    def value(self) -> PlanChange:
        return PlanChange(self.quarter, self.total.value(), self.product.value(), round(100 - self.product.value(), 6),
                          self.reason.text(),
                          from_qdate(self.reviewed_on.date()) if self.reviewed.isChecked() else None,
                          self.note.toPlainText().replace("\x00", ""))

    @classmethod
    def ask(cls, parent: QWidget | None, plan: CapacityPlan, is_new: bool) -> PlanChange | None:
        dlg = cls(plan, is_new, parent)
        return dlg.value() if dlg.exec() == QDialog.DialogCode.Accepted else None
