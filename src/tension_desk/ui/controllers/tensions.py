"""The Tensions tab: add, edit and delete the tensions between priorities."""
from __future__ import annotations

from tension_desk.domain.model import Priority, Tension
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.dialogs.tension import TensionDialog
from tension_desk.ui.errors import confirm
from tension_desk.ui.widgets.tensions_view import TensionsView


class TensionsController(TabController):
    def __init__(self, ctx: Context, host: SessionHost, view: TensionsView):
        super().__init__(ctx, host)
        self.view = view
        view.add_requested.connect(self.add)
        view.edit_requested.connect(self.edit)
        view.delete_requested.connect(self.delete)

    def reload(self, agenda: list[Priority], tensions: list[Tension]) -> None:
        self.view.set_data(tensions, agenda)
        self.view.set_closed(is_closed(self.session))

    def add(self) -> None:
        if self.session is None:
            return
        answer = TensionDialog.ask(self.host, self.ctx.desk.priorities.agenda(self.session.id))
        if answer is not None:
            self.run(cmd.AddTension, self.session.id, answer.statement, answer.priority_ids)

    def edit(self, tension_id: int) -> None:
        if self.session is None:
            return
        t = self.ctx.desk.tensions.get(tension_id)
        agenda = self.ctx.desk.priorities.agenda(self.session.id)
        answer = TensionDialog.ask(self.host, agenda, t.statement, t.priority_ids, new=False)
        if answer is not None:
            self.run(cmd.EditTension, self.session.id, tension_id, answer.statement, answer.priority_ids)

    def delete(self, tension_id: int) -> None:
        if self.session is None:
            return
        t = self.ctx.desk.tensions.get(tension_id)
        if confirm(self.host, "Delete tension", f"Delete the tension “{t.statement[:80]}”? (Undo brings it back.)"):
            self.run(cmd.DeleteTension, self.session.id, tension_id)
