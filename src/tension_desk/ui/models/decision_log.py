"""Every decision across all sessions, as a table; a proxy filters by text, status, quarter, side and leader."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from tension_desk.domain.dates import day
from tension_desk.domain.model import Side
from tension_desk.services.log import LogEntry
from tension_desk.ui.models.roles import IdRole, ObjectRole, SortRole
from tension_desk.ui.plain import plain_tip

COL_DATE, COL_SESSION, COL_TENSION, COL_OUTCOME, COL_OWNER, COL_STATUS, COL_REVIEW = range(7)
HEADERS = ("Decided", "Session", "Tension", "Outcome", "Owner", "Status", "Review")
DUE_BACKGROUND = QColor("#FFF1D6")


class DecisionLogModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.entries: list[LogEntry] = []
        self.today = today or dt.date.today()

    def set_entries(self, entries: list[LogEntry], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self.entries = list(entries)  # newest first, as the log service orders them
        if today is not None:
            self.today = today
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        d = e.decision
        col = index.column()
        if role == IdRole:
            return d.id
        if role == ObjectRole:
            return e
        due = e.due(self.today)
        if role == SortRole and col in (COL_DATE, COL_SESSION, COL_REVIEW):  # dates sort as dates
            return {COL_DATE: e.decided_on, COL_SESSION: e.session.date,
                    COL_REVIEW: d.review_date or dt.date.max}[col].isoformat()
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if col == COL_DATE:
                return day(e.decided_on)
            if col == COL_SESSION:
                return e.session.title  # the title alone: the day it was decided is in the column beside it
            if col == COL_TENSION:
                markers = " ".join(s.marker for s in Side if s in e.sides)
                return f"{markers} {e.tension.statement}" if e.tension else ""
            if col == COL_OUTCOME:
                return d.outcome
            if col == COL_OWNER:
                return d.owner
            if col == COL_STATUS:
                return d.status.label
            if col == COL_REVIEW:
                return e.review_text(self.today)
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_TENSION, COL_OUTCOME):
            return plain_tip(e.tension.statement if col == COL_TENSION and e.tension else d.outcome)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_SESSION and e.revisions:
            return plain_tip("\n".join(e.revisions))  # every revision of its record, with its fingerprint
        if role == Qt.ItemDataRole.BackgroundRole and due:
            return DUE_BACKGROUND
        return None


class DecisionLogFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.status: str | None = None
        self.quarter: str | None = None
        self.side: Side | None = None
        self.leader: str | None = None  # a leader's name: decisions they own
        self.setSortRole(SortRole)

    def set_filters(self, text: str = "", status: str | None = None, quarter: str | None = None,
                    side: Side | None = None, leader: str | None = None) -> None:
        changing = hasattr(self, "beginFilterChange")
        if changing:
            self.beginFilterChange()
        self.text, self.status, self.quarter = text.strip().lower(), status, quarter
        self.side, self.leader = side, leader
        if changing:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        e: LogEntry = self.sourceModel().index(row, 0, parent).data(ObjectRole)
        if self.text and not all(word in e.text() for word in self.text.split()):
            return False
        if self.status and e.decision.status.value != self.status:
            return False
        if self.quarter and e.session.quarter != self.quarter:
            return False
        if self.side and self.side not in e.sides:
            return False
        return not self.leader or e.decision.owner.strip().lower() == self.leader.strip().lower()

