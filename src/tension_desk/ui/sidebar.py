"""The session list left of the window's pages: the sessions by quarter, the buttons of the two workspace pages
(the decision log, the capacity review), and whether the list is shown (Ctrl+B, remembered). The window decides
what a choice in it opens; the list changes without opening what it then points at (``quiet``, ``point_at``)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QPushButton, QTreeView, QVBoxLayout, QWidget

from tension_desk.ui import settings
from tension_desk.ui.models.roles import IdRole
from tension_desk.ui.models.sessions import SessionTreeModel
from tension_desk.ui.widgets.session_list import SessionEntryDelegate


class Sidebar(QWidget):
    def __init__(self, model: SessionTreeModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.model = model
        self.tree = QTreeView()
        self.tree.setObjectName("session_list")
        self.tree.setModel(model)
        self.tree.setItemDelegate(SessionEntryDelegate(self.tree))  # a long title on two lines
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName("Sessions by quarter")
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        heading = QLabel("Sessions")
        heading.setObjectName("sidebar_heading")
        layout.addWidget(heading)
        layout.addWidget(self.tree, 1)
        self.log_button = QPushButton("Decision log")
        self.log_button.setObjectName("log_button")
        self.log_button.setToolTip("Every decision across sessions (Ctrl+L)")
        layout.addWidget(self.log_button)
        self.review_button = QPushButton("Capacity && outcomes")
        self.review_button.setObjectName("review_button")
        self.review_button.setToolTip("Quarterly review of the split, and time from idea to customer value (Ctrl+K)")
        layout.addWidget(self.review_button)
        self.setMinimumWidth(230)

    def place_toggle(self, window: QWidget, view_menu: QMenu) -> QAction:
        """Ctrl+B hides or shows the list (in the View menu, and on ``window`` so that it works while the list is
        hidden); the list is shown or hidden as last chosen, and the choice is remembered."""
        action = QAction("Session &list", window)
        action.setObjectName("toggle_sidebar")
        action.setCheckable(True)
        action.setShortcut(QKeySequence("Ctrl+B"))
        action.setToolTip("Show or hide the list of sessions (Ctrl+B)")
        action.setChecked(settings.app_settings().value("sidebar/visible", "true") != "false")
        self.setVisible(action.isChecked())
        action.toggled.connect(self._show)
        view_menu.addSeparator()
        view_menu.addAction(action)
        window.addAction(action)
        return action

    def _show(self, shown: bool) -> None:
        self.setVisible(shown)
        settings.app_settings().setValue("sidebar/visible", "true" if shown else "false")

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Change the session list without opening what it then points at (its selection's signals held)."""
        selection = self.tree.selectionModel()
        selection.blockSignals(True)
        try:
            yield
        finally:
            selection.blockSignals(False)
            self.tree.viewport().update()

    def point_at(self, session_id: int | None) -> None:
        """Make ``session_id`` (None: none) the list's current session, without opening it."""
        current = self.tree.currentIndex()
        if (current.data(IdRole) if current.isValid() else None) == session_id:
            return
        index = self.model.index_of(session_id) if session_id is not None else None
        with self.quiet():
            self.tree.selectionModel().setCurrentIndex(QModelIndex() if index is None else index,
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)
