"""The services' data classes, errors and pure helpers that the UI needs, in a module that imports no ORM.

The window's modules import what they need from here, so the first frame is built and shown before
SQLAlchemy, SQLModel and pydantic are imported (issue 15, figure 1b). Each is defined once, here; the
services' modules that have always held them (``unit``, ``decisions``, ``tensions``, ``capacity``,
``script``, ``sessions``, ``conflicts``) import them from here, so either import gives the same object.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Decision, DecisionStatus, Leader, Score, Session, Side, Tension, TensionStatus
from tension_desk.domain.quarters import next_quarter, quarter_start
from tension_desk.domain.script import Step, default_script
from tension_desk.store.engine import StoreError, trouble
from tension_desk.store.snapshot import SessionSnapshot

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

__all__ = ["ESCALATE_AFTER_SESSIONS", "CarriedTension", "Change", "DecisionDraft", "NotFound", "PlanChange",
           "ReviewState", "Row", "SessionAgenda", "SessionSnapshot", "Snapshot", "StoreError", "default_review_date",
           "found", "hides_scores", "scores_sealed", "script_of", "session_agenda", "trouble"]

T = TypeVar("T")
# One stored row, column name to value: what a snapshot keeps and puts back (values of every column type).
Row = dict[str, Any]


class NotFound(LookupError):
    """The row a use case names does not exist (any more)."""


def found(value: T | None, message: str) -> T:
    if value is None:
        raise NotFound(message)
    return value


@dataclass(frozen=True)
class Snapshot:
    """Rows, table by table (every column, ids included), to put back on undo or redo."""

    rows: dict[str, list[Row]] = field(default_factory=dict)  # rows the use case deleted
    changed: dict[str, list[Row]] = field(default_factory=dict)  # rows it changed, as they were


@dataclass(frozen=True)
class Change:
    """The same tables before and after a use case: undo replaces them by ``before``, redo by ``after``."""

    before: Snapshot
    after: Snapshot


# -- decisions ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewState:
    """A decision's review as stored: the outcome ('' before any), its status, the session that reviewed it."""

    outcome: str
    status: str
    session_id: int | None


@dataclass(frozen=True)
class DecisionDraft:
    """The fields a user writes, in the shape of an architecture decision record (MADR)."""

    outcome: str
    context: str = ""
    options: str = ""
    rationale: str = ""
    tradeoffs: str = ""
    cost_of_not: str = ""
    success_signal: str = ""
    owner: str = ""
    review_date: dt.date | None = None
    status: DecisionStatus = DecisionStatus.DECIDED
    ack_product: bool = False
    ack_engineering: bool = False

    @classmethod
    def of(cls, d: Decision) -> DecisionDraft:
        return cls(outcome=d.outcome, context=d.context, options=d.options, rationale=d.rationale,
                   tradeoffs=d.tradeoffs, cost_of_not=d.cost_of_not, success_signal=d.success_signal,
                   owner=d.owner, review_date=d.review_date, status=d.status, ack_product=d.ack_product,
                   ack_engineering=d.ack_engineering)


def default_review_date(quarter: str) -> dt.date:
    """By default a decision is reviewed at the next quarterly review: the start of the next quarter."""
    return quarter_start(next_quarter(quarter))


# -- tensions -----------------------------------------------------------------------------------------
ESCALATE_AFTER_SESSIONS = 3


@dataclass(frozen=True)
class CarriedTension:
    tension: Tension
    origin: Session
    age: int  # sessions it has been open, counting the one it was raised in and this one

    @property
    def escalate(self) -> bool:
        return self.age >= ESCALATE_AFTER_SESSIONS


@dataclass(frozen=True)
class SessionAgenda:
    """What a session has to deal with: its own tensions, the open ones carried over, and reviews due."""

    own: list[Tension] = field(default_factory=list)
    carried: list[CarriedTension] = field(default_factory=list)
    due_reviews: list[Decision] = field(default_factory=list)


def session_agenda(session_id: int, sessions: Sequence[Session], tensions: Sequence[Tension],
                   decisions: Sequence[Decision]) -> SessionAgenda:
    """The session's own tensions, open tensions from earlier sessions (with their age), and the decisions
    whose review date has come by this session's date and that nobody has reviewed yet, among ``sessions``,
    ``tensions`` and ``decisions`` (every one of the workspace)."""
    sessions = sorted(sessions, key=lambda s: (s.date, s.id))
    by_id = {s.id: s for s in sessions}
    this = found(by_id.get(session_id), f"there is no session {session_id}")
    position = {s.id: i for i, s in enumerate(sessions)}
    own, carried = [], []
    decided_in = {d.tension_id: d.session_id for d in decisions}
    for tension in tensions:
        origin = by_id.get(tension.session_id)
        if origin is None:
            continue
        if tension.session_id == session_id:
            own.append(tension)
        elif position[origin.id] < position[session_id] and (
                tension.status is not TensionStatus.DECIDED
                # decided in this very session: it still belongs on this session's agenda
                or decided_in.get(tension.id) == session_id):
            carried.append(CarriedTension(tension, origin, position[session_id] - position[origin.id] + 1))
    due = [d for d in decisions
           if d.review_date is not None and d.review_date <= this.date and d.session_id != session_id
           and position.get(d.session_id, 10**9) < position[session_id]
           and (not d.review_outcome or d.reviewed_in_session_id == session_id)]
    carried.sort(key=lambda c: (-c.age, c.tension.id))
    return SessionAgenda(own=own, carried=carried, due_reviews=due)


# -- capacity -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanChange:
    """One change of a quarter's plan: the plan row before (None if new) and after, and its ledger entry."""

    quarter: str
    before: Row | None
    after: Row
    entry: Row



# -- the workspace ------------------------------------------------------------------------------------------
def both_leaders(leaders: Mapping[Side, Leader]) -> bool:
    """The workspace has its two leaders (a CPO and a CTO): sessions can be held."""
    return len(leaders) == 2


# -- the meeting script -------------------------------------------------------------------------------
def script_of(stored: list[Step]) -> list[Step]:
    """The script a session with these ``stored`` steps runs: those, or the default script."""
    return stored or default_script()


# -- blind scoring ------------------------------------------------------------------------------------------
def hides_scores(state: ScoringState, scores: Sequence[Score]) -> bool:
    """Blind scoring is under way for a session in this ``state`` with these ``scores``: a turn is on, or there
    are scores kept hidden until the reveal (``scores_sealed`` reads them)."""
    return not state.revealed and (state.turn is not None or state.product_done or state.engineering_done
                                   or bool(scores))


def scores_sealed(desk: Desk, session_id: int) -> bool:
    """Blind scoring is under way: a turn is on, or there are scores kept hidden until the reveal. Here, not in
    ``sealing``, so the window asks it of a first-frame desk without the ORM (it reads quick)."""
    state = desk.scoring.state(session_id)
    return hides_scores(state, ()) or (not state.revealed and bool(desk.scoring.scores(session_id)))
