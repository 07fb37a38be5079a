"""Help → About Tension Desk (its version, the store in use, the bundled font's licence, the Qt and PySide6
versions) and Help → Keyboard shortcuts (read from the window's actions themselves, so the list cannot drift from
the keys). Both plain text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tension_desk import APP_NAME, __version__
from tension_desk.render import fonts
from tension_desk.ui.menus import LABEL
from tension_desk.ui.plain import plain_label, shown_text

if TYPE_CHECKING:
    from tension_desk.ui.main_window import MainWindow

ANYWHERE = "Anywhere in the window"
PRESENTING = "Presentation mode"  # the presentation window's keys (its own window: they work there)


def about_text(window: MainWindow) -> str:
    desk = window.ctx.desk
    store = (str(window.store_path) if window.store_path is not None and not desk.shared
             else f"shared workspace {desk.url.render_as_string(hide_password=True)}")
    return "\n".join((
        f"{APP_NAME} {__version__}",
        f"Store in use: {store}",
        f"Font: {fonts.FAMILY} ({fonts.ORIGIN}), under the {fonts.LICENCE}",
        f"The font's licence: {fonts.licence_file()}",
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
    ))


class AboutDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(f"About {APP_NAME}")
        self.text = plain_label(about_text(window), name="about_text")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the paths, to copy
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


@dataclass(frozen=True)
class KeyRow:
    keys: str  # as the platform writes them; several keys of one action separated by ", "
    what: str  # the action, as its menu or button says it
    where: str  # "Anywhere in the window", or the tab whose list or table has the focus


# Keys some keyboards have of their own (a "Redo" key), which the standard shortcuts include: listed, they read
# as a word among the keys ("Ctrl+Shift+Z, Redo, Ctrl+Y")
DEDICATED_KEYS = frozenset({Qt.Key.Key_Redo, Qt.Key.Key_Undo, Qt.Key.Key_Copy, Qt.Key.Key_Cut, Qt.Key.Key_Paste,
                            Qt.Key.Key_Open, Qt.Key.Key_Save, Qt.Key.Key_Close, Qt.Key.Key_Find, Qt.Key.Key_New,
                            Qt.Key.Key_Help, Qt.Key.Key_Print, Qt.Key.Key_Refresh})


def key_rows(window: MainWindow) -> list[KeyRow]:
    """Every keyboard shortcut of the window's actions (its menus, toolbars, tabs, lists), each once; the tabs
    not shown yet are built first, so their keys are listed too; then the presentation window's (one is built,
    unshown, when none is open). The window-wide ones first, the presentation window's last."""
    view = window.session_view
    for page in view.lazy.values():
        page.build()
    rows: dict[KeyRow, None] = {}
    dedicated = [QKeySequence(key) for key in DEDICATED_KEYS]

    def add(a: QAction, where: str) -> None:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()
                         if not k.isEmpty() and k not in dedicated)
        what = _what(a)
        if keys and what:
            rows[KeyRow(keys, what, where)] = None

    for a in window.findChildren(QAction):
        add(a, _where(window, a))
    presenting = view.presentation
    if presenting is None and view.session is not None:
        from tension_desk.ui.widgets.presentation import PresentationWindow  # as SessionView.present does

        presenting = PresentationWindow(view.matrix, view.chart, "", view.script_bar)
        presenting.deleteLater()  # read, never shown
    for a in presenting.actions() if presenting is not None else ():
        add(a, PRESENTING)
    order = {ANYWHERE: 0, PRESENTING: 2}
    return sorted(rows, key=lambda r: order.get(r.where, 1))  # stable: in the order the windows made them


def _what(a: QAction) -> str:
    label = a.property(LABEL)
    if isinstance(label, str):
        return label
    text = shown_text(a.text()).strip()
    if not any(c.isalpha() for c in text):  # an arrow (↑): its button's accessible name says it in words
        names = [o.accessibleName() for o in a.associatedObjects() if isinstance(o, QAbstractButton)]
        text = next((re.sub(r"\s*\([^()]*\)$", "", n) for n in names if n), text)  # less the keys it names
    return text


def _where(window: MainWindow, a: QAction) -> str:
    if a.shortcutContext() in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return ANYWHERE
    pages = {page: tab for tab, page in window.session_view.pages.items()}
    for widget in a.associatedObjects():
        if not isinstance(widget, QWidget) or isinstance(widget, QMenu | QToolBar | QToolButton):
            continue
        w: QWidget | None = widget
        while w is not None:
            if w in pages:
                return f"{shown_text(pages[w].value)} tab"
            w = w.parentWidget()
    return "Where its list has the focus"


class ShortcutsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        rows = key_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels(["Keys", "Does", "Where"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for r, row in enumerate(rows):
            for c, text in enumerate((row.keys, row.what, row.where)):
                self.table.setItem(r, c, QTableWidgetItem(text))  # an item's text is plain text
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 560)


def show_about(window: MainWindow) -> None:
    AboutDialog(window).exec()


def show_shortcuts(window: MainWindow) -> None:
    ShortcutsDialog(window).exec()
