"""Markdown of a session record and of the decision log.

User text is escaped so a Markdown viewer shows it literally and it never becomes structure: ``<b>x</b>``
stays those characters, and a ``===`` or ``---`` line, a leading ``#``, ``>``, ``-``, ``+`` or ``1.`` stays
text, never a heading, quote, list or rule. The escaping is minimal, so the file stays readable: only the
characters that start inline markup get a backslash anywhere (backslash, backtick, ``*``, ``_``, brackets,
``<``, ``>``, ``|``, ``~``, and ``&`` before an entity); the rest only at the start of a line.
Dates like 2026-10-13 and words like Usage-based are written as they are.
"""
from __future__ import annotations

import re

from tension_desk.domain.model import Side

_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")


def _escape_line(line: str) -> str:
    line = _INLINE.sub(lambda m: "\\" + m.group(0), line.strip())  # leading spaces would make a code block
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), line)


def md(text: object, one_line: bool = False) -> str:
    """User text escaped for Markdown: its lines joined by hard line breaks (by spaces if ``one_line``,
    for headings and table cells). Blank lines are left out, so the text stays one paragraph."""
    lines = [_escape_line(x) for x in ("" if text is None else str(text)).splitlines()]
    return (" " if one_line else "  \n").join(x for x in lines if x)


def _fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:.1f}"


def session_markdown(record, fingerprint: str = "") -> str:
    s = record.session
    out = [f"# {md(s.title, one_line=True)}", "",
           f"{s.date.isoformat()} · {s.quarter} · {s.status.label}", ""]
    for side in Side:
        leader = record.leaders.get(side)
        if leader:
            out.append(f"- {side.marker} {side.label}: {md(leader.name, True)} ({md(leader.title, True)})")
    out += ["", "## Capacity split", ""]
    cap = record.capacity
    if cap is None or cap.total_weeks is None:
        out.append(f"No capacity plan for {s.quarter}.")
    else:
        out.append(f"Plan {cap.quarter}: {cap.total_weeks:g} person-weeks, product {cap.product_share:g}% / "
                   f"engineering {cap.engineering_share:g}%.")
        out.append("")
        out.append(f"- {Side.PRODUCT.marker} Product accepted: {cap.accepted_product_weeks:g} weeks "
                   f"({'fits' if cap.product_fits else 'over'})")
        out.append(f"- {Side.ENGINEERING.marker} Engineering accepted: {cap.accepted_engineering_weeks:g} weeks "
                   f"({'fits' if cap.engineering_fits else 'over'})")
        out.append("")
        out.append("The decisions fit the split." if cap.fits else "**The decisions do not fit the split.**")
    out += ["", "## Scoring matrix", ""]
    criteria = list(record.criteria)
    header = ["Rank", "Priority", "Side"] + [md(c.name, True) for c in criteria] + ["P total", "E total", "Combined", "Divergence"]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    scores = {(x.priority_id, x.criterion_id, Side(x.leader_role)): x.value for x in record.scores}
    results = {r.priority_id: r for r in record.results}
    for p in sorted(record.priorities, key=lambda p: (results.get(p.id) is None or results[p.id].rank is None,
                                                      getattr(results.get(p.id), "rank", 0) or 0)):
        r = results.get(p.id)
        cells = []
        for c in criteria:
            a, b = scores.get((p.id, c.id, Side.PRODUCT)), scores.get((p.id, c.id, Side.ENGINEERING))
            cells.append(f"P {'–' if a is None else a} · E {'–' if b is None else b}")
        out.append("| " + " | ".join([str(r.rank) if r and r.rank else "—", md(p.title, True), f"{p.side.marker} {p.side.label}",
                                      *cells, _fmt(r.total_product if r else None),
                                      _fmt(r.total_engineering if r else None), _fmt(r.combined if r else None),
                                      _fmt(r.divergence if r else None)]) + " |")
    out += ["", "## Tensions and decisions", ""]
    priorities = {p.id: p for p in record.priorities}
    decisions = {d.tension_id: d for d in record.decisions}
    for n, t in enumerate(record.tensions, 1):
        out.append(f"### {n}. {md(t.statement, one_line=True)}")
        out.append("")
        names = ", ".join(f"{priorities[i].side.marker} {md(priorities[i].title, True)}" for i in t.priority_ids if i in priorities)
        out.append(f"Priorities: {names} · status: {t.status.label.replace('_', ' ')}")
        out.append("")
        d = decisions.get(t.id)
        if d is None:
            out += ["No decision yet.", ""]
            continue
        for label, value in (("Outcome", d.outcome), ("Context", d.context), ("Options considered", d.options),
                             ("Rationale", d.rationale), ("Trade-offs and consequences", d.tradeoffs),
                             ("Cost of not doing the other thing", d.cost_of_not),
                             ("How we will know it held", d.success_signal), ("Owner", d.owner),
                             ("Review on", d.review_date.isoformat() if d.review_date else ""),
                             ("Status", d.status.label)):
            if value:
                out.append(f"- **{label}:** {md(value)}")
        out.append(f"- **Acknowledged:** product {'yes' if d.ack_product else 'no'}, "
                   f"engineering {'yes' if d.ack_engineering else 'no'}")
        out.append("")
    carried = list(getattr(record, "carried_over", []) or [])
    out += ["## Carried over", ""]
    open_ones = carried or [t.statement for t in record.tensions if t.id not in decisions]
    out += [f"- {md(x)}" for x in open_ones] or ["Nothing."]
    if fingerprint:
        out += ["", "---", f"Fingerprint (SHA-256 of the session JSON): `{fingerprint}`"]
    return "\n".join(out) + "\n"


def decision_log_markdown(entries) -> str:
    out = ["# Decision log", "", f"{len(entries)} decisions, newest first.", ""]
    for e in entries:
        d = e.decision
        out.append(f"## {d.decided_on} · {md(e.session.title, one_line=True)}")
        out.append("")
        if e.tension is not None:
            out += [f"*{md(e.tension.statement)}*", ""]
        for label, value in (("Outcome", d.outcome), ("Rationale", d.rationale), ("Trade-offs", d.tradeoffs),
                             ("Owner", d.owner), ("Status", d.status.label),
                             ("Review", f"{d.review_date or '—'}" + (f" · {d.review_outcome}" if d.review_outcome else ""))):
            if value:
                out.append(f"- **{label}:** {md(value)}")
        out.append("")
    return "\n".join(out) + "\n"
