"""Issue 15, figure 5: the C heap's free pages are handed back (glibc's malloc_trim) once the window is built and
once the ORM has loaded behind it; a no-op where glibc is missing."""
from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from tension_desk import desktop

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_free_memory_is_handed_back_on_glibc_and_what_is_held_stays_intact():
    kept = [str(i) * 10 for i in range(100_000)]
    freed = [bytes(1000) for _ in range(10_000)]
    del freed
    assert desktop.release_free_memory() is True
    assert desktop.release_free_memory() is True  # again: harmless
    assert kept[99_999] == "99999" * 10 and len(kept) == 100_000


@pytest.mark.parametrize("where", ["darwin", "win32"])
def test_nothing_is_trimmed_where_there_is_no_glibc(monkeypatch, where):
    monkeypatch.setattr(sys, "platform", where)
    assert desktop.release_free_memory() is False


def test_the_memory_the_orm_load_freed_is_handed_back_once_it_is_loaded(sample_dir, qtbot, no_dialogs, monkeypatch):
    from tension_desk.app import build_window, load_on_idle, make_application

    calls = []
    real = desktop.release_free_memory

    def counted() -> bool:
        calls.append(window.ctx.desk.loaded)
        return real()

    monkeypatch.setattr(desktop, "release_free_memory", counted)
    make_application()
    window = build_window(sample_dir)
    qtbot.addWidget(window)
    try:
        window.show()
        assert not window.ctx.desk.loaded
        load_on_idle(window)
        qtbot.waitUntil(lambda: bool(calls), timeout=30_000)  # no user action
        assert calls == [True]  # once, the ORM loaded
        newest = window.ctx.desk.sessions.list()[0]
        assert window.ctx.desk.sessions.open(newest.id).session == newest  # the desk works on
    finally:
        window.close()
        window.ctx.desk.dispose()


BUILT_AND_SHOWN = """
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tension_desk import app, desktop
from tension_desk.ui.main_window import MainWindow

calls = []
real = desktop.release_free_memory


def counted():
    calls.append([w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()])
    QTimer.singleShot(0, QApplication.instance().quit)  # the loop quits as soon as it runs
    return real()


desktop.release_free_memory = counted
code = app.run_gui(sys.argv[1])
print(code, len(calls), len(calls[0]) if calls else -1)
"""


def test_the_memory_building_the_window_freed_is_handed_back_before_the_loop_starts(sample_dir, tmp_path):
    """run_gui in a process of its own: its event loop, once quit, leaves this process's windows unable to become
    active (the tests after it that wait for an active window would time out)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    r = subprocess.run([sys.executable, "-c", BUILT_AND_SHOWN, str(sample_dir)], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0", "1", "1"], r.stdout + r.stderr  # exit 0; once, the window built and shown
