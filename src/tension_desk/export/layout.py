"""Pages for the PDF documents: blocks placed one after another by the rules a reader expects.

- A heading stays on the page of what follows it (``keep_with_next``).
- A table repeats its header row at the top of every page it reaches, and a row never splits.
- A record (``Table(together=True)``, e.g. one decision) stays on one page unless it is longer than a page.
- Text is painted once, on the page where it shows: a block longer than a page is cut between lines and
  each piece painted alone, so no clipped line hides in the file to come back as duplicate text.
- Charts are painted straight onto the PDF's painter: vector shapes and real, searchable text.

User text must be escaped by the caller before it goes into any HTML here.
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple, Protocol, TypeVar

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
    QTextLayout,
    QTextOption,
    QTextTable,
)

from tension_desk.render.fonts import on_paper, ui_font
from tension_desk.render.palette import HAIRLINE_PT

LABEL_INK = "#3B4450"  # a record's field labels (CSS class "label", and Grid's ``labels`` columns)
CSS = ("h1 { font-size: 20pt; color: #10243D; margin: 0; }"
       "h2 { font-size: 15pt; color: #10243D; margin: 0; }"
       "h3 { font-size: 11.5pt; color: #10243D; margin: 0; }"
       "p { margin: 0; } .muted { color: #5B6573; } .warn { color: #8A3B00; font-weight: bold; }"
       f".label {{ font-weight: bold; color: {LABEL_INK}; }}"
       "td { vertical-align: top; }")
RULE = QColor("#C9CED6")
RULE_PT = HAIRLINE_PT  # a rule's width
EDGE_PT = 0.06  # what a row's painting leaves of the rules above and below it (a quarter pixel at 300 dpi)
NO_PEN = QColor()  # stands for Qt.PenStyle.NoPen in ``Flow.pen``
HEADER_BACKGROUND = "#E9ECF1"
FIT_SLACK_PT = 1.0  # a fitted column's room beyond its text: Qt rounds percentage widths to whole pixels


def text_document(html_text: str, width: float, device: QPaintDevice, points: float = 10) -> QTextDocument:
    """Rich text laid out at ``width`` in the device's own pixels (not paginated: the flow cuts it)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(ui_font(points, paper=on_paper(device)))
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(CSS)
    doc.setPageSize(QSizeF(0, 0))  # no page: the text is not laid out yet (nor shaped), only at its width below
    doc.setHtml(html_text)
    block = doc.begin()
    while block.isValid():  # each block keeps its shaped glyphs from the layout for painting (not shaped again)
        block.layout().setCacheEnabled(True)
        block = block.next()
    doc.setTextWidth(width)
    return doc


class Block:
    keep_with_next = False
    space_before = 0.0  # points; dropped at the top of a page

    def height(self, flow: Flow) -> float:
        raise NotImplementedError

    def lead(self, flow: Flow) -> float:
        """The least of this block that must sit on a page for a heading before it to stay there."""
        return min(self.height(flow), flow.body_height)

    def place(self, flow: Flow) -> None:
        raise NotImplementedError


@dataclass
class Html(Block):
    """A paragraph, a heading or a list. Moves whole to the next page when it does not fit; cut between
    lines only when it is longer than a page."""

    html: str
    keep_with_next: bool = False
    space_before: float = 0.0
    points: float = 10

    def height(self, flow: Flow) -> float:
        return flow.paragraph(self.html, self.points).height

    def place(self, flow: Flow) -> None:
        flow.paragraph(self.html, self.points).place(flow)


def _place_lines(flow: Flow, text: Row) -> None:
    """Place ``text``: whole on the next page when it does not fit here, cut between lines only when it is
    longer than a page."""
    doc, start, end = text.doc, text.top, text.bottom
    h = end - start
    if h > flow.room and (h <= flow.body_height or flow.room < flow.body_height * 0.2):
        flow.new_page()
    top = start
    while top < end - 0.5:
        cut = _cut(doc, top, top + flow.room) if end - top > flow.room else end
        if cut <= top:  # not one line fits the rest of this page
            flow.new_page()
            continue
        if top == start and cut == end:
            text.paint(flow)
        else:
            flow.paint_doc(doc, top, cut)
        top = cut
        if top < end - 0.5:
            flow.new_page()


def _cut(doc: QTextDocument, top: float, limit: float) -> float:
    """The lowest line end between ``top`` and ``limit`` in the document (``top`` if none fits)."""
    layout = doc.documentLayout()
    best = top
    block = doc.begin()
    while block.isValid():
        origin = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for i in range(lines.lineCount()):
            line = lines.lineAt(i)
            bottom = origin + line.y() + line.height()
            if top < bottom <= limit:
                best = max(best, bottom)
        block = block.next()
    return best


@dataclass
class Table(Block):
    """Rows of cells (escaped HTML) in columns of fixed shares of the width. The header row, if any, is
    repeated on every page; a row never splits; ``together`` keeps the whole table on one page if it fits."""

    widths: Sequence[float]  # percentages
    rows: Sequence[Sequence[str]]
    header: Sequence[str] | None = None
    together: bool = False
    backgrounds: Sequence[Sequence[str | None]] | None = None  # per cell, "#rrggbb"
    points: float = 10
    space_before: float = 0.0
    keep_with_next: bool = False

    def row_html(self, cells: Sequence[str], backgrounds: Sequence[str | None] | None = None,
                  header: bool = False, widths: Sequence[float] | None = None) -> str:
        tds = []
        for i, (cell, width) in enumerate(zip(cells, self.widths if widths is None else widths, strict=True)):
            bg = HEADER_BACKGROUND if header else (backgrounds[i] if backgrounds else None)
            attr = f" bgcolor='{bg}'" if bg else ""
            tds.append(f"<td width='{width:g}%'{attr}>{f'<b>{cell}</b>' if header else cell}</td>")
        return f"<table width='100%' cellspacing='0' cellpadding='3'><tr>{''.join(tds)}</tr></table>"

    @property
    def prepared_htmls(self) -> list[str]:
        """The rows ``Flow.prepare`` lays out ahead, with those of every other table."""
        return self.row_htmls

    @cached_property
    def row_htmls(self) -> list[str]:
        """Each row as a one-row table of its own, the header row (if any) first."""
        rows = [self.row_html(r, self.backgrounds[i] if self.backgrounds else None) for i, r in enumerate(self.rows)]
        return [self.row_html(self.header, header=True), *rows] if self.header else rows

    def _laid_out(self, flow: Flow) -> _TableRows:
        cached = getattr(self, "_cache", None)
        if cached is None or cached[0] is not flow.laid:  # asked for again and again: height, lead, place
            rows = flow.rows(self.row_htmls, self.points)
            cached = self._cache = (flow.laid, _TableRows(rows[0], rows[1:]) if self.header else _TableRows(None, rows))
        return cached[1]

    def height(self, flow: Flow) -> float:
        return self._laid_out(flow).height

    def lead(self, flow: Flow) -> float:
        t = self._laid_out(flow)
        if self.together and t.height <= flow.body_height:
            return t.height
        return t.head_height + (t.rows[0].height if t.rows else 0.0)

    def place(self, flow: Flow) -> None:
        t = self._laid_out(flow)
        if self.together and flow.room < t.height <= flow.body_height:
            flow.new_page()
        with flow.pens():
            _place_rows(flow, t)


def _place_rows(flow: Flow, t: _TableRows) -> None:
    """A table's rows, each with its rule under it, under its header at the top of every page it reaches."""
    head, head_h = t.head, t.head_height
    for n, row in enumerate(t.rows):
        h = row.height
        if (n == 0 and head_h + min(h, flow.body_height) > flow.room and not flow.at_top) or (n and h > flow.room):
            flow.new_page()
        if head and (n == 0 or flow.at_top):
            head.paint(flow)
        if h > flow.room:  # one row longer than a page: cut it between lines
            row.place(flow)
        else:
            row.paint(flow)
        flow.rule()


@dataclass(frozen=True)
class Row:
    """A table row or a paragraph laid out: its part of a document of rows, from ``top`` to ``bottom``."""

    doc: QTextDocument
    top: float
    bottom: float
    blocks: tuple[tuple[QTextLayout, QPointF], ...] | None = None  # see ``_blocks``

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def paint(self, flow: Flow) -> None:
        """Painted whole at the flow's place: its text blocks' own layouts drawn straight where the document
        draws them (``drawContents`` walks the whole document for a few lines), or by the document where
        there is more than text to paint."""
        if self.blocks is None or flow.counting:
            flow.paint_doc(self.doc, self.top, self.bottom)
            return
        flow.ruled()
        p = flow.painter
        p.save()
        p.setPen(flow.ink)
        origin = QPointF(flow.left, flow.y - self.top)
        for layout, offset in self.blocks:
            layout.draw(p, origin + offset)
        p.restore()
        flow.y += self.bottom - self.top

    def place(self, flow: Flow) -> None:
        """Painted on this page, or the next if it does not fit here, cut between lines if longer than a page."""
        _place_lines(flow, self)


def _blocks(doc: QTextDocument, first: int, last: int) -> tuple[tuple[QTextLayout, QPointF], ...]:
    """The layouts of the non-empty blocks of ``doc`` from position ``first`` to ``last``, each with where the
    document draws it (``QTextLayout.draw``'s position: the frames' and cells' offsets of its block)."""
    layout, out = doc.documentLayout(), []
    block = doc.findBlock(first)
    while block.isValid() and block.position() <= last:
        if block.length() > 1:
            text = block.layout()
            out.append((text, layout.blockBoundingRect(block).topLeft() - text.position()))
        block = block.next()
    return tuple(out)


@dataclass(frozen=True)
class _TableRows:
    head: Row | None
    rows: Sequence[Row | GridRow]

    @property
    def head_height(self) -> float:
        return self.head.height if self.head else 0.0

    @cached_property
    def height(self) -> float:
        return self.head_height + sum(r.height for r in self.rows)


ROWS_PER_DOCUMENT = 64  # texts laid out together: one document is parsed and laid out far faster than one per text
ONE_BLOCK = re.compile(r"<(p|h[1-6])\b[^>]*>(?:(?!<(?:p|h\d|ul|ol|li|table|div)\b).)*</\1>", re.DOTALL)


def lay_out_rows(htmls: Sequence[str], width: float, device: QPaintDevice, points: float) -> list[Row]:
    """One-row tables laid out as each would be alone, ``ROWS_PER_DOCUMENT`` of them stacked in a document:
    each row from its table's top to the next one's, the last to the document's end (the same heights and
    lines as a document of its own; a text that does not come out as one table per row is laid out alone)."""
    out: list[Row] = []
    for i in range(0, len(htmls), ROWS_PER_DOCUMENT):
        chunk = htmls[i:i + ROWS_PER_DOCUMENT]
        doc = text_document("".join(chunk), width, device, points)
        frames = doc.rootFrame().childFrames()
        if len(frames) != len(chunk):
            out += [Row(d, 0.0, d.size().height())
                    for d in (text_document(h, width, device, points) for h in chunk)]
            continue
        layout = doc.documentLayout()
        tops = [layout.frameBoundingRect(frame).top() for frame in frames]
        origin = tops[0]
        ends = [*tops[1:], doc.size().height() + origin]
        out += [Row(doc, top - origin, end - origin,  # a cell's background is the document's to paint
                    None if "bgcolor" in h else _blocks(doc, frame.firstPosition(), frame.lastPosition()))
                for h, frame, top, end in zip(chunk, frames, tops, ends, strict=True)]
    return out


def lay_out_paragraphs(htmls: Sequence[str], width: float, device: QPaintDevice, points: float) -> list[Row]:
    """Paragraphs and headings of one block each (``ONE_BLOCK``; no margins, by ``CSS``) laid out as each would
    be alone, ``ROWS_PER_DOCUMENT`` of them one under the other in a document: each from its block's top to
    the next one's (a text that does not come out as one block each is laid out alone)."""
    out: list[Row] = []
    for i in range(0, len(htmls), ROWS_PER_DOCUMENT):
        chunk = htmls[i:i + ROWS_PER_DOCUMENT]
        doc = text_document("".join(chunk), width, device, points)
        layout, tops, block = doc.documentLayout(), [], doc.begin()
        while block.isValid():
            tops.append(layout.blockBoundingRect(block).top())
            block = block.next()
        if len(tops) != len(chunk):
            out += [Row(d, 0.0, d.size().height())
                    for d in (text_document(h, width, device, points) for h in chunk)]
            continue
        ends = [*tops[1:], doc.size().height()]
        block = doc.begin()
        for top, end in zip(tops, ends, strict=True):
            out.append(Row(doc, top, end, _blocks(doc, block.position(), block.position())))
            block = block.next()
    return out


@dataclass
class Grid(Table):
    """A table of plain-text cells (the scoring matrix: hundreds of short cells; a decision's record), each cell
    with an optional text colour (``colours``, "#rrggbb") over its background; the ``labels`` columns are field
    labels (bold, ``LABEL_INK``: CSS class "label"), and in the ``multiline`` columns a newline starts a new line
    (as ``<br/>``). The header row is laid out like any table's; each body row is laid out and painted by hand, a
    ``QTextLayout`` per cell, exactly where ``QTextDocument`` puts the same one-row table (``row_htmls``): its
    column widths, cell padding, line breaks, line heights and row height rounded to the pixel. A row the hand
    layout cannot promise that for (a column narrower than Qt's least width of its text, which makes Qt lay the
    row out again another way; a text Qt makes more than one block of; a row taller than a page) is laid out by
    ``QTextDocument``.

    The ``fit`` columns (the scoring matrix's scores and totals) are as wide as their content needs, measured when
    the table is laid out: every word of their header whole on a line, every body cell on one line; the ``stretch``
    column takes the rest (see ``_fitted``). Where there is not room enough for that, a fit column's cells break
    only after ``fit_break``, and a header word wider than its column is set smaller."""

    colours: Sequence[Sequence[str | None]] | None = None
    labels: Sequence[int] = ()
    multiline: Sequence[int] = ()
    fit: Sequence[int] = ()
    stretch: int = 1
    fit_break: str = " · "

    def _cell_html(self, text: str, colour: str | None, column: int, multiline: bool) -> str:
        lines = text.split("\n") if multiline else [text]
        escaped = "<br/>".join(html.escape(line, quote=True) for line in lines)
        if column in self.labels:
            return f"<span class='label'>{escaped}</span>"
        return f"<span style='color:{colour}'>{escaped}</span>" if colour else escaped

    @cached_property
    def row_htmls(self) -> list[str]:
        return [*self.prepared_htmls, *(self._body_html(i) for i in range(len(self.rows)))]

    def _cells(self, i: int, columns: _Columns) -> Sequence[str]:
        """Row ``i``'s cells, a narrow fit column's broken after ``fit_break`` (multi-line cells)."""
        if not columns.narrow:
            return self.rows[i]
        return [self._broken(c) if k in columns.narrow else c for k, c in enumerate(self.rows[i])]

    def _broken(self, cell: str) -> str:
        return cell.replace(self.fit_break, self.fit_break.rstrip() + "\n")

    def _body_html(self, i: int, columns: _Columns | None = None) -> str:
        columns = columns or _Columns(tuple(self.widths))
        cells = zip(self._cells(i, columns), self._colours(i), strict=True)
        return self.row_html([self._cell_html(c, ink, k, k in self.multiline or k in columns.narrow)
                              for k, (c, ink) in enumerate(cells)],
                             self.backgrounds[i] if self.backgrounds else None, widths=columns.widths)

    def _header_html(self, columns: _Columns | None = None) -> str:
        assert self.header is not None
        smaller = dict(columns.header_points) if columns else {}
        return self.row_html([f"<span style='font-size:{smaller[k]:g}pt'>{html.escape(c, quote=True)}</span>"
                              if k in smaller else html.escape(c, quote=True) for k, c in enumerate(self.header)],
                             header=True, widths=columns.widths if columns else None)

    def _colours(self, i: int) -> Sequence[str | None]:
        return self.colours[i] if self.colours else [None] * len(self.widths)

    @cached_property
    def prepared_htmls(self) -> list[str]:
        """The header row alone (the body rows are laid out by hand); none where the widths are fitted to the
        text (the header is laid out with them)."""
        return [self._header_html()] if self.header and not self.fit else []

    def _laid_out(self, flow: Flow) -> _TableRows:
        cached = getattr(self, "_cache", None)
        if cached is None or cached[0] is not flow.laid:
            columns = self._fitted(flow) if self.fit else _Columns(tuple(self.widths))
            head = flow.rows([self._header_html(columns)], self.points)[0] if self.header else None
            grid = flow.grid(columns.widths, self)
            kinds = [_CellKind(k in self.labels, k in self.multiline or k in columns.narrow)
                     for k in range(len(self.widths))]
            if self.fit:  # columns of the same texts (a matrix's scores): laid out narrowest first, to share them
                grid.lay_out([self._cells(i, columns) for i in range(len(self.rows))], kinds)
            rows: list[Row | GridRow] = []
            for i in range(len(self.rows)):
                colours = self._colours(i)
                if self.labels:
                    colours = [LABEL_INK if kind.label else ink for kind, ink in zip(kinds, colours, strict=True)]
                row = grid.row(self._cells(i, columns), kinds, colours,
                               self.backgrounds[i] if self.backgrounds else None, flow.body_height)
                rows.append(row if row is not None else flow.rows([self._body_html(i, columns)], self.points)[0])
            cached = self._cache = (flow.laid, _TableRows(head, rows))
        return cached[1]

    def _fitted(self, flow: Flow) -> _Columns:
        """The columns with each ``fit`` column as wide as the longest word of its header (bold) and its widest
        body cell on one line need, plus its padding and ``FIT_SLACK_PT``; the ``stretch`` column gets what is
        left, but never less than half its own share. Where that is not enough, each fit column gets at least
        its cells' widest line when broken after ``fit_break`` (which they then are), and what is left is shared
        out in proportion to what each still lacks; a header too narrow for its longest word is set smaller."""
        grid = flow.grid(tuple(self.widths), self)
        plain = QFontMetricsF(grid.font, flow.device)
        bold = QFontMetricsF(grid.bold, flow.device)
        pad = 2 * grid.padding + FIT_SLACK_PT * flow.device.logicalDpiY() / 72.0
        advance: dict[str, float] = {}  # each text measured once: a matrix repeats its scores

        def width(text: str) -> float:
            w = advance.get(text)
            if w is None:
                w = advance[text] = plain.horizontalAdvance(text)
            return w

        word, cell, texts = {}, {}, {}
        for k in self.fit:
            word[k] = max((bold.horizontalAdvance(w) for w in (self.header[k] if self.header else "").split()),
                          default=0.0)
            texts[k] = dict.fromkeys(r[k] for r in self.rows)
            cell[k] = max((width(html_cell_text(t)) for t in texts[k]), default=0.0)
        percent = 100 / grid.table_width
        need = {k: (max(word[k], cell[k]) + pad) * percent for k in self.fit}
        fixed = sum(w for k, w in enumerate(self.widths) if k not in need and k != self.stretch)
        room = 100 - fixed - self.widths[self.stretch] / 2
        if sum(need.values()) <= room:
            fitted = need
        else:  # each cell's widest line when broken, measured only here
            low = {k: (max((width(line) for t in texts[k]
                            for line in html_cell_text(self._broken(t), True).split(_LINE_BREAK)), default=0.0)
                       + pad) * percent for k in self.fit}
            if sum(low.values()) < room:
                lack = sum(need.values()) - sum(low.values())
                fitted = {k: low[k] + (room - sum(low.values())) * (need[k] - low[k]) / lack for k in self.fit}
            else:  # not even the broken cells fit: Qt will wrap them where it can
                fitted = {k: low[k] * room / sum(low.values()) for k in self.fit}
        widths = [fitted.get(k, w) for k, w in enumerate(self.widths)]
        widths[self.stretch] = 100 - sum(w for k, w in enumerate(widths) if k != self.stretch)
        if fitted is need:
            return _Columns(tuple(widths))
        inner = {k: fitted[k] / percent - pad for k in self.fit}  # some are narrower than they need
        return _Columns(tuple(widths), frozenset(k for k in self.fit if inner[k] < cell[k]),
                        tuple((k, math.floor(self.points * inner[k] / word[k] * 10) / 10) for k in self.fit
                              if inner[k] < word[k]))


@dataclass(frozen=True)
class _Columns:
    """A ``Grid``'s columns as laid out: their widths (percentages), the fit columns too narrow for their cells
    on one line, and the header cells set smaller (column, points)."""

    widths: tuple[float, ...]
    narrow: frozenset[int] = frozenset()
    header_points: tuple[tuple[int, float], ...] = ()


# White space as Qt's HTML reader collapses it (QChar::isSpace but the no-break space; a paragraph separator
# starts a new block, which a cell laid out by hand cannot have)
_HTML_SPACE = re.compile("[\t\n\x0b\x0c\r \x85\u1680\u2000-\u200a\u2028\u202f\u205f\u3000]+")
_NEW_BLOCK = "\u2029"
_LINE_BREAK = "\u2028"  # what QTextDocument makes of <br/>


class _CellKind(NamedTuple):  # a tuple: part of the key of every laid-out cell, hashed thousands of times
    label: bool = False  # bold (the label colour is the cell's text colour)
    multiline: bool = False  # a newline starts a new line


def html_cell_text(cell: str, multiline: bool = False) -> str:
    """The text QTextDocument holds for a cell of plain ``cell`` text escaped into HTML (each line of it joined
    by ``<br/>`` when ``multiline``): white space collapsed to one space, none at the start of a line."""
    if cell.isprintable() and "  " not in cell and cell[:1] != " ":  # single spaces only, none first: as it is
        return cell  # (white space other than the ASCII space, a newline included, is not printable)
    if not multiline:
        return _HTML_SPACE.sub(" ", cell).lstrip(" ")
    return _LINE_BREAK.join(_HTML_SPACE.sub(" ", line).lstrip(" ") for line in cell.split("\n"))


class _CellText(NamedTuple):  # a tuple: made for hundreds of cells, faster than a frozen dataclass
    layout: QTextLayout  # its lines placed from the cell's content top left
    height: float
    fits: bool  # the column is at least Qt's least width of this text


@dataclass(frozen=True)
class _GridGeometry:
    """Where ``QTextDocument`` puts the cells of a one-row table of these column widths (measured on an empty
    row of that table), and the font and text option it lays their text out with."""

    lefts: tuple[float, ...]  # each cell's left edge
    widths: tuple[float, ...]  # each cell's content width (without its padding)
    padding: float
    table_width: float
    font: QFont
    bold: QFont  # a field label's (CSS "font-weight: bold")
    device: QPaintDevice
    option: QTextOption
    texts: dict[tuple[str, float, _CellKind], _CellText] = field(default_factory=dict)  # the same cell again
    # a cell's text laid out on one line, and the width it was: the same in a wider column (``_text``)
    lines: dict[tuple[str, _CellKind], tuple[_CellText, float]] = field(default_factory=dict)
    # each row's text colours as QColors (the same few tuples in hundreds of rows: ``GridRow._draw``)
    pens: dict[tuple[str | None, ...], tuple[QColor | None, ...]] = field(default_factory=dict)

    @staticmethod
    def of(widths: Sequence[float], table: Grid, flow: Flow) -> _GridGeometry:
        probe = text_document(table.row_html([""] * len(widths), widths=widths), flow.width, flow.device, table.points)
        layout = probe.documentLayout()
        frame = probe.rootFrame().childFrames()[0]
        assert isinstance(frame, QTextTable)
        rects = [layout.blockBoundingRect(frame.cellAt(0, c).firstCursorPosition().block())
                 for c in range(len(table.widths))]
        padding = rects[0].top()  # the row starts at the document's top, its first cell's text at the padding
        option = QTextOption(probe.defaultTextOption())
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        option.setAlignment(Qt.AlignmentFlag.AlignLeft)  # as it is: where a line starts does not depend on its width
        font = probe.defaultFont()
        bold = QFont(font)
        bold.setWeight(QFont.Weight.Bold)
        return _GridGeometry(tuple(r.left() - padding for r in rects), tuple(r.width() for r in rects), padding,
                             flow.width, font, bold, flow.device, option)

    def row(self, cells: Sequence[str], kinds: Sequence[_CellKind], colours: Sequence[str | None],
            backgrounds: Sequence[str | None] | None, page_height: float) -> GridRow | None:
        known, layouts, content = self.texts, [], 0.0
        for key in zip(cells, self.widths, kinds, strict=True):
            text = known.get(key)
            if text is None:
                text = known[key] = self._text(*key)
            if not text.fits:
                return None  # Qt would give this row other column widths, or a cell more than one block
            layouts.append(text.layout)
            if text.height > content:
                content = text.height
        height = float(math.floor(content + 2 * self.padding + 0.5))  # QFixed::round, as Qt rounds a cell's height
        if height > page_height:
            return None
        return GridRow(self, tuple(layouts), tuple(colours), tuple(backgrounds or [None] * len(cells)), height)

    def lay_out(self, rows: Sequence[Sequence[str]], kinds: Sequence[_CellKind]) -> None:
        """Lay out the cells of ``rows`` ahead of ``row``, a column at a time, the narrowest first: a text on one
        line there is laid out once for the same text in the wider columns (``_text``)."""
        known = self.texts
        for k in sorted(range(len(self.widths)), key=self.widths.__getitem__):
            width, kind = self.widths[k], kinds[k]
            for cells in rows:
                key = (cells[k], width, kind)
                if key not in known:
                    known[key] = self._text(*key)

    def _text(self, cell: str, width: float, kind: _CellKind) -> _CellText:
        """A cell's text laid out as QTextDocument lays out a block: lines of the width, stacked by their
        heights with leading (added up as QFixed), white space collapsed as HTML does (``html_cell_text``);
        one that does not fit for a text Qt makes more than one block of. (``row`` keeps it for the same cell
        again.) A text laid out on one line is on one line at any greater width too (Qt breaks a line only
        where the text reaches past its width), and starts at the left whatever its width (``option``: left
        aligned, in any direction): that layout serves the same text in a wider column (a matrix repeats its
        scores in every column)."""
        pad = 2 * self.padding
        known = self.lines.get((cell, kind))
        if known is not None and known[1] <= width:  # how wide its line is, and its height, are the same
            return known[0]._replace(fits=math.ceil(known[0].layout.minimumWidth() + pad) <= width + pad - 1)
        if _NEW_BLOCK in cell:
            return _CellText(QTextLayout(), 0.0, False)
        layout = QTextLayout(html_cell_text(cell, kind.multiline), self.bold if kind.label else self.font, self.device)
        layout.setTextOption(self.option)
        layout.setCacheEnabled(True)  # its glyphs kept for painting: shaped once, not again when drawn
        layout.beginLayout()
        y = 0.0
        line = layout.createLine()
        while line.isValid():
            line.setLeadingIncluded(True)
            line.setLineWidth(width)
            if y:  # a new line starts at the top: the first stays there
                line.setPosition(QPointF(0.0, y))
            y += round(line.height() * 64) / 64
            line = layout.createLine()
        layout.endLayout()
        text = _CellText(layout, y, math.ceil(layout.minimumWidth() + pad) <= width + pad - 1)
        if layout.lineCount() == 1 and (known is None or width < known[1]):
            self.lines[(cell, kind)] = (text, width)
        return text


@lru_cache(maxsize=256)
def _colour(name: str) -> QColor:
    """A cell's text or background colour ("#rrggbb"), parsed once: a matrix has a few in hundreds of cells
    (never changed: painting copies it)."""
    return QColor(name)


@dataclass(slots=True)
class GridRow:
    """A body row of a ``Grid``, laid out by hand (hundreds per document: a plain class with slots, quick to make)."""

    grid: _GridGeometry
    layouts: tuple[QTextLayout, ...]
    colours: tuple[str | None, ...]
    backgrounds: tuple[str | None, ...]
    height: float

    def paint(self, flow: Flow) -> None:
        """As ``Flow.paint_doc`` paints a row: each cell's background, clipped to the row less ``EDGE_PT`` at top
        and bottom, then its text (the document's text colour where a cell has none). A cell's text lies
        inside its cell (laid out to its width, the row as high as its tallest cell) and no cell's background
        reaches another's text, so the backgrounds go first, all with no pen, and a row without any is not
        clipped: the same row with less state for the PDF to write (each change of pen or clip is written out
        whole). Only in ``Flow.pens``: the pen is left as the last cell's."""
        if not flow.counting:
            g, p = self.grid, flow.painter
            x, y, pad = flow.left, flow.y, g.padding
            if any(self.backgrounds):
                flow.ruled()  # drawn before the backgrounds that cover part of one
                flow.pen(NO_PEN)
                p.save()  # clipped, and the painter's state (its pen) as it was after
                try:
                    p.setClipRect(QRectF(x, y + flow.edge, g.table_width, max(0.0, self.height - 2 * flow.edge)))
                    for left, width, background in zip(g.lefts, g.widths, self.backgrounds, strict=True):
                        if background:
                            p.fillRect(QRectF(x + left, y, width + 2 * pad, self.height), _colour(background))
                    self._draw(flow, x + pad, y + pad)
                finally:
                    p.restore()
                    flow.pen_restored(NO_PEN)
            else:
                self._draw(flow, x + pad, y + pad)
        flow.y += self.height

    def _draw(self, flow: Flow, x: float, y: float) -> None:
        """Each cell's text in its colour (the document's text colour where it has none), the pen set where the
        colour changes (``Flow.pen``, inline: this runs for every cell of a document)."""
        g, p, ink, current = self.grid, flow.painter, flow.ink, flow.current_pen
        pens = g.pens.get(self.colours)
        if pens is None:
            pens = g.pens[self.colours] = tuple(_colour(c) if c else None for c in self.colours)
        for left, layout, pen in zip(g.lefts, self.layouts, pens, strict=True):
            if pen is None:
                pen = ink
            if pen is not current:
                p.setPen(pen)
                current = pen
            layout.draw(p, QPointF(x + left, y))
        flow.pen_restored(current)

    def place(self, flow: Flow) -> None:
        if self.height > flow.room:
            flow.new_page()
        self.paint(flow)


@dataclass
class Chart(Block):
    """A chart painted by a render function onto the PDF's own painter (vector, searchable text)."""

    paint: Callable[[QPainter, QRectF], None]
    aspect: float  # height / width
    space_before: float = 0.0
    keep_with_next: bool = False

    def height(self, flow: Flow) -> float:
        return min(flow.width * self.aspect, flow.body_height)

    def place(self, flow: Flow) -> None:
        h = self.height(flow)
        if h > flow.room:
            flow.new_page()
        if not flow.counting:
            flow.painter.save()
            self.paint(flow.painter, QRectF(flow.left, flow.y, flow.width, h))
            flow.painter.restore()
        flow.y += h


class Page(Protocol):
    """What the flow paints on: a document's pages, one after another."""

    @property
    def painter(self) -> QPainter: ...

    @property
    def writer(self) -> QPaintDevice: ...

    @property
    def number(self) -> int: ...  # pages started so far

    total: int | None  # pages in the document, once a first pass has counted them

    @property
    def body(self) -> QRectF: ...  # where blocks go on a page

    def start(self) -> QRectF: ...  # a new page; returns its body

    def pt(self, points: float) -> float: ...  # points → device pixels


P = TypeVar("P", bound=Page)


class Flow:
    """Places blocks down the pages of ``page``."""

    def __init__(self, page: Page, laid_out: Flow | None = None, counting: bool = False):
        """``laid_out``: an earlier flow of the same document on a device of the same resolution and page
        size, whose laid-out texts this one reuses (it must outlive this one). ``counting``: only place the
        blocks, to count the pages (``pages``); nothing of them is painted and no page of ``page`` started."""
        self.page = page
        self.counting = counting
        self.pages = 0  # pages started by this flow
        self.painter: QPainter = page.painter
        self.device: QPaintDevice = laid_out.device if laid_out else page.writer  # the texts' metrics
        self.y = 0.0
        self._body(page.body)
        self.ink = QPalette().color(QPalette.ColorRole.Text)  # the text colour QTextDocument.drawContents paints
        self.docs: dict[tuple[str, float, float], QTextDocument] = laid_out.docs if laid_out else {}
        self.laid: dict[tuple[str, float, float], Row] = laid_out.laid if laid_out else {}
        self.grids: dict[tuple[tuple[float, ...], float, float], _GridGeometry] = laid_out.grids if laid_out else {}
        self._pen: QColor | None = None  # the pen table rows last set (``pens``)
        self._rule_pen = QPen(RULE, page.pt(RULE_PT))
        self.edge = page.pt(EDGE_PT)
        self._rules: list[QLineF] = []  # rules waiting to be drawn (``rule``)

    def document(self, html_text: str, points: float) -> QTextDocument:
        """``text_document`` at the body's width, laid out once per document whatever asks for it
        (a block's height, its lead, its placing, both passes)."""
        key = (html_text, points, self.width)
        doc = self.docs.get(key)
        if doc is None:
            doc = self.docs[key] = text_document(html_text, self.width, self.device, points)
        return doc

    def rows(self, htmls: Sequence[str], points: float,
             lay_out: Callable[[Sequence[str], float, QPaintDevice, float], list[Row]] = lay_out_rows) -> list[Row]:
        """Table rows (``Table.row_htmls``), or with ``lay_out_paragraphs`` paragraphs, laid out once per
        document whatever asks for them: those not laid out yet, together."""
        width = self.width
        todo = [h for h in dict.fromkeys(htmls) if (h, points, width) not in self.laid]
        for h, row in zip(todo, lay_out(todo, width, self.device, points), strict=True):
            self.laid[(h, points, width)] = row
        return [self.laid[(h, points, width)] for h in htmls]

    def grid(self, widths: tuple[float, ...], table: Grid) -> _GridGeometry:
        """Where a ``Grid`` of these column widths and the table's text size puts its cells, measured once per
        document (a decision log has hundreds of records of the same columns)."""
        key = (widths, table.points, self.width)
        geometry = self.grids.get(key)
        if geometry is None:
            geometry = self.grids[key] = _GridGeometry.of(widths, table, self)
        return geometry

    def paragraph(self, html_text: str, points: float) -> Row:
        """An ``Html`` block's text, laid out once per document (alone, if ``prepare`` did not lay it out)."""
        text = self.laid.get((html_text, points, self.width))
        if text is None:
            doc = self.document(html_text, points)
            text = self.laid[(html_text, points, self.width)] = Row(doc, 0.0, doc.size().height())
        return text

    def prepare(self, blocks: Sequence[Block]) -> None:
        """Lay out the rows of every table of ``blocks`` at once, and every paragraph and heading, by text size
        (fewer, larger documents)."""
        rows: dict[float, list[str]] = {}
        paragraphs: dict[float, list[str]] = {}
        for block in blocks:
            if isinstance(block, Table):
                rows.setdefault(block.points, []).extend(block.prepared_htmls)
            elif isinstance(block, Html) and ONE_BLOCK.fullmatch(block.html):
                paragraphs.setdefault(block.points, []).append(block.html)
        for points, htmls in rows.items():
            self.rows(htmls, points)
        for points, htmls in paragraphs.items():
            self.rows(htmls, points, lay_out_paragraphs)

    def new_page(self) -> None:
        self.pages += 1
        if not self.counting:
            self.ruled()
        self._body(self.page.body if self.counting else self.page.start())
        self.y = self.top

    def _body(self, rect: QRectF) -> None:
        """Where blocks go on this page (asked for at every step of the flow: kept as numbers)."""
        self.left, self.top, self.width, self.bottom = rect.left(), rect.top(), rect.width(), rect.bottom()
        self.body_height = rect.height()

    @property
    def room(self) -> float:
        return self.bottom - self.y

    @property
    def at_top(self) -> bool:
        return self.y <= self.top + 0.5

    def add(self, blocks: Sequence[Block]) -> None:
        if not self.pages:
            self.new_page()
        for i, block in enumerate(blocks):
            if not self.at_top and block.space_before:
                self.y += self.page.pt(block.space_before)
            if block.keep_with_next:  # a heading goes to the next page with what follows it
                need, j = block.height(self), i
                while blocks[j].keep_with_next and j + 1 < len(blocks):
                    j += 1
                    nxt = blocks[j]
                    need += (nxt.height(self) if nxt.keep_with_next else nxt.lead(self)) + self.page.pt(
                        nxt.space_before)
                if need > self.room and not self.at_top and need <= self.body_height:
                    self.new_page()
            if self.room <= 0.5:
                self.new_page()
            block.place(self)

    def paint_doc(self, doc: QTextDocument, top: float, bottom: float) -> None:
        """Paint the document's lines between ``top`` and ``bottom`` (its own coordinates) at ``y``; lines
        outside are not painted at all, so nothing hidden is left in the file."""
        if not self.counting:
            self.ruled()
            p = self.painter
            p.save()
            p.translate(self.left, self.y - top)
            doc.drawContents(p, QRectF(0, top + self.edge, self.width, max(0.0, bottom - top - 2 * self.edge)))
            p.restore()
        self.y += bottom - top

    def rule(self) -> None:
        """A table's rule under the row just placed (only in ``pens``), drawn with the others of the page at
        once (``ruled``): before anything that could cover one (a background) or that is not a row's text, at
        the page's end and the table's."""
        if not self.counting:
            self._rules.append(QLineF(self.left, self.y, self.left + self.width, self.y))

    def ruled(self) -> None:
        """Draw the rules waiting (``rule``), all with one pen."""
        if self._rules:
            self.pen(RULE)
            self.painter.drawLines(self._rules)
            self._rules.clear()

    @contextmanager
    def pens(self) -> Iterator[None]:
        """Where table rows and rules set the painter's pen by ``pen`` (once per change of colour) and leave
        it: what the painter had is restored after. Anything else painted meanwhile restores what it changes."""
        if self.counting:
            yield
            return
        self.painter.save()
        self._pen = None
        try:
            yield
        finally:
            self.ruled()
            self._pen = None
            self.painter.restore()

    @property
    def current_pen(self) -> QColor | None:
        """The colour ``pen`` last set (None: not known)."""
        return self._pen

    def pen_restored(self, colour: QColor | None) -> None:
        """The painter's pen is ``colour`` again, set by whoever painted (a row's texts, a restored state)."""
        self._pen = colour

    def pen(self, colour: QColor) -> None:
        """The painter's pen in ``colour`` (one QColor object per colour: ``_colour``, ``RULE``, ``ink``,
        ``NO_PEN``), set only when it changes."""
        if colour is not self._pen:
            self.painter.setPen(Qt.PenStyle.NoPen if colour is NO_PEN else self._rule_pen if colour is RULE else colour)
            self._pen = colour


def render_pages(page: P, blocks: Sequence[Block]) -> P:
    """Place the blocks twice on ``page``: the first pass only counts the pages (it paints nothing and starts
    no page), so that the second, which paints, can print "Page N of M". Texts are laid out once, in the
    first pass; the painter is ended, and ``page`` returned."""
    counted = Flow(page, counting=True)
    counted.prepare(blocks)
    counted.add(blocks)
    page.total = counted.pages
    Flow(page, counted).add(blocks)
    page.painter.end()
    return page
