"""One session: a header and tabs (Priorities, Tensions, …). Turns view requests into undoable commands."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from tension_desk.domain.model import PriorityDraft, Session, Side
from tension_desk.ui import commands as cmd
from tension_desk.ui.context import Context
from tension_desk.ui.dialogs.priority import PriorityDialog
from tension_desk.ui.dialogs.tension import TensionDialog
from tension_desk.ui.errors import confirm
from tension_desk.ui.widgets.priorities_view import PrioritiesView
from tension_desk.ui.widgets.tensions_view import TensionsView


class SessionView(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None
        self.title = QLabel()
        self.title.setObjectName("session_title")
        self.meta = QLabel()
        self.meta.setObjectName("session_meta")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.meta)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("session_tabs")
        self.priorities = PrioritiesView()
        self.tensions = TensionsView()
        self.tabs.addTab(self.priorities, "&Priorities")
        self.tabs.addTab(self.tensions, "&Tensions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

        for panel in self.priorities.panels.values():
            panel.add_requested.connect(self.add_priority)
            panel.edit_requested.connect(self.edit_priority)
            panel.delete_requested.connect(self.delete_priority)
            panel.move_requested.connect(self.move_priority)
        self.tensions.add_requested.connect(self.add_tension)
        self.tensions.edit_requested.connect(self.edit_tension)
        self.tensions.delete_requested.connect(self.delete_tension)
        n = ctx.notifier
        n.agenda_changed.connect(self._on_agenda_changed)
        n.tensions_changed.connect(self._on_agenda_changed)
        n.leaders_changed.connect(self._refresh_leaders)
        n.sessions_changed.connect(self._on_sessions_changed)

    # -- loading ------------------------------------------------------------------------------------
    def show_session(self, session_id: int | None) -> None:
        self.session = self.ctx.desk.session(session_id) if session_id is not None else None
        self.refresh()

    def refresh(self) -> None:
        self._refresh_header()
        self._refresh_leaders()
        self._refresh_lists()

    def _refresh_header(self) -> None:
        s = self.session
        if s is None:
            self.title.setText("")
            self.meta.setText("")
            return
        self.title.setText(s.title)
        self.meta.setText(f"{s.date:%A %d %B %Y} · {s.quarter} · {s.status.label}")

    def _refresh_leaders(self) -> None:
        self.priorities.set_leaders(self.ctx.desk.leaders())

    def _refresh_lists(self) -> None:
        if self.session is None:
            self.priorities.set_priorities([], {})
            self.tensions.set_data([], [])
            return
        agenda = self.ctx.desk.agenda(self.session.id)
        tensions = self.ctx.desk.tensions(self.session.id)
        by_priority: dict[int, list[str]] = {}
        for t in tensions:
            for pid in t.priority_ids:
                by_priority.setdefault(pid, []).append(t.statement)
        self.priorities.set_priorities(agenda, by_priority)
        self.tensions.set_data(tensions, agenda)

    def _on_agenda_changed(self, session_id: int) -> None:
        if self.session is not None and session_id == self.session.id:
            self._refresh_lists()

    def _on_sessions_changed(self) -> None:
        if self.session is None:
            return
        try:
            self.session = self.ctx.desk.session(self.session.id)
        except LookupError:
            self.session = None
        self.refresh()

    # -- priorities -----------------------------------------------------------------------------------
    def add_priority(self, side: Side) -> None:
        if self.session is None:
            return
        draft = PriorityDialog.ask(self, PriorityDraft(title="", side=side), new=True)
        if draft is None:
            return
        done = self.ctx.run(self, cmd.AddPriorities, self.session.id, [draft])
        if done and done.added:
            self.priorities.panels[done.added[0].side].select(done.added[0].id)

    def edit_priority(self, priority_id: int) -> None:
        p = self.ctx.desk.priority(priority_id)
        draft = PriorityDialog.ask(self, PriorityDraft.of(p), new=False)
        if draft is not None and draft != PriorityDraft.of(p):
            self.ctx.run(self, cmd.EditPriority, self.session.id, priority_id, draft)
            self.priorities.panels[draft.side].select(priority_id)

    def delete_priority(self, priority_id: int) -> None:
        p = self.ctx.desk.priority(priority_id)
        n = sum(priority_id in t.priority_ids for t in self.ctx.desk.tensions(self.session.id))
        extra = f" It is part of {n} tension(s), which lose it." if n else ""
        if confirm(self, "Delete priority", f"Delete “{p.title}” with its scores?{extra} (Undo brings it back.)"):
            self.ctx.run(self, cmd.DeletePriority, self.session.id, p)

    def move_priority(self, priority_id: int, delta: int) -> None:
        p = self.ctx.desk.priority(priority_id)
        order = self.ctx.desk.side_order(self.session.id, p.side)
        i = order.index(priority_id)
        j = i + delta
        if not 0 <= j < len(order):
            return
        order[i], order[j] = order[j], order[i]
        self.ctx.run(self, cmd.ReorderSide, self.session.id, p.side, order, f"Move “{p.title}”")
        self.priorities.panels[p.side].select(priority_id)

    # -- tensions -------------------------------------------------------------------------------------
    def add_tension(self, preselected: tuple[int, ...] = ()) -> None:
        if self.session is None:
            return
        agenda = self.ctx.desk.agenda(self.session.id)
        answer = TensionDialog.ask(self, agenda, selected=tuple(preselected) if preselected else ())
        if answer is not None:
            statement, ids = answer
            self.ctx.run(self, cmd.AddTension, self.session.id, statement, ids)

    def edit_tension(self, tension_id: int) -> None:
        t = self.ctx.desk.tension(tension_id)
        answer = TensionDialog.ask(self, self.ctx.desk.agenda(self.session.id), t.statement, t.priority_ids, new=False)
        if answer is not None:
            statement, ids = answer
            self.ctx.run(self, cmd.EditTension, self.session.id, tension_id, statement, ids)

    def delete_tension(self, tension_id: int) -> None:
        t = self.ctx.desk.tension(tension_id)
        if confirm(self, "Delete tension", f"Delete the tension “{t.statement[:80]}”? (Undo brings it back.)"):
            self.ctx.run(self, cmd.DeleteTension, self.session.id, tension_id)
