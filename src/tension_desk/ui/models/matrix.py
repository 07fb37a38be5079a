"""The scoring matrix: one row per priority on the agenda, one column per criterion, then the results.

The model adapts a domain ``ScoreGrid``; after one score edit it recomputes that priority's row and the
ranks, and signals only the cells that changed. Which leaders' scores it shows is set from the blind
scoring state: a masked turn shows only the scoring leader's values, and nothing derived from the other's
(no combined, no divergence, no rank, no heat).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tension_desk.domain.model import Criterion, CriterionKind, Priority, Score, Side
from tension_desk.domain.scoring import PriorityResult, ScoreGrid, gap, rank_labels, result_text
from tension_desk.render.heatmap import HeatCell
from tension_desk.render.palette import heat_colour, text_colour_on
from tension_desk.ui.models.roles import IdRole, ObjectRole, SideRole, SortRole
from tension_desk.ui.plain import plain_tip

COL_RANK, COL_TITLE = 0, 1
FIRST_CRITERION = 2
CellRole = Qt.ItemDataRole.UserRole + 10  # a render.heatmap.HeatCell for criterion cells
TurnRole = Qt.ItemDataRole.UserRole + 12  # the one Side whose scores show during a masked turn, else None

RESULT_HEADERS = ("● P total", "▲ E total", "Com­bined", "Diver­gence")  # soft hyphens: a narrow window wraps them
_ANSWERED = frozenset({  # the roles MatrixModel.data answers (for some cells); every other role is None
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
    IdRole, SideRole, ObjectRole, SortRole, CellRole, TurnRole})
_CELL_ROLES = frozenset({  # those a criterion cell answers from its scores
    CellRole, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, SortRole, Qt.ItemDataRole.ToolTipRole})


@dataclass(frozen=True)
class ResultColumns:
    """Where the result columns sit: after the rank, the title and one column per criterion."""

    first: int

    @classmethod
    def after(cls, criteria: int) -> ResultColumns:
        return cls(FIRST_CRITERION + criteria)

    @property
    def product(self) -> int:
        return self.first

    @property
    def engineering(self) -> int:
        return self.first + 1

    @property
    def combined(self) -> int:
        return self.first + 2

    @property
    def divergence(self) -> int:
        return self.first + 3


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._priorities: list[Priority] = []
        self._criteria: list[Criterion] = []
        self._row_of: dict[int, int] = {}
        self._col_of: dict[int, int] = {}
        self._grid: ScoreGrid | None = None
        self._visible: frozenset[Side] = frozenset(Side)
        self._results: dict[int, PriorityResult] = {}
        self._labels: dict[int, str] = {}  # the "#" column: rank_labels, as the PDF's matrix and chart print them

    # -- loading and updating --------------------------------------------------------------------------
    def load(self, priorities: list[Priority], criteria: list[Criterion], scores: Iterable[Score],
             visible: frozenset[Side]) -> None:
        self.beginResetModel()
        self._priorities = list(priorities)
        self._criteria = list(criteria)
        self._row_of = {p.id: i for i, p in enumerate(self._priorities)}
        self._col_of = {c.id: FIRST_CRITERION + i for i, c in enumerate(self._criteria)}
        self._grid = ScoreGrid([p.id for p in self._priorities], self._criteria, list(scores))
        self._visible = frozenset(visible)
        self._set_results()
        self.endResetModel()

    def _set_results(self) -> None:
        assert self._grid is not None
        results = self._grid.results()
        self._results = {r.priority_id: r for r in results}
        self._labels = rank_labels(self._priorities, results)

    def set_visible(self, visible: frozenset[Side]) -> None:
        if frozenset(visible) != self._visible:
            self._visible = frozenset(visible)
            self._all_changed()

    def _all_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))

    def apply_score(self, priority_id: int, criterion_id: int, role: Side, value: int | None) -> None:
        """Take one stored score edit: recompute, then signal the cell, the row's results and changed ranks."""
        if self._grid is None or priority_id not in self._row_of or criterion_id not in self._col_of:
            return
        old_labels = self._labels
        self._grid.set_score(priority_id, criterion_id, Side(role), value)
        self._set_results()
        changed = [self._row_of[p.id] for p in self._priorities if self._labels.get(p.id) != old_labels.get(p.id)]
        row = self._row_of[priority_id]
        col = self._col_of[criterion_id]
        self.dataChanged.emit(self.index(row, col), self.index(row, col))
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(row, self.columns.first), self.index(row, last))
        # one signal per changed "#" label (not one range): Qt repaints a range that is not wholly visible in full
        for r in sorted(changed):
            self.dataChanged.emit(self.index(r, COL_RANK), self.index(r, COL_RANK))

    # -- queries the views use ---------------------------------------------------------------------------
    @property
    def columns(self) -> ResultColumns:
        return ResultColumns.after(len(self._criteria))

    @property
    def visible(self) -> frozenset[Side]:
        return self._visible

    @property
    def revealed(self) -> bool:
        return len(self._visible) == 2

    def criterion_at(self, column: int) -> Criterion | None:
        i = column - FIRST_CRITERION
        return self._criteria[i] if 0 <= i < len(self._criteria) else None

    def priority_at(self, row: int) -> Priority:
        return self._priorities[row]

    def row_of(self, priority_id: int) -> int:
        return self._row_of.get(priority_id, -1)

    def criteria(self) -> list[Criterion]:
        return list(self._criteria)

    def priorities(self) -> list[Priority]:
        return list(self._priorities)

    def results(self) -> list[PriorityResult]:
        """The results as far as they may be shown (all of them only after the reveal)."""
        return [self._results[p.id] for p in self._priorities] if self.revealed else []

    def value(self, priority_id: int, criterion_id: int, role: Side) -> int | None:
        if Side(role) not in self._visible or self._grid is None:
            return None
        return self._grid.value(priority_id, criterion_id, Side(role))

    def scored_count(self, role: Side) -> int:
        """How many cells ``role`` has scored, or -1 when that may not be shown."""
        if Side(role) not in self._visible or self._grid is None:
            return -1
        return self._grid.scored_count(Side(role))

    def discussion_order(self) -> list[int]:
        return self._grid.discussion_order() if (self._grid is not None and self.revealed) else []

    def grid(self) -> ScoreGrid | None:
        return self._grid if self.revealed else None

    # -- Qt model interface -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._priorities)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_CRITERION + len(self._criteria) + len(RESULT_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        c = self.criterion_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == COL_RANK:
                return "Rank"
            if section == COL_TITLE:
                return "Priority"
            if c is not None:
                cost = c.kind is CriterionKind.COST and "cost" not in c.name.lower()
                return f"{c.name}{' (cost)' if cost else ''} ×{c.weight:g}"
            return RESULT_HEADERS[section - self.columns.first]
        if role == Qt.ItemDataRole.ToolTipRole:
            if c is not None:
                kind = "cost: a high score lowers the total" if c.kind is CriterionKind.COST else "benefit"
                return plain_tip(f"{c.name} — weight {c.weight:g}, {kind}, scale {c.scale_min}–{c.scale_max}\n"
                                 f"{c.description}")
            if section == self.columns.divergence:
                return "Mean gap between the two leaders' scores, as % of the scale (0 = agree, 100 = opposite)"
            if section == self.columns.combined:
                return "Mean of the two leaders' totals (0–100)"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _cell(self, g: ScoreGrid, p: Priority, c: Criterion) -> HeatCell:
        pv = g.value(p.id, c.id, Side.PRODUCT) if Side.PRODUCT in self._visible else None
        ev = g.value(p.id, c.id, Side.ENGINEERING) if Side.ENGINEERING in self._visible else None
        return HeatCell(product=pv, engineering=ev, divergence=gap(c, pv, ev) if self.revealed else None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ANSWERED or not index.isValid() or self._grid is None:
            return None  # a view asks each painted cell for a dozen roles: most have no answer here
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._priorities):
            return None
        p = self._priorities[row]
        if role == IdRole:
            return p.id
        if role == SideRole:
            return p.side.value
        if role == ObjectRole:
            return p
        c = self.criterion_at(col)
        if c is not None:
            if role == TurnRole:
                return next(iter(self._visible)).value if len(self._visible) == 1 else None
            if role not in _CELL_ROLES:
                return None
            cell = self._cell(self._grid, p, c)
            if role == CellRole:
                return cell
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                parts = []
                if Side.PRODUCT in self._visible:
                    parts.append(f"P {'–' if cell.product is None else cell.product}")
                if Side.ENGINEERING in self._visible:
                    parts.append(f"E {'–' if cell.engineering is None else cell.engineering}")
                return " · ".join(parts) if parts else "•"
            if role == SortRole:
                return cell.divergence if cell.divergence is not None else -1.0
            lines = [f"{p.title} — {c.name}"]  # the tooltip
            if Side.PRODUCT in self._visible:
                lines.append(f"● Product leader: {'not scored' if cell.product is None else cell.product}")
            if Side.ENGINEERING in self._visible:
                e = cell.engineering
                lines.append(f"▲ Engineering leader: {'not scored' if e is None else e}")
            if cell.divergence is not None:
                lines.append(f"Gap: {cell.divergence:.0f}% of the scale")
            return plain_tip("\n".join(lines))
        cols = self.columns
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if col == COL_TITLE else int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and col != cols.divergence:
            return None
        r = self._results[p.id]
        show_p = Side.PRODUCT in self._visible
        show_e = Side.ENGINEERING in self._visible
        values: dict[int, float | None] = {
            COL_RANK: r.rank if self.revealed else None,
            cols.product: r.total_product if show_p else None,
            cols.engineering: r.total_engineering if show_e else None,
            cols.combined: r.combined if self.revealed else None,
            cols.divergence: r.divergence if self.revealed else None,
        }
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TITLE:
                return f"{p.side.marker} {p.title}"
            if col == COL_RANK:
                return self._labels.get(p.id, "") if self.revealed else ""
            hidden = (col in (cols.combined, cols.divergence) and not self.revealed) or \
                     (col == cols.product and not show_p) or (col == cols.engineering and not show_e)
            return "•" if hidden else result_text(values.get(col))
        if role == SortRole:
            if col == COL_TITLE:
                return p.title.lower()
            v = values.get(col)
            if col == COL_RANK:
                return v if v is not None else 10**9
            return -1.0 if v is None else v
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_TITLE:
            return f"{p.side.label} priority: {p.title}"
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE:
            effort = "not estimated" if p.effort_weeks is None else f"{p.effort_weeks:g} person-weeks"
            return plain_tip(f"{p.side.label} priority: {p.title}\nEffort: {effort}\n{p.description}".strip())
        bg = heat_colour(values[cols.divergence]) if col == cols.divergence else None
        if bg is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return bg
            if role == Qt.ItemDataRole.ForegroundRole:
                return text_colour_on(bg)
        return None
