"""Capacity fit, checked by hand, with the edge cases."""
import pytest

from tension_desk.domain.capacity import capacity_fit, deferral_suggestions
from tension_desk.domain.model import CapacityPlan, Priority, PriorityStatus, Side

A, D, P = PriorityStatus.ACCEPTED, PriorityStatus.DELIVERED, PriorityStatus.PROPOSED


def pr(i, side, weeks, status=A, quarter="2026-Q4"):
    return Priority(id=i, title=f"T{i}", side=side, effort_weeks=weeks, status=status, quarter=quarter)


PLAN = CapacityPlan("2026-Q4", 100, 70, 30)


def test_fit_by_hand():
    items = [pr(1, Side.PRODUCT, 40), pr(2, Side.PRODUCT, 25, D), pr(3, Side.ENGINEERING, 20),
             pr(4, Side.ENGINEERING, 99, P),            # proposed: not counted
             pr(5, Side.PRODUCT, 50, A, "2026-Q3"),      # another quarter: not counted
             pr(6, Side.ENGINEERING, None)]              # no estimate: 0 weeks
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert (fit.accepted_product_weeks, fit.accepted_engineering_weeks) == (65, 20)
    assert fit.product_fits and fit.engineering_fits and fit.fits
    assert fit.engineering_actual_share == pytest.approx(100 * 20 / 85)   # 23.5% < 30%: squeezed
    assert fit.engineering_squeezed


def test_over_by_how_much_and_what_to_defer():
    items = [pr(1, Side.PRODUCT, 40), pr(2, Side.PRODUCT, 25), pr(3, Side.PRODUCT, 15), pr(4, Side.ENGINEERING, 30)]
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert fit.product_fits is False and fit.product_over_weeks == 10 and fit.fits is False
    # engineering uses exactly its 30 weeks and fits, yet its share of the work is 30/110 = 27% < 30%
    assert fit.engineering_fits and fit.engineering_squeezed
    ranks = {1: 1, 2: 3, 3: 2, 4: 4}
    # lowest rank first: item 2 (rank 3, 25 weeks) alone frees enough
    assert [p.id for p in deferral_suggestions(fit, items, Side.PRODUCT, ranks)] == [2]
    assert deferral_suggestions(fit, items, Side.ENGINEERING, ranks) == []


def test_no_plan_and_zero_capacity():
    items = [pr(1, Side.PRODUCT, 5)]
    none = capacity_fit(None, items, "2026-Q4")
    assert none.fits is None and none.total_weeks is None and none.accepted_product_weeks == 5
    zero = capacity_fit(CapacityPlan("2026-Q4", 0, 70, 30), items, "2026-Q4")
    assert zero.product_fits is False and zero.product_over_weeks == 5
    empty = capacity_fit(CapacityPlan("2026-Q4", 0, 70, 30), [], "2026-Q4")
    assert empty.fits and empty.engineering_actual_share is None and not empty.engineering_squeezed
