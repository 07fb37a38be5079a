"""Watching the workspace for changes made elsewhere (another laptop, another process), for the ui (no Qt here).

A shared workspace is watched with LISTEN/NOTIFY (``Listener``); the embedded store with ``PRAGMA
data_version`` (``DataVersion``). See ``store/notify.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.services.first_frame import FirstFrameDesk
from tension_desk.store.notify import Change, DataVersion, Listener

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

__all__ = ["Change", "DataVersion", "Listener", "out_of_reach", "watcher"]

# SQLSTATEs of a server that went away: class 08 (connection exception), then admin shutdown, crash shutdown
# and "cannot connect now" (starting up or shutting down).
_GONE_STATES = ("08", "57P01", "57P02", "57P03")


def watcher(desk: Desk) -> Listener | DataVersion | None:
    """What tells this laptop of changes made elsewhere to the desk's store (None: an in-memory one)."""
    if isinstance(desk, FirstFrameDesk):  # this machine's store, maybe with no engine yet
        return desk.watcher()
    engine = desk.engine
    if engine.dialect.name == "postgresql":
        return Listener(engine)
    if engine.url.database and engine.url.database != ":memory:":
        return DataVersion(engine, Path(engine.url.database))
    return None


def out_of_reach(exc: BaseException) -> bool:
    """Whether a failed edit could not reach the workspace server (down, restarting, the link lost), so the same
    edit may be saved later. A store that answered and refused (a full disk, a constraint) is not out of reach,
    nor is the embedded store: a local file is there or it is not, and trying again changes nothing."""
    psycopg = sys.modules.get("psycopg")  # loaded whenever the error came from a workspace server
    reason = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    if psycopg is None or not isinstance(reason, psycopg.OperationalError):
        return False
    state = reason.sqlstate or ""  # none: libpq could not connect, or lost the connection
    return not state or state.startswith(_GONE_STATES)
