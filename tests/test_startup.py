"""Start-up: the first window is on screen before anything it does not show is loaded."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

# Run in a new process (this one has loaded everything). The placeholder's first paint records what is loaded;
# then the start stops where the store would be locked, with nothing opened and no dialog shown.
FIRST_PAINT = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QEvent, QObject
    import tension_desk.app as app

    loaded = []

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not loaded:
                loaded.extend(sorted(sys.modules))
            return False

    watcher = FirstPaint()
    make_placeholder = app._placeholder_window

    def placeholder():
        window = make_placeholder()
        window.installEventFilter(watcher)
        return window

    def stop(_data_dir):
        print(json.dumps(loaded))
        raise SystemExit(0)

    app._placeholder_window, app.acquire_store_lock = placeholder, stop
    app.run_gui(sys.argv[1])
""")


def test_the_first_window_is_painted_before_the_store_its_orm_or_the_log_are_loaded(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    r = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(tmp_path / "data")], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    loaded = json.loads(r.stdout.splitlines()[-1])
    assert "tension_desk.app" in loaded and "PySide6.QtWidgets" in loaded  # the paint was seen
    not_yet = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "tension_desk.store", "tension_desk.services",
               "tension_desk.logs", "tension_desk.ui.main_window")
    assert [m for m in loaded if m.startswith(not_yet)] == []
