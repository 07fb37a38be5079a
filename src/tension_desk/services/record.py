"""The session record: everything an export needs about one session, as plain domain objects (read-only).

Every document of a session (PDF, Markdown, CSV, JSON) is made from a ``SessionRecord`` that went through the
canonical record (``export.json_export.session_dict`` → ``record_from_dict``), so whatever a document prints
is in the canonical record, and so in its fingerprint. A closed session's canonical record is sealed
(``services.sealing``): its documents come from the sealed one, never from today's store.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from tension_desk.domain.capacity import CapacityFit, capacity_fit
from tension_desk.domain.dates import day
from tension_desk.domain.model import Criterion, Decision, Leader, Priority, Score, Session, Side, Tension
from tension_desk.domain.scoring import PriorityResult, compute_results
from tension_desk.domain.script import Step
from tension_desk.services.types import session_agenda

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

SCORES_SEALED = "Scoring in progress — scores are sealed until the reveal"
# The order of a record's scores: by priority, criterion and leader (a Side is a StrEnum: it sorts as its value).
# A C key: a record holds thousands of scores.
SCORE_ORDER = attrgetter("priority_id", "criterion_id", "leader_role")


@dataclass(frozen=True)
class EarlierRevision:
    number: int
    fingerprint: str
    sealed_on: dt.date | None

    @property
    def line(self) -> str:
        """'Revision 1, sealed on 30 Sep 2026: fingerprint 3f…' (the full SHA-256)."""
        return f"Revision {self.number}, sealed on {day(self.sealed_on)}: fingerprint {self.fingerprint}"


@dataclass(frozen=True)
class Revision:
    """Which revision of the session this record is, when it was sealed, and why it was reopened."""

    number: int = 1
    sealed_on: dt.date | None = None  # None: the session is not closed, so the record is not sealed yet
    reopened_on: dt.date | None = None
    reopened_by: str = ""
    reason: str = ""
    earlier: tuple[EarlierRevision, ...] = ()  # the sealed revisions before this one, with their fingerprints
    on_upgrade: bool = False  # closed before sealing existed: sealed when its store was upgraded or imported

    @property
    def sealed(self) -> str:
        """'sealed on 17 Nov 2026', 'sealed on upgrade, 17 Nov 2026', or that it is not sealed yet."""
        if self.sealed_on is None:
            return "not sealed: the session is not closed yet"
        return f"sealed on {'upgrade, ' if self.on_upgrade else ''}{day(self.sealed_on)}"

    @property
    def line(self) -> str:
        """'Revision 2 — reopened on 17 Nov 2026 by Maya Chen: REASON' ('' for a first revision)."""
        if self.number == 1:
            return ""
        return f"Revision {self.number} — reopened on {day(self.reopened_on)} by {self.reopened_by}: {self.reason}"


@dataclass(frozen=True)
class SessionRecord:
    session: Session
    leaders: dict[Side, Leader]
    criteria: list[Criterion]  # with the weights this session is scored with
    priorities: list[Priority]  # the agenda, product first, each side in its order
    scores: list[Score]  # in SCORE_ORDER
    results: list[PriorityResult]
    tensions: list[Tension]  # raised in this session
    decisions: list[Decision]  # taken in this session
    capacity: CapacityFit
    carried_over: list[str] = field(default_factory=list)  # open items that go on to the next session
    revision: Revision = field(default_factory=Revision)
    scores_sealed: bool = False  # blind scoring before the reveal: no scores, totals, divergence or ranks
    meeting_time: list[Step] = field(default_factory=list)  # the script's planned vs spent time (none if never timed)


def revision_lines(record: SessionRecord) -> list[str]:
    """What every document of the session says about its revision, its seal and the earlier revisions."""
    rev = record.revision
    lines = [f"Revision {rev.number}, {rev.sealed}"]
    if rev.line:
        lines.append(rev.line)
    return lines + [e.line for e in rev.earlier]


def masked_evidence(evidence: dict[str, Any]) -> dict[str, Any]:  # frozen evidence is JSON data
    """A decision's frozen evidence without anyone's scores, totals, divergence or ranks."""
    hidden = {"scores", "total_product", "total_engineering", "combined", "divergence", "rank"}
    if "priorities" not in evidence:
        return evidence
    return {**evidence, "priorities": [{k: v for k, v in p.items() if k not in hidden}
                                       for p in evidence["priorities"]]}


def build_session_record(desk: Desk, session_id: int, session: Session | None = None,
                         revision: Revision | None = None) -> SessionRecord:
    """The record as the store holds it now. ``session`` overrides the stored session row (sealing
    builds the record of the session as it is being closed, in the closing transaction)."""
    from tension_desk.store import queries as q  # the ORM's queries: a sealed record is exported without them

    session = session or desk.sessions.get(session_id)
    criteria = desk.scoring.criteria(session_id)
    agenda = desk.priorities.agenda(session_id)
    scores = sorted(desk.scoring.scores(session_id), key=SCORE_ORDER)
    results = compute_results([p.id for p in agenda], criteria, scores)
    with desk.unit.reading() as db:  # every tension and decision read once: the agenda and what is decided need all
        every_tension, every_decision, sessions = q.tensions(db), q.decisions(db), q.sessions(db)
    tensions = [t for t in every_tension if t.session_id == session_id]  # both by id, as their queries give them
    decisions = [d for d in every_decision if d.session_id == session_id]
    plan = desk.capacity.plan(session.quarter)
    fit = capacity_fit(plan, desk.priorities.of_quarter(session.quarter), session.quarter)
    agenda_view = session_agenda(session_id, sessions, every_tension, every_decision)  # as desk.tensions.agenda
    decided = {d.tension_id for d in every_decision}
    carried = [t.statement for t in tensions if t.id not in decided]
    carried += [c.tension.statement + f" (open {c.age} sessions" + (", escalate" if c.escalate else "") + ")"
                for c in agenda_view.carried if c.tension.id not in decided]
    carried += [f"Review “{d.outcome}” (due {day(d.review_date)})" for d in agenda_view.due_reviews
                if not d.review_outcome]
    return SessionRecord(session, desk.workspace.leaders(), criteria, agenda, scores, results, tensions, decisions, fit,
                         carried, revision or Revision(), meeting_time=meeting_time(desk, session_id))


def meeting_time(desk: Desk, session_id: int) -> list[Step]:
    """The steps of the session script with their time spent, once its timer has run (else none)."""
    from tension_desk.services.script import stored_steps

    steps = stored_steps(desk, session_id)
    return steps if any(s.spent_seconds for s in steps) else []


def masked(record: SessionRecord) -> SessionRecord:
    """The record as it may leave the room before the reveal: no scores, totals, divergence or ranks."""
    return replace(record, scores=[], results=[], scores_sealed=True,
                   decisions=[d.with_evidence(masked_evidence(d.evidence)) for d in record.decisions])
