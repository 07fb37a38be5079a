"""CSV of a session: one row per priority with both leaders' scores per criterion and the results.

The csv module quotes as needed; user text is written as it is (a spreadsheet shows it literally). Cells
that a spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe.
"""
from __future__ import annotations

import csv
import io

from tension_desk.domain.model import Side
from tension_desk.services.record import SessionRecord


def cell(text: object) -> str:
    s = "" if text is None else str(text)
    return "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s


def num(v: float | None) -> str:
    return "" if v is None else f"{v:.4f}".rstrip("0").rstrip(".")


def session_csv(record: SessionRecord) -> str:
    """Before the reveal (``record.scores_sealed``) the score and result columns are left out."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    scored = not record.scores_sealed
    criteria = list(record.criteria) if scored else []
    header = ["priority_id", "title", "side", "effort_weeks", "status", "quarter"]
    for c in criteria:
        header += [f"{c.name} (product)", f"{c.name} (engineering)"]
    header += ["total_product", "total_engineering", "combined", "divergence", "rank"] if scored else []
    header += ["tensions", "decisions"]
    w.writerow([cell(h) for h in header])
    scores = {(x.priority_id, x.criterion_id, Side(x.leader_role)): x.value for x in record.scores}
    results = {r.priority_id: r for r in record.results}
    decisions = {d.tension_id: d for d in record.decisions}
    for p in record.priorities:
        r = results.get(p.id)
        row = [p.id, cell(p.title), p.side.value, num(p.effort_weeks), p.status.value, p.quarter or ""]
        for c in criteria:
            row += [scores.get((p.id, c.id, Side.PRODUCT), ""), scores.get((p.id, c.id, Side.ENGINEERING), "")]
        mine = [t for t in record.tensions if p.id in t.priority_ids]
        if scored:
            row += [num(r.total_product) if r else "", num(r.total_engineering) if r else "",
                    num(r.combined) if r else "", num(r.divergence) if r else "", (r.rank or "") if r else ""]
        row += [cell(" | ".join(t.statement for t in mine)),
                cell(" | ".join(decisions[t.id].outcome for t in mine if t.id in decisions))]
        w.writerow(row)
    return buf.getvalue()
