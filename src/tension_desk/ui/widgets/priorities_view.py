"""The Priorities view: the product leader's and the engineering leader's lists side by side."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.model import Leader, Priority, Side
from tension_desk.ui.closed import offer, reopen_to
from tension_desk.ui.models.priorities import COL_IDEA, COL_TENSIONS, COL_TITLE, PriorityTableModel
from tension_desk.ui.plain import plain_label
from tension_desk.ui.widgets.empty_state import EmptyHint
from tension_desk.ui.widgets.matrix_view import FitTable, fit_rows
from tension_desk.ui.widgets.tool_actions import add_tool_actions
from tension_desk.ui.widgets.when_shown import WhenShown

ROW_PAD = 6  # px above and below a row's text (the matrix is tighter: all its rows must fit)
TITLE_LINES = 4  # a side's list has room for taller rows than the matrix: in a narrow window a title takes up
# to four lines before it is elided


def delegate_lines(table: QTableView, index: QModelIndex, width: int) -> int:
    """The lines ``index``'s text wraps into in a cell ``width`` px wide, as the table's delegate lays it out and
    paints it (the style's own text margins and font), not an estimate of them."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = QRect(0, 0, width, 1)
    height = table.itemDelegateForIndex(index).sizeHint(option, index).height()
    return max(1, round(height / QFontMetricsF(option.font).height()))  # a laid-out line is the font high


class SidePanel(QFrame):
    """One leader's list with its own toolbar: add, edit, delete, move up, move down."""

    add_requested = Signal(object)  # Side
    edit_requested = Signal(int)  # priority id
    delete_requested = Signal(int)
    move_requested = Signal(int, int)  # priority id, delta (-1 up, +1 down)

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.closed = False  # the session is closed: it refuses edits, so none is offered
        self.setObjectName(f"side_panel_{side.value}")
        self.setProperty("side", side.value)
        self.model = PriorityTableModel(side, self)
        self.heading = plain_label()
        self.heading.setObjectName("side_heading")
        self.heading.setProperty("side", side.value)
        self.heading.setFixedHeight(40)
        self.table = FitTable()
        self.table.setObjectName(f"{side.value}_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # a long title takes more lines before it is elided (TITLE_LINES)
        self.table.setAccessibleName(f"{side.label} priorities")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in range(self.model.columnCount()):
            if col != COL_TITLE:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(COL_IDEA, True)  # in the tooltip and the edit dialog; keeps titles readable
        header.setSectionResizeMode(COL_TENSIONS, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(COL_TENSIONS, 64)
        # Rows as tall as their titles wrap in the title column, which stretches (and gives room to the other
        # columns as their contents change): fitted whenever it changes width, once the tab shows.
        self._fit = WhenShown(self.table, self._fit_rows)
        header.sectionResized.connect(self._title_resized)
        self.table.doubleClicked.connect(lambda _index: self._edit())  # the row double-clicked is selected
        self.open_hint = f"No {side.value} priorities yet — press Ins to add one, or File → Import priorities from CSV…"
        self.empty_hint = EmptyHint(self.table, self.open_hint)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.tool_actions = add_tool_actions(self, bar, (
            ("add", "+ Add", f"Add a {side.value} priority (Ins)", QKeySequence(Qt.Key.Key_Insert),
             lambda: self.add_requested.emit(self.side)),
            ("edit", "Edit", "Edit the selected priority (Enter)", QKeySequence(Qt.Key.Key_Return), self._edit),
            ("delete", "Delete", "Delete the selected priority (Del)", QKeySequence(QKeySequence.StandardKey.Delete),
             self._delete),
            ("up", "↑", "Move up (Alt+Up)", QKeySequence("Alt+Up"), lambda: self._move(-1)),  # not ▲: a side's marker
            ("down", "↓", "Move down (Alt+Down)", QKeySequence("Alt+Down"), lambda: self._move(+1)),
        ), side.value, stretch_before="up")
        self.summary = QLabel()
        self.summary.setObjectName("side_summary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self._update_actions()

    def set_leader(self, leader: Leader | None) -> None:
        who = f" — {leader.display}" if leader else ""
        self.heading.setText(f"{self.side.marker}  {self.side.label.upper()}{who}")
        self.heading.setAccessibleName(f"{self.side.label} leader's priorities{who}")

    def set_priorities(self, priorities: list[Priority], tensions: dict[int, list[str]]) -> None:
        selected = self.selected_id()
        self.model.set_priorities(priorities, tensions)
        self._fit()
        mine = [p for p in priorities if p.side is self.side]
        effort = sum(p.effort_weeks or 0 for p in mine)
        self.summary.setText(f"{len(mine)} priorities · {effort:g} person-weeks")
        if selected is not None:
            self.select(selected)

    def _fit_rows(self, width: int | None = None) -> None:
        fit_rows(self.table, ROW_PAD, COL_TITLE, width, TITLE_LINES,
                 lambda index, w: delegate_lines(self.table, index, w))

    def _title_resized(self, column: int, _old: int, new: int) -> None:
        if column != COL_TITLE:
            return
        if self.table.isVisible():
            self._fit_rows(new)  # the header tells the new width before the table does
        else:
            self._fit()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.priority(rows[0].row()).id if rows else None

    def select(self, priority_id: int) -> None:
        row = self.model.row_of(priority_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, COL_TITLE),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def set_closed(self, closed: bool) -> None:
        """``closed``: the session is closed; no edit is offered, and each button says to reopen it."""
        self.closed = closed
        self.empty_hint.label.setText(f"No {self.side.value} priorities. {reopen_to('its priorities')}." if closed
                                      else self.open_hint)
        self._update_actions()

    def _update_actions(self) -> None:
        sel = self.selected_id()
        row = self.model.row_of(sel) if sel is not None else -1
        applies = {"add": True, "edit": sel is not None, "delete": sel is not None, "up": row > 0,
                   "down": 0 <= row < self.model.rowCount() - 1}
        for key, action in self.tool_actions.items():
            offer(action, applies[key], self.closed, "its priorities")

    def _edit(self) -> None:
        if self.tool_actions["edit"].isEnabled() and (pid := self.selected_id()) is not None:
            self.edit_requested.emit(pid)

    def _delete(self) -> None:
        if (pid := self.selected_id()) is not None:
            self.delete_requested.emit(pid)

    def _move(self, delta: int) -> None:
        if (pid := self.selected_id()) is not None:
            self.move_requested.emit(pid, delta)


class PrioritiesView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panels = {side: SidePanel(side) for side in Side}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.panels[Side.PRODUCT], 1)
        layout.addWidget(self.panels[Side.ENGINEERING], 1)

    def set_leaders(self, leaders: dict[Side, Leader]) -> None:
        for side, panel in self.panels.items():
            panel.set_leader(leaders.get(side))

    def set_priorities(self, priorities: list[Priority], tensions: dict[int, list[str]]) -> None:
        for panel in self.panels.values():
            panel.set_priorities(priorities, tensions)

    def set_closed(self, closed: bool) -> None:
        for panel in self.panels.values():
            panel.set_closed(closed)
