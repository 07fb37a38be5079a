"""One cold start, in the new process this script runs in; prints one JSON line on stdout.

    python benchmarks/gui_child.py bare            a bare PySide6 QMainWindow (the floor)
    python benchmarks/gui_child.py app DATA_DIR    the app, started exactly as ``tension-desk`` starts it

Times are seconds since ``BENCH_T0``, a CLOCK_MONOTONIC reading the parent takes just before it starts this
process (so they include the interpreter's own start-up and every import). The app is started by calling
``tension_desk.app.run_gui`` itself; the only additions are event filters on the windows it builds (wrapped
factory functions) to see their paint events, and, once the main window has painted, the user's first move:
open the newest session and its Matrix tab.

The app's view settings (``view.ini``: window size, the session and tab last on screen) are read from a config
folder of this run's own (``XDG_CONFIG_HOME``), empty, as on a first start: every run then takes the same path
(the window opens on no session, and the user's move opens the newest one: one read of it). With the user's own
settings, the figure depended on what the last run, or the developer, left on screen: a relaunch on the newest
session opened it while the window was built and the move read it a second time (0.30 s of 4.2 s in a profile
on the loaded machine of 2026-12-01), a read no user waits for. The move is what a click on the list's top
row does (the tree's current index set), not ``MainWindow.select_session``, which also re-reads the window's
state, nor a ``desk.sessions.list()`` of the benchmark's own to find the newest session: no click waits for
either.

The window's first reads need no ORM (services/first_frame.py): the app loads SQLAlchemy, SQLModel and the
services on the event loop's idle time once the window is shown. The run ends once that load is done
(``services_loaded``), not at ``matrix_ready``, so the peak RSS (figure 5) is still that of the app in its steady
state, with the ORM loaded, as it was before the ORM was deferred; ``matrix_ready`` is read before that wait.
"""
from __future__ import annotations

import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.monotonic()))


def since_t0() -> float:
    return time.monotonic() - T0


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _paint_watcher():
    """An event filter calling ``callback`` on the first paint event of the object it watches."""
    from PySide6.QtCore import QEvent, QObject

    class PaintWatcher(QObject):
        def __init__(self, callback):
            super().__init__()
            self.callback = callback

        def eventFilter(self, obj, event):
            if self.callback is not None and event.type() == QEvent.Type.Paint:
                cb, self.callback = self.callback, None
                cb()
            return False

    return PaintWatcher


def run_bare() -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    out: dict = {}
    app = QApplication([sys.argv[0]])
    w = QMainWindow()
    w.setWindowTitle("bare")
    w.resize(1280, 720)

    def idle():
        out["interactive"] = since_t0()
        app.quit()

    def painted():
        out["first_paint"] = since_t0()
        QTimer.singleShot(0, idle)  # the event loop is free again: the window takes input

    watcher = _paint_watcher()(painted)
    w.installEventFilter(watcher)
    w.show()
    app.exec()
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def run_app(data_dir: str) -> dict:
    from PySide6.QtCore import QTimer

    import tension_desk.app as appmod

    out: dict = {}
    keep = []  # event filters must outlive the windows' first paints
    PaintWatcher = _paint_watcher()
    original_placeholder, original_build = appmod._placeholder_window, appmod.build_window

    def placeholder():
        w = original_placeholder()

        def painted():
            out.setdefault("first_paint", since_t0())  # the first window the user sees

        keep.append(PaintWatcher(painted))
        w.installEventFilter(keep[-1])
        return w

    def build(data_dir_):
        out["store_open_start"] = since_t0()
        window = original_build(data_dir_)
        out["window_built"] = since_t0()
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()

        def matrix_idle():
            out["matrix_ready"] = since_t0()
            out["matrix_rows"] = window.session_view.matrix.model.rowCount()
            out["matrix_revealed"] = window.session_view.matrix.model.revealed
            until_services_loaded()

        def until_services_loaded():  # the app's steady state, for the peak RSS: see the module's docstring
            if getattr(window.ctx.desk, "loaded", True):
                out["services_loaded"] = since_t0()
                app.quit()
            else:
                QTimer.singleShot(100, until_services_loaded)  # more often, the loop would never be idle

        def matrix_painted():
            out["matrix_painted"] = since_t0()
            QTimer.singleShot(0, matrix_idle)

        def open_newest():  # the user's first move: a click on the latest session (the list's top row), its matrix
            newest = window.session_model.session_ids()[0]
            out["newest_session_id"] = newest
            sv = window.session_view
            keep.append(PaintWatcher(matrix_painted))
            sv.matrix.table.viewport().installEventFilter(keep[-1])
            window.session_tree.setCurrentIndex(window.session_model.index_of(newest))  # what the click does
            sv.tabs.setCurrentWidget(sv.matrix)

        def main_painted():
            out["main_window_paint"] = since_t0()
            out.setdefault("first_paint", out["main_window_paint"])
            QTimer.singleShot(0, open_newest)

        keep.append(PaintWatcher(main_painted))
        window.installEventFilter(keep[-1])
        return window

    appmod._placeholder_window, appmod.build_window = placeholder, build
    out["exit_code"] = appmod.run_gui(data_dir)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = sys.argv[1]
    if mode == "bare":
        result = run_bare()
    else:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="td-bench-config-") as config:  # see the module's docstring
            os.environ["XDG_CONFIG_HOME"] = config
            result = run_app(sys.argv[2])
    print("BENCH " + json.dumps(result), flush=True)
