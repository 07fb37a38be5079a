"""In-process figures, each run in its own new process by run.py; prints one JSON line on stdout.

    python benchmarks/inproc.py matrix-edit DATA_DIR SESSION_ID     figure 2 (app) and its Qt reference
    python benchmarks/inproc.py open-session DATA_DIR               figure 3 (app) and its Qt reference
    python benchmarks/inproc.py pdf DATA_DIR SESSION_ID OUT.pdf      figure 4, exported from the running app
    python benchmarks/inproc.py log-pdf DATA_DIR OUT.pdf             figure 6, the decision log of the whole store
    python benchmarks/inproc.py csv-import DATA_DIR                  figure 7, a 10,000-row CSV into a new session
"""
from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

EDITS = 500
VISIBLE_ROWS = 25  # rows of 30 px a laptop's matrix tab shows: what a view fetches after dataChanged


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank), in the values' unit."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * len(s) + 0.5) - 1))
    return s[k]


def summary_ms(samples: list[float]) -> dict:
    ms = [x * 1000 for x in samples]
    return {"n": len(ms), "p50_ms": pct(ms, 50), "p99_ms": pct(ms, 99), "max_ms": max(ms),
            "mean_ms": statistics.fmean(ms)}


def PaintCounter():
    """An event filter counting the paint events of the widgets it is installed on."""
    from PySide6.QtCore import QEvent, QObject

    class Counter(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    return Counter()


def _app():
    from tension_desk.app import make_application

    return make_application()


def _store_url() -> str | None:
    """The workspace server run.py measures beside SQLite (TENSION_DESK_STORE), or None for the data dir's store."""
    return os.environ.get("TENSION_DESK_STORE") or None


def _window(data_dir: str):
    """The main window on the store; on a server, from the shared screen's seat (settled in a config dir of
    the run's own, so no dialog asks and the user's settings are not touched)."""
    import tempfile

    from tension_desk.app import build_window

    url = _store_url()
    if url:
        from sqlalchemy.engine import make_url

        from tension_desk.domain.seats import Seat
        from tension_desk.services.seats import remember_seat

        os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="td-bench-config-")
        remember_seat(make_url(url), Seat.SCREEN)
    window = build_window(Path(data_dir), url)
    # The app in its steady state: run_gui loads the ORM on idle time behind a first-frame desk, so the opens and
    # edits measured here go through the services, as a user's do once the window has been up a moment.
    load = getattr(window.ctx.desk, "load", None)
    if load is not None:
        load()
    return window


def _desk(data_dir: str):
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    return Desk(open_store(Path(data_dir), daily_backup=False, url=_store_url()))


# -- figure 2: one score edit ------------------------------------------------------------------------------
def _edit_plan(priorities, criteria, seed: int = 2):
    from tension_desk.domain.model import Side

    rng = random.Random(seed)
    plan = []
    for _ in range(EDITS):
        c = rng.choice(criteria)
        plan.append((rng.choice(priorities).id, c.id, rng.choice((Side.PRODUCT, Side.ENGINEERING)),
                     rng.randint(c.scale_min, c.scale_max)))
    return plan


def _fetch_changed(model, ranges, roles, cell_roles, row: int) -> int:
    """What a view asks for the cells an edit signalled, within the rows it shows (the edited row in the
    middle): display text, colours, the heat cell and its colour."""
    from tension_desk.render.palette import heat_colour

    first = max(0, min(row - VISIBLE_ROWS // 2, model.rowCount() - VISIBLE_ROWS))
    last = first + VISIBLE_ROWS - 1
    n = 0
    for top, left, bottom, right in ranges:
        for r in range(max(top, first), min(bottom, last) + 1):
            for c in range(left, right + 1):
                index = model.index(r, c)
                crit = model.criterion_at(c) is not None
                for role in (cell_roles if crit else roles):
                    v = model.data(index, role)
                    n += 1
                    if crit and role == cell_roles[0] and v is not None:
                        heat_colour(v.divergence)  # the colour the delegate paints for this cell
    ranges.clear()
    return n


def matrix_edit(data_dir: str, session_id: int) -> dict:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView

    from tension_desk.domain.model import Side
    from tension_desk.ui.models.matrix import CellRole, MatrixModel, TurnRole

    app = _app()
    desk = _desk(data_dir)
    agenda = desk.priorities.agenda(session_id)
    criteria = desk.scoring.criteria(session_id)
    D = Qt.ItemDataRole
    roles = (D.DisplayRole, D.BackgroundRole, D.ForegroundRole, D.TextAlignmentRole)
    cell_roles = (CellRole, TurnRole, D.DisplayRole)
    out: dict = {"priorities": len(agenda), "criteria": len(criteria), "edits": EDITS}

    def fresh_model():
        m = MatrixModel()
        m.load(agenda, criteria, desk.scoring.scores(session_id), frozenset(Side))
        ranges: list = []
        m.dataChanged.connect(lambda tl, br, *_: ranges.append((tl.row(), tl.column(), br.row(), br.column())))
        return m, ranges

    # (a) the model alone: MatrixModel.apply_score and the data() of every cell it signals
    model, ranges = fresh_model()
    t0 = time.perf_counter()
    model.load(agenda, criteria, desk.scoring.scores(session_id), frozenset(Side))
    out["model_load_ms"] = (time.perf_counter() - t0) * 1000
    samples, fetched = [], 0
    for pid, cid, role, value in _edit_plan(agenda, criteria, seed=2):
        t0 = time.perf_counter()
        model.apply_score(pid, cid, role, value)
        fetched += _fetch_changed(model, ranges, roles, cell_roles, model.row_of(pid))
        samples.append(time.perf_counter() - t0)
    out["model"] = summary_ms(samples)
    out["model"]["data_calls_per_edit"] = fetched / EDITS

    # (b) end to end through the store: desk.scoring.set_score (one committed transaction), then what the session
    # view does on the notifier's score_changed (read the stored value back, apply it to the model)
    model, ranges = fresh_model()
    samples = []
    for pid, cid, role, value in _edit_plan(agenda, criteria, seed=4):  # other cells than (c) will edit
        t0 = time.perf_counter()
        desk.scoring.set_score(session_id, pid, cid, role, value)
        stored = next((s.value for s in desk.scoring.scores_of(session_id, pid)
                       if s.criterion_id == cid and s.leader_role is role), None)
        model.apply_score(pid, cid, role, stored)
        _fetch_changed(model, ranges, roles, cell_roles, model.row_of(pid))
        samples.append(time.perf_counter() - t0)
    out["store"] = summary_ms(samples)

    # reference: a bare QStandardItemModel of the same grid, setData on one cell and read it back
    cols = model.columnCount()
    ref = QStandardItemModel(len(agenda), cols)
    for r in range(len(agenda)):
        for c in range(cols):
            ref.setItem(r, c, QStandardItem(f"P {r % 6} · E {c % 6}"))
    rng = random.Random(3)
    samples = []
    for _ in range(EDITS):
        r, c, v = rng.randrange(len(agenda)), rng.randrange(2, cols), rng.randint(0, 5)
        t0 = time.perf_counter()
        index = ref.index(r, c)
        ref.setData(index, f"P {v} · E {v}", D.DisplayRole)
        for role in roles:
            ref.data(index, role)
        samples.append(time.perf_counter() - t0)
    out["reference_model"] = summary_ms(samples)

    # (c) the whole window: the session view's set_score (undo command → store → notifier → model), then
    # the event loop paints what changed. Reference: QStandardItemModel in a QTableView, setData + paint.
    # (run.py sets QT_QPA_UPDATE_IDLE_TIME=0 so that Qt paints in the processEvents() right after the edit
    # instead of 5 ms later on a timer: the work is measured, not the timer.)
    from PySide6.QtTest import QTest

    paints = PaintCounter()
    window = _window(data_dir)
    window.resize(1280, 720)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.select_session(session_id)
    sv = window.session_view
    sv.tabs.setCurrentWidget(sv.matrix)
    app.processEvents()
    table = sv.matrix.table
    table.viewport().installEventFilter(paints)
    visible_rows = table.rowAt(table.viewport().height() - 1) + 1
    samples, painted = [], 0
    for pid, cid, role, value in _edit_plan(agenda, criteria, seed=6):
        before = paints.count
        t0 = time.perf_counter()
        sv.matrix_tab.set_score(pid, cid, role, value)
        app.processEvents()
        samples.append(time.perf_counter() - t0)
        painted += paints.count > before
    out["window"] = summary_ms(samples)
    out["window"].update(visible_rows=visible_rows, viewport=[table.viewport().width(), table.viewport().height()],
                         edits_repainted=painted)
    t0 = time.perf_counter()
    table.viewport().repaint()
    out["window"]["full_viewport_repaint_ms"] = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    sv.matrix_tab.update_stability()  # what runs once typing pauses for 600 ms (debounced): chart, lenses, stability
    out["stability_after_pause_ms"] = (time.perf_counter() - t0) * 1000
    window.close()

    view = QTableView()
    view.setModel(ref)
    view.resize(1040, 600)
    view.show()
    QTest.qWaitForWindowExposed(view)
    view.viewport().installEventFilter(paints)
    app.processEvents()
    samples, painted = [], 0
    for _ in range(EDITS):
        r, c, v = rng.randrange(min(visible_rows, len(agenda))), rng.randrange(2, 8), rng.randint(0, 5)
        before = paints.count
        t0 = time.perf_counter()
        ref.setData(ref.index(r, c), f"P {v} · E {v}", D.DisplayRole)
        QApplication.processEvents()
        samples.append(time.perf_counter() - t0)
        painted += paints.count > before
    out["reference_view"] = summary_ms(samples)
    out["reference_view"]["edits_repainted"] = painted
    return out


# -- figure 3: open a session from the list -------------------------------------------------------------------
def open_session(data_dir: str, opens: int = 30) -> dict:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTableView

    app = _app()
    paints = PaintCounter()

    def until_painted(before: int) -> bool:
        deadline = time.perf_counter() + 2.0
        while paints.count == before and time.perf_counter() < deadline:
            app.processEvents()
        return paints.count > before

    window = _window(data_dir)
    window.resize(1280, 720)
    window.show()
    QTest.qWaitForWindowExposed(window)
    ids = window.session_model.session_ids()
    sv = window.session_view
    window.select_session(ids[-1])
    sv.tabs.setCurrentWidget(sv.matrix)
    sv.matrix.table.viewport().installEventFilter(paints)
    app.processEvents()
    order = [ids[(i * 7) % len(ids)] for i in range(opens)]  # spread over the five years, never twice in a row
    samples, painted = [], 0
    for sid in order:
        before = paints.count
        t0 = time.perf_counter()
        window.select_session(sid)
        painted += until_painted(before)
        samples.append(time.perf_counter() - t0)
    out = {"app": summary_ms(samples), "painted": painted, "opens": opens, "sessions": len(ids),
           "rows": sv.matrix.model.rowCount(), "columns": sv.matrix.model.columnCount()}
    rows, cols = out["rows"], out["columns"]
    window.close()

    # reference: a bare QTableView given a new QStandardItemModel of the same matrix, until it has painted
    view = QTableView()
    view.resize(1040, 600)
    view.show()
    QTest.qWaitForWindowExposed(view)
    view.viewport().installEventFilter(paints)
    app.processEvents()
    samples = []
    for k in range(opens):
        before = paints.count
        t0 = time.perf_counter()
        m = QStandardItemModel(rows, cols, view)
        for r in range(rows):
            for c in range(cols):
                m.setItem(r, c, QStandardItem(f"P {(r + k) % 6} · E {c % 6}"))
        old = view.model()
        view.setModel(m)
        if old is not None:
            old.deleteLater()
        until_painted(before)
        samples.append(time.perf_counter() - t0)
    out["reference"] = summary_ms(samples)
    return out


# -- figure 4: the PDF session record, from the running app ---------------------------------------------------
def pdf(data_dir: str, session_id: int, target: str, repeats: int = 5) -> dict:
    """The same record exported again and again in one running app: the first export pays the app's one-time
    set-up (the export modules, Qt's PDF engine); each export after it is timed as a user's export of a session
    is: its own. The 2×2 chart's layout is kept between paints for the screen (keyed by the session's data): it
    is forgotten before every export, so that no export reuses the layout an earlier export of the same
    session made (a user exports a session once; the screen's chart is laid out at another size)."""
    from tension_desk.export.documents import export_session
    from tension_desk.render import quadrant

    _app()  # the running app's QApplication (fonts registered), as when File → Export runs
    desk = _desk(data_dir)
    quadrant._CACHE.clear()
    t0 = time.perf_counter()
    export_session(desk, session_id, "pdf", Path(target))
    first = time.perf_counter() - t0
    samples = []
    for _ in range(repeats):
        quadrant._CACHE.clear()
        t0 = time.perf_counter()
        export_session(desk, session_id, "pdf", Path(target))
        samples.append(time.perf_counter() - t0)
    out = {"first_s": first, "median_s": statistics.median(samples), "samples_s": samples,
           "bytes": Path(target).stat().st_size}
    try:
        from pypdf import PdfReader

        out["pages"] = len(PdfReader(target).pages)
    except ImportError:
        pass
    return out


# -- figure 6: the decision-log PDF of the whole store ------------------------------------------------------------
def log_pdf(data_dir: str, target: str, repeats: int = 3) -> dict:
    from tension_desk.export.documents import export_log

    _app()  # as File → Export decision log runs, in the running app
    desk = _desk(data_dir)
    t0 = time.perf_counter()
    export_log(desk, "pdf", Path(target))
    first = time.perf_counter() - t0
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        export_log(desk, "pdf", Path(target))
        samples.append(time.perf_counter() - t0)
    out = {"first_s": first, "median_s": statistics.median(samples), "samples_s": samples,
           "decisions": len(desk.decisions.list()), "sessions": len(desk.sessions.list()),
           "bytes": Path(target).stat().st_size}
    try:
        from pypdf import PdfReader

        out["pages"] = len(PdfReader(target).pages)
    except ImportError:
        pass
    return out


# -- figure 7: importing a 10,000-row CSV -------------------------------------------------------------------------
CSV_ROWS = 10_000


def _csv_text(rows: int, bad: bool, seed: int = 5) -> str:
    """A priorities CSV of ``rows`` rows (DESIGN.md's columns); ``bad``: every row refused (an unknown side)."""
    import csv
    import io

    rng = random.Random(seed)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(("title", "side", "description", "effort_weeks", "idea_date", "link"))
    for i in range(rows):
        side = "sales" if bad else ("product" if i % 2 else "engineering")
        writer.writerow((f"Imported priority {i + 1}", side, f"Why row {i + 1} matters: " + "x" * rng.randint(20, 200),
                         rng.randint(1, 20), f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                         f"https://tracker.example/csv/{i + 1}"))
    return buf.getvalue()


def csv_import(data_dir: str, repeats: int = 3) -> dict:
    """File → Import CSV: read and check the file, then add every row to a new session (one transaction);
    and, for information, the same size of file with every row bad (read, checked, every error listed)."""
    import datetime as dt
    import tempfile

    from tension_desk.services.importing import import_priorities_csv, read_csv_file

    desk = _desk(data_dir)
    folder = Path(tempfile.mkdtemp(prefix="td-bench-csv-"))
    good, bad = folder / "good.csv", folder / "bad.csv"
    good.write_text(_csv_text(CSV_ROWS, bad=False), encoding="utf-8")
    bad.write_text(_csv_text(CSV_ROWS, bad=True), encoding="utf-8")
    samples, bad_samples, added, errors = [], [], 0, 0
    for k in range(repeats + 1):  # the first is a warm-up
        session = desk.sessions.create(f"CSV import {k + 1}", dt.date(2026, 1, 1 + k))
        t0 = time.perf_counter()
        parsed = read_csv_file(good)
        added = len(import_priorities_csv(desk, session.id, parsed))
        samples.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        errors = len(read_csv_file(bad).errors)
        bad_samples.append(time.perf_counter() - t0)
    if added != CSV_ROWS or errors != CSV_ROWS:
        raise SystemExit(f"the CSV import did not do what it should: {added} rows added, {errors} bad rows found")
    return {"rows": CSV_ROWS, "bytes": good.stat().st_size, "first_s": samples[0],
            "median_s": statistics.median(samples[1:]), "samples_s": samples[1:],
            "bad_rows": {"median_s": statistics.median(bad_samples[1:]), "samples_s": bad_samples[1:]}}


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    what, args = sys.argv[1], sys.argv[2:]
    if what == "matrix-edit":
        result = matrix_edit(args[0], int(args[1]))
    elif what == "open-session":
        result = open_session(args[0])
    elif what == "pdf":
        result = pdf(args[0], int(args[1]), args[2])
    elif what == "log-pdf":
        result = log_pdf(args[0], args[1])
    elif what == "csv-import":
        result = csv_import(args[0])
    else:
        raise SystemExit(f"unknown figure {what!r}")
    print("BENCH " + json.dumps(result), flush=True)
