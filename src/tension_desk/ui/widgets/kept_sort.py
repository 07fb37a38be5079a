"""A matrix table's sort, kept per session: ranked by default after the reveal, else the agenda's order; a sort
the user chooses is kept under the session's key and restored when the session is loaded again."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView

from tension_desk.ui.models.matrix import COL_RANK, MatrixModel
from tension_desk.ui.settings import app_settings


def kept_sort(key: str | None, model: MatrixModel) -> tuple[int, Qt.SortOrder]:
    """The sort chosen under ``key`` (a view of one session); none chosen: ranked after the reveal, else the
    agenda's order."""
    saved = app_settings().value(key) if key else None
    try:
        col, asc = (int(x) for x in str(saved).split())
        if 0 <= col < model.columnCount():
            return col, Qt.SortOrder.AscendingOrder if asc else Qt.SortOrder.DescendingOrder
    except ValueError:  # nothing saved (or not ours): the default
        pass
    return (COL_RANK if model.revealed else -1), Qt.SortOrder.AscendingOrder


def keep_sort(key: str, column: int, order: Qt.SortOrder) -> None:
    app_settings().setValue(key, f"{column} {int(order == Qt.SortOrder.AscendingOrder)}")


class KeptSort:
    """The sort of ``table`` (over ``proxy`` of ``model``) kept per session under ``prefix``/<session id>.

    ``chosen`` is called when the user sorts (the caller lays the columns out again: the arrow is part of the
    sorted column's label); ``moved`` when the rows take new places (their heights go with them). Neither is
    called while ``restore`` sorts: its caller lays the table out afresh after it."""

    def __init__(self, table: QTableView, proxy: QSortFilterProxyModel, model: MatrixModel, prefix: str,
                 chosen: Callable[[], None], moved: Callable[[], None]) -> None:
        self.table, self.model, self.prefix = table, model, prefix
        self.chosen, self.moved = chosen, moved
        self.key: str | None = None  # no session: a chosen sort is not kept
        self._restoring = False
        table.horizontalHeader().sortIndicatorChanged.connect(self._changed)
        proxy.layoutChanged.connect(self._sorted)

    def restore(self, session_id: int | None) -> None:
        """Sort as kept for ``session_id`` (the table sorts its proxy even when the sort stays the same)."""
        self.key = None if session_id is None else f"{self.prefix}/{session_id}"
        column, order = kept_sort(self.key, self.model)
        self._restoring = True
        self.table.sortByColumn(column, order)
        self._restoring = False

    def _changed(self, column: int, order: Qt.SortOrder) -> None:
        if self._restoring:
            return
        if self.key and column >= 0:
            keep_sort(self.key, column, order)
        self.chosen()

    def _sorted(self) -> None:
        if not self._restoring:
            self.moved()
