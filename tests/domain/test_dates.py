"""Dates as every document writes them: 17 Nov 2026, the same in every locale."""
import datetime as dt

import pytest

from tension_desk.domain.dates import day


@pytest.mark.parametrize(("d", "text"), [
    (dt.date(2026, 11, 17), "17 Nov 2026"),
    (dt.date(2026, 1, 1), "1 Jan 2026"),      # the first month, and no padded day
    (dt.date(2025, 12, 31), "31 Dec 2025"),   # the last month
    (dt.date(2027, 2, 9), "9 Feb 2027"),
])
def test_a_day_is_written_day_month_year_with_the_month_it_falls_in(d, text):
    assert day(d) == text


def test_no_date_is_written_as_the_placeholder_given_or_as_nothing():
    assert day(None) == ""
    assert day(None, "not set") == "not set"
    assert day(dt.date(2026, 3, 4), "not set") == "4 Mar 2026"
