"""Use cases: the only code that writes to the store. Each public method is one transaction.

Methods take and return plain domain objects. Deletions return a ``Snapshot`` of every row they removed,
so an undo can put them back exactly, with the same ids.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as DbSession

from tension_desk.domain.model import (
    CapacityPlan,
    Criterion,
    CriterionKind,
    Leader,
    LedgerEntry,
    Priority,
    PriorityDraft,
    Score,
    Session,
    SessionStatus,
    Side,
    Tension,
    TensionStatus,
)
from tension_desk.domain.blind import ScoringState
from tension_desk.domain.quarters import normalise_quarter, quarter_of
from tension_desk.domain import limits
from tension_desk.domain.validation import (
    ValidationError,
    check_line,
    check_text,
    collect,
    validate_notes,
    validate_priority,
    validate_session_title,
    validate_statement,
)
from tension_desk.services import conflicts, sealing
from tension_desk.services.decisions import DecisionsMixin
from tension_desk.store import convert
from tension_desk.store import tables as t

DEFAULT_CRITERIA: tuple[tuple[str, str, float, CriterionKind], ...] = (
    ("Customer value", "How much customers gain, and how many of them.", 3.0, CriterionKind.BENEFIT),
    ("Revenue / retention", "Effect on new revenue, expansion or churn.", 2.0, CriterionKind.BENEFIT),
    ("Strategic fit", "How well it serves this year's strategy.", 2.0, CriterionKind.BENEFIT),
    ("Platform health / risk reduction", "Reliability, security, speed of future change.", 2.0, CriterionKind.BENEFIT),
    ("Cost of delay", "What waiting a quarter costs.", 2.0, CriterionKind.BENEFIT),
    ("Effort (cost)", "How much capacity it takes; high effort lowers the total.", 1.0, CriterionKind.COST),
)

# Parents before children: the order in which a snapshot's rows are put back.
_RESTORE_ORDER = (
    t.SessionRow, t.PriorityRow, t.SessionCriterionRow, t.AgendaRow, t.TensionRow,
    t.TensionPriorityRow, t.ScoreRow, t.DecisionRow, t.SessionStepRow,
)

# The columns of a session's weights of one criterion, as the conflict dialog names them.
WEIGHT_LABELS = {"weight": "agreed_weight", "product_weight": "product's_weight",
                 "engineering_weight": "engineering's_weight"}


class NotFound(LookupError):
    pass


@dataclass(frozen=True)
class Snapshot:
    """Every row a deletion removed, table by table, to put back on undo."""

    rows: dict[str, list[dict]] = field(default_factory=dict)


class Desk(DecisionsMixin):
    def __init__(self, engine: Engine):
        self.engine = engine

    # -- plumbing -------------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[DbSession]:
        with DbSession(self.engine, expire_on_commit=False) as db:
            yield db
            db.commit()

    def _read(self) -> DbSession:
        return DbSession(self.engine)

    unit_of_work = _tx  # public: the use-case modules beside Desk (services/sealing.py) write through it

    @staticmethod
    def _capture(db: DbSession, snap: Snapshot, table, *where) -> None:
        rows = [dict(r._mapping) for r in db.execute(select(table.__table__).where(*where))]
        if rows:
            snap.rows.setdefault(table.__tablename__, []).extend(rows)

    def restore(self, snapshot: Snapshot) -> None:
        with self._tx() as db:
            for table in _RESTORE_ORDER:
                rows = snapshot.rows.get(table.__tablename__)
                if rows:
                    db.execute(insert(table.__table__), rows)

    # -- workspace and leaders --------------------------------------------------------------------
    def leaders(self) -> dict[Side, Leader]:
        with self._read() as db:
            return {Side(r.role): convert.leader(r) for r in db.execute(select(t.LeaderRow)).scalars()}

    def has_leaders(self) -> bool:
        return len(self.leaders()) == 2

    def set_leaders(self, product: Leader, engineering: Leader) -> dict[Side, Leader]:
        """Set both leaders (and create the default criteria on first use); returns the previous ones."""
        problems: list[str] = []
        cleaned = {role: (collect(problems, check_line, leader.name, f"the {role.value} leader's name",
                                  limits.LEADER_NAME, required=True),
                          collect(problems, check_line, leader.title, f"the {role.value} leader's title",
                                  limits.LEADER_TITLE),
                          collect(problems, check_line, leader.colour, f"the {role.value} leader's colour",
                                  limits.LEADER_COLOUR))
                   for role, leader in ((Side.PRODUCT, product), (Side.ENGINEERING, engineering))}
        if problems:
            raise ValidationError(problems)
        before = self.leaders()
        with self._tx() as db:
            for role, (name, title, colour) in cleaned.items():
                row = db.execute(select(t.LeaderRow).where(t.LeaderRow.role == role.value)).scalars().first()
                if row is None:
                    row = t.LeaderRow(role=role.value, name="")
                row.name, row.title, row.colour = name, title, colour
                db.add(row)
            if db.execute(select(func.count()).select_from(t.CriterionRow)).scalar_one() == 0:
                for pos, (name, desc, weight, kind) in enumerate(DEFAULT_CRITERIA):
                    db.add(t.CriterionRow(name=name, description=desc, weight=weight, kind=kind.value, position=pos))
        return before

    def restore_leaders(self, leaders: dict[Side, Leader]) -> None:
        with self._tx() as db:
            for role in Side:
                row = db.execute(select(t.LeaderRow).where(t.LeaderRow.role == role.value)).scalars().first()
                old = leaders.get(role)
                if old is None and row is not None:
                    db.delete(row)
                elif old is not None and row is not None:
                    row.name, row.title, row.colour = old.name, old.title, old.colour
                    db.add(row)

    # -- criteria -----------------------------------------------------------------------------------
    def criteria(self) -> list[Criterion]:
        with self._read() as db:
            rows = db.execute(select(t.CriterionRow).where(t.CriterionRow.archived == False)  # noqa: E712
                           .order_by(t.CriterionRow.position, t.CriterionRow.id)).scalars()
            return [convert.criterion(r) for r in rows]

    def session_criteria(self, session_id: int) -> list[Criterion]:
        """The criteria with the weights this session is scored with."""
        with self._read() as db:
            q = (select(t.CriterionRow, t.SessionCriterionRow.weight, t.SessionCriterionRow.version)
                 .join(t.SessionCriterionRow, t.SessionCriterionRow.criterion_id == t.CriterionRow.id)
                 .where(t.SessionCriterionRow.session_id == session_id)
                 .order_by(t.SessionCriterionRow.position, t.CriterionRow.id))
            return [convert.criterion(row, weight, version) for row, weight, version in db.execute(q)]

    def lens_weights(self, session_id: int) -> dict[Side, dict[int, float]]:
        """Each leader's own weights for this session (falling back to the agreed weight)."""
        with self._read() as db:
            rows = db.execute(select(t.SessionCriterionRow).where(t.SessionCriterionRow.session_id == session_id)).scalars()
            out: dict[Side, dict[int, float]] = {Side.PRODUCT: {}, Side.ENGINEERING: {}}
            for r in rows:
                out[Side.PRODUCT][r.criterion_id] = r.weight if r.product_weight is None else r.product_weight
                out[Side.ENGINEERING][r.criterion_id] = r.weight if r.engineering_weight is None else r.engineering_weight
            return out

    # -- sessions -------------------------------------------------------------------------------------
    def sessions(self) -> list[Session]:
        with self._read() as db:
            rows = db.execute(select(t.SessionRow.__table__).order_by(t.SessionRow.date.desc(), t.SessionRow.id.desc()))
            return [convert.session(r) for r in rows]

    def session(self, session_id: int) -> Session:
        with self._read() as db:
            row = db.get(t.SessionRow, session_id)
            if row is None:
                raise NotFound(f"there is no session {session_id}")
            return convert.session(row)

    def create_session(self, title: str, date: dt.date, quarter: str | None = None,
                       carry_priorities_from: int | None = None) -> Session:
        title = validate_session_title(title)
        quarter = normalise_quarter(quarter) if quarter else quarter_of(date)
        with self._tx() as db:
            row = t.SessionRow(title=title, date=date, quarter=quarter, status=SessionStatus.DRAFT.value)
            db.add(row)
            db.flush()
            crits = db.execute(select(t.CriterionRow).where(t.CriterionRow.archived == False)  # noqa: E712
                            .order_by(t.CriterionRow.position, t.CriterionRow.id)).scalars().all()
            for pos, c in enumerate(crits):
                db.add(t.SessionCriterionRow(session_id=row.id, criterion_id=c.id, weight=c.weight, position=pos))
            if carry_priorities_from is not None:
                agenda = db.execute(select(t.AgendaRow, t.PriorityRow.status)
                                 .join(t.PriorityRow, t.PriorityRow.id == t.AgendaRow.priority_id)
                                 .where(t.AgendaRow.session_id == carry_priorities_from)).all()
                for a, status in agenda:
                    if status in ("proposed", "deferred"):
                        db.add(t.AgendaRow(session_id=row.id, priority_id=a.priority_id, position=a.position))
            return convert.session(row)

    def update_session(self, session_id: int, *, title: str | None = None, date: dt.date | None = None,
                       quarter: str | None = None, status: SessionStatus | None = None,
                       notes: str | None = None) -> Session:
        """Change some fields; returns the session as it was before (for undo)."""
        with self._tx() as db:
            row = db.get(t.SessionRow, session_id)
            if row is None:
                raise NotFound(f"there is no session {session_id}")
            before = convert.session(row)
            if title is not None:
                row.title = validate_session_title(title)
            if date is not None:
                row.date = date
            if quarter is not None:
                row.quarter = normalise_quarter(quarter)
            if status is not None:
                row.status = SessionStatus(status).value
            if notes is not None:
                row.notes = validate_notes(notes)
            sealing.check_session_update(self, db, row, before)
            db.add(row)
            return before

    def delete_session(self, session_id: int) -> Snapshot:
        """Delete a session with its agenda, tensions, scores and decisions, and the priorities that are on
        no other session's agenda."""
        snap = Snapshot()
        with self._tx() as db:
            if db.get(t.SessionRow, session_id) is None:
                raise NotFound(f"there is no session {session_id}")
            own = select(t.AgendaRow.priority_id).where(t.AgendaRow.session_id == session_id)
            shared = select(t.AgendaRow.priority_id).where(t.AgendaRow.session_id != session_id)
            orphan_ids = [i for (i,) in db.execute(own.where(t.AgendaRow.priority_id.not_in(shared)))]
            tension_ids = select(t.TensionRow.id).where(t.TensionRow.session_id == session_id)
            self._capture(db, snap, t.SessionRow, t.SessionRow.id == session_id)
            self._capture(db, snap, t.PriorityRow, t.PriorityRow.id.in_(orphan_ids))
            self._capture(db, snap, t.SessionCriterionRow, t.SessionCriterionRow.session_id == session_id)
            self._capture(db, snap, t.AgendaRow, (t.AgendaRow.session_id == session_id) | t.AgendaRow.priority_id.in_(orphan_ids))
            self._capture(db, snap, t.TensionRow, (t.TensionRow.session_id == session_id))
            self._capture(db, snap, t.TensionPriorityRow, t.TensionPriorityRow.tension_id.in_(tension_ids) | t.TensionPriorityRow.priority_id.in_(orphan_ids))
            self._capture(db, snap, t.ScoreRow, (t.ScoreRow.session_id == session_id) | t.ScoreRow.priority_id.in_(orphan_ids))
            self._capture(db, snap, t.DecisionRow, (t.DecisionRow.session_id == session_id) | t.DecisionRow.tension_id.in_(tension_ids))
            self._capture(db, snap, t.SessionStepRow, t.SessionStepRow.session_id == session_id)
            db.execute(delete(t.PriorityRow).where(t.PriorityRow.id.in_(orphan_ids)))
            db.execute(delete(t.SessionRow).where(t.SessionRow.id == session_id))
        return snap

    # -- priorities and the agenda --------------------------------------------------------------------
    def agenda(self, session_id: int) -> list[Priority]:
        """The session's priorities: product first, then engineering, each in its list order."""
        with self._read() as db:
            q = (select(t.PriorityRow.__table__).join(t.AgendaRow, t.AgendaRow.priority_id == t.PriorityRow.id)
                 .where(t.AgendaRow.session_id == session_id)
                 .order_by(t.PriorityRow.side.desc(), t.AgendaRow.position, t.PriorityRow.id))
            return [convert.priority(r) for r in db.execute(q)]

    def priority(self, priority_id: int) -> Priority:
        with self._read() as db:
            row = db.get(t.PriorityRow, priority_id)
            if row is None:
                raise NotFound(f"there is no priority {priority_id}")
            return convert.priority(row)

    def _next_position(self, db: DbSession, session_id: int, side: Side) -> int:
        q = (select(func.max(t.AgendaRow.position)).join(t.PriorityRow, t.PriorityRow.id == t.AgendaRow.priority_id)
             .where(t.AgendaRow.session_id == session_id, t.PriorityRow.side == side.value))
        current = db.execute(q).scalar()
        return 0 if current is None else current + 1

    def add_priority(self, session_id: int, draft: PriorityDraft) -> Priority:
        return self.add_priorities(session_id, [draft])[0]

    def add_priorities(self, session_id: int, drafts: Sequence[PriorityDraft]) -> list[Priority]:
        """Add priorities to a session's agenda, all in one transaction (all or nothing)."""
        cleaned = [validate_priority(d) for d in drafts]
        with self._tx() as db:
            # the session row locked (FOR UPDATE on a server): two laptops importing at once take turns, so each
            # sees the other's agenda positions
            if db.get(t.SessionRow, session_id, with_for_update=True) is None:
                raise NotFound(f"there is no session {session_id}")
            sealing.refuse_if_closed(db, session_id)
            rows = []
            positions = {side: self._next_position(db, session_id, side) for side in Side}
            for d in cleaned:
                row = t.PriorityRow(title=d.title, description=d.description, side=d.side.value,
                                    effort_weeks=d.effort_weeks, idea_date=d.idea_date, status=d.status.value,
                                    quarter=d.quarter, delivered_date=d.delivered_date, link=d.link)
                db.add(row)
                db.flush()
                db.add(t.AgendaRow(session_id=session_id, priority_id=row.id, position=positions[d.side]))
                positions[d.side] += 1
                rows.append(row)
            return [convert.priority(r) for r in rows]

    def update_priority(self, priority_id: int, draft: PriorityDraft, seen: int | None = None) -> Priority:
        """Replace a priority's fields; returns the priority as it was before. ``seen`` is the version the
        user edited: a Conflict if someone else changed the priority since."""
        d = validate_priority(draft)

        def conflict() -> conflicts.Conflict:
            theirs = self.priority(priority_id)
            return conflicts.Conflict(f"the priority “{theirs.title}”", theirs, d, theirs.version)

        with conflicts.guard(conflict), self._tx() as db:
            row = db.get(t.PriorityRow, priority_id)
            if row is None:
                raise NotFound(f"there is no priority {priority_id}")
            conflicts.check(seen, row.version, conflict)
            before = convert.priority(row)
            row.title, row.description, row.side = d.title, d.description, d.side.value
            row.effort_weeks, row.idea_date, row.status = d.effort_weeks, d.idea_date, d.status.value
            row.quarter, row.delivered_date, row.link = d.quarter, d.delivered_date, d.link
            db.add(row)
            return before

    def delete_priority(self, priority_id: int) -> Snapshot:
        snap = Snapshot()
        with self._tx() as db:
            if db.get(t.PriorityRow, priority_id) is None:
                raise NotFound(f"there is no priority {priority_id}")
            self._capture(db, snap, t.PriorityRow, t.PriorityRow.id == priority_id)
            self._capture(db, snap, t.AgendaRow, t.AgendaRow.priority_id == priority_id)
            self._capture(db, snap, t.TensionPriorityRow, t.TensionPriorityRow.priority_id == priority_id)
            self._capture(db, snap, t.ScoreRow, t.ScoreRow.priority_id == priority_id)
            db.execute(delete(t.PriorityRow).where(t.PriorityRow.id == priority_id))
        return snap

    def delete_priorities(self, priority_ids: Iterable[int]) -> Snapshot:
        ids = list(priority_ids)
        snap = Snapshot()
        with self._tx() as db:
            self._capture(db, snap, t.PriorityRow, t.PriorityRow.id.in_(ids))
            self._capture(db, snap, t.AgendaRow, t.AgendaRow.priority_id.in_(ids))
            self._capture(db, snap, t.TensionPriorityRow, t.TensionPriorityRow.priority_id.in_(ids))
            self._capture(db, snap, t.ScoreRow, t.ScoreRow.priority_id.in_(ids))
            db.execute(delete(t.PriorityRow).where(t.PriorityRow.id.in_(ids)))
        return snap

    def side_order(self, session_id: int, side: Side) -> list[int]:
        return [p.id for p in self.agenda(session_id) if p.side is side]

    def set_side_order(self, session_id: int, side: Side, priority_ids: Sequence[int]) -> list[int]:
        """Reorder one side's list; returns the previous order."""
        before = self.side_order(session_id, side)
        if sorted(before) != sorted(priority_ids):
            raise ValueError("the new order must contain exactly the side's priorities")
        with self._tx() as db:
            sealing.refuse_if_closed(db, session_id)
            for pos, pid in enumerate(priority_ids):
                db.execute(update(t.AgendaRow).where(t.AgendaRow.session_id == session_id,
                                                      t.AgendaRow.priority_id == pid).values(position=pos))
        return before

    # -- tensions -------------------------------------------------------------------------------------
    def tensions(self, session_id: int) -> list[Tension]:
        with self._read() as db:
            rows = db.execute(select(t.TensionRow.__table__).where(t.TensionRow.session_id == session_id)
                              .order_by(t.TensionRow.id)).all()
            links: dict[int, list[int]] = {}
            if rows:
                for tid, pid in db.execute(select(t.TensionPriorityRow.tension_id, t.TensionPriorityRow.priority_id)
                                           .where(t.TensionPriorityRow.tension_id.in_([r.id for r in rows]))
                                           .order_by(t.TensionPriorityRow.priority_id)):
                    links.setdefault(tid, []).append(pid)
            return [convert.tension(r, tuple(links.get(r.id, ()))) for r in rows]

    def tension(self, tension_id: int) -> Tension:
        with self._read() as db:
            row = db.get(t.TensionRow, tension_id)
            if row is None:
                raise NotFound(f"there is no tension {tension_id}")
            ids = tuple(db.execute(select(t.TensionPriorityRow.priority_id)
                                   .where(t.TensionPriorityRow.tension_id == tension_id)
                                   .order_by(t.TensionPriorityRow.priority_id)).scalars())
            return convert.tension(row, ids)

    @staticmethod
    def _check_tension_priorities(priority_ids: Sequence[int]) -> list[int]:
        ids = sorted(set(priority_ids))
        if len(ids) < 2:
            raise ValidationError(["a tension needs at least two priorities"])
        return ids

    def add_tension(self, session_id: int, statement: str, priority_ids: Sequence[int]) -> Tension:
        statement = validate_statement(statement)
        ids = self._check_tension_priorities(priority_ids)
        with self._tx() as db:
            if db.get(t.SessionRow, session_id) is None:
                raise NotFound(f"there is no session {session_id}")
            sealing.refuse_if_closed(db, session_id)
            found = db.execute(select(func.count()).select_from(t.PriorityRow).where(t.PriorityRow.id.in_(ids))).scalar_one()
            if found != len(ids):
                raise NotFound("a priority of this tension no longer exists")
            row = t.TensionRow(session_id=session_id, statement=statement, status=TensionStatus.OPEN.value)
            db.add(row)
            db.flush()
            for pid in ids:
                db.add(t.TensionPriorityRow(tension_id=row.id, priority_id=pid))
            return convert.tension(row, tuple(ids))

    def update_tension(self, tension_id: int, statement: str, priority_ids: Sequence[int],
                       status: TensionStatus | None = None) -> Tension:
        """Replace a tension's statement and priorities; returns it as it was before."""
        statement = validate_statement(statement)
        ids = self._check_tension_priorities(priority_ids)
        before = self.tension(tension_id)
        with self._tx() as db:
            row = db.get(t.TensionRow, tension_id)
            sealing.refuse_if_closed(db, row.session_id)
            row.statement = statement
            if status is not None:
                row.status = TensionStatus(status).value
            db.add(row)
            db.execute(delete(t.TensionPriorityRow).where(t.TensionPriorityRow.tension_id == tension_id))
            for pid in ids:
                db.add(t.TensionPriorityRow(tension_id=tension_id, priority_id=pid))
        return before

    def delete_tension(self, tension_id: int) -> Snapshot:
        snap = Snapshot()
        with self._tx() as db:
            if db.get(t.TensionRow, tension_id) is None:
                raise NotFound(f"there is no tension {tension_id}")
            sealing.refuse_if_closed(db, db.get(t.TensionRow, tension_id).session_id)
            self._capture(db, snap, t.TensionRow, t.TensionRow.id == tension_id)
            self._capture(db, snap, t.TensionPriorityRow, t.TensionPriorityRow.tension_id == tension_id)
            self._capture(db, snap, t.DecisionRow, t.DecisionRow.tension_id == tension_id)
            db.execute(delete(t.TensionRow).where(t.TensionRow.id == tension_id))
        return snap

    # -- scores ---------------------------------------------------------------------------------------
    def scores(self, session_id: int) -> list[Score]:
        with self._read() as db:
            rows = db.execute(select(t.ScoreRow.__table__).where(t.ScoreRow.session_id == session_id))
            return [convert.score(r) for r in rows]

    def scores_of(self, session_id: int, priority_id: int) -> list[Score]:
        with self._read() as db:
            rows = db.execute(select(t.ScoreRow).where(t.ScoreRow.session_id == session_id,
                                                       t.ScoreRow.priority_id == priority_id)).scalars()
            return [convert.score(r) for r in rows]

    def set_score(self, session_id: int, priority_id: int, criterion_id: int, role: Side,
                  value: int | None) -> int | None:
        """Set (or with None clear) one leader's score; returns the previous value."""
        role = Side(role)
        with self._tx() as db:
            # one round trip for the session and the criterion: the gets below find them in the identity map
            # (which holds rows only while referenced, hence the name)
            loaded = db.execute(select(t.SessionRow, t.CriterionRow)  # noqa: F841
                                .outerjoin(t.CriterionRow, t.CriterionRow.id == criterion_id)
                                .where(t.SessionRow.id == session_id)).first()
            sealing.refuse_if_closed(db, session_id)
            if value is not None:
                crit = db.get(t.CriterionRow, criterion_id)
                if crit is None:
                    raise NotFound(f"there is no criterion {criterion_id}")
                if isinstance(value, bool) or int(value) != value or not crit.scale_min <= value <= crit.scale_max:
                    raise ValidationError([f"a score for {crit.name} must be a whole number from "
                                           f"{crit.scale_min} to {crit.scale_max}, not {value!r}"])
            key = (session_id, priority_id, criterion_id, role.value)
            row = db.get(t.ScoreRow, key)
            before = None if row is None else row.value
            if value is None:
                if row is not None:
                    db.delete(row)
            elif row is None:
                db.add(t.ScoreRow(session_id=session_id, priority_id=priority_id, criterion_id=criterion_id,
                                  leader_role=role.value, value=int(value)))
            else:
                row.value = int(value)
                db.add(row)
            return before

    # -- decisions and capacity (the records the later screens build on) ------------------------------
    def decisions(self, session_id: int | None = None) -> list:
        with self._read() as db:
            q = select(t.DecisionRow.__table__).order_by(t.DecisionRow.id)
            if session_id is not None:
                q = q.where(t.DecisionRow.session_id == session_id)
            return [convert.decision(r) for r in db.execute(q)]

    def set_capacity_plan(self, quarter: str, total_weeks: float, product_share: float,
                          engineering_share: float, reason: str = "", reviewed_on: dt.date | None = None,
                          note: str = "") -> tuple[CapacityPlan | None, int]:
        """Create or change a quarter's split; every change is kept in the ledger with its reason.

        Returns the plan as it was (None if new) and the ledger entry's id, for undo."""
        import math

        quarter = normalise_quarter(quarter)
        problems = []
        for label, v in (("total capacity", total_weeks), ("product share", product_share),
                         ("engineering share", engineering_share)):
            if not isinstance(v, (int, float)) or math.isnan(v) or math.isinf(v) or v < 0:
                problems.append(f"the {label} must be a number of at least 0, not {v!r}")
        if not problems and total_weeks > limits.TOTAL_WEEKS:
            problems.append(f"the total capacity is more than {limits.TOTAL_WEEKS:,} person-weeks")
        if not problems and (product_share > limits.SHARE or engineering_share > limits.SHARE):
            problems.append("a share cannot be more than 100%")
        if not problems and abs(product_share + engineering_share - 100) > 1e-6:
            problems.append(f"the shares add up to {product_share + engineering_share:g}%, not 100%")
        note = collect(problems, check_text, note, "the capacity note", limits.TEXT)
        reason = collect(problems, check_text, reason, "the reason for the change", limits.TEXT)
        if problems:
            raise ValidationError(problems)
        with self._tx() as db:
            row = db.execute(select(t.CapacityPlanRow).where(t.CapacityPlanRow.quarter == quarter)).scalars().first()
            before = None if row is None else convert.capacity_plan(row)
            if row is None:
                row = t.CapacityPlanRow(quarter=quarter, total_weeks=0, product_share=0, engineering_share=0)
            row.total_weeks, row.product_share, row.engineering_share = float(total_weeks), float(product_share), float(engineering_share)
            row.reviewed_on, row.note = reviewed_on, note
            db.add(row)
            entry = t.CapacityLedgerRow(quarter=quarter, total_weeks=float(total_weeks), product_share=float(product_share),
                                        engineering_share=float(engineering_share),
                                        reason=reason or ("first plan" if before is None else "changed"))
            db.add(entry)
            db.flush()
            return before, entry.id

    def restore_capacity_plan(self, quarter: str, before: CapacityPlan | None, ledger_id: int | None) -> None:
        """Undo of ``set_capacity_plan``: the plan as it was, and its ledger entry removed."""
        with self._tx() as db:
            row = db.execute(select(t.CapacityPlanRow).where(t.CapacityPlanRow.quarter == quarter)).scalars().first()
            if before is None:
                if row is not None:
                    db.delete(row)
            else:
                row.total_weeks, row.product_share, row.engineering_share = before.total_weeks, before.product_share, before.engineering_share
                row.reviewed_on, row.note = before.reviewed_on, before.note
                db.add(row)
            if ledger_id is not None:
                db.execute(delete(t.CapacityLedgerRow).where(t.CapacityLedgerRow.id == ledger_id))

    def capacity_plan(self, quarter: str) -> CapacityPlan | None:
        return next((c for c in self.capacity_plans() if c.quarter == normalise_quarter(quarter)), None)

    def suggested_plan(self, quarter: str) -> CapacityPlan:
        """A new quarter starts from the last earlier quarter's split (70/30 of 100 weeks if none)."""
        quarter = normalise_quarter(quarter)
        earlier = [c for c in self.capacity_plans() if c.quarter < quarter]
        if earlier:
            last = earlier[-1]
            return CapacityPlan(quarter, last.total_weeks, last.product_share, last.engineering_share)
        return CapacityPlan(quarter, 100.0, 70.0, 30.0)

    def capacity_ledger(self, quarter: str | None = None) -> list[LedgerEntry]:
        with self._read() as db:
            q = select(t.CapacityLedgerRow).order_by(t.CapacityLedgerRow.changed_at, t.CapacityLedgerRow.id)
            if quarter:
                q = q.where(t.CapacityLedgerRow.quarter == normalise_quarter(quarter))
            return [LedgerEntry(r.id, r.quarter, r.changed_at, r.total_weeks, r.product_share, r.engineering_share,
                                r.reason) for r in db.execute(q).scalars()]

    def capacity_plans(self) -> list:
        with self._read() as db:
            rows = db.execute(select(t.CapacityPlanRow).order_by(t.CapacityPlanRow.quarter)).scalars()
            return [convert.capacity_plan(r) for r in rows]

    # -- blind scoring, session weights, criteria --------------------------------------------------------
    def scoring_state(self, session_id: int) -> ScoringState:
        with self._read() as db:
            row = db.get(t.SessionRow, session_id)
            if row is None:
                raise NotFound(f"there is no session {session_id}")
            return ScoringState(turn=Side(row.scoring_turn) if row.scoring_turn else None,
                                product_done=row.product_done, engineering_done=row.engineering_done,
                                revealed=row.revealed)

    def set_scoring_state(self, session_id: int, state: ScoringState) -> ScoringState:
        before = self.scoring_state(session_id)
        with self._tx() as db:
            sealing.refuse_if_closed(db, session_id)
            row = db.get(t.SessionRow, session_id)
            row.scoring_turn = state.turn.value if state.turn else ""
            row.product_done, row.engineering_done, row.revealed = state.product_done, state.engineering_done, state.revealed
            db.add(row)
        return before

    def set_session_weight(self, session_id: int, criterion_id: int, weight: float,
                           lens: Side | None = None, seen: int | None = None) -> float | None:
        """Set the agreed weight (lens None) or one leader's own weight; returns the previous value.

        A closed session keeps the weights it was scored with, so its agreed weights cannot change.
        For a leader's lens, None clears it back to the agreed weight. ``seen`` is the version of the
        session's weights of this criterion the user edited: a Conflict if someone else changed them since."""
        import math

        if weight is not None and (not isinstance(weight, (int, float)) or math.isnan(weight)
                                   or math.isinf(weight) or weight < 0 or weight > limits.WEIGHT):
            raise ValidationError([f"a weight must be a number from 0 to {limits.WEIGHT}, not {weight!r}"])
        column = "weight" if lens is None else f"{Side(lens).value}_weight"

        def conflict() -> conflicts.Conflict:
            with self._read() as db:
                row = db.get(t.SessionCriterionRow, (session_id, criterion_id))
                name = db.get(t.CriterionRow, criterion_id).name
            theirs = {label: getattr(row, c) for c, label in WEIGHT_LABELS.items()}
            yours = {**theirs, WEIGHT_LABELS[column]: weight}
            return conflicts.Conflict(f"the weights of {name} in this session", theirs, yours, row.version)

        with conflicts.guard(conflict), self._tx() as db:
            session = db.get(t.SessionRow, session_id)
            if session is None:
                raise NotFound(f"there is no session {session_id}")
            row = db.get(t.SessionCriterionRow, (session_id, criterion_id))
            if row is None:
                raise NotFound(f"criterion {criterion_id} is not part of this session")
            conflicts.check(seen, row.version, conflict)
            if lens is None:
                if session.status == SessionStatus.CLOSED.value:
                    raise ValidationError(["this session is closed: it keeps the weights it was scored with"])
                if weight is None:
                    raise ValidationError(["the agreed weight cannot be empty"])
                before, row.weight = row.weight, float(weight)
            elif Side(lens) is Side.PRODUCT:
                before, row.product_weight = row.product_weight, None if weight is None else float(weight)
            else:
                before, row.engineering_weight = row.engineering_weight, None if weight is None else float(weight)
            db.add(row)
            return before

    def all_criteria(self) -> list[Criterion]:
        """Every criterion, archived ones included (they still score old sessions)."""
        with self._read() as db:
            rows = db.execute(select(t.CriterionRow).order_by(t.CriterionRow.position, t.CriterionRow.id)).scalars()
            return [convert.criterion(r) for r in rows]

    @staticmethod
    def _check_criterion(c: Criterion) -> Criterion:
        import math
        from dataclasses import replace as _replace

        problems: list[str] = []
        name = collect(problems, check_line, c.name, "the criterion's name", limits.CRITERION_NAME, required=True)
        description = collect(problems, check_text, c.description, "the criterion's description", limits.TEXT)
        if not isinstance(c.weight, (int, float)) or math.isnan(c.weight) or math.isinf(c.weight) or not 0 <= c.weight <= limits.WEIGHT:
            problems.append(f"the weight must be a number from 0 to {limits.WEIGHT}, not {c.weight!r}")
        if not (isinstance(c.scale_min, int) and isinstance(c.scale_max, int)) or c.scale_min >= c.scale_max:
            problems.append("the scale must go from a lower to a higher whole number")
        elif c.scale_min < limits.SCALE[0] or c.scale_max > limits.SCALE[1]:
            problems.append(f"the scale must lie within {limits.SCALE[0]}–{limits.SCALE[1]}, so a score is one key press")
        if problems:
            raise ValidationError(problems)
        return _replace(c, name=name, description=description, kind=CriterionKind(c.kind))

    def add_criterion(self, c: Criterion) -> Criterion:
        """Add a workspace criterion; sessions still being scored (not closed) get it too."""
        c = self._check_criterion(c)
        with self._tx() as db:
            pos = (db.execute(select(func.max(t.CriterionRow.position))).scalar() or 0) + 1
            row = t.CriterionRow(name=c.name, description=c.description, weight=c.weight, kind=c.kind.value,
                                 scale_min=c.scale_min, scale_max=c.scale_max, position=pos)
            db.add(row)
            db.flush()
            open_ids = db.execute(select(t.SessionRow.id).where(t.SessionRow.status != SessionStatus.CLOSED.value)).scalars().all()
            for sid in open_ids:
                db.add(t.SessionCriterionRow(session_id=sid, criterion_id=row.id, weight=c.weight, position=pos))
            return convert.criterion(row)

    def update_criterion(self, c: Criterion) -> Criterion:
        """Change a criterion's name, description, default weight, kind or scale; returns it as it was.

        The weight here is the default for new sessions: existing sessions keep theirs. Kind and scale
        cannot change once the criterion has scores (it would change what those scores mean)."""
        c = self._check_criterion(c)
        with self._tx() as db:
            row = db.get(t.CriterionRow, c.id)
            if row is None:
                raise NotFound(f"there is no criterion {c.id}")
            before = convert.criterion(row)
            scored = db.execute(select(func.count()).select_from(t.ScoreRow).where(t.ScoreRow.criterion_id == c.id)).scalar_one()
            if scored and (c.kind is not before.kind or (c.scale_min, c.scale_max) != (before.scale_min, before.scale_max)):
                raise ValidationError([f"“{before.name}” already has {scored} score(s): its kind and scale cannot change "
                                       "(add a new criterion instead)"])
            row.name, row.description, row.weight = c.name, c.description, float(c.weight)
            row.kind, row.scale_min, row.scale_max = c.kind.value, c.scale_min, c.scale_max
            db.add(row)
            return before

    def remove_criterion(self, criterion_id: int) -> Snapshot:
        """Stop using a criterion: new sessions no longer get it; sessions still being scored drop it.

        Closed sessions keep it (their ranking never changes). Returns what to restore on undo."""
        snap = Snapshot()
        with self._tx() as db:
            row = db.get(t.CriterionRow, criterion_id)
            if row is None:
                raise NotFound(f"there is no criterion {criterion_id}")
            open_ids = select(t.SessionRow.id).where(t.SessionRow.status != SessionStatus.CLOSED.value)
            where_sc = (t.SessionCriterionRow.criterion_id == criterion_id) & t.SessionCriterionRow.session_id.in_(open_ids)
            where_score = (t.ScoreRow.criterion_id == criterion_id) & t.ScoreRow.session_id.in_(open_ids)
            self._capture(db, snap, t.SessionCriterionRow, where_sc)
            self._capture(db, snap, t.ScoreRow, where_score)
            db.execute(delete(t.ScoreRow).where(where_score))
            db.execute(delete(t.SessionCriterionRow).where(where_sc))
            row.archived = True
            db.add(row)
        return snap

    def unarchive_criterion(self, criterion_id: int, snapshot: Snapshot) -> None:
        with self._tx() as db:
            row = db.get(t.CriterionRow, criterion_id)
            row.archived = False
            db.add(row)
        self.restore(snapshot)
