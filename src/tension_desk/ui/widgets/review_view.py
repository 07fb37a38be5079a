"""Workspace-wide views: the quarterly review of the capacity split, and the shared outcome."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.capacity import (
    PLAN_VS_ACTUAL,
    CapacityFit,
    SideReview,
    capacity_fit,
    capacity_verdict,
    plan_wording,
    squeeze_warning,
)
from tension_desk.domain.dates import day
from tension_desk.domain.model import CapacityPlan, LedgerEntry
from tension_desk.domain.outcomes import DeliveredItem, QuarterOutcome
from tension_desk.render import trends
from tension_desk.ui.plain import plain_label
from tension_desk.ui.widgets.capacity_view import LedgerTable

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

Point = TypeVar("Point")


class ChartWidget(QWidget, Generic[Point]):
    """Paints one of the shared trend charts."""

    def __init__(self, painter_fn: Callable[[QPainter, QRectF, list[Point]], None], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.painter_fn = painter_fn
        self.points: list[Point] = []
        self.setMinimumHeight(220)

    def set_points(self, points: list[Point]) -> None:
        self.points = points
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        self.painter_fn(p, QRectF(self.rect()).adjusted(8, 6, -8, -6), self.points)
        p.end()


@dataclass(frozen=True)
class ReviewData:
    """What the quarterly review shows, for every quarter."""

    plans: dict[str, CapacityPlan]
    reviews: dict[str, list[SideReview]]
    ledger: list[LedgerEntry]
    fits: dict[str, CapacityFit]


class QuarterlyReview(QWidget):
    review_requested = Signal(str)  # quarter: record that the split was reviewed today
    edit_requested = Signal(str)  # quarter
    export_requested = Signal(str)  # quarter: the quarterly review PDF

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quarter = QComboBox()
        self.quarter.setObjectName("review_quarter")
        self.quarter.currentIndexChanged.connect(lambda _i: self.quarter_changed())
        self.summary = plain_label(name="review_summary", word_wrap=True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("plan_vs_actual")
        self.table.setHorizontalHeaderLabels(list(PLAN_VS_ACTUAL))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(100)
        self.ledger = LedgerTable()
        self.history = ChartWidget(trends.paint_split_history, "split_history")
        reviewed = QPushButton("Record the review (today)")
        reviewed.setObjectName("record_review")
        reviewed.clicked.connect(lambda: self.review_requested.emit(self.quarter.currentText()))
        edit = QPushButton("Change the split…")
        edit.setObjectName("change_split")
        edit.clicked.connect(lambda: self.edit_requested.emit(self.quarter.currentText()))
        export = QPushButton("Export review PDF…")
        export.setObjectName("export_review")
        export.clicked.connect(lambda: self.export_requested.emit(self.quarter.currentText()))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Quarter"))
        bar.addWidget(self.quarter)
        bar.addStretch(1)
        for b in (edit, reviewed, export):
            bar.addWidget(b)
        lower = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>Ledger</b> — every change of the split, with its reason"))
        left.addWidget(self.ledger, 1)
        lower.addLayout(left, 2)
        lower.addWidget(self.history, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(lower, 1)
        self._data: ReviewData | None = None

    def load(self, quarters: list[str], plans: dict[str, CapacityPlan], reviews: dict[str, list[SideReview]],
             ledger: list[LedgerEntry], history: list[trends.SplitPoint], fits: dict[str, CapacityFit]) -> None:
        self._data = ReviewData(plans, reviews, ledger, fits)
        current = self.quarter.currentText()
        self.quarter.blockSignals(True)
        self.quarter.clear()
        self.quarter.addItems(quarters)
        if current in quarters:
            self.quarter.setCurrentText(current)
        self.quarter.blockSignals(False)
        self.history.set_points(history)
        self.quarter_changed()

    def quarter_changed(self) -> None:
        if self._data is None:
            return
        data = self._data
        q = self.quarter.currentText()
        plan = data.plans.get(q)
        fit = data.fits.get(q)
        if plan is None:
            self.summary.setText(f"No plan for {q}.")
        else:
            reviewed = f"reviewed {day(plan.reviewed_on)}" if plan.reviewed_on else "not reviewed yet"
            wording = plan_wording(plan.total_weeks, plan.product_share, plan.engineering_share)
            lines = [f"{q}: {wording} — {reviewed}."]
            if fit is not None and fit.fits is not None:  # the Capacity tab's words, told of the quarter as on paper
                lines.append(" ".join(filter(None, (capacity_verdict(fit, closed=True),
                                                    squeeze_warning(fit, closed=True)))))
            self.summary.setText("\n".join(lines))
        rows = data.reviews.get(q, [])
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [f"{row.side.marker} {row.side.label}",
                      "—" if row.planned_weeks is None else f"{row.planned_weeks:g}",
                      f"{row.accepted_weeks:g}", f"{row.delivered_weeks:g}"]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.ledger.set_entries([e for e in data.ledger if e.quarter == q])


class OutcomesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("outcomes_table")
        self.table.setHorizontalHeaderLabels(["Delivered in", "Items", "Median days"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.trend = ChartWidget(trends.paint_outcome_trend, "outcome_trend")
        self.slowest = QListWidget()
        self.slowest.setObjectName("slowest_items")
        self.slowest.setWordWrap(True)
        self.summary = plain_label(name="outcome_summary", word_wrap=True)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(QLabel("<b>Slowest from idea to delivery</b>"))
        left.addWidget(self.slowest, 1)
        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addWidget(self.trend, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(row, 1)

    def load(self, outcomes: list[QuarterOutcome], slowest: list[DeliveredItem], trend_points: list[trends.TrendPoint],
             change: float | None) -> None:
        self.table.setRowCount(len(outcomes))
        for r, o in enumerate(outcomes):
            median = "—" if o.median_days is None else f"{o.median_days:g}"
            for c, v in enumerate((o.quarter, str(o.delivered_count), median)):
                item = QTableWidgetItem(v)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        self.slowest.clear()
        for slow in slowest:
            p = slow.priority
            span = f"{_unbroken(day(p.idea_date))} → {_unbroken(day(p.delivered_date))}"
            self.slowest.addItem(f"{p.side.marker} {p.title} — {slow.days} days ({span})")
        self.trend.set_points(trend_points)
        if change is None:
            self.summary.setText("Time from idea to customer value: the median days from a priority's idea date to "
                                 "its delivered date. Mark priorities delivered (with a date) to see the trend.")
        else:
            direction = "faster" if change < 0 else "slower" if change > 0 else "unchanged"
            self.summary.setText(f"Time from idea to customer value is {abs(change):g} days {direction} than in the "
                                 "first quarter shown — the outcome both leaders answer for.")


class WorkspaceReviewView(QWidget):
    """The page behind “Capacity & outcomes” in the sidebar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Capacity & outcomes")
        title.setObjectName("session_title")
        self.tabs = QTabWidget()
        self.review = QuarterlyReview()
        self.outcomes = OutcomesView()
        self.tabs.addTab(self.review, "&Quarterly review")
        self.tabs.addTab(self.outcomes, "&Outcomes")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def load(self, desk: Desk) -> None:
        from tension_desk.domain.capacity import plan_vs_actual
        from tension_desk.domain.outcomes import outcomes_by_quarter, slowest, trend

        plans = {p.quarter: p for p in desk.capacity.plans()}
        priorities = desk.priorities.list()
        sessions = desk.sessions.list()
        quarters = sorted(set(plans) | {s.quarter for s in sessions}, reverse=True)
        reviews = {q: plan_vs_actual(plans.get(q), priorities, q) for q in quarters}
        fits = {q: capacity_fit(plans.get(q), priorities, q) for q in quarters}
        history = [trends.SplitPoint(q, plans[q].product_share, plans[q].engineering_share,
                                     fits[q].engineering_actual_share) for q in sorted(plans)]
        self.review.load(quarters, plans, reviews, desk.capacity.ledger(), history, fits)
        outcomes = outcomes_by_quarter(priorities)
        points = trends.outcome_points(priorities, desk.decisions.list())  # the same builder as the PDF's
        self.outcomes.load(outcomes, slowest(priorities), points, trend(outcomes))


def _unbroken(text: str) -> str:
    """A date wrapped as one word: never '20' ending a line and 'Oct 2026' starting the next."""
    return text.replace(" ", "\u00a0")
