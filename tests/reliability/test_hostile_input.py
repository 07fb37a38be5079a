"""Hostile input never reaches the user as a traceback and never changes the store half-way."""
from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tension_desk.domain.csv_import import CsvFormatError, parse_priorities_csv
from tension_desk.domain.limits import TITLE
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.domain.validation import ValidationError, validate_priority

HEADER = b"title,side,description,effort_weeks,idea_date,link\r\n"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_either_parse_or_are_refused_with_a_message(data):
    try:
        result = parse_priorities_csv(data)
    except CsvFormatError as exc:
        assert str(exc)
        return
    for line, draft in result.rows:
        assert line >= 2 and draft.title and len(draft.title) <= TITLE
    for err in result.errors:
        assert err.line >= 2 and err.reason


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(cells, st.sampled_from(["product", "ENGINEERING", "design", ""]), cells,
                          st.sampled_from(["", "1", "2.5", "-1", "nan", "inf", "1e999", "x", "3,5"]),
                          st.sampled_from(["", "2026-01-02", "2026-13-01", "yesterday"]), cells), max_size=12),
       st.booleans(), st.booleans())
def test_structured_fuzz_every_row_is_good_or_named(rows, bom, crlf):
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n" if crlf else "\n").writerows(
        [["title", "side", "description", "effort_weeks", "idea_date", "link"]] + [list(r) for r in rows])
    data = ("\ufeff" if bom else "") + buf.getvalue()
    try:
        result = parse_priorities_csv(data.encode("utf-8"))
    except CsvFormatError as exc:
        assert "NUL" in str(exc) or str(exc)
        return
    physical_lines = len(data.splitlines()) + 1
    for line in [line for line, _d in result.rows] + [e.line for e in result.errors]:
        assert 2 <= line <= physical_lines  # every report names a real line of the file
    assert all(e.reason for e in result.errors)
    for _line, draft in result.rows:
        assert draft.effort_weeks is None or 0 <= draft.effort_weeks <= 10_000
        assert "\x00" not in draft.title and "\n" not in draft.title


def test_huge_fields_and_control_characters_in_gui_fields():
    with pytest.raises(ValidationError, match="at most 200"):
        validate_priority(PriorityDraft("x" * 5000, Side.PRODUCT))
    with pytest.raises(ValidationError, match=r"the title holds a NUL character at character 4.*"
                                              r"the description holds an escape character \(\\x1b\) at character 18"):
        validate_priority(PriorityDraft("Bad\x00 title\x07 with\tcontrols", Side.PRODUCT,
                                        description="line one\r\nline two\x1b[31m"))
    clean = validate_priority(PriorityDraft("  A title\r\n", Side.PRODUCT, description="line one\r\nline\ttwo\r"))
    assert (clean.title, clean.description) == ("A title", "line one\nline\ttwo")


@pytest.fixture(scope="module")
def sampled_dir(tmp_path_factory, new_store):
    """The sample on each store: its data dir, November's id, and the arguments naming the store."""
    d = tmp_path_factory.mktemp("hostile") / "d"
    store = new_store()
    env = dict(os.environ, TENSION_DESK_DATA_DIR=str(d), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "tension_desk", *store, "sample"], env=env, capture_output=True,
                         text=True, check=True)
    return d, out.stdout.split()[-1], store


def dump(data_dir, store) -> dict:
    """Every row of the workspace, read through the app (either store)."""
    from tension_desk.services.desk import Desk
    from tension_desk.services.workspace_io import export_workspace
    from tension_desk.store.engine import open_store

    desk = Desk(open_store(data_dir, url=store[1] if store else None, daily_backup=False))
    try:
        return export_workspace(desk)
    finally:
        desk.engine.dispose()


@pytest.mark.parametrize("payload", [b"", b"\x00\x01\x02" * 100, os.urandom(4096), b"\xef\xbb\xbf",
                                     HEADER + b"A,product,,NaN,,\r\n",
                                     HEADER + b"A,product,,1," + b"9" * 100 + b",\r\n",
                                     HEADER + ("x" * 300).encode() + b",product,,,,\r\n"])
def test_the_cli_import_refuses_hostile_files_in_one_line_and_keeps_the_store(tmp_path, sampled_dir, payload):
    import shutil

    src, sid, store = sampled_dir
    d = tmp_path / "d"
    shutil.copytree(src, d)  # a refused import changes nothing: the server's sample serves every payload
    before = dump(d, store)
    f = tmp_path / "in.csv"
    f.write_bytes(payload)
    env = dict(os.environ, TENSION_DESK_DATA_DIR=str(d), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "tension_desk", *store, "import-csv", str(f), "--session", sid],
                       env=env, capture_output=True, text=True)
    assert r.returncode != 0 and "Traceback" not in r.stderr and r.stderr.startswith(("tension-desk:", str(f)))
    assert dump(d, store) == before


def test_the_app_opens_no_network_connection(make_window, desk, monkeypatch, tmp_path):
    """Everything a user does — sample, every tab, every export — with sockets made to fail."""
    from tension_desk.export.documents import LOG_FORMATS, SESSION_FORMATS, log_document, session_document
    from tension_desk.services.sample import add_sample

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("the app tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[-1])
    for i in range(w.session_view.tabs.count()):
        w.session_view.tabs.setCurrentIndex(i)
        w.grab()
    for fmt in SESSION_FORMATS:
        assert session_document(desk, ids[-1], fmt)
    for fmt in LOG_FORMATS:
        assert log_document(desk, fmt)
    assert attempts == []


def test_user_text_cannot_make_the_pdf_read_a_local_file(qapp, desk, leaders, tmp_path):
    import re

    from tension_desk.export.documents import session_document

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create(f'<img src="file://{secret}">', dt.date(2026, 11, 2))
    a = desk.priorities.add(s.id, PriorityDraft(f'<img src="file://{secret}"> <a href="file:///etc/hostname">x</a>',
                                              Side.PRODUCT))
    b = desk.priorities.add(s.id, PriorityDraft("Other", Side.ENGINEERING))
    desk.tensions.add(s.id, f'<img src="file://{secret}">', [a.id, b.id])
    pdf = session_document(desk, s.id, "pdf")
    assert b"TOP-SECRET-CONTENT" not in pdf
    images = len(re.findall(rb"/Subtype\s*/Image", pdf))
    assert images <= 1  # only the 2×2 chart the app drew itself (none here: nothing is scored)
