"""Opening the store: checks, backups, migrations, and the one engine with its connection pragmas.

The checks use the standard library's sqlite3 (read-only) before SQLAlchemy or Alembic are touched, so a
damaged store or one written by a newer version is reported without writing a byte to it.
"""
from __future__ import annotations

import enum
import os
import sqlite3
import sys
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.store.backup import backups_dir, make_backup
from tension_desk.store.schema import COLUMNS, Kind
from tension_desk.store.url import StoreUrlError, parse_store_url, shown_url

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine
    from sqlalchemy.pool import ConnectionPoolEntry

STORE_FILENAME = "tension-desk.sqlite3"
BUSY_TIMEOUT_S = 10  # how long a connection waits for another one's write to end
LOCK_FILENAME = "tension-desk.lock"  # beside the store: held by the app and by commands that write (lock.py)
# Alembic revisions this version knows, oldest first; the last is the head. A test checks this against
# the migration scripts, so start-up can skip importing Alembic when the store is already at the head.
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")
HEAD_REVISION = KNOWN_REVISIONS[-1]
SQLITE_HEADER = b"SQLite format 3\x00"
# The page cache of the connection that checks a store at open (quick_check, then one scan per table): each page
# is read once, so SQLite's default 2 MB cache would only hold pages no one reads again, in the app's peak memory.
CHECK_CACHE_KIB = 256
# Advisory lock keys (pg_advisory_xact_lock) on a workspace server: its schema migrating; a check-then-write.
MIGRATION_LOCK = 0x7464_6D67
WRITE_LOCK = 0x7464_7772


class StoreError(Exception):
    """A problem with the store, explained in one sentence a user can act on; ``details``: the technical report
    behind it, if any (SQLite's own, several lines), for the dialog's "Show details"."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


def trouble(reason: BaseException | str, path: Path | str | None = None,
            not_done: str = "nothing was changed") -> StoreError:
    """The store's trouble in its one line, however it was met (a quick read, a read or a write through the ORM):
    which store (``path``, where it is known), what happened (the driver's words, on one line, without
    SQLAlchemy's statement and link) and what was not done."""
    words = " ".join(str(reason).split()) or type(reason).__name__
    return StoreError(f"the store {f'{path} ' if path else ''}could not be used: {words}; {not_done}.")


class DamagedStoreError(StoreError):
    pass


class NewerStoreError(StoreError):
    pass


class ReadOnlyFolderError(StoreError):
    pass


@contextmanager
def store_errors() -> Iterator[None]:
    """SQLAlchemy's OperationalError met in the block (a locked or full store, a server that went away) becomes
    a StoreError in the driver's own words, without SQLAlchemy's statement and link, so the entry points
    catch the store's own errors and never import SQLAlchemy (nor does this: a block that did not load it
    cannot have raised its errors, and a command reading a sealed record needs none of it)."""
    try:
        yield
    except Exception as exc:
        sqlalchemy_errors = sys.modules.get("sqlalchemy.exc")
        if sqlalchemy_errors is None or not isinstance(exc, sqlalchemy_errors.OperationalError):
            raise
        raise store_problem(getattr(exc, "orig", None) or exc) from exc


def store_problem(detail: BaseException) -> StoreError:
    """The driver's error met on an open store (locked, full, a server gone), in its own words."""
    return StoreError(f"the store could not be changed: {detail}")


def store_path(data_dir: Path) -> Path:
    return Path(data_dir) / STORE_FILENAME


def store_files_in(data_dir: Path) -> list[Path]:
    """What an export must never replace in a data folder: the store with its WAL, SHM and journal, every copy
    set aside (``*.damaged-*``, ``*.newer-*``), the lock file, and the backups folder (``backups/shared`` too)."""
    db = store_path(data_dir)
    return [db, *(Path(f"{db}{suffix}") for suffix in ("-wal", "-shm", "-journal")),
            *sorted(Path(data_dir).glob(f"{db.name}.*")), Path(data_dir) / LOCK_FILENAME, backups_dir(data_dir)]


# engine -> the data folder it was opened from
_data_dirs: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()


def local_data_dir(engine: Engine) -> Path | None:
    """This machine's data folder behind ``engine`` (for a shared workspace too: its backups and settings are
    there); None for an engine on a server that ``open_store`` did not open."""
    found = _data_dirs.get(engine)
    if found is None and engine.url.get_backend_name() == "sqlite" and engine.url.database:
        return Path(engine.url.database).parent
    return found


def prepare_data_dir(data_dir: Path) -> None:
    """The data folder exists and can be written. A folder the app creates is 0700; an existing folder
    keeps its mode (it may be shared). Raises StoreError when it is not a folder or is read-only."""
    data_dir = Path(data_dir)
    if os.path.lexists(data_dir):
        if not data_dir.is_dir():
            raise StoreError(f"the data folder {data_dir} is not a folder; give --data-dir a folder or a new path.")
    else:
        try:
            data_dir.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {data_dir}: {exc.strerror or exc}.") from None
        if os.name == "posix":
            os.chmod(data_dir, 0o700)
    if not os.access(data_dir, os.W_OK | os.X_OK):
        raise ReadOnlyFolderError(f"the data folder {data_dir} is read-only; Tension Desk needs to write there "
                                  "(make it writable, or choose another --data-dir).")


def _not_a_store_file(path: Path) -> str | None:
    """Why ``path`` cannot hold a store (a folder, a dangling link, a FIFO …), or None for a regular file."""
    if path.is_symlink() and not path.exists():
        return f"{path} is a link to {os.readlink(path)}, which does not exist."
    if path.is_dir():
        return f"{path} is a folder, not a store file."
    if not path.is_file():
        return f"{path} is not a regular file (a FIFO, socket or device), so it cannot be a store."
    if path.stat().st_size == 0:
        return f"{path} is empty (0 bytes), so it holds no store."
    return None


def inspect_store(path: Path) -> str | None:
    """Check an existing store read-only; return its Alembic revision (None for an SQLite file without
    tables). A store at the head revision also has its values checked (see ``_check_values``).

    Raises DamagedStoreError or NewerStoreError; never writes to the file.
    """
    why = _not_a_store_file(path)
    if why:
        raise DamagedStoreError(why)
    with open(path, "rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DamagedStoreError(f"{path} is not a Tension Desk store (it is not an SQLite database).")
    created = _new_companions(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            conn.execute(f"PRAGMA cache_size=-{CHECK_CACHE_KIB}")
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise DamagedStoreError(f"{path} is damaged (SQLite's check of the file found errors).",
                                        details=check[0] if check else "SQLite gave no answer to its check.")
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_version:
                tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                if tables:
                    raise DamagedStoreError(f"{path} is an SQLite file, but not a Tension Desk store.")
                return None
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if row is None:
                raise DamagedStoreError(f"{path} is damaged (its schema version, alembic_version, is empty).")
            revision: str = row[0]
            if revision not in KNOWN_REVISIONS:
                raise NewerStoreError(
                    f"{path} was written by a newer version of Tension Desk (schema {revision}); "
                    "update the app to open it."
                )
            if revision == HEAD_REVISION:
                _check_values(conn, path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        created()
        raise _sqlite_problem(path, exc) from exc
    except StoreError:
        created()
        raise
    return revision


def _new_companions(path: Path) -> Callable[[], None]:
    """Note which of the store's -wal and -shm exist now; the returned function removes the ones that
    appeared since (an open that failed leaves no stray files; a WAL that was there, with its data, stays)."""
    before = {p for p in (Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")) if os.path.lexists(p)}

    def remove() -> None:
        for p in (Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
            if p not in before:
                p.unlink(missing_ok=True)
    return remove


# SQLite's primary result codes that prove the file's bytes are not a sound database. Any other failure (a full
# disk, an I/O error, no permission) says nothing about the store, so it is never called damaged nor set aside.
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 11, 13, 26


def disk_is_full(path: Path) -> bool:
    """Less than a page of room left on the file system that holds ``path``."""
    try:
        st = os.statvfs(path)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


def _sqlite_problem(path: Path, exc: BaseException) -> StoreError:
    """An SQLite error met while opening ``path``, as one sentence: DamagedStoreError only when SQLite says
    the bytes are not a sound database; a full disk or an I/O error leaves the store alone."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DamagedStoreError(f"{path} is damaged ({exc}).")
    if code == _SQLITE_FULL or disk_is_full(path.parent):
        return StoreError(f"cannot open {path}: the disk is full; free some space and try again "
                          "(the store was left as it is).")
    return StoreError(f"cannot open {path} ({exc}); the store was left as it is.")


def _enum_columns() -> dict[tuple[str, str], tuple[str, ...]]:
    """The text columns that hold one of a few values, and those values."""
    from tension_desk.domain import model as m
    from tension_desk.domain.script import StepKind

    def values(kind: type[enum.Enum]) -> tuple[str, ...]:
        return tuple(e.value for e in kind)

    return {("leader", "role"): values(m.Side), ("priority", "side"): values(m.Side),
            ("priority", "status"): values(m.PriorityStatus), ("session", "status"): values(m.SessionStatus),
            ("session", "scoring_turn"): ("", *values(m.Side)),  # "": nobody's scores are masked
            ("tension", "status"): values(m.TensionStatus), ("criterion", "kind"): values(m.CriterionKind),
            ("score", "leader_role"): values(m.Side), ("decision", "status"): values(m.DecisionStatus),
            ("session_step", "kind"): values(StepKind)}


def _evidence_shape(c: str) -> str:
    """An SQL test, true for frozen evidence the documents cannot print: ``priorities`` not a list of objects
    whose figures are numbers, ``capacity`` not an object of numbers, ``frozen_on`` not a date."""
    number = "('integer', 'real', 'null')"
    figures = " OR ".join(f"json_type(value, '$.{k}') NOT IN {number}" for k in
                          ("total_product", "total_engineering", "combined", "divergence", "rank"))
    capacity = " OR ".join(f"json_type({c}, '$.capacity.{k}') NOT IN {number}" for k in
                           ("total_weeks", "accepted_product_weeks", "accepted_engineering_weeks"))
    return (f"json_type({c}, '$.priorities') NOT IN ('array', 'null')"
            f" OR EXISTS (SELECT 1 FROM json_each({c}, '$.priorities') WHERE type != 'object' OR {figures})"
            f" OR json_type({c}, '$.capacity') NOT IN ('object', 'null')"
            f" OR json_type({c}, '$.capacity.fits') NOT IN ('true', 'false', 'null') OR {capacity}"
            f" OR json_type({c}, '$.frozen_on') NOT IN ('text', 'null')"
            f" OR date(json_extract({c}, '$.frozen_on'), '+0 days') IS NOT json_extract({c}, '$.frozen_on')")


def _bad_value(table: str, name: str, kind: Kind, enums: dict[tuple[str, str], tuple[str, ...]]) -> str | None:
    """An SQL test, true for a value of the column ``name`` (holding ``kind``, store/schema.py) that the
    converters to domain objects would fail on (None: no test)."""
    c = f'"{name}"'
    if (table, name) in enums:
        allowed = ", ".join("'" + v.replace("'", "''") + "'" for v in enums[table, name])
        return f"{c} NOT IN ({allowed})"
    if name == "quarter":
        return f"{c} NOT GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'"
    if name == "evidence_json":
        return (f"CASE WHEN {c} = '' THEN 0 WHEN json_valid({c}) = 0 OR json_type({c}) != 'object' THEN 1 "
                f"ELSE {_evidence_shape(c)} END")  # the shape only of valid JSON (json_type fails on the rest)
    if name.endswith("_json"):
        return f"{c} != '' AND (json_valid({c}) = 0 OR json_type({c}) != 'object')"
    return {"datetime": f"{c} IS NOT NULL AND datetime({c}) IS NULL",
            "date": f"{c} IS NOT NULL AND date({c}, '+0 days') IS NOT {c}",
            "bool": f"{c} IS NOT NULL AND {c} NOT IN (0, 1)",
            "int": f"typeof({c}) NOT IN ('integer', 'null')",
            "float": f"typeof({c}) NOT IN ('integer', 'real', 'null')"}.get(kind)


def _check_values(conn: sqlite3.Connection, path: Path) -> None:
    """Every table and column the app reads is there, and every value converts to a domain object:
    one scan per table, so a store that passes quick_check but holds a bad side, an impossible date or
    broken evidence JSON is reported at open, not as a crash later. The tables and columns are
    store/schema.py's (plain data, checked against store/tables.py by a test): no ORM is imported here."""
    enums = _enum_columns()
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table, schema_columns in COLUMNS:
        if table not in present:
            raise DamagedStoreError(f"{path} is damaged (its table {table} is missing).")
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        tests = []
        for column, kind in schema_columns:
            if column not in columns:
                raise DamagedStoreError(f"{path} is damaged (the column {table}.{column} is missing).")
            test = _bad_value(table, column, kind, enums)
            if test:
                tests.append((column, test))
        if not tests:
            continue
        found = conn.execute(f'SELECT {", ".join(f"max({t})" for _, t in tests)} FROM "{table}"').fetchone()
        for (name, _), bad in zip(tests, found, strict=True):
            if bad:
                raise DamagedStoreError(f"{path} is damaged ({table}.{name} holds a value Tension Desk "
                                        "cannot read).")


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:  # every connection
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cur.close()

    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision with the migration scripts shipped in the package.

    On PostgreSQL the whole upgrade is one transaction under an advisory lock, so two laptops opening an
    empty (or older) workspace at once take turns: the second finds the schema at the head and does nothing."""
    from importlib.resources import files

    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("tension_desk.store") / "migrations"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            _check_server_revision(conn, shown_url(engine.url))  # another laptop may have upgraded meanwhile
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _daily_backup(path: Path, data_dir: Path, warn: Callable[[str], None]) -> None:
    """Once a day on open, a consistent copy of the store in backups/. A backup that fails (disk full, an
    unwritable backups folder) is reported through ``warn`` and the store opens without it."""
    import datetime as dt

    from tension_desk.store.backup import backups_dir, list_backups

    today = dt.date.today()
    try:
        if not any(b.taken_at.date() == today for b in list_backups(data_dir)):
            make_backup(path, data_dir, reason="daily")
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        warn(f"today's backup could not be made in {backups_dir(data_dir)} ({reason}); "
             "the store opened without it.")


def _warn_on_stderr(message: str) -> None:
    import sys

    print(f"tension-desk: warning: {message}", file=sys.stderr)


def _private_file(path: Path) -> None:
    """The store and its WAL files: readable by their owner only (also a store copied in by hand)."""
    if os.name != "posix":
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if p.is_file() and p.stat().st_mode & 0o777 != 0o600:
                os.chmod(p, 0o600)
        except OSError:  # not ours to change (another owner): reading it still works
            pass


def _server_problem(exc: Exception, url: URL) -> StoreError:
    """A failed connection to a workspace server, as one sentence a user can act on."""
    detail = str(getattr(exc, "orig", None) or exc).strip()
    where = f"the shared workspace {shown_url(url)}"
    pgpass = "Tension Desk never stores a password: put it in ~/.pgpass, PGPASSWORD or a pg_service.conf entry"
    if "password authentication failed" in detail:
        return StoreError(f"cannot open {where}: the server refused the password of {url.username or 'this user'} "
                          f"({pgpass}).")
    if "no password supplied" in detail:
        return StoreError(f"cannot open {where}: the server asks for a password ({pgpass}).")
    if url.database and f'database "{url.database}" does not exist' in detail:
        return StoreError(f"cannot open {where}: the server has no database {url.database} "
                          f"(create it with: createdb {url.database}).")
    first = detail.splitlines()[0] if detail else type(exc).__name__
    return StoreError(f"cannot reach {where}: {first.removeprefix('connection failed: ')}")


def _check_server_revision(conn: Connection, where: str) -> str | None:
    """The workspace's schema revision (None for an empty database); raises DamagedStoreError for a database
    that holds something else, NewerStoreError for a schema this version does not know."""
    from sqlalchemy import inspect, text

    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names:
        if names:
            raise DamagedStoreError(f"the database {where} is not a Tension Desk workspace (it holds other "
                                    "tables); give an empty database or a workspace.")
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    if row is None:
        raise DamagedStoreError(f"the workspace {where} is damaged (its schema version, alembic_version, is empty).")
    if row[0] not in KNOWN_REVISIONS:
        raise NewerStoreError(f"the workspace {where} needs a newer version of Tension Desk (schema {row[0]}; "
                              f"this version knows up to {HEAD_REVISION}); update the app to open it.")
    return str(row[0])


def begin_on_server(conn: Connection, write: bool) -> None:
    """The server's form of sqlite3's ``BEGIN`` / ``BEGIN IMMEDIATE``, as the first statement of a transaction:
    one snapshot for several reads (REPEATABLE READ), or, for a check and the writes that depend on it, the
    workspace's write lock (an advisory lock held to the end of the transaction)."""
    if write:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    else:
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def advance_sequences(conn: Connection) -> None:
    """After rows were inserted with their ids (a workspace import, a copy), each PostgreSQL id sequence moves
    past the largest id, so the next new row does not take a copied one's id. Nothing to do on SQLite."""
    if conn.dialect.name != "postgresql":
        return
    from sqlmodel import SQLModel

    import tension_desk.store.tables  # noqa: F401  (registers the tables)

    for table in SQLModel.metadata.sorted_tables:
        if [c.name for c in table.primary_key.columns] == ["id"]:
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                 f'coalesce(max(id), 0) + 1, false) FROM "{table.name}"')


def make_server_engine(url_text: str) -> Engine:
    """An engine on a workspace server (psycopg 3); connections are checked before use, so one dropped by a
    server restart is replaced rather than failing the next edit."""
    from sqlalchemy import create_engine

    from tension_desk.store import notify

    engine = create_engine(parse_store_url(url_text), pool_pre_ping=True,
                           connect_args={"connect_timeout": 10, "application_name": "tension-desk",
                                         # times are stored as UTC wall time (timestamp without time zone), as
                                         # on SQLite: a server or database set to another zone must not shift them
                                         "options": "-c timezone=UTC"})
    notify.install(engine)  # every transaction tells the other laptops what it changed (LISTEN/NOTIFY)
    _quiet_driver()
    return engine


def _quiet_driver() -> None:
    """psycopg logs, as warnings, the errors it ignores while another is raised: above all, when the server
    refuses one row of a batch (executemany, sent in pipeline mode), the rows queued behind it coming back
    aborted ("error ignored terminating <psycopg.Pipeline ...>: pipeline aborted"). The refusal itself is raised
    and reported in one line; with no handler of its own, Python would print the echo on stderr beside it."""
    import logging

    driver_log = logging.getLogger("psycopg")
    if not driver_log.handlers:
        driver_log.addHandler(logging.NullHandler())


def open_server_store(url_text: str) -> Engine:
    """Open (creating or upgrading) the workspace in a PostgreSQL database and return its engine.

    Raises StoreError (one sentence) for a URL, server, login or database that cannot be used."""
    from sqlalchemy.exc import DBAPIError

    try:
        engine = make_server_engine(url_text)
    except StoreUrlError as exc:
        raise StoreError(str(exc)) from None
    where = shown_url(engine.url)
    try:
        with engine.connect() as conn:
            revision = _check_server_revision(conn, where)
        if revision != HEAD_REVISION:
            migrate(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise _server_problem(exc, engine.url) from None
    except StoreError:
        engine.dispose()
        raise
    return engine


def open_store(data_dir: Path, daily_backup: bool = True, warn: Callable[[str], None] = _warn_on_stderr,
               url: str | None = None) -> Engine:
    """Open (creating or upgrading) the store in ``data_dir`` and return its engine; with ``url``, the shared
    workspace on that server instead (``data_dir`` still holds this machine's backups and settings).

    An existing store at an older revision is backed up before it is migrated. Raises StoreError (one
    sentence) for a data folder that is not a writable folder and for a store that is not a sound store.
    """
    if url is None:
        return open_checked(check_local_store(data_dir, daily_backup, warn))
    data_dir = Path(data_dir)
    prepare_data_dir(data_dir)
    engine = open_server_store(url)
    _data_dirs[engine] = data_dir
    return engine


@dataclass(frozen=True)
class CheckedStore:
    """This machine's store after the checks ``open_store`` makes before its engine (``check_local_store``)."""

    data_dir: Path
    path: Path
    existed: bool
    revision: str | None  # None: no store yet, or an SQLite file without tables

    @property
    def at_head(self) -> bool:
        """Ready to read as it is: no migration to run."""
        return self.revision == HEAD_REVISION


def check_local_store(data_dir: Path, daily_backup: bool = True,
                      warn: Callable[[str], None] = _warn_on_stderr) -> CheckedStore:
    """What ``open_store`` does to this machine's store before it makes an engine: the data folder prepared,
    the store checked read-only (``inspect_store``) and, at the head revision, today's backup made and the file
    kept private. A reader that needs no ORM (store/sealed.py) starts here, so it meets the same errors."""
    data_dir = Path(data_dir)
    prepare_data_dir(data_dir)
    path = store_path(data_dir)
    existed = os.path.lexists(path)
    revision = inspect_store(path) if existed else None
    if revision == HEAD_REVISION:
        if daily_backup:
            _daily_backup(path, data_dir, warn)
        _private_file(path)
    return CheckedStore(data_dir, path, existed, revision)


def open_checked(store: CheckedStore) -> Engine:
    """The engine on a store ``check_local_store`` checked; one not at the head is created or upgraded first."""
    if store.at_head:
        engine = make_engine(store.path)
    else:
        engine = _create_or_upgrade(store.path, store.data_dir, store.revision, store.existed)
        _private_file(store.path)
    _data_dirs[engine] = store.data_dir
    return engine


def _create_or_upgrade(path: Path, data_dir: Path, revision: str | None, existed: bool) -> Engine:
    """Create the store, or back it up and migrate it. On failure (a full disk) nothing is left half made:
    a store that did not exist is removed again, an existing one keeps its old revision (one transaction)."""
    from sqlalchemy.exc import DBAPIError

    created = _new_companions(path)
    engine = None
    try:
        if revision is not None:
            make_backup(path, data_dir, reason=f"before-migration-from-{revision}")
        engine = make_engine(path)
        migrate(engine)
    except (OSError, sqlite3.Error, DBAPIError) as exc:
        if engine is not None:
            engine.dispose()
        created()
        if not existed:  # the failed transaction wrote nothing: the file is the empty shell of a new store
            path.unlink(missing_ok=True)
        raise _sqlite_problem(path, getattr(exc, "orig", None) or exc) from None
    return engine
