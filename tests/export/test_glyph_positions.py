"""On paper, each glyph sits on a whole pixel of the page (1/1,200 inch), at most half a pixel from where the
font's design puts it: Qt's PDF writer then writes each glyph's offset as a whole number (a fifth less for a
record to write and compress), and no reader sees the difference. The screen's text is hinted as before, and no
line on a page is thinner than a hairline that prints."""
from __future__ import annotations

import io
import itertools
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer
from PySide6.QtGui import QFont, QPdfWriter, QTextLayout

from tension_desk.export.documents import log_document, review_document, session_document
from tension_desk.export.pdf import RESOLUTION
from tension_desk.render.fonts import ui_font
from tension_desk.services.sample import add_sample

GLYPH = re.compile(rb"\n(-?[\d.]+) (-?[\d.]+) Td <[0-9A-F]+> Tj")
TEXT = "Do Search #pdf-49 first; Secrets rotation #pdf-99 starts after it ships. Ünïcode — “quotes” ▲ ● 0123456789"


def contents(pdf: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def sample(qapp, tmp_path_factory):
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    engine = open_store(tmp_path_factory.mktemp("glyphs"), daily_backup=False)
    desk = Desk(engine)
    yield desk, add_sample(desk)
    engine.dispose()


@pytest.fixture(scope="module")
def record(sample):
    desk, ids = sample
    return session_document(desk, ids[1], "pdf")  # October: decided, with the matrix and the 2×2 chart


@pytest.fixture(scope="module")
def documents(sample):
    """The decision log and the quarterly review (its bar and line charts)."""
    desk, _ids = sample
    return log_document(desk, "pdf"), review_document(desk, "2026-Q4")


def test_every_glyph_of_a_record_after_a_lines_first_is_placed_a_whole_number_of_pixels_on(record):
    offsets = [x for page in contents(record) for block in page.split(b"BT\n")[1:]
               for x, _y in GLYPH.findall(block)[1:]]  # a text's first glyph goes where its line starts
    assert len(offsets) > 2000
    assert not [x for x in offsets if b"." in x]


def _advances(font: QFont, device: QPdfWriter) -> list[float]:
    layout = QTextLayout(TEXT, font, device)
    layout.beginLayout()
    layout.createLine().setLineWidth(100_000)
    layout.endLayout()
    xs = [p.x() for run in layout.glyphRuns() for p in run.positions()]
    return [b - a for a, b in itertools.pairwise(xs)]


@pytest.mark.parametrize("points, bold", [(7, False), (8.5, False), (9.5, True), (15, True)])
def test_on_paper_each_letter_is_at_most_a_pixel_from_where_the_fonts_design_puts_it(qapp, points, bold):
    """Each advance rounded to a whole 1/1,200 inch, and no more: the letters are as evenly spaced as the
    design's (Qt's own rounding of the font's pixel size aside, the same for both)."""
    device = QPdfWriter(QBuffer())
    device.setResolution(RESOLUTION)
    paper, design = ui_font(points, bold, paper=True), ui_font(points, bold)
    design.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    on_paper, designed = _advances(paper, device), _advances(design, device)
    assert len(on_paper) == len(designed) == len(TEXT) - 1
    assert all(a == round(a) for a in on_paper)
    assert max(abs(a - b) for a, b in zip(on_paper, designed, strict=True)) <= 1.0
    assert abs(sum(on_paper) - sum(designed)) <= 0.005 * sum(designed)


def test_the_screens_text_keeps_the_platforms_hinting(qapp):
    assert ui_font(10).hintingPreference() == QFont.HintingPreference.PreferDefaultHinting
    assert ui_font(10, paper=True).hintingPreference() == QFont.HintingPreference.PreferFullHinting


def _stroke_widths(stream: bytes) -> list[float]:
    """The line width of every stroke of a content stream, in points (Qt's pages: one scale, 72 / dpi)."""
    width, saved, out = 1.0, [], []
    tokens = stream.split()
    for i, token in enumerate(tokens):
        if token == b"q":
            saved.append(width)
        elif token == b"Q":
            width = saved.pop() if saved else width
        elif token == b"w":
            width = float(tokens[i - 1])
        elif token in (b"S", b"s", b"B", b"B*", b"b", b"b*"):  # stroked, or filled and stroked
            out.append(width * 72 / RESOLUTION)
    return out


def test_no_line_of_a_record_log_or_review_is_thinner_than_a_hairline_that_prints(record, documents):
    for pdf in (record, *documents):
        widths = [w for page in contents(pdf) for w in _stroke_widths(page)]
        assert len(widths) >= 3  # rules under rows (drawn together), the header's rule, axes, grid lines, outlines
        assert min(widths) >= 0.2, sorted(widths)[:5]

