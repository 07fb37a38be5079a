"""Errors on the command line: one clear line, no traceback, no hang; reads of input files are bounded.
On each store (``new_store``): a shared workspace reads its input files with the same care."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run(*args, data_dir, tmp_path, stdin=None, **kw):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "xdg-state"))
    env.pop("TENSION_DESK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=60, stdin=stdin, **kw)


def one_line(r) -> str:
    assert r.returncode != 0, r.stdout
    assert "Traceback" not in r.stderr and r.stderr.startswith("tension-desk: "), r.stderr
    assert r.stderr.count("\n") == 1, r.stderr
    return r.stderr


@pytest.fixture(scope="module")
def sampled(tmp_path_factory, new_store):
    d = tmp_path_factory.mktemp("errors") / "data"
    store = new_store()
    r = run(*store, "sample", data_dir=d, tmp_path=d.parent)
    assert r.returncode == 0, r.stderr
    return d, int(r.stdout.split()[0]), store


def sparse(path, size):
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "folder", "sparse 1 GB"])
@pytest.mark.parametrize("command", ["import-csv", "import-workspace"])
def test_imports_read_regular_files_only_and_never_unbounded(command, kind, sampled, tmp_path):
    d, sid, store = sampled
    if kind == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)  # nobody ever writes: a blocking open or read would hang until the timeout
    elif kind == "folder":
        path = tmp_path
    elif kind == "sparse 1 GB":
        path = sparse(tmp_path / "huge", 1024**3)
    else:
        path = kind
    extra = ["--session", sid] if command == "import-csv" else []
    err = one_line(run(*store, command, path, *extra, data_dir=d, tmp_path=tmp_path))
    expected = {"fifo": "not a regular file", "/dev/zero": "not a regular file", "folder": "is a folder",
                "sparse 1 GB": "larger than"}[kind]
    assert expected in err and str(path) in err


def test_a_huge_workspace_file_is_refused_before_it_is_read(tmp_path):
    import tracemalloc

    from tension_desk.services.importing import MAX_WORKSPACE_BYTES, UnreadableFile, read_limited

    path = sparse(tmp_path / "workspace.json", 1024**3)
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile, match="larger than 200 MB"):
            read_limited(path, MAX_WORKSPACE_BYTES)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_a_file_just_under_the_cap_is_read_whole(tmp_path):
    from tension_desk.services.importing import read_limited

    path = tmp_path / "w.json"
    path.write_bytes(b"x" * 1000)
    assert read_limited(path, 1000) == b"x" * 1000
    path.write_bytes(b"x" * 1001)
    with pytest.raises(ValueError, match="larger than"):
        read_limited(path, 1000)


def test_sessions_prints_stored_control_characters_escaped(tmp_path, new_store, behind_the_app):
    d, store = tmp_path / "data", new_store()
    r = run(*store, "sample", data_dir=d, tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    first = int(r.stdout.split()[0])  # as an older version (or another client of the server) might have stored it
    behind_the_app(d, store, "UPDATE session SET title = :t WHERE id = :i", t="Q4\x1b]0;pwned\x07\nfake line", i=first)
    r = run(*store, "sessions", data_dir=d, tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "Q4\\x1b]0;pwned\\x07\\nfake line" in r.stdout
    assert len(r.stdout.splitlines()) == 3


def test_backups_and_restore_print_a_backup_file_name_escaped(tmp_path, new_store):
    """On a shared workspace the daily backup is a workspace JSON in backups/shared (restore is refused there:
    it goes back with import-workspace), and ``backups`` lists it escaped all the same."""
    d, store = tmp_path / "data", new_store()
    for args in ("sample", "sessions"):  # the daily backup is taken when an existing store is opened
        r = run(*store, args, data_dir=d, tmp_path=tmp_path)
        assert r.returncode == 0, r.stderr
    [daily] = (d / "backups" / "shared" if store else d / "backups").iterdir()
    hostile = daily.with_name(daily.name.replace("daily", "daily\x1b]0;pwned\x07\x1b[2J\u202e"))
    daily.rename(hostile)
    for args in (["backups"], *([] if store else [["restore", hostile.name]])):
        r = run(*store, *args, data_dir=d, tmp_path=tmp_path)
        assert r.returncode == 0, r.stderr
        assert not {"\x1b", "\x07", "\u202e"} & set(r.stdout + r.stderr), r.stdout
        assert "daily\\x1b]0;pwned\\x07\\x1b[2J\\u202e" in r.stdout  # the name, readable and inert


@pytest.mark.parametrize("command", ["export", "import-csv"])
def test_a_session_id_beyond_what_either_store_holds_is_not_a_session_id(command, sampled, tmp_path):
    """The largest id either store holds (PostgreSQL's integer) is looked up; one more is no session id at all
    (a server took it for an unexpected error: 'integer out of range')."""
    from tension_desk.domain import limits

    d, _sid, store = sampled
    csv = tmp_path / "p.csv"
    csv.write_text("title,side\nLate idea,product\n", encoding="utf-8")
    args = ["--format", "md", "-o", "-"] if command == "export" else [csv]
    r = run(*store, command, *args, "--session", limits.INTEGER + 1, data_dir=d, tmp_path=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.splitlines()[-1].endswith(f"'{limits.INTEGER + 1}' is not a session id (see `tension-desk "
                                              "sessions`)")
    err = one_line(run(*store, command, *args, "--session", limits.INTEGER, data_dir=d, tmp_path=tmp_path))
    assert err.strip() == f"tension-desk: there is no session {limits.INTEGER}"
