"""A closed session's PDF is byte-identical on every later export (DESIGN, Export): in another process, on another
day, in another time zone; it is dated the day its record was sealed, and stays a well-formed PDF whatever its
title holds. An open session's PDF still says the day it was exported."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tension_desk.domain.dates import day
from tension_desk.domain.model import SessionStatus
from tension_desk.export import pdf_identity
from tension_desk.export.documents import session_document
from tension_desk.services.sample import add_sample

# PDF syntax (as bytes, and as UTF-16 code units: U+3E3E is ">>"), XML markup and an entity
HOSTILE_TITLE = ') /CreationDate (D:20000101000000Z) >> endobj <b>&amp;</b> "q" \u3e3e\u2f43\u7265 \\ ('


def export_in_a_new_process(data_dir: Path, session_id: int, out: Path, tz: str) -> bytes:
    env = {**os.environ, "TZ": tz, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "tension_desk", "--data-dir", str(data_dir), "export", "--session",
                           str(session_id), "--format", "pdf", "-o", str(out)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def every_offset_lands_on_its_object(pdf: bytes) -> bool:
    start = int(re.search(rb"startxref\s+([0-9]+)\s+%%EOF\s*$", pdf).group(1))
    assert pdf[start:start + 4] == b"xref"
    entries = re.findall(rb"([0-9]{10}) [0-9]{5} ([nf])", pdf[start:])
    return all(pdf[int(at):].startswith(b"%d 0 obj" % number)
               for number, (at, kind) in enumerate(entries) if kind == b"n")


def test_a_closed_sessions_pdf_is_the_same_bytes_from_another_process_in_another_time_zone(sample_dir, tmp_path):
    # September is closed (sealed); each process has its own random hash seed, and its own clock reading
    here = export_in_a_new_process(sample_dir, 1, tmp_path / "utc.pdf", "UTC")
    there = export_in_a_new_process(sample_dir, 1, tmp_path / "kolkata.pdf", "Asia/Kolkata")
    assert here == there
    assert every_offset_lands_on_its_object(here)


def test_a_closed_sessions_pdf_is_dated_the_day_it_was_sealed_and_its_footer_says_so(qapp, desk):
    sid = add_sample(desk)[0]
    pdf = session_document(desk, sid, "pdf")
    sealed_on = dt.date.fromisoformat(json.loads(session_document(desk, sid, "json"))["revision"]["sealed_on"])
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == sealed_on.strftime("D:%Y%m%d000000Z")
    assert reader.xmp_metadata.xmp_create_date == dt.datetime.combine(sealed_on, dt.time())
    footer = " ".join((reader.pages[0].extract_text() or "").split())
    assert f"Session {sid} · revision 1 · sealed on {day(sealed_on)} · Tension Desk" in footer
    assert "exported" not in footer
    assert session_document(desk, sid, "pdf") == pdf  # and again, in this process


def test_an_open_sessions_pdf_says_the_day_it_was_exported(qapp, desk):
    sid = add_sample(desk)[-1]  # November: live
    footer = " ".join((PdfReader(io.BytesIO(session_document(desk, sid, "pdf"))).pages[0].extract_text()).split())
    assert f"exported {day(dt.date.today())} · Tension Desk" in footer
    assert "sealed on" not in footer


def test_a_title_holding_pdf_and_xml_syntax_leaves_the_sealed_pdf_well_formed_and_its_title_literal(qapp, desk):
    sid = desk.sessions.create(HOSTILE_TITLE, dt.date(2026, 11, 17)).id
    desk.sessions.update(sid, status=SessionStatus.CLOSED)  # sealed
    pdf = session_document(desk, sid, "pdf")
    assert every_offset_lands_on_its_object(pdf)
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    title = json.loads(session_document(desk, sid, "json"))["session"]["title"]
    assert reader.metadata["/Title"] == f"{title} — session record"
    assert reader.xmp_metadata.dc_title == {"x-default": f"{title} — session record"}


def test_dated_refuses_a_pdf_it_cannot_read_rather_than_guess():
    with pytest.raises(ValueError, match="no cross-reference table"):
        pdf_identity.dated(b"%PDF-1.4\nnot a pdf", dt.date(2026, 1, 1))


WORD = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>'


def test_a_title_of_the_longest_length_is_cut_short_of_the_app_name_in_every_page_header(qapp, desk, tmp_path):
    from tension_desk.domain.limits import TITLE

    title = " ".join(["Quarterly"] * 40)[:TITLE]  # 200 characters: about twice what the header holds
    sid = desk.sessions.create(title, dt.date(2026, 11, 17)).id
    path = tmp_path / "long.pdf"
    path.write_bytes(session_document(desk, sid, "pdf"))
    words = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    pages = re.findall(r"<page .*?</page>", words, re.S)
    assert pages
    for page in pages:
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        header = [(float(x0), float(x1), w) for x0, y0, x1, w in re.findall(WORD, page)
                  if float(y0) < 60]  # the running header's line
        app_starts = next(x0 for x0, _, w in header if w == "Tension")
        title = [(x1, w) for _, x1, w in header if w not in ("Tension", "Desk")]
        assert max(x1 for x1, _ in title) < app_starts - 10  # "Tension Desk" stands clear of the title
        assert max(x1 for _, x1, _ in header) <= width
        assert title[-1][1].endswith("…")  # cut, and says so
