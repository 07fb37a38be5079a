"""Every read query, in one place: plain functions of an open database session that return domain objects.

The services call them inside their own transaction (so a use case reads what it is about to change) or
in a read-only session. A lookup of one row returns None when there is no such row; the services turn
that into ``NotFound``.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, String, Table, and_, cast, func, null, or_, select, type_coerce, union_all
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import Label
from sqlmodel import col

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
    TensionStatus,
)
from tension_desk.store import convert
from tension_desk.store import tables as t
from tension_desk.store.snapshot import SessionSnapshot as SessionSnapshot  # defined ORM-free (quick.py reads it too)

# The reads that run on every refresh and for every record (sessions, agenda, priorities, tensions, decisions,
# leaders, a session's criteria, capacity plans, scores) return plain rows, not ORM objects: their statements
# name the tables' own columns, not the ORM classes' attributes, since a statement that names an ORM class goes
# through the ORM's loading, which makes every row again in Python (the same values, a tenth of a millisecond more
# per hundred rows). The others (criteria, lens weights, one decision, the ledger) still load ORM objects.
_PRIORITY_COLUMNS = tuple(t.table_of(t.PriorityRow).c[name] for name in convert.PRIORITY_COLUMNS)
_PRIORITY, _AGENDA = t.table_of(t.PriorityRow), t.table_of(t.AgendaRow)
_SESSION, _TENSION, _LINK = t.table_of(t.SessionRow), t.table_of(t.TensionRow), t.table_of(t.TensionPriorityRow)
_DECISION = t.table_of(t.DecisionRow)


# -- leaders and criteria -----------------------------------------------------------------------------
def leaders(db: DbSession) -> dict[Side, Leader]:
    return {Side(r.role): convert.leader(r) for r in db.execute(select(t.table_of(t.LeaderRow))).all()}


def criteria(db: DbSession, archived: bool = False) -> list[Criterion]:
    """The workspace criteria in their order; with ``archived`` the archived ones too."""
    q = select(t.CriterionRow).order_by(col(t.CriterionRow.position), col(t.CriterionRow.id))
    if not archived:
        q = q.where(col(t.CriterionRow.archived) == False)  # noqa: E712
    return [convert.criterion(r) for r in db.execute(q).scalars()]


def criteria_count(db: DbSession) -> int:
    return db.execute(select(func.count()).select_from(t.CriterionRow)).scalar_one()


def session_criteria(db: DbSession, session_id: int) -> list[Criterion]:
    """The criteria with the weights this session is scored with."""
    criteria_, weights = t.table_of(t.CriterionRow), t.table_of(t.SessionCriterionRow)
    q = (select(criteria_, weights.c.weight.label("session_weight"), weights.c.version.label("session_version"))
         .join(weights, weights.c.criterion_id == criteria_.c.id).where(weights.c.session_id == session_id)
         .order_by(weights.c.position, criteria_.c.id))
    return [convert.criterion(row, row.session_weight, row.session_version) for row in db.execute(q).all()]


def lens_weights(db: DbSession, session_id: int) -> dict[Side, dict[int, float]]:
    """Each leader's own weights for this session (falling back to the agreed weight)."""
    return convert.lenses(db.execute(select(t.SessionCriterionRow)
                              .where(col(t.SessionCriterionRow.session_id) == session_id)).scalars())


# -- sessions -----------------------------------------------------------------------------------------
def sessions(db: DbSession) -> list[Session]:
    """Newest first."""
    rows = db.execute(select(_SESSION).order_by(_SESSION.c.date.desc(), _SESSION.c.id.desc())).all()
    return [convert.session(r) for r in rows]


def session(db: DbSession, session_id: int) -> Session | None:
    row = db.get(t.SessionRow, session_id)
    return None if row is None else convert.session(row)


def scoring_state(db: DbSession, session_id: int) -> ScoringState | None:
    row = db.get(t.SessionRow, session_id)
    return None if row is None else convert.scoring_state(row)


# -- priorities ---------------------------------------------------------------------------------------
def agenda(db: DbSession, session_id: int) -> list[Priority]:
    """The session's priorities: product first, then engineering, each in its list order."""
    q = (select(*_PRIORITY_COLUMNS).join(_AGENDA, _AGENDA.c.priority_id == _PRIORITY.c.id)
         .where(_AGENDA.c.session_id == session_id)
         .order_by(_PRIORITY.c.side.desc(), _AGENDA.c.position, _PRIORITY.c.id))
    return [convert.priority_of(*r) for r in db.execute(q).all()]


def priority(db: DbSession, priority_id: int) -> Priority | None:
    row = db.get(t.PriorityRow, priority_id)
    return None if row is None else convert.priority(row)


def priorities(db: DbSession, ids: Iterable[int] | None = None, quarter: str | None = None) -> list[Priority]:
    """Every priority of the workspace by id; or only those with these ``ids``, or planned for ``quarter``."""
    q = select(*_PRIORITY_COLUMNS).order_by(_PRIORITY.c.id)
    if ids is not None:
        wanted = list(set(ids))
        if not wanted:
            return []
        q = q.where(_PRIORITY.c.id.in_(wanted))
    if quarter is not None:
        q = q.where(_PRIORITY.c.quarter == quarter)
    return [convert.priority_of(*r) for r in db.execute(q).all()]


# -- tensions -----------------------------------------------------------------------------------------
def tensions(db: DbSession, session_id: int | None = None) -> list[Tension]:
    """The tensions raised in one session (or in every session), by id, each with its priorities."""
    q = select(_TENSION).order_by(_TENSION.c.id)
    links_q = select(_LINK.c.tension_id, _LINK.c.priority_id)
    if session_id is not None:
        q = q.where(_TENSION.c.session_id == session_id)
        raised_here = select(_TENSION.c.id).where(_TENSION.c.session_id == session_id)
        links_q = links_q.where(_LINK.c.tension_id.in_(raised_here))
    rows = db.execute(q).all()
    links: dict[int, list[int]] = {}
    if rows:
        for tid, pid in db.execute(links_q.order_by(_LINK.c.priority_id)).all():
            links.setdefault(tid, []).append(pid)
    return [convert.tension(r, tuple(links.get(r.id, ()))) for r in rows]


def tension(db: DbSession, tension_id: int) -> Tension | None:
    row = db.get(t.TensionRow, tension_id)
    if row is None:
        return None
    ids = tuple(db.execute(select(col(t.TensionPriorityRow.priority_id))
                           .where(col(t.TensionPriorityRow.tension_id) == tension_id)
                           .order_by(col(t.TensionPriorityRow.priority_id))).scalars())
    return convert.tension(row, ids)


# -- scores -------------------------------------------------------------------------------------------
def scores(db: DbSession, session_id: int, priority_id: int | None = None) -> list[Score]:
    table = t.table_of(t.ScoreRow)
    q = select(*(table.c[name] for name in convert.SCORE_COLUMNS)).where(table.c.session_id == session_id)
    if priority_id is not None:
        q = q.where(table.c.priority_id == priority_id)
    return [convert.score_of(*r) for r in db.execute(q).all()]  # fetched at once: one row at a time costs more


# -- decisions ----------------------------------------------------------------------------------------
def decisions(db: DbSession, session_id: int | None = None) -> list[Decision]:
    q = select(_DECISION).order_by(_DECISION.c.id)
    if session_id is not None:
        q = q.where(_DECISION.c.session_id == session_id)
    return [convert.decision(r) for r in db.execute(q).all()]


def decision(db: DbSession, decision_id: int) -> Decision | None:
    row = db.get(t.DecisionRow, decision_id)
    return None if row is None else convert.decision(row)


def decision_for(db: DbSession, tension_id: int) -> Decision | None:
    row = db.execute(select(t.DecisionRow).where(col(t.DecisionRow.tension_id) == tension_id)
                     .order_by(col(t.DecisionRow.id).desc())).scalars().first()
    return None if row is None else convert.decision(row)


# -- capacity -----------------------------------------------------------------------------------------
def capacity_plans(db: DbSession) -> list[CapacityPlan]:
    """Every quarter's plan, oldest quarter first."""
    plans = t.table_of(t.CapacityPlanRow)
    return [convert.capacity_plan(r) for r in db.execute(select(plans).order_by(plans.c.quarter)).all()]


def capacity_ledger(db: DbSession, quarter: str | None = None) -> list[LedgerEntry]:
    q = select(t.CapacityLedgerRow).order_by(col(t.CapacityLedgerRow.changed_at), col(t.CapacityLedgerRow.id))
    if quarter:
        q = q.where(col(t.CapacityLedgerRow.quarter) == quarter)
    return [LedgerEntry(convert.stored_id(r.id), r.quarter, r.changed_at, r.total_weeks, r.product_share,
                        r.engineering_share, r.reason) for r in db.execute(q).scalars()]


# -- one session as its view shows it -----------------------------------------------------------------
def _earlier(session: type[t.SessionRow], this: convert.Plain) -> ColumnElement[bool]:
    """``session`` comes before ``this`` in the order the sessions are held (by date, then id)."""
    return or_(col(session.date) < this.date, and_(col(session.date) == this.date, col(session.id) < this.id))


def _shown_tensions(this: convert.Plain) -> ColumnElement[bool]:
    """The tensions ``this`` session's agenda may show (``tensions.session_agenda`` picks among them): its own;
    those of earlier sessions still open or decided in it; those with a decision whose review may be due in it."""
    origin = aliased(t.SessionRow)
    decided_here = select(col(t.DecisionRow.tension_id)).where(col(t.DecisionRow.session_id) == this.id)
    due = (select(col(t.DecisionRow.tension_id))
           .join(origin, col(origin.id) == col(t.DecisionRow.session_id))
           .where(col(t.DecisionRow.review_date) <= this.date, _earlier(origin, this),
                  or_(col(t.DecisionRow.review_outcome) == "", col(t.DecisionRow.review_outcome).is_(None),
                      col(t.DecisionRow.reviewed_in_session_id) == this.id)))
    carried = (select(col(t.TensionRow.id)).join(origin, col(origin.id) == col(t.TensionRow.session_id))
               .where(_earlier(origin, this), or_(col(t.TensionRow.status) != TensionStatus.DECIDED.value,
                                                  col(t.TensionRow.id).in_(decided_here))))
    return or_(col(t.TensionRow.session_id) == this.id, col(t.TensionRow.id).in_(carried),
               col(t.TensionRow.id).in_(due))


def _parts(row: Row[*tuple[Any, ...]], *tables: Table) -> tuple[convert.Columns | None, ...]:
    """The columns of each of ``tables`` in ``row``, which ends with them side by side in the order given (None
    for a table an outer join found no row in: its primary key is NULL)."""
    parts: list[convert.Columns | None] = []
    at = len(row) - sum(len(_names(tbl)[0]) for tbl in tables)
    for tbl in tables:
        names, key = _names(tbl)
        values = dict(zip(names, row[at:at + len(names)], strict=True))
        at += len(names)
        parts.append(None if all(values[k] is None for k in key) else convert.Columns(values))
    return tuple(parts)


def _nothing(column: ColumnElement[Any]) -> Label[Any]:
    """An empty column of the type of ``column``, in its place in a row of a UNION that has no such value."""
    return type_coerce(null(), column.type).label(f"no_{column.key}")


@cache
def _names(table: Table) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A table's column names in order, and those of its primary key."""
    return tuple(table.c.keys()), tuple(c.name for c in table.primary_key)


def session_snapshot(db: DbSession, session_id: int) -> SessionSnapshot | None:
    """The session with everything its view shows (None if there is no such session), in five statements:
    the sessions with this one's plan and steps; its criteria with their scores; the tensions it may show
    with their priorities and decisions; the priorities it shows with their place on this agenda; the leaders.
    Nothing of what other sessions alone show is read. Rows are read as plain columns (on a five-year store
    the ORM's objects for its thousand rows cost more than the statements themselves)."""
    sessions, plans, steps_ = t.table_of(t.SessionRow), t.table_of(t.CapacityPlanRow), t.table_of(t.SessionStepRow)
    session_rows = db.execute(
        select(sessions, plans, steps_)
        .outerjoin(plans, plans.c.quarter == sessions.c.quarter)
        .outerjoin(steps_, and_(steps_.c.session_id == sessions.c.id, sessions.c.id == session_id))
        .order_by(sessions.c.date.desc(), sessions.c.id.desc(), steps_.c.position)).all()
    this = next((row for row in session_rows if row.id == session_id), None)
    if this is None:
        return None
    mine = [_parts(row, plans, steps_) for row in session_rows if row.id == session_id]
    plan = mine[0][0]
    steps = [convert.step(s) for _, s in mine if s is not None]
    shown_sessions = {row.id: row for row in session_rows}

    criteria_, weights_, scores_ = (t.table_of(t.CriterionRow), t.table_of(t.SessionCriterionRow),
                                    t.table_of(t.ScoreRow))
    score_columns = [scores_.c[name] for name in convert.SCORE_COLUMNS]  # made into scores by position
    criterion_rows = db.execute(  # the scores' columns first: one row per score (or one without) of each criterion
        select(*score_columns, criteria_.c.id.label("of_criterion"), criteria_, weights_).select_from(criteria_)
        .join(weights_, weights_.c.criterion_id == criteria_.c.id)
        .outerjoin(scores_, and_(scores_.c.session_id == weights_.c.session_id,
                                 scores_.c.criterion_id == criteria_.c.id))
        .where(weights_.c.session_id == session_id)
        .order_by(weights_.c.position, criteria_.c.id)).all()
    criteria: dict[int, Criterion] = {}
    weights: list[convert.Plain] = []
    for row in criterion_rows:
        if row.of_criterion not in criteria:
            c, w = _parts(row, criteria_, weights_)
            if c is not None and w is not None:
                criteria[row.of_criterion] = convert.criterion(c, w.weight, w.version)
                weights.append(w)

    tensions_, decisions_ = t.table_of(t.TensionRow), t.table_of(t.DecisionRow)
    shown = _shown_tensions(this)
    links = (select(func.aggregate_strings(cast(col(t.TensionPriorityRow.priority_id), String), ","))
             .where(col(t.TensionPriorityRow.tension_id) == tensions_.c.id).scalar_subquery())
    # The decisions, then the tensions, side by side and one table's columns empty on each row: not a join of
    # the tensions with their decisions, which had SQLite index every decision's row (evidence and all) each time.
    both = union_all(
        select(decisions_, _nothing(links).label("priority_ids"), decisions_.c.tension_id.label("of_tension"),
               *map(_nothing, tensions_.c))
        .where(decisions_.c.tension_id.in_(select(tensions_.c.id).where(shown))),
        select(*map(_nothing, decisions_.c), links, tensions_.c.id, tensions_).where(shown))
    tension_rows = db.execute(both.order_by(both.selected_columns.of_tension)).all()
    tensions: dict[int, Tension] = {}
    decisions: list[Decision] = []
    for row in tension_rows:  # a decision's row, or a tension's (with its priorities)
        if row.id is not None:
            decisions.append(convert.decision(row))
        elif (x := _parts(row, tensions_)[0]) is not None:
            tensions[x.id] = convert.tension(x, tuple(sorted(int(i) for i in (row.priority_ids or "").split(",") if i)))
    decisions.sort(key=lambda d: d.id)

    place: Label[int] = col(t.AgendaRow.position).label("agenda_position")
    linked = {pid for x in tensions.values() for pid in x.priority_ids}
    priority_rows = db.execute(
        select(*_PRIORITY_COLUMNS, place).select_from(t.PriorityRow)
        .outerjoin(t.AgendaRow, and_(col(t.AgendaRow.priority_id) == col(t.PriorityRow.id),
                                     col(t.AgendaRow.session_id) == session_id))
        .where(or_(col(t.AgendaRow.session_id).is_not(None), col(t.PriorityRow.quarter) == this.quarter,
                   col(t.PriorityRow.id).in_(linked)))
        .order_by(col(t.PriorityRow.id))).all()
    priorities = {r.id: convert.priority_of(*r[:len(_PRIORITY_COLUMNS)]) for r in priority_rows}
    agenda = sorted((r for r in priority_rows if r.agenda_position is not None),
                    key=lambda r: (r.agenda_position, r.id))
    agenda.sort(key=lambda r: r.side, reverse=True)  # stable: each side keeps its list order

    return SessionSnapshot(
        session=convert.session(this), state=convert.scoring_state(this), steps=steps,
        plan=None if plan is None else convert.capacity_plan(plan),
        sessions=[convert.session(row) for row in shown_sessions.values()], leaders=leaders(db),
        criteria=list(criteria.values()), lens_weights=convert.lenses(weights),
        scores=[convert.score_of(*row[:len(score_columns)]) for row in criterion_rows if row.priority_id is not None],
        agenda=[priorities[r.id] for r in agenda], priorities=priorities,
        tensions=list(tensions.values()), decisions=decisions)
