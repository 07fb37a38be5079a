"""Priorities: what each leader wants done, on one or more sessions' agendas, in each side's order."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session as DbSession
from sqlmodel import col

from tension_desk.domain.model import Priority, PriorityDraft, Side
from tension_desk.domain.validation import validate_priority
from tension_desk.services import conflicts, sealing
from tension_desk.services.unit import Snapshot, UnitOfWork, capture, found, get_row
from tension_desk.store import convert
from tension_desk.store import queries as q
from tension_desk.store import tables as t


def write_draft(db: DbSession, priority_id: int, draft: PriorityDraft) -> Priority:
    """Replace a priority's fields by a validated draft, inside the caller's transaction; returns it as it was."""
    row = get_row(db, t.PriorityRow, priority_id)
    before = convert.priority(row)
    row.title, row.description, row.side = draft.title, draft.description, draft.side.value
    row.effort_weeks, row.idea_date, row.status = draft.effort_weeks, draft.idea_date, draft.status.value
    row.quarter, row.delivered_date, row.link = draft.quarter, draft.delivered_date, draft.link
    db.add(row)
    return before


def _next_position(db: DbSession, session_id: int, side: Side) -> int:
    query = (select(func.max(t.AgendaRow.position))
             .join(t.PriorityRow, col(t.PriorityRow.id) == col(t.AgendaRow.priority_id))
             .where(col(t.AgendaRow.session_id) == session_id, col(t.PriorityRow.side) == side.value))
    current = db.execute(query).scalar()
    return 0 if current is None else current + 1


class Priorities:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    # -- reading ------------------------------------------------------------------------------------
    def get(self, priority_id: int) -> Priority:
        with self.unit.reading() as db:
            return found(q.priority(db, priority_id), f"there is no priority {priority_id}")

    def of_quarter(self, quarter: str) -> list[Priority]:
        """The priorities planned for a quarter (what its capacity counts)."""
        with self.unit.reading() as db:
            return q.priorities(db, quarter=quarter)

    def agenda(self, session_id: int) -> list[Priority]:
        """The session's priorities: product first, then engineering, each in its list order."""
        with self.unit.reading() as db:
            return q.agenda(db, session_id)

    def side_order(self, session_id: int, side: Side) -> list[int]:
        return [p.id for p in self.agenda(session_id) if p.side is side]

    # -- writing ------------------------------------------------------------------------------------
    def add(self, session_id: int, draft: PriorityDraft) -> Priority:
        return self.add_many(session_id, [draft])[0]

    def add_many(self, session_id: int, drafts: Sequence[PriorityDraft]) -> list[Priority]:
        """Add priorities to a session's agenda, all in one transaction (all or nothing)."""
        cleaned = [validate_priority(d) for d in drafts]
        with self.unit.transaction() as db:
            # the session row locked (FOR UPDATE on a server): two laptops importing at once take turns, so each
            # sees the other's agenda positions
            get_row(db, t.SessionRow, session_id, lock=True)
            sealing.refuse_if_closed(db, session_id)
            positions = {side: _next_position(db, session_id, side) for side in Side}
            rows = [t.PriorityRow(title=d.title, description=d.description, side=d.side.value,
                                  effort_weeks=d.effort_weeks, idea_date=d.idea_date, status=d.status.value,
                                  quarter=d.quarter, delivered_date=d.delivered_date, link=d.link) for d in cleaned]
            # one INSERT for all of them (batched VALUES), then one for their places on the agenda. Their new ids
            # follow the order given: PostgreSQL sorts what RETURNING gives back by it; SQLite cannot (SQLAlchemy
            # would insert row by row) but gives each new row the next rowid, in the order of the VALUES
            if not rows:
                return []  # nothing to add (an executemany of no rows is refused by SQLAlchemy)
            table = t.table_of(t.PriorityRow)
            ordered = db.get_bind().dialect.name != "sqlite"
            added = sorted(db.execute(insert(table).returning(*table.c, sort_by_parameter_order=ordered),
                                      [r.model_dump(exclude={"id"}) for r in rows]), key=lambda r: r.id)
            places = []
            for d, r in zip(cleaned, added, strict=True):
                places.append({"session_id": session_id, "priority_id": r.id, "position": positions[d.side]})
                positions[d.side] += 1
            if places:
                db.execute(insert(t.table_of(t.AgendaRow)), places)
            return [convert.priority(r) for r in added]

    def update(self, priority_id: int, draft: PriorityDraft, seen: int | None = None) -> Priority:
        """Replace a priority's fields; returns the priority as it was before. ``seen`` is the version the
        user edited: a Conflict if someone else changed the priority since."""
        d = validate_priority(draft)

        def conflict() -> conflicts.Conflict:
            theirs = self.get(priority_id)
            return conflicts.Conflict(f"the priority “{theirs.title}”", theirs, d, theirs.version)

        with conflicts.guard(conflict), self.unit.transaction() as db:
            row = get_row(db, t.PriorityRow, priority_id)
            conflicts.check(seen, row.version, conflict)
            return write_draft(db, priority_id, d)

    def update_many(self, changes: Sequence[tuple[int, PriorityDraft]]) -> list[Priority]:
        """Replace several priorities' fields, all or nothing; returns them as they were, in order."""
        cleaned = [(pid, validate_priority(d)) for pid, d in changes]
        with self.unit.transaction() as db:
            return [write_draft(db, pid, d) for pid, d in cleaned]

    def delete(self, priority_id: int) -> Snapshot:
        with self.unit.transaction() as db:
            get_row(db, t.PriorityRow, priority_id)
            return self.delete_many([priority_id])

    def delete_many(self, priority_ids: Iterable[int]) -> Snapshot:
        """Delete priorities with their agenda places, tension links and scores; returns them all."""
        ids = [*priority_ids]
        snap = Snapshot()
        with self.unit.transaction() as db:
            capture(db, snap, t.PriorityRow, col(t.PriorityRow.id).in_(ids))
            capture(db, snap, t.AgendaRow, col(t.AgendaRow.priority_id).in_(ids))
            capture(db, snap, t.TensionPriorityRow, col(t.TensionPriorityRow.priority_id).in_(ids))
            capture(db, snap, t.ScoreRow, col(t.ScoreRow.priority_id).in_(ids))
            db.execute(delete(t.PriorityRow).where(col(t.PriorityRow.id).in_(ids)))
        return snap

    def set_side_order(self, session_id: int, side: Side, priority_ids: Sequence[int]) -> list[int]:
        """Reorder one side's list; returns the previous order."""
        with self.unit.transaction() as db:
            before = [p.id for p in q.agenda(db, session_id) if p.side is side]
            if sorted(before) != sorted(priority_ids):
                raise ValueError("the new order must contain exactly the side's priorities")
            sealing.refuse_if_closed(db, session_id)
            for pos, pid in enumerate(priority_ids):
                db.execute(update(t.AgendaRow).where(col(t.AgendaRow.session_id) == session_id,
                                                      col(t.AgendaRow.priority_id) == pid).values(position=pos))
            return before

    # last, so that ``list`` in the annotations above is still the built-in type
    def list(self) -> list[Priority]:
        """Every priority of the workspace, by id."""
        with self.unit.reading() as db:
            return q.priorities(db)

