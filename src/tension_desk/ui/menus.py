"""The main window's actions, menus and toolbar. ``build`` puts each action on the window as an attribute
(``w.undo_action``, ``w.export_actions["pdf"]``, ``w.status_actions[SessionStatus.CLOSED]``…) and wires it to the
window's slot; the window decides when each is enabled."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from tension_desk.domain.model import SessionStatus
from tension_desk.ui.dialogs import seat
from tension_desk.ui.plain import plain_tip, shown_text

if TYPE_CHECKING:
    from tension_desk.ui.main_window import MainWindow

EXPORT_FORMATS = (("pdf", "PDF session record…", "PDF (*.pdf)", "Ctrl+E"),
                  ("md", "Markdown…", "Markdown (*.md)", None),
                  ("csv", "CSV (the matrix)…", "CSV (*.csv)", None),
                  ("json", "JSON (machine-readable)…", "JSON (*.json)", None))
STATUS_TEXTS = {SessionStatus.DRAFT: "&Draft", SessionStatus.LIVE: "&Live (the meeting is on)",
                SessionStatus.CLOSED: "&Closed"}
# An action whose text changes with what it would do (Undo names the edit) keeps its plain label in this property
# (Help → Keyboard shortcuts lists it by that).
LABEL = "label"


def export_tip(fmt: str) -> str:
    return f"Export this session as {fmt.upper()}"


Shortcut = QKeySequence | QKeySequence.StandardKey | str


def action(parent: QWidget, text: str, slot: Callable[..., object], shortcut: Shortcut | None = None, tip: str = "",
           name: str = "") -> QAction:
    a = QAction(text, parent)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setToolTip(tip)
        a.setStatusTip(tip)
    a.setObjectName(name or text.lower().replace(" ", "_").replace("…", "").replace("&", ""))
    a.triggered.connect(slot)
    return a


def history_action(parent: QWidget, a: QAction, run: Callable[[QWidget], bool], name: str) -> QAction:
    """The stack's own Undo/Redo action (its text and state follow the stack), run through the context: an
    undo or redo the store refuses is a message, and the stack stays where the store is. Its tooltip names
    the edit (which may hold user text) as plain text."""
    a.triggered.disconnect()
    a.triggered.connect(lambda _=False: run(parent))
    a.changed.connect(lambda: a.setToolTip(plain_tip(shown_text(a.text()))))
    a.setObjectName(name)
    a.setProperty(LABEL, shown_text(a.text()))
    return a


def build(w: MainWindow) -> None:
    _actions(w)
    _menus(w)
    bar = QToolBar("Main")
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    bar.setIconSize(QSize(18, 18))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    w.undo_tool = tool_action(w, "Undo", w.undo_action, "undo_tool")
    w.redo_tool = tool_action(w, "Redo", w.redo_action, "redo_tool")
    for a in (w.new_action, w.import_action, None, w.undo_tool, w.redo_tool, None, w.present_action):
        bar.addSeparator() if a is None else bar.addAction(a)
    FixedWidths(bar)
    w.addToolBar(bar)


def tool_action(parent: QWidget, text: str, history: QAction, name: str) -> QAction:
    """A toolbar button for Undo or Redo with a fixed label; the edit it would undo or redo is in its tooltip
    (plain text). It follows the menu action's state and runs it."""
    a = QAction(text, parent)
    a.setObjectName(name)

    def follow() -> None:
        a.setEnabled(history.isEnabled())
        a.setToolTip(history.toolTip())

    history.changed.connect(follow)
    a.triggered.connect(lambda _=False: history.trigger())
    follow()
    return a


# The toolbar's labels that have a short form, least needed in the meeting first: where the bar is narrower than
# its buttons with their whole labels (a laptop sharing a 1000-1230 px window), these give way one by one, so the
# script bar at its end (the agenda and the timer, what the meeting runs by) stays on the bar and never goes behind
# its » menu. The menus keep the whole labels; each button's tooltip says what it does.
SHORT_LABELS = {"new_session": "New", "import_csv": "Import", "presentation": "Present", "discuss_next": "Discuss ▶"}


class FixedWidths(QObject):
    """Every button of the toolbar (not a widget placed on it, like the script bar) keeps the width of its label,
    so nothing on the bar moves when an action's state or text changes (buttons added later, like Discuss next,
    included). A button named in ``SHORT_LABELS`` shows its short label (and takes its width) only while the bar
    is too narrow for the whole ones."""

    def __init__(self, bar: QToolBar):
        super().__init__(bar)
        self.bar = bar
        self.widths: dict[QToolButton, tuple[int, int]] = {}  # each button's width: whole label, short label
        bar.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ActionAdded, QEvent.Type.Show):
            QTimer.singleShot(0, self.fix)
        elif event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fix(self) -> None:
        for a in self.bar.actions():
            button = self.bar.widgetForAction(a)
            if isinstance(button, QToolButton) and button not in self.widths:
                a.setIconText("")  # the whole label (the action's text, without & and …)
                whole = button.sizeHint().width()
                if short := SHORT_LABELS.get(a.objectName()):
                    a.setIconText(short)
                self.widths[button] = (whole, button.sizeHint().width())
        self.fit()

    def fit(self) -> None:
        """Whole labels where the bar has room for them; else short ones, in the order of ``SHORT_LABELS``."""
        shown = {a.objectName(): (a, b) for a in self.bar.actions()
                 if isinstance(b := self.bar.widgetForAction(a), QToolButton) and b in self.widths}
        need = self.bar.sizeHint().width() + sum(self.widths[b][0] - b.width() for _a, b in shown.values()
                                                 if b.isVisibleTo(self.bar))
        short: set[str] = set()
        for name in SHORT_LABELS:
            if need > self.bar.width() and name in shown:
                short.add(name)
                whole, narrow = self.widths[shown[name][1]]
                need -= whole - narrow
        for name, (a, button) in shown.items():
            a.setIconText(SHORT_LABELS[name] if name in short else "")
            button.setFixedWidth(self.widths[button][1 if name in short else 0])


def _actions(w: MainWindow) -> None:
    stack = w.ctx.undo_stack
    w.new_action = action(w, "&New session…", w.session_actions.new_session, QKeySequence.StandardKey.New,
                          "Start a new tension session", "new_session")
    w.sample_action = action(w, "Open the &sample session", w.session_actions.open_sample, None,
                             "Open the realistic sample workspace (added to this store the first time)", "open_sample")
    w.import_action = action(w, "&Import priorities from CSV…", w.file_actions.import_csv, "Ctrl+I",
                             "Add priorities from a CSV file to this session", "import_csv")
    w.quit_action = action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit, name="quit")
    w.undo_action = history_action(w, stack.createUndoAction(w, "&Undo"), w.ctx.undo, "undo")
    w.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    w.redo_action = history_action(w, stack.createRedoAction(w, "&Redo"), w.ctx.redo, "redo")
    # The platform's Redo keys, plus Ctrl+Shift+Z and Ctrl+Y where the platform lacks one; each key once
    # (a key bound twice is "ambiguous" to Qt and does nothing).
    redo_keys = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Shift+Z"),
                 QKeySequence("Ctrl+Y")]
    w.redo_action.setShortcuts(list({k.toString(): k for k in redo_keys}.values()))
    w.leaders_action = action(w, "The two &leaders…", w.session_actions.edit_leaders, None,
                              "Names and titles of the product and engineering leaders", "leaders")
    w.log_action = action(w, "Decision &log", w.show_decision_log, "Ctrl+L",
                          "Every decision across sessions, searchable", "decision_log")
    w.review_action = action(w, "&Capacity && outcomes", w.show_review, "Ctrl+K",
                             "Quarterly review of the split, and time from idea to customer value", "capacity_outcomes")
    w.criteria_action = action(w, "Scoring &criteria…", w.session_actions.edit_criteria, None,
                               "The matrix columns: name, weight, benefit or cost, scale", "criteria")
    w.rename_action = action(w, "&Rename session…", w.session_actions.rename, "F2", name="rename_session")
    w.delete_action = action(w, "&Delete session…", w.session_actions.delete, "Ctrl+Shift+Del",
                             name="delete_session")
    w.present_action = action(w, "&Presentation mode", w.session_view.present, "F11",
                              "The matrix and the chart full-screen for the screen share (F11, Esc leaves)",
                              "presentation")
    w.verify_action = action(w, "&Verify a record…", w.file_actions.verify_record, None,
                             "Check a session record PDF against its embedded record and this store", "verify_record")
    w.backups_action = action(w, "&Backups…", w.file_actions.restore_backup, None,
                              "The automatic backups of the store; restore one", "backups")
    w.seat_action = action(w, "Who sits at this &laptop…", lambda: seat.settle(w, ask_again=True), None,
                           "On a shared workspace: product leader, engineering leader or shared screen", "seat")
    w.seat_action.setVisible(w.ctx.desk.shared)
    w.about_action = action(w, "&About Tension Desk", lambda: _show_about(w), None,
                            "The version, the store in use, the font's licence, the Qt version", "about")
    w.shortcuts_action = action(w, "&Keyboard shortcuts", lambda: _show_shortcuts(w),
                                QKeySequence.StandardKey.HelpContents, "Every key the app answers to", "shortcuts")
    for a in (w.new_action, w.rename_action, w.delete_action):
        w.session_tree.addAction(a)


def _menus(w: MainWindow) -> None:
    menu = w.menuBar()
    file_menu = menu.addMenu("&File")
    for a in (w.new_action, w.sample_action, None, w.import_action):
        file_menu.addSeparator() if a is None else file_menu.addAction(a)
    export_menu = file_menu.addMenu("&Export session")
    w.export_actions = {}
    for fmt, text, _filter, shortcut in EXPORT_FORMATS:
        a = action(w, text, lambda _=False, f=fmt: w.file_actions.export_session(f), shortcut, export_tip(fmt),
                   f"export_{fmt}")
        export_menu.addAction(a)
        w.export_actions[fmt] = a
    export_menu.setToolTipsVisible(True)  # a greyed-out export says why
    log_menu = file_menu.addMenu("Export decision &log")
    w.export_log_actions = {}
    for fmt, text in (("pdf", "PDF…"), ("md", "Markdown…")):
        a = action(w, text, lambda _=False, f=fmt: w.file_actions.export_log(f), None, name=f"export_log_{fmt}")
        log_menu.addAction(a)
        w.export_log_actions[fmt] = a
    file_menu.addAction(w.verify_action)
    file_menu.addSeparator()
    file_menu.addAction(w.backups_action)
    file_menu.addAction(w.seat_action)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = menu.addMenu("&Edit")
    for a in (w.undo_action, w.redo_action, None, w.leaders_action, w.criteria_action):
        edit_menu.addSeparator() if a is None else edit_menu.addAction(a)
    session_menu = menu.addMenu("&Session")
    view_menu = menu.addMenu("&View")
    view_menu.addAction(w.log_action)
    view_menu.addAction(w.review_action)
    for a in (w.rename_action, w.delete_action, None, w.present_action):
        session_menu.addSeparator() if a is None else session_menu.addAction(a)
    status_menu = session_menu.addMenu("S&tatus")
    w.status_actions = {}
    w.status_group = one_of = QActionGroup(w)  # a session has one status: radio items, checking one unchecks the others
    one_of.setExclusionPolicy(QActionGroup.ExclusionPolicy.Exclusive)
    for status, text in STATUS_TEXTS.items():
        a = action(w, text, lambda _=False, st=status: w.session_actions.set_status(st), None,
                   f"Mark the session {status}", f"status_{status}")
        a.setCheckable(True)
        one_of.addAction(a)
        status_menu.addAction(a)
        w.status_actions[status] = a
    w.session_menu = session_menu
    help_menu = menu.addMenu("He&lp")  # Alt+L: Alt+H is the blind-scoring bar's "Done scoring — hide my scores"
    help_menu.addAction(w.shortcuts_action)
    help_menu.addAction(w.about_action)


def _show_about(w: MainWindow) -> None:
    from tension_desk.ui.dialogs import about  # the Help dialogs are imported when asked for, not at start

    about.show_about(w)


def _show_shortcuts(w: MainWindow) -> None:
    from tension_desk.ui.dialogs import about

    about.show_shortcuts(w)
