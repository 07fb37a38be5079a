"""SIGTERM (a logout, ``kill``) closes the app like closing its window: the store is closed cleanly, its WAL
folded in, and nothing is left beside it."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

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
