"""Weights of a session's criteria (agreed, and each leader's own), and the ranking under each lens."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from tension_desk.domain.model import Criterion, Priority, Side
from tension_desk.ui.models.roles import IdRole, SortRole

COL_NAME, COL_KIND, COL_AGREED, COL_PRODUCT, COL_ENGINEERING = range(5)
WEIGHT_HEADERS = ("Criterion", "Kind", "Agreed weight", "● Product's weight", "▲ Engineering's weight")
LENS_OF_COLUMN = {COL_AGREED: None, COL_PRODUCT: Side.PRODUCT, COL_ENGINEERING: Side.ENGINEERING}


class WeightsModel(QAbstractTableModel):
    weight_edited = Signal(int, float, object)  # criterion id, weight, lens (None = agreed)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._criteria: list[Criterion] = []
        self._lenses: dict[Side, dict[int, float]] = {Side.PRODUCT: {}, Side.ENGINEERING: {}}
        self._agreed_editable = True

    def load(self, criteria: list[Criterion], lenses: dict[Side, dict[int, float]], agreed_editable: bool) -> None:
        self.beginResetModel()
        self._criteria = list(criteria)
        self._lenses = lenses
        self._agreed_editable = agreed_editable
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._criteria)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(WEIGHT_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(WEIGHT_HEADERS)):
            return WEIGHT_HEADERS[section]
        return None

    def weight(self, row: int, column: int) -> float:
        c = self._criteria[row]
        lens = LENS_OF_COLUMN[column]
        return c.weight if lens is None else self._lenses[lens].get(c.id, c.weight)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (COL_PRODUCT, COL_ENGINEERING) or (index.column() == COL_AGREED and self._agreed_editable):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._criteria):
            return None
        c = self._criteria[index.row()]
        col = index.column()
        if role == IdRole:
            return c.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SortRole):
            if col == COL_NAME:
                return c.name
            if col == COL_KIND:
                return "cost" if c.kind.value == "cost" else "benefit"
            w = self.weight(index.row(), col)
            return w if role != Qt.ItemDataRole.DisplayRole else f"{w:g}"
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= COL_AGREED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_AGREED and not self._agreed_editable:
            return "This session is closed: it keeps the weights it was scored with."
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        if not isinstance(value, int | float | str):
            return False
        try:
            weight = float(value)
        except ValueError:
            return False
        if weight == self.weight(index.row(), index.column()):
            return False
        self.weight_edited.emit(self._criteria[index.row()].id, weight, LENS_OF_COLUMN[index.column()])
        return True  # the store is the truth: the view reloads when the command has been applied


LENS_HEADERS = ("Priority", "Agreed weights", "● Product's weights", "▲ Engineering's weights")


class LensRanksModel(QAbstractTableModel):
    """Rank of every priority under the agreed, the product leader's and the engineering leader's weights."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._priorities: list[Priority] = []
        self._ranks: dict[str, dict[int, int | None]] = {}

    def load(self, priorities: list[Priority], ranks: dict[str, dict[int, int | None]]) -> None:
        self.beginResetModel()
        agreed = ranks.get("agreed", {})
        self._priorities = sorted(priorities, key=lambda p: (agreed.get(p.id) is None, agreed.get(p.id) or 0))
        self._ranks = ranks
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._priorities)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LENS_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(LENS_HEADERS)):
            return LENS_HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._priorities):
            return None
        p = self._priorities[index.row()]
        col = index.column()
        if role == IdRole:
            return p.id
        ranks = self._ranks.get(("agreed", "product", "engineering")[col - 1], {}) if col else {}
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{p.side.marker} {p.title}"
            rank = ranks.get(p.id)
            if rank is None:
                return "—"
            agreed = self._ranks.get("agreed", {}).get(p.id)
            if col > 1 and agreed is not None and rank != agreed:
                # places moved against the agreed ranking: "+2" up, "−9" down (a true minus sign; ▲ is a side's marker)
                return f"{rank}  ({agreed - rank:+d})".replace("-", "\u2212")
            return str(rank)
        if role == SortRole:
            return p.title if col == 0 else (ranks.get(p.id) or 10**9)
        if role == Qt.ItemDataRole.TextAlignmentRole and col:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
