"""Checking a session record PDF with nothing else at hand: `tension-desk verify FILE.pdf`, File → Verify.

The PDF carries its canonical record as an embedded file (``pdf.RECORD_ATTACHMENT``). Verifying recomputes
that record's SHA-256 and checks it against the fingerprint printed on the pages, checks the facts the pages
print (title, date, each decision's outcome) against the record, and, when the store holds that session's
sealed revision, checks the record against the seal.

Reading a PDF needs a real parser: the pages' text is compressed glyph codes mapped back to characters
through font tables, and the embedded file sits in a compressed stream reached through the document's
name tree. ``pypdf`` (pure Python) does both; it is a runtime dependency for this reason.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.domain.dates import day
from tension_desk.services.record import SessionRecord

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

MAX_PDF_BYTES = 200 * 1024 * 1024
_PAGE = re.compile(r"Page\s+([0-9]+)\s+of\s+([0-9]+)")  # each page's footer
_PRINTED = re.compile(r"Fingerprint\s*\(SHA-256\s*of\s*the\s*canonical\s*record\):\s*([0-9a-f]{64})")


class NotARecord(ValueError):
    """The file cannot be checked at all: not a PDF, unreadable, or a PDF without a session record."""


@dataclass(frozen=True)
class Verdict:
    line: str  # "verified: <title>, revision N, sealed DATE", or what differs
    ok: bool


def _squash(text: str) -> str:
    """Text as compared: compatibility forms folded (ligatures), all whitespace removed (line wraps)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# Characters a machine's fonts may have no glyph for, so the page prints a box that reads back as nothing, U+0000
# or U+FFFD: symbols such as emoji (So, Sk), their joiners, variation selectors and modifiers (Cf, Mn, Me),
# noncharacters and private use (Cn, Co).
_MAY_BE_UNPRINTED = frozenset({"So", "Sk", "Cf", "Cn", "Co", "Mn", "Me"})


def _comparable(text: str) -> str:
    """``text`` (squashed) as compared with the pages: its letters, digits and punctuation marks, in order,
    without what a PDF may have printed as a box."""
    return "".join(ch for ch in text if ch != "\x00" and unicodedata.category(ch) not in _MAY_BE_UNPRINTED)


def _read(data: bytes) -> tuple[bytes, list[str]]:
    """The embedded canonical record and the text of each page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from tension_desk.export.pdf import RECORD_ATTACHMENT

    if not data.lstrip()[:5] == b"%PDF-":
        raise NotARecord("is not a PDF")
    try:
        reader = PdfReader(io.BytesIO(data))
        attached = reader.attachments.get(RECORD_ATTACHMENT)
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NotARecord(f"is a PDF that cannot be read ({type(exc).__name__})") from None
    if not attached:
        raise NotARecord("is a PDF without a Tension Desk session record (no embedded "
                         f"{RECORD_ATTACHMENT}); only session records exported by Tension Desk can be verified")
    return attached[0], texts


def _page_numbers(texts: list[str]) -> list[str]:
    """Each page's footer numbers it 'Page i of n', n the pages the PDF has: a page taken out, added or moved
    shows. (User text may say 'Page 2 of 5' too: page i only has to print its own number among others.)"""
    n = len(texts)
    wrong = [i for i, text in enumerate(texts, 1) if (str(i), str(n)) not in _PAGE.findall(text)]
    if not wrong:
        return []
    return [f"page {wrong[0]} of the {n} does not print 'Page {wrong[0]} of {n}': a page was taken out, added or moved"]


def verify_bytes(data: bytes, desk: Desk | None = None) -> Verdict:
    """Check a session record PDF (see the module's doc); ``desk`` is the store to check against, if any."""
    from tension_desk.export.json_export import record_from_dict

    raw, texts = _read(data)
    text = "\n".join(texts)
    digest = hashlib.sha256(raw).hexdigest()
    problems: list[str] = []
    printed = set(_PRINTED.findall(re.sub(r"[ \t]+", " ", text)))
    if not printed:
        problems.append("no fingerprint is printed on the pages")
    elif printed != {digest}:
        problems.append(f"the printed fingerprint ({', '.join(sorted(p[:12] + '…' for p in printed))}) is not the "
                        f"SHA-256 of the embedded record ({digest[:12]}…)")
    try:
        record = record_from_dict(json.loads(raw.decode("utf-8")))
    except (ValueError, KeyError, TypeError, AttributeError):
        problems.append("the embedded record is not a session record Tension Desk can read")
        return Verdict("differs: " + "; ".join(problems), False)
    problems += _page_numbers(texts)
    pages = _comparable(_squash(text))
    s = record.session
    facts = [("title", s.title), ("date", day(s.date))]
    facts += [(f"outcome of decision {n}", d.outcome) for n, d in enumerate(record.decisions, 1)]
    problems += [f"the {what} printed differs from the embedded record" for what, value in facts
                 if _comparable(_squash(value)) not in pages]
    problems += _against_store(desk, record, digest)
    if problems:
        return Verdict("differs: " + "; ".join(problems), False)
    rev = record.revision
    sealed = f"sealed {day(rev.sealed_on)}" if rev.sealed_on else "not sealed (the session was open when exported)"
    return Verdict(f"verified: {s.title}, revision {rev.number}, {sealed}", True)


def _against_store(desk: Desk | None, record: SessionRecord, digest: str) -> list[str]:
    """Where the store holds this session's sealed revision, the PDF's record must be that seal."""
    if desk is None or record.revision.sealed_on is None:
        return []
    from tension_desk.services.sealing import revisions

    stored = {r["number"]: r["fingerprint"] for r in revisions(desk, record.session.id)}
    theirs = stored.get(record.revision.number)
    if theirs is None or theirs == digest:
        return []
    return [f"the store's sealed revision {record.revision.number} of session {record.session.id} has the "
            f"fingerprint {theirs[:12]}…, not {digest[:12]}…"]


def verify_file(path: Path, desk: Desk | None = None) -> Verdict:
    from tension_desk.services.importing import UnreadableFile, read_limited

    try:
        data = read_limited(Path(path), MAX_PDF_BYTES)
    except UnreadableFile as exc:
        raise NotARecord(str(exc)) from None
    return verify_bytes(data, desk)
