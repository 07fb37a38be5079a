"""Quarters as the leaders write them (``2026-Q4``): parsing, the quarter of a day, its first day, the next and
the previous quarter."""
import datetime as dt

import pytest

from tension_desk.domain.quarters import (
    next_quarter,
    normalise_quarter,
    parse_quarter,
    previous_quarter,
    quarter_of,
    quarter_start,
)


@pytest.mark.parametrize(("day", "quarter"), [
    (dt.date(2026, 1, 1), "2026-Q1"), (dt.date(2026, 3, 31), "2026-Q1"),
    (dt.date(2026, 4, 1), "2026-Q2"), (dt.date(2026, 6, 30), "2026-Q2"),
    (dt.date(2026, 7, 1), "2026-Q3"), (dt.date(2026, 9, 30), "2026-Q3"),
    (dt.date(2026, 10, 1), "2026-Q4"), (dt.date(2026, 12, 31), "2026-Q4"),
])
def test_a_day_belongs_to_its_quarter_on_both_sides_of_every_quarter_boundary(day, quarter):
    assert quarter_of(day) == quarter


def test_a_quarter_is_read_in_any_case_and_with_spaces_around_it():
    assert parse_quarter("2026-Q4") == (2026, 4)
    assert parse_quarter(" 2027-q1 ") == (2027, 1)
    assert normalise_quarter(" 2027-q1 ") == "2027-Q1"


@pytest.mark.parametrize("text", ["2026-Q0", "2026-Q5", "26-Q4", "2026Q4", "2026-Q4x", "Q4-2026", ""])
def test_a_quarter_that_is_not_one_is_refused_with_an_example(text):
    with pytest.raises(ValueError, match=r"is not a quarter; write it like 2026-Q4"):
        parse_quarter(text)


@pytest.mark.parametrize(("quarter", "first_day"), [
    ("2026-Q1", dt.date(2026, 1, 1)), ("2026-Q2", dt.date(2026, 4, 1)),
    ("2026-Q3", dt.date(2026, 7, 1)), ("2026-Q4", dt.date(2026, 10, 1)),
])
def test_a_quarter_starts_on_the_first_day_of_its_first_month(quarter, first_day):
    assert quarter_start(quarter) == first_day
    assert quarter_of(first_day) == quarter
    assert quarter_of(first_day - dt.timedelta(days=1)) == previous_quarter(quarter)


@pytest.mark.parametrize(("quarter", "following"), [
    ("2026-Q1", "2026-Q2"), ("2026-Q2", "2026-Q3"), ("2026-Q3", "2026-Q4"), ("2026-Q4", "2027-Q1"),
])
def test_next_and_previous_quarter_step_over_the_new_year(quarter, following):
    assert next_quarter(quarter) == following
    assert previous_quarter(following) == quarter


def test_next_and_previous_quarter_accept_what_the_user_typed():
    assert next_quarter(" 2026-q4") == "2027-Q1"
    assert previous_quarter("2027-q1 ") == "2026-Q4"
    with pytest.raises(ValueError, match=r"'2026-Q9' is not a quarter"):
        next_quarter("2026-Q9")
    with pytest.raises(ValueError, match=r"'2026-Q9' is not a quarter"):
        previous_quarter("2026-Q9")
