"""The PDF documents (session record, decision log, quarterly review), painted with QtGui only.

Each document is a list of blocks that ``export.layout`` places on pages: a running header and footer on
every page; in the session record, the title block, "What we decided", the capacity split, the notes, the
agenda, the scoring matrix, the 2×2 chart, then each tension with its whole decision record and frozen
evidence, and what carries over. Dates are written one way (``domain.dates.day``), whatever the locale.
User text is escaped before it enters any HTML, so it is printed literally.
"""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextLayout, QTextOption

from tension_desk.domain.dates import day
from tension_desk.domain.model import Leader, Side
from tension_desk.domain.scoring import by_rank, gap, rank_labels
from tension_desk.export import pdf_identity
from tension_desk.export.layout import RULE_PT, Block, Chart, Grid, Html, Table, render_pages
from tension_desk.export.pdf_identity import Sealed
from tension_desk.export.wording import (
    capacity_lines,
    carried_over,
    log_opening,
    result_cells,
    score_pair,
    tension_priorities,
)
from tension_desk.render import quadrant
from tension_desk.render.fonts import register_fonts, ui_font
from tension_desk.render.palette import MUTED, heat_colour, text_colour_on
from tension_desk.services.canonical import CanonicalRecord, canonical_bytes
from tension_desk.services.log import LogEntry, decision_fields
from tension_desk.services.record import SessionRecord

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

CREATOR = "Tension Desk"  # the PDF's creator, and the footer's "by what"
RESOLUTION = 1200  # dots per inch of the PDF's painting coordinates (where its text places each glyph: fonts.ui_font)
MARGIN_MM = 16.0
# The 2×2 chart's height for its width: nearly square, as a quadrant chart is read. A crowded chart's numbers then
# find room by their markers (0.72, as it was, left about five times as many over other numbers or markers).
CHART_ASPECT = 0.95


def page_size_for_locale(locale: QLocale | None = None) -> QPageSize:
    """Letter where the locale measures in inches (US), A4 elsewhere."""
    locale = locale or QLocale.system()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def esc_multiline(text: str | None) -> str:
    return "<br/>".join(esc(line) for line in (text or "").split("\n"))


def _pdf_writer(title: str, page_size: QPageSize | None, sealed: Sealed | None = None) -> tuple[QBuffer, QPdfWriter]:
    """A PDF writer into memory (the caller writes the bytes atomically), A4 or Letter by locale; a sealed
    record's has the record's own id and date (``pdf_identity``)."""
    register_fonts()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    if sealed is not None:
        pdf_identity.stamp(writer, title, CREATOR, sealed)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    writer.setPageLayout(QPageLayout(page_size or page_size_for_locale(), QPageLayout.Orientation.Portrait,
                                     margins, QPageLayout.Unit.Millimeter))
    return buffer, writer


@dataclass
class _Page:
    painter: QPainter
    writer: QPdfWriter
    title: str
    fingerprint: str
    number: int = 0
    about: str = ""  # the footer's first line: session id, revision, export date, app version
    total: int | None = None  # pages in the document, once a first pass has counted them
    buffer: QBuffer | None = None  # the bytes painted so far, kept alive with their writer
    header_title: str | None = None  # the running header's title, elided to leave room for the app's name
    lines: dict[tuple[str, str], QTextLayout] = field(default_factory=dict)  # ``_repeated``'s texts, by font

    @cached_property
    def dpi(self) -> float:
        return float(self.writer.resolution())

    def pt(self, points: float) -> float:
        """Points → device pixels."""
        return points * self.dpi / 72.0

    @cached_property
    def full(self) -> QRectF:
        """The page's paintable area (every page of a document alike)."""
        r = self.writer.pageLayout().paintRectPixels(self.writer.resolution())
        return QRectF(0, 0, r.width(), r.height())

    @cached_property
    def body(self) -> QRectF:
        return self.full.adjusted(0, self.pt(26), 0, -self.pt(30))

    def start(self) -> QRectF:
        if self.number:
            self.writer.newPage()
        self.number += 1
        self._decorate()
        return self.body

    def _decorate(self) -> None:
        p, f = self.painter, self.full
        p.save()
        p.setPen(MUTED)
        p.setFont(ui_font(8.5, paper=True))
        head = QRectF(f.left(), f.top(), f.width(), self.pt(14))
        if self.header_title is None:  # the title (whole on page 1) ends short of the app's name: on every page
            metrics = QFontMetricsF(p.font(), self.writer)
            room = head.width() - metrics.horizontalAdvance(CREATOR) - self.pt(12)
            self.header_title = metrics.elidedText(self.title, Qt.TextElideMode.ElideRight, room)
        self._repeated(head, self.header_title)
        self._repeated(head, CREATOR, right=True)
        p.setPen(QPen(MUTED, self.pt(RULE_PT)))
        p.drawLine(QPointF(f.left(), head.bottom() + self.pt(3)), QPointF(f.right(), head.bottom() + self.pt(3)))
        p.setPen(MUTED)
        foot = QRectF(f.left(), f.bottom() - self.pt(22), f.width(), self.pt(11))
        p.setFont(ui_font(7, paper=True))
        self._repeated(foot, self.about)
        if self.fingerprint:
            self._repeated(foot.translated(0, self.pt(11)),
                           f"Fingerprint (SHA-256 of the canonical record): {self.fingerprint}")
        p.setFont(ui_font(8.5, paper=True))
        of = f" of {self.total}" if self.total else ""
        p.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {self.number}{of}")
        p.restore()

    def _repeated(self, rect: QRectF, text: str, right: bool = False) -> None:
        """``painter.drawText(rect, AlignLeft (AlignRight) | AlignVCenter, text)`` for a text every page repeats,
        laid out once per document (in the painter's font) rather than by drawText on every page, and drawn where
        drawText draws it (qt_format_text): centred by the line's height, its top on a 64th of a pixel; right-
        aligned by its advance. A text that is not one plain line, or that drawText would clip, is drawText's."""
        p = self.painter
        key = (text, p.font().key())
        if key not in self.lines:
            self.lines[key] = _one_line(text, p)
        layout = self.lines[key]
        if layout.lineCount() == 1:
            line = layout.lineAt(0)
            width, height = line.naturalTextWidth(), line.height()
            y = rect.y() + (rect.height() - height) / 2
            if rect.contains(QRectF(rect.x() + (rect.width() - width if right else 0.0), y, width, height)):
                x = rect.x() + (rect.width() - line.horizontalAdvance() if right else 0.0)
                line.draw(p, QPointF(x, round(y * 64) / 64))
                return
        align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
        p.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, text)


def _one_line(text: str, painter: QPainter) -> QTextLayout:
    """``text`` laid out as ``QPainter.drawText`` lays out a line of it in the painter's font, or no line where it
    would not be one line as given (``drawText`` turns tabs and line breaks into spaces or new lines)."""
    layout = QTextLayout(text, painter.font(), painter.device())
    if not text or any(c in text for c in "\t\r\n\x9c\u2028"):
        return layout
    option = QTextOption()
    option.setTextDirection(painter.layoutDirection())
    option.setAlignment(Qt.AlignmentFlag.AlignLeft)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(0x01000000)
    line.setPosition(QPointF(0.0, 0.0))
    layout.endLayout()
    return layout


def _open(title: str, doc_title: str, page_size: QPageSize | None, fingerprint: str = "", about: str = "",
          attachment: tuple[str, bytes] | None = None, sealed: Sealed | None = None) -> _Page:
    """A fresh writer and its first-page-to-come, painting into memory."""
    buffer, writer = _pdf_writer(doc_title, page_size, sealed)
    if attachment is not None:
        writer.addFileAttachment(attachment[0], attachment[1], "application/json")
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    return _Page(painter, writer, title, fingerprint, about=about, buffer=buffer)


def _document(title: str, doc_title: str, blocks: Callable[[], list[Block]], page_size: QPageSize | None,
              fingerprint: str = "", about: str = "", attachment: tuple[str, bytes] | None = None,
              sealed: Sealed | None = None) -> bytes:
    """The document's PDF bytes; a sealed record's are the same on every later export (``pdf_identity``)."""
    with pdf_identity.fonts_in_a_fixed_order(sealed is not None):
        page = render_pages(_open(title, doc_title, page_size, fingerprint, about, attachment, sealed), blocks())
    assert page.buffer is not None  # _open always gives one
    page.buffer.close()
    pdf = bytes(page.buffer.data().data())
    return pdf if sealed is None else pdf_identity.dated(pdf, sealed.on)


def _h1(text: str) -> Html:
    return Html(f"<h1>{esc(text)}</h1>")


def _h2(text: str) -> Html:
    return Html(f"<h2>{esc(text)}</h2>", keep_with_next=True, space_before=16)


def _h3(html_text: str) -> Html:
    return Html(f"<h3>{html_text}</h3>", keep_with_next=True, space_before=10)


def _p(html_text: str, cls: str = "", points: float = 10, keep_with_next: bool = False,
       space_before: float = 2) -> Html:
    return Html(f"<p class='{cls}'>{html_text}</p>", keep_with_next=keep_with_next, space_before=space_before,
                points=points)


def _record(fields: list[tuple[str, str]]) -> Grid:
    """One decision's fields as a two-column record that stays on one page: bold labels, values of one or more
    lines (plain text: laid out by hand)."""
    return Grid((27, 73), fields, together=True, points=9.5, space_before=3, labels=(0,), multiline=(1,))


@dataclass(frozen=True)
class _HeatCells:
    """The scoring matrix as plain text: header, rows (ranked; full titles), each cell's heat colour and the
    text colour on it."""

    header: list[str]
    rows: list[tuple[str, ...]]
    backgrounds: list[tuple[str | None, ...]]
    colours: list[tuple[str | None, ...]]


def _heat_cells(record: SessionRecord, labels: dict[int, str] | None = None) -> _HeatCells:
    """One row per priority, ranked: its label, side and title, each criterion's two scores (P and E, "–" where
    none) on the heat colour of their ``gap``, and its totals. ``labels``: the record's ``rank_labels``, where the
    caller has them."""
    ranked = by_rank(record.priorities, record.results)
    if labels is None:  # "7a", "7b" where ranks tie: the chart's labels too
        labels = rank_labels(record.priorities, record.results)
    criteria = list(record.criteria)
    scores: dict[Side, dict[tuple[int, int], int]] = {side: {} for side in Side}
    for s in record.scores:
        scores[s.leader_role][(s.priority_id, s.criterion_id)] = s.value
    product, engineering = scores[Side.PRODUCT], scores[Side.ENGINEERING]
    results = {r.priority_id: r for r in record.results}
    # A cell's text and colours follow from its two scores and its criterion alone: worked out once for each
    # such triple (a matrix has a few dozen in hundreds of cells)
    made: dict[tuple[int | None, int | None, int], tuple[str, str | None, str | None]] = {}
    out = _HeatCells(["#", "Priority", *(f"{c.name} ×{c.weight:g}" for c in criteria), "P total", "E total",
                      "Combined", "Div."], [], [], [])
    for p in ranked:
        cells: list[str] = []
        bgs: list[str | None] = []
        inks: list[str | None] = []
        for c in criteria:
            key = (product.get((p.id, c.id)), engineering.get((p.id, c.id)), c.id)
            if (cell := made.get(key)) is None:
                style = _heat_style(gap(c, key[0], key[1]))
                cell = made[key] = (score_pair(key[0], key[1]), style[0] if style else None,
                                    style[1] if style else None)
            cells.append(cell[0])
            bgs.append(cell[1])
            inks.append(cell[2])
        out.rows.append((labels.get(p.id, "—"), f"{p.side.marker} {p.title}", *cells,
                         *result_cells(results.get(p.id))))
        out.backgrounds.append((None, None, *bgs, None, None, None, None))
        out.colours.append((None, None, *inks, None, None, None, None))
    return out


@lru_cache(maxsize=1024)
def _heat_style(divergence: float | None) -> tuple[str, str] | None:
    """A matrix cell's heat colour and the text colour on it ("#rrggbb"), None without a divergence (worked
    out once per divergence: a matrix has a few distinct ones in hundreds of cells)."""
    colour = heat_colour(divergence)
    return None if colour is None else (colour.name(), text_colour_on(colour).name())




def _matrix_blocks(record: SessionRecord, labels: dict[int, str] | None = None) -> list[Block]:
    out: list[Block] = [_h2("Scoring matrix")]
    if record.scores_sealed:  # blind scoring before the reveal: no scores, totals, divergence or ranks
        return [*out, _sealed_note()]
    cells = _heat_cells(record, labels)
    if not cells.rows:
        return [*out, _p("No priorities on this session's agenda.", "muted")]
    n = len(cells.header) - 6
    widths = (3, 21, *([48.5 / n] * n), 6.5, 6.5, 8, 6.5) if n else (3, 69.5, 6.5, 6.5, 8, 6.5)
    legend = "dark\u00a0=\u00a0agree, yellow\u00a0=\u00a0disagree"  # a colour and its meaning on one line
    out.append(_p("Each cell: the product leader's score (P) and the engineering leader's (E); the colour is "
                  f"their disagreement ({legend}). Sorted by rank.", "muted", 8.5, keep_with_next=True))
    # the label's, scores' and totals' columns as wide as their header's longest word and their cells need: no
    # word cut, "10a" and "P 4 · E 4" on one line; the priority's title takes the rest
    out.append(Grid(widths, cells.rows, cells.header, backgrounds=cells.backgrounds, colours=cells.colours, points=7.5,
                    space_before=4, fit=(0, *range(2, len(widths))), stretch=1))
    return out


def _agenda_blocks(record: SessionRecord, labels: dict[int, str]) -> list[Block]:
    rows = []
    for side in Side:
        for p in (p for p in record.priorities if p.side is side):
            rows.append((labels.get(p.id, "—"), f"{side.marker} {side.label}", p.title,
                         "—" if p.effort_weeks is None else f"{p.effort_weeks:g}", p.status.label, p.quarter or ""))
    if not rows:
        return []
    return [_h2("Priorities on the agenda"),  # plain text, one row per priority: laid out by hand (Grid)
            Grid((7, 16, 47, 8, 12, 10), rows, ("Rank", "Side", "Priority", "Weeks", "Status", "Quarter"),
                 points=9, space_before=4)]


def _decided_blocks(record: SessionRecord) -> list[Block]:
    """Page 1 opens with what was decided: each outcome, its owner and its review date."""
    out: list[Block] = [_h2("What we decided")]
    if not record.decisions:
        return [*out, _p("No decision was taken in this session.", "muted")]
    rows = [(d.outcome, d.owner or "—", day(d.review_date, "—")) for d in record.decisions]  # plain text: Grid
    return [*out, Grid((64, 20, 16), rows, ("Decision", "Owner", "Review on"), space_before=4, multiline=(0,))]


def _chart_points(record: SessionRecord) -> quadrant.QuadrantData:
    """The 2×2 chart as paper shows it: each point labelled "#" and its row's label in the scoring matrix
    (``rank_labels``: one per priority), which never needs cutting; the matrix gives the full title."""
    qd = quadrant.quadrant_data(record.priorities, record.results)  # each point numbered as its matrix row
    return replace(qd, points=tuple(replace(p, label=f"#{p.number}" if p.number else "") for p in qd.points))


def _sealed_note() -> Block:
    """Where the scores are sealed (before the reveal), each section that would show them says so, alike."""
    from tension_desk.services.record import SCORES_SEALED

    return _p(f"<b>{esc(SCORES_SEALED)}.</b>")


def _chart_blocks(record: SessionRecord) -> list[Block]:
    qd = _chart_points(record)
    out: list[Block] = [_h2("Value versus cost")]
    if not qd.points:
        if record.scores_sealed:
            return [*out, _sealed_note()]
        return [*out, _p("No priority has both leaders' scores and an effort estimate yet.", "muted")]
    return [*out, _p("Each priority placed by combined value and effort, marked by its row's # in the scoring "
                     "matrix (its rank; a letter where ranks tie); ● product, ▲ engineering.", "muted",
                     keep_with_next=True),
            Chart(lambda p, r: quadrant.paint(p, r, qd, 1.0), CHART_ASPECT, space_before=4)]


def _tension_blocks(record: SessionRecord) -> list[Block]:
    decisions = {d.tension_id: d for d in record.decisions}
    out: list[Block] = [_h2("Tensions and decisions")]
    if not record.tensions:
        out.append(_p("No tensions were recorded in this session.", "muted"))
    for n, t in enumerate(record.tensions, 1):
        d = decisions.get(t.id)
        names = ", ".join(f"{side.marker + ' ' if side else ''}{esc(title)}"
                          for side, title in tension_priorities(record, t))
        out.append(_h3(f"{n}. {esc_multiline(t.statement)}"))
        out.append(_p(f"Priorities: {names} · status: {esc(t.status.label.replace('_', ' '))}", "muted",
                      keep_with_next=d is not None))
        if d is None:
            out.append(_p("No decision yet.", "muted"))
        else:
            out.append(_record(decision_fields(d, record.leaders)))
    out.append(_h2("Carried over to the next session"))
    carried = carried_over(record)
    if carried:
        out.append(Html("<ul>" + "".join(f"<li>{esc_multiline(item)}</li>" for item in carried) + "</ul>"))
    else:
        out.append(_p("Nothing: every tension of this session has a decision.", "muted"))
    return out


def _meeting_time_blocks(record: SessionRecord) -> list[Block]:
    """The session script's planned against spent time per step (nothing if the meeting was never timed)."""
    from tension_desk.domain.script import MEETING_TIME_HEADER, meeting_time_rows

    if not record.meeting_time:
        return []
    rows = [tuple(esc(cell) for cell in row) for row in meeting_time_rows(record.meeting_time)]
    return [_h2("Meeting time"), Table((46, 16, 16, 22), rows, MEETING_TIME_HEADER, together=True, points=9,
                                       space_before=4)]


def _session_blocks(record: SessionRecord) -> list[Block]:
    from tension_desk.services.record import revision_lines

    s = record.session
    who = "   ".join(f"{side.marker} {side.label}: {esc(record.leaders[side].display)}" for side in Side
                     if side in record.leaders)
    blocks: list[Block] = [_h1(s.title),
                           _p(esc(f"{day(s.date)} · {s.quarter} · {s.status.label}"), "muted", 10.5, space_before=4)]
    blocks += [_p(esc(line), "muted", 8.5) for line in revision_lines(record)]
    blocks.append(_p(f"Participants — {who}", points=10.5))
    blocks += _decided_blocks(record)
    blocks += [_h2("Capacity split")] + [_p(esc(line), "warn" if line.startswith("Warning") else "")
                                         for line in capacity_lines(record)]
    if s.notes.strip():
        blocks += [_h2("Session notes"), _p(esc_multiline(s.notes))]
    labels = rank_labels(record.priorities, record.results)  # the agenda's and the matrix's "#"
    return (blocks + _agenda_blocks(record, labels) + _matrix_blocks(record, labels) + _chart_blocks(record)
            + _tension_blocks(record) + _meeting_time_blocks(record))


def _exported(today: dt.date) -> str:
    """The footer's word on when and by what a document was made: 'exported 1 Dec 2026 · Tension Desk 0.1.0'."""
    from tension_desk import __version__

    return f"exported {day(today)} · {CREATOR} {__version__}"


def _made_of(record: SessionRecord) -> str:
    """The session record's footer line: its session, revision, and the day it was sealed ('Session 2 · revision 1
    · sealed on 13 Oct 2026 · Tension Desk 0.1.0') — every later export of a sealed record prints the same — or,
    while the session is open, the day it was exported."""
    from tension_desk import __version__

    rev = record.revision
    when = f"{rev.sealed} · {CREATOR} {__version__}" if rev.sealed_on is not None else _exported(dt.date.today())
    return f"Session {record.session.id} · revision {rev.number} · {when}"


RECORD_ATTACHMENT = "session-record.json"  # the canonical record, embedded so `verify` needs nothing else


def session_pdf_bytes(record: SessionRecord, fingerprint: str = "", page_size: QPageSize | None = None,
                      canonical: CanonicalRecord | bytes | None = None) -> bytes:
    """Render the session record to PDF bytes (the caller writes them atomically), with the canonical
    record (or its ``canonical_bytes``) embedded as a file. Laid out twice: the first pass counts the pages for
    "Page N of M"."""
    s = record.session
    if isinstance(canonical, dict):
        canonical = canonical_bytes(canonical)
    attachment = None if canonical is None else (RECORD_ATTACHMENT, canonical)
    sealed = None if record.revision.sealed_on is None else Sealed(record.revision.sealed_on, fingerprint)
    return _document(s.title, f"{s.title} — session record", lambda: _session_blocks(record), page_size,
                     fingerprint, _made_of(record), attachment, sealed)


def decision_log_pdf_bytes(entries: Sequence[LogEntry], title: str = "Decision log",
                           page_size: QPageSize | None = None, leaders: dict[Side, Leader] | None = None,
                           today: dt.date | None = None) -> bytes:
    """Every decision across sessions, newest first by the day it was taken, each a whole record."""
    today = today or dt.date.today()
    leaders = leaders or {}

    def blocks() -> list[Block]:
        out: list[Block] = [_h1(title), _p(esc(log_opening(entries, today)), "muted", space_before=4)]
        for e in entries:
            out.append(_h3(f"Decided {esc(day(e.decided_on))} · {esc(e.session.title)} "
                           f"<span class='muted'>(session of {esc(day(e.session.date))})</span>"))
            flag = e.review_flag(today)
            if flag:
                out.append(_p(esc(flag), "warn", keep_with_next=True))
            if e.tension is not None:
                out.append(_p(f"Tension: {esc_multiline(e.tension.statement)}", "muted", keep_with_next=True))
            out.append(_record(e.fields(leaders, today)))
        return out

    return _document(title, title, blocks, page_size, about=_exported(today))


def quarterly_review_pdf_bytes(desk: Desk, quarter: str, page_size: QPageSize | None = None) -> bytes:
    """The quarterly review: plan against actual per side, the ledger, the split's history and the outcome."""
    from tension_desk.domain.capacity import (
        PLAN_VS_ACTUAL,
        capacity_fit,
        capacity_verdict,
        plan_vs_actual,
        plan_wording,
        squeeze_warning,
    )
    from tension_desk.domain.outcomes import slowest
    from tension_desk.render import trends

    plans = {p.quarter: p for p in desk.capacity.plans()}
    priorities = desk.priorities.list()
    plan = plans.get(quarter)
    fit = capacity_fit(plan, priorities, quarter)
    split = [trends.SplitPoint(q, plans[q].product_share, plans[q].engineering_share,
                               capacity_fit(plans[q], priorities, q).engineering_actual_share) for q in sorted(plans)]
    outcome = trends.outcome_points(priorities, desk.decisions.list())
    ledger = desk.capacity.ledger(quarter)
    slow = slowest(priorities, quarter=quarter)
    title = f"Quarterly review {quarter}"

    def blocks() -> list[Block]:
        out: list[Block] = [_h1(f"Quarterly review — {quarter}")]
        if plan is None:
            out.append(_p(f"No capacity plan for {esc(quarter)}.", space_before=4))
        else:
            reviewed = f"reviewed {day(plan.reviewed_on)}" if plan.reviewed_on else "not reviewed yet"
            wording = plan_wording(plan.total_weeks, plan.product_share, plan.engineering_share)
            out.append(_p(f"Plan: {esc(wording)} — {reviewed}.", space_before=4))
            if plan.note:
                out.append(_p(esc_multiline(plan.note), "muted"))
        rows = [(f"{r.side.marker} {r.side.label}", "—" if r.planned_weeks is None else f"{r.planned_weeks:g}",
                 f"{r.accepted_weeks:g}", f"{r.delivered_weeks:g}") for r in plan_vs_actual(plan, priorities, quarter)]
        out += [_h2("Plan against actual"),
                Table((34, 20, 26, 20), rows, PLAN_VS_ACTUAL, space_before=4)]
        if fit.fits is not None:  # the Capacity tab's verdict, told of the quarter
            out.append(_p(f"<b>{esc(capacity_verdict(fit, closed=True))}</b>", space_before=6))
        if squeeze_warning(fit, closed=True):
            out.append(_p(esc(squeeze_warning(fit, closed=True)), "warn"))
        out.append(_h2("Ledger of the split"))
        changes = [(esc(day(e.changed_at.date() if e.changed_at else None, "—")),
                    f"{e.total_weeks:g} weeks, P {e.product_share:g}% / E {e.engineering_share:g}%",
                    esc_multiline(e.reason)) for e in ledger]
        out.append(Table((16, 28, 56), changes, ("Changed", "Split", "Reason"), space_before=4) if changes
                   else _p("No change of the split was recorded for this quarter.", "muted"))
        out += [_h2("The split over time"),
                Chart(lambda p, r: trends.paint_split_history(p, r, split), 0.42, space_before=4),
                _h2("Time from idea to customer value"),
                Chart(lambda p, r: trends.paint_outcome_trend(p, r, outcome), 0.42, space_before=4),
                _h2(f"Slowest from idea to delivery, delivered in {quarter}")]
        if slow:
            out.append(Table((70, 30), [(f"{i.priority.side.marker} {esc(i.priority.title)}", f"{i.days} days")
                                        for i in slow], ("Priority", "Idea to delivery"), space_before=4))
        else:
            out.append(_p(f"Nothing with an idea date was delivered in {esc(quarter)}.", "muted"))
        return out

    return _document(title, title, blocks, page_size, about=_exported(dt.date.today()))
