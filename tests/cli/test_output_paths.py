"""Where an export may go: never onto the store, its WAL/SHM or a backup, never onto anything that is not a
regular file; ``-o -`` is standard output; long names work and a failed write leaves nothing behind.

On each store (``new_store``), but the refusals of the embedded store's own files (the store, its WAL/SHM, its
backups, its lock, the copies set aside): those files exist only beside the SQLite store (``SQLITE_FILES``);
a shared workspace's daily backups in the same folder are refused on a shared workspace too (its own test)."""
from __future__ import annotations

import errno
import hashlib
import os
import stat
import subprocess
import sys

import pytest

STORE = "tension-desk.sqlite3"
SQLITE_FILES = pytest.mark.parametrize("new_store", ["sqlite"], indirect=True)  # about the SQLite store's files


def run(*args, data_dir, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "xdg-state"))
    env.pop("TENSION_DESK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args), "--data-dir", str(data_dir)],
                          capture_output=True, env=env, timeout=120)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def store(tmp_path_factory, new_store):
    """The sample on each store: the data dir, the first session's id, and the arguments naming the store."""
    d = tmp_path_factory.mktemp("out") / "data"
    args = new_store()
    r = run(*args, "sample", data_dir=d, tmp_path=d.parent)
    assert r.returncode == 0, r.stderr
    # the store opened again makes its first daily backup, which the refusals of a backup need, whichever test
    # runs first
    r = run(*args, "sessions", data_dir=d, tmp_path=d.parent)
    assert r.returncode == 0, r.stderr
    assert any((d / "backups").iterdir())
    return d, int(r.stdout.split()[0]), args


COMMANDS = {
    "export": lambda sid: ["export", "--session", sid, "--format", "pdf"],
    "export-review": lambda sid: ["export-review", "--quarter", "2026-Q4"],
    "export-workspace": lambda sid: ["export-workspace"],
    "export-log": lambda sid: ["export-log", "--format", "md"],
}


def refused(r) -> str:
    err = r.stderr.decode()
    assert r.returncode != 0, r.stdout
    assert err.startswith("tension-desk: cannot write ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@SQLITE_FILES
@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_writes_its_output_over_the_live_store(command, store, tmp_path):
    d, sid, _args = store
    before = digest(d / STORE)
    err = refused(run(*COMMANDS[command](sid), "-o", d / STORE, data_dir=d, tmp_path=tmp_path))
    assert "the store or one of its backups" in err
    assert digest(d / STORE) == before
    assert run("sessions", data_dir=d, tmp_path=tmp_path).returncode == 0


@SQLITE_FILES
@pytest.mark.parametrize("target", ["wal", "shm", "backup", "new file in backups", "symlink to store",
                                    "hard link to store", "hard link to a backup"])
def test_the_stores_companions_and_backups_are_refused_however_they_are_named(target, store, tmp_path):
    d, _sid, _args = store
    backup = sorted((d / "backups").iterdir())[0]
    path = {"wal": d / f"{STORE}-wal", "shm": d / f"{STORE}-shm", "backup": backup,
            "new file in backups": d / "backups" / "review.md"}.get(target, tmp_path / "innocent.json")
    if target == "symlink to store":
        path.symlink_to(d / STORE)
    elif target.startswith("hard link"):
        os.link(d / STORE if target.endswith("store") else backup, path)
    before = {p: digest(p) for p in (d / STORE, backup)}
    existed = path.exists()
    refused(run("export-workspace", "-o", path, data_dir=d, tmp_path=tmp_path))
    assert {p: digest(p) for p in before} == before
    assert path.exists() == existed  # a WAL that was not there is not created (SQLite would replay it)
    if target == "symlink to store":
        assert path.is_symlink()


@pytest.mark.parametrize("target", ["fifo", "folder", "device"])
def test_only_a_regular_file_or_a_new_path_is_a_target(target, store, tmp_path):
    d, _sid, args = store
    path = {"fifo": tmp_path / "pipe", "folder": tmp_path / "folder", "device": "/dev/null"}[target]
    if target == "fifo":
        os.mkfifo(path)  # writing into it would block; the command must not even open it
    elif target == "folder":
        path.mkdir()
    mode = os.stat(path).st_mode
    err = refused(run(*args, "export-log", "--format", "md", "-o", path, data_dir=d, tmp_path=tmp_path))
    assert "not a regular file" in err or "a folder" in err
    assert stat.S_IFMT(os.stat(path).st_mode) == stat.S_IFMT(mode)


def test_dash_writes_the_pdf_to_standard_output_byte_for_byte(store, tmp_path):
    d, sid, args = store
    r = run(*args, "export", "--session", sid, "--format", "pdf", "-o", "-", data_dir=d, tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(b"%PDF-") and r.stdout.rstrip().endswith(b"%%EOF")
    assert not (tmp_path / "-").exists() and not (d / "-").exists()
    on_disk = tmp_path / "record.pdf"
    assert run(*args, "export", "--session", sid, "--format", "pdf", "-o", on_disk, data_dir=d,
               tmp_path=tmp_path).returncode == 0
    assert len(on_disk.read_bytes()) == len(r.stdout)


def test_the_file_menus_export_path_refuses_the_store_too(desk):
    from tension_desk.export.documents import export_log
    from tension_desk.export.files import ExportError
    from tension_desk.services.maintenance import store_files

    store_file = store_files(desk)[0]
    before = digest(store_file)
    with pytest.raises(ExportError, match="the store or one of its backups"):
        export_log(desk, "md", store_file)
    assert digest(store_file) == before


def test_a_name_of_248_characters_works_and_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    from tension_desk.export import files

    path = tmp_path / ("r" * 244 + ".pdf")
    files.write_atomically(path, b"first")
    assert path.read_bytes() == b"first" and os.listdir(tmp_path) == [path.name]

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(files.ExportError, match="No space left on device"):
        files.write_atomically(path, b"second")
    assert path.read_bytes() == b"first" and os.listdir(tmp_path) == [path.name]


SET_ASIDE = f"{STORE}.damaged-20261201-000000"


@pytest.fixture
def kept_files(store, tmp_path):
    """A copy of the sample's data folder that also holds a damaged store set aside, a newer one, and a shared
    workspace's daily backup."""
    import shutil

    d = tmp_path / "data"
    shutil.copytree(store[0], d)
    assert run("sessions", data_dir=d, tmp_path=tmp_path).returncode == 0  # today's backup, if none yet
    (d / SET_ASIDE).write_bytes(b"the damaged store, kept for a rescue")
    (d / f"{STORE}.newer-20261201-000000").write_bytes(b"a store from a newer version")
    (d / "backups" / "shared").mkdir()
    (d / "backups" / "shared" / "workspace-20261201-daily.json").write_text('{"format": "tension-desk-workspace"}')
    return d


@SQLITE_FILES
@pytest.mark.parametrize("target", ["lock file", "damaged copy", "newer copy", "hard link to a damaged copy",
                                    "hard link to a shared backup"])
def test_the_lock_file_the_copies_set_aside_and_shared_backups_are_refused(target, kept_files, tmp_path):
    d = kept_files
    shared_backup = d / "backups" / "shared" / "workspace-20261201-daily.json"
    path = {"lock file": d / "tension-desk.lock", "damaged copy": d / SET_ASIDE,
            "newer copy": d / f"{STORE}.newer-20261201-000000"}.get(target, tmp_path / "innocent.md")
    if target.startswith("hard link"):
        os.link(d / SET_ASIDE if "damaged" in target else shared_backup, path)
    before = {p: digest(p) for p in d.rglob("*") if p.is_file()}
    existed = path.exists()
    err = refused(run("export-log", "--format", "md", "-o", path, data_dir=d, tmp_path=tmp_path))
    assert "the store or one of its backups" in err
    assert {p: digest(p) for p in d.rglob("*") if p.is_file()} == before
    assert path.exists() == existed


@SQLITE_FILES
def test_on_a_shared_workspace_the_local_store_and_its_backups_are_still_refused(kept_files, pg_url, tmp_path):
    d = kept_files
    targets = [d / STORE, d / "backups" / "shared" / "workspace-20261201-daily.json", d / "tension-desk.lock",
               next(d.joinpath("backups").glob("tension-desk-*.sqlite3"))]
    before = {p: digest(p) for p in d.rglob("*") if p.is_file()}
    for path in targets:
        refused(run("--store", pg_url, "export-workspace", "-o", path, data_dir=d, tmp_path=tmp_path))
    assert {p: digest(p) for p in before} == before  # (opening the workspace added today's backup of it)
    assert run("sessions", data_dir=d, tmp_path=tmp_path).returncode == 0


@pytest.mark.skipif(os.name != "posix", reason="closing a descriptor for the child")
def test_a_closed_standard_output_is_told_in_one_line_and_nothing_runs(store, tmp_path):
    d, _sid, args = store
    before = {p: digest(p) for p in d.rglob("*") if p.is_file()}  # the store, or a shared workspace's backups
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "xdg-state"))
    r = subprocess.run([sys.executable, "-m", "tension_desk", "outcomes", "--data-dir", str(d), *args], stdout=None,
                       stderr=subprocess.PIPE, env=env, timeout=120, preexec_fn=lambda: os.close(1))  # `>&-`
    err = r.stderr.decode()
    assert r.returncode != 0 and err.count("\n") == 1, err
    assert "standard output is closed" in err and "unexpected" not in err and "Traceback" not in err
    assert {p: digest(p) for p in d.rglob("*") if p.is_file()} == before


def test_text_written_to_standard_output_shows_stored_control_characters_escaped(tmp_path, new_store,
                                                                                 behind_the_app):
    """A title stored before control characters were refused (or by another client of a shared workspace) must
    not retitle or clear the terminal."""
    d, args = tmp_path / "data", new_store()
    r = run(*args, "sample", data_dir=d, tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    sid = int(r.stdout.split()[-1])  # the open November session (a closed one prints its sealed record)
    behind_the_app(d, args, "update session set title = :t where id = :i", t="Sept\x1b]0;PWNED\x07\x1b[2J", i=sid)
    for command in (["export", "--session", sid, "--format", "md"], ["export-log", "--format", "md"],
                    ["export", "--session", sid, "--format", "csv"]):
        r = run(*args, *command, "-o", "-", data_dir=d, tmp_path=tmp_path)
        assert r.returncode == 0, r.stderr
        assert b"\x1b" not in r.stdout and b"\x07" not in r.stdout, command
    shown = run(*args, "export", "--session", sid, "--format", "md", "-o", "-", data_dir=d, tmp_path=tmp_path).stdout
    assert b"Sept\\x1b" in shown
