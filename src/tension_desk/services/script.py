"""Use cases of the session script: read a session's steps, change a time box, save the time spent.

A session without stored steps runs the default script; its rows (one per step) are written by the first
change of a time box or the first save of time spent. Each function that writes is one transaction, and a
closed session refuses both (its record is sealed).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session as DbSession
from sqlmodel import col

from tension_desk.domain.script import Step, StepKind, check_minutes, check_spent, default_script
from tension_desk.services.sealing import refuse_if_closed
from tension_desk.services.types import script_of as script_of  # defined ORM-free, for the UI
from tension_desk.services.unit import NotFound, Row, table_of
from tension_desk.store import convert
from tension_desk.store import tables as t

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk


@dataclass(frozen=True)
class StepRows:
    """A session's step rows exactly as they were (none before its script was first edited), for undo."""

    session_id: int
    rows: tuple[Row, ...]


def _stored(db: DbSession, session_id: int) -> list[Step]:
    q = select(t.SessionStepRow).where(col(t.SessionStepRow.session_id) == session_id)
    return [convert.step(r) for r in db.execute(q.order_by(col(t.SessionStepRow.position))).scalars()]


def stored_steps(desk: Desk, session_id: int) -> list[Step]:
    """The session's steps as stored ([] if its script was never edited nor run): what its record prints."""
    with desk.unit.transaction() as db:
        return _stored(db, session_id)


def steps(desk: Desk, session_id: int) -> list[Step]:
    """The session's script: its stored steps, or the default script."""
    return script_of(stored_steps(desk, session_id))


def _write(db: DbSession, session_id: int, changed: dict[StepKind, Step]) -> None:
    """Store the session's script with ``changed`` steps replaced: every step gets a row."""
    if db.get(t.SessionRow, session_id) is None:
        raise NotFound(f"there is no session {session_id}")
    refuse_if_closed(db, session_id)
    rows = {r.kind: r for r in db.execute(select(t.SessionStepRow)
                                          .where(col(t.SessionStepRow.session_id) == session_id)).scalars()}
    for position, step in enumerate(_stored(db, session_id) or default_script()):
        step = changed.get(step.kind, step)
        row = rows.get(step.kind.value) or t.SessionStepRow(session_id=session_id, kind=step.kind.value, minutes=1)
        row.position, row.minutes, row.spent_seconds = position, step.minutes, step.spent_seconds
        db.add(row)


def set_minutes(desk: Desk, session_id: int, kind: StepKind, minutes: int) -> int:
    """Change one step's time box; returns the one it had (for undo)."""
    kind = StepKind(kind)
    minutes = check_minutes(kind, minutes)
    with desk.unit.transaction() as db:
        current = {s.kind: s for s in (_stored(db, session_id) or default_script())}[kind]
        _write(db, session_id, {kind: Step(kind, minutes, current.spent_seconds)})
        return current.minutes


def change_minutes(desk: Desk, session_id: int, kind: StepKind, minutes: int) -> StepRows:
    """``set_minutes`` as an undoable edit: returns the session's step rows as they were (none, before its
    script was first edited), for ``put_rows``."""
    with desk.unit.transaction() as db:
        where = col(t.SessionStepRow.session_id) == session_id
        before = tuple(dict(r) for r in db.execute(select(table_of(t.SessionStepRow)).where(where)).mappings())
        set_minutes(desk, session_id, kind, minutes)  # joins this transaction
        return StepRows(session_id, before)


def put_rows(desk: Desk, before: StepRows) -> None:
    """Undo of ``change_minutes``: the session's step rows exactly as they were."""
    with desk.unit.transaction() as db:
        refuse_if_closed(db, before.session_id)
        db.execute(delete(t.SessionStepRow).where(col(t.SessionStepRow.session_id) == before.session_id))
        if before.rows:
            db.execute(insert(table_of(t.SessionStepRow)), list(before.rows))


def save_time_spent(desk: Desk, session_id: int, spent: dict[StepKind, int]) -> None:
    """Store the time spent per step (whole seconds, as the timer has measured it). Not a user edit, so no
    undo step: the timer calls it as the meeting goes on."""
    checked = {StepKind(k): check_spent(StepKind(k), v) for k, v in spent.items()}
    with desk.unit.transaction() as db:
        current = {s.kind: s for s in (_stored(db, session_id) or default_script())}
        if all(current[k].spent_seconds == v for k, v in checked.items()):
            return  # nothing new: no write
        _write(db, session_id, {k: Step(k, current[k].minutes, v) for k, v in checked.items()})
