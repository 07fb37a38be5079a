"""Rules for user-entered fields, with messages that say what is wrong and where."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace

from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.domain.quarters import normalise_quarter

MAX_TITLE = 200
MAX_TEXT = 20_000
MAX_EFFORT_WEEKS = 10_000.0
# C0/C1 control characters except tab and newline; NUL and friends never reach the store.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ValidationError(ValueError):
    """One or more field errors; ``str()`` reads as a sentence per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def clean_line(text: str | None) -> str:
    """A one-line field: control characters and line breaks become spaces, ends trimmed."""
    text = _CONTROL.sub(" ", text or "")
    return " ".join(text.replace("\r", " ").replace("\n", " ").replace("\t", " ").split(" ")).strip()


def clean_text(text: str | None) -> str:
    """A multi-line field: control characters dropped, line endings normalised, ends trimmed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def parse_effort(text: str | float | None) -> float | None:
    if text is None:
        return None
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        s = text.strip().replace(",", ".")
        if not s:
            return None
        try:
            value = float(s)
        except ValueError:
            raise ValueError(f"effort_weeks {text!r} is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"effort_weeks {text!r} is not a finite number")
    if value < 0:
        raise ValueError(f"effort_weeks {text!r} is negative")
    if value > MAX_EFFORT_WEEKS:
        raise ValueError(f"effort_weeks {text!r} is more than {MAX_EFFORT_WEEKS:,.0f} person-weeks")
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
    title = clean_line(draft.title)
    if not title:
        problems.append("the title is empty")
    elif len(title) > MAX_TITLE:
        problems.append(f"the title is {len(title)} characters long; at most {MAX_TITLE}")
    description = clean_text(draft.description)
    if len(description) > MAX_TEXT:
        problems.append(f"the description is {len(description)} characters long; at most {MAX_TEXT}")
    link = clean_line(draft.link)
    if len(link) > 2000:
        problems.append("the link is longer than 2000 characters")
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
    if problems:
        raise ValidationError(problems)
    return replace(draft, title=title, description=description, link=link, effort_weeks=effort,
                   quarter=quarter, side=side, status=status)


def validate_statement(text: str) -> str:
    statement = clean_text(text)
    if not statement:
        raise ValidationError(["the statement of the tension is empty"])
    if len(statement) > MAX_TEXT:
        raise ValidationError([f"the statement is {len(statement)} characters long; at most {MAX_TEXT}"])
    return statement


def validate_session_title(text: str) -> str:
    title = clean_line(text)
    if not title:
        raise ValidationError(["the session title is empty"])
    if len(title) > MAX_TITLE:
        raise ValidationError([f"the session title is {len(title)} characters long; at most {MAX_TITLE}"])
    return title
