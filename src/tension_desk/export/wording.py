"""Sentences every document of a session prints the same way (PDF and Markdown), from the record."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tension_desk.domain.capacity import capacity_verdict, plan_wording, squeeze_warning
from tension_desk.domain.dates import day
from tension_desk.domain.model import SessionStatus, Side, Tension
from tension_desk.domain.scoring import PriorityResult, result_text
from tension_desk.services.log import LogEntry
from tension_desk.services.record import SessionRecord


def score_pair(product: int | None, engineering: int | None) -> str:
    """A scoring-matrix cell: both leaders' scores, "–" where one has none ('P 3 · E 4')."""
    return f"P {'–' if product is None else product} · E {'–' if engineering is None else engineering}"


def result_cells(r: PriorityResult | None) -> list[str]:
    """A matrix row's P total, E total, combined and divergence, as every view prints them ("—" where none)."""
    values = (r.total_product, r.total_engineering, r.combined, r.divergence) if r else (None,) * 4
    return [result_text(v) for v in values]


def log_opening(entries: Sequence[LogEntry], today: dt.date) -> str:
    """The decision log's first sentence: '12 decisions, newest first by the day each was taken · 2 due or overdue
    for review on 1 Dec 2026.'"""
    due = sum(e.due(today) for e in entries)
    return (f"{len(entries)} decisions, newest first by the day each was taken · {due} due or overdue for review "
            f"on {day(today)}.")


def capacity_lines(record: SessionRecord) -> list[str]:
    """The capacity split: the plan, each side's accepted weeks against its budget, the squeeze warning, and
    the verdict the Capacity tab gives (``domain.capacity``). A line that starts with "Warning:" is a warning."""
    cap = record.capacity
    closed = record.session.status is SessionStatus.CLOSED  # told in the past tense, as on screen
    if cap.total_weeks is None or cap.product_share is None or cap.engineering_share is None:
        return [f"No capacity plan for {record.session.quarter}.", capacity_verdict(cap, closed)]
    lines = [f"Plan for {cap.quarter}: {plan_wording(cap.total_weeks, cap.product_share, cap.engineering_share)}."]
    for side in Side:
        used, budget = cap.used(side), cap.budget(side) or 0.0
        lines.append(f"{side.marker} {side.label}: {used:g} of {budget:g} weeks accepted — {cap.side_verdict(side)}.")
    warning = squeeze_warning(cap, closed)
    return lines + ([f"Warning: {warning}"] if warning else []) + [capacity_verdict(cap, closed)]


def tension_priorities(record: SessionRecord, tension: Tension) -> list[tuple[Side | None, str]]:
    """The priorities of a tension by title (never by id): from the agenda, or else from the decision's
    frozen evidence."""
    priorities = {p.id: p for p in record.priorities}
    decision = next((d for d in record.decisions if d.tension_id == tension.id), None)
    frozen = {item.get("id"): item for item in ((decision.evidence or {}).get("priorities", []) if decision else [])}
    out: list[tuple[Side | None, str]] = []
    for pid in tension.priority_ids:
        if pid in priorities:
            out.append((priorities[pid].side, priorities[pid].title))
        elif pid in frozen:
            side = frozen[pid].get("side")
            out.append((Side(side) if side in ("product", "engineering") else None, str(frozen[pid].get("title"))))
        else:
            out.append((None, "a priority no longer on the agenda"))
    return out


def carried_over(record: SessionRecord) -> list[str]:
    """What goes on to the next session: the record's list, or else this session's undecided tensions."""
    decided = {d.tension_id for d in record.decisions}
    return list(record.carried_over or []) or [t.statement for t in record.tensions if t.id not in decided]
