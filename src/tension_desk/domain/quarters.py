"""Quarters as strings like ``2026-Q4``."""
from __future__ import annotations

import datetime as dt
import re

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def parse_quarter(text: str) -> tuple[int, int]:
    """``"2026-Q4"`` → ``(2026, 4)``; raises ValueError with a readable message otherwise."""
    m = _QUARTER.match(text.strip().upper())
    if not m:
        raise ValueError(f"{text!r} is not a quarter; write it like 2026-Q4")
    return int(m.group(1)), int(m.group(2))


def normalise_quarter(text: str) -> str:
    year, q = parse_quarter(text)
    return f"{year}-Q{q}"


def quarter_start(quarter: str) -> dt.date:
    year, q = parse_quarter(quarter)
    return dt.date(year, 3 * (q - 1) + 1, 1)


def next_quarter(quarter: str) -> str:
    year, q = parse_quarter(quarter)
    return f"{year + 1}-Q1" if q == 4 else f"{year}-Q{q + 1}"


def previous_quarter(quarter: str) -> str:
    year, q = parse_quarter(quarter)
    return f"{year - 1}-Q4" if q == 1 else f"{year}-Q{q - 1}"
