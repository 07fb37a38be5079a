"""The workspace-wide Decision log: search, filters, and the decisions whose review has come highlighted."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.model import DecisionStatus, Leader, Side
from tension_desk.services.log import LogEntry
from tension_desk.ui.models.decision_log import (
    COL_OUTCOME,
    COL_REVIEW,
    COL_SESSION,
    COL_TENSION,
    DecisionLogFilter,
    DecisionLogModel,
)
from tension_desk.ui.models.roles import ObjectRole

WRAPPED = (COL_SESSION, COL_REVIEW)
WRAPPED_WIDTH = 180  # px: wider session titles and review notes wrap, so Tension and Outcome keep their room


class DecisionLogView(QWidget):
    open_session_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DecisionLogModel(self)
        self.proxy = DecisionLogFilter(self)
        self.proxy.setSourceModel(self.model)
        title = QLabel("Decision log")
        title.setObjectName("session_title")
        self.count = QLabel()
        self.count.setObjectName("session_meta")
        self.search = QLineEdit()
        self.search.setObjectName("log_search")
        self.search.setPlaceholderText("Search outcome, rationale, trade-offs, owner…")
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("log_status")
        self.status.addItem("any status", None)
        for st in DecisionStatus:
            self.status.addItem(st.label, st.value)
        self.quarter = QComboBox()
        self.quarter.setObjectName("log_quarter")
        self.side = QComboBox()
        self.side.setObjectName("log_side")
        self.side.addItem("either side", None)
        for s in Side:
            self.side.addItem(f"{s.marker} involves {s.label.lower()}", s.value)
        self.leader = QComboBox()
        self.leader.setObjectName("log_leader")
        for w in (self.status, self.quarter, self.side, self.leader):
            w.currentIndexChanged.connect(self._apply)
        self.search.textChanged.connect(self._apply)
        self.table = QTableView()
        self.table.setObjectName("decision_log_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (COL_TENSION, COL_OUTCOME):  # the text of the decision gets the room
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        for col in WRAPPED:
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        h.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.doubleClicked.connect(
            lambda idx: self.open_session_requested.emit(idx.data(ObjectRole).session.id))
        self.legend = QLabel("Highlighted: the review date has come and nobody has said whether it held. "
                             "Double-click a decision to open its session.")
        self.legend.setObjectName("side_summary")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for w in (self.status, self.quarter, self.side, self.leader):
            filters.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)

    def load(self, entries: list[LogEntry], leaders: dict[Side, Leader], today: dt.date | None = None) -> None:
        self.model.set_entries(entries, today)
        quarters = sorted({e.session.quarter for e in entries}, reverse=True)
        owners = [(f"{side.marker} owned by {leader.name}", leader.name) for side, leader in sorted(leaders.items())]
        choices: list[tuple[QComboBox, list[tuple[str, str | None]]]] = [
            (self.quarter, [("any quarter", None), *((q, q) for q in quarters)]),
            (self.leader, [("any owner", None), *owners]),
        ]
        for combo, items in choices:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._apply()
        self._fit_wrapped()

    def _fit_wrapped(self) -> None:
        """A session's title and a review note as wide as they are, up to WRAPPED_WIDTH; past that they wrap."""
        h = self.table.horizontalHeader()
        for col in WRAPPED:
            fm = h.fontMetrics()
            text = str(self.proxy.headerData(col, Qt.Orientation.Horizontal))
            wanted = max(self.table.sizeHintForColumn(col), fm.horizontalAdvance(text) + 24)
            self.table.setColumnWidth(col, min(wanted, WRAPPED_WIDTH))
        self.table.resizeRowsToContents()

    def _apply(self) -> None:
        side = self.side.currentData()
        self.proxy.set_filters(self.search.text(), self.status.currentData(), self.quarter.currentData(),
                               Side(side) if side else None, self.leader.currentData())
        due = sum(e.due(self.model.today) for e in self.model.entries)
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()} decisions · {due} due for review")
