"""The scoring matrix as a painted table: both leaders' scores over the divergence heat colour.

Used cell by cell by the on-screen delegate (``paint_cell``); ``paint`` paints it as a whole table (it returns
where it stopped so a next page continues with the header repeated). The PDF lays its matrix out by hand
(``export.layout.Grid``) and paints no table from here.
The two leaders' scores are told apart by letter (P, E) and the two sides by marker shape (● ▲), never
by colour alone; the heat colour is cividis (dark blue = agree, yellow = disagree).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QLinearGradient, QPaintDevice, QPainter, QPen

from tension_desk.domain.model import Side
from tension_desk.domain.scoring import result_text
from tension_desk.render import palette
from tension_desk.render.fonts import ui_font
from tension_desk.render.palette import GRID, HEADER, INK, MUTED, PAPER, ZEBRA, cividis, heat_colour, text_colour_on
from tension_desk.render.quadrant import draw_marker

RESULT_HEADERS = ("P total", "E total", "Combined", "Divergence")
_RULE = QColor("#C9D0D8")
_HEADER_LINES = 3  # a criterion name wraps onto at most this many lines (the last one elided)


@dataclass(frozen=True)
class HeatCell:
    product: int | None
    engineering: int | None
    divergence: float | None  # of this one criterion, 0..100


@dataclass(frozen=True)
class HeatRow:
    label: str
    side: Side
    cells: tuple[HeatCell, ...]
    total_product: float | None
    total_engineering: float | None
    combined: float | None
    divergence: float | None
    rank: int | None


@dataclass(frozen=True)
class HeatmapData:
    criteria: tuple[str, ...]
    rows: tuple[HeatRow, ...]
    cost_flags: tuple[bool, ...] = ()  # True where the criterion is a cost (counts inversely)

    def is_cost(self, index: int) -> bool:
        return index < len(self.cost_flags) and self.cost_flags[index]


def _metrics(font: QFont, device: QPaintDevice | None) -> QFontMetricsF:
    return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)


def _bold(font: QFont) -> QFont:
    f = QFont(font)
    f.setBold(True)
    return f


def _default_font() -> QFont:
    return ui_font(9)


# -- one cell ------------------------------------------------------------------------------------------
def _score_text(value: int | None, masked: bool) -> str:
    if masked:
        return "•"
    return "–" if value is None else str(value)


def fill_missing(painter: QPainter, rect: QRectF) -> None:
    """A cell without a divergence (a score is missing): neutral grey, hatched; never a heat colour."""
    painter.fillRect(rect, palette.MISSING)
    brush = QBrush(palette.MISSING_HATCH, Qt.BrushStyle.BDiagPattern)
    scale = max(1.0, painter.device().logicalDpiY() / 96.0) if painter.device() is not None else 1.0
    brush.setTransform(brush.transform().scale(scale, scale))  # the same pitch on screen and on paper
    painter.fillRect(rect, brush)


@dataclass(frozen=True)
class CellText:
    """How a cell's "P 4 · E 1" is laid out: (text, font, advance) pieces and their total width."""
    pieces: tuple[tuple[str, QFont, float], ...]
    width: float
    baseline: float  # from the cell's vertical centre: the numbers' cap height, halved


def cell_text(font: QFont, p: str = "5", e: str = "5", masked: bool = False, device: QPaintDevice | None = None,
              room: float | None = None) -> CellText:
    """The cell's text in ``font``: "P 4 · E 1" with thin spaces, or packed tight when ``room`` is less. The
    letters always stay: they tell the two leaders apart without colour."""
    letters = QFont(font)
    letters.setBold(False)
    if font.pointSizeF() > 0:
        letters.setPointSizeF(font.pointSizeF() * 0.86)
    elif font.pixelSize() > 0:
        letters.setPixelSize(max(1, round(font.pixelSize() * 0.86)))
    numbers = QFont(letters) if masked else _bold(font)
    fm_l, fm_n = _metrics(letters, device), _metrics(numbers, device)
    thin = fm_n.horizontalAdvance(" ")
    layout: tuple[tuple[str, QFont, float], ...] = ()
    for gap, dot in ((thin, fm_l.horizontalAdvance(" · ") + thin * 2), (0.0, fm_l.horizontalAdvance("·") + thin)):
        layout = (("P", letters, fm_l.horizontalAdvance("P") + gap), (p, numbers, fm_n.horizontalAdvance(p)),
                  ("·", letters, dot), ("E", letters, fm_l.horizontalAdvance("E") + gap),
                  (e, numbers, fm_n.horizontalAdvance(e)))
        if room is None or sum(a for _t, _f, a in layout) <= room:
            break
    return CellText(layout, sum(a for _t, _f, a in layout), fm_n.capHeight() / 2)


def cell_room(font: QFont, device: QPaintDevice | None = None) -> float:
    """The width a cell needs for "P 5 · E 5" with its thin spaces in ``font`` (its margin included)."""
    return cell_text(font, device=device).width + _metrics(font, device).averageCharWidth()


def paint_cell(painter: QPainter, rect: QRectF, cell: HeatCell, font: QFont, masked: bool = False) -> None:
    """Fill ``rect`` with the cell's heat colour (hatched grey when a score is missing, paper when masked)
    and write "P 4 · E 1": letters tell the two leaders' scores apart; "•" stands in for hidden scores."""
    bg = None if masked else heat_colour(cell.divergence)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if masked:
        painter.fillRect(rect, PAPER)
        ink = MUTED
    elif bg is None:
        fill_missing(painter, rect)
        ink = INK
    else:
        painter.fillRect(rect, bg)
        ink = text_colour_on(bg)
    device = painter.device()
    room = rect.width() - _metrics(font, device).averageCharWidth()
    text = cell_text(font, _score_text(cell.product, masked), _score_text(cell.engineering, masked), masked,
                     device, room)
    painter.setPen(ink)
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    x = rect.center().x() - text.width / 2
    baseline = rect.center().y() + text.baseline  # one shared baseline, centred on the numbers' cap height
    for piece, f, step in text.pieces:
        painter.setFont(f)
        # the middle dot is drawn centred in its own advance
        offset = (step - _metrics(f, device).horizontalAdvance(piece)) / 2 if piece == "·" else 0.0
        painter.drawText(QPointF(x + offset, baseline), piece)
        x += step
    painter.restore()


# -- the table -----------------------------------------------------------------------------------------
def row_height(font: QFont, device: QPaintDevice | None = None) -> float:
    """The height of one table row for ``font`` (on ``device``; the screen when None)."""
    return round(_metrics(font, device).height() * 2.0, 2)


def _wrap(text: str, fm: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap onto at most ``max_lines`` lines; the last line is elided if text is left over."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and fm.horizontalAdvance(line + " " + words[0]) <= width:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = lines[-1] + " " + " ".join(words)
    return [fm.elidedText(s, Qt.TextElideMode.ElideRight, width) for s in lines] or [""]


@dataclass(frozen=True)
class _Column:
    kind: str  # rank, title, criterion, p_total, e_total, combined, divergence
    header: str
    width: float
    index: int = -1  # criterion index


def _columns(data: HeatmapData, width: float, fm: QFontMetricsF, fm_b: QFontMetricsF) -> list[_Column]:
    pad = fm.height() * 0.5
    rank_w = max(fm_b.horizontalAdvance("99"), fm_b.horizontalAdvance("#")) + 2 * pad
    cell_w = fm_b.horizontalAdvance("P 5 ·  E 5") + 2 * pad
    word_w = max([fm_b.horizontalAdvance(w) for name in data.criteria for w in name.split()] + [0.0])
    crit_w = max(cell_w, min(word_w + 2 * pad, cell_w * 1.5))
    number_w = fm_b.horizontalAdvance("100.0") + 2 * pad
    title_min = fm.averageCharWidth() * 18
    result_w = [max(number_w, fm_b.horizontalAdvance(h) + 2 * pad) for h in RESULT_HEADERS]
    if width - rank_w - crit_w * len(data.criteria) - sum(result_w) < title_min * 1.6:
        # Tight: result headers may wrap ("P / total"), so a column is as wide as its longest word.
        result_w = [max(number_w, max(fm_b.horizontalAdvance(w) for w in h.split()) + 2 * pad)
                    for h in RESULT_HEADERS]
    fixed = rank_w + crit_w * len(data.criteria) + sum(result_w)
    title_w = width - fixed
    title_max = fm.averageCharWidth() * 46
    if title_w > title_max and data.criteria:  # plenty of room: give the criteria some air, up to 1.6x
        extra = min(title_w - title_max, crit_w * 0.6 * len(data.criteria))
        crit_w += extra / len(data.criteria)
        title_w -= extra
    factor = 1.0
    if title_w < title_min:  # too narrow: squeeze every column alike (texts elide or go compact)
        factor = max(0.1, width / (fixed + title_min))
        title_w = title_min * factor
    cols = [_Column("rank", "#", rank_w * factor), _Column("title", "Priority", title_w)]
    cols += [_Column("criterion", name, crit_w * factor, i) for i, name in enumerate(data.criteria)]
    kinds = ("p_total", "e_total", "combined", "divergence")
    cols += [_Column(kind, head, w * factor) for kind, head, w in zip(kinds, RESULT_HEADERS, result_w, strict=True)]
    return cols


def _header_lines(col: _Column, data: HeatmapData, fm_b: QFontMetricsF, pad: float) -> list[tuple[str, bool]]:
    """The header text of one column as (line, is_cost_note) pairs."""
    room = max(1.0, col.width - pad)
    if col.kind != "criterion":
        return [(line, False) for line in _wrap(col.header, fm_b, room, 2)]
    lines = [(line, False) for line in _wrap(col.header, fm_b, room, _HEADER_LINES)]
    if data.is_cost(col.index):
        lines.append(("(cost)", True))
    return lines




def paint(painter: QPainter, rect: QRectF, data: HeatmapData, first_row: int = 0, font: QFont | None = None) -> int:
    """Paint the header and as many rows as fit in ``rect``, starting at ``first_row``.

    Returns the index after the last row painted (``len(data.rows)`` when all are done); a PDF calls it
    again on the next page from there, and the header is painted again on each call. When not even one
    row fits under the header it returns ``first_row`` unchanged.
    """
    font = QFont(font) if font is not None else _default_font()
    bold = _bold(font)
    italic = QFont(font)
    italic.setItalic(True)
    device = painter.device()
    fm, fm_b = _metrics(font, device), _metrics(bold, device)
    pad = fm.height() * 0.5
    line_h = fm_b.height()
    gap = max(1.0, fm.height() * 0.08)  # the white seam between heat tiles
    cols = _columns(data, rect.width(), fm, fm_b)
    headers = [_header_lines(c, data, fm_b, pad) for c in cols]
    header_h = max(2, max(len(h) for h in headers)) * line_h + pad * 1.4
    rh = row_height(font, device)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)

    # Header (repeated on every page).
    head = QRectF(rect.left(), rect.top(), rect.width(), header_h)
    painter.fillRect(head, HEADER)
    x = rect.left()
    for col, lines in zip(cols, headers, strict=True):
        cell = QRectF(x, head.top(), col.width, header_h).adjusted(pad / 2, pad * 0.5, -pad / 2, -pad * 0.9)
        y = cell.bottom() - len(lines) * line_h
        align = Qt.AlignmentFlag.AlignLeft if col.kind == "title" else Qt.AlignmentFlag.AlignHCenter
        for text, is_note in lines:
            painter.setFont(italic if is_note else bold)
            painter.setPen(MUTED if is_note else INK)
            painter.drawText(QRectF(cell.left(), y, cell.width(), line_h), align | Qt.AlignmentFlag.AlignVCenter, text)
            y += line_h
        x += col.width
    painter.setPen(QPen(_RULE, gap))
    painter.drawLine(QLineF(head.left(), head.bottom(), head.right(), head.bottom()))

    # Rows.
    y = head.bottom()
    index = max(0, first_row)
    while index < len(data.rows) and y + rh <= rect.bottom() + 0.01:
        _paint_row(painter, QRectF(rect.left(), y, rect.width(), rh), data.rows[index], cols, font, bold,
                   pad, gap, zebra=(index % 2 == 1))
        y += rh
        index += 1

    # Thin rules between the groups of columns: title | criteria | results.
    painter.setPen(QPen(_RULE, gap))
    x = rect.left()
    for col, nxt in pairwise(cols):
        x += col.width
        if col.kind != nxt.kind and (col.kind == "title" or nxt.kind == "p_total"):
            painter.drawLine(QLineF(x, rect.top(), x, y))
    painter.restore()
    return index


def _paint_row(painter: QPainter, row_rect: QRectF, row: HeatRow, cols: list[_Column], font: QFont,
               bold: QFont, pad: float, gap: float, zebra: bool) -> None:
    device = painter.device()
    fm = _metrics(font, device)
    painter.fillRect(row_rect, ZEBRA if zebra else PAPER)
    x = row_rect.left()
    centre = Qt.AlignmentFlag.AlignCenter
    for col in cols:
        r = QRectF(x, row_rect.top(), col.width, row_rect.height())
        tile = r.adjusted(gap / 2, gap / 2, -gap / 2, -gap / 2)
        if col.kind == "rank":
            painter.setFont(bold)
            painter.setPen(INK)
            painter.drawText(r, centre, "" if row.rank is None else str(row.rank))
        elif col.kind == "title":
            radius = fm.height() * 0.32
            mx = r.left() + pad / 2 + radius * 1.2
            lift = radius * 0.15 if row.side is Side.ENGINEERING else 0.0
            draw_marker(painter, row.side, QPointF(mx, r.center().y() + lift), radius)
            text_x = mx + radius * 1.2 + pad * 0.6
            room = r.right() - pad / 2 - text_x
            painter.setFont(font)
            painter.setPen(INK)
            painter.drawText(QRectF(text_x, r.top(), max(0.0, room), r.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(" ".join(row.label.split()), Qt.TextElideMode.ElideRight, max(0.0, room)))
        elif col.kind == "criterion":
            cell = row.cells[col.index] if col.index < len(row.cells) else HeatCell(None, None, None)
            paint_cell(painter, tile, cell, font)
        else:
            value = {"p_total": row.total_product, "e_total": row.total_engineering,
                     "combined": row.combined, "divergence": row.divergence}[col.kind]
            bg = heat_colour(value) if col.kind == "divergence" else None
            if bg is not None:
                painter.fillRect(tile, bg)
            painter.setFont(bold if col.kind in ("combined", "divergence") else font)
            painter.setPen(text_colour_on(bg) if bg is not None else (INK if value is not None else MUTED))
            painter.drawText(r, centre, result_text(value))
        x += col.width
    painter.setPen(QPen(GRID, gap))
    painter.drawLine(QLineF(row_rect.left(), row_rect.bottom(), row_rect.right(), row_rect.bottom()))


def paint_legend(painter: QPainter, rect: QRectF, font: QFont) -> None:
    """The heat scale "Divergence  agree 0 [cividis bar] 100 disagree  [hatched] a score missing" and,
    where there is room, the side key "● Product  ▲ Engineering" at the right. The PDF and the screen
    both paint it."""
    device = painter.device()
    bold = _bold(font)
    fm, fm_b = _metrics(font, device), _metrics(bold, device)
    pad = fm.height() * 0.5
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    cy = rect.center().y()

    def text_at(x: float, text: str, f: QFont, m: QFontMetricsF, colour: QColor) -> float:
        w = m.horizontalAdvance(text)
        painter.setFont(f)
        painter.setPen(colour)
        painter.drawText(QRectF(x, rect.top(), w + 1, rect.height()), Qt.AlignmentFlag.AlignVCenter, text)
        return x + w

    radius = fm.height() * 0.28
    sides = [(Side.PRODUCT, "Product"), (Side.ENGINEERING, "Engineering")]
    key_w = sum(radius * 2 + pad * 0.5 + fm.horizontalAdvance(t) for _s, t in sides) + pad * 1.5
    x = text_at(rect.left(), "Divergence", bold, fm_b, INK) + pad
    x = text_at(x, "agree 0", font, fm, MUTED) + pad * 0.6
    right_text = "100 disagree"
    missing_text = "a score missing"
    swatch_w = fm.height() * 1.2
    right_w = fm.horizontalAdvance(right_text) + pad * 1.5 + swatch_w + pad * 0.5 + fm.horizontalAdvance(missing_text)
    bar_w = fm.averageCharWidth() * 36
    show_key = x + bar_w * 0.5 + pad * 0.6 + right_w + pad * 3 + key_w <= rect.right()
    limit = rect.right() - (key_w + pad * 3 if show_key else 0) - right_w - pad * 0.6
    bar_w = max(0.0, min(bar_w, limit - x))
    bar_h = min(rect.height(), fm.height() * 0.75)
    bar = QRectF(x, cy - bar_h / 2, bar_w, bar_h)
    gradient = QLinearGradient(bar.topLeft(), bar.topRight())
    steps = 32
    for i in range(steps + 1):
        gradient.setColorAt(i / steps, cividis(i / steps))
    painter.fillRect(bar, gradient)
    x = text_at(bar.right() + pad * 0.6, right_text, font, fm, MUTED) + pad * 1.5
    swatch = QRectF(x, cy - bar_h / 2, swatch_w, bar_h)
    fill_missing(painter, swatch)
    text_at(swatch.right() + pad * 0.5, missing_text, font, fm, MUTED)
    if show_key:
        x = rect.right() - key_w
        for i, (side, text) in enumerate(sides):
            lift = radius * 0.15 if side is Side.ENGINEERING else 0.0
            draw_marker(painter, side, QPointF(x + radius, cy + lift), radius)
            x = text_at(x + radius * 2 + pad * 0.5, text, font, fm, INK) + (pad * 1.5 if i == 0 else 0)
    painter.restore()
