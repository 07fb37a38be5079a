"""Markdown of a session record and of the decision log.

User text is escaped so a Markdown viewer shows it literally and it never becomes structure: ``<b>x</b>``
stays those characters, and a ``===`` or ``---`` line, a leading ``#``, ``>``, ``-``, ``+`` or ``1.`` stays
text, never a heading, quote, list or rule. The escaping is minimal, so the file stays readable: only the
characters that start inline markup get a backslash anywhere (backslash, backtick, ``*``, ``_``, brackets,
``<``, ``>``, ``|``, ``~``, and ``&`` before an entity); the rest only at the start of a line.
Dates like 2026-10-13 and words like Usage-based are written as they are.
A line's leading indentation is kept, as no-break spaces (never a code block).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from tension_desk.domain.dates import day
from tension_desk.domain.model import Leader, Side
from tension_desk.domain.scoring import by_rank, rank_labels, result_text
from tension_desk.export.wording import (
    capacity_lines,
    carried_over,
    log_opening,
    result_cells,
    score_pair,
    tension_priorities,
)
from tension_desk.render.quadrant import quadrant_data
from tension_desk.services.log import LogEntry, decision_fields
from tension_desk.services.record import SessionRecord

_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")


def _indent(line: str) -> str:
    """A line's leading indentation as no-break spaces (a tab as four): Markdown drops leading spaces or
    reads four as a code block, while a no-break space is text, so the indentation is shown as written."""
    body = line.lstrip()
    return line[:len(line) - len(body)].replace("\t", "    ").replace(" ", "\u00a0") if body else ""


def _escape_line(line: str, at_start: bool = True) -> str:
    body = _INLINE.sub(lambda m: "\\" + m.group(0), line.strip())
    if at_start:
        body = _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), body)
    return _indent(line) + body


def md(text: object, one_line: bool = False, after_text: bool = False) -> str:
    """User text escaped for Markdown: its lines joined by hard line breaks, each keeping its indentation
    (by spaces if ``one_line``, for headings and table cells, without indentation). Blank lines are left
    out, so the text stays one paragraph.
    ``after_text``: the first line follows other text (``**Owner:** …``), so its start means nothing."""
    lines = [x for x in ("" if text is None else str(text)).splitlines() if x.strip()]
    if one_line:
        return " ".join(_escape_line(x.strip()) for x in lines)
    return "  \n".join(_escape_line(x, at_start=bool(i) or not after_text) for i, x in enumerate(lines))


def _matrix_lines(record: SessionRecord) -> list[str]:
    """The scoring matrix as a table, ranked."""
    out: list[str] = []
    criteria = list(record.criteria)
    header = ["Rank", "Priority", "Side", *(md(c.name, True) for c in criteria),
              "P total", "E total", "Combined", "Divergence"]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    scores = {(x.priority_id, x.criterion_id, Side(x.leader_role)): x.value for x in record.scores}
    results = {r.priority_id: r for r in record.results}
    labels = rank_labels(record.priorities, record.results)  # "7a", "7b" where ranks tie, as on the PDF
    for p in by_rank(record.priorities, record.results):
        r = results.get(p.id)
        cells = []
        for c in criteria:
            a, b = scores.get((p.id, c.id, Side.PRODUCT)), scores.get((p.id, c.id, Side.ENGINEERING))
            cells.append(score_pair(a, b))
        out.append("| " + " | ".join([labels.get(p.id, "—"), md(p.title, True),
                                      f"{p.side.marker} {p.side.label}", *cells, *result_cells(r)]) + " |")
    return out


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + ["| " + " | ".join(r) + " |" for r in rows]


def session_markdown(record: SessionRecord, fingerprint: str = "") -> str:
    """The same sections as the PDF, in the same order."""
    from tension_desk.services.record import SCORES_SEALED, revision_lines

    s = record.session
    out = [f"# {md(s.title, one_line=True)}", "", f"{day(s.date)} · {s.quarter} · {s.status.label}", ""]
    out += ["  \n".join(md(line, True) for line in revision_lines(record)), ""]
    out += [f"- {side.marker} {side.label}: {md(record.leaders[side].display, True)}"
            for side in Side if side in record.leaders]
    out += ["", "## What we decided", ""]
    out += _table(["Decision", "Owner", "Review on"],
                  [[md(d.outcome, True), md(d.owner, True) or "—", day(d.review_date, "—")] for d in record.decisions]
                  ) if record.decisions else ["No decision was taken in this session."]
    out += ["", "## Capacity split", ""]
    out += ["  \n".join(f"**{line}**" if line.startswith("Warning") else line for line in capacity_lines(record))]
    if s.notes.strip():
        out += ["", "## Session notes", "", md(s.notes)]
    labels = rank_labels(record.priorities, record.results)
    agenda = [[labels.get(p.id, "—"), f"{p.side.marker} {p.side.label}",
               md(p.title, True), "—" if p.effort_weeks is None else f"{p.effort_weeks:g}", p.status.label,
               p.quarter or ""] for side in Side for p in record.priorities if p.side is side]
    if agenda:
        out += ["", "## Priorities on the agenda", ""]
        out += _table(["Rank", "Side", "Priority", "Weeks", "Status", "Quarter"], agenda)
    out += ["", "## Scoring matrix", ""]
    if record.scores_sealed:  # blind scoring before the reveal: no scores, totals, divergence or ranks
        out += [f"**{SCORES_SEALED}.**"]
    else:
        out += _matrix_lines(record)
    out += ["", "## Value versus cost", ""]
    placed = quadrant_data(record.priorities, record.results).points  # the 2×2 chart's points, as the PDF draws
    out += _table(["Rank", "Priority", "Combined value", "Weeks"],
                  [[labels.get(q.priority_id, "—"), f"{q.side.marker} {md(q.label, True)}",
                    result_text(q.value), f"{q.effort:g}"] for q in sorted(placed, key=lambda q: (-q.value, q.effort))]
                  ) if placed else [
        f"**{SCORES_SEALED}.**" if record.scores_sealed  # as the matrix's section says it
        else "No priority has both leaders' scores and an effort estimate yet."]
    out += ["", "## Tensions and decisions", ""]
    decisions = {d.tension_id: d for d in record.decisions}
    for n, t in enumerate(record.tensions, 1):
        names = ", ".join(f"{side.marker + ' ' if side else ''}{md(title, True)}"
                          for side, title in tension_priorities(record, t))
        out += [f"### {n}. {md(t.statement, one_line=True)}", "",
                f"Priorities: {names} · status: {t.status.label.replace('_', ' ')}", ""]
        d = decisions.get(t.id)
        out += _fields(decision_fields(d, record.leaders)) if d else ["No decision yet.", ""]
    if not record.tensions:
        out += ["No tensions were recorded in this session.", ""]
    out += ["## Carried over to the next session", ""]
    out += [f"- {md(x)}" for x in carried_over(record)] or ["Nothing: every tension of this session has a decision."]
    out += _meeting_time_lines(record)
    if fingerprint:
        out += ["", "---", f"Session {s.id} · revision {record.revision.number} · "
                f"Fingerprint (SHA-256 of the canonical record): `{fingerprint}`"]
    return "\n".join(out) + "\n"


def _meeting_time_lines(record: SessionRecord) -> list[str]:
    """The session script's planned against spent time per step (nothing if the meeting was never timed)."""
    from tension_desk.domain.script import MEETING_TIME_HEADER, meeting_time_rows

    if not record.meeting_time:
        return []
    rows = [MEETING_TIME_HEADER, *meeting_time_rows(record.meeting_time)]
    return ["", "## Meeting time", "", "| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0]),
            *("| " + " | ".join(r) + " |" for r in rows[1:])]


def decision_log_markdown(entries: Sequence[LogEntry], leaders: dict[Side, Leader] | None = None,
                          today: dt.date | None = None) -> str:
    """Every decision, newest first by the day it was taken, each with all its fields and its review flag."""
    today = today or dt.date.today()
    out = ["# Decision log", "", log_opening(entries, today), ""]
    for e in entries:
        out += [f"## Decided {day(e.decided_on)} · {md(e.session.title, one_line=True)} "
                f"(session of {day(e.session.date)})", ""]
        flag = e.review_flag(today)
        if flag:
            out += [f"**{flag}.**", ""]
        if e.tension is not None:
            out += [f"Tension: {md(e.tension.statement, after_text=True)}", ""]
        out += _fields(e.fields(leaders or {}, today))
    return "\n".join(out) + "\n"


def _fields(fields: list[tuple[str, str]]) -> list[str]:
    """A decision record as a list: one item per field, its lines kept as hard line breaks."""
    return [f"- **{label}:** {md(value, after_text=True)}" for label, value in fields] + [""]
