"""The Notes tab: the meeting's notes, saved shortly after typing stops (one undo step per burst).

Notes typed and not saved yet are never dropped: a save the store refuses (it is away, it is locked) leaves them
on screen and still to save, and they are saved at the next chance (more typing, another session or tab, the
window closing); the session on screen stays until they are, and closing the window with notes that still
cannot be saved asks first.

Notes being typed are never replaced by a change made elsewhere (another laptop): the typing stays, the status
bar says the notes changed elsewhere, and the save names the version typed over, so the store refuses it and
the conflict dialog offers theirs or yours, as for any other row."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

from tension_desk.ui import commands as cmd
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.errors import confirm

SAVE_AFTER_MS = 700
NOT_SAVED = "your notes were not saved; they stay on screen"


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
        self.saving = False  # a save is under way: what it reports (saved, or theirs kept) is shown

    def _text(self) -> str:
        return self.editor.toPlainText().replace("\x00", "")  # NUL never reaches the store

    def pending(self) -> bool:
        """Whether the editor holds notes typed for the session on screen and not saved yet."""
        s = self.session
        return s is not None and self.base is not None and self.base[0] == s.id and self._text() != self.base[1]

    def show(self) -> None:
        """The session's stored notes (without starting a save); notes not saved yet are kept."""
        s = self.session
        self.editor.setEnabled(s is not None)
        typed = not self.saving and self.pending() and (s is None or s.notes != self._text())  # not stored yet
        if s is not None and typed and self.base != (s.id, s.notes):
            self._say("The notes were changed elsewhere; yours are kept until you save them, and then you choose "
                      "which to keep")
            return
        self.base, self.seen = ((s.id, s.notes), s.version) if s else (None, None)
        if not typed and self.editor.toPlainText() != (s.notes if s else ""):
            self._put(s.notes if s else "")

    def save_pending(self) -> bool:
        """Save the notes not saved yet (before the session on screen changes, another tab, the window closing).
        True: nothing is left to save; False: the save failed (told) and the notes stay on screen, not saved."""
        if self.pending():
            self.save()
        return not self.pending()

    def save(self) -> None:
        """One undoable edit with the notes typed; when it fails they stay pending (told) for the next chance."""
        self.timer.stop()
        s = self.session
        if s is None or not self.pending():
            return
        self.saving = True
        try:
            self.run(cmd.SetSessionNotes, s.id, self._text(), self.seen, not_done=NOT_SAVED)
        finally:
            self.saving = False
        if self.pending():
            self._say("Your notes are not saved yet: they stay here, and are saved at the next chance (more "
                      "typing, another session or tab, closing the window)")

    def may_close(self) -> bool:
        """Closing the window: save the notes not saved yet; when that fails, ask whether to close without them
        (Cancel keeps the window open, the notes on screen)."""
        if self.save_pending():
            return True
        title = self.session.title if self.session else ""
        if not confirm(self.host, "Notes not saved", f"Your notes on {title} could not be saved. If you close now, "
                       "they are lost; choose Cancel to keep the window open and save them once the store is "
                       "back.", action="Close without saving"):
            return False
        if self.base is not None:
            self._put(self.base[1])  # dropped, as the user chose
        return True

    def _put(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)

    def _say(self, text: str) -> None:
        window = self.editor.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)
