"""No lost update: an edit names the version of the row the user saw, and the store refuses it with a
``Conflict`` when someone else has changed that row since (issue 13 §5).

Every editable row has a version (store/tables.py ``Versioned``), which SQLAlchemy's ``version_id_col``
counts up by one on each write and checks in the UPDATE's WHERE clause. A use case compares the version the
user saw with the row it has just read (``check``) and so refuses a stale edit before writing; a change
that lands between that read and the write still fails the UPDATE, and ``guard`` turns it into a Conflict.
An undo is an edit on the version its command wrote (``written``), so it too is refused after another's change.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

HIDDEN = {"id", "version", "evidence_json", "session_id", "tension_id"}  # fields no one edits by hand


class Conflict(Exception):
    """An edit refused because ``what`` changed since the user read it. ``theirs`` is the row as it is now,
    ``yours`` what the edit would have written (domain objects, drafts or {label: value} mappings), and
    ``version`` the row's version now: the base for retrying with yours ("use mine")."""

    def __init__(self, what: str, theirs: Any, yours: Any, version: int):
        super().__init__(f"{what} was changed by someone else since you opened it; your change was not saved")
        self.what, self.theirs, self.yours, self.version = what, theirs, yours, version

    def differences(self) -> list[tuple[str, str, str]]:
        """(field, theirs, yours) as plain text, for each field the two disagree on, in the field order."""
        theirs, yours = _fields(self.theirs), _fields(self.yours)
        return [(name.replace("_", " ").capitalize(), _text(theirs.get(name)), _text(value))
                for name, value in yours.items() if name in theirs and theirs[name] != value]


def check(seen: int | None, version: int, conflict: Callable[[], Conflict]) -> None:
    """Refuse an edit made on version ``seen`` of a row now at ``version`` with ``conflict()`` (which reads
    theirs). ``seen`` None: the caller saw no version, and the edit applies as it is (as the CLI's do)."""
    if seen is not None and seen != version:
        raise conflict()


def written(version: int) -> int:
    """The version an edit wrote over ``version`` (the row's as it read it): ``version_id_col`` counts by one.
    Undo hands it back as the version it saw, so it is refused when someone changed the row after the edit."""
    return version + 1


@contextmanager
def guard(conflict: Callable[[], Conflict]) -> Iterator[None]:
    """Around a transaction: a row changed between its read and its write (the UPDATE matched no row, so
    SQLAlchemy raised StaleDataError) is the Conflict ``conflict()`` builds from the row as it is now."""
    from sqlalchemy.orm.exc import StaleDataError  # here: the UI imports Conflict before the ORM is loaded

    try:
        yield
    except StaleDataError:
        raise conflict() from None


def _fields(obj: Any) -> dict[str, Any]:
    if isinstance(obj, Mapping):
        return dict(obj)
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name not in HIDDEN}


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, enum.Enum):
        return str(value.value).replace("_", " ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)
