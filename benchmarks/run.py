"""`make bench`: Tension Desk against its references, measured in the same run, printed as one table.

References: a bare PySide6 QMainWindow shown from a new process (the floor), a bare QStandardItemModel
edit, and LibreOffice converting the same matrix as CSV to PDF (the spreadsheet the app replaces). Absolute
times on shared machines are noise; the ratios are the figures to read. Results also go to
benchmarks/results.json. Nothing here is a test: no figure fails the build.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from generate import five_year_store, wide_session  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ROWS: list[dict] = []


def row(figure: str, app: float | None, reference: float | None, unit: str, target: str, ref_name: str) -> None:
    ratio = None if app is None or not reference else app / reference
    ROWS.append({"figure": figure, "app": app, "reference": reference, "ratio": ratio, "unit": unit,
                 "target": target, "reference_name": ref_name})
    fmt = (lambda v: "—" if v is None else f"{v:,.1f}")
    print(f"  {figure:<52} {fmt(app):>10} {fmt(reference):>10} {('—' if ratio is None else f'{ratio:.2f}×'):>8}  {unit}  ({target})",
          flush=True)


def child(script: str, *args: str) -> dict:
    """Run a measuring script in a new process; it prints one JSON line as its last line."""
    env = dict(os.environ, BENCH_T0=repr(time.time()))
    out = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True, text=True, env=env,
                         timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"{script} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median_of(script: str, *args: str) -> dict:
    runs = [child(script, *args) for _ in range(RUNS)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def bench_start(store_dir: Path) -> None:
    bare = median_of("child_bare.py")
    app = median_of("child_app.py", str(store_dir))
    row("cold start: first paint", app["first_paint_ms"], bare["first_paint_ms"], "ms", "≤ 1.5× bare window", "bare QMainWindow")
    row("cold start: last session's matrix interactive", app["matrix_ms"], bare["first_paint_ms"], "ms",
        "≤ 5× bare window", "bare QMainWindow")
    row("peak memory (RSS), five-year store, matrix open", app["rss_mb"], bare["rss_mb"], "MB", "< 150 MB",
        "bare QMainWindow")


def bench_matrix_edit(tmp: Path) -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication

    from tension_desk.domain.model import Side
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store
    from tension_desk.ui.models.matrix import FIRST_CRITERION, MatrixModel

    app = QApplication.instance() or QApplication([])
    engine = open_store(tmp / "wide")
    desk = Desk(engine)
    sid = wide_session(desk, priorities=300, criteria=12)
    model = MatrixModel()
    model.load(desk.agenda(sid), desk.session_criteria(sid), desk.scores(sid), frozenset(Side))
    rng = random.Random(1)
    crits = model.criteria()
    pids = [p.id for p in model.priorities()]
    last = model.columnCount() - 1

    def touch(row_: int, col: int) -> None:  # what the view reads to repaint: the cell, the row's results, ranks
        for c in (col, model.col_product, model.col_engineering, model.col_combined, model.col_divergence, 0):
            for role in (0, 8, 9):  # display, background, foreground
                model.index(row_, c).data(role)

    times = []
    for _ in range(500):
        pid, c, role = rng.choice(pids), rng.choice(crits), rng.choice(list(Side))
        t0 = time.perf_counter()
        model.apply_score(pid, c.id, role, rng.randint(c.scale_min, c.scale_max))
        touch(model.row_of(pid), FIRST_CRITERION + crits.index(c))
        times.append((time.perf_counter() - t0) * 1000)
    store_times = []
    for _ in range(100):
        pid, c, role = rng.choice(pids), rng.choice(crits), rng.choice(list(Side))
        value = rng.randint(c.scale_min, c.scale_max)
        t0 = time.perf_counter()
        desk.set_score(sid, pid, c.id, role, value)
        model.apply_score(pid, c.id, role, value)
        touch(model.row_of(pid), FIRST_CRITERION + crits.index(c))
        store_times.append((time.perf_counter() - t0) * 1000)
    ref = QStandardItemModel(300, last + 1)
    for r in range(300):
        for c in range(last + 1):
            ref.setItem(r, c, QStandardItem("0"))
    ref_times = []
    for _ in range(500):
        r, c = rng.randrange(300), rng.randrange(last + 1)
        t0 = time.perf_counter()
        ref.setData(ref.index(r, c), str(rng.randint(0, 5)))
        ref.index(r, c).data()
        ref_times.append((time.perf_counter() - t0) * 1000)
    row("matrix edit 300×12, p50 (recompute + repaint data)", statistics.median(times), statistics.median(ref_times),
        "ms", "p99 < 8 ms", "QStandardItemModel.setData")
    row("matrix edit 300×12, p99", percentile(times, 99), percentile(ref_times, 99), "ms", "p99 < 8 ms",
        "QStandardItemModel.setData")
    row("matrix edit incl. saving to the store, p50", statistics.median(store_times), None, "ms",
        "each edit its own transaction, synchronous=FULL", "")
    engine.dispose()
    del app


def bench_open_session(store_dir: Path) -> None:
    from tension_desk.app import build_window, make_application

    make_application()
    w = build_window(store_dir)
    w.resize(1280, 720)
    w.show()
    ids = w.session_ids_in_list()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    times = []
    for sid in ids[:20]:
        t0 = time.perf_counter()
        w.select_session(sid)
        QApplication.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
    row("open a session from the list (five-year store), median", statistics.median(times), None, "ms",
        "< 100 ms", "")
    w.ctx.desk.engine.dispose()
    w.close()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def bench_pdf(tmp: Path) -> None:
    from tension_desk.export.csv_export import session_csv
    from tension_desk.export.documents import session_document
    from tension_desk.services.desk import Desk
    from tension_desk.services.record import build_session_record
    from tension_desk.store.engine import open_store

    data_dir = tmp / "pdf"
    engine = open_store(data_dir)
    desk = Desk(engine)
    sid = wide_session(desk, priorities=100, criteria=8, decisions=30)
    session_document(desk, sid, "pdf")  # warm: fonts registered, modules imported
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        session_document(desk, sid, "pdf")
        times.append(time.perf_counter() - t0)
    in_process = statistics.median(times) * 1000
    csv_path = tmp / "matrix.csv"
    csv_path.write_text(session_csv(build_session_record(desk, sid)), encoding="utf-8")
    engine.dispose()
    cli_times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "tension_desk", "export", "--session", str(sid), "--format", "pdf",
                        "-o", str(tmp / "cli.pdf"), "--data-dir", str(data_dir)], check=True, capture_output=True)
        cli_times.append(time.perf_counter() - t0)
    office = soffice()
    lo_time = None
    if office:
        lo_runs = []
        for _ in range(max(1, RUNS // 2)):
            profile = tempfile.mkdtemp(prefix="lo-profile-")
            t0 = time.perf_counter()
            subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(tmp), str(csv_path)], check=True, capture_output=True, timeout=300)
            lo_runs.append(time.perf_counter() - t0)
            shutil.rmtree(profile, ignore_errors=True)
        lo_time = statistics.median(lo_runs) * 1000
    name = "soffice --convert-to pdf (CSV)" if office else "LibreOffice not installed"
    row("PDF session record, 100 priorities, 30 decisions (in app)", in_process, lo_time, "ms", "≥ 10× faster than LO", name)
    row("PDF session record, new CLI process", statistics.median(cli_times) * 1000, lo_time, "ms",
        "faster than LO", name)


def main() -> int:
    import PySide6

    print(f"Tension Desk benchmarks — {dt.datetime.now():%Y-%m-%d %H:%M}")
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    machine = {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "pyside6": PySide6.__version__,
               "platform": platform.platform()}
    print(f"  machine: {machine['cores']} cores, {cpu}, Python {machine['python']}, PySide6 {machine['pyside6']}")
    print(f"  {'figure':<52} {'app':>10} {'reference':>10} {'ratio':>8}")
    with tempfile.TemporaryDirectory(prefix="td-bench-") as tmp_name:
        tmp = Path(tmp_name)
        store = tmp / "five-years"
        t0 = time.perf_counter()
        five_year_store(store)
        print(f"  (generated the five-year store in {time.perf_counter() - t0:.1f} s)", flush=True)
        bench_start(store)
        bench_open_session(store)
        bench_matrix_edit(tmp)
        bench_pdf(tmp)
    out = {"taken_at": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine, "rows": ROWS}
    (HERE / "results.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
    print(f"  written to {HERE / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
