"""The first frame's reads, with the standard library's sqlite3 alone (issue 15, figure 1b).

A cold start shows the newest session's matrix before SQLAlchemy, SQLModel and pydantic are imported: the
window's first reads (the sessions, the leaders, a session's snapshot) are answered here, on a read-only
connection to a store ``engine.check_local_store`` has checked and found at the head revision (as
``sealed.py`` does), and they return the same domain objects as ``queries.py`` (a test compares the two on
realistic stores, so they cannot drift). Rows become domain objects through ``convert``, their values typed by
``schema.COLUMNS``. Everything else, and every write, goes through the services once the ORM is loaded.

A shared workspace (PostgreSQL) keeps the services' path from the start: reading it through the driver alone
would need its own connection and login, and a window there is no cold start's hot path.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Criterion, Decision, Leader, Score, Session, Side, Tension, TensionStatus
from tension_desk.store import convert
from tension_desk.store.engine import BUSY_TIMEOUT_S, CheckedStore, trouble
from tension_desk.store.schema import COLUMNS, Kind
from tension_desk.store.snapshot import SessionSnapshot

_KINDS: dict[str, tuple[tuple[str, Kind], ...]] = dict(COLUMNS)
_FROM_STORE: dict[Kind, Callable[[Any], Any] | None] = {  # how SQLAlchemy reads each kind back from SQLite
    "int": None, "text": None,  # sqlite3 reads them as they are
    "float": float, "bool": bool, "date": dt.date.fromisoformat, "datetime": dt.datetime.fromisoformat,
}


def _columns(table: str, alias: str, skip: tuple[str, ...] = ()) -> str:
    """``alias.column, ...`` for every column of ``table`` in ``schema.COLUMNS``' order."""
    return ", ".join(f"{alias}.{name}" for name, _ in _KINDS[table] if name not in skip)


@cache
def _readers(table: str, skip: tuple[str, ...]) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    return tuple((name, _FROM_STORE[kind]) for name, kind in _KINDS[table] if name not in skip)


def _typed(table: str, values: Sequence[Any], skip: tuple[str, ...] = ()) -> convert.Columns:
    """One row of ``table`` (its columns in ``_columns``' order) with each value as the ORM reads it."""
    return convert.Columns({name: value if read is None or value is None else read(value)
                            for (name, read), value in zip(_readers(table, skip), values, strict=True)})


def _width(table: str, skip: tuple[str, ...] = ()) -> int:
    return sum(1 for name, _ in _KINDS[table] if name not in skip)


def gone(path: Path) -> FileNotFoundError:
    """The one line for a store moved or deleted since it was checked at start, met by a read or by the edit
    that loads the ORM (SQLite would make a new, empty store in its place, which the next start would open as a
    new workspace)."""
    return FileNotFoundError(f"the store {path} is no longer there (moved or deleted while Tension Desk was open): "
                             "nothing was changed. Put it back and try again, or restart Tension Desk.")


class QuickReader:
    """Read-only reads of a checked store at the head revision. Raises ``gone`` for a store moved away, and
    StoreError in SQLite's words for one that cannot be read (locked, or replaced by a file that is not a store)."""

    def __init__(self, store: CheckedStore):
        if not store.at_head:
            raise ValueError("the quick reader reads a store at the head revision only")
        self.store = store

    def _read(self, read: Callable[[sqlite3.Connection], Any]) -> Any:
        path = self.store.path
        if not path.is_file():
            raise gone(path)
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                conn.execute("BEGIN")  # one read: every statement sees the same store
                return read(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:  # locked; not a database, or not this app's, any more
            if type(exc) not in (sqlite3.DatabaseError, sqlite3.OperationalError):  # a bug's error stays one
                raise
            raise trouble(exc, path) from exc

    def close(self) -> None:
        """Leave the store as the engine's last connection leaves it: a read-only connection cannot fold SQLite's
        WAL into the store, so its -wal and -shm files stay until a read-write connection is the last to close."""
        with contextlib.suppress(sqlite3.Error):  # the app is closing: a store busy (or gone) elsewhere keeps its WAL
            # mode=rw: a store moved away meanwhile is not made again, empty, in its place
            conn = sqlite3.connect(f"{self.store.path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                conn.execute("PRAGMA user_version").fetchone()  # opens the store: sqlite3.connect alone does not
            finally:
                conn.close()

    def sessions(self) -> list[Session]:
        """Every session, newest first (``queries.sessions``)."""
        result: list[Session] = self._read(_sessions)
        return result

    def leaders(self) -> dict[Side, Leader]:
        result: dict[Side, Leader] = self._read(_leaders)
        return result

    def scoring_state(self, session_id: int) -> ScoringState | None:
        """``queries.scoring_state``: the session's blind scoring, or None."""
        result: ScoringState | None = self._read(lambda conn: _scoring_state(conn, session_id))
        return result

    def scores(self, session_id: int) -> list[Score]:
        """``queries.scores``: every score of the session, in the store's order."""
        result: list[Score] = self._read(lambda conn: [convert.score(_typed("score", r)) for r in conn.execute(
            f"SELECT {_columns('score', 'sc')} FROM score AS sc WHERE sc.session_id = ?", (session_id,))])
        return result

    def session_snapshot(self, session_id: int) -> SessionSnapshot | None:
        """``queries.session_snapshot``: the session with everything its view shows, or None."""
        result: SessionSnapshot | None = self._read(lambda conn: _snapshot(conn, session_id))
        return result


def _session_rows(conn: sqlite3.Connection) -> list[convert.Columns]:
    rows = conn.execute(f"SELECT {_columns('session', 's')} FROM session AS s ORDER BY s.date DESC, s.id DESC")
    return [_typed("session", r) for r in rows]


def _sessions(conn: sqlite3.Connection) -> list[Session]:
    return [convert.session(r) for r in _session_rows(conn)]


def _scoring_state(conn: sqlite3.Connection, session_id: int) -> ScoringState | None:
    row = conn.execute(f"SELECT {_columns('session', 's')} FROM session AS s WHERE s.id = ?", (session_id,)).fetchone()
    return None if row is None else convert.scoring_state(_typed("session", row))


def _leaders(conn: sqlite3.Connection) -> dict[Side, Leader]:
    rows = conn.execute(f"SELECT {_columns('leader', 'l')} FROM leader AS l")
    return {Side(x.role): convert.leader(x) for x in (_typed("leader", r) for r in rows)}


# The tensions a session's agenda may show (queries._shown_tensions): its own; those of earlier sessions still
# open or decided in it; those with a decision whose review may be due in it. Parameters: :id, :date.
_EARLIER = "(o.date < :date OR (o.date = :date AND o.id < :id))"
_SHOWN = f"""(t.session_id = :id
    OR t.id IN (SELECT c.id FROM tension AS c JOIN session AS o ON o.id = c.session_id
                WHERE {_EARLIER} AND (c.status != :decided
                                      OR c.id IN (SELECT tension_id FROM decision WHERE session_id = :id)))
    OR t.id IN (SELECT d.tension_id FROM decision AS d JOIN session AS o ON o.id = d.session_id
                WHERE d.review_date <= :date AND {_EARLIER}
                      AND (d.review_outcome = '' OR d.review_outcome IS NULL OR d.reviewed_in_session_id = :id)))"""
_NO_CREATED_AT = ("created_at",)  # queries._PRIORITY_COLUMNS: a priority's row without it


def _snapshot(conn: sqlite3.Connection, session_id: int) -> SessionSnapshot | None:
    sessions = _session_rows(conn)
    this = next((s for s in sessions if s.id == session_id), None)
    if this is None:
        return None
    plan_row = conn.execute(f"SELECT {_columns('capacity_plan', 'p')} FROM capacity_plan AS p WHERE p.quarter = ?",
                            (this.quarter,)).fetchone()
    steps = [convert.step(_typed("session_step", r)) for r in conn.execute(
        f"SELECT {_columns('session_step', 'x')} FROM session_step AS x WHERE x.session_id = ? ORDER BY x.position",
        (session_id,))]

    n_score, n_criterion = _width("score"), _width("criterion")
    criterion_rows = conn.execute(  # as queries.session_snapshot: one row per score (or one without) of each criterion
        f"""SELECT {_columns('score', 'sc')}, {_columns('criterion', 'c')}, {_columns('session_criterion', 'w')}
            FROM criterion AS c JOIN session_criterion AS w ON w.criterion_id = c.id
            LEFT JOIN score AS sc ON sc.session_id = w.session_id AND sc.criterion_id = c.id
            WHERE w.session_id = ? ORDER BY w.position, c.id""", (session_id,)).fetchall()
    criteria: dict[int, Criterion] = {}
    weights: list[convert.Columns] = []
    scores = []
    for r in criterion_rows:
        c = _typed("criterion", r[n_score:n_score + n_criterion])
        if c.id not in criteria:
            w = _typed("session_criterion", r[n_score + n_criterion:])
            criteria[c.id] = convert.criterion(c, w.weight, w.version)
            weights.append(w)
        if r[1] is not None:  # the score's priority_id: there is a score on this row
            scores.append(convert.score(_typed("score", r[:n_score])))

    params = {"id": session_id, "date": this.date.isoformat(), "decided": TensionStatus.DECIDED.value}
    tensions: dict[int, Tension] = {}
    for r in conn.execute(f"""SELECT {_columns('tension', 't')},
                                     (SELECT group_concat(priority_id, ',') FROM tension_priority
                                      WHERE tension_id = t.id)
                              FROM tension AS t WHERE {_SHOWN} ORDER BY t.id""", params):
        x = _typed("tension", r[:-1])
        tensions[x.id] = convert.tension(x, tuple(sorted(int(i) for i in (r[-1] or "").split(",") if i)))
    decisions: list[Decision] = [convert.decision(_typed("decision", r)) for r in conn.execute(
        f"""SELECT {_columns('decision', 'd')} FROM decision AS d
            WHERE d.tension_id IN (SELECT t.id FROM tension AS t WHERE {_SHOWN}) ORDER BY d.id""", params)]

    linked = sorted({pid for x in tensions.values() for pid in x.priority_ids})
    priority_rows = [(_typed("priority", r[:-1], _NO_CREATED_AT), r[-1]) for r in conn.execute(
        f"""SELECT {_columns('priority', 'p', _NO_CREATED_AT)}, a.position FROM priority AS p
            LEFT JOIN session_priority AS a ON a.priority_id = p.id AND a.session_id = ?
            WHERE a.session_id IS NOT NULL OR p.quarter = ? OR p.id IN ({", ".join("?" * len(linked))})
            ORDER BY p.id""", (session_id, this.quarter, *linked))]
    priorities = {p.id: convert.priority(p) for p, _ in priority_rows}
    agenda = sorted(((p, pos) for p, pos in priority_rows if pos is not None), key=lambda r: (r[1], r[0].id))
    agenda.sort(key=lambda r: r[0].side, reverse=True)  # stable: each side keeps its list order

    return SessionSnapshot(
        session=convert.session(this), state=convert.scoring_state(this), steps=steps,
        plan=None if plan_row is None else convert.capacity_plan(_typed("capacity_plan", plan_row)),
        sessions=[convert.session(s) for s in sessions], leaders=_leaders(conn),
        criteria=list(criteria.values()), lens_weights=convert.lenses(weights), scores=scores,
        agenda=[priorities[p.id] for p, _ in agenda], priorities=priorities,
        tensions=list(tensions.values()), decisions=decisions)
