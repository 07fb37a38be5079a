"""Time from idea to customer value, checked by hand."""
import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tension_desk.domain.model import Priority, PriorityStatus, Side
from tension_desk.domain.outcomes import (
    DeliveredItem,
    QuarterOutcome,
    delivered,
    lead_time_days,
    outcomes_by_quarter,
    slowest,
    trend,
)

D = dt.date


def p(i, idea, delivered, status=PriorityStatus.DELIVERED):
    return Priority(id=i, title=f"P{i}", side=Side.PRODUCT, idea_date=idea, delivered_date=delivered, status=status)


def test_median_per_quarter_of_delivery_by_hand():
    items = [
        p(1, D(2026, 7, 1), D(2026, 8, 1)),    # Q3, 31 days
        p(2, D(2026, 6, 1), D(2026, 9, 30)),   # Q3, 121 days
        p(3, D(2026, 9, 1), D(2026, 9, 11)),   # Q3, 10 days  → median of 10, 31, 121 = 31
        p(4, D(2026, 1, 1), D(2026, 10, 2)),   # Q4, 274 days
        p(5, D(2026, 9, 2), D(2026, 10, 2)),   # Q4, 30 days  → median (30 + 274) / 2 = 152
        p(6, None, D(2026, 11, 2)),            # Q4, no idea date: counted, not timed
        p(7, D(2026, 1, 1), None, PriorityStatus.ACCEPTED),  # not delivered: ignored
    ]
    out = outcomes_by_quarter(items)
    assert [(o.quarter, o.delivered_count, o.median_days) for o in out] == [("2026-Q3", 3, 31.0), ("2026-Q4", 3, 152.0)]
    assert trend(out) == 121.0
    assert [i.priority.id for i in slowest(items, 2)] == [4, 2]


def test_no_dates_no_figures():
    assert outcomes_by_quarter([p(1, None, None, PriorityStatus.PROPOSED)]) == []
    assert trend([]) is None
    assert lead_time_days(p(1, D(2026, 5, 1), D(2026, 4, 1))) is None


def test_an_item_with_a_delivered_date_but_another_status_is_not_counted():
    # e.g. delivered, then reopened as accepted: the date stays, the item is no longer delivered
    items = [p(1, D(2026, 7, 1), D(2026, 8, 1)), p(2, D(2026, 7, 1), D(2026, 8, 1), PriorityStatus.ACCEPTED)]
    assert [i.id for i in delivered(items)] == [1]
    assert [(o.quarter, o.delivered_count) for o in outcomes_by_quarter(items)] == [("2026-Q3", 1)]
    assert [i.priority.id for i in slowest(items)] == [1]


def test_delivered_on_the_day_of_the_idea_is_zero_days_and_a_day_before_is_no_figure():
    assert lead_time_days(p(1, D(2026, 5, 1), D(2026, 5, 1))) == 0
    assert lead_time_days(p(1, D(2026, 5, 1), D(2026, 5, 2))) == 1
    assert lead_time_days(p(1, D(2026, 5, 2), D(2026, 5, 1))) is None
    assert lead_time_days(p(1, None, D(2026, 5, 1))) is None


def test_the_slowest_list_holds_five_by_default_slowest_first_ties_by_title():
    items = [p(i, D(2026, 1, 1), D(2026, 1, 1) + dt.timedelta(days=10 * i)) for i in range(1, 8)]
    items.append(Priority(id=20, title="A tie", side=Side.PRODUCT, idea_date=D(2026, 1, 1),
                          delivered_date=D(2026, 3, 12), status=PriorityStatus.DELIVERED))
    assert [(i.priority.id, i.days) for i in slowest(items)] == [(20, 70), (7, 70), (6, 60), (5, 50), (4, 40)]
    assert [i.priority.id for i in slowest(items, 1)] == [20]


def test_a_single_timed_quarter_has_no_trend_and_a_faster_year_has_a_negative_one():
    one = outcomes_by_quarter([p(1, D(2026, 7, 1), D(2026, 8, 1))])
    assert trend(one) is None
    faster = [QuarterOutcome("2026-Q1", 1, 90.0), QuarterOutcome("2026-Q2", 2, None),
              QuarterOutcome("2026-Q3", 1, 30.0)]
    assert trend(faster) == -60.0


def test_outcomes_cannot_be_changed_after_the_fact():
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'median_days'"):
        QuarterOutcome("2026-Q3", 1, 2.0).median_days = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'days'"):
        DeliveredItem(p(1, None, None), 3).days = 1  # type: ignore[misc]


@given(st.lists(st.tuples(st.dates(D(2020, 1, 1), D(2030, 1, 1)), st.integers(0, 900)), min_size=1, max_size=30))
def test_every_delivered_item_is_counted_once_and_medians_lie_within_the_range(rows):
    items = [p(i, idea, idea + dt.timedelta(days=days)) for i, (idea, days) in enumerate(rows)]
    out = outcomes_by_quarter(items)
    assert sum(o.delivered_count for o in out) == len(items)
    for o in out:
        assert 0 <= o.median_days <= 900


def test_the_slowest_of_a_quarter_are_only_those_delivered_in_it():
    items = [
        p(1, D(2026, 7, 1), D(2026, 8, 1)),    # Q3, 31 days
        p(2, D(2026, 6, 1), D(2026, 9, 30)),   # Q3, 121 days
        p(3, D(2026, 1, 1), D(2026, 10, 2)),   # Q4, 274 days
        p(4, D(2026, 9, 2), D(2026, 10, 2)),   # Q4, 30 days
    ]
    assert [i.priority.id for i in slowest(items, quarter="2026-Q3")] == [2, 1]
    assert [i.priority.id for i in slowest(items, quarter="2026-Q4")] == [3, 4]
    assert slowest(items, quarter="2027-Q1") == []
