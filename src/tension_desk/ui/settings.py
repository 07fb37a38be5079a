"""The user's view preferences (sidebar, sorts…): one INI file in the user config dir, read at call time,
so tests that point XDG_CONFIG_HOME at a temporary folder never touch the developer's own settings."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QPoint, QRect, QSettings, QSize, Qt
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


DEFAULT_SIZE = QSize(1280, 720)  # the client area of a first window, where the screen has room for it and a frame
SMALLEST = QSize(640, 400)  # a window smaller than this was saved from a transient state, not by the user
# The frame a window manager puts around the client area (title bar, borders), before the window is shown and its
# own frame is known: generous enough for the usual ones (Windows 10/11 at 8, 31, 8, 8 with its invisible borders;
# GNOME, KDE, macOS and openbox title bars of 20-38 px). Once a window was closed, the frame it really had is saved
# and used instead.
FRAME = QMargins(8, 40, 8, 8)


def restore_geometry(window: QWidget) -> None:
    """Give the window the size and place it was closed at, brought onto its screen, frame included, where it no
    longer fits (a laptop undocked from a big monitor); when none was saved, or the saved one is tiny or on no
    screen (a monitor unplugged since), the default size as far as the screen allows, frame included, in the
    middle of the primary screen. A first window on a 1280×720 screen is a little smaller than the screen rather
    than maximized: maximized, it would open maximized on every later launch, on a big monitor too, and its
    normal size (restored by un-maximizing) would still overflow. Call it before the first show(), and let no one
    set the geometry after it (the startup placeholder calls it too)."""
    settings = app_settings()
    size, pos = settings.value("window/size"), settings.value("window/pos")
    frame = _frame(settings.value("window/frame"))
    saved = QRect(pos, size) if isinstance(size, QSize) and isinstance(pos, QPoint) else None
    screen = QGuiApplication.screenAt(saved.topLeft()) if saved is not None and _big_enough(saved.size()) else None
    if saved is not None and screen is not None:
        # the client area, as saved: move() would put the frame (title bar) there, the window a title bar lower
        window.setGeometry(fitted(saved, screen.availableGeometry(), frame))
    elif (primary := QGuiApplication.primaryScreen()) is not None:
        room = primary.availableGeometry().marginsRemoved(frame)
        default = QRect(QPoint(0, 0), DEFAULT_SIZE.boundedTo(room.size()))
        default.moveCenter(room.center())
        window.setGeometry(default)
    else:
        window.resize(DEFAULT_SIZE)
    if settings.value("window/maximized") == "true":
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def fitted(client: QRect, available: QRect, frame: QMargins) -> QRect:
    """The client area ``client``, moved and if need be shrunk so that with its ``frame`` it lies within the
    screen's ``available`` geometry; unchanged when it already does (a window reopens exactly where it was)."""
    room = available.marginsRemoved(frame)
    size = client.size().boundedTo(room.size())
    x = min(max(client.x(), room.left()), room.right() + 1 - size.width())
    y = min(max(client.y(), room.top()), room.bottom() + 1 - size.height())
    return QRect(QPoint(x, y), size)


def _big_enough(size: QSize) -> bool:
    return size.width() >= SMALLEST.width() and size.height() >= SMALLEST.height()


def _frame(value: object) -> QMargins:
    """The frame saved with the window's geometry ("left top right bottom"), or the usual one."""
    parts = [_as_int(v) for v in value.split()] if isinstance(value, str) else []
    if len(parts) != 4 or any(p is None or not 0 <= p <= 200 for p in parts):
        return FRAME
    left, top, right, bottom = (p or 0 for p in parts)
    return QMargins(left, top, right, bottom)


def remember_geometry(window: MainWindow) -> None:
    """The window's size and place as the user left them (the normal size when it is maximized or minimized),
    and the frame the window manager gave it; a window never shown keeps the geometry saved before."""
    if not window.isVisible():
        return
    settings = app_settings()
    normal = window.normalGeometry() if window.isMaximized() or window.isMinimized() else window.geometry()
    if not _big_enough(normal.size()):
        return
    settings.setValue("window/size", normal.size())
    settings.setValue("window/pos", normal.topLeft())
    settings.setValue("window/maximized", "true" if window.isMaximized() else "false")
    if window.windowState() == Qt.WindowState.WindowNoState:  # a maximized window may lose its borders
        outer, inner = window.frameGeometry(), window.geometry()
        margins = (inner.left() - outer.left(), inner.top() - outer.top(), outer.right() - inner.right(),
                   outer.bottom() - inner.bottom())
        settings.setValue("window/frame", " ".join(str(m) for m in margins))


def _as_int(value: object) -> int | None:
    if not isinstance(value, int | float | str):
        return None
    try:
        return int(value)
    except (ValueError, OverflowError):
        return None
