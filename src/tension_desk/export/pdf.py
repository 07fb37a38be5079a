"""The PDF session record and the PDF decision log, painted with QtGui only (no widgets, no browser).

Layout: a running header (session title) and footer (page number, fingerprint) on every page; the title
block with both leaders; the capacity split and whether it fits; the scoring matrix with its heat-map
(continuing on the next page with the header repeated); the 2×2 chart; then the tensions and their
decisions, and the items carried over, as flowing text (QTextDocument) that wraps and never clips.
User text is escaped before it enters any HTML, so it is printed literally.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextOption

from tension_desk.domain.model import Side
from tension_desk.render import heatmap, quadrant
from tension_desk.render.fonts import register_fonts, ui_font
from tension_desk.render.palette import INK, MUTED

RESOLUTION = 300  # dots per inch of the PDF's painting coordinates
MARGIN_MM = 16.0


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


def _pdf_writer(title: str, page_size: QPageSize | None) -> tuple[QBuffer, QPdfWriter]:
    """A PDF writer into memory (the caller writes the bytes atomically), A4 or Letter by locale."""
    register_fonts()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Tension Desk")
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

    @property
    def dpi(self) -> float:
        return float(self.writer.resolution())

    def pt(self, points: float) -> float:
        """Points → device pixels."""
        return points * self.dpi / 72.0

    @property
    def full(self) -> QRectF:
        r = self.writer.pageLayout().paintRectPixels(self.writer.resolution())
        return QRectF(0, 0, r.width(), r.height())

    @property
    def body(self) -> QRectF:
        f = self.full
        return f.adjusted(0, self.pt(26), 0, -self.pt(30))

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
        p.setFont(ui_font(8.5))
        head = QRectF(f.left(), f.top(), f.width(), self.pt(14))
        p.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        p.drawText(head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "Tension Desk")
        p.drawLine(QPointF(f.left(), head.bottom() + self.pt(3)), QPointF(f.right(), head.bottom() + self.pt(3)))
        foot = QRectF(f.left(), f.bottom() - self.pt(14), f.width(), self.pt(14))
        p.setFont(ui_font(7))
        p.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   f"Fingerprint (SHA-256 of the session JSON): {self.fingerprint}" if self.fingerprint else "")
        p.setFont(ui_font(8.5))
        p.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"Page {self.number}")
        p.restore()


def _text(page: _Page, rect: QRectF, text: str, points: float, bold: bool = False, colour=INK,
          flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) -> float:
    """Paint wrapped plain text; return its height."""
    p = page.painter
    p.save()
    p.setFont(ui_font(points, bold))
    p.setPen(colour)
    bounds = p.boundingRect(rect, int(flags | Qt.TextFlag.TextWordWrap), text)
    p.drawText(rect, int(flags | Qt.TextFlag.TextWordWrap), text)
    p.restore()
    return bounds.height()


def _flow_document(page: _Page, html_text: str, resources: dict | None = None) -> None:
    """Paint an HTML document on as many new pages as it needs. QTextDocument paginates itself (a line
    never straddles two pages), so text wraps and is never clipped."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(page.writer)  # lay out in the PDF's own device pixels
    doc.setDefaultFont(ui_font(10))
    doc.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    for name, image in (resources or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    doc.setDefaultStyleSheet(
        "h2 { font-size: 15pt; color: #10243D; }"
        "h3 { font-size: 11.5pt; color: #10243D; }"
        "p { margin-top: 2px; margin-bottom: 4px; } .muted { color: #5B6573; }"
        ".label { font-weight: bold; color: #3B4450; }"
        "table.kv td { padding: 2px 8px 2px 0; vertical-align: top; }")
    doc.setHtml(html_text)
    body = page.body
    doc.setPageSize(QSizeF(body.width(), body.height()))
    p = page.painter
    for i in range(doc.pageCount()):
        rect = page.start()
        p.save()
        p.translate(rect.left(), rect.top() - i * rect.height())
        doc.drawContents(p, QRectF(0, i * rect.height(), rect.width(), rect.height()))
        p.restore()


def _heatmap_data(record) -> heatmap.HeatmapData:
    criteria = list(record.criteria)
    scores = {(s.priority_id, s.criterion_id, Side(s.leader_role)): s.value for s in record.scores}
    results = {r.priority_id: r for r in record.results}
    ranked = sorted(record.priorities, key=lambda p: (
        results.get(p.id) is None or results[p.id].rank is None,
        results[p.id].rank if results.get(p.id) and results[p.id].rank else 0))
    rows = []
    for p in ranked:
        cells = []
        for c in criteria:
            a = scores.get((p.id, c.id, Side.PRODUCT))
            b = scores.get((p.id, c.id, Side.ENGINEERING))
            div = None if a is None or b is None else 100.0 * abs(a - b) / (c.scale_max - c.scale_min)
            cells.append(heatmap.HeatCell(a, b, div))
        r = results.get(p.id)
        rows.append(heatmap.HeatRow(p.title, p.side, tuple(cells), r.total_product if r else None,
                                    r.total_engineering if r else None, r.combined if r else None,
                                    r.divergence if r else None, r.rank if r else None))
    return heatmap.HeatmapData(tuple(f"{c.name} ×{c.weight:g}" for c in criteria), tuple(rows),
                               tuple(c.kind.value == "cost" for c in criteria))


def _quadrant_data(record) -> quadrant.QuadrantData:
    results = {r.priority_id: r for r in record.results}
    points = tuple(quadrant.QuadrantPoint(p.id, p.title, p.side, results[p.id].combined, p.effort_weeks)
                   for p in record.priorities
                   if p.id in results and results[p.id].combined is not None and p.effort_weeks is not None)
    return quadrant.QuadrantData(points=points)


def _capacity_lines(record) -> list[str]:
    cap = record.capacity
    if cap is None or cap.total_weeks is None:
        return [f"No capacity plan for {record.session.quarter}."]
    lines = [f"Plan for {cap.quarter}: {cap.total_weeks:g} person-weeks, product {cap.product_share:g}% · "
             f"engineering {cap.engineering_share:g}%."]
    for side, used, share, fits in ((Side.PRODUCT, cap.accepted_product_weeks, cap.product_share, cap.product_fits),
                                    (Side.ENGINEERING, cap.accepted_engineering_weeks, cap.engineering_share,
                                     cap.engineering_fits)):
        budget = cap.total_weeks * share / 100
        verdict = "fits" if fits else f"over by {used - budget:g} weeks"
        lines.append(f"{side.marker} {side.label}: {used:g} of {budget:g} weeks accepted — {verdict}.")
    if getattr(cap, "engineering_squeezed", False):
        lines.append(f"Warning: engineering's actual share ({cap.engineering_actual_share:.0f}%) is below the "
                     f"agreed {cap.engineering_share:g}%.")
    lines.append("This month's decisions fit the split." if cap.fits
                 else "This month's decisions do not fit the split.")
    return lines


def _priorities_html(record) -> str:
    results = {r.priority_id: r for r in record.results}
    rows = []
    for side in Side:
        for p in (p for p in record.priorities if p.side is side):
            r = results.get(p.id)
            effort = "—" if p.effort_weeks is None else f"{p.effort_weeks:g}"
            rows.append(f"<tr><td>{r.rank if r and r.rank else '—'}</td><td>{side.marker} {esc(side.label)}</td>"
                        f"<td>{esc(p.title)}</td><td align='right'>{effort}</td><td>{esc(p.status.label)}</td>"
                        f"<td>{esc(p.quarter or '')}</td></tr>")
    if not rows:
        return ""
    return ("<h2>Priorities on the agenda</h2><table class='kv' width='100%'>"
            "<tr><td class='label'>Rank</td><td class='label'>Side</td><td class='label'>Priority</td>"
            "<td class='label'>Weeks</td><td class='label'>Status</td><td class='label'>Quarter</td></tr>"
            + "".join(rows) + "</table>")


def _decisions_html(record) -> str:
    priorities = {p.id: p for p in record.priorities}
    decisions = {d.tension_id: d for d in record.decisions}
    parts = [_priorities_html(record), "<h2>Tensions and decisions</h2>"]
    if not record.tensions:
        parts.append("<p class='muted'>No tensions were recorded in this session.</p>")
    for n, t in enumerate(record.tensions, 1):
        names = ", ".join(f"{priorities[pid].side.marker} {esc(priorities[pid].title)}" if pid in priorities
                          else f"priority {pid}" for pid in t.priority_ids)
        parts.append(f"<h3>{n}. {esc_multiline(t.statement)}</h3><p class='muted'>Priorities: {names} · "
                     f"status: {esc(t.status.label.replace('_', ' '))}</p>")
        d = decisions.get(t.id)
        if d is None:
            parts.append("<p class='muted'>No decision yet.</p>")
            continue
        rows = [("Outcome", d.outcome), ("Context", d.context), ("Options considered", d.options),
                ("Rationale", d.rationale), ("Trade-offs and consequences", d.tradeoffs),
                ("Cost of not doing the other thing", d.cost_of_not), ("How we will know it held", d.success_signal),
                ("Owner", d.owner), ("Review on", d.review_date.isoformat() if d.review_date else ""),
                ("Status", d.status.label)]
        acks = []
        for side, ok in ((Side.PRODUCT, d.ack_product), (Side.ENGINEERING, d.ack_engineering)):
            leader = record.leaders.get(side)
            who = leader.display if leader else side.label
            acks.append(f"{side.marker} {who}: {'acknowledged' if ok else 'not yet acknowledged'}")
        rows.append(("Acknowledged", "\n".join(acks)))
        parts.append("<table class='kv'>" + "".join(
            f"<tr><td class='label'>{esc(k)}</td><td>{esc_multiline(v)}</td></tr>" for k, v in rows if v) + "</table>")
    carried = list(getattr(record, "carried_over", []) or [])
    parts.append("<h2>Carried over to the next session</h2>")
    if carried:
        parts.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in carried) + "</ul>")
    else:
        open_ones = [t for t in record.tensions if t.id not in decisions]
        if open_ones:
            parts.append("<ul>" + "".join(f"<li>{esc(t.statement)}</li>" for t in open_ones) + "</ul>")
        else:
            parts.append("<p class='muted'>Nothing: every tension of this session has a decision.</p>")
    return "".join(parts)


def session_pdf_bytes(record, fingerprint: str = "", page_size: QPageSize | None = None) -> bytes:
    """Render the session record to PDF bytes (the caller writes them atomically)."""
    buffer, writer = _pdf_writer(f"{record.session.title} — session record", page_size)
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    page = _Page(painter, writer, record.session.title, fingerprint)
    rect = page.start()
    s = record.session
    y = rect.top()
    y += _text(page, QRectF(rect.left(), y, rect.width(), page.pt(40)), s.title, 20, bold=True)
    y += page.pt(4)
    y += _text(page, QRectF(rect.left(), y, rect.width(), page.pt(20)),
               f"{s.date:%A %d %B %Y} · {s.quarter} · {s.status.label}", 10.5, colour=MUTED)
    who = "   ".join(f"{side.marker} {side.label}: {record.leaders[side].display}" for side in Side
                     if side in record.leaders)
    y += _text(page, QRectF(rect.left(), y, rect.width(), page.pt(20)), f"Participants — {who}", 10.5)
    y += page.pt(10)
    y += _text(page, QRectF(rect.left(), y, rect.width(), page.pt(18)), "Capacity split", 13, bold=True)
    y += page.pt(3)
    for line in _capacity_lines(record):
        y += _text(page, QRectF(rect.left(), y, rect.width(), page.pt(30)), line, 10)
    y += page.pt(10)
    y += _text(page, QRectF(rect.left(), y, rect.width(), page.pt(18)), "Scoring matrix", 13, bold=True)
    y += _text(page, QRectF(rect.left(), y, rect.width(), page.pt(28)),
               "Each cell: the product leader's score (P) and the engineering leader's (E); the colour is their "
               "disagreement (dark = agree, yellow = disagree). Sorted by rank.", 8.5, colour=MUTED)
    y += page.pt(2)
    heatmap.paint_legend(painter, QRectF(rect.left(), y, page.pt(260), page.pt(10)), ui_font(7))
    y += page.pt(14)
    data = _heatmap_data(record)
    font = ui_font(7.5)
    legend_h = 0.0
    first = 0
    area = QRectF(rect.left(), y, rect.width(), rect.bottom() - y)
    if not data.rows:
        _text(page, area, "No priorities on this session's agenda.", 10, colour=MUTED)
    while data.rows and first < len(data.rows):
        nxt = heatmap.paint(painter, area, data, first, font)
        if nxt <= first:  # nothing fitted: start a fresh page
            nxt = first
        first = nxt
        if first < len(data.rows):
            body = page.start()
            area = QRectF(body.left(), body.top(), body.width(), body.height() - legend_h)
    # the 2×2 chart, then the tensions and decisions, flowing over as many pages as they need
    qd = _quadrant_data(record)
    body = page.body
    resources = {}
    if qd.points:
        width_px = int(body.width())
        height_px = int(body.width() * 0.72)
        image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(int(page.dpi / 0.0254))
        image.setDotsPerMeterY(int(page.dpi / 0.0254))
        image.fill(Qt.GlobalColor.white)
        ip = QPainter(image)
        ip.setRenderHint(QPainter.RenderHint.Antialiasing)
        ip.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        quadrant.paint(ip, QRectF(0, 0, width_px, height_px), qd, 1.0)
        ip.end()
        resources["chart://quadrant"] = image
        # HTML image sizes are CSS pixels (96 per inch); the layout scales them to the PDF's resolution.
        css = 96.0 / page.dpi
        chart_html = (f"<h2>Value versus cost</h2><p class='muted'>Each priority placed by combined value and "
                      f"effort; ● product, ▲ engineering.</p><img src='chart://quadrant' width='{int(width_px * css)}' "
                      f"height='{int(height_px * css)}'/>")
    else:
        chart_html = ("<h2>Value versus cost</h2><p class='muted'>No priority has both leaders' scores and an "
                      "effort estimate yet.</p>")
    _flow_document(page, chart_html + _decisions_html(record), resources)
    painter.end()
    buffer.close()
    return bytes(buffer.data())


def decision_log_pdf_bytes(entries, title: str = "Decision log", page_size: QPageSize | None = None) -> bytes:
    """Every decision across sessions, newest first, as flowing text."""
    buffer, writer = _pdf_writer(title, page_size)
    painter = QPainter(writer)
    page = _Page(painter, writer, title, "")
    parts = [f"<h2>{esc(title)}</h2><p class='muted'>{len(entries)} decisions, newest first.</p>"]
    for e in entries:
        d = e.decision
        parts.append(f"<h3>{esc(d.decided_on)} · {esc(e.session.title)}</h3>")
        if e.tension is not None:
            parts.append(f"<p class='muted'>{esc_multiline(e.tension.statement)}</p>")
        rows = [("Outcome", d.outcome), ("Rationale", d.rationale), ("Trade-offs", d.tradeoffs),
                ("Owner", d.owner), ("Status", d.status.label),
                ("Review", f"{d.review_date or '—'}" + (f" · {d.review_outcome}" if d.review_outcome else ""))]
        parts.append("<table class='kv'>" + "".join(
            f"<tr><td class='label'>{esc(k)}</td><td>{esc_multiline(v)}</td></tr>" for k, v in rows if v) + "</table>")
    page.number = 0
    _flow_document(page, "".join(parts))
    painter.end()
    buffer.close()
    return bytes(buffer.data())


def quarterly_review_pdf_bytes(desk, quarter: str, page_size: QPageSize | None = None) -> bytes:
    """The quarterly review: plan against actual per side, the ledger, the split's history and the outcome."""
    from tension_desk.domain.capacity import capacity_fit, plan_vs_actual
    from tension_desk.domain.outcomes import outcomes_by_quarter, slowest
    from tension_desk.render import trends

    plans = {p.quarter: p for p in desk.capacity.plans()}
    priorities = desk.priorities.list()
    plan = plans.get(quarter)
    fit = capacity_fit(plan, priorities, quarter)
    buffer, writer = _pdf_writer(f"Quarterly review {quarter}", page_size)
    painter = QPainter(writer)
    page = _Page(painter, writer, f"Quarterly review {quarter}", "")
    body = page.body
    images = {}
    for name, fn, points in (
        ("chart://split", trends.paint_split_history,
         [trends.SplitPoint(q, plans[q].product_share, plans[q].engineering_share,
                            capacity_fit(plans[q], priorities, q).engineering_actual_share) for q in sorted(plans)]),
        ("chart://outcome", trends.paint_outcome_trend,
         [trends.TrendPoint(o.quarter, o.median_days, o.delivered_count, 0) for o in outcomes_by_quarter(priorities)]),
    ):
        w, h = int(body.width()), int(body.width() * 0.42)
        image = QImage(w, h, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(int(page.dpi / 0.0254))
        image.setDotsPerMeterY(int(page.dpi / 0.0254))
        image.fill(Qt.GlobalColor.white)
        ip = QPainter(image)
        fn(ip, QRectF(0, 0, w, h), points)
        ip.end()
        images[name] = image
    css = 96.0 / page.dpi
    w_css, h_css = int(body.width() * css), int(body.width() * 0.42 * css)
    parts = [f"<h2>Quarterly review — {esc(quarter)}</h2>"]
    if plan is None:
        parts.append(f"<p>No capacity plan for {esc(quarter)}.</p>")
    else:
        reviewed = f"reviewed {plan.reviewed_on.isoformat()}" if plan.reviewed_on else "not reviewed yet"
        parts.append(f"<p>Plan: {plan.total_weeks:g} person-weeks · ● product {plan.product_share:g}% · "
                     f"▲ engineering {plan.engineering_share:g}% — {reviewed}.</p>")
        if plan.note:
            parts.append(f"<p class='muted'>{esc_multiline(plan.note)}</p>")
    parts.append("<h3>Plan against actual</h3><table class='kv'><tr><td class='label'>Side</td>"
                 "<td class='label'>Planned weeks</td><td class='label'>Accepted</td>"
                 "<td class='label'>Delivered</td></tr>")
    for r in plan_vs_actual(plan, priorities, quarter):
        planned = "—" if r.planned_weeks is None else f"{r.planned_weeks:g}"
        parts.append(f"<tr><td>{r.side.marker} {r.side.label}</td><td>{planned}</td><td>{r.accepted_weeks:g}</td>"
                     f"<td>{r.delivered_weeks:g}</td></tr>")
    parts.append("</table>")
    if fit.fits is not None:
        fits = "fits" if fit.fits else "does not fit"
        parts.append(f"<p><b>The accepted work {fits} the split.</b></p>")
    if fit.engineering_squeezed and fit.engineering_share is not None:
        parts.append(f"<p><b>Engineering's actual share was {fit.engineering_actual_share:.0f}%, below the agreed "
                     f"{fit.engineering_share:g}%.</b></p>")
    parts.append("<h3>Ledger of the split</h3><ul>")
    for e in desk.capacity.ledger(quarter):
        parts.append(f"<li>{esc(e['changed_at'].date().isoformat() if e['changed_at'] else '')}: "
                     f"{e['total_weeks']:g} weeks, P {e['product_share']:g}% / E {e['engineering_share']:g}% — "
                     f"{esc(e['reason'])}</li>")
    parts.append("</ul>")
    parts.append(f"<h3>The split over time</h3><img src='chart://split' width='{w_css}' height='{h_css}'/>")
    parts.append("<h3>Time from idea to customer value</h3>"
                 f"<img src='chart://outcome' width='{w_css}' height='{h_css}'/>")
    slow = slowest(priorities)
    if slow:
        parts.append("<h3>Slowest from idea to delivery</h3><ul>" + "".join(
            f"<li>{i.priority.side.marker} {esc(i.priority.title)} — {i.days} days</li>" for i in slow) + "</ul>")
    _flow_document(page, "".join(parts), images)
    painter.end()
    buffer.close()
    return bytes(buffer.data())
