"""Field rules, the cases the mutation run found untested: optional fields may be empty, what the statement and
notes checks give back, both sides of every limit."""
from __future__ import annotations

import datetime as dt

import pytest

from tension_desk.domain import limits
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.domain.validation import (
    ValidationError,
    check_line,
    check_text,
    parse_date,
    parse_effort,
    parse_side,
    validate_notes,
    validate_priority,
    validate_session_title,
    validate_statement,
)


def test_an_optional_field_may_be_empty_and_a_required_one_may_not():
    assert check_line("  ", "the link", limits.LINK) == ""
    assert check_text(None, "the description", limits.TEXT) == ""
    with pytest.raises(ValidationError, match=r"^the title is empty$"):
        check_line("  ", "the title", limits.TITLE, required=True)
    with pytest.raises(ValidationError, match=r"^the statement of the tension is empty$"):
        validate_statement(" \n ")


def test_the_statement_comes_back_trimmed_and_notes_come_back_exactly_as_typed():
    assert validate_statement("  Ship SSO\r\nor fix the DB  ") == "Ship SSO\nor fix the DB"
    assert validate_notes("  notes\r\n  ") == "  notes\n  "


@pytest.mark.parametrize(("field", "limit"), [("title", limits.TITLE), ("link", limits.LINK),
                                              ("description", limits.TEXT)])
def test_a_priority_field_at_its_limit_is_kept_and_one_character_more_is_refused(field, limit):
    at = validate_priority(PriorityDraft(**{"title": "T", "side": Side.PRODUCT, field: "x" * limit}))
    assert len(getattr(at, field)) == limit
    with pytest.raises(ValidationError, match=f"the {field} is {limit + 1:,} characters long; at most {limit:,}"):
        validate_priority(PriorityDraft(**{"title": "T", "side": Side.PRODUCT, field: "x" * (limit + 1)}))


def test_an_effort_from_0_up_to_the_limit_is_kept_and_beyond_either_end_is_refused():
    assert parse_effort("0") == 0.0
    assert parse_effort(limits.EFFORT_WEEKS) == limits.EFFORT_WEEKS
    with pytest.raises(ValueError, match=r"'-0.01' is negative"):
        parse_effort("-0.01")
    with pytest.raises(ValueError, match=r"is more than 10,000 person-weeks"):
        parse_effort("10000.01")


def test_delivery_on_the_day_of_the_idea_is_fine_and_the_day_before_is_refused():
    day = dt.date(2026, 5, 1)
    same = validate_priority(PriorityDraft(title="T", side=Side.PRODUCT, idea_date=day, delivered_date=day))
    assert same.delivered_date == day
    with pytest.raises(ValidationError, match=r"the delivered date is before the idea date"):
        validate_priority(PriorityDraft(title="T", side=Side.PRODUCT, idea_date=day,
                                        delivered_date=day - dt.timedelta(days=1)))


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e400"])
def test_an_effort_that_is_not_a_finite_number_is_refused(text):
    with pytest.raises(ValueError, match=f"effort_weeks '{text}' is not a finite number"):
        parse_effort(text)


def test_an_effort_is_kept_to_two_decimals():
    assert parse_effort(" 1.234 ") == 1.23
    assert validate_priority(PriorityDraft(title="T", side=Side.PRODUCT, effort_weeks=1.234)).effort_weeks == 1.23
    with pytest.raises(ValidationError, match=r"effort_weeks -1.0 is negative"):
        validate_priority(PriorityDraft(title="T", side=Side.PRODUCT, effort_weeks=-1.0))


def test_a_date_is_read_with_spaces_around_it_and_an_empty_one_is_no_date():
    assert parse_date(" 2026-05-01 ", "idea_date") == dt.date(2026, 5, 1)
    assert parse_date(None, "idea_date") is None
    assert parse_date("  ", "idea_date") is None
    with pytest.raises(ValueError, match=r"^idea_date '1/5/2026' is not a date like 2026-11-24$"):
        parse_date("1/5/2026", "idea_date")


def test_a_side_is_read_in_any_case_and_a_missing_one_is_refused_by_name():
    assert parse_side(" Product ") is Side.PRODUCT
    assert parse_side("ENGINEERING") is Side.ENGINEERING
    with pytest.raises(ValueError, match=r"^side None must be product or engineering$"):
        parse_side(None)


def test_a_priority_and_a_session_need_a_title():
    with pytest.raises(ValidationError, match=r"^the title is empty$"):
        validate_priority(PriorityDraft(title="  ", side=Side.PRODUCT))
    with pytest.raises(ValidationError, match=r"^the session title is empty$"):
        validate_session_title("  ")
