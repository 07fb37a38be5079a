"""Mutation testing of ``src/tension_desk/domain`` (``make mutation``): do the tests notice a small wrong change?

Each mutant is one small change to one module: a comparison flipped (``<`` ↔ ``<=``, ``==`` ↔ ``!=``,
``is`` ↔ ``is not``, ``in`` ↔ ``not in``), ``+``/``-`` or ``*``/``/`` swapped, a number constant changed,
``True`` ↔ ``False``, ``and`` ↔ ``or``, ``return x`` → ``return None``, ``min`` ↔ ``max``, ``break`` ↔
``continue``. For every mutant a forked child loads the mutated module in place of the real one and runs, of
that module's tests, those that execute the mutated line in a clean traced run (every one of them for a line
run at import), fastest first, with ``pytest -x`` and the deeper hypothesis profile (``mutation``, derandomized:
a test that never reaches the mutated code runs exactly as it did without it). A failing run kills the mutant,
and so does a hang: more CPU time than three clean runs of all the module's tests.
Mutants listed in ``mutation/equivalent.txt`` change nothing a caller can see and are left out of the score.

    python mutation/run.py [module ...] [--list]     # default: every module in MODULE_TESTS
"""
from __future__ import annotations

import argparse
import ast
import copy
import importlib.abc
import importlib.util
import json
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = ROOT / "src" / "tension_desk" / "domain"
EQUIVALENT = Path(__file__).resolve().parent / "equivalent.txt"
THRESHOLD = 90.0

# Each module's own tests: a mutant is run against these only.
MODULE_TESTS = {
    "blind": ["tests/domain/test_blind.py"],
    "capacity": ["tests/domain/test_capacity.py"],
    "csv_import": ["tests/domain/test_csv_import.py", "tests/domain/test_csv_import_mutants.py"],
    "dates": ["tests/domain/test_dates.py"],
    "limits": ["tests/domain/test_limits.py"],
    "model": ["tests/domain/test_model.py"],
    "outcomes": ["tests/domain/test_outcomes.py"],
    "quarters": ["tests/domain/test_quarters.py"],
    "scoring": ["tests/domain/test_scoring.py", "tests/domain/test_divergence.py"],
    "script": ["tests/domain/test_script.py"],
    "seats": ["tests/domain/test_seats.py"],
    "validation": ["tests/domain/test_validation.py", "tests/domain/test_validation_mutants.py"],
}

_COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
_BINARY = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult}
_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
           ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
           ast.Div: "/", ast.FloorDiv: "//", ast.And: "and", ast.Or: "or"}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    col: int
    what: str      # e.g. "<= → <"
    node: int      # index of the node in ast.walk order
    op: int        # which operator of a chained comparison
    text: str      # the source line, stripped: keys survive edits elsewhere in the file
    reach: frozenset[int] = frozenset()  # lines of which one runs whenever the mutated code runs
    everywhere: bool = False             # runs at import (module or class level): every test may see it

    @property
    def key(self) -> str:
        return f"{self.module}.py:{self.col} {self.what} :: {self.text}"


def _skipped_nodes(tree: ast.AST) -> set[int]:
    """Annotations (never evaluated under ``from __future__ import annotations``) and docstrings."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        roots = []
        if isinstance(node, ast.arg) and node.annotation:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
        for root in roots:
            skip.update(id(n) for n in ast.walk(root))
    return skip


def _sites(tree: ast.AST, module: str):
    """(node index, operator index, description) for every mutation of the tree."""
    skip = _skipped_nodes(tree)
    for i, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for j, op in enumerate(node.ops):
                if type(op) in _COMPARE:
                    nth = f" (#{j + 1})" if len(node.ops) > 1 else ""
                    yield i, j, f"{_SYMBOL[type(op)]} → {_SYMBOL[_COMPARE[type(op)]]}{nth}", node
        elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BINARY:
            yield i, 0, f"{_SYMBOL[type(node.op)]} → {_SYMBOL[_BINARY[type(node.op)]]}", node
        elif isinstance(node, ast.BoolOp):
            yield i, 0, "and → or" if isinstance(node.op, ast.And) else "or → and", node
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
            yield i, 0, f"{node.value!r} → {_changed(node.value)!r}", node
        elif isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            yield i, 0, "return x → return None", node
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
            yield i, 0, f"{node.func.id} → {'max' if node.func.id == 'min' else 'min'}", node
        elif isinstance(node, (ast.Break, ast.Continue)):
            yield i, 0, "break → continue" if isinstance(node, ast.Break) else "continue → break", node


def _changed(value):
    return (not value) if isinstance(value, bool) else value + 1


def _reach(node: ast.AST, parents: dict[int, ast.AST]) -> tuple[frozenset[int], bool]:
    """The lines of ``node`` and of the header of its innermost statement (a compound statement's body runs
    separately), and whether that statement runs at import rather than inside a function."""
    stmt = node
    while not isinstance(stmt, ast.stmt):
        stmt = parents[id(stmt)]
    body = getattr(stmt, "body", None)
    end = body[0].lineno - 1 if isinstance(body, list) and body and isinstance(body[0], ast.stmt) else stmt.end_lineno
    start = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", []))])
    lines = set(range(start, max(start, end or start) + 1)) | set(range(node.lineno, (node.end_lineno or 0) + 1))
    scope = parents.get(id(stmt))
    while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        scope = parents.get(id(scope))
    return frozenset(lines), scope is None


def mutants(module: str) -> tuple[ast.Module, list[Mutant]]:
    source = (DOMAIN / f"{module}.py").read_text(encoding="utf-8")
    tree, lines = ast.parse(source), source.splitlines()
    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    found, seen = [], {}
    for i, j, what, n in _sites(tree, module):
        text = lines[n.lineno - 1].strip()
        seen[(n.col_offset, what, text)] = count = seen.get((n.col_offset, what, text), 0) + 1
        # the same change on an identical line elsewhere: numbered from the second one on
        found.append(Mutant(module, n.lineno, n.col_offset, what, i, j, text + (f"  #{count}" if count > 1 else ""),
                            *_reach(n, parents)))
    return tree, found


def mutate(tree: ast.Module, m: Mutant) -> ast.Module:
    tree = copy.deepcopy(tree)
    node = next(n for i, n in enumerate(ast.walk(tree)) if i == m.node)
    if isinstance(node, ast.Compare):
        node.ops[m.op] = _COMPARE[type(node.ops[m.op])]()
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        node.op = _BINARY[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.Constant):
        node.value = _changed(node.value)
    elif isinstance(node, ast.Return):
        node.value = ast.Constant(None)
    elif isinstance(node, ast.Call):
        node.func = ast.Name("max" if node.func.id == "min" else "min", ast.Load())
    else:
        replacement = ast.Continue() if isinstance(node, ast.Break) else ast.Break()
        for parent in ast.walk(tree):  # swap the statement in its parent's body
            for field in ("body", "orelse", "finalbody"):
                body = getattr(parent, field, None)
                if isinstance(body, list) and any(s is node for s in body):
                    body[[s is node for s in body].index(True)] = ast.copy_location(replacement, node)
    return ast.fix_missing_locations(tree)


class _MutantLoader(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the mutated code for one module name."""

    def __init__(self, fullname: str, code, path: str):
        self.fullname, self.code, self.path = fullname, code, path

    def find_spec(self, fullname, path, target=None):
        if fullname != self.fullname:
            return None
        return importlib.util.spec_from_loader(fullname, self, origin=self.path)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__file__ = self.path
        exec(self.code, module.__dict__)


class _Coverage:
    """pytest plugin for the clean run: which lines of the module each test executes, and how long it takes.
    Lines run while collecting (the module's own top level, strategies and parameters built at import) go
    under ``COLLECTION``: a mutant there may change any test, so every test runs for it."""

    COLLECTION = "<collection>"

    def __init__(self, path: str, out: str):
        self.path, self.out = path, out
        self.lines: dict[str, set[int]] = {}
        self.seconds: dict[str, float] = {}

    def _traced(self, key: str):
        seen = self.lines.setdefault(key, set())

        def local(frame, event, arg):
            if event == "line":
                seen.add(frame.f_lineno)
            return local

        def tracer(frame, event, arg):
            return local if frame.f_code.co_filename == self.path else None
        return tracer

    @pytest.hookimpl(hookwrapper=True)
    def pytest_collection(self, session):
        sys.settrace(self._traced(self.COLLECTION))
        yield
        sys.settrace(None)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        sys.settrace(self._traced(item.nodeid))
        start = time.process_time()
        yield
        self.seconds[item.nodeid] = time.process_time() - start
        sys.settrace(None)

    def pytest_sessionfinish(self, session):
        with open(self.out, "w", encoding="utf-8") as f:
            json.dump({"lines": {k: sorted(v) for k, v in self.lines.items()}, "seconds": self.seconds}, f)


class _Order:
    """pytest plugin: run the tests in ``order`` (node ids) in that order; with ``only``, no others. Selecting
    after collection (not by node ids on the command line) lets a mutant that breaks collection fail the run."""

    def __init__(self, order: list[str], only: bool):
        self.rank, self.only = {nodeid: i for i, nodeid in enumerate(order)}, only

    def pytest_collection_modifyitems(self, session, config, items):
        if self.only:
            config.hook.pytest_deselected(items=[i for i in items if i.nodeid not in self.rank])
            items[:] = [i for i in items if i.nodeid in self.rank]
        items.sort(key=lambda i: self.rank.get(i.nodeid, len(self.rank)))


def _run_child(files: list[str], module: str, tree: ast.Module | None, coverage_out: str | None = None,
               order: _Order | None = None) -> int:
    """Fork; the child runs the tests in ``files`` (as ``order`` says, stopping at the first failure) with
    ``module`` replaced by ``tree`` (None: unmutated; then ``coverage_out`` receives what each test ran).
    Returns the pid."""
    pid = os.fork()
    if pid:
        return pid
    try:
        os.setpgrp()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        path = str(DOMAIN / f"{module}.py")
        plugins = [_Coverage(path, coverage_out)] if coverage_out else [order] if order else []
        if tree is not None:
            code = compile(tree, path, "exec")
            sys.meta_path.insert(0, _MutantLoader(f"tension_desk.domain.{module}", code, path))
        rc = pytest.main([*files, "-x", "-q", "-p", "no:cacheprovider",
                          "-W", "ignore::pytest.PytestAssertRewriteWarning"], plugins=plugins)
        os._exit(int(rc))
    except BaseException:
        os._exit(99)


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by the child (user + system), from /proc: the other work on the machine slows
    a run down without making it count as a hang."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _poll(pid: int, cpu_limit: float, deadline: float) -> tuple[int | None, float] | None:
    """None while the child runs; then its exit code and CPU seconds. The code is None when it used more than
    ``cpu_limit`` CPU seconds or ran past ``deadline`` (it is then killed: a mutant that hangs is killed)."""
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        return os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime
    if _cpu_seconds(pid) > cpu_limit or time.monotonic() > deadline:
        os.killpg(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return None, cpu_limit
    return None


def _wait(pid: int, cpu_limit: float) -> tuple[int | None, float]:
    """Wait for the child (``_poll``), at most twenty times ``cpu_limit`` on the clock."""
    deadline = time.monotonic() + 20 * cpu_limit
    while (result := _poll(pid, cpu_limit, deadline)) is None:
        time.sleep(0.02)
    return result


def load_equivalent() -> dict[str, str]:
    """A mutant's key (``module.py:col what :: source line``) → the reason it changes nothing. The file holds
    a reason line (``# why``) followed by the keys it explains; other '#' lines are comments."""
    out, reason = {}, ""
    for raw in EQUIVALENT.read_text(encoding="utf-8").splitlines() if EQUIVALENT.exists() else []:
        if raw.startswith("# why: "):
            reason = raw.removeprefix("# why: ").strip()
        elif raw.strip() and not raw.startswith("#"):
            out[raw.strip()] = reason
    return out


def _clean_run(tests: list[str], module: str) -> tuple[float, dict[str, set[int]], dict[str, float]]:
    """Run the tests without a mutant: the CPU seconds of a whole run, and what each test executes of the
    module and how long it takes (from a second, traced run)."""
    rc, clean_cpu = _wait(_run_child(tests, module, None), 600)
    if rc != 0:
        raise SystemExit(f"{module}: the tests fail without any mutant (exit {rc}); fix them first")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "coverage.json")
        rc, _ = _wait(_run_child(tests, module, None, coverage_out=out), 600)
        data = json.loads(Path(out).read_text(encoding="utf-8")) if rc == 0 else None
    if data is None:
        raise SystemExit(f"{module}: the traced clean run failed (exit {rc})")
    return clean_cpu, {k: set(v) for k, v in data["lines"].items()}, data["seconds"]


def run_module(module: str, equivalent: dict[str, str], verbose: bool, only: list[str] | None = None,
               jobs: int = 1) -> tuple[int, int, int, list[str]]:
    """Each mutant runs only the tests that execute its line in the clean run (all of them for a line that
    runs at import), the fastest first, stopping at the first failure; a test that never reaches the mutated
    code runs exactly as it did without it. A run using more than three times the CPU of the whole clean run
    is a hang, and kills the mutant."""
    tests = [t for t in MODULE_TESTS[module] if (ROOT / t).exists()]
    if not tests:
        print(f"{module}: no tests", flush=True)
        return 0, 0, 0, []
    tree, found = mutants(module)
    if only:
        found = [m for m in found if m.key in only]
    clean_cpu, lines, seconds = _clean_run(tests, module)
    at_collection = lines.pop(_Coverage.COLLECTION, set())
    fastest_first = sorted(seconds, key=seconds.__getitem__)
    cpu_limit = max(3.0, 3 * clean_cpu)
    killed = done = 0
    survivors = []
    pending = [m for m in found if m.key not in equivalent]
    to_run = len(pending)
    running: dict[int, tuple[Mutant, float]] = {}  # pid → (mutant, deadline)

    def finished(m: Mutant, rc: int | None, reached: bool) -> None:
        nonlocal killed, done
        done += 1
        if verbose and done % 50 == 0:
            print(f"  … {done}/{to_run} mutants of {module}", flush=True)
        if rc == 0:
            survivors.append(m.key)
            if verbose:
                print(f"  survived (line {m.line}){'' if reached else ' (no test reaches it)'}: {m.key}", flush=True)
        else:
            killed += 1

    while pending or running:
        while pending and len(running) < jobs:
            m = pending.pop(0)
            everywhere = m.everywhere or bool(m.reach & at_collection)
            chosen = fastest_first if everywhere else [t for t in fastest_first if lines.get(t, set()) & m.reach]
            if not chosen:
                finished(m, 0, reached=False)
                continue
            pid = _run_child(tests, module, mutate(tree, m), order=_Order(chosen, only=not everywhere))
            running[pid] = (m, time.monotonic() + 20 * cpu_limit)
        for pid, (m, deadline) in list(running.items()):
            if (result := _poll(pid, cpu_limit, deadline)) is not None:
                del running[pid]
                finished(m, result[0], reached=True)
        time.sleep(0.02)
    return len(found), len(found) - done, killed, survivors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="domain modules (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="mutants run at the same time (default 1; the machine may be shared)")
    parser.add_argument("--only", action="append", metavar="KEY",
                        help="run only this mutant (a key as --list prints it); may be repeated")
    args = parser.parse_args(argv)
    modules = args.modules or sorted({k.split(".py:")[0] for k in args.only or []}) or list(MODULE_TESTS)
    unknown = [m for m in modules if m not in MODULE_TESTS]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(MODULE_TESTS)}")
    os.chdir(ROOT)
    os.environ["TENSION_DESK_HYPOTHESIS_PROFILE"] = "mutation"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.list:
        for module in modules:
            for m in mutants(module)[1]:
                print(m.key)
        return 0
    equivalent = load_equivalent()
    known = {m.key for module in modules for m in mutants(module)[1]}
    stale = [k for k in equivalent if k.split(".py:")[0] in modules and k not in known and not args.only]
    import hypothesis  # noqa: F401 - imported once here (pytest too), so each forked child starts warm
    rows, low = [], False
    for module in modules:
        t0 = time.monotonic()
        total, skipped, killed, _ = run_module(module, equivalent, verbose=True, only=args.only, jobs=args.jobs)
        counted = total - skipped
        score = 100.0 * killed / counted if counted else 100.0
        low |= score < THRESHOLD
        rows.append((module, total, skipped, killed, score))
        print(f"{module}: {killed}/{counted} killed ({score:.1f}%), {skipped} equivalent, "
              f"{time.monotonic() - t0:.0f} s", flush=True)
    print(f"\n{'module':<12} {'mutants':>8} {'equiv.':>7} {'killed':>7} {'score':>7}")
    for module, total, skipped, killed, score in rows:
        print(f"{module + '.py':<12} {total:>8} {skipped:>7} {killed:>7} {score:>6.1f}%")
    all_counted = sum(r[1] - r[2] for r in rows)
    all_killed = sum(r[3] for r in rows)
    if all_counted:
        print(f"{'all':<12} {sum(r[1] for r in rows):>8} {sum(r[2] for r in rows):>7} {all_killed:>7} "
              f"{100.0 * all_killed / all_counted:>6.1f}%")
    for key in stale:
        print(f"stale entry in {EQUIVALENT.name} (no such mutant any more): {key}")
    return 1 if low or stale else 0


if __name__ == "__main__":
    sys.exit(main())
