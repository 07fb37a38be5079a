"""Composition root: paths → store → services → undo stack → main window."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk import APP_NAME, __version__

if TYPE_CHECKING:
    from collections.abc import Iterator

    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    from tension_desk.lock import StoreLock
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import CheckedStore
    from tension_desk.ui.main_window import MainWindow


def load_style_sheet() -> str:
    return (files("tension_desk") / "resources" / "style.qss").read_text(encoding="utf-8")


def make_application(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtGui import QIcon, QPixmap
    from PySide6.QtWidgets import QApplication

    from tension_desk.desktop import DESKTOP_ID, icon_files, image_format, light_pyside_import_check
    from tension_desk.render.fonts import register_fonts, ui_font

    light_pyside_import_check()  # before the ORM and the views are imported: their source is not kept in memory
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("tension-desk")
    app.setDesktopFileName(DESKTOP_ID)  # the task switcher names the app from its .desktop file, not "python3"
    icon = QIcon()
    for resource in icon_files():  # read as bytes: works from a zipped install too
        pixmap = QPixmap()
        if pixmap.loadFromData(resource.read_bytes(), image_format(resource)):
            icon.addPixmap(pixmap)
    app.setWindowIcon(icon)
    register_fonts()
    app.setFont(ui_font(10))
    app.setStyleSheet(load_style_sheet())
    return app


def build_window(data_dir: Path, url: str | None = None) -> MainWindow:
    """Open the store in ``data_dir`` (or the shared workspace at ``url``) and build the main window on it (the
    caller shows it). What went wrong without stopping the start (today's backup failed) is in
    ``window.startup_warnings``.

    This machine's store is checked, and today's backup made, on a thread of their own while the views' modules
    load: that is SQLite's work (a scan of every table, a copy of the file), during which Python runs on. The
    store opens once they are done, with their errors and warnings, exactly as ``open_store`` would.

    At the head revision the window gets a ``FirstFrameDesk``: its first reads need no ORM, which the app loads
    once the window is shown (``load_on_idle``); anything else it is asked loads the ORM first, at once."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from PySide6.QtGui import QUndoStack

    from tension_desk.logs import log_unexpected
    from tension_desk.store.engine import check_local_store, store_path

    warnings: list[str] = []
    checked: Future[CheckedStore] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-check") as behind:  # waits for it on leaving
        if url is None:  # what it imports (store.engine, store.backup) is loaded: no import runs on both threads
            checked = behind.submit(check_local_store, data_dir, True, warnings.append)
        from tension_desk.ui.context import Context
        from tension_desk.ui.main_window import MainWindow
        from tension_desk.ui.notifier import Notifier
    desk = _open_desk(data_dir, url, checked.result() if checked else None, warnings)
    ctx = Context(desk=desk, notifier=Notifier(), undo_stack=QUndoStack(), log_unexpected=log_unexpected)
    if url is not None:
        from tension_desk.services.shared import daily_backup

        daily_backup(ctx.desk, data_dir, warnings.append)
    window = MainWindow(ctx, None if url else store_path(data_dir))  # no file of its own to restore over
    window.startup_warnings = warnings
    ctx.undo_stack.setParent(window)
    ctx.notifier.setParent(window)
    _add_connect_action(window, Path(data_dir), url)
    return window


def _open_desk(data_dir: Path, url: str | None, checked: CheckedStore | None, warnings: list[str]) -> Desk:
    """The services on the store: on this machine's store at the head revision, a ``FirstFrameDesk`` (no ORM
    until it is needed or loaded on idle time); anywhere else (a store to create or upgrade, a shared workspace),
    a ``Desk`` on an engine opened now, as ``open_store`` opens it."""
    if checked is not None and checked.at_head:
        from tension_desk.services.first_frame import FirstFrameDesk

        store = checked
        return FirstFrameDesk(store, lambda: _desk_on(store))
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_checked, open_store

    return Desk(open_checked(checked) if checked else open_store(data_dir, warn=warnings.append, url=url))


def _desk_on(store: CheckedStore) -> Desk:
    """The services on the store the first-frame desk was reading, checked at start. One moved or deleted since is
    FileNotFoundError (an error the user can act on): SQLite would make a new, empty store in its place, which
    the next start would open as a new workspace."""
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_checked
    from tension_desk.store.quick import gone

    if not store.path.is_file():
        raise gone(store.path)
    return Desk(open_checked(store))


# The ORM's load runs a step at a time once the event loop has had nothing to do for IDLE_MS: a probe timer ticks
# every PROBE_MS, and a tick later than PROBE_MS + LATE_MS says the loop was busy (input, a paint, a timer's work).
IDLE_MS, PROBE_MS, LATE_MS = 50, 10, 5


def load_on_idle(window: MainWindow) -> None:
    """Load the ORM behind a window shown on a ``FirstFrameDesk`` on the event loop's idle time, a step at a time
    (``FirstFrameDesk.load_steps``): once the window has painted, a step runs when the loop has been idle for
    ``IDLE_MS``. A click, a key or a paint (a click's repaint comes a frame later) goes first and waits for one
    step at most. A desk already loaded, or loaded meanwhile by an edit, has nothing left to do; a loop never
    idle leaves the load to the first use of the desk that needs it."""
    import time

    from PySide6.QtCore import QEvent, QObject, Qt, QTimer

    from tension_desk.desktop import release_free_memory
    from tension_desk.services.first_frame import FirstFrameDesk

    desk = window.ctx.desk
    if not isinstance(desk, FirstFrameDesk) or desk.loaded:
        return
    steps = desk.load_steps()
    probe = QTimer(window)
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(PROBE_MS)
    last_tick = quiet_since = time.monotonic()

    def tick() -> None:
        nonlocal last_tick, quiet_since
        now = time.monotonic()
        if now - last_tick > (PROBE_MS + LATE_MS) / 1000:  # late: the loop was busy since the last tick
            quiet_since = now
        last_tick = now
        if now - quiet_since >= IDLE_MS / 1000:
            step()
            last_tick = quiet_since = time.monotonic()  # a step is no idle time

    def step() -> None:
        if not desk.loaded and window.ctx.desk is desk:  # not loaded by an edit, nor replaced (connect_shared)
            try:
                steps.pop(0)()
            except Exception as exc:  # a locked store, say: the next use of the desk loads again and says why
                from tension_desk.logs import log_unexpected

                log_unexpected(exc, "loading the services behind the window")
                steps.clear()
        if desk.loaded or window.ctx.desk is not desk or not steps:
            probe.stop()
            probe.deleteLater()
            release_free_memory()  # what loading the ORM freed (issue 15, figure 5)

    probe.timeout.connect(tick)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            nonlocal last_tick, quiet_since
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                self.deleteLater()
                last_tick = quiet_since = time.monotonic()
                probe.start()
            return False

    window.installEventFilter(FirstPaint(window))


def _add_connect_action(window: MainWindow, data_dir: Path, url: str | None) -> None:
    """File → Connect to a shared workspace…, placed before Backups (the action lives here: it replaces the
    window, which only the composition root can build)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    window.connect_action = QAction("Connect to a s&hared workspace…", window)
    window.connect_action.setObjectName("connect_shared")
    window.connect_action.setStatusTip("Open a workspace on a PostgreSQL server (remembered on this laptop), "
                                       "or go back to this laptop's own store")
    window.connect_action.triggered.connect(lambda: connect_shared(window, data_dir, url))
    file_menu = next(m for a in window.menuBar().actions() if isinstance(m := a.menu(), QMenu))
    file_menu.insertAction(window.backups_action, window.connect_action)


def connect_shared(window: MainWindow, data_dir: Path, current: str | None) -> MainWindow | None:
    """Ask for a workspace server (or this laptop's own store), open it in a new window in place of ``window``
    and remember it on this laptop. A store that cannot be opened is told in a dialog and changes nothing.
    Returns the new window, or None."""
    from tension_desk.paths import remember_store_url
    from tension_desk.store.engine import StoreError
    from tension_desk.ui.dialogs.connect import ConnectDialog

    choice = ConnectDialog.ask(window, current)
    if choice is None or choice.url == current:
        return None
    try:
        new = build_window(data_dir, choice.url)
    except StoreError as exc:
        _tell(window, str(exc))
        return None
    remember_store_url(data_dir, choice.url)
    new.setGeometry(window.geometry())
    new.show()
    window.close()
    window.ctx.desk.dispose()
    for warning in new.startup_warnings:
        _tell(new, warning, critical=False)
    return new


def _placeholder_window() -> QMainWindow:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMainWindow

    from tension_desk.ui.settings import restore_geometry

    w = QMainWindow()
    w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # hidden, it would keep its window-sized backing image
    w.setWindowTitle(APP_NAME)
    label = QLabel("Opening your store…")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    w.setCentralWidget(label)
    restore_geometry(w)  # where the window will open: it takes its own saved geometry, never this one's
    return w


def acquire_store_lock(data_dir: Path) -> StoreLock | None:
    """One running app per store (and no command-line writes under it): the lock of ``tension_desk.lock``.
    A lock left by a crashed app is no lock. Returns the held lock, or None when another process holds it;
    raises StoreError when the data folder is not a folder or is read-only."""
    from tension_desk.lock import APP, acquire

    return acquire(data_dir, APP)


def open_window_or_recover(data_dir: Path, url: str | None = None) -> MainWindow | None:
    """Build the window; if the store is damaged or from a newer version, ask what to do (restore the
    newest backup, start a new store, or quit). Returns None when the user quits. A shared workspace that
    cannot be opened, or a backup that cannot be restored, raises StoreError: there is no local file to set
    aside or restore over; a restore that failed changed nothing."""
    from tension_desk.store.engine import DamagedStoreError, NewerStoreError
    from tension_desk.store.recovery import newest_backup, set_aside
    from tension_desk.ui.dialogs.damaged import NEW, RESTORE, StoreProblemDialog

    if url is not None:
        return build_window(data_dir, url)
    try:
        return build_window(data_dir)
    except (DamagedStoreError, NewerStoreError) as exc:
        label = "newer" if isinstance(exc, NewerStoreError) else "damaged"
        backup = newest_backup(data_dir)
        from tension_desk.logs import error_text

        choice = StoreProblemDialog.ask(None, error_text(exc), backup, exc.details)  # the line the CLI prints
        if choice == RESTORE and backup is not None:
            _restore_in_place_of(data_dir, backup, label)
        elif choice == NEW:
            set_aside(data_dir, label)
        else:
            return None
        return build_window(data_dir)


def _restore_in_place_of(data_dir: Path, backup: Path, label: str) -> None:
    """Restore ``backup`` in place of the store that cannot be opened (kept aside as ``*.<label>-<time>``). The
    backup is copied first, so a copy that fails (a full disk) raises StoreError and leaves every file as it was."""
    import sqlite3

    from tension_desk.logs import error_text
    from tension_desk.store.engine import StoreError
    from tension_desk.store.recovery import restore_backup

    try:
        restore_backup(data_dir, backup, aside=label)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"the backup {backup.name} could not be restored ({error_text(exc)}); nothing was changed: "
                         f"the {label} store and every backup are kept as they were. Start Tension Desk again "
                         "once that is fixed.") from exc


def show_unexpected(exc: BaseException, log_path: Path) -> None:
    """The excepthook's error dialog (with the log's path), once the app is running; before that, the log only.
    A read in the background that could not reach the workspace server is no error: the windows reconnect. One
    that found the store gone or unreadable is told in the store's one line (``errors.tell_uncaught``)."""
    from PySide6.QtWidgets import QApplication

    from tension_desk.ui.live import unreachable

    if QApplication.instance() is not None and not unreachable(exc):
        from tension_desk.ui.errors import tell_uncaught

        tell_uncaught(exc, log_path)


def _tell(parent: QWidget | None, text: str, critical: bool = True) -> None:
    """A message box whose text is shown literally (a path may hold markup)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()


def run_gui(data_dir_arg: str | None = None, store_arg: str | None = None) -> int:
    from tension_desk.desktop import one_malloc_arena

    if os.name == "posix":
        os.umask(0o077)  # the store, its WAL, backups and exports: readable by their owner only
    one_malloc_arena()  # before any thread starts (issue 15, figure 5′)
    app = make_application()
    with quit_on_signals(app) as ending:  # a start-up dialog, too, ends cleanly on SIGTERM or Ctrl-C
        return _run_gui(app, ending, data_dir_arg, store_arg)


def _run_gui(app: QApplication, ending: Ending, data_dir_arg: str | None, store_arg: str | None) -> int:
    # Paint a window at once; SQLAlchemy, SQLModel and the views load behind it (about half a second), and so
    # does everything else: the modules imported below are not needed for that first frame.
    placeholder = _placeholder_window()
    placeholder.show()
    app.processEvents()
    from tension_desk.desktop import release_free_memory
    from tension_desk.logs import error_text
    from tension_desk.paths import resolve_data_dir, resolve_store_url
    from tension_desk.store.engine import StoreError

    data_dir = resolve_data_dir(data_dir_arg)
    url = resolve_store_url(store_arg, data_dir)
    try:
        lock = acquire_store_lock(data_dir)
    except (StoreError, OSError) as exc:  # not a folder, read-only, a full disk
        placeholder.close()
        _tell(None, error_text(exc))
        return 1
    if lock is None:
        from tension_desk.lock import CLI, holder

        placeholder.close()
        where = ("A tension-desk command is writing to this store" if holder(data_dir) == CLI
                 else "This store is already open in another Tension Desk window")
        _tell(None, f"{where}:\n{data_dir}\n\nSwitch to that window, or wait for it to finish or close it, "
                    "and try again.", critical=False)
        return 1
    try:
        window = open_window_or_recover(data_dir, url)
    except (StoreError, OSError) as exc:
        placeholder.close()
        _tell(None, error_text(exc))
        lock.unlock()
        return 1
    if window is None:
        placeholder.close()
        lock.unlock()
        return 0 if ending.asked else 1
    window.show()
    placeholder.close()
    release_free_memory()  # what building the window freed (issue 15, figure 5)
    load_on_idle(window)  # the ORM, once the window is on screen and free to take input
    for warning in window.startup_warnings:
        if not ending.asked:
            _tell(window, warning, critical=False)
    try:
        if ending.asked:  # during a start-up dialog: the window closes as the event loop would have closed it
            window.close()
            return 0
        return app.exec()
    finally:
        window.ctx.desk.dispose()  # the last connection closes: SQLite folds the WAL in and removes it
        lock.unlock()


class Ending:
    """Whether SIGTERM or Ctrl-C asked the app to end (``quit_on_signals``)."""

    asked = False


@contextmanager
def quit_on_signals(app: QApplication) -> Iterator[Ending]:
    """While the event loop runs, SIGTERM (a logout, ``kill``) and SIGINT (Ctrl-C in the terminal that started
    it) quit it like closing the window, so the store is closed cleanly (Python's own SIGINT handler raised
    KeyboardInterrupt in whatever slot ran next: a traceback, and the app went on). Python runs a signal handler
    only between bytecodes, so the signal wakes the Qt loop through a socket (``signal.set_wakeup_fd``).
    Before the event loop runs (a start-up dialog is open: its own loop takes no ``quit``), the dialog is
    closed as its Quit or Close button would and ``Ending.asked`` tells the caller to end."""
    ending = Ending()
    if os.name != "posix":
        yield ending
        return
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QDialog

    def close() -> None:
        for dialog in app.topLevelWidgets():
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
        app.quit()

    def end(*_: object) -> None:
        ending.asked = True
        QTimer.singleShot(0, close)  # from the loop that runs next: a dialog still being shown has its own by then

    reader, writer = socket.socketpair()
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: reader.recv(64))
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = {sig: signal.signal(sig, end) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield ending
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()
