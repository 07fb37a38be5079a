"""Someone else saved the same row first: show theirs and yours side by side, and let the user keep theirs
or use mine (the edit applied again over their version). Tests replace ``ask``."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tension_desk.services.conflicts import Conflict


def _label(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text is shown as it is, never as markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class ConflictDialog(QDialog):
    def __init__(self, parent: QWidget | None, conflict: Conflict):
        super().__init__(parent)
        self.setWindowTitle("Changed by someone else")
        layout = QVBoxLayout(self)
        layout.addWidget(_label(f"{conflict.what[:1].upper()}{conflict.what[1:]} was changed by someone else "
                                "while you were editing it. Keep their version, or save yours over it?"))
        grid = QGridLayout()
        for col, head in enumerate(("", "Theirs (saved)", "Yours (not saved)")):
            grid.addWidget(_label(head, bold=True), 0, col)
        self.rows = conflict.differences()
        for row, cells in enumerate(self.rows, start=1):
            for col, text in enumerate(cells):
                grid.addWidget(_label(text, bold=col == 0), row, col, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(grid)
        buttons = QDialogButtonBox()
        self.keep_theirs = QPushButton("Keep theirs")
        self.use_mine = QPushButton("Use mine")
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.use_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs.setDefault(True)  # Enter keeps what is saved; overwriting it takes a deliberate click
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, conflict: Conflict) -> bool:
        """True to use mine (save the edit again over their version), False to keep theirs."""
        return cls(parent, conflict).exec() == QDialog.DialogCode.Accepted
