"""The shared outcome: time from idea to customer value (idea date → delivered date), per quarter."""
from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from tension_desk.domain.model import Priority, PriorityStatus
from tension_desk.domain.quarters import quarter_of


@dataclass(frozen=True)
class QuarterOutcome:
    quarter: str
    delivered_count: int
    median_days: float | None  # None when no delivered item of the quarter has an idea date


@dataclass(frozen=True)
class DeliveredItem:
    priority: Priority
    days: int


def lead_time_days(p: Priority) -> int | None:
    """Days from idea to delivery; None without both dates (or a delivery before the idea)."""
    if p.idea_date is None or p.delivered_date is None or p.delivered_date < p.idea_date:
        return None
    return (p.delivered_date - p.idea_date).days


def delivered(priorities: Iterable[Priority]) -> list[Priority]:
    return [p for p in priorities if p.delivered_date is not None and p.status is PriorityStatus.DELIVERED]


def outcomes_by_quarter(priorities: Iterable[Priority]) -> list[QuarterOutcome]:
    """One entry per quarter of delivery, oldest first: how many were delivered, median days from idea."""
    by_quarter: dict[str, list[Priority]] = {}
    for p in delivered(priorities):
        assert p.delivered_date is not None  # delivered() keeps only those with a date
        by_quarter.setdefault(quarter_of(p.delivered_date), []).append(p)
    out = []
    for quarter in sorted(by_quarter):
        items = by_quarter[quarter]
        days = [d for d in (lead_time_days(p) for p in items) if d is not None]
        out.append(QuarterOutcome(quarter, len(items), float(statistics.median(days)) if days else None))
    return out


def slowest(priorities: Iterable[Priority], n: int = 5, quarter: str | None = None) -> list[DeliveredItem]:
    """The ``n`` slowest from idea to delivery; with ``quarter``, only those delivered in it."""
    items = []
    for p in delivered(priorities):
        assert p.delivered_date is not None  # delivered() keeps only those with a date
        d = lead_time_days(p)
        if d is not None and (quarter is None or quarter_of(p.delivered_date) == quarter):
            items.append(DeliveredItem(p, d))
    return sorted(items, key=lambda i: (-i.days, i.priority.title))[:n]


def trend(outcomes: list[QuarterOutcome]) -> float | None:
    """Change of the median from the first to the last quarter that has one, in days (negative = faster)."""
    medians = [o.median_days for o in outcomes if o.median_days is not None]
    return None if len(medians) < 2 else medians[-1] - medians[0]
