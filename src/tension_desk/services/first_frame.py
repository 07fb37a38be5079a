"""The desk of a cold start: the first frame read without the ORM, everything else through the services.

On this machine's store at the head revision, the window is built and the newest session's matrix shown before
SQLAlchemy, SQLModel and pydantic are imported (issue 15, figure 1b): the reads a first frame makes
(``sessions.list``, ``sessions.open``, ``workspace.leaders``, ``workspace.has_leaders``, ``scoring.state``,
``scoring.scores``) are answered by ``store.quick.QuickReader`` until the ORM is loaded. Any other attribute of
the desk, every write and every other read, first loads the ORM and the real ``Desk`` (``load``), there and
then, so an edit made before the load waits for it and is never lost, and behaves exactly as it would have. Once
loaded, every call goes to the real desk. The app loads it on the event loop's idle time, a step at a time
(``load_steps``), once the window is shown.

A store to create or migrate, a damaged one or a shared workspace (PostgreSQL) takes today's path: a ``Desk``
on an engine from the start.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Leader, Score, Session, Side
from tension_desk.services.types import SessionSnapshot, both_leaders, found
from tension_desk.store.notify import DataVersion
from tension_desk.store.quick import QuickReader

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import CheckedStore

    _DeskBase = Desk
else:
    _DeskBase = object


class FirstFrameDesk(_DeskBase):
    """A ``Desk`` (to its callers) whose first frame's reads need no ORM. ``open_desk`` makes the real one."""

    def __init__(self, store: CheckedStore, open_desk: Callable[[], Desk]) -> None:  # no Desk.__init__: no engine
        self._quick = QuickReader(store)
        self._store = store
        self._open_desk = open_desk
        self._desk: Desk | None = None
        self._first_sessions = _FirstSessions(self)
        self._first_workspace = _FirstWorkspace(self)
        self._first_scoring = _FirstScoring(self)
        self._watchers: list[DataVersion] = []

    @property
    def loaded(self) -> bool:
        return self._desk is not None

    def load(self) -> Desk:
        """The real desk, made now if it is not yet (the ORM imported, the engine opened)."""
        if self._desk is None:
            self._desk = self._open_desk()
            for w in self._watchers:
                w.attach(self._desk.engine)
        return self._desk

    def load_steps(self) -> list[Callable[[], object]]:
        """``load`` cut into steps of about a tenth of a second each, for the event loop to run one at a time."""
        return [*_IMPORT_STEPS, self.load]

    @property
    def shared(self) -> bool:
        return False  # a shared workspace never gets a first-frame desk

    @property
    def store_file(self) -> str | None:
        return str(self._store.path)  # known without the ORM: a message about the store loads nothing

    def watcher(self) -> DataVersion:
        """What tells the window of commits by another process, before the ORM is loaded: its own commits are
        counted out once there is an engine to commit on."""
        w = DataVersion(None, self._store.path)
        self._watchers.append(w)
        if self._desk is not None:
            w.attach(self._desk.engine)
        return w

    def dispose(self) -> None:
        """Close the store's connections, as ``Desk.dispose`` does."""
        if self._desk is not None:
            self._desk.engine.dispose()
        else:
            self._quick.close()

    def __getattr__(self, name: str) -> Any:
        if name == "sessions":
            return self._desk.sessions if self._desk is not None else self._first_sessions
        if name == "workspace":
            return self._desk.workspace if self._desk is not None else self._first_workspace
        if name == "scoring":
            return self._desk.scoring if self._desk is not None else self._first_scoring
        if name.startswith("__") or name in _OWN:  # copy, pickle and friends ask; never during __init__
            raise AttributeError(name)
        return getattr(self.load(), name)


_OWN = frozenset(("_quick", "_store", "_open_desk", "_desk", "_first_sessions", "_first_workspace", "_first_scoring",
                  "_watchers"))


class _FirstSessions:
    """``desk.sessions`` before the ORM: ``list`` and ``open`` read quick; anything else loads the real desk."""

    def __init__(self, desk: FirstFrameDesk) -> None:
        self._desk = desk

    def open(self, session_id: int) -> SessionSnapshot:
        if self._desk.loaded:
            return self._desk.load().sessions.open(session_id)
        return found(self._desk._quick.session_snapshot(session_id),  # noqa: SLF001
                     f"there is no session {session_id}")

    def list(self) -> list[Session]:
        if self._desk.loaded:
            return self._desk.load().sessions.list()
        return self._desk._quick.sessions()  # noqa: SLF001  (its owner's reader)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._desk.load().sessions, name)

    # last, so that ``list`` in the annotations above is still the built-in type (as in services/sessions.py)


class _FirstWorkspace:
    """``desk.workspace`` before the ORM: ``leaders`` and ``has_leaders`` read quick; anything else loads."""

    def __init__(self, desk: FirstFrameDesk) -> None:
        self._desk = desk

    def leaders(self) -> dict[Side, Leader]:
        if self._desk.loaded:
            return self._desk.load().workspace.leaders()
        return self._desk._quick.leaders()  # noqa: SLF001

    def has_leaders(self) -> bool:
        return both_leaders(self.leaders())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._desk.load().workspace, name)


class _FirstScoring:
    """``desk.scoring`` before the ORM: ``state`` and ``scores`` read quick (``types.scores_sealed``, asked by a
    live refresh of the window's state); anything else loads."""

    def __init__(self, desk: FirstFrameDesk) -> None:
        self._desk = desk

    def state(self, session_id: int) -> ScoringState:
        if self._desk.loaded:
            return self._desk.load().scoring.state(session_id)
        return found(self._desk._quick.scoring_state(session_id), f"there is no session {session_id}")  # noqa: SLF001

    def scores(self, session_id: int) -> list[Score]:
        if self._desk.loaded:
            return self._desk.load().scoring.scores(session_id)
        return self._desk._quick.scores(session_id)  # noqa: SLF001

    def __getattr__(self, name: str) -> Any:
        return getattr(self._desk.load().scoring, name)


# -- the ORM's import, a step at a time (static imports: the import contracts see them) -------------------------
def _sqlalchemy() -> None:
    import sqlalchemy.engine  # noqa: F401


def _sqlalchemy_orm() -> None:
    import sqlalchemy.orm  # noqa: F401


def _pydantic() -> None:
    import pydantic  # noqa: F401


def _sqlmodel() -> None:
    import sqlmodel  # noqa: F401


def _tables() -> None:
    import tension_desk.store.tables  # noqa: F401


def _queries() -> None:
    import tension_desk.store.queries  # noqa: F401


def _services() -> None:
    import tension_desk.services.desk  # noqa: F401


_IMPORT_STEPS: tuple[Callable[[], None], ...] = (_sqlalchemy, _sqlalchemy_orm, _pydantic, _sqlmodel, _tables,
                                                 _queries, _services)
