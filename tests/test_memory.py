"""Issue 15, figure 5′: what the GUI keeps in memory once it is up. The window that says "Opening your store…" is
gone once the main window is shown (hidden, it kept its window-sized backing image: 2.3 MB of the peak), the
window icon is made from the PNG alone (the SVG drawn at the same 256 px was replaced by it in the icon, and
only loaded Qt's SVG plugin and library for nothing: 1.2 MB), and the store check's thread leaves no malloc
arena of its own behind (0.35 MB)."""
from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib.resources import files

import pytest

from tension_desk import desktop
from tension_desk.desktop import DESKTOP_ID

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"

UP_AND_RUNNING = """
import ctypes
import sys
import tempfile

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from tension_desk import app


def windows():
    return [type(w).__name__ for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]


def heaps():  # glibc's malloc_info: one <heap> per arena
    libc = ctypes.CDLL(None)
    libc.fopen.restype, libc.fopen.argtypes = ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes, libc.fclose.argtypes = [ctypes.c_int, ctypes.c_void_p], [ctypes.c_void_p]
    with tempfile.NamedTemporaryFile("r") as out:
        stream = libc.fopen(out.name.encode(), b"w")
        libc.malloc_info(0, stream)
        libc.fclose(stream)
        return [out.read().count("<heap nr=")]


seen = []
real = app.load_on_idle


def looked(window):  # called once the main window is shown; the event loop has not run yet
    def look():
        seen.extend(sorted({look}()))
        QApplication.instance().quit()

    QTimer.singleShot(0, look)  # the loop's first turn
    real(window)


app.load_on_idle = looked
code = app.run_gui(sys.argv[1])
print(code, *seen)
"""


def up_and_running(data_dir, tmp_path, look: str) -> list[str]:
    """run_gui's exit code and what ``look`` ("windows", "heaps") saw on the event loop's first turn, in a process
    of its own: run_gui's event loop, once quit, would leave later tests' windows unable to become active."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    script = UP_AND_RUNNING.replace("{look}", look)
    r = subprocess.run([sys.executable, "-c", script, str(data_dir)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_the_opening_window_is_gone_once_the_main_window_is_shown(sample_dir, tmp_path):
    """Only the main window is left: the placeholder shown while the store opened, hidden, held its backing image
    for the life of the app."""
    assert up_and_running(sample_dir, tmp_path, "windows") == ["0", "MainWindow"]


@pytest.mark.skipif(not GLIBC, reason="malloc arenas are glibc's")
def test_the_store_checks_thread_leaves_no_malloc_arena_of_its_own_behind(sample_dir, tmp_path):
    """The store is checked on a thread while the views load (``build_window``); every thread allocates from the
    one arena, so once the window is up there is one heap, not one more kept for a thread that is gone."""
    assert up_and_running(sample_dir, tmp_path, "heaps") == ["0", "1"]


@pytest.mark.parametrize("where", ["darwin", "win32"])
def test_no_malloc_option_is_set_where_there_is_no_glibc(monkeypatch, where):
    monkeypatch.setattr(sys, "platform", where)
    assert desktop.one_malloc_arena() is False


def test_the_window_icon_is_the_scalable_icon_drawn_at_256_px(qapp):
    """The window icon is the packaged PNG alone: it must stay the SVG (what the launcher shows) drawn at its own
    256 px, pixel for pixel, or the task switcher and the launcher would show two different icons."""
    from PySide6.QtGui import QImage

    icons = files("tension_desk") / "resources" / "icons"
    svg, png = QImage(), QImage()
    assert svg.loadFromData((icons / f"{DESKTOP_ID}.svg").read_bytes(), "SVG")
    assert png.loadFromData((icons / f"{DESKTOP_ID}.png").read_bytes(), "PNG")
    assert png.size() == svg.size() and png.width() == 256
    fmt = QImage.Format.Format_ARGB32_Premultiplied
    assert png.convertToFormat(fmt) == svg.convertToFormat(fmt)
