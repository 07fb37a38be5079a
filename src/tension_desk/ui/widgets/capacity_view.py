"""The Capacity tab of a session: the quarter's split, the gauge per side, and what to defer when over."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.capacity import CapacityFit, capacity_verdict, plan_wording, squeeze_warning
from tension_desk.domain.dates import day
from tension_desk.domain.model import CapacityPlan, LedgerEntry, Priority, Side
from tension_desk.render import gauge
from tension_desk.ui.plain import plain_label, plain_tip


class LedgerTable(QTableWidget):
    """The capacity ledger: every change of a quarter's split, one row each (date, split, total, reason)."""

    HEADERS = ("Date", "Split", "Total", "Reason")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setObjectName("capacity_ledger")
        self.setAccessibleName("Ledger of the split")
        self.setHorizontalHeaderLabels(self.HEADERS)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        for col in range(len(self.HEADERS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def set_entries(self, entries: list[LedgerEntry]) -> None:
        self.setRowCount(len(entries))
        for row, e in enumerate(entries):
            when = day(e.changed_at.astimezone()) if e.changed_at else "—"
            cells = (when, f"● {e.product_share:g}% · ▲ {e.engineering_share:g}%", f"{e.total_weeks:g} weeks",
                     e.reason)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tip(text))
                if col in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)


class GaugeWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("capacity_gauge")
        self.bars: list[gauge.GaugeBar] = []
        self.setMinimumHeight(130)
        self.setAccessibleName("Capacity gauge")

    def set_bars(self, bars: list[gauge.GaugeBar]) -> None:
        self.bars = bars
        self.setAccessibleDescription("; ".join(f"{b.label}: {gauge.verdict(b)}" for b in bars))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        gauge.paint(p, QRectF(self.rect()).adjusted(4, 4, -4, -4), self.bars)
        p.end()


class CapacityView(QWidget):
    edit_plan_requested = Signal()
    defer_requested = Signal(list)  # priority ids

    def __init__(self, parent: QWidget | None = None) -> None:
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
             suggestions: dict[Side, list[Priority]], ranks: dict[int, int | None], closed: bool = False) -> None:
        """``closed``: the session is closed, so its verdict is told in the past tense and by quarter."""
        self.heading.setText(f"Capacity — {quarter}")
        if plan is None:
            self.plan_line.setText(f"No plan for {quarter} yet. “Edit the plan…” starts from the last quarter's split.")
        else:
            reviewed = f" · reviewed {day(plan.reviewed_on)}" if plan.reviewed_on else " · not reviewed yet"
            self.plan_line.setText(plan_wording(plan.total_weeks, plan.product_share, plan.engineering_share)
                                   + reviewed
                                   + (f"\n{plan.note}" if plan.note else ""))
        self.gauge.set_bars([gauge.GaugeBar(side, f"{side.label}", fit.used(side), fit.budget(side)) for side in Side])
        self.verdict.setText(capacity_verdict(fit, closed))
        self.warning.setText(squeeze_warning(fit, closed))
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
