"""Live changes between laptops: what each transaction changed, told to the others (no Qt here).

On a workspace server every transaction that wrote something sends, in the same transaction (so it is delivered
on commit, and never for a rollback), ``NOTIFY tension_desk, '<json>'`` with the tables it wrote, the row ids and
session ids it named, and the origin (this engine), so a laptop can ignore its own. ``Listener`` is the other
end: a dedicated autocommit connection that LISTENs; the ui watches its socket and calls ``read``.

On the embedded SQLite store, ``DataVersion`` tells a change committed by another process (a command-line
import while the app is open) with ``PRAGMA data_version`` on a dedicated read-only connection.
"""
from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import uuid
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import Connection, Engine

CHANNEL = "tension_desk"
_PENDING = "tension_desk.changes"  # the key, in a connection's info, of what its open transaction wrote
_MAX_IDS = 200  # a NOTIFY payload must stay under 8000 bytes: beyond this many ids, only the tables are told
_SESSION_KEY = re.compile(r"^session_id(_\d+)?$")
_ID_KEY = re.compile(r"^id(_\d+)?$")
_origins: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


@dataclass
class Change:
    """What one or more transactions changed. ``sessions`` empty: the session is not known (or all of them)."""

    tables: set[str] = field(default_factory=set)
    ids: dict[str, set[int]] = field(default_factory=dict)
    sessions: set[int] = field(default_factory=set)
    origin: str = ""
    everything: bool = False  # not known what changed (another process on SQLite, a reconnect): refresh all

    def merge(self, other: Change) -> None:
        self.tables |= other.tables
        for table, ids in other.ids.items():
            self.ids.setdefault(table, set()).update(ids)
        self.sessions |= other.sessions
        self.everything = self.everything or other.everything

    def payload(self) -> str:
        ids = {t: sorted(v) for t, v in self.ids.items()}
        if sum(map(len, ids.values())) + len(self.sessions) > _MAX_IDS:
            return json.dumps({"origin": self.origin, "tables": sorted(self.tables), "everything": True})
        return json.dumps({"origin": self.origin, "tables": sorted(self.tables), "ids": ids,
                           "sessions": sorted(self.sessions)})

    @classmethod
    def from_payload(cls, text: str) -> Change:
        """A change from a notification; one that cannot be read counts as 'everything changed'."""
        try:
            data = json.loads(text)
            return cls(tables=set(data.get("tables", ())), origin=str(data.get("origin", "")),
                       ids={t: {int(i) for i in v} for t, v in data.get("ids", {}).items()},
                       sessions={int(s) for s in data.get("sessions", ())},
                       everything=bool(data.get("everything", False)))
        except (ValueError, TypeError, AttributeError):
            return cls(everything=True)


def _ints(value: Any) -> Iterable[int]:
    values = value if isinstance(value, list | tuple | set) else (value,)
    return (v for v in values if isinstance(v, int) and not isinstance(v, bool))


def _record(conn: Connection, clauseelement: Any, multiparams: Any, params: Any) -> None:
    """Note the table, ids and session ids an INSERT, UPDATE or DELETE names, for the NOTIFY at commit."""
    table = getattr(getattr(clauseelement, "table", None), "name", None)
    if not getattr(clauseelement, "is_dml", False) or table is None or table == "alembic_version":
        return
    change = conn.info.setdefault(_PENDING, Change())
    change.tables.add(table)
    rows: list[dict[str, Any]] = []
    for p in (*(multiparams or ()), params):
        rows.extend(p if isinstance(p, list | tuple) else [p] if isinstance(p, dict) else [])
    with contextlib.suppress(Exception):  # a construct only its own dialect compiles: the table alone is told
        rows.append(clauseelement.compile().params)  # the values bound in the statement and its WHERE clause
    for row in rows:
        for key, value in row.items():
            if _SESSION_KEY.match(key) or (table == "session" and _ID_KEY.match(key)):
                change.sessions.update(_ints(value))
            if _ID_KEY.match(key):
                change.ids.setdefault(table, set()).update(_ints(value))


def install(engine: Engine) -> str:
    """Make every transaction on ``engine`` (a PostgreSQL engine) tell the others what it wrote; returns this
    engine's origin, which its own listener ignores."""
    from sqlalchemy import event

    origin = uuid.uuid4().hex
    _origins[engine] = origin

    @event.listens_for(engine, "before_execute")
    def _before_execute(conn: Connection, clauseelement: Any, multiparams: Any, params: Any, _options: Any) -> None:
        _record(conn, clauseelement, multiparams, params)

    @event.listens_for(engine, "commit")
    def _commit(conn: Connection) -> None:  # before the DBAPI commit: the NOTIFY is part of the transaction
        change = conn.info.pop(_PENDING, None)
        if change is None:
            return
        change.origin = origin
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None  # a connection that is committing is open
        cur = dbapi.cursor()  # the driver's own cursor: no statement event again
        try:
            cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, change.payload()))
        finally:
            cur.close()

    @event.listens_for(engine, "rollback")
    def _rollback(conn: Connection) -> None:
        conn.info.pop(_PENDING, None)

    return origin


def origin_of(engine: Engine) -> str | None:
    """The origin ``install`` gave ``engine`` (None: its transactions send nothing)."""
    return _origins.get(engine)


class Listener:
    """A connection that LISTENs on the workspace's channel. ``fileno`` is its socket, readable when a
    notification (or the server closing the connection) arrives; ``read`` never blocks.

    ``connect`` may run on another thread (it can wait seconds for a host that does not answer) while the owner
    goes on; ``close`` is final, and a connection that a ``connect`` under way makes after it is closed at once."""

    def __init__(self, engine: Engine):
        self._engine = engine
        self._origin = origin_of(engine)
        self._conn: psycopg.Connection[Any] | None = None
        self._guard = threading.Lock()  # the connection, between a connecting thread and the owner's
        self._closed = False

    def connect(self) -> int:
        """Open the connection and LISTEN; returns its socket. Raises ConnectionError when the server cannot be
        reached, or the listener was closed meanwhile."""
        import psycopg

        self._drop()
        _args, kwargs = self._engine.dialect.create_connect_args(self._engine.url)
        kwargs.setdefault("connect_timeout", 5)
        try:
            conn = psycopg.connect(**kwargs, autocommit=True)
        except psycopg.Error as exc:
            raise ConnectionError(str(exc)) from None
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            conn.close()
            raise ConnectionError(str(exc)) from None
        with self._guard:
            if self._closed:
                conn.close()
                raise ConnectionError("the listener was closed")
            self._conn = conn
            return conn.fileno()

    def read(self) -> Change:
        """The changes other laptops made that have arrived (an empty Change when none). Raises ConnectionError
        when the connection is lost (the server restarted)."""
        import psycopg

        if self._conn is None or self._conn.closed:
            raise ConnectionError("not listening")
        change = Change()
        try:
            for note in self._conn.notifies(timeout=0, stop_after=None):
                got = Change.from_payload(note.payload)
                if got.origin != self._origin:
                    change.merge(got)
        except psycopg.OperationalError as exc:
            self._drop()
            raise ConnectionError(str(exc)) from None
        if self._conn.closed or self._conn.broken:
            self._drop()
            raise ConnectionError("the server closed the connection")
        return change

    def _drop(self) -> None:
        """Close the connection (a later ``connect`` opens another)."""
        with self._guard:
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def close(self) -> None:
        """Stop listening for good (again is nothing)."""
        with self._guard:
            self._closed = True
        self._drop()


class DataVersion:
    """Tells a commit by another process to an SQLite store. This app's own commits (on ``engine``) are not
    counted: the baseline moves past them as they return their connection."""

    def __init__(self, engine: Engine | None, path: Path):
        """``engine`` None: the app has no engine yet (services/first_frame.py), so no commit of its own to count
        out until ``attach`` gives it one."""
        self._conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._seen = self._version()
        self._foreign = False
        self._own = False
        self._engine: Engine | None = None
        self._closed = False
        if engine is not None:
            self.attach(engine)

    def attach(self, engine: Engine) -> None:
        """Count out the commits made on ``engine`` (this app's own) from now on."""
        from sqlalchemy import event

        self._engine = engine
        event.listen(engine, "commit", self._before_own_commit)
        event.listen(engine, "checkin", self._after_own_commit)

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _before_own_commit(self, _conn: Connection) -> None:
        # our write transaction holds SQLite's write lock: no one else commits until ours is done. Run inside
        # the engine's commit and checkin, these two never raise: a store file replaced under the app (not a
        # database now) is the commit's own error, in the store's words, or the next poll's; an error here
        # would escape SQLAlchemy's wrapping (an unexpected error) after the commit was made.
        try:
            if self._version() != self._seen:
                self._foreign = True
        except sqlite3.Error:
            self._foreign = True  # cannot tell: the next poll reads again
        self._own = True

    def _after_own_commit(self, *_args: Any) -> None:
        if self._own:
            self._own = False
            try:
                self._seen = self._version()
            except sqlite3.Error:
                self._foreign = True  # the next poll reads again (and says why, if it still cannot)

    def changed(self) -> bool:
        """True once for every poll after which another process committed."""
        version = self._version()
        foreign, self._foreign = self._foreign or version != self._seen, False
        self._seen = version
        return foreign

    def close(self) -> None:
        """Stop watching (again is nothing)."""
        from sqlalchemy import event

        if self._closed:
            return
        self._closed = True
        if self._engine is not None:
            event.remove(self._engine, "commit", self._before_own_commit)
            event.remove(self._engine, "checkin", self._after_own_commit)
        self._conn.close()
