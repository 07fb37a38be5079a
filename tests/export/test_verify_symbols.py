"""A record whose title holds symbols the fonts may have no glyph for (emoji; a private-use character) is printed
as boxes that read back as nothing: verify still finds every letter of it printed, and still refuses a PDF that
prints another title."""
from __future__ import annotations

import datetime as dt

import pytest
from tests.cli.test_verify import with_embedded

from tension_desk.domain.model import SessionStatus
from tension_desk.export.documents import session_document
from tension_desk.export.verify import verify_bytes

TITLES = ["Q4 \U0001f680 roadmap \U0001f468\u200d\U0001f469\u200d\U0001f467 \U0001f1e9\U0001f1ea", "Private \ue000 use",
          "W" * 199 + "\U0001f525"]


@pytest.mark.parametrize("title", TITLES, ids=["emoji", "private use", "long with an emoji"])
def test_an_untouched_record_whose_title_holds_unprintable_symbols_is_verified(qapp, desk, title):
    sid = desk.sessions.create(title, dt.date(2026, 11, 17)).id
    desk.sessions.update(sid, status=SessionStatus.CLOSED)
    verdict = verify_bytes(session_document(desk, sid, "pdf"), desk)
    assert verdict.ok, verdict.line
    assert verdict.line.startswith(f"verified: {title}, revision 1")


def test_a_pdf_printing_other_letters_than_its_record_is_still_refused(qapp, desk):
    sid = desk.sessions.create("Q4 \U0001f680 roadmap", dt.date(2026, 11, 17)).id
    desk.sessions.update(sid, status=SessionStatus.CLOSED)
    forged = with_embedded(session_document(desk, sid, "pdf"), lambda record: record.replace(b"roadmap", b"roadmaq"))
    verdict = verify_bytes(forged)
    assert not verdict.ok and "the title printed differs" in verdict.line
