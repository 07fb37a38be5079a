"""The Notes tab: the meeting's notes, saved shortly after typing stops (one undo step per burst)."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPlainTextEdit

from tension_desk.ui import commands as cmd
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController

SAVE_AFTER_MS = 700


class NotesController(TabController):
    def __init__(self, ctx: Context, host: SessionHost, editor: QPlainTextEdit):
        super().__init__(ctx, host)
        self.editor = editor
        self.timer = QTimer(host)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save)
        editor.textChanged.connect(self.timer.start)

    def show(self) -> None:
        """The session's stored notes (without starting a save)."""
        text = self.session.notes if self.session else ""
        if self.editor.toPlainText() != text:
            self.editor.blockSignals(True)
            self.editor.setPlainText(text)
            self.editor.blockSignals(False)
        self.editor.setEnabled(self.session is not None)

    def save_pending(self) -> None:
        """Save what was typed before the session on screen changes."""
        if self.timer.isActive():
            self.save()

    def save(self) -> None:
        self.timer.stop()
        if self.session is None:
            return
        text = self.editor.toPlainText().replace("\x00", "")  # NUL never reaches the store
        if text != self.ctx.desk.sessions.get(self.session.id).notes:
            self.run(cmd.SetSessionNotes, self.session.id, text)
