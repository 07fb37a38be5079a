"""The Session and Edit menus' edits of the workspace: the leaders, the criteria, and a session's life (new, the
sample, status, rename, delete). Each is one undoable command; the window only shows what they leave."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tension_desk.domain.dates import day, month
from tension_desk.domain.model import Session, SessionStatus, Side
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.dialogs.leaders import LeadersDialog
from tension_desk.ui.dialogs.session import SessionDialog
from tension_desk.ui.errors import ask_text, confirm

if TYPE_CHECKING:
    from tension_desk.ui.main_window import MainWindow


class SessionActions:
    def __init__(self, window: MainWindow):
        self.window = window
        self.ctx = window.ctx

    def _current(self) -> Session | None:
        return self.window.session_view.session

    def edit_leaders(self) -> None:
        answer = LeadersDialog.ask(self.window, self.ctx.desk.workspace.leaders())
        if answer is not None:
            self.ctx.run(self.window, cmd.SetLeaders, *answer)
            self.window.update_state()

    def edit_criteria(self) -> None:
        from tension_desk.ui.dialogs.criteria import CriteriaDialog

        CriteriaDialog.open_for(self.ctx, self.window)

    def new_session(self) -> None:
        if not self.ctx.desk.workspace.has_leaders():
            self.edit_leaders()
            if not self.ctx.desk.workspace.has_leaders():
                return
        today = dt.date.today()
        sessions = self.ctx.desk.sessions.list()
        previous = sessions[0] if sessions else None
        answer = SessionDialog.ask(self.window, f"{month(today)} tension session", today,
                                   previous.title if previous else None)
        if answer is None:
            return
        done = self.ctx.run(self.window, cmd.CreateSession, answer.title, answer.date, None,
                            previous.id if (answer.carry and previous) else None)
        if done:
            self.window.select_session(done.session_id)

    def open_sample(self) -> None:
        """Open the sample: the one already in the workspace, or else add it (one undoable edit)."""
        from tension_desk.services.sample import existing_sample

        if (ids := existing_sample(self.ctx.desk)) is not None:
            self.window.select_session(ids[-1])
            self.window.statusBar().showMessage("Opened the sample session already in this workspace", 6000)
            return
        done = self.ctx.run(self.window, cmd.AddSample)
        if done and done.session_ids:
            self.window.select_session(done.session_ids[-1])

    def set_status(self, status: SessionStatus) -> None:
        current = self._current()
        if current is None:
            return
        view = self.window.session_view
        if not view.notes_tab.save_pending():  # notes typed go into the record before any seal; not saved: told
            self.window.status_actions[current.status].setChecked(True)  # as it is (the group unchecks the rest)
            return
        view.script_bar.save()  # the time spent so far goes into the record before any seal
        s = self.ctx.desk.sessions.get(current.id)  # as stored now
        if s.status is status:
            pass
        elif status is SessionStatus.CLOSED:  # closing seals the record
            self.ctx.run(self.window, cmd.CloseSession, s.id, s.title)
        elif is_closed(s):
            self.reopen(s, status)
        else:
            self.ctx.run(self.window, cmd.UpdateSession, s.id, f"Mark session {status}", status=status)
        self.window.update_state()

    def reopen(self, s: Session, status: SessionStatus) -> None:
        """A closed session's record is sealed: reopening it asks why and who, and starts its next revision."""
        reason = ask_text(self.window, "Reopen session", f"“{s.title}” is closed and its record sealed. "
                          "Why reopen it? (The record will say so.)")
        if reason is None:
            return
        leader = self.ctx.desk.workspace.leaders().get(Side.PRODUCT)
        by = ask_text(self.window, "Reopen session", "Who reopens it?", leader.name if leader else "")
        if by is None or not self.ctx.run(self.window, cmd.ReopenSession, s.id, s.title, reason, by):
            return
        if status is not SessionStatus.LIVE:
            self.ctx.run(self.window, cmd.UpdateSession, s.id, f"Mark session {status.value}", status=status)

    def rename(self) -> None:
        s = self._current()
        if s is None:
            return
        title = ask_text(self.window, "Rename session", "Session title:", s.title)
        if title is not None and title.strip() and title.strip() != s.title:
            self.ctx.run(self.window, cmd.UpdateSession, s.id, "Rename session", title=title)

    def delete(self) -> None:
        s = self._current()
        if s is None or not self.window.session_view.notes_tab.save_pending():  # undo brings the notes back too
            return
        if confirm(self.window, "Delete session", f"Delete “{s.title}” ({day(s.date)}) with its tensions, "
                                                  "scores and decisions? Undo (Ctrl+Z) brings it back."):
            self.ctx.run(self.window, cmd.DeleteSession, s.id, s.title)
