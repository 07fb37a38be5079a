"""Exported documents: what they say, that user text stays literal, and that failures leave nothing behind."""
from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from pypdf import PdfReader

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.export.documents import export_session, log_document, session_document
from tension_desk.export.files import ExportError
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.sample import add_sample

HOSTILE = "<b>x</b> & <script>"


def pdf_text(data: bytes) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def sample(desk):
    ids = add_sample(desk)
    return desk, ids


def test_the_session_pdf_names_the_session_leaders_priorities_and_decisions(qapp, sample):
    desk, ids = sample
    sid = ids[1]  # October: a decision was taken in it
    pages = pdf_text(session_document(desk, sid, "pdf"))
    text = squash(" ".join(pages))
    assert "October tension session" in text
    assert "Maya Chen" in text and "Daniel Okafor" in text
    for p in desk.priorities.agenda(sid):
        assert squash(p.title)[:18] in text, p.title
    for d in desk.decisions.list(sid):
        assert squash(d.outcome)[:40] in text
    assert "Fingerprint" in text and "Page 1" in pages[0]
    assert "Capacity split" in text


def test_a_long_matrix_continues_on_the_next_page_with_its_header(qapp, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Big", dt.date(2026, 11, 2))
    desk.priorities.add_many(s.id, [PriorityDraft(f"Priority number {i:03d}",
                                                  Side.PRODUCT if i % 2 else Side.ENGINEERING, effort_weeks=i % 9 + 1)
                                    for i in range(100)])
    pages = pdf_text(session_document(desk, s.id, "pdf"))
    assert len(pages) >= 3
    with_rows = [i for i, t in enumerate(pages) if "Priority number" in t and "P – · E –" in t]  # matrix pages
    assert len(with_rows) >= 2
    for i in with_rows:
        assert "Customer" in pages[i] and "Combined" in pages[i], f"header repeated on page {i + 1}"
    text = " ".join(pages)
    assert all(f"Priority number {i:03d}" in text for i in range(100))


def test_user_text_is_exported_literally(qapp, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create(HOSTILE, dt.date(2026, 11, 2))
    a = desk.priorities.add(s.id, PriorityDraft(HOSTILE, Side.PRODUCT, effort_weeks=2))
    b = desk.priorities.add(s.id, PriorityDraft("Other", Side.ENGINEERING, effort_weeks=2))
    t = desk.tensions.add(s.id, f"Tension {HOSTILE}", [a.id, b.id])
    desk.decisions.take(s.id, t.id, DecisionDraft(outcome=f"Outcome {HOSTILE}", rationale='<img src="file:///etc/hostname">'))
    pdf = squash(" ".join(pdf_text(session_document(desk, s.id, "pdf"))))
    assert HOSTILE in pdf and f"Outcome {HOSTILE}" in pdf and 'src="file:///etc/hostname"' in pdf
    md = session_document(desk, s.id, "md").decode()
    unescaped = re.sub(r"\\(.)", r"\1", md)
    assert HOSTILE in unescaped and "<b>" not in md  # shown literally by a Markdown viewer, never as markup
    csv_text = session_document(desk, s.id, "csv").decode("utf-8-sig")
    assert HOSTILE in csv_text
    data = json.loads(session_document(desk, s.id, "json"))
    assert data["session"]["title"] == HOSTILE


def test_markdown_and_csv_carry_the_same_record(sample):
    desk, ids = sample
    sid = ids[-1]
    md = session_document(desk, sid, "md").decode()
    assert "# November tension session" in md and "## Scoring matrix" in md and "Fingerprint" in md
    rows = session_document(desk, sid, "csv").decode("utf-8-sig").strip().splitlines()
    assert len(rows) == 1 + len(desk.priorities.agenda(sid))
    assert rows[0].startswith("priority_id,title,side")


def test_the_decision_log_exports(qapp, sample):
    desk, _ids = sample
    md = log_document(desk, "md").decode()
    assert md.startswith("# Decision log") and "Split the billing monolith" in md
    text = squash(" ".join(pdf_text(log_document(desk, "pdf"))))
    assert "Decision log" in text and "Ship SSO first" in text


def test_an_unwritable_place_gives_a_clear_error_and_no_file(sample, tmp_path):
    desk, ids = sample
    with pytest.raises(ExportError, match="does not exist"):
        export_session(desk, ids[0], "json", tmp_path / "missing" / "s.json")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        import os

        if os.geteuid() != 0:  # root can write anywhere
            with pytest.raises(ExportError):
                export_session(desk, ids[0], "json", locked / "s.json")
            assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)
    target = tmp_path / "s.md"
    target.write_text("old")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    import tension_desk.export.files as files

    real = files.os.fsync
    files.os.fsync = boom
    try:
        with pytest.raises(ExportError, match="No space left"):
            export_session(desk, ids[0], "md", target)
    finally:
        files.os.fsync = real
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".s.md")] == []


def test_the_screen_and_every_document_word_the_capacity_verdict_and_the_evidence_alike(qapp, sample):
    from tension_desk.domain.capacity import capacity_verdict
    from tension_desk.export.json_export import record_from_dict
    from tension_desk.services.sealing import session_data
    from tension_desk.ui.widgets.decisions_view import describe_evidence

    desk, ids = sample
    sid = ids[0]  # September: closed, its decision with frozen evidence
    record = record_from_dict(session_data(desk, sid))
    md = squash(session_document(desk, sid, "md").decode())
    pdf = squash(" ".join(pdf_text(session_document(desk, sid, "pdf"))))
    verdict = capacity_verdict(record.capacity, closed=True)  # what the Capacity tab says of it
    assert verdict.startswith("⚠ The 2026-Q3 decisions fitted")
    evidence = describe_evidence(record.decisions[0]).splitlines()  # what the decision form says of it
    assert re.fullmatch(r"Evidence frozen on [1-9]\d? [A-Z][a-z]{2} \d{4}:", evidence[0])  # no ISO date
    for doc in (md, pdf):
        assert verdict in doc
        for line in evidence:
            assert squash(line.rstrip(":")) in doc, line


def test_a_text_every_page_repeats_is_drawn_from_one_layout_exactly_where_draw_text_draws_it(qapp):
    """The running header and footer lay out their texts once per document (``_Page._repeated``) instead of
    having ``drawText`` lay them out again on every page: drawn at many places, heights and text sizes, left and
    right aligned, the PDF's drawing operators are drawText's, number for number (a text that is not one plain
    line, or does not fit, is drawText's own)."""
    import random

    from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
    from PySide6.QtGui import QPainter, QPdfWriter

    from tension_desk.export.pdf import RESOLUTION, _Page
    from tension_desk.render.fonts import register_fonts, ui_font

    register_fonts()
    texts = ["Tension Desk", "Q4 planning — “north star” über alles", "Page 3 of 22", "x", "tab\there",
             "two\nlines", "Fingerprint (SHA-256 of the canonical record): " + "0123456789abcdef" * 4]
    rng = random.Random(7)
    cases = [(rng.choice(texts), rng.choice((7, 8.5, 11)), rng.random() < 0.5,
              QRectF(rng.uniform(0, 300), rng.uniform(0, 3000), rng.uniform(300, 1800), rng.uniform(20, 80)))
             for _ in range(120)]

    def painted(repeated: bool) -> list[bytes]:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(RESOLUTION)
        painter = QPainter(writer)
        page = _Page(painter, writer, "title", "")
        for text, points, right, rect in cases:
            painter.setFont(ui_font(points))
            if repeated:
                page._repeated(rect, text, right)
            else:
                align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
                painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
        return [p.get_contents().get_data() for p in PdfReader(io.BytesIO(bytes(buffer.data().data()))).pages]

    drawn = painted(False)
    assert drawn == painted(True)
    assert drawn[0].count(b"Tj") > 500  # every text drawn


def test_the_matrix_captions_colour_legend_keeps_each_colour_with_its_meaning(qapp, sample):
    """"(dark = agree, yellow = disagree)" may break after the comma, never inside "yellow = disagree"."""
    desk, ids = sample
    lines = [line.strip() for data in (session_document(desk, sid, "pdf") for sid in ids)
             for page in PdfReader(io.BytesIO(data)).pages for line in page.extract_text().splitlines()]
    caption = [" ".join(line.split()) for line in lines if "agree" in line]
    assert caption
    for pair in ("dark = agree", "yellow = disagree"):
        assert any(pair in line for line in caption), caption


def test_before_the_reveal_the_matrix_and_the_chart_say_the_scores_are_sealed_alike(qapp, sample):
    """One fact, printed one way: both sections that would show scores say so in the same words and style (the
    chart's note was grey, the matrix's bold)."""
    from tension_desk.export.markdown import session_markdown
    from tension_desk.export.pdf import _chart_blocks, _matrix_blocks
    from tension_desk.services.record import SCORES_SEALED
    from tension_desk.services.sealing import printed_record

    desk, ids = sample
    _data, record = printed_record(desk, ids[-1])  # November: scored blind, not yet revealed
    assert record.scores_sealed
    notes = [blocks[-1].html for blocks in (_matrix_blocks(record), _chart_blocks(record))]
    assert notes[0] == notes[1] and SCORES_SEALED in notes[0]
    markdown = session_markdown(record, "f" * 64)
    assert markdown.count(f"**{SCORES_SEALED}.**") == 2
