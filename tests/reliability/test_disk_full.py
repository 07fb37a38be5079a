"""A full disk during import, export, backup, restore, an edit and an undo, on a real tiny tmpfs.

Every time: the store is intact and holds what it held before, the user was told (one line from the
command line, a dialog in the app), and in the app the undo stack still matches the store.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.store.engine import store_path

DISK_FULL = re.compile(r"(?i)disk is full|no space left|disk full|not enough (disk )?space")
# Room for SQLite's shared-memory file when a new process opens the store, not for a backup or an import.
SLACK = 64 * 1024
CSV_ROWS = 1000


def cli(*args, data_dir):
    env = dict(os.environ, TENSION_DESK_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def store_state(db: Path) -> tuple[str, list[str]]:
    """``PRAGMA integrity_check`` and every row of the store, to compare before and after a failure."""
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0], list(con.iterdump())
    finally:
        con.close()


def told_in_one_line(r) -> str:
    err = r.stderr.strip()
    assert r.returncode != 0, r.stdout
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "sqlalche.me" not in err, err
    assert DISK_FULL.search(err), err
    return err


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".partial", ".restoring")))


def empty_wal(engine) -> None:
    """Checkpoint the app's WAL to zero bytes, so its next write needs new space on the disk."""
    with engine.connect() as con:
        con.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.fixture(scope="module")
def sampled(tmp_path_factory):
    """The sample workspace with today's daily backup, made once and copied onto each tiny disk."""
    d = tmp_path_factory.mktemp("sampled") / "data"
    assert cli("sample", data_dir=d).returncode == 0
    assert cli("sessions", data_dir=d).returncode == 0  # takes today's daily backup
    return d


@pytest.fixture
def data_dir(data_dir, sampled, tiny_disk, monkeypatch):
    """The sample store on the tiny disk; the app's data dir (for ``desk`` and ``make_window``) and the CLI's."""
    d = tiny_disk.path / "data"
    shutil.copytree(sampled, d)
    monkeypatch.setenv("TENSION_DESK_DATA_DIR", str(d))
    return d


@pytest.fixture
def big_csv(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("title,side,effort_weeks\n" + "".join(f"Imported {i},product,1\n" for i in range(CSV_ROWS)))
    return path


@pytest.fixture
def dialogs(no_dialogs, monkeypatch):
    """The text of every error dialog the app shows."""
    from tension_desk.ui.errors import describe

    shown: list[str] = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: shown.append(describe(exc))))
    return shown


def assert_told_in_a_dialog(shown: list[str]) -> None:
    assert len(shown) == 1, shown
    assert DISK_FULL.search(shown[0]) and "sqlalche.me" not in shown[0] and "[SQL:" not in shown[0], shown[0]


# -- the command line ---------------------------------------------------------------------------------

def test_import_csv_on_a_full_disk_says_so_in_one_line_and_imports_nothing(data_dir, tiny_disk, big_csv):
    before = store_state(store_path(data_dir))
    tiny_disk.fill(leave=SLACK)
    r = cli("import-csv", big_csv, "--session", 3, data_dir=data_dir)
    tiny_disk.free()
    told_in_one_line(r)
    assert store_state(store_path(data_dir)) == before


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_export_to_a_full_disk_says_so_in_one_line_and_leaves_no_file(sampled, tmp_path, tiny_disk, fmt):
    data = tmp_path / "data"  # the store on a disk with room; the export onto the full one
    shutil.copytree(sampled, data)
    before = store_state(store_path(data))
    target = tiny_disk.path / f"record.{fmt}"
    tiny_disk.fill()
    r = cli("export", "--session", 2, "--format", fmt, "-o", target, data_dir=data)
    tiny_disk.free()
    told_in_one_line(r)
    assert sorted(p.name for p in tiny_disk.path.iterdir()) == []
    assert store_state(store_path(data)) == before


def test_a_daily_backup_that_does_not_fit_warns_and_the_command_still_runs(data_dir, tiny_disk):
    shutil.rmtree(data_dir / "backups")  # no backup yet today
    before = store_state(store_path(data_dir))
    tiny_disk.fill(leave=SLACK)
    r = cli("sessions", data_dir=data_dir)
    tiny_disk.free()
    assert r.returncode == 0, r.stderr
    assert "November tension session" in r.stdout
    warning = r.stderr.strip()
    assert len(warning.splitlines()) == 1 and "backup" in warning and "Traceback" not in warning, warning
    assert leftovers(data_dir) == []
    assert store_state(store_path(data_dir)) == before


@pytest.mark.parametrize("copies", [0, 1, 1.5])
def test_restore_on_a_full_disk_says_so_in_one_line_and_keeps_the_store(data_dir, tiny_disk, copies):
    """With room for no copy of the store, for one (the "before-restore" backup), and for one and a half."""
    db = store_path(data_dir)
    backup = next((data_dir / "backups").iterdir())
    con = sqlite3.connect(db)
    con.execute("UPDATE session SET title = 'changed after the backup' WHERE id = 1")
    con.commit()
    con.close()
    before = store_state(db)
    backups_before = sorted(p.name for p in (data_dir / "backups").iterdir())
    tiny_disk.fill(leave=SLACK + int(copies * db.stat().st_size))
    r = cli("restore", backup.name, data_dir=data_dir)
    tiny_disk.free()
    told_in_one_line(r)
    assert store_state(db) == before
    assert backup.name in sorted(p.name for p in (data_dir / "backups").iterdir())
    assert set(backups_before) <= {p.name for p in (data_dir / "backups").iterdir()}
    assert leftovers(data_dir) == []


# -- services -----------------------------------------------------------------------------------------

def test_a_service_import_on_a_full_disk_raises_and_leaves_the_store_as_it_was(desk, data_dir, tiny_disk, big_csv):
    from tension_desk.services.importing import import_priorities_csv, read_csv_file

    sid = 3
    parsed = read_csv_file(big_csv)
    before = store_state(store_path(data_dir))
    empty_wal(desk.engine)
    tiny_disk.fill()
    with pytest.raises(Exception, match=DISK_FULL):
        import_priorities_csv(desk, sid, parsed)
    tiny_disk.free()
    assert store_state(store_path(data_dir)) == before
    assert len(import_priorities_csv(desk, sid, parsed)) == CSV_ROWS  # the same Desk works once space is freed


# -- the app ------------------------------------------------------------------------------------------

@pytest.fixture
def open_app(make_window):
    """Open the app's window on the tiny disk (stopping its timers at the end: none may fire once it is gone)."""
    windows = []

    def open_window():
        windows.append(make_window())
        return windows[-1]

    yield open_window
    for w in windows:
        for timer in w.findChildren(QTimer):
            timer.stop()


@pytest.fixture
def window(open_app):
    w = open_app()
    w.select_session(3)  # the sample's live November session
    return w


def test_the_app_opens_on_a_full_disk_and_says_that_todays_backup_failed(data_dir, tiny_disk, open_app):
    from tension_desk.ui import commands as cmd

    shutil.rmtree(data_dir / "backups")  # no backup yet today
    before = store_state(store_path(data_dir))
    tiny_disk.fill(leave=SLACK)
    w = open_app()
    warnings = list(w.startup_warnings)  # run_gui shows each in a message box once the window is up
    tiny_disk.free()
    assert len(warnings) == 1 and "backup" in warnings[0] and DISK_FULL.search(warnings[0]), warnings
    assert leftovers(data_dir) == [] and store_state(store_path(data_dir)) == before
    w.select_session(3)
    assert w.ctx.run(w, cmd.AddPriorities, 3, [PriorityDraft("After the warning", Side.PRODUCT, effort_weeks=1)])
    assert "After the warning" in agenda_titles(w)


def agenda_titles(w) -> list[str]:
    return sorted(p.title for p in w.ctx.desk.priorities.agenda(w.session_view.session.id))


def test_an_edit_on_a_full_disk_shows_a_dialog_and_leaves_the_stack_and_the_store_as_they_were(
        window, data_dir, tiny_disk, dialogs):
    from tension_desk.ui import commands as cmd

    w, db = window, store_path(data_dir)
    before, titles = store_state(db), agenda_titles(window)
    empty_wal(w.ctx.desk.engine)
    tiny_disk.fill()
    done = w.ctx.run(w, cmd.AddPriorities, w.session_view.session.id,
                     [PriorityDraft("Written on a full disk", Side.PRODUCT, effort_weeks=1)])
    tiny_disk.free()
    assert done is None
    assert_told_in_a_dialog(dialogs)
    assert (w.ctx.undo_stack.count(), w.ctx.undo_stack.index()) == (0, 0)
    assert store_state(db) == before and agenda_titles(w) == titles
    # told and over: not kept as an unsaved change to retry (only an edit that could not reach a server is)
    assert "not saved" not in w.save_status.text() and not w.save_status.retry_button.isVisibleTo(w)


def test_an_undo_on_a_full_disk_shows_a_dialog_and_leaves_the_stack_where_the_store_is(
        window, data_dir, tiny_disk, dialogs):
    from tension_desk.ui import commands as cmd

    w, db, stack = window, store_path(data_dir), window.ctx.undo_stack
    sid = w.session_view.session.id
    assert w.ctx.run(w, cmd.AddPriorities, sid, [PriorityDraft("Added, then undone", Side.PRODUCT, effort_weeks=1)])
    before, titles = store_state(db), agenda_titles(w)
    empty_wal(w.ctx.desk.engine)
    tiny_disk.fill()
    w.undo_action.trigger()
    tiny_disk.free()
    assert_told_in_a_dialog(dialogs)
    assert stack.index() == 1 and "Added, then undone" in agenda_titles(w)  # the stack says: still there
    assert store_state(db) == before and agenda_titles(w) == titles
    w.undo_action.trigger()  # with room again, undo and redo work and nothing is duplicated
    assert stack.index() == 0 and "Added, then undone" not in agenda_titles(w)
    w.redo_action.trigger()
    assert stack.index() == 1 and agenda_titles(w).count("Added, then undone") == 1


def test_a_redo_on_a_full_disk_shows_a_dialog_and_leaves_the_stack_where_the_store_is(
        window, data_dir, tiny_disk, dialogs):
    from tension_desk.ui import commands as cmd

    w, db, stack = window, store_path(data_dir), window.ctx.undo_stack
    sid = w.session_view.session.id
    assert w.ctx.run(w, cmd.AddPriorities, sid, [PriorityDraft("Undone, then redone", Side.PRODUCT, effort_weeks=1)])
    w.undo_action.trigger()
    before, titles = store_state(db), agenda_titles(w)
    empty_wal(w.ctx.desk.engine)
    tiny_disk.fill()
    w.redo_action.trigger()
    tiny_disk.free()
    assert_told_in_a_dialog(dialogs)
    assert stack.index() == 0 and "Undone, then redone" not in agenda_titles(w)
    assert store_state(db) == before and agenda_titles(w) == titles
    w.redo_action.trigger()  # with room again, redo puts it back once
    assert stack.index() == 1 and agenda_titles(w).count("Undone, then redone") == 1


def test_a_csv_import_in_the_app_on_a_full_disk_shows_a_dialog_and_claims_nothing(
        window, data_dir, tiny_disk, dialogs, monkeypatch, no_dialogs, big_csv):
    w, db = window, store_path(data_dir)
    monkeypatch.setattr(no_dialogs, "ask_csv_file", staticmethod(lambda *a: str(big_csv)))
    before = store_state(db)
    empty_wal(w.ctx.desk.engine)
    tiny_disk.fill()
    w.import_action.trigger()
    tiny_disk.free()
    assert_told_in_a_dialog(dialogs)
    assert "Imported" not in w.statusBar().currentMessage()
    assert w.ctx.undo_stack.count() == 0 and store_state(db) == before


def test_an_export_from_the_app_to_a_full_disk_shows_a_dialog_and_leaves_no_file(
        window, data_dir, tiny_disk, dialogs, monkeypatch, no_dialogs):
    w, db = window, store_path(data_dir)
    w.select_session(2)  # October, closed: its record can be exported
    target = tiny_disk.path / "record.pdf"
    monkeypatch.setattr(no_dialogs, "ask_save_file", staticmethod(lambda *a: str(target)))
    before = store_state(db)
    tiny_disk.fill()
    w.export_actions["pdf"].trigger()
    tiny_disk.free()
    assert_told_in_a_dialog(dialogs)
    assert not target.exists() and leftovers(tiny_disk.path) == []
    assert store_state(db) == before


def test_a_restore_in_the_app_on_a_full_disk_shows_a_dialog_and_the_app_keeps_working(
        window, data_dir, tiny_disk, dialogs, monkeypatch, no_dialogs):
    from tension_desk.ui import commands as cmd
    from tension_desk.ui.dialogs.backups import BackupsDialog

    w, db = window, store_path(data_dir)
    sid = w.session_view.session.id
    assert w.ctx.run(w, cmd.AddPriorities, sid, [PriorityDraft("Kept", Side.PRODUCT, effort_weeks=1)])
    backup = next((data_dir / "backups").iterdir())
    monkeypatch.setattr(BackupsDialog, "ask", classmethod(lambda cls, *a: backup))
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(lambda *a: True))
    before = store_state(db)
    empty_wal(w.ctx.desk.engine)
    tiny_disk.fill()
    w.backups_action.trigger()
    tiny_disk.free()
    assert_told_in_a_dialog(dialogs)
    assert store_state(db) == before and leftovers(data_dir) == []
    assert w.ctx.undo_stack.index() == 1 and "Kept" in agenda_titles(w)
    w.undo_action.trigger()  # the stack still matches the store
    assert "Kept" not in agenda_titles(w)


# -- a disk with no room at all: never called damaged, never set aside ----------------------------------

def test_a_completely_full_disk_is_told_as_full_not_damaged_and_leaves_no_stray_files(data_dir, tiny_disk):
    db = store_path(data_dir)
    before = store_state(db)
    tiny_disk.fill()
    r = cli("sessions", data_dir=data_dir)
    files = sorted(p.name for p in data_dir.iterdir())
    tiny_disk.free()
    assert "damaged" not in told_in_one_line(r)
    assert files == ["backups", "tension-desk.sqlite3"], "no -wal or -shm left by the failed open"
    assert store_state(db) == before


def test_a_new_store_that_does_not_fit_is_told_and_leaves_no_empty_file(tiny_disk):
    from tension_desk.store.engine import StoreError, open_store

    d = tiny_disk.path / "new"
    d.mkdir()
    tiny_disk.fill()
    with pytest.raises(StoreError, match=DISK_FULL):
        open_store(d)
    tiny_disk.free()
    assert list(d.iterdir()) == [], "no 0-byte store that the next start would call damaged"


@pytest.mark.parametrize("lock_file", ["none yet", "left by an earlier run"])
def test_the_app_on_a_completely_full_disk_says_so_and_sets_nothing_aside(
        data_dir, tiny_disk, qapp, monkeypatch, lock_file):
    from tension_desk import app
    from tension_desk.ui.dialogs.damaged import StoreProblemDialog

    db = store_path(data_dir)
    if lock_file != "none yet":
        (data_dir / "tension-desk.lock").write_text("12345\napp\n")
    told, asked = [], []
    monkeypatch.setattr(app, "_tell", lambda parent, text, critical=True: told.append(text))
    monkeypatch.setattr(StoreProblemDialog, "ask", staticmethod(lambda *a: asked.append(a)))
    before = store_state(db)
    tiny_disk.fill()
    code = app.run_gui(str(data_dir))
    files = sorted(p.name for p in data_dir.iterdir())
    tiny_disk.free()
    assert code == 1 and asked == [], "a healthy store on a full disk is not offered as damaged"
    assert len(told) == 1 and DISK_FULL.search(told[0]) and "damaged" not in told[0], told
    assert files == ["backups", "tension-desk.sqlite3"]
    assert store_state(db) == before


def test_restoring_over_a_damaged_store_on_a_full_disk_says_so_and_moves_nothing(data_dir, tiny_disk, qapp,
                                                                                 monkeypatch):
    """The damaged-store dialog's "Restore": the backup's copy does not fit, so the damaged file stays where it
    was (the next start offers the dialog again) and every backup is kept; one line says why."""
    from tension_desk import app
    from tension_desk.ui.dialogs.damaged import RESTORE, StoreProblemDialog

    db = store_path(data_dir)
    db.write_bytes(b"this is not a database\n" * 100)
    damaged = db.read_bytes()
    backups = {p.name: p.read_bytes() for p in (data_dir / "backups").iterdir()}
    told, offered = [], []
    monkeypatch.setattr(app, "_tell", lambda parent, text, critical=True: told.append(text))
    monkeypatch.setattr(StoreProblemDialog, "ask", staticmethod(lambda parent, message, backup, details="":
                                                                offered.append(backup) or RESTORE))
    tiny_disk.fill(leave=SLACK)
    code = app.run_gui(str(data_dir))
    tiny_disk.free()
    assert code == 1 and len(offered) == 1 and offered[0] is not None
    assert len(told) == 1 and "\n" not in told[0] and DISK_FULL.search(told[0]), told
    assert "nothing was changed" in told[0] and "Traceback" not in told[0]
    assert db.read_bytes() == damaged and not [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert {p.name: p.read_bytes() for p in (data_dir / "backups").iterdir()} == backups
    assert leftovers(data_dir) == []
