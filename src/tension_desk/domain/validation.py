"""Rules for user-entered fields, with messages that say what is wrong and where."""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import replace
from typing import ParamSpec, TypeVar

from tension_desk.domain import limits
from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.domain.quarters import normalise_quarter

P = ParamSpec("P")
R = TypeVar("R")

# What a one-line field refuses: C0 controls (tab and line breaks too), DEL, C1 controls, Unicode's line
# and paragraph separators, and the invisible characters that can make a title read other than it is: the
# bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the zero-width space
# (U+200B) and the left-to-right and right-to-left marks (U+200E, U+200F). The zero-width non-joiner and
# joiner (U+200C, U+200D) stay allowed: Persian and Indic names and emoji sequences need them.
# A multi-line field takes tab and newline (CR LF and CR become newline).
_LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NAMES = {"\x00": "a NUL character", "\t": "a tab", "\n": "a line break", "\r": "a line break",
          "\x1b": "an escape character (\\x1b)", "\u2028": "a line separator", "\u2029": "a paragraph separator",
          "\u200b": "a zero-width space (U+200B)", "\u200e": "a left-to-right mark (U+200E)",
          "\u200f": "a right-to-left mark (U+200F)", "\u202e": "a right-to-left override (U+202E)",
          "\u202d": "a left-to-right override (U+202D)"}


class ValidationError(ValueError):
    """One or more field errors; ``str()`` reads as a sentence per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def control_problem(text: str, multiline: bool = False) -> str | None:
    """What a field may not hold, said as "holds a tab at character 6", or None."""
    found = (_TEXT_CONTROL if multiline else _LINE_CONTROL).search(text)
    if found is None:
        return None
    char = found.group()
    kind = "bidirectional formatting" if "\u202a" <= char <= "\u2069" else "control"
    return f"holds {_NAMES.get(char, f'the {kind} character U+{ord(char):04X}')} at character {found.start() + 1}"


def check_line(text: str | None, what: str, limit: int, required: bool = False) -> str:
    """A one-line field, ends trimmed; raises ValidationError naming ``what`` if it is empty (when
    required), too long, or holds a control character or a line break."""
    text = (text or "").strip()
    problem = control_problem(text)
    if problem:
        raise ValidationError([f"{what} {problem}; it must be one line of plain text"])
    if required and not text:
        raise ValidationError([f"{what} is empty"])
    if len(text) > limit:
        raise ValidationError([f"{what} is {len(text):,} characters long; at most {limit:,}"])
    return text


def check_text(text: str | None, what: str, limit: int, required: bool = False, strip: bool = True) -> str:
    """A multi-line field: line endings become newlines, ends trimmed (unless ``strip`` is False, for
    text being typed); raises ValidationError if it is too long or holds a control character."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if strip:
        text = text.strip()
    problem = control_problem(text, multiline=True)
    if problem:
        raise ValidationError([f"{what} {problem}"])
    if required and not text:
        raise ValidationError([f"{what} is empty"])
    if len(text) > limit:
        raise ValidationError([f"{what} is {len(text):,} characters long; at most {limit:,}"])
    return text


def collect(problems: list[str], check: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R | None:
    """Run one field's check; on failure add its problems to ``problems`` and return None (so a caller that
    raises with ``problems`` when a value is None also knows every value it goes on with is checked)."""
    try:
        return check(*args, **kwargs)
    except ValidationError as exc:
        problems.extend(exc.problems)
        return None


# A comma in a number is read only as a thousands separator, in its usual places (1,000 or 12,500.5);
# any other comma (1,5 or 2,50) is refused rather than guessed to be a decimal point.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_effort(text: str | float | None) -> float | None:
    if text is None:
        return None
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        s = text.strip()
        if not s:
            return None
        if "," in s:
            if not _THOUSANDS.match(s):
                raise ValueError(f"effort_weeks {text!r} has a comma that is not a thousands separator: "
                                 "write decimals with a point (1.5), thousands as 1,000 or 1000")
            s = s.replace(",", "")
        try:
            if "_" in s:  # float() would read 1_5 as 15
                raise ValueError
            value = float(s)
        except ValueError:
            raise ValueError(f"effort_weeks {text!r} is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"effort_weeks {text!r} is not a finite number")
    if value < 0:
        raise ValueError(f"effort_weeks {text!r} is negative")
    if value > limits.EFFORT_WEEKS:
        raise ValueError(f"effort_weeks {text!r} is more than {limits.EFFORT_WEEKS:,.0f} person-weeks")
    return round(value, 2)


def parse_date(text: str | None, field: str) -> dt.date | None:
    if text is None or not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{field} {text!r} is not a date like 2026-11-24") from None


def parse_side(text: str | None) -> Side:
    s = (text or "").strip().lower()
    try:
        return Side(s)
    except ValueError:
        raise ValueError(f"side {text!r} must be product or engineering") from None


def validate_priority(draft: PriorityDraft) -> PriorityDraft:
    """Return the draft cleaned (trimmed text, normalised quarter) or raise ValidationError."""
    problems: list[str] = []
    title = collect(problems, check_line, draft.title, "the title", limits.ONE_LINE["priorities", "title"],
                    required=True)
    description = collect(problems, check_text, draft.description, "the description", limits.TEXT)
    link = collect(problems, check_line, draft.link, "the link", limits.ONE_LINE["priorities", "link"])
    effort = draft.effort_weeks
    if effort is not None:
        try:
            effort = parse_effort(effort)
        except ValueError as exc:
            problems.append(str(exc))
    quarter = draft.quarter
    if quarter:
        try:
            quarter = normalise_quarter(quarter)
        except ValueError as exc:
            problems.append(str(exc))
    else:
        quarter = None
    if draft.delivered_date and draft.idea_date and draft.delivered_date < draft.idea_date:
        problems.append("the delivered date is before the idea date")
    try:
        side = Side(draft.side)
        status = PriorityStatus(draft.status)
    except ValueError as exc:
        problems.append(str(exc))
        side, status = draft.side, draft.status
    if problems or title is None or description is None or link is None:  # None: its check failed
        raise ValidationError(problems)
    return replace(draft, title=title, description=description, link=link, effort_weeks=effort,
                   quarter=quarter, side=side, status=status)


def validate_statement(text: str) -> str:
    return check_text(text, "the statement of the tension", limits.TEXT, required=True)


def validate_session_title(text: str) -> str:
    return check_line(text, "the session title", limits.ONE_LINE["sessions", "title"], required=True)


def validate_notes(text: str) -> str:
    """A session's notes, kept exactly as typed (no trimming while someone types)."""
    return check_text(text, "the session notes", limits.LONG_TEXT["sessions", "notes"], strip=False)
