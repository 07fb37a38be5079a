"""Dates as every document writes them: one English form that no locale changes (17 Nov 2026, no padded
day, no weekday). JSON and CSV keep ISO dates (``date.isoformat()``); this is for text people read."""
from __future__ import annotations

import datetime as dt

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(d: dt.date | None, missing: str = "") -> str:
    """``17 Nov 2026``; ``missing`` for no date. Built by hand, so strftime's locale never leaks in."""
    return missing if d is None else f"{d.day} {MONTHS[d.month - 1]} {d.year}"
