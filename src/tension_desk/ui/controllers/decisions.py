"""The Decisions tab: take a decision on a tension, amend it, and answer a due review."""
from __future__ import annotations

from typing import TYPE_CHECKING

from tension_desk.services.types import DecisionDraft, default_review_date, session_agenda
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.widgets.decisions_view import DecisionsView

if TYPE_CHECKING:
    from tension_desk.services.types import SessionSnapshot


class DecisionsController(TabController):
    def __init__(self, ctx: Context, host: SessionHost, view: DecisionsView):
        super().__init__(ctx, host)
        self.view = view
        view.take_requested.connect(self.take)
        view.save_requested.connect(self.save)
        view.review_requested.connect(self.review)
        self._seen: dict[int, int] = {}  # each decision's version as its form shows it

    def reload(self, snap: SessionSnapshot | None = None) -> None:
        """From ``snap`` (the session read afresh when not given)."""
        if self.session is None:
            return
        snap = snap or self.ctx.desk.sessions.open(self.session.id)
        sid = snap.session.id
        agenda = session_agenda(sid, snap.sessions, snap.tensions, snap.decisions)
        tensions = {t.id: t for t in snap.tensions}
        decisions = {d.tension_id: d for d in snap.decisions}
        self._seen = {d.id: d.version for d in decisions.values()}
        shown = list(agenda.own) + [c.tension for c in agenda.carried]
        shown += [tensions[d.tension_id] for d in agenda.due_reviews if d.tension_id in tensions]
        priorities = {pid: snap.priorities[pid] for t in shown for pid in t.priority_ids if pid in snap.priorities}
        self.view.load(agenda, priorities, decisions, snap.leaders, default_review_date(snap.session.quarter),
                       tensions, blind_session=None if snap.state.revealed else sid,
                       closed=is_closed(snap.session))

    def take(self, tension_id: int, draft: DecisionDraft, accept: list[int], defer: list[int]) -> None:
        """Decide: the accepted priorities go into the session's quarter, the deferred ones out of it."""
        if self.session is None:
            return
        if self.run(cmd.TakeDecision, self.session.id, tension_id, draft, accept, defer, self.session.quarter):
            self.view.select("tension", tension_id)

    def save(self, decision_id: int, draft: DecisionDraft) -> None:
        if self.session is not None:
            self.run(cmd.EditDecision, self.session.id, decision_id, draft, self._seen.get(decision_id))

    def review(self, decision_id: int, outcome: str | None) -> None:
        if self.session is None:
            return
        self.run(cmd.ReviewDecision, self.session.id, decision_id, outcome)
        self.view.select("review", decision_id)
