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
    parse_effort,
    validate_notes,
    validate_priority,
    validate_statement,
)


def test_an_optional_field_may_be_empty_and_a_required_one_may_not():
    assert check_line("  ", "the link", limits.LINK) == ""
    assert check_text(None, "the description", limits.TEXT) == ""
    with pytest.raises(ValidationError, match="^the title is empty$"):
        check_line("  ", "the title", limits.TITLE, required=True)
    with pytest.raises(ValidationError, match="^the statement of the tension is empty$"):
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
    with pytest.raises(ValueError, match="'-0.01' is negative"):
        parse_effort("-0.01")
    with pytest.raises(ValueError, match="is more than 10,000 person-weeks"):
        parse_effort("10000.01")


def test_delivery_on_the_day_of_the_idea_is_fine_and_the_day_before_is_refused():
    day = dt.date(2026, 5, 1)
    same = validate_priority(PriorityDraft(title="T", side=Side.PRODUCT, idea_date=day, delivered_date=day))
    assert same.delivered_date == day
    with pytest.raises(ValidationError, match="the delivered date is before the idea date"):
        validate_priority(PriorityDraft(title="T", side=Side.PRODUCT, idea_date=day,
                                        delivered_date=day - dt.timedelta(days=1)))
