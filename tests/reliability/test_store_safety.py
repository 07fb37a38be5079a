"""Damaged and newer stores, backups and restore, one app per store, privacy of files."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from tension_desk.store.engine import store_path


def cli(*args, data_dir):
    env = dict(os.environ, TENSION_DESK_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture(scope="module")
def sampled(tmp_path_factory):
    d = tmp_path_factory.mktemp("safety") / "data"
    assert cli("sample", data_dir=d).returncode == 0
    return d


def damage(path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif how == "truncated":
        path.write_bytes(bytes(data[: len(data) // 3]))
    elif how == "scribbled":  # a page in the middle overwritten; the header is intact
        page = 4096
        start = page * 3
        data[start:start + page] = os.urandom(page)
        path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["garbage", "truncated", "scribbled"])
def test_a_damaged_store_is_reported_in_one_line_and_never_modified(sampled, tmp_path, how):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    db = store_path(d)
    damage(db, how)
    before = db.read_bytes()
    r = cli("sessions", data_dir=d)
    print(f"{how}: exit {r.returncode}, said: {r.stderr.strip()}")
    assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert "damaged" in r.stderr or "not a Tension Desk store" in r.stderr
    assert db.read_bytes() == before


def test_a_store_from_a_newer_version_is_refused(sampled, tmp_path):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    con = sqlite3.connect(store_path(d))
    con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.commit()
    con.close()
    before = store_path(d).read_bytes()
    r = cli("sessions", data_dir=d)
    assert r.returncode != 0 and "newer version" in r.stderr
    assert store_path(d).read_bytes() == before


def test_backups_are_listed_and_restore_keeps_the_current_file(sampled, tmp_path):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    assert cli("sessions", data_dir=d).returncode == 0  # the daily backup on open
    listed = cli("backups", data_dir=d)
    assert listed.returncode == 0 and "daily" in listed.stdout
    name = listed.stdout.split()[-1]
    # change the store after the backup, then restore it
    con = sqlite3.connect(store_path(d))
    con.execute("UPDATE session SET title = 'changed after the backup'")
    con.commit()
    con.close()
    r = cli("restore", name, data_dir=d)
    assert r.returncode == 0, r.stderr
    assert "changed after the backup" not in cli("sessions", data_dir=d).stdout
    kept = [b for b in (d / "backups").iterdir() if "before-restore" in b.name]
    assert kept, "the replaced store was backed up first"
    con = sqlite3.connect(kept[0])
    assert con.execute("SELECT count(*) FROM session WHERE title = 'changed after the backup'").fetchone()[0] > 0
    con.close()
    bad = cli("restore", "no-such-backup.sqlite3", data_dir=d)
    assert bad.returncode != 0 and "no backup" in bad.stderr


def test_the_gui_offers_the_newest_backup_and_keeps_the_damaged_file(sampled, tmp_path, qapp, monkeypatch):
    from tension_desk.app import make_application, open_window_or_recover
    from tension_desk.ui.dialogs.damaged import RESTORE, StoreProblemDialog

    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    assert cli("sessions", data_dir=d).returncode == 0  # makes the daily backup
    damage(store_path(d), "garbage")
    damaged_bytes = store_path(d).read_bytes()
    asked = []
    monkeypatch.setattr(StoreProblemDialog, "ask", staticmethod(
        lambda parent, message, backup, details="": asked.append((message, backup)) or RESTORE))
    make_application()
    w = open_window_or_recover(d)
    try:
        assert asked and asked[0][1] is not None and "not a Tension Desk store" in asked[0][0]
        assert len(w.ctx.desk.sessions.list()) == 3
        aside = [p for p in d.iterdir() if ".damaged-" in p.name]
        assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    finally:
        w.ctx.desk.engine.dispose()
        w.close()
        w.deleteLater()


def hold_lock(d, who="app"):
    """Another process holding the store's lock as the running app does; kill() it to 'crash' it."""
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys\n"
        "from tension_desk.lock import acquire\n"
        f"lock = acquire({str(d)!r}, {who!r})\n"
        "print('locked' if lock else 'busy', flush=True)\n"
        "sys.stdin.read()\n")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def crash(holder) -> None:
    holder.kill()
    holder.wait()
    holder.stdout.close()
    holder.stdin.close()


def test_one_app_per_store_and_a_stale_lock_is_recovered(tmp_path, qapp):
    from tension_desk.app import acquire_store_lock

    d = tmp_path / "data"
    d.mkdir()
    holder = hold_lock(d)
    try:
        assert acquire_store_lock(d) is None, "a second app must not open a store in use"
    finally:
        crash(holder)  # the lock file stays behind
    assert (d / "tension-desk.lock").exists()
    lock = acquire_store_lock(d)
    assert lock is not None, "the stale lock of a crashed app is recovered"
    lock.unlock()


APP_HAS_IT = "tension-desk: the app has this store open; use File → Backups there"


def test_a_cli_restore_refuses_while_the_app_has_the_store_open_and_imports_run_beside_it(sampled, tmp_path):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    assert cli("sessions", data_dir=d).returncode == 0  # a daily backup to restore
    backup = next((d / "backups").iterdir()).name
    csv = tmp_path / "p.csv"
    csv.write_text("title,side\nNew one,product\n")
    workspace = tmp_path / "w.json"
    assert cli("export-workspace", "-o", workspace, data_dir=d).returncode == 0
    holder = hold_lock(d)
    files = {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()}
    try:
        r = cli("restore", backup, data_dir=d)  # it would replace the file under the app
        assert (r.returncode, r.stderr.strip()) == (1, APP_HAS_IT)
        assert {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()} == files
        assert cli("sessions", data_dir=d).returncode == 0, "reading is still fine"
        # transactions run beside the app, which picks them up (tests/ui/test_live_refresh.py)
        r = cli("import-csv", csv, "--session", 3, data_dir=d)  # November: open
        assert r.returncode == 0, r.stderr
        r = cli("import-workspace", workspace, data_dir=d)
        assert "the store is not empty" in r.stderr, "refused for what it is, not for the app"
    finally:
        crash(holder)
    r = cli("restore", backup, data_dir=d)
    assert r.returncode == 0, "a lock left by a crashed app does not block: " + r.stderr


def test_a_lock_file_naming_a_dead_process_does_not_block(sampled, tmp_path):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (d / "tension-desk.lock").write_text(f"{dead.stdout.strip()}\napp\n")
    r = cli("sample", data_dir=d)
    assert r.returncode == 0, r.stderr
    assert not (d / "tension-desk.lock").exists(), "the command's lock is gone when it ends"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_store_backups_and_exports_are_private(sampled, tmp_path):
    d = tmp_path / "data"
    shutil.copytree(sampled, d)
    assert cli("sessions", data_dir=d).returncode == 0
    out = tmp_path / "s.pdf"
    assert cli("export", "--session", 1, "--format", "pdf", "-o", out, data_dir=d).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o600
    for b in (d / "backups").iterdir():
        assert b.stat().st_mode & 0o777 == 0o600, b
    assert (d / "backups").stat().st_mode & 0o777 == 0o700


def test_restore_a_backup_from_the_file_menu(make_window, desk, leaders, monkeypatch, no_dialogs):
    import datetime as dt

    from tension_desk.store.backup import make_backup
    from tension_desk.ui.dialogs.backups import BackupsDialog

    desk.workspace.set_leaders(*leaders)
    desk.sessions.create("Before the backup", dt.date(2026, 11, 1))
    w = make_window()
    backup = make_backup(w.store_path, w.store_path.parent, reason="manual")
    desk.sessions.create("After the backup", dt.date(2026, 11, 8))
    w.refresh_sessions()
    assert len(w.session_model.session_ids()) == 2
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda cls, parent, data_dir: backup))
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(lambda *a, **k: True))
    w.backups_action.trigger()
    assert [s.title for s in w.ctx.desk.sessions.list()] == ["Before the backup"]
    assert len(w.session_model.session_ids()) == 1
    assert any("before-restore" in b.name for b in (w.store_path.parent / "backups").iterdir())
