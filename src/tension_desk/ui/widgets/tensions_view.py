"""The Tensions view: every tension of the session, and a filter to see one priority's tensions."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.model import Priority, Tension
from tension_desk.ui.closed import offer, reopen_to
from tension_desk.ui.models.roles import ObjectRole
from tension_desk.ui.models.tensions import COL_PRIORITIES, COL_STATEMENT, COL_STATUS, TensionTableModel
from tension_desk.ui.widgets.tool_actions import add_tool_actions
from tension_desk.ui.widgets.when_shown import WhenShown


class _PriorityFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.priority_id: int | None = None

    def set_priority(self, priority_id: int | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: invalidateFilter() is deprecated
            self.beginFilterChange()
            self.priority_id = priority_id
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.priority_id = priority_id
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self.priority_id is None:
            return True
        t: Tension = self.sourceModel().index(row, 0, parent).data(ObjectRole)
        return self.priority_id in t.priority_ids


class _WholeLinesDelegate(QStyledItemDelegate):
    """A row as tall as every wrapped line of its cells, with air above and below. Qt's own hint is a pixel or two
    short when a line holds a ● or ▲ marker, and the cell then drops its last line: the other side's priority."""
    AIR = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        room = QRect(0, 0, max(1, option.rect.width() - 8), 100_000)
        need = option.fontMetrics.boundingRect(room, int(Qt.TextFlag.TextWordWrap), str(index.data() or "")).height()
        return QSize(hint.width(), max(hint.height(), need) + self.AIR)


class TensionsView(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.closed = False  # the session is closed: it refuses edits, so none is offered
        self.model = TensionTableModel(self)
        self.proxy = _PriorityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("tensions_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegate(_WholeLinesDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_STATEMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_PRIORITIES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.doubleClicked.connect(lambda _index: self._edit())  # the row double-clicked is selected
        self.filter = QComboBox()
        self.filter.setObjectName("tension_filter")
        self.filter.setAccessibleName("Show the tensions of")
        self.filter.currentIndexChanged.connect(lambda _i: self.proxy.set_priority(self.filter.currentData()))

        bar = QHBoxLayout()
        self.tool_actions = add_tool_actions(self, bar, (
            ("add", "+ New tension", "Record a conflict between two or more priorities (Ctrl+T)",
             QKeySequence("Ctrl+T"), self.add_requested.emit),
            ("edit", "Edit", "Edit the selected tension (Enter)", QKeySequence(Qt.Key.Key_Return), self._edit),
            ("delete", "Delete", "Delete the selected tension (Del)", QKeySequence(QKeySequence.StandardKey.Delete),
             self._delete),
        ), "tension")
        bar.addStretch(1)
        label = QLabel("Show the tensions of")
        label.setBuddy(self.filter)
        bar.addWidget(label)
        bar.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.open_hint = ("No tensions yet. Pick two or more priorities that compete for the same capacity, "
                          "or where one blocks the other, and record the conflict: “+ New tension”.")
        self.empty = QLabel(self.open_hint)
        self.empty.setObjectName("empty_hint")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._fit_rows = WhenShown(self.table, self.table.resizeRowsToContents)  # once the tab shows
        self._update_actions()

    def set_data(self, tensions: list[Tension], priorities: list[Priority]) -> None:
        self.model.set_tensions(tensions, {p.id: p for p in priorities})
        current = self.filter.currentData()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem("every priority", None)
        for p in priorities:
            self.filter.addItem(f"{p.side.marker} {p.title}", p.id)
        i = self.filter.findData(current)
        self.filter.setCurrentIndex(max(i, 0))
        self.filter.blockSignals(False)
        self.proxy.set_priority(self.filter.currentData())
        self.empty.setVisible(not tensions)
        self._fit_rows()
        self._update_actions()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ObjectRole).id if rows else None

    def set_closed(self, closed: bool) -> None:
        """``closed``: the session is closed; no edit is offered, and each button says to reopen it."""
        self.closed = closed
        self.empty.setText(f"No tensions. {reopen_to('its tensions')}." if closed else self.open_hint)
        self._update_actions()

    def _update_actions(self) -> None:
        has = self.selected_id() is not None
        for key, action in self.tool_actions.items():
            offer(action, key == "add" or has, self.closed, "its tensions")

    def _edit(self) -> None:
        if self.tool_actions["edit"].isEnabled() and (tid := self.selected_id()) is not None:
            self.edit_requested.emit(tid)

    def _delete(self) -> None:
        if (tid := self.selected_id()) is not None:
            self.delete_requested.emit(tid)
