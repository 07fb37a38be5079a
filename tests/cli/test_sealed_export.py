"""`tension-desk export` of a closed session reads its sealed record without the ORM (store/sealed.py), and
gives the very documents the services make; every other session takes the services' path (issue 15, 4b)."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys

import pytest

from tension_desk.domain.model import SessionStatus
from tension_desk.export.documents import session_document
from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.sealing import reopen_session
from tension_desk.store.engine import open_store, store_path

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "PySide6.QtWidgets")
# Runs the command line as `tension-desk` does, then says which of HEAVY it imported (the last line on stderr).
MAIN = ("import sys\n"
        "from tension_desk.cli import main\n"
        "code = main(sys.argv[1:])\n"
        f"print('imported:', *sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
        "sys.exit(code)\n")


def export(data_dir, session_id, fmt, output, tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg-data"), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"))
    env.pop("TENSION_DESK_DATA_DIR", None)
    env.pop("TENSION_DESK_STORE", None)
    r = subprocess.run([sys.executable, "-c", MAIN, "export", "--session", str(session_id), "--format", fmt,
                        "-o", str(output), "--data-dir", str(data_dir)],
                       capture_output=True, text=True, env=env, timeout=120)
    *errors, imported = r.stderr.splitlines()
    return r.returncode, r.stdout.splitlines() + errors, imported.removeprefix("imported:").split()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The sample's sessions, and two more: September sealed once; October reopened and closed again (sealed
    twice); a session reopened and not closed yet; November live. Returns the data dir and those ids."""
    data_dir = tmp_path_factory.mktemp("sealed") / "data"
    engine = open_store(data_dir, daily_backup=False)
    try:
        desk = Desk(engine)
        september, october, november = add_sample(desk)
        reopen_session(desk, october, "The owner of the search decision changed", "Maya Chen")
        desk.sessions.update(october, status=SessionStatus.CLOSED)
        reopened = desk.sessions.create("December tension session", dt.date(2026, 12, 15)).id
        desk.sessions.update(reopened, status=SessionStatus.CLOSED)
        reopen_session(desk, reopened, "A decision was recorded against the wrong tension", "Sam Okafor")
    finally:
        engine.dispose()
    return data_dir, {"sealed once": september, "sealed twice": october, "reopened": reopened, "live": november}


def services_document(data_dir, session_id, fmt) -> bytes:
    engine = open_store(data_dir, daily_backup=False)
    try:
        return session_document(Desk(engine), session_id, fmt)
    finally:
        engine.dispose()


def content(pdf: bytes) -> tuple[bytes, str]:
    """What a PDF record holds: its embedded canonical record and its pages' text (its bytes also hold the moment
    it was written, a random document id and font subsets in an order of Qt's own)."""
    from tension_desk.export.verify import _read

    return _read(pdf)


@pytest.mark.parametrize(("session", "fmt"), [("sealed twice", "pdf"), ("sealed twice", "md"), ("sealed twice", "csv"),
                                              ("sealed twice", "json"), ("sealed once", "json"), ("reopened", "json"),
                                              ("live", "json")])
def test_the_export_is_the_services_document_and_a_sealed_session_needs_no_orm(qapp, workspace, tmp_path, session,
                                                                                 fmt):
    data_dir, ids = workspace
    out = tmp_path / f"record.{fmt}"
    code, lines, imported = export(data_dir, ids[session], fmt, out, tmp_path)
    assert code == 0, lines
    assert lines == [f"wrote {out}"]
    expected = services_document(data_dir, ids[session], fmt)
    if fmt == "pdf":
        assert content(out.read_bytes()) == content(expected)
    else:
        assert out.read_bytes() == expected
    if session.startswith("sealed"):
        assert imported == []
    else:  # a record made from today's store: the services' path
        assert "sqlalchemy" in imported and "PySide6.QtWidgets" not in imported and "alembic" not in imported


def _copy(workspace, tmp_path):
    import shutil

    data_dir, ids = workspace
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    return copy, ids


def test_a_damaged_store_is_refused_in_one_line_before_a_sealed_record_is_read(workspace, tmp_path):
    data_dir, ids = _copy(workspace, tmp_path)
    with sqlite3.connect(store_path(data_dir)) as conn:  # a value the app cannot read, in another table
        conn.execute("UPDATE priority SET side = 'marketing' WHERE id = (SELECT min(id) FROM priority)")
    conn.close()
    out = tmp_path / "record.json"
    code, lines, imported = export(data_dir, ids["sealed once"], "json", out, tmp_path)
    assert code == 1 and not out.exists()
    assert lines == [f"tension-desk: {store_path(data_dir)} is damaged (priority.side holds a value Tension Desk "
                     "cannot read)."]
    assert imported == []


def test_a_store_of_a_newer_version_is_refused_in_one_line_before_a_sealed_record_is_read(workspace, tmp_path):
    data_dir, ids = _copy(workspace, tmp_path)
    with sqlite3.connect(store_path(data_dir)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    out = tmp_path / "record.json"
    code, lines, imported = export(data_dir, ids["sealed once"], "json", out, tmp_path)
    assert code == 1 and not out.exists()
    assert len(lines) == 1 and "was written by a newer version of Tension Desk (schema 9999)" in lines[0]
    assert imported == []

