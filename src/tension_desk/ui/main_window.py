"""The main window: a thin shell of menus, the session list and the pages right of it (the session, the decision
log, the capacity review, or the welcome page). Its edits are in ``session_actions`` and ``file_actions``, its
link to the store (saved state, live updates, the first questions) in ``store_link``, the session list's widgets
(and Ctrl+B, which hides it) in ``sidebar``."""
from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSplitter, QStackedWidget, QToolBar, QWidget

from tension_desk import APP_NAME
from tension_desk.domain.model import SessionStatus
from tension_desk.services.types import both_leaders, hides_scores, scores_sealed
from tension_desk.ui import menus, settings
from tension_desk.ui.closed import is_closed, offer
from tension_desk.ui.context import Context
from tension_desk.ui.file_actions import FileActions
from tension_desk.ui.models.roles import IdRole
from tension_desk.ui.models.sessions import SessionTreeModel
from tension_desk.ui.plain import shown_text
from tension_desk.ui.session_actions import SessionActions
from tension_desk.ui.sidebar import Sidebar
from tension_desk.ui.store_link import StoreLink
from tension_desk.ui.widgets.session_view import SessionView, Tab
from tension_desk.ui.widgets.welcome import WelcomePage

if TYPE_CHECKING:
    from tension_desk.services.types import SessionSnapshot
    from tension_desk.ui.widgets.decision_log_view import DecisionLogView
    from tension_desk.ui.widgets.review_view import WorkspaceReviewView

EXPORT_HIDDEN = "Export is off while the blind scores are hidden: reveal both leaders' scores first"


class Page(enum.Enum):
    """What the window shows right of the session list (SESSION: the session, or the welcome page without one)."""

    SESSION = enum.auto()
    LOG = enum.auto()
    REVIEW = enum.auto()


class MainWindow(QMainWindow):
    # Put on the window by ``menus.build``; the window decides when each is enabled.
    new_action: QAction
    sample_action: QAction
    import_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    undo_tool: QAction
    redo_tool: QAction
    leaders_action: QAction
    log_action: QAction
    review_action: QAction
    criteria_action: QAction
    rename_action: QAction
    delete_action: QAction
    present_action: QAction
    verify_action: QAction
    backups_action: QAction
    seat_action: QAction
    connect_action: QAction
    about_action: QAction
    shortcuts_action: QAction
    export_actions: dict[str, QAction]
    export_log_actions: dict[str, QAction]
    status_actions: dict[SessionStatus, QAction]
    status_group: QActionGroup
    session_menu: QMenu
    startup_warnings: list[str]

    def __init__(self, ctx: Context, store_path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.store_path = store_path
        self.session_actions = SessionActions(self)
        self.file_actions = FileActions(self)
        self._first_shown = False
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 720)
        self.session_model = SessionTreeModel(self)
        self.sidebar = Sidebar(self.session_model)
        self.session_tree, self.log_button, self.review_button = (self.sidebar.tree, self.sidebar.log_button,
                                                                  self.sidebar.review_button)
        self.session_tree.selectionModel().currentChanged.connect(self._on_current_session)
        self.session_tree.pressed.connect(self._on_session_pressed)  # left or right: its right-click menu acts on it

        self.welcome = WelcomePage()
        self.session_view = SessionView(ctx)
        self._log_view: DecisionLogView | None = None  # these two pages are built when first shown
        self._review_view: WorkspaceReviewView | None = None
        self.stack = QStackedWidget()
        for page in (self.welcome, self.session_view):
            self.stack.addWidget(page)
        self.page = Page.SESSION
        self.log_button.clicked.connect(self.show_decision_log)
        self.review_button.clicked.connect(self.show_review)

        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1040])
        splitter.setStretchFactor(0, 0)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        menus.build(self)
        self._build_view_controls()
        self.toolbar().addWidget(self.session_view.script_bar)  # no row of the window is spent on the script
        # What acts on the session on screen, off on a workspace page (the decision log, the review): in a group,
        # an action stays off there whatever its own state says (Discuss next once the matrix changes).
        self.session_bound = QActionGroup(self)
        self.session_bound.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        script = self.session_view.script_bar
        for a in (self.import_action, self.present_action, self.session_view.matrix.discuss, script.start_action,
                  script.next_action, self.rename_action, self.delete_action, *self.export_actions.values()):
            self.session_bound.addAction(a)
        self.link = StoreLink(self)
        self.store_label, self.save_status, self.live = self.link.store_label, self.link.save_status, self.link.live
        self.saved_label = self.save_status.label
        self.hidden_label = QLabel(EXPORT_HIDDEN)
        self.hidden_label.setObjectName("export_hidden_label")
        self.hidden_label.hide()
        self.statusBar().addWidget(self.hidden_label)

        self.welcome.new_session_requested.connect(self.session_actions.new_session)
        self.welcome.sample_requested.connect(self.session_actions.open_sample)
        self.welcome.leaders_requested.connect(self.session_actions.edit_leaders)
        n = ctx.notifier
        n.sessions_changed.connect(self.refresh_sessions)
        n.leaders_changed.connect(self.update_state)
        n.scoring_changed.connect(lambda _sid: self.update_state())
        n.decisions_changed.connect(self._refresh_log)
        n.capacity_changed.connect(self._refresh_review)
        n.agenda_changed.connect(lambda _sid: self._refresh_review())
        self.refresh_sessions()
        settings.restore_place(self)

    @property
    def log_view(self) -> DecisionLogView:
        if self._log_view is None:
            from tension_desk.ui.widgets.decision_log_view import DecisionLogView

            self._log_view = DecisionLogView()
            self._log_view.open_session_requested.connect(self.select_session)
            self.stack.addWidget(self._log_view)
        return self._log_view

    @property
    def review_view(self) -> WorkspaceReviewView:
        if self._review_view is None:
            from tension_desk.ui.widgets.review_view import WorkspaceReviewView

            self._review_view = WorkspaceReviewView()
            review = self._review_view.review
            review.review_requested.connect(self._record_review)
            review.edit_requested.connect(self._edit_plan)
            review.export_requested.connect(self.file_actions.export_review)
            self.stack.addWidget(self._review_view)
        return self._review_view

    def toolbar(self) -> QToolBar:
        bar = self.findChild(QToolBar, "main_toolbar")
        assert bar is not None, "menus.build adds the main toolbar"
        return bar

    def _build_view_controls(self) -> None:
        """"Discuss next" sits in the toolbar (no row of the matrix tab is spent on one button) and brings up
        the matrix; Ctrl+B hides or shows the session list, and the choice is remembered."""
        discuss = self.session_view.matrix.discuss
        discuss.triggered.connect(lambda: self.session_view.show_tab(Tab.MATRIX))
        bar = self.toolbar()
        bar.addSeparator()
        bar.addAction(discuss)
        view_menu = next(a.menu() for a in self.menuBar().actions() if a.text() == "&View")
        assert isinstance(view_menu, QMenu), "menus.build adds the View menu"
        self.sidebar_action = self.sidebar.place_toggle(self, view_menu)

    # -- state --------------------------------------------------------------------------------------
    def current_session_id(self) -> int | None:
        return self.session_view.session.id if self.session_view.session else None

    def refresh_sessions(self) -> None:
        current = self.current_session_id()
        sessions = self.ctx.desk.sessions.list()
        with self.sidebar.quiet():
            self.session_model.set_sessions(sessions)
            self.session_tree.expandAll()
        ids = {s.id for s in sessions}
        if current in ids:
            self.select_session(current)
        else:
            self.session_view.show_session(None)
        self.update_state()

    def select_session(self, session_id: int | None) -> None:
        self.page = Page.SESSION
        index = self.session_model.index_of(session_id) if session_id is not None else None
        if index is None:
            self.session_tree.clearSelection()
            self.session_view.show_session(None)
        else:
            already = self.current_session_id() == session_id
            listed = self.session_tree.currentIndex() == index
            self.session_tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if listed and not already:  # the selection did not load it (it was current)
                self.session_view.show_session(session_id)
            elif already:
                self.session_view.refresh()
        self.update_state(self.session_view.shown)  # as just read: opening a session reads the store once

    def _on_current_session(self, current: QModelIndex | QPersistentModelIndex, _previous: object) -> None:
        sid = current.data(IdRole) if current.isValid() else None
        if sid is not None:
            self.page = Page.SESSION
        opened = sid is not None and sid != self.current_session_id()
        if opened:
            try:
                self.session_view.show_session(sid)
            finally:  # a session that could not be read (the store gone): the list shows the one still on screen
                self.sidebar.point_at(self.current_session_id())
        self.update_state(self.session_view.shown if opened else None)

    def _on_session_pressed(self, index: QModelIndex) -> None:
        """A click or right-click on the session still current (the log or the review on screen): back to that
        session, so its right-click menu acts on the session on screen."""
        sid = index.data(IdRole)
        if sid is not None and self.page is not Page.SESSION:
            self.select_session(sid)

    def show_review(self) -> None:
        self.page = Page.REVIEW
        self.review_view.load(self.ctx.desk)
        self.session_tree.clearSelection()
        self.update_state()

    def show_decision_log(self) -> None:
        self.page = Page.LOG
        self._load_log()
        self.session_tree.clearSelection()
        self.update_state()
        self.log_view.search.setFocus()

    def _load_log(self) -> None:
        from tension_desk.services.log import build_log_entries

        self.log_view.load(build_log_entries(self.ctx.desk), self.ctx.desk.workspace.leaders())

    def _record_review(self, quarter: str) -> None:
        from tension_desk.ui.controllers import capacity  # the capacity tab's (its gauge): not on the first frame

        capacity.record_review(self.ctx, self, quarter)

    def _edit_plan(self, quarter: str) -> None:
        from tension_desk.ui.controllers import capacity

        if quarter:
            capacity.edit_plan(self.ctx, self, quarter)

    def _refresh_review(self) -> None:
        if self.page is Page.REVIEW:
            self.review_view.load(self.ctx.desk)

    def _refresh_log(self) -> None:
        if self.page is Page.LOG:
            self._load_log()

    def update_state(self, snap: SessionSnapshot | None = None) -> None:
        """The page on screen, the title, and which actions are on, as the session and the workspace are now
        (``snap``: the session as the view has just read it, so that opening it reads nothing twice)."""
        session = self.session_view.session
        has_leaders = both_leaders(snap.leaders) if snap else self.ctx.desk.workspace.has_leaders()
        page: QWidget = (self.log_view if self.page is Page.LOG else self.review_view if self.page is Page.REVIEW
                         else self.session_view if session else self.welcome)
        self.stack.setCurrentWidget(page)
        self.welcome.set_state(has_leaders, bool(self.session_model.rowCount()))
        self.new_action.setEnabled(has_leaders)
        for a in (self.rename_action, self.delete_action, self.present_action):
            a.setEnabled(session is not None)
        on_screen = page is self.session_view
        for group in (self.session_bound, self.status_group):  # Session → Status: its own group, of one choice
            group.setEnabled(on_screen)
        self.session_view.script_bar.setEnabled(on_screen)  # the agenda and the timer (the clock runs on)
        offer(self.import_action, session is not None, on_screen and is_closed(session), "its priorities")
        # Blind scoring is under way (a turn is on, or scores are kept hidden until the reveal): no export.
        hidden = session is not None and (hides_scores(snap.state, snap.scores) if snap
                                          else scores_sealed(self.ctx.desk, session.id))
        for fmt, a in self.export_actions.items():
            a.setEnabled(session is not None and not hidden)
            a.setToolTip(EXPORT_HIDDEN if hidden else menus.export_tip(fmt))
            a.setStatusTip(a.toolTip())
        self.hidden_label.setVisible(hidden and on_screen)
        for status, action in self.status_actions.items():
            action.setEnabled(session is not None)
            action.setChecked(session is not None and session.status is status)
        name = (shown_text(self.log_button.text()) if self.page is Page.LOG
                else shown_text(self.review_button.text()) if self.page is Page.REVIEW
                else session.title if session else None)
        self.setWindowTitle(APP_NAME if name is None else f"{name} — {APP_NAME}")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._first_shown:
            self._first_shown = True
            QTimer.singleShot(0, self, self.link.first_questions)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session_view.notes_tab.may_close() or not self.link.may_close():
            event.ignore()
            return
        settings.remember_geometry(self)
        self.session_view.script_bar.pause()  # keeps the time spent so far
        self.link.close()
        for timer in self.findChildren(QTimer):  # nothing of a closed window reads the store any more
            timer.stop()
        super().closeEvent(event)

