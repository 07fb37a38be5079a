"""The command line, run as a user would: a new process, exit codes, stdout and stderr."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tension_desk import __version__


def run(*args, env_dir=None, cwd=None):
    env = dict(os.environ)
    env.pop("TENSION_DESK_DATA_DIR", None)
    if env_dir is not None:
        env["TENSION_DESK_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def test_version():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"tension-desk {__version__}"


@pytest.fixture(scope="module")
def sampled(tmp_path_factory, new_store):
    """The sample on each store: the data dir, the new session ids, and the arguments naming the store."""
    d = tmp_path_factory.mktemp("cli") / "data"
    store = new_store()
    r = run(*store, "--data-dir", d, "sample")
    assert r.returncode == 0, r.stderr
    return d, [int(x) for x in r.stdout.split()], store


def test_sample_prints_the_new_session_ids_and_sessions_lists_them(sampled):
    d, ids, store = sampled
    assert len(ids) == 3
    r = run("sessions", "--json", "--data-dir", d, *store)  # --data-dir after the subcommand
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert sorted(s["id"] for s in listed) == sorted(ids)
    assert {"id", "title", "date", "status"} <= set(listed[0])
    plain = run("sessions", *store, env_dir=d)  # and through the environment variable
    assert plain.returncode == 0 and "November tension session" in plain.stdout


def test_import_csv_all_or_nothing(sampled, tmp_path):
    d, ids, store = sampled
    good = tmp_path / "good.csv"
    good.write_text("title,side,description,effort_weeks,idea_date,link\n"
                    "Dark mode,product,,2,2026-10-01,\nKill the cron box,engineering,,1,,\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("title,side,effort_weeks\nOK,product,1\nNope,marketing,1\nAlso bad,product,lots\n")
    r = run("import-csv", bad, "--session", ids[0], "--data-dir", d, *store)
    assert r.returncode != 0
    assert "nothing imported" in r.stderr and ":line 3: side 'marketing'" in r.stderr and ":line 4:" in r.stderr
    assert "Traceback" not in r.stderr
    r = run(*store, "--data-dir", d, "import-csv", good, "--session", ids[-1])  # November: open (September is sealed)
    assert r.returncode == 0, r.stderr
    assert "imported 2 priorities" in r.stdout


@pytest.mark.parametrize("case", ["missing file", "unknown session", "bad encoding", "damaged store"])
def test_errors_are_one_line_on_stderr_never_a_traceback(case, tmp_path, sampled):
    d, ids, store = sampled
    if case == "damaged store" and store:
        pytest.skip("SQLite only: a damaged store file")
    f = tmp_path / "x.csv"
    f.write_text("title,side\nA,product\n")
    session = ids[0]
    if case == "missing file":
        f = tmp_path / "nope.csv"
    elif case == "unknown session":
        session = 4242
    elif case == "bad encoding":
        f.write_bytes("title,side\nCaf\xe9,product\n".encode("latin-1"))
    elif case == "damaged store":
        d = tmp_path / "damaged"
        d.mkdir()
        (d / "tension-desk.sqlite3").write_bytes(b"garbage" * 500)
    r = run("import-csv", f, "--session", session, "--data-dir", d, *store)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert r.stderr.startswith("tension-desk: ")
