"""Presentation mode's own sort: a sorted view of the matrix's model, kept per session.

Ranked order for the audience after the reveal unless the room chose another (across relaunch); the matrix tab's
sort is untouched, and the reveal brings the ranked default even when presentation mode opened before it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableView

from tension_desk.ui.models.matrix import MatrixModel
from tension_desk.ui.models.roles import SortRole
from tension_desk.ui.widgets.kept_sort import keep_sort, kept_sort


class PresentationSort(QObject):
    """Sorts ``table`` through its own proxy of ``model``; the sort the room clicks is kept under the session's
    key (none without a session)."""

    def __init__(self, table: QTableView, model: MatrixModel, session_id: int | None, parent: QObject) -> None:
        super().__init__(parent)
        self.table = table
        self.model = model
        self.proxy = QSortFilterProxyModel(parent)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SortRole)
        table.setModel(self.proxy)
        self._key = None if session_id is None else f"presentation_sort/{session_id}"
        self._restoring = False
        self._revealed: bool | None = None  # the model's reveal when the sort was last restored

    def keep_chosen(self) -> None:
        """From now on, a sort the room chooses in the table's header is kept (not the ones restored here)."""
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._changed)

    def restore(self) -> None:
        column, order = kept_sort(self._key, self.model)
        self._revealed = self.model.revealed
        self._restoring = True
        self.table.sortByColumn(column, order)
        self.proxy.sort(column, order)
        self._restoring = False

    def follow_reveal(self) -> None:
        """Sorted again as kept when the reveal came (or was undone) since: the ranked default after it."""
        if self.model.revealed != self._revealed:
            self.restore()

    def _changed(self, column: int, order: Qt.SortOrder) -> None:
        if self._key and not self._restoring and column >= 0:
            keep_sort(self._key, column, order)
