"""First launch: who sits at the table (one product leader, one engineering leader)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.model import Leader, Side


class LeadersDialog(QDialog):
    def __init__(self, leaders: dict[Side, Leader] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("The two leaders")
        leaders = leaders or {}
        intro = QLabel("Tension Desk is for two people at one table: the product leader (the what and why) and "
                       "the engineering leader (the how, and the cost of not investing in the platform).")
        intro.setWordWrap(True)
        row = QHBoxLayout()
        self.fields: dict[Side, tuple[QLineEdit, QLineEdit]] = {}
        for side, default_title in ((Side.PRODUCT, "CPO"), (Side.ENGINEERING, "CTO")):
            box = QGroupBox(f"{side.marker} {side.label} leader")
            box.setObjectName(f"{side.value}_box")
            form = QFormLayout(box)
            name = QLineEdit(leaders[side].name if side in leaders else "")
            name.setPlaceholderText("Full name")
            name.setMaxLength(limits.LEADER_NAME)
            title = QLineEdit(leaders[side].title if side in leaders else default_title)
            title.setPlaceholderText(default_title)
            title.setMaxLength(limits.LEADER_TITLE)
            name.setObjectName(f"{side.value}_name")
            title.setObjectName(f"{side.value}_title")
            form.addRow("&Name" if side is Side.PRODUCT else "N&ame", name)
            form.addRow("&Title" if side is Side.PRODUCT else "T&itle", title)
            self.fields[side] = (name, title)
            row.addWidget(box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for w in self.fields[Side.PRODUCT] + self.fields[Side.ENGINEERING]:
            w.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = all(self.fields[s][0].text().strip() for s in Side)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def leaders(self) -> tuple[Leader, Leader]:
        out = []
        for side in (Side.PRODUCT, Side.ENGINEERING):
            name, title = self.fields[side]
            out.append(Leader(side, name.text().strip(), title.text().strip()))
        return out[0], out[1]

    @classmethod
    def ask(cls, parent: QWidget | None, leaders: dict[Side, Leader] | None = None) -> tuple[Leader, Leader] | None:
        dlg = cls(leaders, parent)
        return dlg.leaders() if dlg.exec() == QDialog.DialogCode.Accepted else None
