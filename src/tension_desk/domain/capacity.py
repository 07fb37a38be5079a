"""The capacity split: does the effort accepted for a quarter fit the agreed product / engineering split?

A side fits when the effort of its priorities accepted (or delivered) for the quarter is at most
total × its share. Priorities without an effort estimate count 0 weeks.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tension_desk.domain.model import CapacityPlan, Priority, PriorityStatus, Side

COUNTED = (PriorityStatus.ACCEPTED, PriorityStatus.DELIVERED)
_EPS = 1e-9


@dataclass(frozen=True)
class CapacityFit:
    quarter: str
    total_weeks: float | None
    product_share: float | None
    engineering_share: float | None
    accepted_product_weeks: float
    accepted_engineering_weeks: float
    product_fits: bool | None
    engineering_fits: bool | None
    fits: bool | None  # both sides fit; None without a plan
    product_over_weeks: float
    engineering_over_weeks: float
    engineering_actual_share: float | None  # % of the accepted weeks that are engineering's
    engineering_squeezed: bool  # engineering's actual share is below the agreed share

    def budget(self, side: Side) -> float | None:
        if self.total_weeks is None:
            return None
        share = self.product_share if side is Side.PRODUCT else self.engineering_share
        return None if share is None else self.total_weeks * share / 100.0

    def used(self, side: Side) -> float:
        return self.accepted_product_weeks if side is Side.PRODUCT else self.accepted_engineering_weeks

    def over(self, side: Side) -> float:
        return self.product_over_weeks if side is Side.PRODUCT else self.engineering_over_weeks

    def side_fits(self, side: Side) -> bool | None:
        return self.product_fits if side is Side.PRODUCT else self.engineering_fits


def counted(priorities: Iterable[Priority], quarter: str) -> list[Priority]:
    return [p for p in priorities if p.status in COUNTED and p.quarter == quarter]


def capacity_fit(plan: CapacityPlan | None, priorities: Iterable[Priority], quarter: str) -> CapacityFit:
    items = counted(priorities, quarter)
    used = {side: round(sum(p.effort_weeks or 0.0 for p in items if p.side is side), 6) for side in Side}
    total_used = used[Side.PRODUCT] + used[Side.ENGINEERING]
    actual = None if total_used <= 0 else 100.0 * used[Side.ENGINEERING] / total_used
    if plan is None:
        return CapacityFit(quarter, None, None, None, used[Side.PRODUCT], used[Side.ENGINEERING], None, None, None,
                           0.0, 0.0, actual, False)
    budget = {Side.PRODUCT: plan.total_weeks * plan.product_share / 100.0,
              Side.ENGINEERING: plan.total_weeks * plan.engineering_share / 100.0}
    fits = {side: used[side] <= budget[side] + _EPS for side in Side}
    over = {side: 0.0 if fits[side] else round(used[side] - budget[side], 6) for side in Side}
    squeezed = actual is not None and actual + _EPS < plan.engineering_share
    return CapacityFit(quarter, plan.total_weeks, plan.product_share, plan.engineering_share,
                       used[Side.PRODUCT], used[Side.ENGINEERING], fits[Side.PRODUCT], fits[Side.ENGINEERING],
                       fits[Side.PRODUCT] and fits[Side.ENGINEERING], over[Side.PRODUCT], over[Side.ENGINEERING],
                       actual, squeezed)


def deferral_suggestions(fit: CapacityFit, priorities: Sequence[Priority], side: Side,
                         ranks: dict[int, int | None]) -> list[Priority]:
    """The lowest-ranked accepted items of an over-committed side whose deferral makes it fit.

    Takes accepted (not delivered) items of the side from the lowest rank up (unranked first, as the
    least supported), until the side's sum is within its budget. Empty when the side fits or no plan."""
    if fit.side_fits(side) is not False:
        return []
    over = fit.over(side)
    candidates = [p for p in counted(priorities, fit.quarter)
                  if p.side is side and p.status is PriorityStatus.ACCEPTED and (p.effort_weeks or 0) > 0]
    candidates.sort(key=lambda p: (ranks.get(p.id) is not None, -(ranks.get(p.id) or 0), p.title))
    chosen, freed = [], 0.0
    for p in candidates:
        if freed + _EPS >= over:
            break
        chosen.append(p)
        freed += p.effort_weeks or 0.0
    return chosen


@dataclass(frozen=True)
class SideReview:
    side: Side
    planned_weeks: float | None
    accepted_weeks: float  # accepted, not yet delivered
    delivered_weeks: float


def plan_vs_actual(plan: CapacityPlan | None, priorities: Iterable[Priority], quarter: str) -> list[SideReview]:
    """For the quarterly review: per side, the weeks the plan gave it, and the weeks accepted and delivered."""
    items = counted(priorities, quarter)
    out = []
    for side in Side:
        mine = [p for p in items if p.side is side]
        share = None if plan is None else (plan.product_share if side is Side.PRODUCT else plan.engineering_share)
        out.append(SideReview(
            side, None if plan is None or share is None else plan.total_weeks * share / 100.0,
            round(sum(p.effort_weeks or 0 for p in mine if p.status is PriorityStatus.ACCEPTED), 6),
            round(sum(p.effort_weeks or 0 for p in mine if p.status is PriorityStatus.DELIVERED), 6)))
    return out
