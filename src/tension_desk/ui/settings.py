"""The user's view preferences (sidebar, sorts…): one INI file in the user config dir, read at call time,
so tests that point XDG_CONFIG_HOME at a temporary folder never touch the developer's own settings."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from tension_desk.ui.main_window import MainWindow


def app_settings() -> QSettings:
    from pathlib import Path

    from platformdirs import user_config_dir

    path = Path(user_config_dir("tension-desk", appauthor=False)) / "view.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


# -- where the user left off: the session and tab on screen, and the window's geometry ----------------------
def restore_place(window: MainWindow) -> None:
    """Put the window back where the user left it (geometry, the last session and its tab), then remember
    every later change of session or tab as it happens (nothing is lost when the app is killed)."""
    from tension_desk.ui.widgets.session_view import Tab

    restore_geometry(window)
    settings = app_settings()
    session_id = _as_int(settings.value("window/session"))
    if session_id is not None and session_id in {s.id for s in window.ctx.desk.sessions.list()}:
        window.select_session(session_id)
        tab = settings.value("window/tab")
        if tab in Tab.__members__:
            window.session_view.show_tab(Tab[tab])
    window.session_view.tabs.currentChanged.connect(lambda _i: remember_place(window))
    window.session_tree.selectionModel().currentChanged.connect(lambda *_: remember_place(window))


def remember_place(window: MainWindow) -> None:
    """Keep the session on screen and its tab (a page with no session leaves the last one as it was)."""
    view = window.session_view
    if view.session is None:
        return
    settings = app_settings()
    settings.setValue("window/session", view.session.id)
    tab = next((t.name for t, page in view.pages.items() if page is view.tabs.currentWidget()), None)
    if tab is not None:
        settings.setValue("window/tab", tab)


DEFAULT_SIZE = QSize(1280, 720)
SMALLEST = QSize(640, 400)  # a window smaller than this was saved from a transient state, not by the user


def restore_geometry(window: QWidget) -> None:
    """Give the window the size and place it was closed at; the default size, within the screen, when none
    was saved, or when the saved one is tiny or on no screen (a monitor unplugged since). Call it before the
    first show(), and let no one set the geometry after it (the startup placeholder calls it too)."""
    settings = app_settings()
    size, pos = settings.value("window/size"), settings.value("window/pos")
    if isinstance(size, QSize) and isinstance(pos, QPoint) and _fits_a_screen(QRect(pos, size)):
        # the client area, as saved: move() would put the frame (title bar) there, the window a title bar lower
        window.setGeometry(QRect(pos, size))
    else:
        screen = QGuiApplication.primaryScreen()
        window.resize(DEFAULT_SIZE.boundedTo(screen.availableSize()) if screen else DEFAULT_SIZE)
    if settings.value("window/maximized") == "true":
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def _fits_a_screen(rect: QRect) -> bool:
    return (rect.width() >= SMALLEST.width() and rect.height() >= SMALLEST.height()
            and QGuiApplication.screenAt(rect.topLeft()) is not None)


def remember_geometry(window: MainWindow) -> None:
    """The window's size and place as the user left them (the normal size when it is maximized or minimized);
    a window never shown keeps the geometry saved before."""
    if not window.isVisible():
        return
    settings = app_settings()
    normal = window.normalGeometry() if window.isMaximized() or window.isMinimized() else window.geometry()
    if normal.width() < SMALLEST.width() or normal.height() < SMALLEST.height():
        return
    settings.setValue("window/size", normal.size())
    settings.setValue("window/pos", normal.topLeft())
    settings.setValue("window/maximized", "true" if window.isMaximized() else "false")


def _as_int(value: object) -> int | None:
    if not isinstance(value, int | float | str):
        return None
    try:
        return int(value)
    except (ValueError, OverflowError):
        return None
