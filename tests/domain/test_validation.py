"""Field rules: one-line fields are one line of plain text; multi-line fields keep lines and tabs only."""
from __future__ import annotations

import re

import pytest

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.domain.validation import (
    ValidationError,
    check_line,
    check_text,
    parse_effort,
    validate_session_title,
    validate_statement,
)


@pytest.mark.parametrize("char, name", [
    ("\x00", "a NUL character"), ("\x1b", "an escape character (\\x1b)"), ("\t", "a tab"), ("\n", "a line break"),
    ("\r", "a line break"), ("\x7f", "the control character U+007F"), ("\x85", "the control character U+0085"),
    ("\x9b", "the control character U+009B"), ("\u2028", "a line separator"), ("\u2029", "a paragraph separator"),
    ("\u202e", "a right-to-left override (U+202E)"), ("\u202d", "a left-to-right override (U+202D)"),
    ("\u202a", "the bidirectional formatting character U+202A"),
    ("\u2066", "the bidirectional formatting character U+2066"),
    ("\u2069", "the bidirectional formatting character U+2069"), ("\u200b", "a zero-width space (U+200B)"),
    ("\u200e", "a left-to-right mark (U+200E)"), ("\u200f", "a right-to-left mark (U+200F)"),
])
def test_a_one_line_field_refuses_every_control_character_naming_it_and_where(char, name):
    with pytest.raises(ValidationError,
                       match=f"^the session title holds {re.escape(name)} at character 4; it must be one line"):
        validate_session_title(f"abc{char}def")


def test_a_one_line_field_trims_its_ends_and_keeps_ordinary_text():
    assert check_line("  Usage-based billing, Q4 «ß» 😀 \n", "the title", 200) == "Usage-based billing, Q4 «ß» 😀"
    # the zero-width joiner and non-joiner are parts of real text: an emoji sequence, a Persian word
    assert check_line("👨\u200d👩\u200d👧 می\u200cخواهم", "the title", 200) == "👨\u200d👩\u200d👧 می\u200cخواهم"


def test_a_multi_line_field_keeps_newlines_and_tabs_and_normalises_line_endings():
    assert validate_statement("one\r\ntwo\rthree\n\tfour") == "one\ntwo\nthree\n\tfour"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x0b", "\x0c", "\x7f", "\x9b"])
def test_a_multi_line_field_refuses_other_control_characters(char):
    with pytest.raises(ValidationError, match=r"^the statement of the tension holds .* at character 5$"):
        validate_statement(f"one\n{char}two")


def test_limits_are_inclusive_and_counted_after_trimming():
    assert check_line(" " + "x" * 10 + " ", "the name", 10) == "x" * 10
    with pytest.raises(ValidationError, match=r"^the name is 11 characters long; at most 10$"):
        check_line("x" * 11, "the name", 10)
    assert check_text("x" * 10, "the note", 10) == "x" * 10
    with pytest.raises(ValidationError, match=r"^the note is 11 characters long; at most 10$"):
        check_text("x" * 11, "the note", 10)


def test_text_being_typed_keeps_its_spaces_when_not_stripped():
    assert check_text("  typing \n", "the notes", 100, strip=False) == "  typing \n"


@pytest.mark.parametrize("text, value", [("1,000", 1000), ("10,000", 10000), ("1,000.25", 1000.25), ("2.5", 2.5),
                                         (" 7 ", 7), ("", None)])
def test_an_effort_reads_points_as_decimals_and_commas_only_as_thousands(text, value):
    assert parse_effort(text) == value


@pytest.mark.parametrize("text", ["1,5", "3,50", "1,0000", "10,00", "1,,000", "1_000"])
def test_an_effort_never_reads_a_comma_as_a_decimal_point(text):
    with pytest.raises(ValueError,
                       match=rf"^effort_weeks '{text}' "
                             r"(has a comma that is not a thousands separator|is not a number)"):
        parse_effort(text)


def test_a_priority_draft_names_every_problem_at_once():
    from tension_desk.domain.validation import validate_priority

    with pytest.raises(ValidationError) as info:
        validate_priority(PriorityDraft("a\x1bb", Side.PRODUCT, description="d\x00", link="https://x\ny"))
    assert info.value.problems == [
        "the title holds an escape character (\\x1b) at character 2; it must be one line of plain text",
        "the description holds a NUL character at character 2",
        "the link holds a line break at character 10; it must be one line of plain text",
    ]
