"""The unit of work every service shares: one transaction per use case, and snapshots for exact undo.

A use case opens ``transaction()``; a use case called from inside another one (the sample, a redo that
puts several things back) joins the outer transaction, so the whole is still one commit or none.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

from sqlalchemy import ColumnElement, delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as DbSession
from sqlmodel import SQLModel

# defined where the UI imports them without the ORM; re-exported: the services import them from here
from tension_desk.services.types import Change as Change
from tension_desk.services.types import NotFound as NotFound
from tension_desk.services.types import Row as Row
from tension_desk.services.types import Snapshot as Snapshot
from tension_desk.services.types import found as found
from tension_desk.store import tables as t
from tension_desk.store.tables import table_of as table_of  # re-exported: the services import it from here

T = TypeVar("T")
M = TypeVar("M", bound=SQLModel)

# Every table, parents before children: the order in which rows are put back.
TABLES: tuple[type[SQLModel], ...] = (
    t.WorkspaceRow, t.LeaderRow, t.CriterionRow, t.SessionRow, t.PriorityRow, t.SessionCriterionRow,
    t.AgendaRow, t.TensionRow, t.TensionPriorityRow, t.ScoreRow, t.DecisionRow, t.CapacityPlanRow,
    t.CapacityLedgerRow, t.SessionRevisionRow, t.SessionStepRow,
)


# What a user calls the rows that use cases look up by id, for "there is no <name> <id>".
_NAMES: dict[type[SQLModel], str] = {
    t.SessionRow: "session", t.CriterionRow: "criterion", t.PriorityRow: "priority", t.TensionRow: "tension",
    t.DecisionRow: "decision",
}


def get_row(db: DbSession, table: type[M], row_id: int, *, lock: bool = False) -> M:
    """The row of ``table`` with this id (with ``lock``, locked FOR UPDATE on a server until the transaction
    ends), or NotFound saying there is no such session, criterion, priority, tension or decision."""
    return found(db.get(table, row_id, with_for_update=lock), f"there is no {_NAMES[table]} {row_id}")


class HasId(Protocol):
    id: int | None


def add_row(db: DbSession, row: HasId) -> int:
    """Add a new row and flush it; returns the id the store gave it."""
    db.add(row)
    db.flush()
    if row.id is None:
        raise RuntimeError(f"the store gave the new {type(row).__name__} no id")
    return row.id


def row_values(row: SQLModel) -> Row:
    """A loaded row's columns, to put back as they are with ``insert``."""
    return {c.name: getattr(row, c.name) for c in table_of(type(row)).columns}


def _rows(db: DbSession, table: type[SQLModel], where: tuple[ColumnElement[bool], ...]) -> list[Row]:
    return [dict(r) for r in db.execute(select(table_of(table)).where(*where)).mappings()]


def capture(db: DbSession, snap: Snapshot, table: type[SQLModel], *where: ColumnElement[bool]) -> None:
    """Add the rows of ``table`` that match ``where`` (all of them without ``where``) to ``snap``."""
    snap.rows.setdefault(table_of(table).name, []).extend(_rows(db, table, where))


def capture_changed(db: DbSession, snap: Snapshot, table: type[SQLModel], *where: ColumnElement[bool]) -> None:
    """Add the rows of ``table`` that match ``where`` to what ``put_back`` writes back as they are now."""
    snap.changed.setdefault(table_of(table).name, []).extend(_rows(db, table, where))


def capture_tables(db: DbSession, *tables: type[SQLModel]) -> Snapshot:
    """The whole content of ``tables`` (every table without arguments), for ``replace_tables``."""
    snap = Snapshot()
    for table in tables or TABLES:
        capture(db, snap, table)
    return snap


def put_back(db: DbSession, snapshot: Snapshot) -> None:
    """Insert a snapshot's rows again, with their ids, parents first; then make its ``changed`` rows
    (which stayed, but changed with the use case) as they were."""
    for table in map(table_of, TABLES):
        rows = snapshot.rows.get(table.name)
        if rows:
            db.execute(insert(table), rows)
    for table in map(table_of, TABLES):
        for row in snapshot.changed.get(table.name, ()):
            db.execute(update(table).where(*(c == row[c.name] for c in table.primary_key.columns)).values(row))


def replace_tables(db: DbSession, snapshot: Snapshot) -> None:
    """Make every table the snapshot holds contain exactly its rows (children emptied first)."""
    for table in map(table_of, reversed(TABLES)):
        if table.name in snapshot.rows:
            db.execute(delete(table))
    put_back(db, snapshot)


class UnitOfWork:
    """The engine, and the transaction a use case runs in."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._local = threading.local()

    @property
    def engine(self) -> Engine:
        return self._engine

    def reopen(self, engine: Engine) -> None:
        """Use another engine from now on (after the store file was replaced, e.g. by a restore)."""
        self._engine = engine

    @contextmanager
    def transaction(self) -> Iterator[DbSession]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        current = getattr(self._local, "db", None)
        if current is not None:
            yield current
            return
        with DbSession(self._engine, expire_on_commit=False) as db:
            self._local.db = db
            try:
                yield db
                db.commit()
            finally:
                self._local.db = None

    @contextmanager
    def reading(self) -> Iterator[DbSession]:
        """A session for reads (inside a transaction, that transaction: it sees what it wrote)."""
        current = getattr(self._local, "db", None)
        if current is not None:
            yield current
            return
        with DbSession(self._engine) as db:
            yield db
