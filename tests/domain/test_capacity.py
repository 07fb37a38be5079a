"""Capacity fit, checked by hand, with the edge cases."""
import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tension_desk.domain.capacity import (
    CapacityFit,
    SideReview,
    capacity_fit,
    capacity_verdict,
    deferral_suggestions,
    fits_budget,
    plan_vs_actual,
    side_verdict,
    squeeze_warning,
)
from tension_desk.domain.model import CapacityPlan, Priority, PriorityStatus, Side

A, D, P = PriorityStatus.ACCEPTED, PriorityStatus.DELIVERED, PriorityStatus.PROPOSED
R, X = PriorityStatus.REJECTED, PriorityStatus.DEFERRED


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


# -- more hand-checked numbers and edge cases ------------------------------------------------------------

def test_the_sample_quarters_by_hand():
    # Q3 of the sample: 120 weeks at 70/30; product 6 + 5 + 3 delivered, engineering 3 delivered
    q3 = capacity_fit(CapacityPlan("2026-Q3", 120, 70, 30),
                      [pr(1, Side.PRODUCT, 6, D, "2026-Q3"), pr(2, Side.PRODUCT, 5, D, "2026-Q3"),
                       pr(3, Side.PRODUCT, 3, D, "2026-Q3"), pr(4, Side.ENGINEERING, 3, D, "2026-Q3"),
                       pr(5, Side.ENGINEERING, 14, X, None)], "2026-Q3")
    assert isinstance(q3, CapacityFit)
    assert (q3.quarter, q3.total_weeks, q3.product_share, q3.engineering_share) == ("2026-Q3", 120, 70, 30)
    assert (q3.accepted_product_weeks, q3.accepted_engineering_weeks) == (14, 3)
    assert q3.fits is True and q3.product_over_weeks == 0 and q3.engineering_over_weeks == 0
    assert q3.engineering_actual_share == pytest.approx(100 * 3 / 17)  # 17.6% against 30% agreed
    assert q3.engineering_squeezed is True
    assert (q3.budget(Side.PRODUCT), q3.budget(Side.ENGINEERING)) == (84, 36)


def test_only_accepted_and_delivered_of_that_quarter_count():
    items = [pr(1, Side.PRODUCT, 1, A), pr(2, Side.PRODUCT, 2, D), pr(3, Side.PRODUCT, 4, P), pr(4, Side.PRODUCT, 8, X),
             pr(5, Side.PRODUCT, 16, R), pr(6, Side.PRODUCT, 32, A, None), pr(7, Side.PRODUCT, 64, A, "2027-Q1"),
             pr(8, Side.ENGINEERING, 0.5, A), pr(9, Side.ENGINEERING, None, D)]
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert (fit.accepted_product_weeks, fit.accepted_engineering_weeks) == (3, 0.5)
    assert fit.engineering_actual_share == pytest.approx(100 * 0.5 / 3.5)


def test_exactly_at_the_budget_fits_and_a_little_over_does_not():
    at = capacity_fit(PLAN, [pr(1, Side.PRODUCT, 70), pr(2, Side.ENGINEERING, 30)], "2026-Q4")
    assert at.fits and at.product_over_weeks == 0 and at.engineering_over_weeks == 0
    assert at.engineering_actual_share == pytest.approx(30) and not at.engineering_squeezed  # equal is not below
    over = capacity_fit(PLAN, [pr(1, Side.PRODUCT, 70.25), pr(2, Side.ENGINEERING, 30.5)], "2026-Q4")
    assert over.product_fits is False and over.engineering_fits is False and over.fits is False
    assert (over.product_over_weeks, over.engineering_over_weeks) == (0.25, 0.5)


def test_float_noise_does_not_make_a_side_over():
    # 0.1 + 0.2 is 0.30000000000000004 in floating point; 1 week × 30% is 0.3
    fit = capacity_fit(CapacityPlan("2026-Q4", 1, 70, 30),
                       [pr(1, Side.ENGINEERING, 0.1), pr(2, Side.ENGINEERING, 0.2)], "2026-Q4")
    assert fit.engineering_fits and fit.engineering_over_weeks == 0
    assert fit.accepted_engineering_weeks == 0.3


def test_zero_capacity_fits_nothing_with_effort():
    zero = CapacityPlan("2026-Q4", 0, 70, 30)
    fit = capacity_fit(zero, [pr(1, Side.PRODUCT, 2), pr(2, Side.ENGINEERING, 0.5)], "2026-Q4")
    assert (fit.product_fits, fit.engineering_fits, fit.fits) == (False, False, False)
    assert (fit.product_over_weeks, fit.engineering_over_weeks) == (2, 0.5)
    free = capacity_fit(zero, [pr(1, Side.PRODUCT, 0), pr(2, Side.ENGINEERING, None)], "2026-Q4")
    assert free.fits is True  # nothing with effort: it fits even in no weeks
    assert free.engineering_actual_share is None and free.engineering_squeezed is False


def test_a_side_with_no_share_fits_only_effortless_work():
    plan = CapacityPlan("2026-Q4", 100, 100, 0)
    fit = capacity_fit(plan, [pr(1, Side.PRODUCT, 100), pr(2, Side.ENGINEERING, 1)], "2026-Q4")
    assert fit.product_fits and fit.engineering_fits is False and fit.engineering_over_weeks == 1
    assert fit.engineering_squeezed is False  # 1% of the work against an agreed 0%


def test_engineering_share_of_one_side_only():
    product_only = capacity_fit(PLAN, [pr(1, Side.PRODUCT, 10)], "2026-Q4")
    assert product_only.engineering_actual_share == 0 and product_only.engineering_squeezed
    engineering_only = capacity_fit(PLAN, [pr(1, Side.ENGINEERING, 10)], "2026-Q4")
    assert engineering_only.engineering_actual_share == 100 and not engineering_only.engineering_squeezed


def test_without_a_plan_every_verdict_is_unknown():
    fit = capacity_fit(None, [pr(1, Side.PRODUCT, 5), pr(2, Side.ENGINEERING, 5)], "2026-Q4")
    assert (fit.total_weeks, fit.product_share, fit.engineering_share) == (None, None, None)
    assert (fit.product_fits, fit.engineering_fits, fit.fits) == (None, None, None)
    assert (fit.product_over_weeks, fit.engineering_over_weeks) == (0, 0)
    assert fit.engineering_actual_share == 50 and fit.engineering_squeezed is False  # no agreed share to fall below
    assert fit.budget(Side.PRODUCT) is None


def test_priorities_may_be_any_iterable():
    fit = capacity_fit(PLAN, (pr(i, Side.PRODUCT, 1) for i in range(3)), "2026-Q4")
    assert fit.accepted_product_weeks == 3


@pytest.mark.parametrize("side", list(Side))
def test_a_side_far_over_its_budget_does_not_fit(side):
    # 80 weeks against a budget of 30 (engineering) or 70 (product): both leaders' sides are checked alike
    budget = 70 if side is Side.PRODUCT else 30
    fit = capacity_fit(PLAN, [pr(1, side, 80)], "2026-Q4")
    assert fit.side_fits(side) is False and fit.side_fits(side.other) is True and fit.fits is False
    assert (fit.budget(side), fit.used(side), fit.over(side)) == (budget, 80, 80 - budget)
    assert (fit.used(side.other), fit.over(side.other)) == (0, 0)


def test_budget_and_used_per_side_read_the_right_side():
    fit = capacity_fit(CapacityPlan("2026-Q4", 40, 75, 25), [pr(1, Side.PRODUCT, 12), pr(2, Side.ENGINEERING, 3)],
                       "2026-Q4")
    assert (fit.budget(Side.PRODUCT), fit.budget(Side.ENGINEERING)) == (30, 10)
    assert (fit.used(Side.PRODUCT), fit.used(Side.ENGINEERING)) == (12, 3)
    assert (fit.side_fits(Side.PRODUCT), fit.side_fits(Side.ENGINEERING)) == (True, True)


def test_engineering_exactly_at_its_share_is_not_squeezed_despite_float_noise():
    # 2.3 of 5 weeks is 46 %, which floating point computes as 45.99999999999999
    fit = capacity_fit(CapacityPlan("2026-Q4", 10, 54, 46),
                       [pr(1, Side.PRODUCT, 2.7), pr(2, Side.ENGINEERING, 2.3)], "2026-Q4")
    assert fit.engineering_actual_share == pytest.approx(46)
    assert fit.engineering_squeezed is False
    below = capacity_fit(CapacityPlan("2026-Q4", 10, 54, 46),
                         [pr(1, Side.PRODUCT, 2.8), pr(2, Side.ENGINEERING, 2.2)], "2026-Q4")
    assert below.engineering_squeezed is True  # 44 % against 46 %


@pytest.mark.parametrize("side", list(Side))
def test_unranked_items_are_suggested_for_deferral_first(side):
    # the budget is 70 (product) or 30 (engineering); 4 weeks over
    budget = 70 if side is Side.PRODUCT else 30
    items = [pr(1, side, budget - 6, quarter="2026-Q4"), pr(2, side, 5), pr(3, side, 5)]
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert fit.over(side) == 4
    # item 3 is ranked last (3) but item 2 has no rank at all: it is the least supported
    assert [p.id for p in deferral_suggestions(fit, items, side, {1: 1, 3: 3})] == [2]
    # among ranked items the lowest rank goes first
    assert [p.id for p in deferral_suggestions(fit, items, side, {1: 1, 2: 2, 3: 3})] == [3]
    # unranked items among themselves: by title (T1 first, and its weeks alone free enough)
    assert [p.id for p in deferral_suggestions(fit, items, side, {})] == [1]


def test_deferral_adds_items_until_the_overage_is_freed():
    items = [pr(1, Side.PRODUCT, 70), pr(2, Side.PRODUCT, 9.5), pr(3, Side.PRODUCT, 0.5), pr(4, Side.PRODUCT, 8)]
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert fit.product_over_weeks == 18
    ranks = {1: 1, 2: 4, 3: 3, 4: 2}
    # 9.5 frees too little, 9.5 + 0.5 = 10 still too little, + 8 = 18 is exactly the overage
    assert [p.id for p in deferral_suggestions(fit, items, Side.PRODUCT, ranks)] == [2, 3, 4]


def test_deferral_stops_when_the_overage_is_freed_despite_float_noise():
    # engineering: 30 + 0.7 + 0.1 against 30 → 0.8 over; 0.7 + 0.1 is 0.7999999999999999 in floating point
    items = [pr(1, Side.ENGINEERING, 30), pr(2, Side.ENGINEERING, 0.7), pr(3, Side.ENGINEERING, 0.1)]
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert fit.engineering_over_weeks == 0.8
    assert [p.id for p in deferral_suggestions(fit, items, Side.ENGINEERING, {1: 1, 2: 3, 3: 2})] == [2, 3]


def test_deferral_suggests_only_accepted_items_with_effort():
    items = [pr(1, Side.PRODUCT, 60, D), pr(2, Side.PRODUCT, 20), pr(3, Side.PRODUCT, 0), pr(4, Side.PRODUCT, None)]
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert fit.product_over_weeks == 10
    # delivered work cannot be deferred; items without effort free nothing, even unranked (first in line)
    assert [p.id for p in deferral_suggestions(fit, items, Side.PRODUCT, {2: 1})] == [2]
    assert deferral_suggestions(capacity_fit(None, items, "2026-Q4"), items, Side.PRODUCT, {}) == []


def test_plan_vs_actual_per_side_by_hand():
    items = [pr(1, Side.PRODUCT, 10), pr(2, Side.PRODUCT, 4.5, D), pr(3, Side.PRODUCT, None, D),
             pr(8, Side.PRODUCT, None),  # no estimate, accepted: 0 weeks
             pr(4, Side.ENGINEERING, 6), pr(5, Side.ENGINEERING, 2, D), pr(6, Side.ENGINEERING, 50, P),
             pr(7, Side.ENGINEERING, 7, D, "2026-Q3")]
    review = plan_vs_actual(CapacityPlan("2026-Q4", 40, 75, 25), items, "2026-Q4")
    assert review == [SideReview(Side.PRODUCT, 30, 10, 4.5), SideReview(Side.ENGINEERING, 10, 6, 2)]
    without = plan_vs_actual(None, items, "2026-Q4")
    assert without == [SideReview(Side.PRODUCT, None, 10, 4.5), SideReview(Side.ENGINEERING, None, 6, 2)]


def test_a_capacity_verdict_cannot_be_changed_after_the_fact():
    fit = capacity_fit(PLAN, [], "2026-Q4")
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'fits'"):
        fit.fits = False  # type: ignore[misc]
    review = plan_vs_actual(PLAN, [], "2026-Q4")[0]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'planned_weeks'"):
        review.planned_weeks = 1  # type: ignore[misc]


weeks = st.one_of(st.none(), st.integers(0, 40).map(lambda q: q / 4))  # quarter-week steps, as people plan
items_strategy = st.lists(st.tuples(st.sampled_from(list(Side)), weeks, st.sampled_from(list(PriorityStatus)),
                                    st.sampled_from(["2026-Q4", "2026-Q3", None])), max_size=12)


@settings(deadline=None)
@given(items_strategy, st.integers(0, 400), st.integers(0, 100))
def test_fit_matches_its_definition(rows, total, product_share):
    plan = CapacityPlan("2026-Q4", total, product_share, 100 - product_share)
    items = [pr(i, side, w, status, q) for i, (side, w, status, q) in enumerate(rows)]
    fit = capacity_fit(plan, items, "2026-Q4")
    counted_weeks = {side: sum(w or 0 for s, w, status, q in rows
                               if s is side and q == "2026-Q4" and status in (A, D)) for side in Side}
    assert fit.accepted_product_weeks == pytest.approx(counted_weeks[Side.PRODUCT])
    assert fit.accepted_engineering_weeks == pytest.approx(counted_weeks[Side.ENGINEERING])
    for side, share, fits, over in ((Side.PRODUCT, product_share, fit.product_fits, fit.product_over_weeks),
                                    (Side.ENGINEERING, 100 - product_share, fit.engineering_fits,
                                     fit.engineering_over_weeks)):
        budget = total * share / 100
        assert fits is (counted_weeks[side] <= budget)  # quarter weeks and whole percents: exact in binary
        assert over == pytest.approx(max(0.0, counted_weeks[side] - budget))
    assert fit.fits is (fit.product_fits and fit.engineering_fits)
    used = counted_weeks[Side.PRODUCT] + counted_weeks[Side.ENGINEERING]
    if used == 0:
        assert fit.engineering_actual_share is None and not fit.engineering_squeezed
    else:
        assert fit.engineering_actual_share == pytest.approx(100 * counted_weeks[Side.ENGINEERING] / used)
        assert fit.engineering_squeezed is (100 * counted_weeks[Side.ENGINEERING] / used < 100 - product_share - 1e-9)


# -- the verdict: the one wording of the Capacity tab and every document -------------------------------------
def month(product, engineering, plan=PLAN):
    return capacity_fit(plan, [pr(1, Side.PRODUCT, product), pr(2, Side.ENGINEERING, engineering)], "2026-Q4")


def test_without_a_plan_the_verdict_gives_the_weeks_accepted_and_checks_nothing():
    fit = month(12.5, 4, plan=None)
    assert capacity_verdict(fit) == ("Accepted so far: product 12.5 weeks, engineering 4 weeks. "
                                     "Without a plan nothing can be checked.")
    assert squeeze_warning(fit) == ""


def test_a_month_that_fits_with_engineering_at_its_share_says_so_and_warns_of_nothing():
    fit = month(70, 30)  # engineering exactly at its 30 %: not squeezed
    assert capacity_verdict(fit) == "✓ This month's decisions fit the agreed split."
    assert capacity_verdict(fit, closed=True) == "✓ The 2026-Q4 decisions fitted the agreed split."
    assert squeeze_warning(fit) == ""


def test_a_fit_that_squeezes_engineering_never_reads_as_a_plain_fit():
    fit = month(65, 20)  # 20 of 85 weeks: 23.5 % against 30 %
    assert capacity_verdict(fit) == "⚠ This month's decisions fit the totals, but platform work is being squeezed."
    assert capacity_verdict(fit, closed=True) == ("⚠ The 2026-Q4 decisions fitted the totals, but platform work "
                                                  "was squeezed.")
    assert squeeze_warning(fit) == "Engineering's actual share is 24% of the accepted work, below the agreed 30%."
    assert squeeze_warning(fit, closed=True) == ("Engineering's actual share was 24% of the accepted work, below "
                                                 "the agreed 30%.")


def test_product_over_its_share_is_named_with_the_weeks_over_and_the_squeeze_it_causes():
    fit = month(80.5, 30)  # product 10.5 over; engineering 30 of 110.5 weeks: squeezed
    assert capacity_verdict(fit) == ("✗ This month's decisions do not fit the split: product is over by 10.5 weeks; "
                                     "platform work is being squeezed.")


def test_engineering_over_its_share_is_named_and_both_over_are_both_named():
    assert capacity_verdict(month(10, 40)) == ("✗ This month's decisions do not fit the split: engineering is over "
                                               "by 10 weeks.")
    assert capacity_verdict(month(10, 40), closed=True) == ("✗ The 2026-Q4 decisions did not fit the split: "
                                                            "engineering was over by 10 weeks.")
    assert capacity_verdict(month(80, 41)) == ("✗ This month's decisions do not fit the split: product is over by "
                                               "10 weeks and engineering is over by 11 weeks.")


def test_a_side_fits_up_to_its_budget_and_is_worded_fits_over_by_or_no_plan():
    assert fits_budget(30, 30) and not fits_budget(30.001, 30)
    assert side_verdict(True, 0.0) == "fits"
    assert side_verdict(False, 10.5) == "over by 10.5 weeks"
    assert side_verdict(None, 0.0) == "no plan"


def test_each_side_of_a_plan_gets_its_own_verdict_over_only_on_the_side_that_is_over():
    items = [pr(1, Side.PRODUCT, 80), pr(2, Side.ENGINEERING, 30)]
    fit = capacity_fit(PLAN, items, "2026-Q4")
    assert fit.side_verdict(Side.PRODUCT) == "over by 10 weeks"
    assert fit.side_verdict(Side.ENGINEERING) == "fits"
    flipped = capacity_fit(PLAN, [pr(1, Side.PRODUCT, 70), pr(2, Side.ENGINEERING, 35)], "2026-Q4")
    assert flipped.side_verdict(Side.PRODUCT) == "fits"
    assert flipped.side_verdict(Side.ENGINEERING) == "over by 5 weeks"
    assert capacity_fit(None, items, "2026-Q4").side_verdict(Side.ENGINEERING) == "no plan"


def test_a_sum_of_estimates_off_by_a_rounding_error_still_fits_its_budget():
    # 0.1 + 0.2 weeks is 0.30000000000000004 in floating point: a side exactly at its budget up to the
    # tolerance fits, and one a hair beyond the tolerance does not.
    assert fits_budget(0.1 + 0.2, 0.3)
    assert fits_budget(30 + 1e-9, 30)
    assert not fits_budget(30 + 1e-6, 30)
