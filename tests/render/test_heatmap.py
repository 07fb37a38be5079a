"""The scoring matrix painted as a table: heat colours, both scores in every cell, page by page."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from tension_desk.domain.model import Side
from tension_desk.render.fonts import ui_font
from tension_desk.render.heatmap import (
    HeatCell,
    HeatmapData,
    HeatRow,
    cell_text,
    paint,
    paint_cell,
    paint_legend,
    row_height,
)
from tension_desk.render.palette import HEADER, MISSING, MISSING_HATCH, PAPER, cividis, heat_colour

CRITERIA = ("Customer value", "Revenue / retention", "Strategic fit", "Platform health / risk reduction",
            "Cost of delay", "Effort")
COST = (False, False, False, False, False, True)


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def near(c: QColor, target: QColor, tol: int = 3) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c.getRgb()[:3], target.getRgb()[:3], strict=True))


def image(w: int, h: int) -> QImage:
    img = QImage(w, h, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.white)
    return img


def cell_image(cell: HeatCell, masked: bool = False, size=(90, 30)) -> QImage:
    img = image(*size)
    painter = QPainter(img)
    paint_cell(painter, QRectF(0, 0, *size), cell, ui_font(10), masked=masked)
    painter.end()
    return img


def colours(img: QImage, rect=None) -> list[QColor]:
    x0, y0, x1, y1 = rect or (0, 0, img.width(), img.height())
    return [img.pixelColor(x, y) for x in range(x0, x1) for y in range(y0, y1)]


def test_full_disagreement_is_bright_yellow_with_dark_text():
    img = cell_image(HeatCell(product=5, engineering=0, divergence=100.0))
    assert near(img.pixelColor(0, 0), QColor("#FEE838"))
    assert near(img.pixelColor(img.width() - 1, img.height() - 1), QColor("#FEE838"))
    assert any(max(c.red(), c.green(), c.blue()) < 60 for c in colours(img))  # black text drawn


def test_agreement_is_dark_blue_with_light_text():
    img = cell_image(HeatCell(product=3, engineering=3, divergence=0.0))
    assert near(img.pixelColor(0, 0), QColor("#00224E"))
    assert any(min(c.red(), c.green(), c.blue()) > 200 for c in colours(img))  # white text drawn


def test_a_missing_score_is_a_hatched_neutral_cell_not_the_brightest():
    """White would read as the brightest heat colour ("they disagree"): a cell missing a score is grey,
    hatched, and neither paper nor any colour of the heat scale."""
    img = cell_image(HeatCell(product=4, engineering=None, divergence=None), size=(90, 30))
    pixels = colours(img, (0, 0, 90, 8))  # a band above the text
    assert any(near(c, MISSING, 3) for c in pixels) and any(near(c, MISSING_HATCH, 3) for c in pixels)
    assert not any(c == PAPER for c in pixels)
    scale = [cividis(i / 255) for i in range(256)]
    assert not any(near(c, s, 6) for c in pixels for s in scale)
    assert any(max(c.red(), c.green(), c.blue()) < 60 for c in colours(img))  # the score is written in dark ink


def test_scores_are_told_apart_by_letter_not_by_colour():
    """Both scores are written in the one text colour: "P 4 · E 1" and "P 1 · E 4" differ in layout only."""
    a = cell_image(HeatCell(4, 1, 60.0), size=(120, 30))
    b = cell_image(HeatCell(1, 4, 60.0), size=(120, 30))
    bg = heat_colour(60.0)
    inks = {c.rgb() for c in colours(a) + colours(b) if not near(c, bg, 40)}
    text = QColor("#000000")
    assert inks and all(near(QColor.fromRgb(c), text, 140) for c in inks)  # only black, antialiased
    assert a != b


def test_masked_cell_hides_everything():
    secret = cell_image(HeatCell(5, 0, 100.0), masked=True)
    other = cell_image(HeatCell(1, 1, 0.0), masked=True)
    assert secret.pixelColor(0, 0) == PAPER
    assert secret == other  # nothing of the scores or the divergence shows
    assert secret != cell_image(HeatCell(None, None, None))  # placeholders are drawn


def test_a_narrow_cell_still_shows_both_scores():
    narrow = cell_image(HeatCell(4, 1, 20.0), size=(34, 24))
    assert any(min(c.red(), c.green(), c.blue()) > 200 for c in colours(narrow))


def test_a_cell_too_narrow_for_the_spaced_text_packs_it_but_keeps_both_letters():
    font = ui_font(10)
    spaced = cell_text(font, "4", "1")
    packed = cell_text(font, "4", "1", room=spaced.width - 4)
    assert [t for t, _f, _a in packed.pieces] == ["P", "4", "·", "E", "1"]  # who scored what, without colour
    assert packed.width <= spaced.width - 4


def rows(n: int) -> tuple[HeatRow, ...]:
    out = []
    for i in range(n):
        cells = tuple(HeatCell(i % 6, (i * 2) % 6, 100.0 * abs(i % 6 - (i * 2) % 6) / 5) for _ in CRITERIA)
        side = Side.PRODUCT if i % 2 == 0 else Side.ENGINEERING
        out.append(HeatRow(f"Priority number {i} with a longer title than the column has room for", side,
                           cells, 60.0 + i, 50.0 - i, 55.0, 100.0 if i == 0 else 10.0 * (i % 5), i + 1))
    return tuple(out)


def table(data: HeatmapData, size=(1100, 700), first_row: int = 0, font=None) -> tuple[QImage, int]:
    img = image(*size)
    painter = QPainter(img)
    done = paint(painter, QRectF(0, 0, *size), data, first_row, font or ui_font(9))
    painter.end()
    return img, done


def test_everything_fits_in_a_tall_rect():
    data = HeatmapData(CRITERIA, rows(8), COST)
    img, done = table(data)
    assert done == 8
    assert img.pixelColor(2, 2) == HEADER


def test_a_short_rect_stops_early_and_the_next_page_repeats_the_header():
    data = HeatmapData(CRITERIA, rows(30), COST)
    font = ui_font(9)
    first, done = table(data, size=(1100, 300), font=font)
    assert 0 < done < len(data.rows)
    second, done2 = table(data, size=(1100, 300), first_row=done, font=font)
    assert done < done2
    assert second.pixelColor(2, 2) == HEADER  # the header is painted again
    # Same number of rows on a page of the same height, and the rows below are fewer than a page's worth.
    assert done2 - done == done or done2 == len(data.rows)
    pages, start = 0, 0
    while start < len(data.rows):
        _img, nxt = table(data, size=(1100, 300), first_row=start, font=font)
        assert nxt > start
        start, pages = nxt, pages + 1
    assert pages >= 3
    # Each painted row takes row_height(font): the page holds as many as fit under the header.
    assert done * row_height(font, first) <= 300


def test_too_short_for_one_row_returns_the_start():
    data = HeatmapData(CRITERIA, rows(3), COST)
    _img, done = table(data, size=(1100, 30), first_row=1)
    assert done == 1


def test_row_height_grows_with_the_font():
    assert 0 < row_height(ui_font(9)) < row_height(ui_font(14))


def test_the_divergence_column_is_heat_coloured():
    data = HeatmapData(CRITERIA, rows(1), COST)  # row 0: divergence 100
    img, _ = table(data, size=(1100, 200))
    strip = colours(img, (img.width() - 6, 0, img.width() - 3, img.height()))
    assert any(near(c, cividis(1.0)) for c in strip)


def test_criterion_cells_carry_their_own_divergence():
    cells = (HeatCell(5, 0, 100.0), HeatCell(2, 2, 0.0), HeatCell(None, None, None)) + (HeatCell(1, 1, 0.0),) * 3
    data = HeatmapData(CRITERIA, (HeatRow("One", Side.PRODUCT, cells, 50.0, 50.0, 50.0, 33.3, 1),), COST)
    img, _ = table(data, size=(1100, 200))
    every = colours(img)
    assert any(near(c, QColor("#FEE838")) for c in every)
    assert any(near(c, QColor("#00224E")) for c in every)


def test_empty_table_and_missing_values():
    table(HeatmapData((), ()))
    row = HeatRow("Not scored", Side.ENGINEERING, (), None, None, None, None, None)
    _img, done = table(HeatmapData(CRITERIA, (row,), ()))
    assert done == 1


def test_legend_runs_from_dark_blue_to_yellow():
    img = image(900, 30)
    painter = QPainter(img)
    paint_legend(painter, QRectF(0, 0, 900, 30), ui_font(9))
    painter.end()
    row = [img.pixelColor(x, 15) for x in range(900)]
    dark = [x for x, c in enumerate(row) if near(c, cividis(0.0), 8)]
    bright = [x for x, c in enumerate(row) if near(c, cividis(1.0), 8)]
    assert dark and bright and max(dark) < min(bright)


def test_pdf_pages_repeat_the_header(tmp_path):
    from pypdf import PdfReader

    data = HeatmapData(CRITERIA, rows(30), COST)
    path = tmp_path / "matrix.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(15, 15, 15, 15)))
    painter = QPainter(writer)
    font = ui_font(8)
    start, pages = 0, 0
    while start < len(data.rows):
        if pages:
            writer.newPage()
        start = paint(painter, QRectF(0, 0, writer.width(), writer.height() * 0.4), data, start, font)
        pages += 1
    paint_legend(painter, QRectF(0, writer.height() * 0.45, writer.width(), writer.height() * 0.05), font)
    painter.end()
    reader = PdfReader(str(path))
    assert len(reader.pages) == pages >= 2
    for page in reader.pages:
        text = " ".join(page.extract_text().split())
        for words in ("Priority", "Customer value", "(cost)", "Combined", "Divergence"):
            assert words in text
    assert "Priority number 29" in " ".join(reader.pages[-1].extract_text().split())
