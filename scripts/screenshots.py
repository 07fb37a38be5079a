"""Render the main views of the sample workspace at 1280×720, offscreen, into PNG files (``make screenshots``).

    python scripts/screenshots.py [OUT_DIR]     (default: docs/screenshots)

The sample is built in a temporary store, with temporary settings: nothing of the user's is read or changed."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1280, 720


def _offscreen_screen(tmp: Path) -> None:
    """An offscreen display of exactly 1280×720, so the full-screen presentation is that size too."""
    config = tmp / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "shot", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(out_dir: Path) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="tension-desk-shots-"))
    _offscreen_screen(tmp)
    os.environ["TENSION_DESK_DATA_DIR"] = str(tmp / "data")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg-data")

    from PySide6.QtCore import QEventLoop

    from tension_desk.app import build_window, make_application
    from tension_desk.services.sample import add_sample
    from tension_desk.ui.widgets.session_view import Tab

    app = make_application()
    window = build_window(tmp / "data")
    ids = add_sample(window.ctx.desk)
    window.refresh_sessions()
    window.resize(WIDTH, HEIGHT)
    window.show()
    out_dir.mkdir(parents=True, exist_ok=True)

    def settle() -> None:
        """Let the window lay itself out, and the debounced rank-stability line be written."""
        while window.session_view.matrix_tab.timer.isActive():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        for _ in range(5):
            app.processEvents()

    def save(widget, name: str) -> None:
        settle()
        path = out_dir / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise SystemExit(f"could not write {path}")
        print(path)

    october = ids[-2]  # revealed: the matrix shows both leaders' scores and the ranks
    window.select_session(ids[-1])  # November, as the meeting starts: both leaders' lists
    view = window.session_view
    view.show_tab(Tab.PRIORITIES)
    save(window, "priorities")
    window.select_session(october)
    view.show_tab(Tab.MATRIX)
    save(window, "matrix")
    view.show_tab(Tab.CHART)
    save(window, "chart")
    view.show_tab(Tab.WEIGHTS)
    save(window, "weights")
    view.show_tab(Tab.DECISIONS)
    window.select_session(ids[-1])  # November: carried-over tensions and a review due
    view.show_tab(Tab.DECISIONS)
    carried = window.ctx.desk.tensions.agenda(ids[-1]).carried
    if carried:  # the oldest open tension, with its decision form
        view.decisions.select("tension", carried[0].tension.id)
    save(window, "decisions")
    view.show_tab(Tab.CAPACITY)
    save(window, "capacity")
    window.show_review()
    save(window, "review")
    window.select_session(october)
    view.show_tab(Tab.MATRIX)
    view.present()
    settle()
    presentation = view.presentation
    presentation.resize(WIDTH, HEIGHT)
    save(presentation, "presentation")
    presentation.close()
    window.close()
    window.ctx.desk.engine.dispose()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")))
