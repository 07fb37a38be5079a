"""Live on every screen: changes made elsewhere become the notifier's signals, on the GUI thread; and the
status bar's honest word on what is saved.

On a shared workspace a QSocketNotifier watches the listener connection's socket; when the server goes away the
status says "Reconnecting…" and the listener retries with backoff, each try connecting on a thread of its own (a
host that does not answer never holds up the window), then refreshes everything (notifications sent meanwhile were
lost). A read in the background (a refresh, a timer's recompute) that cannot reach the server takes the same path
(``unreachable``, from the excepthook): "Reconnecting…", never an error dialog. On the embedded store a QTimer polls
``PRAGMA data_version``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from tension_desk.services.live import Change, DataVersion, Listener, out_of_reach, watcher
from tension_desk.ui.errors import confirm, store_trouble, tell_store_trouble
from tension_desk.ui.notifier import Notifier

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

POLL_MS = 500  # the embedded store: how often another process's commits are looked for
FIRST_RETRY_MS, LAST_RETRY_MS = 250, 8000  # reconnecting: the backoff doubles from the first to the last

# Tables whose rows belong to one session: the signal (with the session id) that refreshes them.
_SESSION_SIGNALS = {
    "session_priority": "agenda_changed", "priority": "agenda_changed", "tension": "tensions_changed",
    "tension_priority": "tensions_changed", "decision": "tensions_changed", "score": "scoring_changed",
    "session_criterion": "scoring_changed", "session_step": "script_changed",
}
# Tables of the whole workspace: the signal that refreshes them.
_WORKSPACE_SIGNALS = {
    "workspace": "leaders_changed", "leader": "leaders_changed", "criterion": "criteria_changed",
    "session": "sessions_changed", "session_revision": "sessions_changed", "decision": "decisions_changed",
    "capacity_plan": "capacity_changed", "capacity_ledger": "capacity_changed",
}
# "Something changed, not known what": sessions first (a view leaves a session that is gone), then the rest;
# sessions_changed reloads the session on screen in full.
_EVERYTHING = ("sessions_changed", "leaders_changed", "criteria_changed", "capacity_changed", "decisions_changed")


def announce(notifier: Notifier, change: Change) -> None:
    """Emit the signals that refresh the views showing what ``change`` changed."""
    if change.everything:
        workspace, per_session = set(_EVERYTHING), set()
    else:
        workspace = {_WORKSPACE_SIGNALS[t] for t in change.tables if t in _WORKSPACE_SIGNALS}
        per_session = {_SESSION_SIGNALS[t] for t in change.tables if t in _SESSION_SIGNALS}
        if per_session and not change.sessions:  # e.g. a priority edited by id: reload the session on screen
            workspace.add("sessions_changed")
            per_session = set()
    for name in _EVERYTHING:  # every workspace signal, in this order
        if name in workspace:
            getattr(notifier, name).emit()
    for name in sorted(per_session):
        for session_id in sorted(change.sessions):
            getattr(notifier, name).emit(session_id)


_watching: weakref.WeakSet[LiveUpdates] = weakref.WeakSet()  # every window's, for ``unreachable``


def unreachable(exc: BaseException) -> bool:
    """Whether ``exc``, raised by a read in the background, only says the workspace server is out of reach; if so,
    every window on a server says "Reconnecting…" and reconnects, then reads everything again (no dialog)."""
    if not out_of_reach(exc):
        return False
    for live in list(_watching):
        live.lost()
    return True


class LiveUpdates(QObject):
    """Turns changes made elsewhere into ``notifier``'s signals. ``connected`` is False while reconnecting."""

    connection_changed = Signal(bool)  # True: live again; False: lost, reconnecting
    _connect_done = Signal(object)  # from the connecting thread: the socket (int), or the ConnectionError

    def __init__(self, desk: Desk, notifier: Notifier, parent: QObject | None = None):
        super().__init__(parent)
        self.notifier = notifier
        self.source = watcher(desk)
        self.connected = True
        self._socket: QSocketNotifier | None = None
        self.connecting: threading.Thread | None = None  # a reconnect under way
        self._retry_ms = FIRST_RETRY_MS
        self._failing = False  # the embedded store's last poll failed (it was told)
        self._timer = QTimer(self)
        source = self.source  # closed with this object even when no one called close(): no connection is left open
        self.destroyed.connect(lambda *_: source.close() if source is not None else None)
        if isinstance(self.source, DataVersion):
            self._timer.setInterval(POLL_MS)
            self._timer.timeout.connect(self._poll)
            self._timer.start()
        elif isinstance(self.source, Listener):
            _watching.add(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._reconnect)
            self._connect_done.connect(self._reconnected)  # queued: it is emitted on the connecting thread
            try:  # the first time on this thread: the window's own connection has just reached the server
                self._listening(self.source.connect())
            except ConnectionError:  # the server is not there (yet): try again later
                self.lost()

    # -- the embedded store ---------------------------------------------------------------------------
    def _poll(self) -> None:
        """One tick. A store that cannot be read (replaced by a file that is not a store) is told in the store's
        one line on the first tick that meets it, not on every tick after it; any other error is a bug (the
        excepthook's dialog)."""
        assert isinstance(self.source, DataVersion)
        try:
            changed = self.source.changed()
        except Exception as exc:
            line = store_trouble(exc)
            if line is None:
                raise
            if not self._failing:
                self._failing = True
                tell_store_trouble(line)
            return
        self._failing = False
        if changed:
            announce(self.notifier, Change(everything=True))

    # -- a shared workspace ------------------------------------------------------------------------------
    def _listening(self, fd: int) -> None:
        self._socket = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
        self._socket.activated.connect(self._readable)

    def _readable(self) -> None:
        assert isinstance(self.source, Listener)
        try:
            change = self.source.read()
        except ConnectionError:
            self.lost()
            return
        if change.tables or change.everything:
            announce(self.notifier, change)

    def lost(self) -> None:
        """The server is out of reach: say "Reconnecting…" and try again after a while (unless a try is under
        way, or one is already due)."""
        if self.source is None or self.connecting is not None or (self._timer.isActive() and not self.connected):
            return
        if self._socket is not None:
            self._socket.setEnabled(False)
            self._socket.deleteLater()
            self._socket = None
        if self.connected:
            self.connected = False
            self.connection_changed.emit(False)
        self._timer.start(self._retry_ms)
        self._retry_ms = min(self._retry_ms * 2, LAST_RETRY_MS)

    def _reconnect(self) -> None:
        """Try to connect again, on a thread of its own; ``_reconnected`` takes the outcome."""
        source = self.source
        if not isinstance(source, Listener) or self.connecting is not None:
            return

        def connect() -> None:
            try:
                outcome: int | ConnectionError = source.connect()
            except ConnectionError as exc:
                outcome = exc
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile: nobody waits for it
                self._connect_done.emit(outcome)

        self.connecting = threading.Thread(target=connect, name="tension-desk-listener", daemon=True)
        self.connecting.start()

    def _reconnected(self, outcome: int | ConnectionError) -> None:
        self.connecting = None
        if self.source is None:  # closed meanwhile (its connection was closed with it)
            return
        if isinstance(outcome, ConnectionError):
            self.lost()
            return
        self._listening(outcome)
        self._retry_ms = FIRST_RETRY_MS
        self.connected = True
        self.connection_changed.emit(True)
        announce(self.notifier, Change(everything=True))  # what others did meanwhile was not heard

    def close(self) -> None:
        _watching.discard(self)
        self._timer.stop()
        if self._socket is not None:
            self._socket.setEnabled(False)
        if self.source is not None:
            self.source.close()
            self.source = None


class SaveStatus(QWidget):
    """The status bar's word on saving: "Saved at 14:02:11", "2 changes not saved" with Retry, and
    "Reconnecting…". It never says saved while an edit is not saved or the workspace is out of reach."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel("All changes saved")
        self.label.setObjectName("save_status")
        self.retry_button = QPushButton("Retry")
        self.retry_button.setObjectName("retry_button")
        self.retry_button.setToolTip("Try to save the changes that were not saved again")
        self.retry_button.clicked.connect(self.retry)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.retry_button)
        self.saved_at: dt.datetime | None = None
        self.unsaved: list[Callable[[], object]] = []  # each tries one edit again (and comes back if it fails)
        self.reconnecting = False
        self._show()

    def text(self) -> str:
        return self.label.text()

    def saved(self) -> None:
        self.saved_at = dt.datetime.now()
        self._show()

    def not_saved(self, retry: Callable[[], object]) -> None:
        self.unsaved.append(retry)
        self._show()

    def set_connected(self, connected: bool) -> None:
        self.reconnecting = not connected
        self._show()

    def retry(self) -> None:
        """Try each edit that was not saved again, in order; one that fails again is back on the list."""
        pending, self.unsaved = self.unsaved, []
        for attempt in pending:
            attempt()
        self._show()

    def may_close(self, parent: QWidget | None) -> bool:
        """Closing the window: with edits not saved, ask first (the answer No keeps it open for a Retry)."""
        n = len(self.unsaved)
        if not n:
            return True
        what = f"{n} change{'s' if n > 1 else ''}"
        return confirm(parent, "Changes not saved", f"{what} could not be saved (see the status bar). If you quit "
                       f"now, {'they are' if n > 1 else 'it is'} lost; choose Cancel and Retry to save "
                       f"{'them' if n > 1 else 'it'}.", action="Quit without saving")

    def _show(self) -> None:
        parts = []
        if self.reconnecting:
            parts.append("Reconnecting to the shared workspace…")
        if self.unsaved:
            n = len(self.unsaved)
            parts.append(f"{n} change{'s' if n > 1 else ''} not saved")
        if not parts:
            parts.append(f"Saved at {self.saved_at:%H:%M:%S}" if self.saved_at else "All changes saved")
        self.label.setText(" · ".join(parts))
        self.retry_button.setVisible(bool(self.unsaved))
