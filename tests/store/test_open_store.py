"""Opening a store that is not sound: one clear line on the command line, the damaged-store dialog in the
app (restore the newest backup, or set the file aside), never a traceback and never a silent empty store."""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest

from tension_desk.store.backup import make_backup
from tension_desk.store.engine import DamagedStoreError, StoreError, open_store, store_path


def cli(*args, data_dir=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("TENSION_DESK_DATA_DIR", None)
    extra = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return subprocess.run([sys.executable, "-m", "tension_desk", *extra, *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


def one_line_error(r) -> str:
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


@pytest.fixture(scope="module")
def sampled(tmp_path_factory):
    """A sample store with one backup of it (the backup is sound: the tests damage only the store)."""
    from tension_desk.services.desk import Desk
    from tension_desk.services.sample import add_sample

    d = tmp_path_factory.mktemp("open") / "data"
    engine = open_store(d, daily_backup=False)
    add_sample(Desk(engine))
    engine.dispose()
    make_backup(store_path(d), d, reason="daily")
    return d


def execute(db, sql: str) -> None:
    con = sqlite3.connect(db)
    assert con.execute(sql).rowcount != 0 or sql.startswith(("DROP", "DELETE")), sql
    con.commit()
    con.close()


def as_directory(db):
    db.unlink()
    db.mkdir()


def as_dangling_link(db):
    db.unlink()
    db.symlink_to(db.parent / "gone" / "tension-desk.sqlite3")


def as_fifo(db):
    db.unlink()
    os.mkfifo(db)


DAMAGES = {
    "a folder": as_directory,
    "a dangling link": as_dangling_link,
    "a FIFO": as_fifo,
    "zero bytes": lambda db: db.write_bytes(b""),
    "empty alembic_version": lambda db: execute(db, "DELETE FROM alembic_version"),
    "an invalid session date": lambda db: execute(db, "UPDATE session SET date = '2026-13-45' WHERE id = 1"),
    "a bad side": lambda db: execute(db, "UPDATE priority SET side = 'marketing' WHERE id = 1"),
    "bad evidence JSON": lambda db: execute(db, "UPDATE decision SET evidence_json = '{broken'"),
    "a missing table": lambda db: execute(db, "DROP TABLE capacity_ledger"),
    "an impossible time of creation": lambda db: execute(
        db, "UPDATE session SET created_at = '2026-13-45 99:00:00' WHERE id = 1"),
    "a quarter that is not one": lambda db: execute(db, "UPDATE session SET quarter = 'nonsense' WHERE id = 1"),
    "a scoring turn of nobody": lambda db: execute(db, "UPDATE session SET scoring_turn = 'bogus' WHERE id = 1"),
    "evidence of the wrong shape": lambda db: execute(
        db, """UPDATE decision SET evidence_json = '{"priorities": 5}'"""),
    "evidence with a word for a figure": lambda db: execute(
        db, """UPDATE decision SET evidence_json = '{"priorities": [{"title": "x", "combined": "high"}]}'"""),
}
if os.name != "posix":
    DAMAGES.pop("a FIFO")


@pytest.fixture(params=list(DAMAGES))
def damaged(request, sampled, tmp_path):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    DAMAGES[request.param](store_path(d))
    return d


def test_open_store_refuses_a_store_that_is_not_sound_in_one_line(damaged):
    with pytest.raises(DamagedStoreError, match=re.escape(str(store_path(damaged)))) as caught:
        open_store(damaged)
    assert "\n" not in str(caught.value)


def test_the_cli_says_what_is_wrong_in_one_line(damaged):
    line = one_line_error(cli("sessions", data_dir=damaged))
    assert str(store_path(damaged)) in line


def test_the_app_offers_the_damaged_store_dialog_and_restores_the_backup(damaged, qapp, monkeypatch):
    from tension_desk.app import make_application, open_window_or_recover
    from tension_desk.ui.dialogs.damaged import RESTORE, StoreProblemDialog

    asked = []
    monkeypatch.setattr(StoreProblemDialog, "ask", staticmethod(
        lambda parent, message, backup, details="": asked.append((message, backup)) or RESTORE))
    make_application()
    w = open_window_or_recover(damaged)
    try:
        assert len(asked) == 1 and asked[0][1] is not None and "\n" not in asked[0][0]
        assert len(w.ctx.desk.sessions.list()) == 3
        assert [p for p in damaged.iterdir() if ".damaged-" in p.name], "the damaged store is kept aside"
    finally:
        w.ctx.desk.engine.dispose()
        w.close()
        w.deleteLater()


@pytest.mark.parametrize("content", [b"", b"this is not a database\n" * 10])
def test_restore_refuses_an_empty_or_foreign_backup_and_keeps_the_store(sampled, tmp_path, content):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    before = store_path(d).read_bytes()
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    line = one_line_error(cli("restore", bad, data_dir=d))
    assert "empty" in line or "not an SQLite database" in line
    assert store_path(d).read_bytes() == before
    with pytest.raises(DamagedStoreError, match=r"empty|not an SQLite database"):
        from tension_desk.store.recovery import restore_backup

        restore_backup(d, bad)
    assert store_path(d).read_bytes() == before


def test_a_data_dir_that_is_a_regular_file_is_refused(tmp_path, qapp, monkeypatch):
    from tension_desk import app

    f = tmp_path / "notes.txt"
    f.write_text("mine")
    assert "is not a folder" in one_line_error(cli("sessions", data_dir=f))
    told = []
    monkeypatch.setattr(app, "_tell", lambda parent, text, critical=True: told.append(text))
    assert app.run_gui(str(f)) == 1
    assert len(told) == 1 and "is not a folder" in told[0]
    assert f.read_text() == "mine"


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_an_existing_folder_keeps_its_mode_and_an_existing_store_becomes_private(sampled, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    shutil.copy(store_path(sampled), store_path(shared))
    os.chmod(store_path(shared), 0o644)
    assert cli("sessions", data_dir=shared).returncode == 0
    assert shared.stat().st_mode & 0o7777 == 0o1777, "an existing folder is not ours to chmod"
    assert store_path(shared).stat().st_mode & 0o777 == 0o600
    new = tmp_path / "new" / "data"
    assert cli("sessions", data_dir=new).returncode == 0
    assert new.stat().st_mode & 0o777 == 0o700 and store_path(new).stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in shared.iterdir()) == ["backups", "tension-desk.sqlite3"], "no stray files"


@pytest.fixture
def mounted(tmp_path):
    """Mount helpers for real read-only folders and full disks (root only: skipped, saying why, otherwise)."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a read-only folder or a tiny tmpfs needs root")
    mounts = []

    def mount(*args):
        r = subprocess.run(["mount", *map(str, args)], capture_output=True, text=True)
        if r.returncode:
            pytest.skip(f"cannot mount here: {r.stderr.strip()}")
        mounts.append(args[-1])

    yield mount
    for target in reversed(mounts):
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_a_read_only_data_folder_is_called_read_only(sampled, tmp_path, mounted, qapp, monkeypatch):
    from tension_desk import app

    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    mounted("--bind", d, d)
    mounted("-o", "remount,bind,ro", d)
    line = one_line_error(cli("sessions", data_dir=d))
    assert "read-only" in line and str(d) in line
    assert "read-only" in one_line_error(cli("sample", data_dir=d))
    told = []
    monkeypatch.setattr(app, "_tell", lambda parent, text, critical=True: told.append(text))
    assert app.run_gui(str(d)) == 1
    assert len(told) == 1 and "read-only" in told[0] and "already open" not in told[0]


def test_a_full_disk_stops_only_the_daily_backup(sampled, tmp_path, mounted, qapp):
    from tension_desk.app import build_window, make_application

    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    shutil.rmtree(d / "backups")
    (d / "backups").mkdir()
    mounted("-t", "tmpfs", "-o", "size=48k", "tmpfs", d / "backups")  # smaller than the store
    r = cli("sessions", data_dir=d)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3, r.stderr
    assert "backup could not be made" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert list((d / "backups").iterdir()) == [], "no .partial file is left behind"
    make_application()
    w = build_window(d)
    try:
        assert len(w.ctx.desk.sessions.list()) == 3
        assert len(w.startup_warnings) == 1 and "backup could not be made" in w.startup_warnings[0]
    finally:
        w.ctx.desk.engine.dispose()
        w.close()
        w.deleteLater()
    assert list((d / "backups").iterdir()) == []


def test_an_unwritable_backups_folder_warns_and_the_store_opens(sampled, tmp_path):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    shutil.rmtree(d / "backups")
    (d / "backups").write_text("not a folder")
    r = cli("sessions", data_dir=d)
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3
    assert "backup could not be made" in r.stderr


def test_open_store_error_is_a_store_error(tmp_path):
    f = tmp_path / "file"
    f.write_text("")
    with pytest.raises(StoreError, match="is not a folder"):
        open_store(f)
