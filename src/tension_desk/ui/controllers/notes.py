"""The Notes tab: the meeting's notes, saved shortly after typing stops (one undo step per burst).

Notes typed and not saved yet are never dropped: a save that cannot reach the store (it is away, it is locked)
leaves them on screen and still to save, and they are saved at the next chance (more typing, another session or
tab, the window closing); the session on screen stays until they are, and closing the window with notes that
still cannot be saved asks first. A save the store refuses for a reason that waiting does not mend (the session
closed, a bad value) is told once and leaves nothing to save: the notes stay on screen, to copy, until another
session is shown.

A closed session's notes are read-only, as its other editors are. When the session on screen is closed elsewhere
(another laptop) while notes are typed, they stay on screen, read-only, and the user is told they were not saved.

Notes being typed are never replaced by a change made elsewhere (another laptop): the typing stays, the status
bar says the notes changed elsewhere, and the save names the version typed over, so the store refuses it and
the conflict dialog offers theirs or yours, as for any other row."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit

from tension_desk.services.live import out_of_reach
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed, reopen_to
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.errors import Refused, confirm, show_error, store_trouble

SAVE_AFTER_MS = 700
NOT_SAVED = "your notes were not saved; they stay on screen"
CLOSED = reopen_to("its notes")
NOT_KEPT = "Your notes were not saved: they stay on screen until you open another session; copy them if you need them"


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
        self.kept: str | None = None  # notes on screen the store refused for good (told): not to save, to copy
        self.placeholder = editor.placeholderText()

    def _text(self) -> str:
        return self.editor.toPlainText().replace("\x00", "")  # NUL never reaches the store

    def pending(self) -> bool:
        """Whether the editor holds notes typed for the session on screen and not saved yet."""
        s = self.session
        return (s is not None and self.base is not None and self.base[0] == s.id
                and self._text() not in (self.base[1], self.kept))

    def show(self) -> None:
        """The session's stored notes (without starting a save); notes not saved yet are kept, and so are notes
        the store refused for good (told), until another session is shown."""
        s = self.session
        self.editor.setEnabled(s is not None)
        if s is None or self.base is None or self.base[0] != s.id:
            self.kept = None  # another session: what a refused save left on screen goes with it
        closed = is_closed(s)
        self._read_only(closed)
        typed = not self.saving and self.pending() and (s is None or s.notes != self._text())  # not stored yet
        if s is not None and typed and closed:  # closed elsewhere while typing: they can no longer be saved
            self.kept = self._text()
            self.timer.stop()
            show_error(self.host, Refused(
                f"“{s.title}” was closed on another laptop while you typed: your notes were not saved. They stay "
                "on screen, read-only, until you open another session: copy them now if you need them (reopen the "
                "session to add them)."))
            self._say(NOT_KEPT)
        elif s is not None and typed and self.base != (s.id, s.notes):
            self._say("The notes were changed elsewhere; yours are kept until you save them, and then you choose "
                      "which to keep")
            return
        self.base, self.seen = ((s.id, s.notes), s.version) if s else (None, None)
        shown = self.kept if self.kept is not None and self._text() == self.kept else (s.notes if s else "")
        if (not typed or self.kept is not None) and self.editor.toPlainText() != shown:
            self._put(shown)

    def save_pending(self) -> bool:
        """Save the notes not saved yet (before the session on screen changes, another tab, the window closing).
        True: nothing is left to save; False: the store could not be reached (told) and the notes stay on screen,
        still to save."""
        if self.pending():
            self.save()
        return not self.pending()

    def save(self) -> None:
        """One undoable edit with the notes typed; when the store cannot be reached they stay still to save (told)
        for the next chance; when it refuses them for good (told), nothing is left to save."""
        self.timer.stop()
        s = self.session
        if s is None or not self.pending():
            return
        self.saving = True
        try:
            self.run(cmd.SetSessionNotes, s.id, self._text(), self.seen, not_done=NOT_SAVED, failed=self._failed)
        finally:
            self.saving = False

    def _failed(self, exc: Exception) -> None:
        """After a failed save was told: a store out of reach leaves the notes to save at the next chance; any
        other refusal (the session closed, a bad value) is for good, so they are kept on screen only, to copy."""
        if out_of_reach(exc) or store_trouble(exc) is not None:
            self._say("Your notes are not saved yet: they stay here, and are saved at the next chance once the "
                      "store is back (more typing, another session or tab, closing the window)")
            return
        from tension_desk.services.sealing import SessionClosed  # imports the ORM, loaded by the save already

        self.kept = self._text()
        if isinstance(exc, SessionClosed):
            self._read_only(True)
        self._say(NOT_KEPT)

    def may_close(self) -> bool:
        """Closing the window: save the notes not saved yet; when that fails, ask whether to close without them
        (Cancel keeps the window open, the notes on screen)."""
        if self.save_pending():
            return True
        title = self.session.title if self.session else ""
        if not confirm(self.host, "Notes not saved", f"Your notes on {title} could not be saved: the store cannot be "
                       "reached. If you close now, they are lost; choose Cancel to keep the window open and save "
                       "them once the store is back.", action="Close without saving"):
            return False
        if self.base is not None:
            self._put(self.base[1])  # dropped, as the user chose
        return True

    def _read_only(self, closed: bool) -> None:
        """A closed session's notes take no typing, and say how they would (as its other editors do)."""
        self.editor.setReadOnly(closed)
        self.editor.setToolTip(CLOSED if closed else "")
        self.editor.setPlaceholderText(CLOSED if closed else self.placeholder)

    def _put(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)

    def _say(self, text: str) -> None:
        window = self.editor.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)
