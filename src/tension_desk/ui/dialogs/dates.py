"""Dates between the domain (``datetime.date``) and Qt's date editors (``QDate``), field by field; and the one
date editor every dialog and form uses, which writes its date as everything else does (``domain.dates.day``)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

# ``domain.dates.day`` (1 Dec 2026) in Qt's words: the day unpadded, the month's English short name, the year.
# US English: its short months are dates.MONTHS (British English writes "Sept"); the locale is the editor's own,
# so neither the user's locale nor Qt's default one changes the month names.
DAY_FORMAT = "d MMM yyyy"
ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def date_edit(day: dt.date | None = None, parent: QWidget | None = None) -> QDateEdit:
    """A date editor with a calendar popup showing ``day`` (today when None) as ``dates.day`` writes it; the
    calendar's week starts on the user's first day of the week."""
    edit = QDateEdit(parent)
    edit.setLocale(ENGLISH)
    edit.setDisplayFormat(DAY_FORMAT)
    edit.setCalendarPopup(True)
    edit.calendarWidget().setFirstDayOfWeek(QLocale.system().firstDayOfWeek())
    edit.setDate(to_qdate(day or dt.date.today()))
    return edit
