"""This laptop's seat on each shared workspace, and a leader marking their side done.

The seat is this machine's, not the workspace's: it lives in a small settings file in the user config dir
(platformdirs), keyed by the workspace's URL, never in the shared database. The embedded store has no
seats: both leaders share one laptop and take turns (domain/blind.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import ColumnElement, update
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session as DbSession

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Side
from tension_desk.domain.seats import Seat
from tension_desk.services import sealing
from tension_desk.services.unit import UnitOfWork, found, table_of
from tension_desk.store import queries as q
from tension_desk.store import tables as t
from tension_desk.store.url import shown_url

SEATS_FILE = "seats.json"


def seats_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("tension-desk", appauthor=False)) / SEATS_FILE


def _key(url: URL | str) -> str:
    return shown_url(url)


def _read() -> dict[str, str]:
    try:
        data = json.loads(seats_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or not ours: this laptop asks again
        return {}
    return data if isinstance(data, dict) else {}


def seat_of(url: URL | str) -> Seat | None:
    """Who sits at this laptop on the workspace at ``url`` (None: not asked yet)."""
    value = _read().get(_key(url))
    try:
        return None if value is None else Seat(value)
    except ValueError:
        return None


def remember_seat(url: URL | str, seat: Seat) -> None:
    """From now on this laptop is ``seat`` on the workspace at ``url`` (written whole, then renamed)."""
    data = _read()
    data[_key(url)] = Seat(seat).value
    path = seats_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)


def set_done(unit: UnitOfWork, session_id: int, side: Side) -> ScoringState:
    """Mark one side's blind scoring done; done by the second side reveals the scores. One UPDATE of that side's
    flag and the reveal only, so two leaders finishing at once both count. Returns the state as it was, for
    ``undo_done``."""
    side = Side(side)
    with unit.transaction() as db:
        before = _before(db, session_id)
        _write(db, session_id, side, True, revealed=table_of(t.SessionRow).c[f"{side.other.value}_done"])
    return before


def undo_done(unit: UnitOfWork, session_id: int, side: Side, before: ScoringState) -> None:
    """Undo ``set_done``: that side's flag and the reveal as they were ``before`` it (the same single UPDATE, so
    the other leader's done meanwhile stays; a reveal comes back only while the other side is still done)."""
    side = Side(side)
    with unit.transaction() as db:
        _before(db, session_id)
        other = table_of(t.SessionRow).c[f"{side.other.value}_done"]
        _write(db, session_id, side, before.done(side), revealed=other if before.revealed else False)


class Seats:
    """``desk.seats``: a side says its blind scores are done, and undoes it (``set_done`` / ``undo_done``)."""

    def __init__(self, unit: UnitOfWork) -> None:
        self.unit = unit

    def set_done(self, session_id: int, side: Side) -> ScoringState:
        return set_done(self.unit, session_id, side)

    def undo_done(self, session_id: int, side: Side, before: ScoringState) -> None:
        undo_done(self.unit, session_id, side, before)


def _before(db: DbSession, session_id: int) -> ScoringState:
    """The session's scoring state, in a writer's transaction: refused when the session is gone or closed."""
    state = found(q.scoring_state(db, session_id), f"there is no session {session_id}")
    sealing.refuse_if_closed(db, session_id)  # the row is in the identity map now: no second read
    return state


def _write(db: DbSession, session_id: int, side: Side, done: bool, revealed: bool | ColumnElement[bool]) -> None:
    """One UPDATE of that side's done flag and the reveal (a value, or another column's value)."""
    table = table_of(t.SessionRow)
    c = table.c
    db.execute(update(table).where(c.id == session_id)
               .values({c[f"{side.value}_done"]: done, c.revealed: revealed}))
    db.expire(db.get(t.SessionRow, session_id))  # a transaction this one joined reads the row again
