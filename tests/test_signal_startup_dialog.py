"""SIGTERM (a logout) or Ctrl-C while a start-up dialog is open (the damaged-store dialog before the window, a
start-up warning once it is shown) ends the app as cleanly as in its event loop: the store closed, the lock
released, the window's place saved. The app runs in a process of its own (run_gui in the test process leaves
later windows unable to become active)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from tension_desk.store.engine import LOCK_FILENAME, store_path

# The app as ``tension-desk`` starts it, saying on stdout when a dialog is shown (the test's cue for the signal).
CHILD = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog
from tension_desk import app

class Shown(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            print("shown", type(watched).__name__, flush=True)
        return False

shown = Shown()
app.make_application().installEventFilter(shown)
sys.exit(app.run_gui(sys.argv[1]))
"""

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")


def _end_while_a_dialog_is_up(data_dir, tmp_path, sig):
    """Start the app, send ``sig`` once a dialog is on screen; its exit code and stderr."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               TENSION_DESK_LOG_DIR=str(tmp_path / "logs"))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("shown"), line
        child.send_signal(getattr(signal, sig))
        _out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return child.returncode, err


def test_sigterm_during_the_damaged_store_dialog_ends_the_app_with_the_store_as_it_was(sample_dir, tmp_path):
    store = store_path(sample_dir)
    store.write_bytes(b"SQLite format 3\x00" + b"\x01" * 8192)  # damaged: the dialog asks what to do
    damaged = store.read_bytes()
    code, err = _end_while_a_dialog_is_up(sample_dir, tmp_path, "SIGTERM")
    assert code == 0 and "Traceback" not in err, (code, err)
    assert store.read_bytes() == damaged, "the store is neither restored nor set aside: nothing was chosen"
    assert sorted(p.name for p in sample_dir.iterdir()) == [store.name], "the lock is released"


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_signal_during_a_start_up_warning_closes_the_window_and_the_store_cleanly(sample_dir, tmp_path, sig):
    """Today's backup could not be made (its folder is a file): the window opens and says so in a dialog."""
    (sample_dir / "backups").write_text("not a folder")
    code, err = _end_while_a_dialog_is_up(sample_dir, tmp_path, sig)
    assert code == 0 and "Traceback" not in err, (code, err)
    assert sorted(p.name for p in sample_dir.iterdir()) == ["backups", store_path(sample_dir).name], \
        "no -wal, -shm or lock file is left behind"
    assert LOCK_FILENAME not in os.listdir(sample_dir)
    view = (tmp_path / "config" / "tension-desk" / "view.ini").read_text(encoding="utf-8")
    assert "[window]" in view and "size=" in view, "the window's place is saved, as on a normal quit"
