"""How the PDF session record reads on paper: what was decided first, headings never alone at a page
foot, tables with their header on every page, records whole, full titles, one form of date whatever the
locale, "Page N of M", vector charts, notes and evidence included, and no text hidden at page breaks."""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import locale
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.export.documents import session_document
from tension_desk.services.decisions import DecisionDraft

LONG_TITLE = ("Retire the legacy reporting service that pages on-call every week and blocks the warehouse "
              "migration for finance")


def pages_of(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """100 priorities, 30 tensions each with a decision of every field, session notes (built once)."""
    from tension_desk.domain.model import Leader
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    engine = open_store(tmp_path_factory.mktemp("big"))
    desk = Desk(engine)
    desk.workspace.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"),
                               Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    s = desk.sessions.create("Big planning session", dt.date(2026, 11, 17))
    drafts = [PriorityDraft(LONG_TITLE if i == 0 else f"Priority number {i:03d}",
                            Side.PRODUCT if i % 2 else Side.ENGINEERING, effort_weeks=i % 9 + 1) for i in range(100)]
    ps = desk.priorities.add_many(s.id, drafts)
    for i, p in enumerate(ps):
        for c in desk.criteria.list():
            desk.scoring.set_score(s.id, p.id, c.id, Side.PRODUCT, (i + c.id) % 6)
            desk.scoring.set_score(s.id, p.id, c.id, Side.ENGINEERING, (i * 2 + c.id) % 6)
    desk.scoring.set_state(s.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    for n in range(30):
        t = desk.tensions.add(s.id, f"Tension {n:02d}: which of two goes first this quarter", [ps[2 * n].id,
                                                                                          ps[2 * n + 1].id])
        desk.decisions.take(s.id, t.id, DecisionDraft(
            outcome=f"Outcome {n:02d}: the first goes first", context=f"Context {n:02d} " + "why " * 40,
            options=f"Options {n:02d}: 1) first; 2) second", rationale=f"Rationale {n:02d} " + "because " * 30,
            tradeoffs=f"Trade-offs {n:02d}", cost_of_not=f"Cost {n:02d} of not doing the other",
            success_signal=f"Signal {n:02d} that it held", owner="Maya Chen", review_date=dt.date(2027, 1, 8),
            ack_product=True), on=dt.date(2026, 11, 17))
    desk.sessions.update(s.id, notes="Session notes: Dana joined for the billing item.\nSecond line of the notes.")
    yield desk, s
    engine.dispose()


@pytest.fixture(scope="module")
def big_pdf(qapp, big):
    desk, s = big
    return session_document(desk, s.id, "pdf")


@pytest.fixture(scope="module")
def big_pages(big_pdf):
    return pages_of(big_pdf)


HEADINGS = ("What we decided", "Capacity split", "Session notes", "Priorities on the agenda", "Scoring matrix",
            "Value versus cost", "Tensions and decisions", "Carried over to the next session")


def test_a_long_session_paginates_without_orphaned_headings_or_headerless_tables(big_pages):
    pages = big_pages
    assert len(pages) > 10
    for n, text in enumerate(pages, 1):
        body = text.strip()
        for h in HEADINGS:
            assert not body.endswith(h), f"{h!r} alone at the foot of page {n}"
        for t in re.findall(r"Tension (\d\d): which of two goes first this quarter", body):
            after = body.split(f"Tension {t}: which of two goes first this quarter", 1)[1]
            assert "Priorities:" in after, f"tension {t}'s heading alone at the foot of page {n}"
        if re.search(r"Priority number \d{3} \d+ (Proposed|Accepted)", body):  # agenda rows
            assert "Rank Side Priority Weeks Status Quarter" in body, f"agenda without its header, page {n}"
        if re.search(r"P \d · E \d", body):  # matrix rows
            assert "P total E total Combined" in body, f"matrix without its header, page {n}"
    for n in range(30):  # a decision record never splits: its first and last fields share a page
        [first] = [i for i, t in enumerate(pages) if f"Outcome {n:02d}: the first goes first Decided on" in t]
        assert f"Signal {n:02d} that it held" in pages[first], f"decision {n} split after page {first + 1}"


def test_page_one_opens_with_what_was_decided_before_the_matrix(big_pages):
    first = big_pages[0]
    assert first.index("What we decided") < first.index("Capacity split")
    assert "Outcome 00: the first goes first Maya Chen 8 Jan 2027" in first
    text = " ".join(big_pages)
    assert text.index("What we decided") < text.index("Scoring matrix")


def test_every_page_says_page_n_of_m_and_nothing_is_printed_twice(big_pages):
    total = len(big_pages)
    for n, text in enumerate(big_pages, 1):
        assert f"Page {n} of {total}" in text
    text = " ".join(big_pages)
    for n in range(30):  # once in its record, nowhere else (no clipped line hidden at a page foot)
        assert text.count(f"Context {n:02d} ") == 1
        assert text.count(f"Signal {n:02d} that it held") == 1
        assert text.count(f"Outcome {n:02d}: the first goes first") == 2  # what we decided + its record
    assert text.count("Priority number 080") == 2  # the agenda and the matrix (it is in no tension)


def test_full_titles_wrap_never_cut_and_notes_and_evidence_are_printed(big_pages):
    text = " ".join(big_pages)
    assert "…" not in text  # nor the 2×2 chart's key: it names a point by its number once ("12a ▲")
    assert text.count(LONG_TITLE) >= 2  # the agenda and the matrix, wrapped, whole
    assert "Session notes: Dana joined for the billing item. Second line of the notes." in text
    assert "Evidence frozen on" in text and "combined" in text
    assert not re.search(r"priority \d", text.lower())  # no internal ids


def test_the_2x2_chart_is_vector_with_searchable_labels(big_pdf):
    reader = PdfReader(io.BytesIO(big_pdf))
    assert all(not page.images for page in reader.pages)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))
    assert "Quick wins" in text and "Effort (person-weeks)" in text


def test_dates_are_one_english_form_under_a_german_locale(qapp, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Dezember", dt.date(2026, 12, 8))
    a, b = desk.priorities.add_many(s.id, [PriorityDraft("A", Side.PRODUCT), PriorityDraft("B", Side.ENGINEERING)])
    t = desk.tensions.add(s.id, "A or B", [a.id, b.id])
    desk.decisions.take(s.id, t.id, DecisionDraft(outcome="A first", review_date=dt.date(2027, 3, 5)),
                       on=dt.date(2026, 12, 8))
    before = QLocale()
    saved = locale.setlocale(locale.LC_TIME)
    try:
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        with contextlib.suppress(locale.Error):  # Qt's own locale is German either way
            locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
        text = " ".join(pages_of(session_document(desk, s.id, "pdf")))
        md = session_document(desk, s.id, "md").decode()
    finally:
        QLocale.setDefault(before)
        locale.setlocale(locale.LC_TIME, saved)
    for doc in (text, md):
        assert "8 Dec 2026" in doc and "5 Mar 2027" in doc
        assert not re.search(r"Dienstag|Dezember 2026|März|\b0\d (Dec|Mar)", doc)


def _table_rows(n: int) -> list[tuple[str, str, str]]:
    """Rows of every kind a document has: short, wrapped, several lines, empty, marked up, coloured."""
    return [(f"<span class='label'>Row {i:03d}</span>",
             ("<br/>".join(f"line {k} of row {i:03d}" for k in range(i % 4 + 1)) if i % 3 else
              f"{LONG_TITLE} (row {i:03d}) " * (i % 5)),
             f"<span style='color:#ffffff'>P {i % 6} · E {i % 5}</span>") for i in range(n)]


def test_table_rows_laid_out_together_are_laid_out_exactly_as_each_row_alone(qapp):
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    from tension_desk.export.layout import ROWS_PER_DOCUMENT, Table, lay_out_rows, text_document

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    table = Table((20, 60, 20), _table_rows(ROWS_PER_DOCUMENT * 2 + 5), ("Field", "Value", "Score"),
                  backgrounds=[(None, None, "#2b4c7e" if i % 2 else None) for i in range(ROWS_PER_DOCUMENT * 2 + 5)])
    htmls = table.row_htmls
    rows = lay_out_rows(htmls, 2000.0, writer, 9.5)
    assert len(rows) == len(htmls)
    for html_text, row in zip(htmls, rows, strict=True):
        alone = text_document(html_text, 2000.0, writer, 9.5)
        assert row.height == alone.size().height()
        lines = [b.text() for b in _blocks_between(row.doc, row.top, row.bottom)]
        assert lines == [b.text() for b in _blocks_between(alone, 0.0, alone.size().height())]


def _blocks_between(doc, top: float, bottom: float) -> list:
    layout, out, block = doc.documentLayout(), [], doc.begin()
    while block.isValid():
        r = layout.blockBoundingRect(block)
        if block.text() and top <= r.top() and r.bottom() <= bottom:
            out.append(block)
        block = block.next()
    return out


def test_a_table_longer_than_many_pages_prints_every_row_once_in_order_under_its_header_on_every_page(qapp):
    from tension_desk.export.layout import Table, render_pages
    from tension_desk.export.pdf import _open

    rows = _table_rows(300)
    page = render_pages(_open("Rows", "Rows", None), [Table((20, 60, 20), rows, ("Field", "Value", "Score"))])
    assert page.buffer is not None
    pages = pages_of(bytes(page.buffer.data().data()))
    assert len(pages) == page.total > 10
    text = " ".join(pages)
    assert [int(n) for n in re.findall(r"Row (\d{3})", text)] == list(range(300))
    for n, body in enumerate(pages, 1):
        assert "Field Value Score" in body, f"page {n} without the table's header"
        assert f"Page {n} of {len(pages)}" in body
    for i in range(300):
        for k in range(i % 4 + 1 if i % 3 else 0):
            assert text.count(f"line {k} of row {i:03d}") == 1
        assert text.count(f"(row {i:03d})") == (i % 5 if i % 3 == 0 else 0)


def test_paragraphs_and_headings_laid_out_together_are_laid_out_exactly_as_each_alone(qapp):
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    from tension_desk.export.layout import ONE_BLOCK, ROWS_PER_DOCUMENT, lay_out_paragraphs, text_document
    from tension_desk.export.pdf import _h1, _h2, _h3, _p

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    blocks = [_h1("Big planning session"), _h2("What we decided"), _h3(f"1. {LONG_TITLE}<br/>second line"),
              _p("No decision yet.", "muted"), _p("<b>Scores sealed.</b>"), _p(f"⚠ {LONG_TITLE} " * 6, "warn"),
              _p(""), _p("Line one<br/>line two<br/>line three", points=8.5)] * (ROWS_PER_DOCUMENT // 4)
    htmls = [b.html for b in blocks]
    assert all(ONE_BLOCK.fullmatch(h) for h in htmls)
    laid = lay_out_paragraphs(htmls, 2000.0, writer, 10)
    assert len(laid) == len(htmls) > ROWS_PER_DOCUMENT
    for html_text, text in zip(htmls, laid, strict=True):
        alone = text_document(html_text, 2000.0, writer, 10)
        assert text.height == alone.size().height()
        inside = [b.text() for b in _blocks_between(text.doc, text.top, text.bottom)]
        assert inside == [b.text() for b in _blocks_between(alone, 0.0, alone.size().height())]


def _qt_lines(doc, column: int) -> list[tuple[str, float, float]]:
    """The lines QTextDocument makes of one cell of a one-row table: text, top and height."""
    table = doc.rootFrame().childFrames()[0]
    block = table.cellAt(0, column).firstCursorPosition().block()
    lines = [block.layout().lineAt(i) for i in range(block.layout().lineCount())]
    return [(block.text()[ln.textStart():ln.textStart() + ln.textLength()], ln.y(), ln.height()) for ln in lines]


def _edge_matrix():
    """A scoring matrix of rows of every awkward kind: wrapped, white space, markup, empty, longer than a page,
    an unbroken word wider than its column, coloured cells on backgrounds."""
    from tension_desk.export.layout import Grid

    widths = (3, 21, *([48.5 / 8] * 8), 6.5, 6.5, 8, 6.5)
    criteria = ["Customer value ×3", "Revenue / retention ×2", "Strategic fit ×2", "Platform health ×2",
                "Cost of delay ×2", "Effort (cost) ×1", "Compliance ×1.5", "Team learning ×1"]
    titles = [f"● {LONG_TITLE}", "▲ Two  spaces,\ta tab and\na newline", "● <b>not bold</b> & \"quoted\"", "▲",
              "● " + "longer than a page " * 300, "● A-very-long-unbroken-word-wider-than-its-column-of-the-matrix",
              "▲ Caching #pdf-72"]
    rows = [(str(i + 1) if i % 3 else "—", title, *(f"P {i % 6} · E {k % 5}" if (i + k) % 4 else "P – · E –"
                                                   for k in range(8)), "66.9", "—", "74.5", "25.0" if i % 2 else "")
            for i, title in enumerate(titles)]
    backgrounds = [(None, None, *("#00224e" if k % 2 else None for k in range(8)), None, None, None, "#fee838")
                   for _ in rows]
    colours = [(None, None, *("#ffffff" if k % 2 else None for k in range(8)), None, None, None, "#000000")
               for _ in rows]
    return Grid(widths, rows, ["#", "Priority", *criteria, "P total", "E total", "Combined", "Div."],
                backgrounds=backgrounds, colours=colours, points=7.5)


def test_the_hand_laid_matrix_rows_break_and_stand_exactly_where_qt_puts_the_same_rows(qapp):
    from tension_desk.export.layout import Flow, Grid, GridRow, Row, text_document
    from tension_desk.export.pdf import _open

    grid = _edge_matrix()
    page = _open("Matrix", "Matrix", None)
    flow = Flow(page, counting=True)
    laid = grid._laid_out(flow)
    assert [type(r) for r in laid.rows] == [GridRow] * 4 + [Row, GridRow, GridRow]  # taller than a page: Qt's own
    for n, row in enumerate(laid.rows):
        alone = text_document(grid.row_htmls[1 + n], flow.width, flow.device, 7.5)
        assert row.height == alone.size().height(), f"row {n}"
        if isinstance(row, GridRow):
            layout = alone.documentLayout()
            table = alone.rootFrame().childFrames()[0]
            for c, cell in enumerate(row.layouts):
                lines = [cell.lineAt(i) for i in range(cell.lineCount())]
                mine = [(cell.text()[ln.textStart():ln.textStart() + ln.textLength()], ln.y(), ln.height())
                        for ln in lines]
                assert mine == _qt_lines(alone, c), f"row {n}, column {c}"
                qt_left = layout.blockBoundingRect(table.cellAt(0, c).firstCursorPosition().block()).left()
                assert row.grid.lefts[c] + row.grid.padding == qt_left
    title = [text for text, _y, _h in _qt_lines(text_document(grid.row_htmls[1], flow.width, flow.device, 7.5), 1)]
    assert len(title) >= 3 and " ".join(title).split() == f"● {LONG_TITLE}".split()  # wrapped, never cut
    narrow = Grid([100 / 90] * 90, [["W"] * 90], points=7.5)  # columns narrower than a letter and its padding
    [row] = narrow._laid_out(flow).rows
    assert isinstance(row, Row)
    assert row.height == text_document(narrow.row_htmls[0], flow.width, flow.device, 7.5).size().height()
    page.painter.end()


def _placed_text(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Every piece of text of every page with where it is drawn (x, y in points)."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        placed: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, _font, _size, placed=placed):
            if text.strip():
                x, y = tm[4], tm[5]
                placed.append((text, cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))

        page.extract_text(visitor_text=visit)
        pages.append(placed)
    return pages


def test_rows_and_paragraphs_drawn_from_their_own_layouts_print_what_the_document_prints_where_it_prints_it(
        qapp, big, big_pdf, monkeypatch):
    from tension_desk.export import layout

    desk, s = big
    monkeypatch.setattr(layout, "_blocks", lambda _doc, _first, _last: None)  # every text painted by its document
    by_documents = session_document(desk, s.id, "pdf")
    drawn, expected = _placed_text(big_pdf), _placed_text(by_documents)
    assert [[text for text, _x, _y in page] for page in drawn] == [[text for text, _x, _y in page] for page in expected]
    for page, reference in zip(drawn, expected, strict=True):
        for (text, x, y), (_t, x0, y0) in zip(page, reference, strict=True):
            assert abs(x - x0) < 0.01 and abs(y - y0) < 0.01, f"{text!r} at {x:.3f}, {y:.3f}, not {x0:.3f}, {y0:.3f}"


def _cell_lines(text: str, layout) -> list[tuple[str, float, float, float]]:
    """A cell's lines: text, top, height and the width of its glyphs (which bold text changes)."""
    lines = [layout.lineAt(i) for i in range(layout.lineCount())]
    return [(text[ln.textStart():ln.textStart() + ln.textLength()], ln.y(), ln.height(), ln.naturalTextWidth())
            for ln in lines]


def _qt_cell_lines(doc, column: int) -> list[tuple[str, float, float, float]]:
    """The lines QTextDocument makes of one cell of a one-row table (``_cell_lines``)."""
    block = doc.rootFrame().childFrames()[0].cellAt(0, column).firstCursorPosition().block()
    return _cell_lines(block.text(), block.layout())


def _edge_record():
    """A decision record of fields of every awkward kind: wrapped, several lines, white space of every sort,
    markup, empty, an unbroken word longer than a line, a paragraph separator."""
    from tension_desk.export.pdf import _record

    values = [LONG_TITLE, f"{LONG_TITLE}\nsecond line\n\nafter an empty line", "  leading,  doubled\tand trailing  ",
              "a line \n  indented next line \n", "tab\tand\u2003em space\u00a0no-break\u2028line separator",
              "<b>not bold</b> & \"quoted\" 'single'", "", "\n", "Ann (product) 2026-12-01 · ✓", "x" * 300,
              "paragraph\u2029separator"]
    return _record([(f"Field {i}" if i % 3 else "Cost of not deciding", v) for i, v in enumerate(values)])


def test_decision_records_and_what_we_decided_are_laid_out_by_hand_exactly_where_qt_puts_them(qapp):
    from tension_desk.export.layout import Flow, GridRow, Row, Table, render_pages, text_document
    from tension_desk.export.pdf import _decided_blocks, _open

    record = _edge_record()
    page = _open("Record", "Record", None)
    flow = Flow(page, counting=True)
    laid = record._laid_out(flow)
    assert [type(r) for r in laid.rows] == [GridRow] * 9 + [GridRow, Row]  # a second block: Qt's own
    for n, row in enumerate(laid.rows):
        alone = text_document(record.row_htmls[n], flow.width, flow.device, 9.5)
        assert row.height == alone.size().height(), f"row {n}"
        if isinstance(row, GridRow):
            for c, cell in enumerate(row.layouts):
                assert _cell_lines(cell.text(), cell) == _qt_cell_lines(alone, c), f"row {n}, column {c}"
            assert row.colours == ("#3B4450", None)
            assert row.layouts[0].font().bold() and not row.layouts[1].font().bold()

    decided = _decided_blocks(replace_decisions([("Ship the export first\nthen the\tsearch", "Ann  Lee", None),
                                                 (LONG_TITLE, "", dt.date(2027, 3, 5))]))[-1]
    laid = decided._laid_out(flow)
    assert laid.head is not None and [type(r) for r in laid.rows] == [GridRow, GridRow]
    for n, row in enumerate(laid.rows):
        alone = text_document(decided.row_htmls[1 + n], flow.width, flow.device, decided.points)
        assert row.height == alone.size().height()
        for c, cell in enumerate(row.layouts):
            assert _cell_lines(cell.text(), cell) == _qt_cell_lines(alone, c), f"row {n}, column {c}"
    page.painter.end()

    # painted: the same text where the same rows as HTML tables (as they were before) print it
    def printed(grid) -> list[list[tuple[str, float, float]]]:
        page = render_pages(_open("Record", "Record", None), [grid])
        return _placed_text(bytes(page.buffer.data().data()))

    for grid in (record, decided):
        as_html = Table(grid.widths, [[grid._cell_html(c, None, k, k in grid.multiline) for k, c in enumerate(r)]
                                      for r in grid.rows],
                        grid.header, together=grid.together, points=grid.points)
        drawn, expected = printed(grid), printed(as_html)
        assert [[t for t, _x, _y in p] for p in drawn] == [[t for t, _x, _y in p] for p in expected]
        for p, reference in zip(drawn, expected, strict=True):
            for (text, x, y), (_t, x0, y0) in zip(p, reference, strict=True):
                assert abs(x - x0) < 0.01 and abs(y - y0) < 0.01, (text, x, y, x0, y0)


def replace_decisions(rows):
    """A record holding only decisions of these (outcome, owner, review date)."""
    from types import SimpleNamespace

    return SimpleNamespace(decisions=[SimpleNamespace(outcome=o, owner=w, review_date=r) for o, w, r in rows])


def _matrix_record(desk, extra: list[tuple[str, float]], priorities: int = 12):
    """A revealed session scored on the six default criteria plus ``extra`` ones (name, weight), every score
    0 to 5 and one criterion left unscored for one priority ("P – · E –")."""
    from tension_desk.domain.model import Criterion, CriterionKind, Leader
    from tension_desk.services.record import build_session_record

    desk.workspace.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"),  # and the six default criteria
                               Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    for name, weight in extra:
        desk.criteria.add(Criterion(id=0, name=name, weight=weight, kind=CriterionKind.BENEFIT))
    s = desk.sessions.create("Matrix", dt.date(2026, 11, 17))
    sides = (Side.PRODUCT, Side.ENGINEERING)
    ps = desk.priorities.add_many(s.id, [PriorityDraft(f"Priority number {i:03d}", sides[i % 2], effort_weeks=i + 1)
                                         for i in range(priorities)])
    for i, p in enumerate(ps):
        for k, c in enumerate(desk.criteria.list()):
            if (i, k) != (3, 2):
                desk.scoring.set_score(s.id, p.id, c.id, Side.PRODUCT, (i + k) % 6)
                desk.scoring.set_score(s.id, p.id, c.id, Side.ENGINEERING, (i * 2 + k) % 6)
    desk.scoring.set_state(s.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    return build_session_record(desk, s.id)


def _lines_of(doc, column: int) -> list[str]:
    """The lines of one cell of a one-row table document."""
    block = doc.rootFrame().childFrames()[0].cellAt(0, column).firstCursorPosition().block()
    layout = block.layout()
    return [block.text()[ln.textStart():ln.textStart() + ln.textLength()]
            for ln in (layout.lineAt(i) for i in range(layout.lineCount()))]


def _line_texts(text: str, layout) -> list[str]:
    return [text[ln.textStart():ln.textStart() + ln.textLength()].strip(" \u2028")
            for ln in (layout.lineAt(i) for i in range(layout.lineCount()))]


def _lines_of(doc, column: int) -> list[str]:
    """The lines of one cell of a one-row table document."""
    block = doc.rootFrame().childFrames()[0].cellAt(0, column).firstCursorPosition().block()
    return _line_texts(block.text(), block.layout())


def _check_matrix(desk, extra: list[tuple[str, float]]):
    """The session's scoring matrix laid out for the PDF: every header word whole on a line, every score on
    one line or broken after its "·" only, the totals on one line, each row where Qt puts it."""
    from tension_desk.export.layout import Flow, GridRow, text_document
    from tension_desk.export.pdf import _matrix_blocks, _open

    record = _matrix_record(desk, extra)
    grid = _matrix_blocks(record)[-1]
    assert len(grid.header) == 12 + len(extra)
    page = _open("Matrix", "Matrix", None)
    flow = Flow(page, counting=True)
    laid = grid._laid_out(flow)
    columns = grid._fitted(flow)
    assert sum(columns.widths) == pytest.approx(100) and columns.widths[1] >= 21 / 2 - 1e-9
    for c, title in enumerate(grid.header):  # every line of a header is whole words of it
        lines = _lines_of(laid.head.doc, c)
        assert [w for line in lines for w in line.split()] == title.split(), (title, lines)
        assert all(line.split() for line in lines)
    assert all(isinstance(row, GridRow) for row in laid.rows)
    scores = []
    for n, (cells, row) in enumerate(zip(grid.rows, laid.rows, strict=True)):
        for c, (cell, layout) in enumerate(zip(cells, row.layouts, strict=True)):
            lines = _line_texts(layout.text(), layout)
            if cell.startswith("P "):  # a score: whole, or broken after its "·"
                p, e = cell.split(" · ")
                assert lines in ([cell], [f"{p} ·", e]), (n, c, lines)
                scores.append(len(lines))
            elif c >= 2:
                assert lines == [cell]
        alone = text_document(grid._body_html(n, columns), flow.width, flow.device, grid.points)  # as Qt has it
        assert row.height == alone.size().height()
        assert [_lines_of(alone, c) for c in range(len(cells))] == [_line_texts(lay.text(), lay) for lay in row.layouts]
    assert len(scores) == 12 * (6 + len(extra)) and "P – · E –" in [c for cells in grid.rows for c in cells]
    page.painter.end()
    return columns, scores


def test_the_scoring_matrix_cuts_no_header_word_and_keeps_every_score_on_one_line(qapp, desk):
    columns, scores = _check_matrix(desk, [("Compliance", 1.5), ("Team learning", 1.0)])  # the bench's eight
    assert set(scores) == {1} and not columns.narrow and not columns.header_points


def test_a_crowded_scoring_matrix_breaks_scores_at_their_dot_and_sets_a_long_header_word_smaller(qapp, desk):
    columns, scores = _check_matrix(desk, [("Compliance", 1.5), ("Team learning", 1.0), ("Support load", 1.0),
                                           ("Partner impact", 1.0), ("Interoperability", 1.0),
                                           ("Operational risk", 1.0)])
    assert 2 in scores and columns.narrow and columns.header_points  # some column had room to keep them whole


def test_a_hand_laid_cells_text_stays_inside_its_cell_whatever_the_text(qapp):
    """A row laid out by hand is painted unclipped where it has no background (and with its backgrounds before
    any of its text): that paints what a reader saw when every row was clipped to itself only while no cell's
    text, nor the ink of its glyphs, reaches out of its cell (its column's width with padding, the row's
    height)."""
    from PySide6.QtCore import QRectF

    from tension_desk.export.layout import Flow, GridRow
    from tension_desk.export.pdf import _open

    page = _open("Cells", "Cells", None)
    flow = Flow(page, counting=True)
    cells = 0
    for grid in (_edge_matrix(), _edge_record()):
        for row in grid._laid_out(flow).rows:
            if not isinstance(row, GridRow):
                continue
            pad = row.grid.padding
            for width, layout in zip(row.grid.widths, row.layouts, strict=True):
                cell = QRectF(-pad, -pad, width + 2 * pad, row.height)  # the text is drawn at the padding
                ink = QRectF()
                for run in layout.glyphRuns():
                    ink = ink.united(run.boundingRect())
                for drawn in (layout.boundingRect(), ink):
                    assert drawn.isEmpty() or cell.contains(drawn), (layout.text()[:40], drawn, cell)
                cells += 1
    assert cells > 100
    page.painter.end()


def test_a_rule_between_rows_lies_over_the_background_above_it_and_under_the_one_below(qapp):
    """A table's rule sits on the line between two rows: the upper row's backgrounds are painted before it (it
    shows over them) and the lower row's after it (they cover its lower part), as when each rule was drawn
    right after its row. Rules are drawn a page's worth at a time, with one pen, so this is what must hold."""
    from pypdf.generic import ContentStream

    from tension_desk.export.layout import Grid, render_pages
    from tension_desk.export.pdf import _open

    rows = [(str(i), f"P {i % 6} · E {i % 5}", f"{LONG_TITLE} " * (i % 3)) for i in range(80)]
    backgrounds = [(None, "#00224e" if i % 3 else None, "#fee838" if i % 2 else None) for i in range(80)]
    page = render_pages(_open("Rules", "Rules", None), [Grid((10, 30, 60), rows, backgrounds=backgrounds)])
    reader = PdfReader(io.BytesIO(bytes(page.buffer.data().data())))
    above = below = 0
    for pdf_page in reader.pages:
        fills, rules, path = [], [], []  # (index in the page's operators, top, bottom) and (index, y)
        for i, (operands, op) in enumerate(ContentStream(pdf_page.get_contents(), reader).operations):
            if op in (b"re", b"m", b"l", b"h"):  # a path being made
                path.append((op, [float(v) for v in operands]))
                continue
            if op == b"f" and path and path[0][0] == b"re":
                _x, y, _w, h = path[0][1]
                fills.append((i, y, y + h))
            elif op == b"S":
                rules += [(i, xy[1]) for kind, xy in path if kind == b"m"]
            path = []
        for drawn, y in rules:
            for filled, top, bottom in fills:
                if abs(bottom - y) < 0.5:  # the row above the rule
                    assert filled < drawn, f"a background of the row above the rule at {y} painted over it"
                    above += 1
                elif abs(top - y) < 0.5:  # the row below it
                    assert drawn < filled, f"the rule at {y} painted over the background of the row below it"
                    below += 1
    assert above > 50 and below > 50


def test_a_cells_text_on_one_line_serves_the_same_text_in_wider_columns_as_if_laid_out_again(qapp):
    """A hand-laid cell's text that is one line at its column's width is laid out once for the same text in
    every wider column (a matrix repeats its scores in each): painted, every text is what laying it out again
    at each width paints (the PDF's operators, number for number), as high, fitting the same, right-to-left
    text too. A text that wraps at a width is laid out again there."""
    from PySide6.QtCore import QPointF

    from tension_desk.export.layout import Flow, Grid, _CellKind, _GridGeometry
    from tension_desk.export.pdf import _open

    texts = ["P 3 · E 4", "10a", "12.5", "–", LONG_TITLE, "שלום עולם 12", "مرحبا", "abc \u202eevil", "a  b\tc",
             "Ünïcode — “quotes”"]
    from tension_desk.export.pdf import RESOLUTION

    scale = RESOLUTION / 300  # the widths below are a page's pixels at 300 dpi
    widths = tuple(w * scale for w in (40.0, 90.0, 150.0, 400.0, 2000.0))
    kinds = (_CellKind(), _CellKind(label=True))

    def painted(shared: bool) -> tuple[list[bytes], list[tuple[float, bool, int]]]:
        page = _open("Cells", "Cells", None)
        table = Grid((50, 50), [])
        geometry = _GridGeometry.of(table.widths, table, Flow(page, counting=True))
        laid, n = [], 0
        for text in texts:
            for kind in kinds:
                for width in (*widths, *reversed(widths)):
                    g = geometry if shared else _GridGeometry.of(table.widths, table, Flow(page, counting=True))
                    cell = g._text(text, width, kind)
                    laid.append((cell.height, cell.fits, cell.layout.lineCount()))
                    cell.layout.draw(page.painter, QPointF(100.0, 100.0 + 150.0 * (n % 20)))
                    n += 1
                    if n % 20 == 0:
                        page.writer.newPage()
        page.painter.end()
        pdf = PdfReader(io.BytesIO(bytes(page.buffer.data().data())))
        return [p.get_contents().get_data() for p in pdf.pages], laid

    again = painted(False)
    assert painted(True) == again
    assert {lines for _h, _f, lines in again[1]} > {1, 2}  # on one line at some widths, wrapped at others
    page = _open("Cells", "Cells", None)
    table = Grid((50, 50), [])
    geometry = _GridGeometry.of(table.widths, table, Flow(page, counting=True))
    for text, shared in (("P 3 · E 4", True), ("10a", True), ("שלום עולם 12", True), (LONG_TITLE, False)):
        narrow, wide = geometry._text(text, 400.0 * scale, kinds[0]), geometry._text(text, 2000.0 * scale, kinds[0])
        assert (narrow.layout is wide.layout) is shared, text
    page.painter.end()
