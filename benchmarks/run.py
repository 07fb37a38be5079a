"""The benchmarks of issue 7: the app against its references, measured in the same run; one table.

    make bench                                            (sets up .venv, installs LibreOffice if missing)
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run.py [--quick] [--json PATH]

Prints one table (app, reference, ratio, target) and writes it with every raw figure to
benchmarks/results.json. Absolute times on a shared machine are noise; the ratios are the figures.
Nothing here asserts a time: a missed target is reported, never a failure. Runs are sequential (one core
busy at a time, no parallel runs). Every process that is timed is a new one started by this script:

1. cold start (gui_child.py): a bare PySide6 QMainWindow, and the app on a five-year store started through
   ``tension_desk.app.run_gui``; one warm-up each, then 5 interleaved runs, median;
2. matrix edit (inproc.py matrix-edit): 500 random score edits on a 300 × 12 session, p50 and p99;
3. open a session from the list (inproc.py open-session) on the five-year store;
4. the PDF session record of a 100-priority session with 30 decisions: in-process, by the CLI, and by
   LibreOffice (``soffice --headless --convert-to pdf`` of the session's CSV);
5. peak RSS of the GUI with the five-year store and a matrix open (from the cold starts);
6. the decision-log PDF of the five-year store (60 sessions, 600 decisions), in-process (inproc.py log-pdf);
7. importing a 10,000-row CSV into a new session (inproc.py csv-import), and the same file with every row bad;
2b′, 3′. figures 2b and 3 again with the store on PostgreSQL on loopback (tests/pg.py's throwaway cluster).
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

COLD_RUNS = 5
CLI_RUNS = 5
SOFFICE_RUNS = 5


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


PYCACHE: Path | None = None  # set by main(): where the timed processes keep their bytecode


def child_env(**extra: str) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("TENSION_DESK_DATA_DIR", None)
    env.pop("TENSION_DESK_STORE", None)  # SQLite's figures on the stores made here; a server only where asked
    # An installed app starts from compiled bytecode. With PYTHONDONTWRITEBYTECODE (set in some shells and
    # containers) every start would compile the app's modules again; keep the bytecode in a folder of the
    # run instead (nothing is written into the checkout).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    src = REPO / "src"
    if src.is_dir():  # the checkout's code, whether or not the venv has it installed (editable)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


def parse_bench(stdout: str, stderr: str, what: str) -> dict:
    for line in stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])
    raise RuntimeError(f"{what} reported nothing; stderr:\n{stderr[-3000:]}")


def run_child(args: list[str], what: str, timeout: float = 300, **env: str) -> dict:
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout,
                          env=child_env(**env), cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return parse_bench(proc.stdout, proc.stderr, what)


def cold_start(mode: str, data_dir: Path | None) -> dict:
    args = [str(HERE / "gui_child.py"), mode] + ([str(data_dir)] if data_dir else [])
    env = child_env()
    t0 = time.monotonic()  # CLOCK_MONOTONIC: the child's clock too; its times count from here
    env["BENCH_T0"] = repr(t0)
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, env=env, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"cold start {mode} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return parse_bench(proc.stdout, proc.stderr, f"cold start {mode}")


def measured(cmd: list[str], what: str, timeout: float = 300) -> dict:
    """Wall time and peak RSS of a command, through measure.py."""
    proc = subprocess.run([sys.executable, str(HERE / "measure.py"), *cmd], capture_output=True, text=True,
                          timeout=timeout, env=child_env(), cwd=REPO)
    out = parse_bench(proc.stdout, proc.stderr, what)
    if out["returncode"] != 0:
        raise RuntimeError(f"{what} failed ({out['returncode']}): {out['stderr'][-1500:]}")
    return out


def median(values) -> float:
    return statistics.median(list(values))


# -- the machine --------------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {"nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "cpu": cpu, "os": platform.platform(), "python": platform.python_version(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    with contextlib.suppress(ImportError):
        import PySide6
        from PySide6.QtCore import qVersion

        info["pyside6"], info["qt"] = PySide6.__version__, qVersion()
    for name in ("sqlalchemy", "sqlmodel"):
        with contextlib.suppress(ImportError, AttributeError):
            info[name] = __import__(name).__version__
    with contextlib.suppress(ValueError, OSError, AttributeError):
        info["memory_gb"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], capture_output=True, text=True, cwd=REPO)
        if rev.returncode == 0:
            info["commit"] = rev.stdout.strip() + (" + uncommitted changes in src/" if dirty.stdout.strip() else "")
    except OSError:
        pass
    return info


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# -- the figures --------------------------------------------------------------------------------------------
def bench_cold_start(store: Path, runs: int) -> dict:
    log("cold start: one warm-up of each (daily backup, page cache), then interleaved runs")
    cold_start("bare", None)
    cold_start("app", store)
    bare, app = [], []
    for i in range(runs):
        bare.append(cold_start("bare", None))
        app.append(cold_start("app", store))
        log(f"  run {i + 1}/{runs}: bare first paint {bare[-1]['first_paint']:.3f} s; app first paint "
            f"{app[-1]['first_paint']:.3f} s, matrix ready {app[-1]['matrix_ready']:.3f} s, "
            f"{app[-1]['peak_rss_mb']:.0f} MB")
    bad = [r for r in app if r.get("matrix_rows", 0) == 0 or r.get("exit_code") != 0]
    if bad:
        raise RuntimeError(f"the app did not show the newest session's matrix: {bad[0]}")
    keys_app = ("first_paint", "window_built", "main_window_paint", "matrix_painted", "matrix_ready", "peak_rss_mb")
    return {"runs": runs,
            "bare": {k: median(r[k] for r in bare) for k in ("first_paint", "interactive", "peak_rss_mb")},
            "app": {k: median(r[k] for r in app) for k in keys_app},
            "bare_runs": bare, "app_runs": app}


def bench_pdf(store: Path, session_id: int, work: Path, runs: int) -> dict:
    from tension_desk.export.documents import session_document
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    log("PDF: exported from the running app (in-process)")
    out = {"inproc": run_child([str(HERE / "inproc.py"), "pdf", str(store), str(session_id), str(work / "inproc.pdf")],
                               "PDF in-process")}
    log("PDF: by a new CLI process")
    cli_cmd = [sys.executable, "-m", "tension_desk", "export", "--session", str(session_id), "--format", "pdf",
               "-o", str(work / "cli.pdf"), "--data-dir", str(store)]
    measured(cli_cmd, "CLI export (warm-up)")
    cli = [measured(cli_cmd, "CLI export") for _ in range(runs)]
    out["cli"] = {"median_s": median(r["seconds"] for r in cli), "peak_rss_mb": median(r["peak_rss_mb"] for r in cli),
                  "samples_s": [r["seconds"] for r in cli], "bytes": (work / "cli.pdf").stat().st_size}

    engine = open_store(store, daily_backup=False)
    csv_path = work / "session.csv"
    csv_path.write_bytes(session_document(Desk(engine), session_id, "csv"))
    engine.dispose()
    soffice = soffice_binary()
    if soffice is None:
        log("PDF: LibreOffice is not installed: its reference is marked unavailable")
        out["soffice"] = None
        return out
    log(f"PDF: LibreOffice ({soffice}) converting the same matrix as CSV")
    profile = work / "lo-profile"
    lo_cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
              "--convert-to", "pdf", "--outdir", str(work / "lo"), str(csv_path)]
    try:
        measured(lo_cmd, "soffice (warm-up: creates its profile)")
        lo = [measured(lo_cmd, "soffice") for _ in range(runs)]
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        log(f"PDF: LibreOffice failed, its reference is marked unavailable: {exc}")
        out["soffice"] = None
        out["soffice_error"] = str(exc)[-500:]
        return out
    pdf = work / "lo" / "session.pdf"
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip()
    out["soffice"] = {"median_s": median(r["seconds"] for r in lo), "peak_rss_mb": median(r["peak_rss_mb"] for r in lo),
                      "samples_s": [r["seconds"] for r in lo], "bytes": pdf.stat().st_size if pdf.exists() else None,
                      "version": version}
    return out


# -- the table ----------------------------------------------------------------------------------------------
def bench_postgresql(work: Path, matrix_session: int) -> dict | None:
    """Figures 2b and 3 again on a PostgreSQL server on loopback (TCP 127.0.0.1), the same stores copied there
    with copy-store: the throwaway cluster of the tests (tests/pg.py). None where the server binaries are missing."""
    sys.path.insert(0, str(REPO / "tests"))
    import pg

    bindir = pg.server_bindir()
    if bindir is None:
        log("PostgreSQL figures skipped: no initdb/pg_ctl (apt-get install postgresql)")
        return None
    cluster = pg.Cluster(bindir, tcp_port=int(os.environ.get("TD_BENCH_PG_PORT", "54329"))).start()
    try:
        urls = {}
        for name in ("matrix", "five-year"):
            urls[name] = cluster.url(cluster.create_database())
            measured([sys.executable, "-m", "tension_desk", "--data-dir", str(work / name), "copy-store", "--to",
                      urls[name]], f"copy-store {name}")
        log("PostgreSQL on loopback: matrix edit and open a session")
        return {"server": subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True,
                                         text=True).stdout.strip(),
                "matrix_edit": run_child([str(HERE / "inproc.py"), "matrix-edit", str(work / "matrix"),
                                          str(matrix_session)], "matrix edit (PostgreSQL)",
                                         QT_QPA_UPDATE_IDLE_TIME="0", TENSION_DESK_STORE=urls["matrix"]),
                "open_session": run_child([str(HERE / "inproc.py"), "open-session", str(work / "five-year")],
                                          "open session (PostgreSQL)", QT_QPA_UPDATE_IDLE_TIME="0",
                                          TENSION_DESK_STORE=urls["five-year"])}
    finally:
        cluster.stop()


def _ratio(app: float | None, ref: float | None) -> float | None:
    return None if app is None or not ref else app / ref


def build_rows(r: dict) -> list[dict]:
    rows = []

    def row(figure, app, ref, unit, ratio, target, met, app_text=None, ref_text=None, note=""):
        rows.append({"figure": figure, "app": app, "reference": ref, "unit": unit, "ratio": ratio, "target": target,
                     "met": met, "app_text": app_text, "ref_text": ref_text, "note": note})

    cs = r["cold_start"]
    a, b = cs["app"], cs["bare"]
    ratio = _ratio(a["first_paint"], b["first_paint"])
    row("1a Cold start: first paint", a["first_paint"], b["first_paint"], "s", ratio, "≤ 1.5× bare", ratio <= 1.5,
        note="the app paints a placeholder window before its heavy imports")
    ratio = _ratio(a["main_window_paint"], b["first_paint"])
    row("1a′ Cold start: main window painted", a["main_window_paint"], b["first_paint"], "s", ratio, "—", None,
        note="for information: the real window replacing the placeholder")
    ratio = _ratio(a["matrix_ready"], b["interactive"])
    row("1b Cold start: newest matrix interactive", a["matrix_ready"], b["interactive"], "s", ratio, "≤ 5× bare",
        ratio <= 5, note="newest session selected, Matrix tab painted, event loop idle")

    me = r["matrix_edit"]
    for key, ref_key, label in (("model", "reference_model", "2a Matrix edit 300×12: model"),
                                ("store", "reference_model", "2b Matrix edit: + store write"),
                                ("window", "reference_view", "2c Matrix edit: whole window + paint")):
        app_v, ref_v = me[key], me[ref_key]
        ratio = _ratio(app_v["p99_ms"], ref_v["p99_ms"])
        row(label, app_v["p99_ms"], ref_v["p99_ms"], "ms", ratio, "p99 < 8 ms", app_v["p99_ms"] < 8,
            app_text=f"{app_v['p50_ms']:.2f} / {app_v['p99_ms']:.2f} ms",
            ref_text=f"{ref_v['p50_ms']:.3f} / {ref_v['p99_ms']:.3f} ms",
            note={"model": "MatrixModel.apply_score + data() of the signalled cells in view; p50 / p99",
                  "store": "desk.scoring.set_score (committed) + read back + apply_score + data(); p50 / p99",
                  "window": "MatrixController.set_score (undo command) + processEvents (paint); p50 / p99"}[key])

    op = r["open_session"]
    ratio = _ratio(op["app"]["p50_ms"], op["reference"]["p50_ms"])
    row("3 Open a session (5-year store)", op["app"]["p50_ms"], op["reference"]["p50_ms"], "ms", ratio, "< 100 ms",
        op["app"]["p50_ms"] < 100, app_text=f"{op['app']['p50_ms']:.0f} ms (max {op['app']['max_ms']:.0f})",
        ref_text=f"{op['reference']['p50_ms']:.1f} ms",
        note="select_session until the Matrix tab has painted, median of 30; ref: QTableView given a new "
             "QStandardItemModel of the same cells")

    pg = r.get("postgresql")
    if pg:  # the same figures with the store on a PostgreSQL server on loopback; the reference is SQLite's
        app_v, ref_v = pg["matrix_edit"]["store"], me["store"]
        row("2b′ Matrix edit: + store write, PostgreSQL", app_v["p99_ms"], ref_v["p99_ms"], "ms",
            _ratio(app_v["p99_ms"], ref_v["p99_ms"]), "—", None,
            app_text=f"{app_v['p50_ms']:.2f} / {app_v['p99_ms']:.2f} ms",
            ref_text=f"{ref_v['p50_ms']:.2f} / {ref_v['p99_ms']:.2f} ms (SQLite)",
            note=f"{pg['server']} on 127.0.0.1; a score edit is 3 statements, so a 30 ms link adds about 90 ms")
        app_o = pg["open_session"]["app"]
        row("3′ Open a session, PostgreSQL", app_o["p50_ms"], op["app"]["p50_ms"], "ms",
            _ratio(app_o["p50_ms"], op["app"]["p50_ms"]), "—", None,
            app_text=f"{app_o['p50_ms']:.0f} ms (max {app_o['max_ms']:.0f})", ref_text=f"{op['app']['p50_ms']:.0f} ms "
            "(SQLite)", note="as figure 3, the store on 127.0.0.1")

    pdf = r["pdf"]
    lo = pdf.get("soffice")
    lo_s = lo["median_s"] if lo else None
    inproc_s = pdf["inproc"]["median_s"]
    ratio = _ratio(inproc_s, lo_s)
    row("4a PDF record, in-process (File → Export)", inproc_s, lo_s, "s", ratio, "≥ 10× faster (ratio ≤ 0.1)",
        None if ratio is None else ratio <= 0.1,
        ref_text=None if lo else "unavailable",
        note=f"median of 5 after the first export ({pdf['inproc']['first_s']:.2f} s), each with the 2×2 chart's "
             f"layout cache empty; {pdf['inproc'].get('pages', '?')} pages")
    cli_s = pdf["cli"]["median_s"]
    ratio = _ratio(cli_s, lo_s)
    row("4b PDF record, new CLI process", cli_s, lo_s, "s", ratio, "faster than LibreOffice (ratio < 1)",
        None if ratio is None else ratio < 1, ref_text=None if lo else "unavailable",
        note=f"peak RSS {pdf['cli']['peak_rss_mb']:.0f} MB vs LibreOffice "
             + (f"{lo['peak_rss_mb']:.0f} MB" if lo else "unavailable"))
    ratio = _ratio(a["peak_rss_mb"], b["peak_rss_mb"])
    row("5 Peak RSS, GUI + 5-year store + matrix", a["peak_rss_mb"], b["peak_rss_mb"], "MB", ratio, "< 150 MB",
        a["peak_rss_mb"] < 150, note="VmHWM of the cold-start processes, median, read once the ORM is loaded")
    row("5′ Peak RSS, the new target", a["peak_rss_mb"], b["peak_rss_mb"], "MB", ratio, "< 120 MB",
        a["peak_rss_mb"] < 120, note="the same figure against issue 15's new, lower target")

    lg = r["log_pdf"]
    row("6 Decision-log PDF, 5-year store", lg["median_s"], None, "s", None, "≤ 1 s", lg["median_s"] <= 1, ref_text="—",
        note=f"{lg['sessions']} sessions, {lg['decisions']} decisions, {lg.get('pages', '?')} pages; in-process, "
             f"median of {len(lg['samples_s'])} after the first ({lg['first_s']:.2f} s)")
    ci = r["csv_import"]
    row("7 Import a 10,000-row CSV", ci["median_s"], None, "s", None, "≤ 1 s", ci["median_s"] <= 1, ref_text="—",
        note=f"read, checked and added to a new session ({ci['bytes'] / 2**20:.1f} MB); every row bad: "
             f"{ci['bad_rows']['median_s']:.2f} s to list the errors")
    return rows


def _fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "unavailable"
    if unit == "s":
        return f"{v:.3f} s"
    if unit == "ms":
        return f"{v:.2f} ms"
    return f"{v:.0f} {unit}"


def table(rows: list[dict]) -> str:
    head = ("Figure", "App", "Reference", "Ratio", "Target", "Met")
    body = []
    for x in rows:
        body.append((x["figure"], x["app_text"] or _fmt(x["app"], x["unit"]),
                     x["ref_text"] or _fmt(x["reference"], x["unit"]),
                     "—" if x["ratio"] is None else f"{x['ratio']:.2f}×", x["target"],
                     "—" if x["met"] is None else ("yes" if x["met"] else "NO")))
    widths = [max(len(str(r[i])) for r in (head, *body)) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(head), sep, *(line(b) for b in body)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run, not for the README)")
    parser.add_argument("--json", default=str(HERE / "results.json"), help="where to write the results")
    parser.add_argument("--keep", action="store_true", help="keep the generated stores (path is printed)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs = 2 if args.quick else COLD_RUNS

    global PYCACHE
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="td-bench-"))
    PYCACHE = work / "pycache"
    results: dict = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(),
                     "quick": args.quick}
    log(f"machine: {results['machine']}")
    try:
        import stores

        log("generating the stores (five-year, 300×12 matrix, 100-priority PDF session)")
        t0 = time.monotonic()
        five = stores.five_year_store(work / "five-year")
        big = stores.matrix_store(work / "matrix")
        pdfs = stores.pdf_store(work / "pdf")
        results["stores"] = {"five_year": {k: v for k, v in five.items() if k != "session_ids"}, "matrix": big,
                             "pdf": pdfs, "generated_in_s": time.monotonic() - t0}
        log(f"  generated in {results['stores']['generated_in_s']:.1f} s")

        src = REPO / "src" / "tension_desk"
        if src.is_dir():  # as pip does on install; the cold-start warm-ups compile whatever else is imported
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], env=child_env(), check=False,
                           stdout=subprocess.DEVNULL)
        results["cold_start"] = bench_cold_start(work / "five-year", runs)

        log("matrix edit: 500 edits × (model, store, window) on 300 × 12")
        results["matrix_edit"] = run_child([str(HERE / "inproc.py"), "matrix-edit", str(work / "matrix"),
                                            str(big["session_id"])], "matrix edit", QT_QPA_UPDATE_IDLE_TIME="0")

        log("open a session from the list, 30 times")
        results["open_session"] = run_child([str(HERE / "inproc.py"), "open-session", str(work / "five-year")],
                                            "open session", QT_QPA_UPDATE_IDLE_TIME="0")

        results["pdf"] = bench_pdf(work / "pdf", pdfs["session_id"], work, CLI_RUNS if not args.quick else 2)

        log("decision-log PDF of the five-year store")
        results["log_pdf"] = run_child([str(HERE / "inproc.py"), "log-pdf", str(work / "five-year"),
                                        str(work / "log.pdf")], "decision-log PDF", timeout=900)
        log("importing a 10,000-row CSV into a new session (a store of its own)")
        results["csv_import"] = run_child([str(HERE / "inproc.py"), "csv-import", str(work / "csv")], "CSV import",
                                          timeout=900)
        results["postgresql"] = bench_postgresql(work, big["session_id"])
    finally:
        if args.keep:
            log(f"stores kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    rows = build_rows(results)
    results["table"] = rows
    results["elapsed_s"] = time.monotonic() - started
    text = table(rows)
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m = results["machine"]
    print(f"\nTension Desk benchmarks — {results['date']} — {m['nproc']} × {m['cpu']}, Python {m['python']}, "
          f"PySide6 {m.get('pyside6', '?')} (Qt {m.get('qt', '?')})")
    print(text)
    print(f"\n(ratios: app ÷ reference; {results['elapsed_s']:.0f} s in all; load average "
          f"{m['load_average_at_start'][0]:.2f} at the start, {m['load_average_at_end'][0]:.2f} at the end; "
          f"raw figures in {args.json})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
