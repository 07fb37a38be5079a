"""A session's tensions as a table."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tension_desk.domain.model import Priority, Side, Tension
from tension_desk.ui.models.roles import IdRole, ObjectRole, SortRole
from tension_desk.ui.plain import plain_tip

COL_STATEMENT, COL_PRIORITIES, COL_STATUS = range(3)
HEADERS = ("Tension", "Priorities in conflict", "Status")


class TensionTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Tension] = []
        self._priorities: dict[int, Priority] = {}

    def set_tensions(self, tensions: list[Tension], priorities: dict[int, Priority]) -> None:
        self.beginResetModel()
        self._rows = list(tensions)
        self._priorities = dict(priorities)
        self.endResetModel()

    def tension(self, row: int) -> Tension:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def priorities_text(self, t: Tension, sep: str = "\n") -> str:
        """One line per priority, product first, so both sides of a conflict read in the same order on every row."""
        known = sorted((self._priorities[pid] for pid in t.priority_ids if pid in self._priorities),
                       key=lambda p: p.side is not Side.PRODUCT)
        parts = [f"{p.side.marker} {p.side.label}: {p.title}" for p in known]
        parts += [f"(priority {pid})" for pid in t.priority_ids if pid not in self._priorities]
        return sep.join(parts)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        col = index.column()
        if role == IdRole:
            return t.id
        if role == ObjectRole:
            return t
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            if col == COL_STATEMENT:
                return t.statement
            if col == COL_PRIORITIES:
                return self.priorities_text(t)
            if col == COL_STATUS:
                return t.status.label.replace("_", " ")
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_STATEMENT, COL_PRIORITIES):
            return plain_tip(t.statement if col == COL_STATEMENT else self.priorities_text(t))
        return None
