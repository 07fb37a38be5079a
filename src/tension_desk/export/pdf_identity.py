"""What makes every later PDF of a sealed record byte-identical (DESIGN: "later exports of a closed session come
from the sealed record and are byte-identical").

Qt stamps each PDF with three things of the moment it is made: a random document id, the time of day (in the
information dictionary and the XMP metadata), and its fonts in the order of a ``QHash`` whose seed is random in
each process. A sealed record's PDF takes the day it was sealed for its date (midnight UTC), an id made from its
fingerprint, and Qt's fixed hash seed while it is painted; the same record then gives the same bytes in any
process, on any later day, in any time zone, on the same installation (its fonts are read from their files).
"""
from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QHashSeed, QUuid
from PySide6.QtGui import QPdfWriter

_NAMESPACE = uuid.UUID("6f1c6b52-58f4-4bf4-9a53-7c0e8a1d2b7e")  # Tension Desk's documents (uuid5 namespace)


@dataclass(frozen=True)
class Sealed:
    """The sealed record a PDF is made of: the day it was sealed and its fingerprint."""

    on: dt.date
    fingerprint: str

    @property
    def document_id(self) -> uuid.UUID:
        return uuid.uuid5(_NAMESPACE, self.fingerprint)


def stamp(writer: QPdfWriter, title: str, creator: str, sealed: Sealed) -> None:
    """Give ``writer`` the record's own document id and XMP metadata, dated the day it was sealed."""
    writer.setDocumentId(QUuid(str(sealed.document_id)))
    writer.setDocumentXmpMetadata(xmp(title, creator, sealed).encode("utf-8"))


def xmp(title: str, creator: str, sealed: Sealed) -> str:
    """The XMP metadata Qt writes by itself (title, creator tool, dates, document id), with the sealed day for its
    dates; ``title`` is user text, escaped."""
    when = f"{sealed.on.isoformat()}T00:00:00+00:00"
    return (
        "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">\n'
        "<rdf:RDF>\n"
        '<rdf:Description rdf:about="">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{html.escape(title, quote=True)}</rdf:li></rdf:Alt>'
        "</dc:title>\n"
        "</rdf:Description>\n"
        f'<rdf:Description rdf:about="" xmp:CreatorTool="{html.escape(creator, quote=True)}" '
        f'xmp:CreateDate="{when}" xmp:ModifyDate="{when}" xmp:MetadataDate="{when}"/>\n'
        f'<rdf:Description rdf:about="" xmpMM:DocumentID="uuid:{sealed.document_id}" xmpMM:VersionID="1" '
        'xmpMM:RenditionClass="default"/>\n'
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        "<?xpacket end='w'?>"
    )


@contextmanager
def fonts_in_a_fixed_order(fixed: bool) -> Iterator[None]:
    """While a sealed record is painted, Qt's hash seed is its fixed one, so the PDF's fonts (kept in a ``QHash``)
    are written in the same order in every process; the random seed is back afterwards."""
    if not fixed:
        yield
        return
    QHashSeed.setDeterministicGlobalSeed()
    try:
        yield
    finally:
        QHashSeed.resetRandomGlobalSeed()


_DATE = rb"\(D:[0-9]{14}(?:Z|[+-][0-9]{2}'[0-9]{2}')\)"
# The end of Qt's information dictionary (object 1): the dates come after the title, which is user text.
_INFO_END = re.compile(rb"/CreationDate " + _DATE + rb"\n/ModDate " + _DATE + rb"\n(/Trapped /False\n>>\nendobj\n)\Z")
_XREF = re.compile(rb"startxref\s+([0-9]+)\s+%%EOF\s*\Z")
_ENTRY = re.compile(rb"([0-9]{10}) ([0-9]{5}) ([nf])")  # object N's is the table's entry N


def dated(pdf: bytes, on: dt.date) -> bytes:
    """``pdf`` (as QPdfWriter writes it: one classic cross-reference table) with the creation and modification
    dates of its information dictionary set to midnight UTC of ``on``, and every offset after them moved to
    match. Found from the cross-reference table, never by searching the text: a title may hold any bytes."""
    xref = _XREF.search(pdf)
    if xref is None:
        raise ValueError("no cross-reference table at the end of the PDF")
    start = int(xref.group(1))
    table = pdf[start:xref.start()]
    entries = list(_ENTRY.finditer(table))
    offsets = sorted({int(e.group(1)) for e in entries if e.group(3) == b"n"} | {start})
    info_at = int(entries[1].group(1))  # object 1, the information dictionary (object 0 heads the free list)
    info_end = offsets[offsets.index(info_at) + 1]
    info = _INFO_END.search(pdf, info_at, info_end)
    if info is None:
        raise ValueError("the PDF's information dictionary does not end with its dates")
    stamp_ = on.strftime("D:%Y%m%d000000Z").encode("ascii")
    new_info = b"/CreationDate (" + stamp_ + b")\n/ModDate (" + stamp_ + b")\n" + info.group(1)
    shift = len(new_info) - (info.end() - info.start())

    def moved(entry: re.Match[bytes]) -> bytes:
        offset = int(entry.group(1))
        if entry.group(3) == b"n" and offset > info_at:
            offset += shift
        return b"%010d %s %s" % (offset, entry.group(2), entry.group(3))

    new_table = _ENTRY.sub(moved, table)
    tail = pdf[xref.start():].replace(xref.group(1), b"%d" % (start + shift), 1)
    return pdf[:info.start()] + new_info + pdf[info.end():start] + new_table + tail
