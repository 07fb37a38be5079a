"""Restoring backups: a restore never deletes the backup it restores, nor the daily backups behind it.

The embedded store's backups are copies of its SQLite file (SQLite-only). A shared workspace's daily backup is a
workspace JSON in the local data dir, which goes back into an empty workspace on either store (``new_store``)."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from tension_desk.store.backup import KEEP, backups_dir, copy_database, list_backups
from tension_desk.store.engine import open_store, store_path


def cli(*args, data_dir):
    env = dict(os.environ, TENSION_DESK_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def title_in(db) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT title FROM session").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def twenty_days(data_dir):
    """A store and KEEP daily backups of it from the past KEEP days, each holding the session 'day N'."""
    from tension_desk.services.desk import Desk

    engine = open_store(data_dir, daily_backup=False)
    Desk(engine).sessions.create("today", dt.date(2026, 11, 1))
    engine.dispose()
    folder = backups_dir(data_dir)
    folder.mkdir(exist_ok=True)
    db = store_path(data_dir)
    names = []
    for n in range(1, KEEP + 1):  # day 1 is the oldest
        con = sqlite3.connect(db)
        con.execute("UPDATE session SET title = ?", (f"day {n}",))
        con.commit()
        con.close()
        stamp = (dt.datetime(2026, 10, 1, 9) + dt.timedelta(days=n)).strftime("%Y%m%d-%H%M%S")
        copy_database(db, folder / f"tension-desk-{stamp}-daily.sqlite3")
        names.append(f"tension-desk-{stamp}-daily.sqlite3")
    con = sqlite3.connect(db)
    con.execute("UPDATE session SET title = 'today'")
    con.commit()
    con.close()
    assert len(list_backups(data_dir)) == KEEP
    return names


def test_the_cli_restores_the_oldest_of_twenty_backups_and_keeps_it(data_dir, twenty_days):
    oldest = twenty_days[0]
    r = cli("restore", oldest, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert title_in(store_path(data_dir)) == "day 1"
    assert (backups_dir(data_dir) / oldest).exists(), "the restored backup is still there"
    names = {b.path.name for b in list_backups(data_dir)}
    assert set(twenty_days) <= names, "no daily backup was pushed out by the restore"
    assert any("before-restore" in n for n in names)
    assert sorted(os.listdir(data_dir)) == ["backups", "tension-desk.sqlite3"], "no -wal, -shm, lock or temp file"
    assert all(n.endswith(".sqlite3") for n in os.listdir(backups_dir(data_dir))), os.listdir(backups_dir(data_dir))


def test_file_backups_restores_the_oldest_of_twenty_backups_and_keeps_it(data_dir, twenty_days):
    from tension_desk.services.desk import Desk
    from tension_desk.services.maintenance import restore_into

    desk = Desk(open_store(data_dir, daily_backup=False))
    try:
        oldest = backups_dir(data_dir) / twenty_days[0]
        restore_into(desk.unit, data_dir, oldest)
        assert [s.title for s in desk.sessions.list()] == ["day 1"]
        assert oldest.exists()
        assert set(twenty_days) <= {b.path.name for b in list_backups(data_dir)}
    finally:
        desk.engine.dispose()


def test_stepping_back_through_twenty_daily_backups_restores_every_one(data_dir, twenty_days):
    from tension_desk.store.recovery import resolve_backup, restore_backup

    for n, name in reversed(list(enumerate(twenty_days, start=1))):  # the newest first, back to the oldest
        restore_backup(data_dir, resolve_backup(data_dir, name))
        assert title_in(store_path(data_dir)) == f"day {n}"
    names = [b.path.name for b in list_backups(data_dir)]
    assert set(twenty_days) <= set(names)
    assert sum("before-restore" in n for n in names) == KEEP, "the newest 20 before-restore backups are kept"


def test_restoring_a_before_restore_backup_undoes_a_restore(data_dir, twenty_days):
    assert cli("restore", twenty_days[5], data_dir=data_dir).returncode == 0
    before = next(b.path for b in list_backups(data_dir) if b.reason == "before-restore")
    r = cli("restore", before.name, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert title_in(store_path(data_dir)) == "today"
    assert before.exists()


def test_restore_refuses_an_sqlite_file_that_holds_no_store_and_keeps_the_store(data_dir, twenty_days, tmp_path):
    from tension_desk.store.engine import StoreError
    from tension_desk.store.recovery import newest_backup, restore_backup

    empty = tmp_path / "emptydb.sqlite3"  # a valid SQLite file without a single table
    con = sqlite3.connect(empty)
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    db = store_path(data_dir)
    before = db.read_bytes()
    r = cli("restore", empty, data_dir=data_dir)
    assert r.returncode != 0 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "not a Tension Desk store" in r.stderr
    with pytest.raises(StoreError, match="not a Tension Desk store"):
        restore_backup(data_dir, empty)
    assert db.read_bytes() == before and title_in(db) == "today"
    newest = max(backups_dir(data_dir).iterdir())
    newest.rename(newest.with_name("tension-desk-20991231-000000-daily.sqlite3"))
    newest.with_name("tension-desk-20991231-000000-daily.sqlite3").write_bytes(empty.read_bytes())
    assert newest_backup(data_dir).name == twenty_days[-2], "the damaged-store dialog never offers it"


def test_a_shared_workspaces_daily_backup_goes_back_into_an_empty_workspace_on_either_store(tmp_path, pg_url,
                                                                                          new_store):
    laptop, shared = tmp_path / "laptop", ["--store", pg_url]
    assert cli(*shared, "sample", data_dir=laptop).returncode == 0  # its daily backup was taken on open: empty
    [first] = (laptop / "backups" / "shared").iterdir()
    yesterday = f"{dt.date.today() - dt.timedelta(days=1):%Y%m%d}"
    first.rename(first.with_name(first.name.replace(f"{dt.date.today():%Y%m%d}", yesterday)))
    sessions = cli(*shared, "sessions", "--json", data_dir=laptop)  # opened the next day: a backup with the sample
    assert sessions.returncode == 0, sessions.stderr
    daily = max((laptop / "backups" / "shared").glob("workspace-*-daily.json"))
    assert yesterday not in daily.name
    listed = cli(*shared, "backups", data_dir=laptop)
    assert listed.returncode == 0 and daily.name in listed.stdout
    refused = cli(*shared, "restore", daily.name, data_dir=laptop)  # not a copy of a local store's file
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
    assert "import-workspace" in refused.stderr and "Traceback" not in refused.stderr
    target, elsewhere = new_store(), tmp_path / "elsewhere"
    r = cli(*target, "import-workspace", daily, data_dir=elsewhere)
    assert r.returncode == 0, r.stderr
    back = cli(*target, "sessions", "--json", data_dir=elsewhere)
    assert back.returncode == 0 and json.loads(back.stdout) == json.loads(sessions.stdout) != []
