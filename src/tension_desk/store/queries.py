"""Every read query, in one place: plain functions of an open database session that return domain objects.

The services call them inside their own transaction (so a use case reads what it is about to change) or
in a read-only session. A lookup of one row returns None when there is no such row; the services turn
that into ``NotFound``.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import (
    CapacityPlan,
    Criterion,
    Decision,
    Leader,
    LedgerEntry,
    Priority,
    Score,
    Session,
    Side,
    Tension,
)
from tension_desk.store import convert
from tension_desk.store import tables as t

# Plain rows, not ORM objects (these run on every refresh over every priority of the workspace).
_PRIORITY_COLUMNS = tuple(c for c in t.PriorityRow.__table__.c if c.name != "created_at")


# -- leaders and criteria -----------------------------------------------------------------------------
def leaders(db: DbSession) -> dict[Side, Leader]:
    return {Side(r.role): convert.leader(r) for r in db.execute(select(t.LeaderRow)).scalars()}


def criteria(db: DbSession, archived: bool = False) -> list[Criterion]:
    """The workspace criteria in their order; with ``archived`` the archived ones too."""
    q = select(t.CriterionRow).order_by(t.CriterionRow.position, t.CriterionRow.id)
    if not archived:
        q = q.where(t.CriterionRow.archived == False)  # noqa: E712
    return [convert.criterion(r) for r in db.execute(q).scalars()]


def criteria_count(db: DbSession) -> int:
    return db.execute(select(func.count()).select_from(t.CriterionRow)).scalar_one()


def session_criteria(db: DbSession, session_id: int) -> list[Criterion]:
    """The criteria with the weights this session is scored with."""
    q = (select(t.CriterionRow, t.SessionCriterionRow.weight, t.SessionCriterionRow.version)
         .join(t.SessionCriterionRow, t.SessionCriterionRow.criterion_id == t.CriterionRow.id)
         .where(t.SessionCriterionRow.session_id == session_id)
         .order_by(t.SessionCriterionRow.position, t.CriterionRow.id))
    return [convert.criterion(row, weight, version) for row, weight, version in db.execute(q)]


def lens_weights(db: DbSession, session_id: int) -> dict[Side, dict[int, float]]:
    """Each leader's own weights for this session (falling back to the agreed weight)."""
    rows = db.execute(select(t.SessionCriterionRow).where(t.SessionCriterionRow.session_id == session_id)).scalars()
    out: dict[Side, dict[int, float]] = {Side.PRODUCT: {}, Side.ENGINEERING: {}}
    for r in rows:
        out[Side.PRODUCT][r.criterion_id] = r.weight if r.product_weight is None else r.product_weight
        out[Side.ENGINEERING][r.criterion_id] = r.weight if r.engineering_weight is None else r.engineering_weight
    return out


# -- sessions -----------------------------------------------------------------------------------------
def sessions(db: DbSession) -> list[Session]:
    """Newest first."""
    rows = db.execute(select(t.SessionRow.__table__).order_by(t.SessionRow.date.desc(), t.SessionRow.id.desc()))
    return [convert.session(r) for r in rows]


def session(db: DbSession, session_id: int) -> Session | None:
    row = db.get(t.SessionRow, session_id)
    return None if row is None else convert.session(row)


def scoring_state(db: DbSession, session_id: int) -> ScoringState | None:
    row = db.get(t.SessionRow, session_id)
    if row is None:
        return None
    return ScoringState(turn=Side(row.scoring_turn) if row.scoring_turn else None,
                        product_done=row.product_done, engineering_done=row.engineering_done,
                        revealed=row.revealed)


# -- priorities ---------------------------------------------------------------------------------------
def agenda(db: DbSession, session_id: int) -> list[Priority]:
    """The session's priorities: product first, then engineering, each in its list order."""
    q = (select(t.PriorityRow.__table__).join(t.AgendaRow, t.AgendaRow.priority_id == t.PriorityRow.id)
         .where(t.AgendaRow.session_id == session_id)
         .order_by(t.PriorityRow.side.desc(), t.AgendaRow.position, t.PriorityRow.id))
    return [convert.priority(r) for r in db.execute(q)]


def priority(db: DbSession, priority_id: int) -> Priority | None:
    row = db.get(t.PriorityRow, priority_id)
    return None if row is None else convert.priority(row)


def priorities(db: DbSession, ids: Iterable[int] | None = None, quarter: str | None = None) -> list[Priority]:
    """Every priority of the workspace by id; or only those with these ``ids``, or planned for ``quarter``."""
    q = select(*_PRIORITY_COLUMNS).order_by(t.PriorityRow.id)
    if ids is not None:
        wanted = list(set(ids))
        if not wanted:
            return []
        q = q.where(t.PriorityRow.id.in_(wanted))
    if quarter is not None:
        q = q.where(t.PriorityRow.quarter == quarter)
    return [convert.priority(r) for r in db.execute(q)]


# -- tensions -----------------------------------------------------------------------------------------
def tensions(db: DbSession, session_id: int | None = None) -> list[Tension]:
    """The tensions raised in one session (or in every session), by id, each with its priorities."""
    q = select(t.TensionRow.__table__).order_by(t.TensionRow.id)
    links_q = select(t.TensionPriorityRow.tension_id, t.TensionPriorityRow.priority_id)
    if session_id is not None:
        q = q.where(t.TensionRow.session_id == session_id)
        links_q = links_q.where(t.TensionPriorityRow.tension_id.in_(
            select(t.TensionRow.id).where(t.TensionRow.session_id == session_id)))
    rows = db.execute(q).all()
    links: dict[int, list[int]] = {}
    if rows:
        for tid, pid in db.execute(links_q.order_by(t.TensionPriorityRow.priority_id)):
            links.setdefault(tid, []).append(pid)
    return [convert.tension(r, tuple(links.get(r.id, ()))) for r in rows]


def tension(db: DbSession, tension_id: int) -> Tension | None:
    row = db.get(t.TensionRow, tension_id)
    if row is None:
        return None
    ids = tuple(db.execute(select(t.TensionPriorityRow.priority_id)
                           .where(t.TensionPriorityRow.tension_id == tension_id)
                           .order_by(t.TensionPriorityRow.priority_id)).scalars())
    return convert.tension(row, ids)


# -- scores -------------------------------------------------------------------------------------------
def scores(db: DbSession, session_id: int, priority_id: int | None = None) -> list[Score]:
    q = select(t.ScoreRow.__table__).where(t.ScoreRow.session_id == session_id)
    if priority_id is not None:
        q = q.where(t.ScoreRow.priority_id == priority_id)
    return [convert.score(r) for r in db.execute(q)]


# -- decisions ----------------------------------------------------------------------------------------
def decisions(db: DbSession, session_id: int | None = None) -> list[Decision]:
    q = select(t.DecisionRow.__table__).order_by(t.DecisionRow.id)
    if session_id is not None:
        q = q.where(t.DecisionRow.session_id == session_id)
    return [convert.decision(r) for r in db.execute(q)]


def decision(db: DbSession, decision_id: int) -> Decision | None:
    row = db.get(t.DecisionRow, decision_id)
    return None if row is None else convert.decision(row)


def decision_for(db: DbSession, tension_id: int) -> Decision | None:
    row = db.execute(select(t.DecisionRow).where(t.DecisionRow.tension_id == tension_id)
                     .order_by(t.DecisionRow.id.desc())).scalars().first()
    return None if row is None else convert.decision(row)


# -- capacity -----------------------------------------------------------------------------------------
def capacity_plans(db: DbSession) -> list[CapacityPlan]:
    """Every quarter's plan, oldest quarter first."""
    rows = db.execute(select(t.CapacityPlanRow).order_by(t.CapacityPlanRow.quarter)).scalars()
    return [convert.capacity_plan(r) for r in rows]


def capacity_ledger(db: DbSession, quarter: str | None = None) -> list[LedgerEntry]:
    q = select(t.CapacityLedgerRow).order_by(t.CapacityLedgerRow.changed_at, t.CapacityLedgerRow.id)
    if quarter:
        q = q.where(t.CapacityLedgerRow.quarter == quarter)
    return [LedgerEntry(r.id, r.quarter, r.changed_at, r.total_weeks, r.product_share, r.engineering_share,
                        r.reason) for r in db.execute(q).scalars()]
