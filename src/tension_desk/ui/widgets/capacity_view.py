"""The Capacity tab of a session: the quarter's split, the gauge per side, and what to defer when over."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from tension_desk.domain.capacity import CapacityFit
from tension_desk.domain import limits
from tension_desk.domain.model import CapacityPlan, Priority, Side
from tension_desk.render import gauge
from tension_desk.ui.plain import plain_label


class PlanDialog(QDialog):
    """Edit a quarter's plan; the engineering share follows the product share so they add to 100%."""

    def __init__(self, plan: CapacityPlan, is_new: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Capacity plan {plan.quarter}")
        self.quarter = plan.quarter
        self.total = QDoubleSpinBox()
        self.total.setRange(0, 100_000)
        self.total.setDecimals(1)
        self.total.setSuffix(" person-weeks")
        self.total.setValue(plan.total_weeks)
        self.product = QDoubleSpinBox()
        self.product.setRange(0, 100)
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
        self.reviewed_on = QDateEdit(QDate(plan.reviewed_on or dt.date.today()))
        self.reviewed_on.setCalendarPopup(True)
        self.reviewed_on.setDisplayFormat("yyyy-MM-dd")
        self.reviewed.setChecked(plan.reviewed_on is not None)
        row = QHBoxLayout()
        row.addWidget(self.reviewed)
        row.addWidget(self.reviewed_on, 1)
        self.note = QPlainTextEdit(plan.note)
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

    def value(self) -> dict:
        return dict(quarter=self.quarter, total_weeks=self.total.value(), product_share=self.product.value(),
                    engineering_share=round(100 - self.product.value(), 6), reason=self.reason.text(),
                    reviewed_on=self.reviewed_on.date().toPython() if self.reviewed.isChecked() else None,
                    note=self.note.toPlainText().replace("\x00", ""))

    @classmethod
    def ask(cls, parent, plan: CapacityPlan, is_new: bool) -> dict | None:
        dlg = cls(plan, is_new, parent)
        return dlg.value() if dlg.exec() == QDialog.DialogCode.Accepted else None


class GaugeWidget(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("capacity_gauge")
        self.bars: list[gauge.GaugeBar] = []
        self.setMinimumHeight(130)
        self.setAccessibleName("Capacity gauge")

    def set_bars(self, bars: list[gauge.GaugeBar]) -> None:
        self.bars = bars
        self.setAccessibleDescription("; ".join(f"{b.label}: {gauge.verdict(b)}" for b in bars))
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        gauge.paint(p, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.bars)
        p.end()


class CapacityView(QWidget):
    edit_plan_requested = Signal()
    defer_requested = Signal(list)  # priority ids

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = plain_label(name="capacity_heading")
        self.plan_line = plain_label(name="capacity_plan_line", word_wrap=True)
        self.edit = QPushButton("Edit the plan…")
        self.edit.setObjectName("edit_plan")
        self.edit.clicked.connect(self.edit_plan_requested)
        self.gauge = GaugeWidget()
        self.verdict = plain_label(name="capacity_verdict", word_wrap=True)
        self.warning = plain_label(name="capacity_warning", word_wrap=True)
        self.suggestion = plain_label(name="capacity_suggestion", word_wrap=True)
        self.suggested = QListWidget()
        self.suggested.setObjectName("suggested_deferrals")
        self.suggested.setMaximumHeight(110)
        self.defer = QPushButton("Defer the suggested items")
        self.defer.setObjectName("defer_suggested")
        self.defer.clicked.connect(lambda: self.defer_requested.emit(list(self._suggested_ids)))
        self._suggested_ids: list[int] = []
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(head)
        layout.addWidget(self.plan_line)
        layout.addWidget(self.gauge)
        layout.addWidget(self.verdict)
        layout.addWidget(self.warning)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.suggested)
        layout.addWidget(self.defer, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def load(self, quarter: str, plan: CapacityPlan | None, fit: CapacityFit,
             suggestions: dict[Side, list[Priority]], ranks: dict[int, int | None]) -> None:
        self.heading.setText(f"Capacity — {quarter}")
        if plan is None:
            self.plan_line.setText(f"No plan for {quarter} yet. “Edit the plan…” starts from the last quarter's split.")
        else:
            reviewed = f" · reviewed {plan.reviewed_on.isoformat()}" if plan.reviewed_on else " · not reviewed yet"
            self.plan_line.setText(f"{plan.total_weeks:g} person-weeks · ● product {plan.product_share:g}% · "
                                   f"▲ engineering {plan.engineering_share:g}%{reviewed}"
                                   + (f"\n{plan.note}" if plan.note else ""))
        self.gauge.set_bars([gauge.GaugeBar(side, f"{side.label}", fit.used(side), fit.budget(side)) for side in Side])
        if fit.fits is None:
            self.verdict.setText(f"Accepted so far: product {fit.accepted_product_weeks:g} weeks, "
                                 f"engineering {fit.accepted_engineering_weeks:g} weeks. Without a plan nothing can be checked.")
        elif fit.fits:
            self.verdict.setText("✓ This month's decisions fit the agreed split.")
        else:
            over = [f"{side.label.lower()} is over by {fit.over(side):g} weeks" for side in Side if fit.side_fits(side) is False]
            self.verdict.setText("✗ The decisions do not fit the split: " + " and ".join(over) + ".")
        if fit.engineering_squeezed and fit.engineering_share is not None:
            self.warning.setText(f"⚠ Engineering's actual share is {fit.engineering_actual_share:.0f}% of the accepted "
                                 f"work, below the agreed {fit.engineering_share:g}%: platform work is being squeezed.")
        else:
            self.warning.setText("")
        self.warning.setVisible(bool(self.warning.text()))
        self.suggested.clear()
        self._suggested_ids = []
        lines = []
        for side, items in suggestions.items():
            if not items:
                continue
            lines.append(f"To make {side.label.lower()} fit, defer the lowest-ranked accepted items:")
            for p in items:
                rank = ranks.get(p.id)
                self.suggested.addItem(f"{side.marker} {p.title} — {p.effort_weeks:g} weeks"
                                       + (f" (rank {rank})" if rank else " (not ranked)"))
                self._suggested_ids.append(p.id)
        self.suggestion.setText(" ".join(lines))
        for w in (self.suggestion, self.suggested, self.defer):
            w.setVisible(bool(self._suggested_ids))
