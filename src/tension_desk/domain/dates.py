"""Dates as every document writes them: one English form that no locale changes (17 Nov 2026, no padded
day, no weekday). JSON and CSV keep ISO dates (``date.isoformat()``); this is for text people read."""
from __future__ import annotations

import datetime as dt

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTHS = tuple(name[:3] for name in MONTH_NAMES)  # Jan … Dec


def day(d: dt.date | None, missing: str = "") -> str:
    """``17 Nov 2026``; ``missing`` for no date. Built by hand, so strftime's locale never leaks in."""
    return missing if d is None else f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month(d: dt.date) -> str:
    """``December 2026``, in English whatever the locale (strftime's ``%B`` follows LC_TIME)."""
    return f"{MONTH_NAMES[d.month - 1]} {d.year}"
