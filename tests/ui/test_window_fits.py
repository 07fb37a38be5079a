"""A window fits the screen it opens on, frame (title bar) included: the first one, at the default size, and one
whose saved geometry no longer fits (a laptop undocked from the big monitor it was closed on). The offscreen
screen of the test run (800×800) is narrower than the window's minimum, so each launch here is a new process on an
offscreen screen of a 1280×720 laptop (the platform's own screen configuration, not a stand-in)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

LAUNCH = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QPoint, QSize
from tension_desk.app import build_window, make_application
from tension_desk.ui.settings import app_settings

data_dir, saved = Path(sys.argv[1]), json.loads(sys.argv[2])
app = make_application()
if saved:
    settings = app_settings()
    settings.setValue("window/size", QSize(*saved["size"]))
    settings.setValue("window/pos", QPoint(*saved["pos"]))
    settings.sync()
w = build_window(data_dir)
w.show()
f, g, a = w.frameGeometry(), w.geometry(), w.screen().availableGeometry()
print(json.dumps({"frame": [f.x(), f.y(), f.width(), f.height()], "client": [g.x(), g.y(), g.width(), g.height()],
                  "available": [a.x(), a.y(), a.width(), a.height()]}))
w.close()
w.ctx.desk.engine.dispose()
"""


@pytest.fixture
def launch(tmp_path, data_dir):
    """Launch the app on a 1280×720 screen (the test's data and config dirs), optionally with a saved geometry
    written first; returns the window's frame, client area and the screen's available geometry, in pixels."""
    screens = tmp_path / "screens.json"
    screens.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 720,
                                                "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screens}"}

    def run(saved: dict | None = None) -> dict:
        done = subprocess.run([sys.executable, "-c", LAUNCH, str(data_dir), json.dumps(saved)], env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    return run


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def test_a_first_window_on_a_1280x720_screen_fits_it_title_bar_and_status_bar_included(launch):
    first = launch()
    assert first["available"] == [0, 0, 1280, 720]
    assert inside(first["frame"], first["available"]), first  # was 1280×720 plus its frame: the status bar below


def test_a_window_closed_on_a_big_monitor_opens_within_the_laptop_screen_and_then_stays_where_it_is(launch):
    undocked = launch({"size": [2400, 1300], "pos": [60, 90]})
    assert inside(undocked["frame"], undocked["available"]), undocked  # was 2400×1300, mostly off the screen
    again = launch()  # the geometry it was closed at, saved by the app: kept exactly, no creeping
    assert again["client"] == undocked["client"] and again["frame"] == undocked["frame"]
