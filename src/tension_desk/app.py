"""Composition root: paths → store → services → undo stack → main window."""
from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path

from tension_desk import APP_NAME, __version__


def load_style_sheet() -> str:
    return (files("tension_desk") / "resources" / "style.qss").read_text(encoding="utf-8")


def make_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from tension_desk.render.fonts import register_fonts, ui_font

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("tension-desk")
    register_fonts()
    app.setFont(ui_font(10))
    app.setStyleSheet(load_style_sheet())
    return app


def build_window(data_dir: Path):
    """Open the store in ``data_dir`` and build the main window on it (the caller shows it)."""
    from PySide6.QtGui import QUndoStack

    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store, store_path
    from tension_desk.ui.context import Context
    from tension_desk.ui.main_window import MainWindow
    from tension_desk.ui.notifier import Notifier

    engine = open_store(data_dir)
    ctx = Context(desk=Desk(engine), notifier=Notifier(), undo_stack=QUndoStack())
    window = MainWindow(ctx, store_path(data_dir))
    ctx.undo_stack.setParent(window)
    ctx.notifier.setParent(window)
    return window


def _placeholder_window():
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMainWindow

    w = QMainWindow()
    w.setWindowTitle(APP_NAME)
    label = QLabel("Opening your store…")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    w.setCentralWidget(label)
    w.resize(1280, 720)
    return w


def acquire_store_lock(data_dir: Path):
    """One running app per store: a lock file in the data dir. A lock left by a crashed app (its process
    is gone) is recovered. Returns the held lock, or None when another running app holds it."""
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(Path(data_dir) / "tension-desk.lock"))
    lock.setStaleLockTime(0)  # never stale by age alone: a long meeting must keep its lock
    if lock.tryLock(100):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    lock.removeStaleLockFile()
    return lock if lock.tryLock(100) else None


def open_window_or_recover(data_dir: Path):
    """Build the window; if the store is damaged or from a newer version, ask what to do (restore the
    newest backup, start a new store, or quit). Returns None when the user quits."""
    from tension_desk.store.engine import NewerStoreError, StoreError
    from tension_desk.store.recovery import newest_backup, restore_backup, set_aside
    from tension_desk.ui.dialogs.damaged import NEW, RESTORE, StoreProblemDialog

    try:
        return build_window(data_dir)
    except StoreError as exc:
        label = "newer" if isinstance(exc, NewerStoreError) else "damaged"
        backup = newest_backup(data_dir)
        choice = StoreProblemDialog.ask(None, str(exc), backup)
        if choice == RESTORE and backup is not None:
            set_aside(data_dir, label)
            restore_backup(data_dir, backup)
        elif choice == NEW:
            set_aside(data_dir, label)
        else:
            return None
        return build_window(data_dir)


def run_gui(data_dir_arg: str | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from tension_desk.paths import resolve_data_dir
    from tension_desk.store.engine import StoreError

    if os.name == "posix":
        os.umask(0o077)  # the store, its WAL, backups and exports: readable by their owner only
    app = make_application()
    # Paint a window at once; SQLAlchemy, SQLModel and the views load behind it (about half a second).
    placeholder = _placeholder_window()
    placeholder.show()
    app.processEvents()
    data_dir = resolve_data_dir(data_dir_arg)
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = acquire_store_lock(data_dir)
    if lock is None:
        placeholder.close()
        QMessageBox.warning(None, APP_NAME, f"This store is already open in another Tension Desk window:\n{data_dir}\n\n"
                                            "Switch to that window, or close it and try again.")
        return 1
    try:
        window = open_window_or_recover(data_dir)
    except StoreError as exc:
        placeholder.close()
        QMessageBox.critical(None, APP_NAME, str(exc))
        lock.unlock()
        return 1
    if window is None:
        placeholder.close()
        lock.unlock()
        return 1
    window.setGeometry(placeholder.geometry())
    window.show()
    placeholder.close()
    try:
        return app.exec()
    finally:
        window.ctx.desk.engine.dispose()
        lock.unlock()
