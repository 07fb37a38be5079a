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

    def side_verdict(self, side: Side) -> str:
        return side_verdict(self.side_fits(side), self.over(side))


def fits_budget(used: float, budget: float) -> bool:
    """The one rule for a side: its accepted weeks are at most its budget (total × its share)."""
    return used <= budget + _EPS


def side_verdict(fits: bool | None, over: float) -> str:
    """The one wording of a side against its budget (``fits_budget``; None without a plan): "fits",
    "over by N weeks" or "no plan". The gauge on screen and in the PDF, the documents' capacity lines and the
    decision evidence say it so."""
    if fits is None:
        return "no plan"
    return "fits" if fits else f"over by {over:g} weeks"


def plan_wording(total_weeks: float, product_share: float, engineering_share: float) -> str:
    """The one wording of a quarter's plan: "120 person-weeks · ● product 70% · ▲ engineering 30%". The
    Capacity tab, the quarterly review (screen and PDF) and the session documents each put it in their line."""
    shares = {Side.PRODUCT: product_share, Side.ENGINEERING: engineering_share}
    return " · ".join([f"{total_weeks:g} person-weeks",
                       *(f"{side.marker} {side.label.lower()} {shares[side]:g}%" for side in Side)])


def capacity_verdict(fit: CapacityFit, closed: bool = False) -> str:
    """The one verdict on the split: fit or not, and the squeeze, so a "fits" never stands above a squeeze.
    An open session speaks of this month's decisions; a closed one of its quarter's, in the past tense.
    The one wording of the Capacity tab and of every document."""
    if fit.fits is None:
        return (f"Accepted so far: product {fit.accepted_product_weeks:g} weeks, engineering "
                f"{fit.accepted_engineering_weeks:g} weeks. Without a plan nothing can be checked.")
    whose = f"The {fit.quarter} decisions" if closed else "This month's decisions"
    squeezed = fit.engineering_squeezed and fit.engineering_share is not None
    squeeze = f"platform work {'was' if closed else 'is being'} squeezed"
    if fit.fits:
        if squeezed:
            return f"⚠ {whose} {'fitted' if closed else 'fit'} the totals, but {squeeze}."
        return f"✓ {whose} {'fitted' if closed else 'fit'} the agreed split."
    over = " and ".join(f"{side.label.lower()} {'was' if closed else 'is'} over by {fit.over(side):g} weeks"
                        for side in Side if fit.side_fits(side) is False)
    tail = f"; {squeeze}" if squeezed else ""
    return f"✗ {whose} {'did' if closed else 'do'} not fit the split: {over}{tail}."


def squeeze_warning(fit: CapacityFit, closed: bool = False) -> str:
    """The failure the split exists to prevent, with its numbers ('' when engineering is not squeezed)."""
    if not fit.engineering_squeezed or fit.engineering_share is None or fit.engineering_actual_share is None:
        return ""
    return (f"Engineering's actual share {'was' if closed else 'is'} {fit.engineering_actual_share:.0f}% of the "
            f"accepted work, below the agreed {fit.engineering_share:g}%.")


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
    fits = {side: fits_budget(used[side], budget[side]) for side in Side}
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


PLAN_VS_ACTUAL = ("Side", "Planned weeks", "Accepted (not yet delivered)", "Delivered")
"""The plan-against-actual table's columns, on screen and on paper (``plan_vs_actual``'s fields in order)."""


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
