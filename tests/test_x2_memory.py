"""Issue 15, figure 5′: what the GUI keeps in memory once it is up. The window that says "Opening your store…" is
gone once the main window is shown (hidden, it kept its window-sized backing image: 2.3 MB of the peak), and the
window icon is made from the PNG alone (the SVG drawn at the same 256 px was replaced by it in the icon, and
only loaded Qt's SVG plugin and library for nothing: 1.2 MB)."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import files

from tension_desk.desktop import DESKTOP_ID

UP_AND_RUNNING = """
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from tension_desk import app
from tension_desk.ui.main_window import MainWindow

seen = []
real = app.load_on_idle


def looked(window):  # called once the main window is shown; the event loop has not run yet
    def look():
        seen.extend(type(w).__name__ for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
        QApplication.instance().quit()

    QTimer.singleShot(0, look)  # the loop's first turn
    real(window)


app.load_on_idle = looked
code = app.run_gui(sys.argv[1])
print(code, *sorted(seen))
"""


def test_the_opening_window_is_gone_once_the_main_window_is_shown(sample_dir, tmp_path):
    """run_gui in a process of its own (its quit event loop would leave later tests' windows unable to become
    active). Only the main window is left: the placeholder shown while the store opened, hidden, held its
    backing image for the life of the app."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    r = subprocess.run([sys.executable, "-c", UP_AND_RUNNING, str(sample_dir)], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0", "MainWindow"], r.stdout + r.stderr


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
