"""The session record: everything an export needs about one session, as plain domain objects (read-only)."""
from __future__ import annotations

from dataclasses import dataclass, field

from tension_desk.domain.capacity import CapacityFit, capacity_fit
from tension_desk.domain.model import Criterion, Decision, Leader, Priority, Score, Session, Side, Tension
from tension_desk.domain.scoring import PriorityResult, compute_results


@dataclass(frozen=True)
class SessionRecord:
    session: Session
    leaders: dict[Side, Leader]
    criteria: list[Criterion]  # with the weights this session is scored with
    priorities: list[Priority]  # the agenda, product first, each side in its order
    scores: list[Score]
    results: list[PriorityResult]
    tensions: list[Tension]  # raised in this session
    decisions: list[Decision]  # taken in this session
    capacity: CapacityFit
    carried_over: list[str] = field(default_factory=list)  # open items that go on to the next session


def build_session_record(desk, session_id: int) -> SessionRecord:
    session = desk.sessions.get(session_id)
    criteria = desk.scoring.criteria(session_id)
    agenda = desk.priorities.agenda(session_id)
    scores = sorted(desk.scoring.scores(session_id), key=lambda s: (s.priority_id, s.criterion_id, s.leader_role.value))
    results = compute_results([p.id for p in agenda], criteria, scores)
    tensions = desk.tensions.of_session(session_id)
    decisions = desk.decisions.list(session_id)
    plan = desk.capacity.plan(session.quarter)
    fit = capacity_fit(plan, desk.priorities.of_quarter(session.quarter), session.quarter)
    agenda_view = desk.tensions.agenda(session_id)
    decided = {d.tension_id for d in desk.decisions.list()}
    carried = [t.statement for t in tensions if t.id not in decided]
    carried += [c.tension.statement + f" (open {c.age} sessions" + (", escalate" if c.escalate else "") + ")"
                for c in agenda_view.carried if c.tension.id not in decided]
    carried += [f"Review “{d.outcome}” (due {d.review_date})" for d in agenda_view.due_reviews if not d.review_outcome]
    return SessionRecord(session, desk.workspace.leaders(), criteria, agenda, scores, results, tensions, decisions, fit, carried)
