"""The services, one per concept, over one shared unit of work: what ``Context`` hands the UI.

Only the services write to the store, each public method in one transaction. Methods take and return
plain domain objects; deletions return a ``Snapshot`` of every row they removed, so an undo can put them
back exactly, with the same ids.
"""
from __future__ import annotations

from functools import partial

from sqlalchemy.engine import URL, Engine

from tension_desk.services import sealing
from tension_desk.services.capacity import Capacity
from tension_desk.services.criteria import Criteria
from tension_desk.services.decisions import Decisions
from tension_desk.services.priorities import Priorities
from tension_desk.services.scoring import Scoring
from tension_desk.services.seats import Seats
from tension_desk.services.sessions import Sessions
from tension_desk.services.tensions import Tensions
from tension_desk.services.unit import UnitOfWork
from tension_desk.services.workspace import Workspace


class Desk:
    """``desk.sessions``, ``desk.priorities``, ``desk.tensions``, ``desk.scoring``, ``desk.decisions``,
    ``desk.capacity``, ``desk.criteria``, ``desk.seats`` and ``desk.workspace``, sharing ``desk.unit`` (never the
    UI's: it reads ``desk.url`` only)."""

    def __init__(self, engine: Engine):
        self.unit = UnitOfWork(engine)
        self.workspace = Workspace(self.unit)
        self.criteria = Criteria(self.unit)
        self.sessions = Sessions(self.unit, partial(sealing.check_session_update, self))
        self.priorities = Priorities(self.unit)
        self.tensions = Tensions(self.unit)
        self.scoring = Scoring(self.unit)
        self.decisions = Decisions(self.unit)
        self.capacity = Capacity(self.unit)
        self.seats = Seats(self.unit)
        sealing.seal_unsealed(self)  # a session closed before sealing existed (an upgraded store) is sealed now

    @property
    def engine(self) -> Engine:
        return self.unit.engine

    @property
    def url(self) -> URL:
        """Where the store is (the UI names the workspace by it; read only)."""
        return self.unit.engine.url

    @property
    def shared(self) -> bool:
        """A shared workspace (on a PostgreSQL server), not this machine's own store."""
        return self.url.get_backend_name() == "postgresql"

    @property
    def store_file(self) -> str | None:
        """The store's file, as messages name it (None: a shared workspace, on a server)."""
        return None if self.shared else self.url.database

    def dispose(self) -> None:
        """Close the store's connections (the app, when its window goes)."""
        self.engine.dispose()
