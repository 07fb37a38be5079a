"""Watching the workspace for changes made elsewhere (another laptop, another process), for the ui (no Qt here).

A shared workspace is watched with LISTEN/NOTIFY (``Listener``); the embedded store with ``PRAGMA
data_version`` (``DataVersion``). See ``store/notify.py``.
"""
from __future__ import annotations

from pathlib import Path

from tension_desk.services.desk import Desk
from tension_desk.store.notify import Change, DataVersion, Listener

__all__ = ["Change", "DataVersion", "Listener", "watcher"]


def watcher(desk: Desk) -> Listener | DataVersion | None:
    """What tells this laptop of changes made elsewhere to the desk's store (None: an in-memory one)."""
    engine = desk.engine
    if engine.dialect.name == "postgresql":
        return Listener(engine)
    if engine.url.database and engine.url.database != ":memory:":
        return DataVersion(engine, Path(engine.url.database))
    return None
