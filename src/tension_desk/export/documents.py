"""One entry point per document, shared by the File menu and the command line.

Each returns the document's bytes; ``write_atomically`` puts them on disk (temporary file, then rename),
so a failed export never leaves a half-written file.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.export.files import write_atomically

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

    from tension_desk.services.canonical import CanonicalRecord
    from tension_desk.services.desk import Desk
    from tension_desk.services.record import SessionRecord

SESSION_FORMATS = ("pdf", "md", "csv", "json")
LOG_FORMATS = ("pdf", "md")


def session_document(desk: Desk, session_id: int, fmt: str) -> bytes:
    from tension_desk.services.sealing import printed_record, session_data

    _check_session_format(fmt)
    with _cyclic_gc_paused():  # from the canonical record (the sealed one when closed)
        if fmt == "json":
            return record_document(session_data(desk, session_id), fmt)
        data, record = printed_record(desk, session_id)
        return record_document(data, fmt, record)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a document is read and built, and let run again after
    (if it was running). What a build makes lives until the build ends: every young collection during it finds
    nothing to free, and moves thousands of rows, layouts and blocks to the oldest generation, which soon makes
    the collector walk every object of the running app (~70 ms once in a few exports, the ORM's included).
    Held off, they are freed by their reference counts when the build ends, never having been walked."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _check_session_format(fmt: str) -> None:
    if fmt not in SESSION_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(SESSION_FORMATS)}")


def record_document(data: CanonicalRecord, fmt: str, record: SessionRecord | None = None) -> bytes:
    """A session document made from its canonical record ``data``: what ``session_document`` returns for it,
    also where the record was read without the services (the command line's export of a sealed session).
    ``record``: ``record_from_dict(data)`` where the caller has it (``sealing.printed_record``)."""
    from tension_desk.export.json_export import canonical_bytes, dumps, fingerprint, record_from_dict

    _check_session_format(fmt)
    if fmt == "json":
        return dumps(data).encode("utf-8")
    if record is None:  # every document is made from the canonical record, so prints only what it holds
        record = record_from_dict(data)
    if fmt == "csv":
        from tension_desk.export.csv_export import session_csv

        return session_csv(record).encode("utf-8-sig")  # the BOM makes spreadsheets read UTF-8
    if fmt == "md":
        from tension_desk.export.markdown import session_markdown

        return session_markdown(record, fingerprint(data)).encode("utf-8")
    from tension_desk.export.pdf import session_pdf_bytes

    _ensure_gui_application()
    canonical = canonical_bytes(data)  # serialised once: fingerprinted, and embedded in the PDF
    return session_pdf_bytes(record, fingerprint(canonical), canonical=canonical)


def log_document(desk: Desk, fmt: str) -> bytes:
    from tension_desk.services.log import build_log_entries

    if fmt not in LOG_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(LOG_FORMATS)}")
    entries, leaders = build_log_entries(desk), desk.workspace.leaders()
    if fmt == "md":
        from tension_desk.export.markdown import decision_log_markdown

        return decision_log_markdown(entries, leaders).encode("utf-8")
    from tension_desk.export.pdf import decision_log_pdf_bytes

    _ensure_gui_application()
    return decision_log_pdf_bytes(entries, leaders=leaders)


def export_session(desk: Desk, session_id: int, fmt: str, path: Path) -> None:
    from tension_desk.services.maintenance import store_files

    write_atomically(Path(path), session_document(desk, session_id, fmt), store_files(desk))


def export_log(desk: Desk, fmt: str, path: Path) -> None:
    from tension_desk.services.maintenance import store_files

    write_atomically(Path(path), log_document(desk, fmt), store_files(desk))


_APPLICATION: list[QGuiApplication] = []  # the one made here, kept alive for the process


def _ensure_gui_application() -> None:
    """PDF painting needs a QGuiApplication (fonts); the CLI makes an offscreen one, no window."""
    import os

    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if "QT_QPA_PLATFORM" not in os.environ:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        _APPLICATION.append(QGuiApplication([]))


def review_document(desk: Desk, quarter: str) -> bytes:
    from tension_desk.domain.quarters import normalise_quarter
    from tension_desk.export.pdf import quarterly_review_pdf_bytes

    _ensure_gui_application()
    return quarterly_review_pdf_bytes(desk, normalise_quarter(quarter))


def export_review(desk: Desk, quarter: str, path: Path) -> None:
    from tension_desk.services.maintenance import store_files

    write_atomically(Path(path), review_document(desk, quarter), store_files(desk))
