"""SIGTERM (a logout, ``kill``) closes the app like closing its window: the store is closed cleanly, its WAL
folded in, and nothing is left beside it (the SQLite file's business). On a shared workspace, a command
terminated in the middle of its transaction leaves nothing half-written on the server."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from sqlalchemy import create_engine

from tension_desk.store.engine import open_store, store_path

# The app as `tension-desk` starts it; once its window is shown and the event loop runs, it gets a SIGTERM.
APP = """
import os, signal, sys
from PySide6.QtCore import QTimer
from tension_desk import app
from tension_desk.ui.main_window import MainWindow

app._tell = lambda *a, **k: None
shown = MainWindow.showEvent
def show_then_terminate(self, event):
    shown(self, event)
    QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGTERM))
MainWindow.showEvent = show_then_terminate
sys.exit(app.run_gui(sys.argv[1]))
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_sigterm_closes_the_app_and_the_store_cleanly(data_dir):
    from tension_desk.services.desk import Desk
    from tension_desk.services.sample import add_sample

    engine = open_store(data_dir)
    add_sample(Desk(engine))
    engine.dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", APP, str(data_dir)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, f"ended by {r.returncode}: {r.stderr}"
    assert "Traceback" not in r.stderr, r.stderr
    assert sorted(p.name for p in data_dir.iterdir()) == ["backups", store_path(data_dir).name], \
        "no -wal, -shm or lock file is left behind"


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])  # test_crash_safety SIGKILLs at random moments as well
def test_a_cli_import_ended_mid_transaction_on_a_shared_workspace_leaves_no_half_import(sig, tmp_path,
                                                                                       pg_workspace_url):
    env = dict(os.environ, TENSION_DESK_DATA_DIR=str(tmp_path / "data"), TENSION_DESK_STORE=pg_workspace_url)
    cli = [sys.executable, "-m", "tension_desk"]
    session = subprocess.run([*cli, "sample"], env=env, capture_output=True, text=True, check=True).stdout.split()[-1]
    csv = tmp_path / "many.csv"
    csv.write_text("title,side,effort_weeks\n" + "".join(f"Imported {i},product,1\n" for i in range(800)))
    server = create_engine(pg_workspace_url)
    try:
        with server.connect() as watch:
            before = watch.exec_driver_sql("SELECT count(*) FROM priority").scalar_one()
            with server.connect() as holder, holder.begin():
                # the import inserts its priorities, then waits here to put them on the agenda: mid-transaction
                holder.exec_driver_sql("LOCK TABLE session_priority IN EXCLUSIVE MODE")
                p = subprocess.Popen([*cli, "import-csv", str(csv), "--session", session], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                waiting = ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL")
                while p.poll() is None and not watch.exec_driver_sql(waiting).scalar_one():
                    watch.rollback()  # a new snapshot of pg_stat_activity
                p.send_signal(getattr(signal, sig))
                out, err = p.communicate(timeout=120)
            assert p.returncode == -getattr(signal, sig), f"the import was not in its transaction: {out} {err}"
            assert "Traceback" not in err
            r = subprocess.run([*cli, "import-csv", str(csv), "--session", session], env=env, capture_output=True,
                               text=True, timeout=120)  # the server let go of the terminated one's locks
            assert r.returncode == 0 and "imported 800 priorities" in r.stdout, r.stderr
            watch.rollback()
            assert watch.exec_driver_sql("SELECT count(*) FROM priority").scalar_one() == before + 800
    finally:
        server.dispose()
