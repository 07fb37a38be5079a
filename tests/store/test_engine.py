"""The store: created by migrations, pragmas on every connection, checks before anything is written."""
from __future__ import annotations

import sqlite3

import pytest

from tension_desk.store.backup import list_backups
from tension_desk.store.engine import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    DamagedStoreError,
    NewerStoreError,
    open_store,
    store_path,
)


def test_known_revisions_match_the_migration_scripts():
    from importlib.resources import files

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(files("tension_desk.store") / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == HEAD_REVISION
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == list(KNOWN_REVISIONS)


def test_a_new_store_is_created_at_head_with_every_table(data_dir):
    engine = open_store(data_dir)
    engine.dispose()
    con = sqlite3.connect(store_path(data_dir))
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"leader", "priority", "session", "session_priority", "tension", "tension_priority", "criterion",
            "session_criterion", "score", "decision", "capacity_plan", "capacity_ledger", "alembic_version"} <= tables
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    con.close()


def test_every_connection_has_the_safety_pragmas(data_dir):
    engine = open_store(data_dir)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    engine.dispose()


def test_a_consistent_backup_is_taken_once_a_day_on_open(data_dir, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.engine.dispose()
    open_store(data_dir).dispose()
    open_store(data_dir).dispose()
    backups = list_backups(data_dir)
    assert [b.reason for b in backups] == ["daily"]
    con = sqlite3.connect(backups[0].path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM leader").fetchone()[0] == 2
    con.close()


def test_an_older_store_is_backed_up_before_it_is_migrated(data_dir, monkeypatch):
    from tension_desk.store import engine as eng

    open_store(data_dir).dispose()
    # Pretend the app knows one more (later) revision, so the existing store is "older".
    monkeypatch.setattr(eng, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "9999"))
    monkeypatch.setattr(eng, "HEAD_REVISION", "9999")
    migrated = []
    monkeypatch.setattr(eng, "migrate", lambda engine: migrated.append(engine))
    eng.open_store(data_dir, daily_backup=False).dispose()
    assert migrated, "the migration ran"
    backups = list_backups(data_dir)
    assert len(backups) == 1 and f"before-migration-from-{HEAD_REVISION}" in backups[0].reason
    con = sqlite3.connect(backups[0].path)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    con.close()


def test_garbage_is_reported_and_never_modified(data_dir):
    data_dir.mkdir(parents=True)
    path = store_path(data_dir)
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(DamagedStoreError, match="not a Tension Desk store"):
        open_store(data_dir)
    assert path.read_bytes() == before


def test_a_store_from_a_newer_version_is_refused_untouched(data_dir):
    open_store(data_dir).dispose()
    path = store_path(data_dir)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num='9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerStoreError, match="newer version"):
        open_store(data_dir)
    assert path.read_bytes() == before


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX permissions")
def test_store_and_folder_are_private_to_the_owner(data_dir):
    open_store(data_dir).dispose()
    assert (data_dir.stat().st_mode & 0o777) == 0o700
    assert (store_path(data_dir).stat().st_mode & 0o777) == 0o600
