"""Presentation mode's own sort: a sorted view of the matrix's model, kept per session (``KeptSort``, as the
matrix tab keeps its own).

Ranked order for the audience after the reveal unless the room chose another (across relaunch); the matrix tab's
sort is untouched, and the reveal brings the ranked default even when presentation mode opened before it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QSortFilterProxyModel
from PySide6.QtWidgets import QTableView

from tension_desk.ui.models.matrix import MatrixModel
from tension_desk.ui.models.roles import SortRole
from tension_desk.ui.widgets.kept_sort import KeptSort


class PresentationSort(QObject):
    """Sorts ``table`` through its own proxy of ``model``; the sort the room clicks is kept under the session's
    key (none without a session)."""

    def __init__(self, table: QTableView, model: MatrixModel, session_id: int | None, parent: QObject) -> None:
        super().__init__(parent)
        self.table = table
        self.model = model
        self.session_id = session_id
        self.proxy = QSortFilterProxyModel(parent)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SortRole)
        table.setModel(self.proxy)
        self._kept: KeptSort | None = None
        self._revealed: bool | None = None  # the model's reveal when the sort was last restored

    def keep_chosen(self) -> None:
        """From now on, a sort the room chooses in the table's header is kept (not the ones restored here)."""
        self._kept = KeptSort(self.table, self.proxy, self.model, "presentation_sort", chosen=lambda: None,
                              moved=lambda: None)  # the window lays itself out on its own resize

    def restore(self) -> None:
        assert self._kept is not None, "keep_chosen() is called when the table is built"
        self._revealed = self.model.revealed
        self._kept.restore(self.session_id)

    def follow_reveal(self) -> None:
        """Sorted again as kept when the reveal came (or was undone) since: the ranked default after it."""
        if self.model.revealed != self._revealed:
            self.restore()
