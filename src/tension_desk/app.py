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
    store opens once they are done, with their errors and warnings, exactly as ``open_store`` would."""
    from concurrent.futures import Future, ThreadPoolExecutor

    from PySide6.QtGui import QUndoStack

    from tension_desk.logs import log_unexpected
    from tension_desk.services.desk import Desk
    from tension_desk.services.shared import daily_backup
    from tension_desk.store.engine import CheckedStore, check_local_store, open_checked, open_store, store_path

    warnings: list[str] = []
    checked: Future[CheckedStore] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-check") as behind:  # waits for it on leaving
        if url is None:  # what it imports is loaded by now (with the services): no import runs on both threads
            checked = behind.submit(check_local_store, data_dir, True, warnings.append)
        from tension_desk.ui.context import Context
        from tension_desk.ui.main_window import MainWindow
        from tension_desk.ui.notifier import Notifier
    engine = open_checked(checked.result()) if checked else open_store(data_dir, warn=warnings.append, url=url)
    ctx = Context(desk=Desk(engine), notifier=Notifier(), undo_stack=QUndoStack(), log_unexpected=log_unexpected)
    if url is not None:
        daily_backup(ctx.desk, data_dir, warnings.append)
    window = MainWindow(ctx, None if url else store_path(data_dir))  # no file of its own to restore over
    window.startup_warnings = warnings
    ctx.undo_stack.setParent(window)
    ctx.notifier.setParent(window)
    _add_connect_action(window, Path(data_dir), url)
    return window


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
    window.ctx.desk.engine.dispose()
    for warning in new.startup_warnings:
        _tell(new, warning, critical=False)
    return new


def _placeholder_window() -> QMainWindow:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMainWindow

    from tension_desk.ui.settings import restore_geometry

    w = QMainWindow()
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
        choice = StoreProblemDialog.ask(None, str(exc), backup)
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
    A read in the background that could not reach the workspace server is no error: the windows reconnect."""
    from PySide6.QtWidgets import QApplication

    from tension_desk.ui.live import unreachable

    if QApplication.instance() is not None and not unreachable(exc):
        from tension_desk.ui.errors import Prompts

        Prompts.show_unexpected(None, exc, log_path)


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
    if os.name == "posix":
        os.umask(0o077)  # the store, its WAL, backups and exports: readable by their owner only
    app = make_application()
    # Paint a window at once; SQLAlchemy, SQLModel and the views load behind it (about half a second), and so
    # does everything else: the modules imported below are not needed for that first frame.
    placeholder = _placeholder_window()
    placeholder.show()
    app.processEvents()
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
        return 1
    window.show()
    placeholder.close()
    for warning in window.startup_warnings:
        _tell(window, warning, critical=False)
    try:
        with quit_on_sigterm(app):
            return app.exec()
    finally:
        window.ctx.desk.engine.dispose()  # the last connection closes: SQLite folds the WAL in and removes it
        lock.unlock()


@contextmanager
def quit_on_sigterm(app: QApplication) -> Iterator[None]:
    """While the event loop runs, SIGTERM (a logout, ``kill``) quits it like closing the window, so the store is
    closed cleanly. Python runs a signal handler only between bytecodes, so the signal wakes the Qt loop through
    a socket (``signal.set_wakeup_fd``)."""
    if os.name != "posix":
        yield
        return
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: reader.recv(64))
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    previous = signal.signal(signal.SIGTERM, lambda *_: app.quit())
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.set_wakeup_fd(previous_fd)
        notifier.setEnabled(False)
        reader.close()
        writer.close()
