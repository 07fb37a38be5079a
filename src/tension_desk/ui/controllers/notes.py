"""The Notes tab: the meeting's notes, saved shortly after typing stops (one undo step per burst).

Notes being typed are never replaced by a change made elsewhere (another laptop): the typing stays, the status
bar says the notes changed elsewhere, and the save names the version typed over, so the store refuses it and
the conflict dialog offers theirs or yours, as for any other row."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

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
        self.base: tuple[int, str] | None = None  # (session id, stored notes) the editor's text starts from
        self.seen: int | None = None  # the session's version those notes are from (what a save edits)

    def show(self) -> None:
        """The session's stored notes (without starting a save); notes being typed are kept."""
        s = self.session
        self.editor.setEnabled(s is not None)
        typing = self.timer.isActive() and s is not None and self.base is not None and self.base[0] == s.id
        if s is not None and typing and self.base != (s.id, s.notes):
            window = self.editor.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage("The notes were changed elsewhere; yours are kept until you save "
                                               "them, and then you choose which to keep", 15000)
            return
        self.base, self.seen = ((s.id, s.notes), s.version) if s else (None, None)
        if not typing and self.editor.toPlainText() != (s.notes if s else ""):
            self.editor.blockSignals(True)
            self.editor.setPlainText(s.notes if s else "")
            self.editor.blockSignals(False)

    def save_pending(self) -> None:
        """Save what was typed before the session on screen changes."""
        if self.timer.isActive():
            self.save()

    def save(self) -> None:
        self.timer.stop()
        if self.session is None:
            return
        text = self.editor.toPlainText().replace("\x00", "")  # NUL never reaches the store
        if self.base is None or text != self.base[1]:
            self.run(cmd.SetSessionNotes, self.session.id, text, self.seen)
