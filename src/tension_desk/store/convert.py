"""Rows → domain objects (plain dataclasses the UI can keep after the database session closes)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import (
    SIDE_OF,
    CapacityPlan,
    Criterion,
    CriterionKind,
    Decision,
    DecisionStatus,
    Leader,
    Priority,
    PriorityStatus,
    Score,
    Session,
    SessionStatus,
    Side,
    Tension,
    TensionStatus,
)
from tension_desk.domain.script import Step, StepKind

if TYPE_CHECKING:  # annotations only: quick.py converts sqlite3's rows without the ORM
    from sqlalchemy.engine import Row

    from tension_desk.store import tables as t


class Columns:
    """One table's columns cut out of a row that holds several tables side by side (a join read as plain
    columns), under the table's own column names."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:  # a column value is whatever the store holds (typed by the caller)
        raise AttributeError(f"no column {name!r}")


# A row read as plain columns (``select`` of a table or of columns, not of the ORM class), or one table's part
# of such a row: the queries that run over every row of a table on each refresh read them so. Its columns are
# read by name, as on the ORM row.
Plain: TypeAlias = "Row[*tuple[Any, ...]] | Columns"


def stored_id(row_id: int | None) -> int:
    """The id of a row read from the store (only a row not yet flushed has none)."""
    if row_id is None:
        raise ValueError("a row that was never stored has no id")
    return row_id


def leader(row: t.LeaderRow | Plain) -> Leader:
    return Leader(role=Side(row.role), name=row.name, title=row.title, colour=row.colour)


PRIORITY_COLUMNS = ("id", "title", "side", "description", "effort_weeks", "idea_date", "status", "quarter",
                    "delivered_date", "link", "version")  # ``priority_of``'s, in its order
_STATUSES = {status.value: status for status in PriorityStatus}


def priority(row: t.PriorityRow | Plain) -> Priority:
    return priority_of(row.id, row.title, row.side, row.description, row.effort_weeks, row.idea_date, row.status,
                       row.quarter, row.delivered_date, row.link, row.version)


def priority_of(priority_id: int | None, title: str, side: str, description: str, effort_weeks: float | None,
                idea_date: dt.date | None, status: str, quarter: str | None, delivered_date: dt.date | None,
                link: str, version: int) -> Priority:
    """A priority from its ``PRIORITY_COLUMNS``, as a query of just those reads them: by position (reading a row's
    eleven columns by name costs four times what making the priority does; the agenda and every refresh read
    a hundred and more)."""
    return Priority(stored_id(priority_id), title, SIDE_OF.get(side) or Side(side), description, effort_weeks,
                    idea_date, _STATUSES.get(status) or PriorityStatus(status), quarter, delivered_date, link, version)


def session(row: t.SessionRow | Plain) -> Session:
    return Session(id=stored_id(row.id), title=row.title, date=row.date, quarter=row.quarter,
                   status=SessionStatus(row.status), notes=row.notes, version=row.version)


def tension(row: t.TensionRow | Plain, priority_ids: tuple[int, ...]) -> Tension:
    return Tension(id=stored_id(row.id), session_id=row.session_id, statement=row.statement,
                   priority_ids=priority_ids, status=TensionStatus(row.status), version=row.version)


def criterion(row: t.CriterionRow | Plain, weight: float | None = None, version: int | None = None) -> Criterion:
    """A workspace criterion, or with the ``weight`` and ``version`` of a session's row, a session's."""
    return Criterion(id=stored_id(row.id), name=row.name, weight=row.weight if weight is None else weight,
                     kind=CriterionKind(row.kind), scale_min=row.scale_min, scale_max=row.scale_max,
                     description=row.description, version=row.version if version is None else version)


SCORE_COLUMNS = ("priority_id", "criterion_id", "leader_role", "value", "comment")  # ``score_of``'s, in its order


def score(row: t.ScoreRow | Plain) -> Score:
    return score_of(row.priority_id, row.criterion_id, row.leader_role, row.value, row.comment)


def score_of(priority_id: int, criterion_id: int, leader_role: str, value: int, comment: str) -> Score:
    """A score from its ``SCORE_COLUMNS``, as a query of just those reads them: by position (a session holds
    thousands of scores, and reading a row's five columns by name costs more than making the score)."""
    return Score(priority_id, criterion_id, SIDE_OF.get(leader_role) or Side(leader_role), value, comment)


def decision(row: t.DecisionRow | Plain) -> Decision:
    return Decision(
        id=stored_id(row.id), tension_id=row.tension_id, session_id=row.session_id, outcome=row.outcome,
        context=row.context, options=row.options, rationale=row.rationale, tradeoffs=row.tradeoffs,
        cost_of_not=row.cost_of_not, success_signal=row.success_signal, owner=row.owner,
        review_date=row.review_date, status=DecisionStatus(row.status), ack_product=row.ack_product,
        ack_engineering=row.ack_engineering, evidence_json=row.evidence_json or "{}",
        decided_on=row.decided_on, review_outcome=row.review_outcome,
        reviewed_in_session_id=row.reviewed_in_session_id, version=row.version,
    )


def capacity_plan(row: t.CapacityPlanRow | Plain) -> CapacityPlan:
    return CapacityPlan(quarter=row.quarter, total_weeks=row.total_weeks, product_share=row.product_share,
                        engineering_share=row.engineering_share, reviewed_on=row.reviewed_on, note=row.note,
                        version=row.version)


def step(row: t.SessionStepRow | Plain) -> Step:
    return Step(StepKind(row.kind), row.minutes, row.spent_seconds)


def lenses(rows: Iterable[t.SessionCriterionRow | Plain]) -> dict[Side, dict[int, float]]:
    """Each leader's own weights of a session's criteria rows (falling back to the agreed weight)."""
    out: dict[Side, dict[int, float]] = {Side.PRODUCT: {}, Side.ENGINEERING: {}}
    for r in rows:
        out[Side.PRODUCT][r.criterion_id] = r.weight if r.product_weight is None else r.product_weight
        out[Side.ENGINEERING][r.criterion_id] = r.weight if r.engineering_weight is None else r.engineering_weight
    return out


def scoring_state(row: t.SessionRow | Plain) -> ScoringState:
    return ScoringState(turn=Side(row.scoring_turn) if row.scoring_turn else None,
                        product_done=row.product_done, engineering_done=row.engineering_done,
                        revealed=row.revealed)
