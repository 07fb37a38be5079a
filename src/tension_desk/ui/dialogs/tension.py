"""Record a tension: its statement and the two or more priorities (from either side) that compete."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.model import Priority
from tension_desk.ui.plain import limit_length, plain_label


@dataclass(frozen=True)
class TensionAnswer:
    """What the tension dialog asked: the statement and the competing priorities' ids."""

    statement: str
    priority_ids: list[int]


class TensionDialog(QDialog):
    def __init__(self, priorities: list[Priority], statement: str = "", selected: tuple[int, ...] = (),
                 parent: QWidget | None = None, new: bool = True):
        super().__init__(parent)
        self.setWindowTitle("New tension" if new else "Edit tension")
        self.setMinimumSize(560, 480)
        self.statement = limit_length(QPlainTextEdit(statement), limits.TEXT)
        self.statement.setPlaceholderText("Where do these priorities conflict? "
                                          "e.g. both need the payments team in March.")
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(90)
        self.list = QListWidget()
        self.list.setAccessibleName("Priorities in conflict")
        for p in priorities:
            item = QListWidgetItem(f"{p.side.marker} {p.side.label}: {p.title}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.id in selected else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.hint = plain_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(self._update)
        self.statement.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        label = QLabel("&Statement of the conflict")
        label.setBuddy(self.statement)
        layout.addWidget(label)
        layout.addWidget(self.statement)
        label2 = QLabel("&Priorities in conflict (two or more, from either side; Space ticks)")
        label2.setBuddy(self.list)
        layout.addWidget(label2)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._update()

    def selected_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _update(self) -> None:
        n = len(self.selected_ids())
        has_text = bool(self.statement.toPlainText().strip())
        self.hint.setText(f"{n} selected" + ("" if n >= 2 else " — pick at least two")
                          + ("" if has_text else "; write the statement"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(n >= 2 and has_text)

    @classmethod
    def ask(cls, parent: QWidget | None, priorities: list[Priority], statement: str = "",
            selected: tuple[int, ...] = (), new: bool = True) -> TensionAnswer | None:
        dlg = cls(priorities, statement, selected, parent, new)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            return TensionAnswer(dlg.statement.toPlainText().replace("\x00", ""), dlg.selected_ids())
        return None
