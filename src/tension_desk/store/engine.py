"""Opening the store: checks, backups, migrations, and the one engine with its connection pragmas.

The checks use the standard library's sqlite3 (read-only) before SQLAlchemy or Alembic are touched, so a
damaged store or one written by a newer version is reported without writing a byte to it.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.store.backup import make_backup

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

STORE_FILENAME = "tension-desk.sqlite3"
# Alembic revisions this version knows, oldest first; the last is the head. A test checks this against
# the migration scripts, so start-up can skip importing Alembic when the store is already at the head.
KNOWN_REVISIONS = ("0001", "0002")
HEAD_REVISION = KNOWN_REVISIONS[-1]
SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """A problem with the store, explained in one sentence a user can act on."""


class DamagedStoreError(StoreError):
    pass


class NewerStoreError(StoreError):
    pass


class ReadOnlyFolderError(StoreError):
    pass


def store_path(data_dir: Path) -> Path:
    return Path(data_dir) / STORE_FILENAME


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
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise DamagedStoreError(f"{path} is damaged (SQLite reports: {check[0] if check else 'no answer'}).")
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
            revision = row[0]
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
        raise DamagedStoreError(f"{path} is damaged ({exc}).") from exc
    return revision


def _enum_columns() -> dict[tuple[str, str], type]:
    from tension_desk.domain import model as m

    return {("leader", "role"): m.Side, ("priority", "side"): m.Side, ("priority", "status"): m.PriorityStatus,
            ("session", "status"): m.SessionStatus, ("tension", "status"): m.TensionStatus,
            ("criterion", "kind"): m.CriterionKind, ("score", "leader_role"): m.Side,
            ("decision", "status"): m.DecisionStatus}


def _bad_value(table: str, column, enums: dict) -> str | None:
    """An SQL test, true for a value the converters to domain objects would fail on (None: no test)."""
    from sqlalchemy import Boolean, Date, DateTime, Float, Integer

    c = f'"{column.name}"'
    if (table, column.name) in enums:
        allowed = ", ".join("'" + e.value.replace("'", "''") + "'" for e in enums[table, column.name])
        return f"{c} NOT IN ({allowed})"
    if column.name.endswith("_json"):
        return f"{c} != '' AND (json_valid({c}) = 0 OR json_type({c}) != 'object')"
    kind = column.type
    if isinstance(kind, DateTime):
        return f"{c} IS NOT NULL AND datetime({c}) IS NULL"
    if isinstance(kind, Date):
        return f"{c} IS NOT NULL AND date({c}, '+0 days') IS NOT {c}"
    if isinstance(kind, Boolean):
        return f"{c} IS NOT NULL AND {c} NOT IN (0, 1)"
    if isinstance(kind, Integer):
        return f"typeof({c}) NOT IN ('integer', 'null')"
    if isinstance(kind, Float):
        return f"typeof({c}) NOT IN ('integer', 'real', 'null')"
    return None


def _check_values(conn: sqlite3.Connection, path: Path) -> None:
    """Every table and column the app reads is there, and every value converts to a domain object:
    one scan per table, so a store that passes quick_check but holds a bad side, an impossible date or
    broken evidence JSON is reported at open, not as a crash later."""
    from sqlmodel import SQLModel

    import tension_desk.store.tables  # noqa: F401  (registers the tables)

    enums = _enum_columns()
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in present:
            raise DamagedStoreError(f"{path} is damaged (its table {table.name} is missing).")
        columns = {r[1] for r in conn.execute(f'PRAGMA table_info("{table.name}")')}
        tests = []
        for column in table.columns:
            if column.name not in columns:
                raise DamagedStoreError(f"{path} is damaged (the column {table.name}.{column.name} is missing).")
            test = _bad_value(table.name, column, enums)
            if test:
                tests.append((column.name, test))
        if not tests:
            continue
        found = conn.execute(f'SELECT {", ".join(f"max({t})" for _, t in tests)} FROM "{table.name}"').fetchone()
        for (name, _), bad in zip(tests, found, strict=True):
            if bad:
                raise DamagedStoreError(f"{path} is damaged ({table.name}.{name} holds a value Tension Desk "
                                        "cannot read).")


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 10})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # every connection, not just the first
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision with the migration scripts shipped in the package."""
    from importlib.resources import files

    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("tension_desk.store") / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _daily_backup(path: Path, data_dir: Path, warn) -> None:
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


def open_store(data_dir: Path, daily_backup: bool = True, warn=_warn_on_stderr) -> Engine:
    """Open (creating or upgrading) the store in ``data_dir`` and return its engine.

    An existing store at an older revision is backed up before it is migrated. Raises StoreError (one
    sentence) for a data folder that is not a writable folder and for a store that is not a sound store.
    """
    data_dir = Path(data_dir)
    prepare_data_dir(data_dir)
    path = store_path(data_dir)
    revision = inspect_store(path) if os.path.lexists(path) else None
    if revision is not None and revision != HEAD_REVISION:
        make_backup(path, data_dir, reason=f"before-migration-from-{revision}")
    elif revision is not None and daily_backup:
        _daily_backup(path, data_dir, warn)
    engine = make_engine(path)
    if revision != HEAD_REVISION:
        migrate(engine)
    _private_file(path)
    return engine
