"""export-workspace / import-workspace, run as a user would: a new process, exit codes, stdout and stderr."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(*args, env_dir=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("TENSION_DESK_DATA_DIR", None)
    if env_dir is not None:
        env["TENSION_DESK_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


def one_line_error(r) -> str:
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and r.stderr.startswith("tension-desk: "), r.stderr
    assert r.stderr.count("\n") == 1, r.stderr
    return r.stderr


@pytest.fixture(scope="module")
def exported(tmp_path_factory, new_store):
    """A sample store and its workspace file (--data-dir after the subcommand), on each store: the data dir,
    the file, and a function that makes a new empty store of the same kind (returns the arguments naming it)
    whose first result names the sample's."""
    tmp = tmp_path_factory.mktemp("ws-cli")
    a, out = tmp / "a", tmp / "1.json"
    store = new_store()
    r = run("--data-dir", a, "sample", *store)
    assert r.returncode == 0, r.stderr
    r = run("export-workspace", "-o", out, "--data-dir", a, *store)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"wrote {out}"
    return a, out, store, new_store


def test_export_import_export_gives_the_same_bytes(exported, tmp_path):
    _a, out1, _store, new_store = exported
    doc = json.loads(out1.read_text(encoding="utf-8"))
    assert doc["format"] == "tension-desk-workspace" and len(doc["sessions"]) == 3
    assert not list(out1.parent.glob("*.partial"))  # written atomically, no temporary file left
    b, out2, fresh = tmp_path / "b", tmp_path / "2.json", new_store()
    r = run("--data-dir", b, *fresh, "import-workspace", out1)  # --data-dir before the subcommand
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"imported 3 sessions, {len(doc['priorities'])} priorities, 2 decisions"
    r = run("export-workspace", "--output", out2, *fresh, env_dir=b)  # and through the environment variable
    assert r.returncode == 0, r.stderr
    assert out1.read_bytes() == out2.read_bytes()
    r = run("sessions", "--json", "--data-dir", b, *fresh)
    assert sorted(s["id"] for s in json.loads(r.stdout)) == [s["id"] for s in doc["sessions"]]


def test_import_into_a_store_that_is_not_empty_is_refused(exported):
    a, out, store, _new_store = exported
    before = out.read_bytes()
    r = run("import-workspace", out, "--data-dir", a, *store)
    assert "the store is not empty: import-workspace only fills a new store" in one_line_error(r)
    check = out.parent / "check.json"
    assert run("export-workspace", "-o", check, "--data-dir", a, *store).returncode == 0
    assert check.read_bytes() == before  # nothing changed


@pytest.mark.parametrize("case", ["missing file", "a folder", "not json", "dangling reference", "no output folder"])
def test_errors_are_one_line_on_stderr_never_a_traceback(case, exported, tmp_path):
    a, out, store, new_store = exported
    new = tmp_path / "new"
    fresh = new_store()  # a new empty store to import into
    if case == "missing file":
        r = run("import-workspace", tmp_path / "nope.json", "--data-dir", new, *fresh)
        assert "no such file" in one_line_error(r)
    elif case == "a folder":
        r = run("import-workspace", tmp_path, "--data-dir", new, *fresh)
        assert "is a folder" in one_line_error(r)
    elif case == "not json":
        bad = tmp_path / "bad.json"
        bad.write_bytes(b"\xff\xfe not json")
        assert "not UTF-8" in one_line_error(run("import-workspace", bad, "--data-dir", new, *fresh))
    elif case == "dangling reference":
        doc = json.loads(out.read_text(encoding="utf-8"))
        doc["scores"][3]["criterion_id"] = 4242
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(doc), encoding="utf-8")
        err = one_line_error(run("import-workspace", bad, "--data-dir", new, *fresh))
        assert "scores[3]: criterion_id 4242 refers to no entry of criteria" in err
        r = run("sessions", "--json", "--data-dir", new, *fresh)
        assert r.returncode == 0 and json.loads(r.stdout) == []  # nothing was imported
    else:
        r = run("export-workspace", "-o", tmp_path / "no" / "such" / "w.json", "--data-dir", a, *store)
        assert "does not exist" in one_line_error(r)


def test_usage_errors_exit_2():
    assert run("export-workspace").returncode == 2  # -o is required
    assert run("import-workspace").returncode == 2  # FILE.json is required
