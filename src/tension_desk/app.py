"""Composition root: paths → store → services → undo stack → main window."""
from __future__ import annotations

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


def run_gui(data_dir_arg: str | None = None) -> int:
    from PySide6.QtCore import QLockFile
    from PySide6.QtWidgets import QMessageBox

    from tension_desk.paths import resolve_data_dir
    from tension_desk.store.engine import StoreError

    app = make_application()
    data_dir = resolve_data_dir(data_dir_arg)
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(data_dir / "tension-desk.lock"))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        QMessageBox.warning(None, APP_NAME, f"This store is already open in another Tension Desk window:\n{data_dir}\n\n"
                                            "Switch to that window, or close it and try again.")
        return 1
    try:
        window = build_window(data_dir)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window.show()
    try:
        return app.exec()
    finally:
        window.ctx.desk.engine.dispose()
        lock.unlock()
