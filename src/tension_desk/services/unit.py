"""The unit of work every service shares: one transaction per use case, and snapshots for exact undo.

A use case opens ``transaction()``; a use case called from inside another one (the sample, a redo that
puts several things back) joins the outer transaction, so the whole is still one commit or none.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as DbSession

from tension_desk.store import tables as t

T = TypeVar("T")

# Every table, parents before children: the order in which rows are put back.
TABLES = (
    t.WorkspaceRow, t.LeaderRow, t.CriterionRow, t.SessionRow, t.PriorityRow, t.SessionCriterionRow,
    t.AgendaRow, t.TensionRow, t.TensionPriorityRow, t.ScoreRow, t.DecisionRow, t.CapacityPlanRow,
    t.CapacityLedgerRow, t.SessionRevisionRow, t.SessionStepRow,
)


class NotFound(LookupError):
    """The row a use case names does not exist (any more)."""


def found(value: T | None, message: str) -> T:
    if value is None:
        raise NotFound(message)
    return value


@dataclass(frozen=True)
class Snapshot:
    """Rows, table by table (every column, ids included), to put back on undo or redo."""

    rows: dict[str, list[dict]] = field(default_factory=dict)  # rows the use case deleted
    changed: dict[str, list[dict]] = field(default_factory=dict)  # rows it changed, as they were


@dataclass(frozen=True)
class Change:
    """The same tables before and after a use case: undo replaces them by ``before``, redo by ``after``."""

    before: Snapshot
    after: Snapshot


def capture(db: DbSession, snap: Snapshot, table, *where) -> None:
    """Add the rows of ``table`` that match ``where`` (all of them without ``where``) to ``snap``."""
    rows = [dict(r) for r in db.execute(select(table.__table__).where(*where)).mappings()]
    snap.rows.setdefault(table.__tablename__, []).extend(rows)


def capture_changed(db: DbSession, snap: Snapshot, table, *where) -> None:
    """Add the rows of ``table`` that match ``where`` to what ``put_back`` writes back as they are now."""
    rows = [dict(r) for r in db.execute(select(table.__table__).where(*where)).mappings()]
    snap.changed.setdefault(table.__tablename__, []).extend(rows)


def capture_tables(db: DbSession, *tables) -> Snapshot:
    """The whole content of ``tables`` (every table without arguments), for ``replace_tables``."""
    snap = Snapshot()
    for table in tables or TABLES:
        capture(db, snap, table)
    return snap


def put_back(db: DbSession, snapshot: Snapshot) -> None:
    """Insert a snapshot's rows again, with their ids, parents first; then make its ``changed`` rows
    (which stayed, but changed with the use case) as they were."""
    for table in TABLES:
        rows = snapshot.rows.get(table.__tablename__)
        if rows:
            db.execute(insert(table.__table__), rows)
    for table in TABLES:
        tbl = table.__table__
        for row in snapshot.changed.get(table.__tablename__, ()):
            db.execute(update(tbl).where(*(c == row[c.name] for c in tbl.primary_key.columns)).values(row))


def replace_tables(db: DbSession, snapshot: Snapshot) -> None:
    """Make every table the snapshot holds contain exactly its rows (children emptied first)."""
    for table in reversed(TABLES):
        if table.__tablename__ in snapshot.rows:
            db.execute(delete(table.__table__))
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
