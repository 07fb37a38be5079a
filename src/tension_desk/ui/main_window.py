"""The main window: a thin shell of menus, the session list and the session view."""
from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QLabel, QMainWindow, QPushButton, QSplitter, QStackedWidget, QToolBar, QTreeView,
    QVBoxLayout, QWidget,
)

from tension_desk import APP_NAME
from tension_desk.domain.model import SessionStatus
from tension_desk.ui import commands as cmd
from tension_desk.ui import menus
from tension_desk.ui import settings
from tension_desk.ui.context import Context
from tension_desk.ui.controllers import capacity
from tension_desk.ui.dialogs import seat
from tension_desk.ui.dialogs.leaders import LeadersDialog
from tension_desk.ui.dialogs.session import SessionDialog
from tension_desk.ui.errors import Prompts, ask_text, confirm, show_error
from tension_desk.ui.live import LiveUpdates, SaveStatus
from tension_desk.ui.models.roles import IdRole
from tension_desk.ui.models.sessions import SessionTreeModel
from tension_desk.ui.widgets.decision_log_view import DecisionLogView
from tension_desk.ui.widgets.review_view import WorkspaceReviewView
from tension_desk.ui.widgets.session_view import SessionView
from tension_desk.ui.widgets.welcome import WelcomePage


def _ask_csv_file(parent) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Import priorities from CSV", "", "CSV files (*.csv);;All files (*)")
    return path or None


def _ask_save_file(parent, title: str, suggested: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


Prompts.ask_csv_file = staticmethod(_ask_csv_file)
Prompts.ask_save_file = staticmethod(_ask_save_file)

EXPORT_HIDDEN = "Export is off while the blind scores are hidden: reveal both leaders' scores first"


class Page(enum.Enum):
    """What the window shows right of the session list (SESSION: the session, or the welcome page without one)."""

    SESSION = enum.auto()
    LOG = enum.auto()
    REVIEW = enum.auto()


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context, store_path: Path | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.store_path = store_path
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 720)
        self.session_model = SessionTreeModel(self)
        self.session_tree = QTreeView()
        self.session_tree.setObjectName("session_list")
        self.session_tree.setModel(self.session_model)
        self.session_tree.setHeaderHidden(True)
        self.session_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.session_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.session_tree.setAccessibleName("Sessions by quarter")
        self.session_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.session_tree.selectionModel().currentChanged.connect(self._on_current_session)

        self.welcome = WelcomePage()
        self.session_view = SessionView(ctx)
        self.log_view = DecisionLogView()
        self.log_view.open_session_requested.connect(self.select_session)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.session_view)
        self.stack.addWidget(self.log_view)
        self.review_view = WorkspaceReviewView()
        self.stack.addWidget(self.review_view)
        self.review_view.review.review_requested.connect(self.record_review)
        self.review_view.review.edit_requested.connect(self.edit_split)
        self.review_view.review.export_requested.connect(self.export_review)
        self.page = Page.SESSION

        left = QWidget()
        self.sidebar = left
        left.setObjectName("sidebar")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 0, 8)
        heading = QLabel("Sessions")
        heading.setObjectName("sidebar_heading")
        left_layout.addWidget(heading)
        left_layout.addWidget(self.session_tree, 1)
        self.log_button = QPushButton("Decision log")
        self.log_button.setObjectName("log_button")
        self.log_button.setToolTip("Every decision across sessions (Ctrl+L)")
        left_layout.addWidget(self.log_button)
        self.review_button = QPushButton("Capacity && outcomes")
        self.review_button.setObjectName("review_button")
        self.review_button.setToolTip("Quarterly review of the split, and time from idea to customer value (Ctrl+K)")
        left_layout.addWidget(self.review_button)
        left.setMinimumWidth(230)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1040])
        splitter.setStretchFactor(0, 0)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)

        menus.build(self)
        self._build_view_controls()
        self._build_script_bar()
        self.log_button.clicked.connect(self.show_decision_log)
        self.review_button.clicked.connect(self.show_review)
        self.store_label = QLabel(f"Store: {store_path}" if store_path else "")
        self.store_label.setObjectName("store_label")
        self.save_status = SaveStatus()  # saved / not saved (with Retry) / reconnecting…
        self.saved_label = self.save_status.label
        ctx.saves = self.save_status
        self.live = LiveUpdates(ctx.desk, ctx.notifier, self)  # edits made elsewhere refresh the views
        self.live.connection_changed.connect(self.save_status.set_connected)
        self.hidden_label = QLabel(EXPORT_HIDDEN)
        self.hidden_label.setObjectName("export_hidden_label")
        self.hidden_label.hide()
        self.statusBar().addPermanentWidget(self.store_label)
        self.statusBar().addWidget(self.save_status)
        self.statusBar().addWidget(self.hidden_label)

        self.welcome.new_session_requested.connect(self.new_session)
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.leaders_requested.connect(self.edit_leaders)
        n = ctx.notifier
        n.sessions_changed.connect(self.refresh_sessions)
        n.leaders_changed.connect(self._update_state)
        n.scoring_changed.connect(lambda _sid: self._update_state())
        n.decisions_changed.connect(self._refresh_log)
        n.capacity_changed.connect(self._refresh_review)
        n.agenda_changed.connect(lambda _sid: self._refresh_review())
        ctx.undo_stack.indexChanged.connect(self._on_edit)
        self.refresh_sessions()
        settings.restore_place(self)

    def _build_view_controls(self) -> None:
        """"Discuss next" sits in the toolbar (no row of the matrix tab is spent on one button) and brings up
        the matrix; Ctrl+B hides or shows the session list, and the choice is remembered."""
        from tension_desk.ui.settings import app_settings
        from tension_desk.ui.widgets.session_view import Tab

        discuss = self.session_view.matrix.discuss
        discuss.triggered.connect(lambda: self.session_view.show_tab(Tab.MATRIX))
        bar = self.findChild(QToolBar, "main_toolbar")
        bar.addSeparator()
        bar.addAction(discuss)
        self.sidebar_action = QAction("Session &list", self)
        self.sidebar_action.setObjectName("toggle_sidebar")
        self.sidebar_action.setCheckable(True)
        self.sidebar_action.setShortcut(QKeySequence("Ctrl+B"))
        self.sidebar_action.setToolTip("Show or hide the list of sessions (Ctrl+B)")
        self.sidebar_action.setChecked(app_settings().value("sidebar/visible", "true") != "false")
        self.sidebar.setVisible(self.sidebar_action.isChecked())
        self.sidebar_action.toggled.connect(self._show_sidebar)
        view_menu = next(a.menu() for a in self.menuBar().actions() if a.text() == "&View")
        view_menu.addSeparator()
        view_menu.addAction(self.sidebar_action)
        self.addAction(self.sidebar_action)  # works while the session list is hidden too

    def _show_sidebar(self, shown: bool) -> None:
        from tension_desk.ui.settings import app_settings

        self.sidebar.setVisible(shown)
        app_settings().setValue("sidebar/visible", "true" if shown else "false")

    def _build_script_bar(self) -> None:
        """The session script's slim bar sits in the toolbar: no row of the window is spent on it."""
        from PySide6.QtWidgets import QToolBar

        self.findChild(QToolBar, "main_toolbar").addWidget(self.session_view.script_bar)

    # -- state --------------------------------------------------------------------------------------
    def current_session_id(self) -> int | None:
        return self.session_view.session.id if self.session_view.session else None

    def refresh_sessions(self) -> None:
        current = self.current_session_id()
        sessions = self.ctx.desk.sessions.list()
        self.session_tree.selectionModel().blockSignals(True)
        self.session_model.set_sessions(sessions)
        self.session_tree.expandAll()
        self.session_tree.selectionModel().blockSignals(False)
        ids = {s.id for s in sessions}
        if current in ids:
            self.select_session(current)
        else:
            self.session_view.show_session(None)
        self._update_state()

    def select_session(self, session_id: int | None) -> None:
        self.page = Page.SESSION
        index = self.session_model.index_of(session_id) if session_id is not None else None
        if index is None:
            self.session_tree.clearSelection()
            self.session_view.show_session(None)
        else:
            already = self.current_session_id() == session_id
            self.session_tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if self.current_session_id() != session_id:  # the selection did not load it (it was current)
                self.session_view.show_session(session_id)
            elif already:
                self.session_view.refresh()
        self._update_state()

    def _on_current_session(self, current, _previous) -> None:
        sid = current.data(IdRole) if current.isValid() else None
        if sid is not None:
            self.page = Page.SESSION
        if sid is not None and sid != self.current_session_id():
            self.session_view.show_session(sid)
        self._update_state()

    def show_review(self) -> None:
        self.page = Page.REVIEW
        self.review_view.load(self.ctx.desk)
        self.session_tree.clearSelection()
        self._update_state()

    def record_review(self, quarter: str) -> None:
        capacity.record_review(self.ctx, self, quarter)

    def edit_split(self, quarter: str) -> None:
        if quarter:
            capacity.edit_plan(self.ctx, self, quarter)

    def export_review(self, quarter: str) -> None:
        from tension_desk.export.documents import export_review

        if quarter:
            self._export("Export quarterly review", f"review-{quarter}.pdf", "PDF (*.pdf)", "pdf",
                         lambda path: export_review(self.ctx.desk, quarter, path))

    def restore_backup(self) -> None:
        """Restore a backup in place: the current store is backed up first; undo history starts afresh."""
        from tension_desk.services.maintenance import restore_into
        from tension_desk.ui.dialogs.backups import BackupsDialog

        if self.store_path is None:
            return
        data_dir = self.store_path.parent
        chosen = BackupsDialog.ask(self, data_dir)
        if chosen is None or not confirm(self, "Restore backup", f"Replace the store with the backup "
                                         f"{chosen.name}? The current store is backed up first.", "Restore"):
            return
        try:
            restore_into(self.ctx.desk.unit, data_dir, chosen)
        except Exception as exc:  # the store was left as it was; say why
            show_error(self, exc)
            return
        self.ctx.undo_stack.clear()
        self.session_view.session = None
        self.refresh_sessions()
        self.ctx.notifier.leaders_changed.emit()
        self.statusBar().showMessage(f"Restored {chosen.name}", 6000)

    def _export(self, title: str, suggested: str, filters: str, ext: str, write) -> None:
        """Ask where, write (atomically), and say how it went. Nothing half-written is ever left behind."""
        path = Prompts.ask_save_file(self, title, suggested, filters)
        if not path:
            return
        if not path.lower().endswith(f".{ext}"):
            path += f".{ext}"
        try:
            write(Path(path))
        except Exception as exc:  # shown to the user in one message
            show_error(self, exc)
            return
        self.statusBar().showMessage(f"Exported {Path(path).name}", 6000)

    def show_decision_log(self) -> None:
        from tension_desk.services.log import build_log_entries

        self.page = Page.LOG
        self.log_view.load(build_log_entries(self.ctx.desk), self.ctx.desk.workspace.leaders())
        self.session_tree.clearSelection()
        self._update_state()
        self.log_view.search.setFocus()

    def _refresh_review(self) -> None:
        if self.page is Page.REVIEW:
            self.review_view.load(self.ctx.desk)

    def _refresh_log(self) -> None:
        if self.page is Page.LOG:
            from tension_desk.services.log import build_log_entries

            self.log_view.load(build_log_entries(self.ctx.desk), self.ctx.desk.workspace.leaders())

    def _update_state(self) -> None:
        has_session = self.session_view.session is not None
        has_leaders = self.ctx.desk.workspace.has_leaders()
        pages = {Page.LOG: self.log_view, Page.REVIEW: self.review_view}
        self.stack.setCurrentWidget(pages.get(self.page) or (self.session_view if has_session else self.welcome))
        self.welcome.set_state(has_leaders, bool(self.session_model.rowCount()))
        self.new_action.setEnabled(has_leaders)
        for a in (self.rename_action, self.delete_action, self.import_action, self.present_action):
            a.setEnabled(has_session)
        hidden = has_session and self._scores_hidden(self.session_view.session.id)
        for fmt, a in self.export_actions.items():
            a.setEnabled(has_session and not hidden)
            a.setToolTip(EXPORT_HIDDEN if hidden else menus.export_tip(fmt))
            a.setStatusTip(a.toolTip())
        self.hidden_label.setVisible(hidden)
        for status, action in self.status_actions.items():
            action.setEnabled(has_session)
            action.setChecked(has_session and self.session_view.session.status is status)
        title = APP_NAME if not has_session else f"{self.session_view.session.title} — {APP_NAME}"
        self.setWindowTitle(title)

    def _scores_hidden(self, session_id: int) -> bool:
        """Blind scoring is under way: a turn is on, or scores are kept hidden until the reveal."""
        from tension_desk.services.sealing import scores_sealed

        return scores_sealed(self.ctx.desk, session_id)

    def verify_record(self) -> None:
        from tension_desk.ui.dialogs.verify import verify_record

        verify_record(self, self.ctx.desk)

    def _on_edit(self, _index: int) -> None:
        self.save_status.saved()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_first_shown", False):
            self._first_shown = True
            QTimer.singleShot(0, self._first_questions)

    def _first_questions(self) -> None:
        """Once shown: on a shared workspace, who sits here (asked once); on a new workspace, its leaders. A window
        closed before this ran (connect_shared replaced it) asks nothing and reads nothing: its store is closed."""
        if not self.isVisible():
            return
        seat.settle(self)
        if not self.ctx.desk.workspace.has_leaders():
            self.edit_leaders()

    # -- actions ------------------------------------------------------------------------------------
    def edit_leaders(self) -> None:
        answer = LeadersDialog.ask(self, self.ctx.desk.workspace.leaders())
        if answer is not None:
            self.ctx.run(self, cmd.SetLeaders, *answer)
            self._update_state()

    def edit_criteria(self) -> None:
        from tension_desk.ui.dialogs.criteria import CriteriaDialog

        CriteriaDialog.open_for(self.ctx, self)

    def new_session(self) -> None:
        if not self.ctx.desk.workspace.has_leaders():
            self.edit_leaders()
            if not self.ctx.desk.workspace.has_leaders():
                return
        today = dt.date.today()
        sessions = self.ctx.desk.sessions.list()
        previous = sessions[0] if sessions else None
        answer = SessionDialog.ask(self, f"{today:%B %Y} tension session", today,
                                   previous.title if previous else None)
        if answer is None:
            return
        title, date, carry = answer
        done = self.ctx.run(self, cmd.CreateSession, title, date, None, previous.id if (carry and previous) else None)
        if done:
            self.select_session(done.session_id)

    def open_sample(self) -> None:
        """Open the sample: the one already in the workspace, or else add it (one undoable edit)."""
        from tension_desk.services.sample import existing_sample

        if (ids := existing_sample(self.ctx.desk)) is not None:
            self.select_session(ids[-1])
            self.statusBar().showMessage("Opened the sample session already in this workspace", 6000)
            return
        done = self.ctx.run(self, cmd.AddSample)
        if done and done.session_ids:
            self.select_session(done.session_ids[-1])

    def set_session_status(self, status: SessionStatus) -> None:
        s = self.session_view.session
        if s is None:
            return
        self.session_view.script_bar.save()  # the time spent so far goes into the record before any seal
        s = self.ctx.desk.sessions.get(s.id)  # as stored now
        if s.status is status:
            pass
        elif status is SessionStatus.CLOSED:  # closing seals the record
            self.ctx.run(self, cmd.CloseSession, s.id, s.title)
        elif s.status is SessionStatus.CLOSED:
            self.reopen_session(s, status)
        else:
            self.ctx.run(self, cmd.UpdateSession, s.id, f"Mark session {status}", status=status)
        self._update_state()

    def reopen_session(self, s, status) -> None:
        """A closed session's record is sealed: reopening it asks why and who, and starts its next revision."""
        reason = ask_text(self, "Reopen session", f"“{s.title}” is closed and its record sealed. "
                          "Why reopen it? (The record will say so.)")
        if reason is None:
            return
        from tension_desk.domain.model import Side

        leader = self.ctx.desk.workspace.leaders().get(Side.PRODUCT)
        by = ask_text(self, "Reopen session", "Who reopens it?", leader.name if leader else "")
        if by is None or not self.ctx.run(self, cmd.ReopenSession, s.id, s.title, reason, by):
            return
        if status is not SessionStatus.LIVE:
            self.ctx.run(self, cmd.UpdateSession, s.id, f"Mark session {status.value}", status=status)

    def rename_session(self) -> None:
        s = self.session_view.session
        if s is None:
            return
        title = ask_text(self, "Rename session", "Session title:", s.title)
        if title is not None and title.strip() and title.strip() != s.title:
            self.ctx.run(self, cmd.UpdateSession, s.id, "Rename session", title=title)

    def delete_session(self) -> None:
        s = self.session_view.session
        if s is None:
            return
        if confirm(self, "Delete session", f"Delete “{s.title}” ({s.date.isoformat()}) with its tensions, "
                                           "scores and decisions? Undo (Ctrl+Z) brings it back."):
            self.ctx.run(self, cmd.DeleteSession, s.id, s.title)

    def import_csv(self) -> None:
        from tension_desk.domain.csv_import import CsvFormatError
        from tension_desk.services.importing import read_csv_file

        s = self.session_view.session
        if s is None:
            return
        path = Prompts.ask_csv_file(self)
        if not path:
            return
        try:
            parsed = read_csv_file(Path(path))
        except CsvFormatError as exc:
            show_error(self, CsvFormatError(f"{Path(path).name}: {exc}"))
            return
        drafts = [d for _line, d in parsed.rows]
        if parsed.errors:
            listing = "\n".join(f"• {e}" for e in parsed.errors[:20])
            more = f"\n… and {len(parsed.errors) - 20} more" if len(parsed.errors) > 20 else ""
            if not drafts:
                show_error(self, CsvFormatError(f"{Path(path).name}: no row can be imported.\n{listing}{more}"))
                return
            if not confirm(self, "Import priorities",
                           f"{Path(path).name} has {len(parsed.errors)} bad row(s):\n{listing}{more}\n\n"
                           f"Import the {len(drafts)} valid row(s) anyway?", f"Import {len(drafts)} rows"):
                return
        if drafts and self.ctx.run(self, cmd.AddPriorities, s.id, drafts, f"Import {len(drafts)} priorities from "
                                   f"{Path(path).name}", not_done="nothing was imported"):
            self.statusBar().showMessage(f"Imported {len(drafts)} priorities from {Path(path).name}", 5000)

    def export_session(self, fmt: str) -> None:
        from tension_desk.export.documents import export_session

        s = self.session_view.session
        if s is None:
            return
        filters = next(f for key, _t, f, _s in menus.EXPORT_FORMATS if key == fmt)
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in s.title).strip() or "session"
        self._export("Export session", f"{safe}.{fmt}", filters, fmt,
                     lambda path: export_session(self.ctx.desk, s.id, fmt, path))

    def export_log(self, fmt: str) -> None:
        from tension_desk.export.documents import export_log

        self._export("Export decision log", f"decision-log.{fmt}", "PDF (*.pdf)" if fmt == "pdf" else "Markdown (*.md)",
                     fmt, lambda path: export_log(self.ctx.desk, fmt, path))

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every edit is committed when it is made; only edits that could not reach the server are asked about.
        if not self.save_status.may_close(self):
            event.ignore()
            return
        settings.remember_geometry(self)
        self.session_view.script_bar.pause()  # keeps the time spent so far
        self.live.close()
        for timer in self.findChildren(QTimer):  # nothing of a closed window reads the store any more
            timer.stop()
        super().closeEvent(event)
