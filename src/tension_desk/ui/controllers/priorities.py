"""The Priorities tab: add, edit, delete and reorder a side's priorities."""
from __future__ import annotations

from tension_desk.domain.model import Leader, Priority, PriorityDraft, Side, Tension
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.dialogs.priority import PriorityDialog
from tension_desk.ui.errors import confirm
from tension_desk.ui.widgets.priorities_view import PrioritiesView


class PrioritiesController(TabController):
    def __init__(self, ctx: Context, host: SessionHost, view: PrioritiesView):
        super().__init__(ctx, host)
        self.view = view
        for panel in view.panels.values():
            panel.add_requested.connect(self.add)
            panel.edit_requested.connect(self.edit)
            panel.delete_requested.connect(self.delete)
            panel.move_requested.connect(self.move)

    def reload(self, agenda: list[Priority], tensions: list[Tension]) -> None:
        by_priority: dict[int, list[str]] = {}
        for t in tensions:
            for pid in t.priority_ids:
                by_priority.setdefault(pid, []).append(t.statement)
        self.view.set_priorities(agenda, by_priority)
        self.view.set_closed(is_closed(self.session))

    def reload_leaders(self, leaders: dict[Side, Leader] | None = None) -> None:
        """Show ``leaders`` (read from the store when not given)."""
        self.view.set_leaders(self.ctx.desk.workspace.leaders() if leaders is None else leaders)

    def add(self, side: Side) -> None:
        if self.session is None:
            return
        draft = PriorityDialog.ask(self.host, PriorityDraft(title="", side=side), new=True)
        if draft is None:
            return
        done = self.run(cmd.AddPriorities, self.session.id, [draft])
        if done and done.added:
            self.view.panels[done.added[0].side].select(done.added[0].id)

    def edit(self, priority_id: int) -> None:
        if self.session is None:
            return
        current = self.ctx.desk.priorities.get(priority_id)
        before = PriorityDraft.of(current)
        draft = PriorityDialog.ask(self.host, before, new=False)
        if draft is not None and draft != before:
            self.run(cmd.EditPriority, self.session.id, priority_id, draft, current.version)
            self.view.panels[draft.side].select(priority_id)

    def delete(self, priority_id: int) -> None:
        if self.session is None:
            return
        p = self.ctx.desk.priorities.get(priority_id)
        n = sum(priority_id in t.priority_ids for t in self.ctx.desk.tensions.of_session(self.session.id))
        extra = f" It is part of {n} tension(s), which lose it." if n else ""
        if confirm(self.host, "Delete priority", f"Delete “{p.title}” with its scores?{extra} (Undo brings it back.)"):
            self.run(cmd.DeletePriority, self.session.id, p)

    def move(self, priority_id: int, delta: int) -> None:
        """Move one place up (-1) or down (+1) within its side; nothing at either end."""
        if self.session is None:
            return
        p = self.ctx.desk.priorities.get(priority_id)
        order = self.ctx.desk.priorities.side_order(self.session.id, p.side)
        i = order.index(priority_id)
        j = i + delta
        if not 0 <= j < len(order):
            return
        order[i], order[j] = order[j], order[i]
        self.run(cmd.ReorderSide, self.session.id, p.side, order, f"Move “{p.title}”")
        self.view.panels[p.side].select(priority_id)
