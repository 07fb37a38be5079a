"""Every limit on what the app stores (domain/limits.py): the numbers the README and the editors promise, each
one inclusive, so what sits exactly on a limit is kept and one more is refused."""
import pytest

from tension_desk.domain import limits
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.domain.validation import (
    ValidationError,
    parse_effort,
    validate_notes,
    validate_priority,
    validate_session_title,
    validate_statement,
)


def test_a_title_of_200_characters_is_kept_and_201_refused():
    assert validate_session_title("t" * 200) == "t" * 200
    with pytest.raises(ValidationError, match=r"^the session title is 201 characters long; at most 200$"):
        validate_session_title("t" * 201)


def test_a_link_of_2000_characters_is_kept_and_2001_refused():
    assert validate_priority(PriorityDraft(title="T", side=Side.PRODUCT, link="l" * 2000)).link == "l" * 2000
    with pytest.raises(ValidationError, match=r"^the link is 2,001 characters long; at most 2,000$"):
        validate_priority(PriorityDraft(title="T", side=Side.ENGINEERING, link="l" * 2001))


def test_a_statement_of_20000_characters_is_kept_and_20001_refused():
    assert validate_statement("s" * 20_000) == "s" * 20_000
    with pytest.raises(ValidationError,
                       match=r"^the statement of the tension is 20,001 characters long; at most 20,000$"):
        validate_statement("s" * 20_001)


def test_session_notes_of_a_million_characters_are_kept_and_one_more_refused():
    assert len(validate_notes("n" * 1_000_000)) == 1_000_000
    with pytest.raises(ValidationError, match=r"^the session notes is 1,000,001 characters long; at most 1,000,000$"):
        validate_notes("n" * 1_000_001)


def test_an_effort_of_10000_person_weeks_is_kept_and_a_hundredth_more_refused():
    assert parse_effort("10000") == 10_000.0
    with pytest.raises(ValueError, match=r"is more than 10,000 person-weeks"):
        parse_effort("10000.01")


def test_the_limits_the_services_editors_and_workspace_import_apply_are_the_documented_ones():
    assert (limits.LEADER_NAME, limits.LEADER_TITLE, limits.LEADER_COLOUR) == (120, 60, 64)
    assert (limits.CRITERION_NAME, limits.OWNER) == (80, 120)
    assert (limits.EVIDENCE, limits.SEALED_RECORD) == (1_000_000, 50_000_000)  # README "Your data"
    assert limits.WORKSPACE_FILE == 209_715_200  # 200 MB, README "Your data"
    assert (limits.TOTAL_WEEKS, limits.SHARE, limits.WEIGHT) == (100_000, 100, 1000)
    assert limits.SCALE == (0, 9)  # a score is one key press
    assert (limits.CSV_FILE, limits.CSV_ROWS) == (20 * 1024 * 1024, 10_000)  # a CSV to import
    assert (limits.STEP_MINUTES, limits.STEP_SPENT_SECONDS) == (240, 604_800)  # four hours; a week


def test_the_enumerated_fields_hold_the_values_the_store_and_csv_use():
    assert limits.SIDES == ("product", "engineering")
    assert limits.SCORING_TURNS == ("", "product", "engineering")
    assert limits.REVIEW_OUTCOMES == ("held", "revisit", "reversed")
