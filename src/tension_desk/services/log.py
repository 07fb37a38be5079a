"""The decision log: every decision with its session, tension and the sides involved (read-only)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tension_desk.domain.model import Decision, Session, Side, Tension


@dataclass(frozen=True)
class LogEntry:
    decision: Decision
    session: Session
    tension: Tension | None
    sides: frozenset[Side]

    def due(self, today: dt.date) -> bool:
        d = self.decision
        return d.review_date is not None and d.review_date <= today and not d.review_outcome

    def text(self) -> str:
        d = self.decision
        return " ".join([d.outcome, d.context, d.options, d.rationale, d.tradeoffs, d.cost_of_not,
                         d.success_signal, d.owner, self.session.title,
                         self.tension.statement if self.tension else ""]).lower()


def build_log_entries(desk) -> list[LogEntry]:
    """Adapt the services' decisions, sessions, tensions and priorities into log rows."""
    sessions = {s.id: s for s in desk.sessions.list()}
    tensions = {t.id: t for t in desk.tensions.list()}
    sides = {p.id: p.side for p in desk.priorities.list()}
    entries = []
    for d in desk.decisions.list():
        t = tensions.get(d.tension_id)
        involved = frozenset(sides[pid] for pid in (t.priority_ids if t else ()) if pid in sides)
        if d.session_id in sessions:
            entries.append(LogEntry(d, sessions[d.session_id], t, involved))
    return entries
