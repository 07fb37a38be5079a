"""The workspace's criteria (the matrix columns): name, description, weight, benefit or cost, scale.

Each change is an undoable command. A criterion's weight here is the default for new sessions: a
session keeps the weights it was scored with (its agreed weights live in its Weights tab).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.model import Criterion, CriterionKind
from tension_desk.ui import commands as cmd
from tension_desk.ui.errors import confirm
from tension_desk.ui.plain import limit_length

if TYPE_CHECKING:
    from tension_desk.ui.context import Context


class CriterionDialog(QDialog):
    def __init__(self, criterion: Criterion, parent: QWidget | None = None):
        super().__init__(parent)
        self.criterion = criterion
        self.setWindowTitle("New criterion" if criterion.id == 0 else "Edit criterion")
        self.name = QLineEdit(criterion.name)
        self.name.setMaxLength(limits.CRITERION_NAME)
        self.description = limit_length(QPlainTextEdit(criterion.description), limits.TEXT)
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(70)
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0, limits.WEIGHT)
        self.weight.setDecimals(2)
        self.weight.setValue(criterion.weight)
        self.kind = QComboBox()
        self.kind.addItem("Benefit — a high score raises the total", CriterionKind.BENEFIT.value)
        self.kind.addItem("Cost — a high score lowers the total", CriterionKind.COST.value)
        self.kind.setCurrentIndex(0 if criterion.kind is CriterionKind.BENEFIT else 1)
        self.scale_min = QSpinBox()
        lowest, highest = limits.SCALE
        self.scale_min.setRange(lowest, highest - 1)
        self.scale_min.setValue(criterion.scale_min)
        self.scale_max = QSpinBox()
        self.scale_max.setRange(lowest + 1, highest)
        self.scale_max.setValue(criterion.scale_max)
        scale = QHBoxLayout()
        scale.addWidget(self.scale_min)
        scale.addWidget(QLabel("to"))
        scale.addWidget(self.scale_max)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Description", self.description)
        form.addRow("Default &weight", self.weight)
        form.addRow("&Kind", self.kind)
        form.addRow("&Scale", scale)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> Criterion:
        return Criterion(id=self.criterion.id, name=self.name.text(), weight=self.weight.value(),
                         kind=CriterionKind(self.kind.currentData()), scale_min=self.scale_min.value(),
                         scale_max=self.scale_max.value(),
                         description=self.description.toPlainText().replace("\x00", ""))

    @classmethod
    def ask(cls, parent: QWidget | None, criterion: Criterion) -> Criterion | None:
        dlg = cls(criterion, parent)
        return dlg.value() if dlg.exec() == QDialog.DialogCode.Accepted else None


class CriteriaDialog(QDialog):
    """Lists the workspace criteria with add / edit / remove; every change is saved and undoable at once."""

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Scoring criteria")
        self.resize(720, 420)
        note = QLabel("The columns of the scoring matrix. Weights here are the defaults for new sessions; "
                      "a session keeps the weights it was scored with (see its Weights tab).")
        note.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("criteria_table")
        self.table.setHorizontalHeaderLabels(["Criterion", "Kind", "Default weight", "Scale"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        add = QPushButton("&Add…")
        add.clicked.connect(self.add)
        edit = QPushButton("&Edit…")
        edit.clicked.connect(self.edit)
        remove = QPushButton("&Remove")
        remove.clicked.connect(self.remove)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.accepted.connect(self.accept)
        row = QHBoxLayout()
        for b in (add, edit, remove):
            b.setAutoDefault(False)  # Enter closes the dialog (its default button), never opens Add
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        ctx.notifier.criteria_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.criteria = self.ctx.desk.criteria.list()
        self.table.setRowCount(len(self.criteria))
        for r, c in enumerate(self.criteria):
            for col, text in enumerate((c.name, c.kind.value, f"{c.weight:g}", f"{c.scale_min}–{c.scale_max}")):
                self.table.setItem(r, col, QTableWidgetItem(text))

    def selected(self) -> Criterion | None:
        rows = self.table.selectionModel().selectedRows()
        return self.criteria[rows[0].row()] if rows else None

    def add(self) -> None:
        c = CriterionDialog.ask(self, Criterion(id=0, name="", weight=1.0))
        if c is not None:
            self.ctx.run(self, cmd.SaveCriterion, c, f"Add criterion “{c.name}”")

    def edit(self) -> None:
        current = self.selected()
        if current is None:
            return
        c = CriterionDialog.ask(self, current)
        if c is not None and c != current:
            self.ctx.run(self, cmd.SaveCriterion, c, f"Edit criterion “{c.name}”")

    def remove(self) -> None:
        current = self.selected()
        if current is None:
            return
        if confirm(self, "Remove criterion", f"Stop scoring “{current.name}”? Sessions still being scored drop "
                                             "its column and scores; closed sessions keep it. Undo brings it back.",
                   "Remove"):
            self.ctx.run(self, cmd.RemoveCriterion, current.id, current.name)

    @classmethod
    def open_for(cls, ctx: Context, parent: QWidget | None) -> None:
        cls(ctx, parent).exec()
