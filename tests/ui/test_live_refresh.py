"""Live on every screen: an edit made elsewhere (another laptop on the shared workspace, a command-line import
into the embedded store) appears in the open window by itself, within a second or so."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from tension_desk.domain.model import Leader, PriorityDraft, Side
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store
from tension_desk.ui import commands as cmd


def titles(window, side=Side.PRODUCT):
    model = window.session_view.priorities.panels[side].model
    return [model.priority(r).title for r in range(model.rowCount())]


def cli(*args, data_dir):
    env = {**os.environ, "TENSION_DESK_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def november(data_dir, leaders):
    """A workspace with leaders and an open November session; returns a function that seeds one on a store."""
    def seed(url=None) -> int:
        engine = open_store(data_dir, url=url)
        try:
            desk = Desk(engine)
            desk.workspace.set_leaders(*leaders)
            session = desk.sessions.create("November", dt.date(2026, 11, 5))
            desk.priorities.add(session.id, PriorityDraft("Usage-based billing", Side.PRODUCT))
            return session.id
        finally:
            engine.dispose()
    return seed


@pytest.fixture
def open_window(qtbot, no_dialogs):
    """A window on a store (not shown: nothing asks a question), closed and disposed at the end."""
    from tension_desk.app import build_window, make_application

    make_application()
    windows = []

    def make(data_dir, url=None):
        w = build_window(data_dir, url)
        qtbot.addWidget(w)
        windows.append(w)
        return w

    yield make
    from PySide6.QtCore import QTimer

    for w in windows:
        w.close()
        for timer in w.findChildren(QTimer):  # nothing reads the database once the test has dropped it
            timer.stop()
        w.ctx.desk.engine.dispose()


@pytest.fixture
def app_lock(data_dir):
    """The store's lock, held as the running app holds it for as long as it runs."""
    from tension_desk.app import acquire_store_lock

    lock = acquire_store_lock(data_dir)
    assert lock is not None
    yield lock
    lock.unlock()


def test_a_cli_import_into_the_embedded_store_appears_in_the_open_window(open_window, november, data_dir, tmp_path,
                                                                         qtbot, app_lock):
    session_id = november()
    w = open_window(data_dir)
    w.select_session(session_id)
    assert titles(w) == ["Usage-based billing"]
    csv = tmp_path / "more.csv"
    csv.write_text("title,side\nDark mode,product\nKill the cron box,engineering\n", encoding="utf-8")
    r = cli("import-csv", csv, "--session", session_id, data_dir=data_dir)  # another process
    assert r.returncode == 0, r.stderr
    qtbot.waitUntil(lambda: titles(w) == ["Usage-based billing", "Dark mode"], timeout=5000)
    assert titles(w, Side.ENGINEERING) == ["Kill the cron box"]


def test_an_edit_on_one_laptop_appears_on_the_other(pg_url, open_window, november, tmp_path, qtbot):
    session_id = november(pg_url)
    ours = open_window(tmp_path / "laptop-1", pg_url)  # two app contexts: two engines, two data dirs
    theirs = open_window(tmp_path / "laptop-2", pg_url)
    for w in (ours, theirs):
        w.select_session(session_id)
        assert titles(w) == ["Usage-based billing"]  # the Priorities tab built (on first use) before the edit
    changed = []
    ours.ctx.notifier.agenda_changed.connect(changed.append)
    theirs.ctx.run(theirs, cmd.AddPriorities, session_id, [PriorityDraft("Dark mode", Side.PRODUCT)])
    assert titles(theirs) == ["Usage-based billing", "Dark mode"]
    qtbot.waitUntil(lambda: titles(ours) == ["Usage-based billing", "Dark mode"], timeout=5000)
    assert changed == [session_id], "the other laptop refreshed the session whose rows changed, once"
    theirs.ctx.run(theirs, cmd.SetLeaders, Leader(Side.PRODUCT, "Maya Chen", "Chief Product Officer"),
                   Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    qtbot.waitUntil(lambda: "Maya Chen (Chief Product Officer)" in
                    ours.session_view.priorities.panels[Side.PRODUCT].heading.text(), timeout=5000)
    assert changed == [session_id], "a laptop is not told of its own edits"


def test_an_import_by_another_process_appears_on_the_shared_screen(pg_url, open_window, november, tmp_path, qtbot):
    session_id = november(pg_url)
    w = open_window(tmp_path / "laptop", pg_url)
    w.select_session(session_id)
    csv = tmp_path / "more.csv"
    csv.write_text("title,side\nKill the cron box,engineering\n", encoding="utf-8")
    r = cli("--store", pg_url, "import-csv", csv, "--session", session_id, data_dir=tmp_path / "other-laptop")
    assert r.returncode == 0, r.stderr
    qtbot.waitUntil(lambda: titles(w, Side.ENGINEERING) == ["Kill the cron box"], timeout=5000)


def test_a_restore_and_a_command_writing_beside_the_app_never_meet(november, data_dir, app_lock):
    """While a command writes beside the app, the app's File → Backups refuses to replace the store (and the other
    way round), saying why; nothing is changed."""
    from tension_desk.store.backup import make_backup
    from tension_desk.store.engine import StoreError, store_path
    from tension_desk.store.recovery import restore_backup
    from tension_desk.store.writers import writing

    november()
    backup = make_backup(store_path(data_dir), data_dir, reason="manual")
    before = store_path(data_dir).read_bytes()
    with writing(data_dir), pytest.raises(StoreError, match="a tension-desk command is writing to this store"):
        restore_backup(data_dir, backup)
    assert store_path(data_dir).read_bytes() == before
    with (writing(data_dir, restore=True), pytest.raises(StoreError, match="a backup is being restored"),
          writing(data_dir)):
        pass
    with writing(data_dir):  # once the restore is over, writing goes on
        pass
    assert not list(data_dir.glob("*.writers")), "the last one out leaves no lock file behind"
