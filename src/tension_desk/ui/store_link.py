"""The window's link to its store: which store it is, whether the last edit was saved (with Retry, or
"reconnecting…"), edits made elsewhere on a shared workspace (live updates), and the questions asked once the
window is first shown (who sits at this laptop; the leaders of a new workspace)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from tension_desk.ui.dialogs import seat
from tension_desk.ui.live import LiveUpdates, SaveStatus

if TYPE_CHECKING:
    from tension_desk.ui.main_window import MainWindow


class StoreLink(QObject):
    """A child of the window: its connections end with the window."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        ctx = window.ctx
        self.store_label = QLabel(f"Store: {window.store_path}" if window.store_path else "")
        self.store_label.setObjectName("store_label")
        self.store_label.setTextFormat(Qt.TextFormat.PlainText)  # a folder may be named "<b>…"
        self.save_status = SaveStatus()  # saved / not saved (with Retry) / reconnecting…
        ctx.saves = self.save_status
        self.live = LiveUpdates(ctx.desk, ctx.notifier, window)  # edits made elsewhere refresh the views
        self.live.connection_changed.connect(self.save_status.set_connected)
        ctx.undo_stack.indexChanged.connect(self._on_edit)
        window.statusBar().addPermanentWidget(self.store_label)
        window.statusBar().addWidget(self.save_status)

    def _on_edit(self, _index: int) -> None:
        self.save_status.saved()

    def first_questions(self) -> None:
        """Once shown: on a shared workspace, who sits here (asked once); on a new workspace, its leaders. A window
        closed before this ran (connect_shared replaced it) asks nothing and reads nothing: its store is closed."""
        if not self.window.isVisible():
            return
        seat.settle(self.window)
        if not self.window.ctx.desk.workspace.has_leaders():
            self.window.session_actions.edit_leaders()

    def may_close(self) -> bool:
        """Every edit is committed when it is made; only edits that could not reach the server are asked about."""
        return self.save_status.may_close(self.window)

    def close(self) -> None:
        self.live.close()
