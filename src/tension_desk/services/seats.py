"""This laptop's seat on each shared workspace, and a leader marking their side done.

The seat is this machine's, not the workspace's: it lives in a small settings file in the user config dir
(platformdirs), keyed by the workspace's URL, never in the shared database. The embedded store has no
seats: both leaders share one laptop and take turns (domain/blind.py).
"""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as DbSession

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Side
from tension_desk.domain.seats import Seat
from tension_desk.services import sealing
from tension_desk.store import tables as t
from tension_desk.store.url import shown_url

try:
    from tension_desk.services.unit import NotFound
except ImportError:  # until the services split lands in main
    from tension_desk.services.desk import NotFound

SEATS_FILE = "seats.json"


def seats_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("tension-desk", appauthor=False)) / SEATS_FILE


def _key(url) -> str:
    return shown_url(url)


def _read() -> dict[str, str]:
    try:
        data = json.loads(seats_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or not ours: this laptop asks again
        return {}
    return data if isinstance(data, dict) else {}


def seat_of(url) -> Seat | None:
    """Who sits at this laptop on the workspace at ``url`` (None: not asked yet)."""
    try:
        return Seat(_read().get(_key(url)))
    except ValueError:
        return None


def remember_seat(url, seat: Seat) -> None:
    """From now on this laptop is ``seat`` on the workspace at ``url`` (written whole, then renamed)."""
    data = _read()
    data[_key(url)] = Seat(seat).value
    path = seats_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(path)


def set_done(engine: Engine, session_id: int, side: Side, done: bool = True) -> ScoringState:
    """Mark one side's blind scoring done (or, undoing it, not done); done by the second side reveals the scores.
    One UPDATE of that side's flag only, so two leaders finishing at once both count. Returns the state after."""
    side, c = Side(side), t.SessionRow.__table__.c
    with DbSession(engine) as db:
        sealing.refuse_if_closed(db, session_id)
        row = db.execute(update(t.SessionRow.__table__).where(c.id == session_id)
                         .values({c[f"{side.value}_done"]: done,
                                  c.revealed: c[f"{side.other.value}_done"] if done else False})
                         .returning(c.product_done, c.engineering_done, c.revealed)).first()
        if row is None:
            raise NotFound(f"there is no session {session_id}")
        db.commit()
    return ScoringState(product_done=row.product_done, engineering_done=row.engineering_done, revealed=row.revealed)
