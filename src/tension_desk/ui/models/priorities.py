"""One side's priorities on a session's agenda, as a table."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from tension_desk.domain.dates import day
from tension_desk.domain.model import Priority, PriorityStatus, Side
from tension_desk.ui.models.roles import IdRole, ObjectRole, SideRole, SortRole
from tension_desk.ui.plain import plain_tip

COL_RANK, COL_TITLE, COL_EFFORT, COL_STATUS, COL_QUARTER, COL_IDEA, COL_TENSIONS = range(7)
HEADERS = ("#", "Priority", "Weeks", "Status", "Quarter", "Idea date", "Tensions")

STATUS_TINT = {
    PriorityStatus.ACCEPTED: QColor("#2E7D32"),
    PriorityStatus.DELIVERED: QColor("#1B5E20"),
    PriorityStatus.DEFERRED: QColor("#8D6E00"),
    PriorityStatus.REJECTED: QColor("#5B6573"),  # muted, yet 4.5:1 or more on every row
}


class PriorityTableModel(QAbstractTableModel):
    def __init__(self, side: Side, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self._rows: list[Priority] = []
        self._tensions: dict[int, list[str]] = {}

    def set_priorities(self, priorities: list[Priority], tensions: dict[int, list[str]] | None = None) -> None:
        self.beginResetModel()
        self._rows = [p for p in priorities if p.side is self.side]
        self._tensions = tensions or {}
        self.endResetModel()

    def priority(self, row: int) -> Priority:
        return self._rows[row]

    def ids(self) -> list[int]:
        return [p.id for p in self._rows]

    def row_of(self, priority_id: int) -> int:
        for i, p in enumerate(self._rows):
            if p.id == priority_id:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == IdRole:
            return p.id
        if role == SideRole:
            return p.side.value
        if role == ObjectRole:
            return p
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            sort = role == SortRole
            if col == COL_RANK:
                return index.row() + 1
            if col == COL_TITLE:
                return p.title
            if col == COL_EFFORT:
                if p.effort_weeks is None:
                    return -1.0 if sort else "—"
                return p.effort_weeks if sort else f"{p.effort_weeks:g}"
            if col == COL_STATUS:
                return p.status.label
            if col == COL_QUARTER:
                return p.quarter or ("" if sort else "—")
            if col == COL_IDEA:
                if p.idea_date:
                    return p.idea_date.isoformat() if sort else day(p.idea_date)  # ISO sorts as a date
                return "" if sort else "—"
            if col == COL_TENSIONS:
                n = len(self._tensions.get(p.id, ()))
                return n if sort else (f"{n}" if n else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TENSIONS and self._tensions.get(p.id):
                return plain_tip("\n".join(f"• {s}" for s in self._tensions[p.id]))
            if col == COL_TITLE:
                lines = [p.title]
                if p.description:
                    lines.append(p.description)
                if p.idea_date:
                    lines.append(f"Idea: {day(p.idea_date)}")
                if p.link:
                    lines.append(p.link)
                return plain_tip("\n".join(lines))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            return STATUS_TINT.get(p.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_RANK, COL_EFFORT, COL_TENSIONS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_TITLE:
            return f"{p.side.label} priority: {p.title}"
        return None
