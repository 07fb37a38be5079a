"""A session record's pages each print 'Page i of n': verify refuses a PDF with a page taken out (the matrix, the
chart), one added, or two swapped, where every fact it checks is still printed on what is left."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from tension_desk.export.documents import session_document
from tension_desk.export.verify import verify_bytes
from tension_desk.services.sample import add_sample


def taken_out(writer: PdfWriter, _original: PdfReader) -> None:
    writer.remove_page(len(writer.pages) - 1)


def added(writer: PdfWriter, original: PdfReader) -> None:
    writer.add_page(original.pages[1])


def swapped(writer: PdfWriter, original: PdfReader) -> None:
    """Pages 1, 3, 2."""
    while len(writer.pages) > 1:
        writer.remove_page(1)
    writer.add_page(original.pages[2])
    writer.add_page(original.pages[1])


def edited(pdf: bytes, change) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    change(writer, PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def october(qapp, tmp_path_factory):
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    desk = Desk(open_store(tmp_path_factory.mktemp("x8-pages") / "data", daily_backup=False))
    pdf = session_document(desk, add_sample(desk)[1], "pdf")  # closed, sealed; three pages
    desk.engine.dispose()
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 3
    return pdf


@pytest.mark.parametrize("change", [taken_out, added, swapped])
def test_a_record_with_a_page_taken_out_added_or_moved_is_refused(october, change):
    verdict = verify_bytes(edited(october, change))
    assert not verdict.ok
    assert "a page was taken out, added or moved" in verdict.line


def test_the_record_as_exported_and_as_rewritten_page_for_page_is_verified(october):
    assert verify_bytes(october).ok
    assert verify_bytes(edited(october, lambda writer, original: None)).ok
