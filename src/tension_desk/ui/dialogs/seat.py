"""Who sits at this laptop on a shared workspace: asked at the first connect, changed from File → Seat."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from tension_desk.domain.seats import Seat

if TYPE_CHECKING:
    from tension_desk.ui.main_window import MainWindow

WHAT_IT_SEES = {
    Seat.PRODUCT: "You score blind for the product side; you see only your own scores until both leaders are done.",
    Seat.ENGINEERING: "You score blind for the engineering side; you see only your own scores until both leaders "
                      "are done.",
    Seat.SCREEN: "The room's screen: it shows whether each leader is done (never a count) and the scores once "
                 "both are.",
}


class SeatDialog(QDialog):
    def __init__(self, workspace: str, current: Seat | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Who sits at this laptop?")
        intro = QLabel(f"On the shared workspace {workspace}, this laptop is the seat of:")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.choices: dict[Seat, QRadioButton] = {}
        for seat in Seat:
            button = QRadioButton(f"The {seat.label}")
            button.setObjectName(f"seat_{seat.value}")
            button.setToolTip(WHAT_IT_SEES[seat])
            button.setChecked(seat is (current or Seat.SCREEN))
            self.group.addButton(button)
            self.choices[seat] = button
            tell = QLabel(WHAT_IT_SEES[seat])
            tell.setTextFormat(Qt.TextFormat.PlainText)
            tell.setWordWrap(True)
            tell.setIndent(24)
            layout.addWidget(button)
            layout.addWidget(tell)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def seat(self) -> Seat:
        return next(s for s, b in self.choices.items() if b.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, workspace: str, current: Seat | None) -> Seat | None:
        dialog = cls(workspace, current, parent)
        return dialog.seat() if dialog.exec() == QDialog.DialogCode.Accepted else None


def settle(window: MainWindow, ask_again: bool = False) -> Seat | None:
    """This laptop's seat on the window's workspace, asked once per workspace (or again, from the menu), and
    shown by its matrix. None on the embedded store, and while the question is left unanswered (asked again
    next time): one laptop, where the leaders take turns."""
    if not window.ctx.desk.shared:
        return None
    from tension_desk.services import seats  # imports the ORM: asked on a shared workspace only

    url = window.ctx.desk.url
    current = seats.seat_of(url)
    seat = current
    if current is None or ask_again:
        chosen = SeatDialog.ask(window, url.render_as_string(hide_password=True), current)
        if chosen is not None:
            seats.remember_seat(url, chosen)
        seat = chosen or current
    window.session_view.matrix.seat = seat
    window.session_view.matrix_tab.reload()
    return seat
