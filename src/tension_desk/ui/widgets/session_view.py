"""One session: a header and its tabs, in the order of ``Tab``. Each tab's controller turns its requests into
undoable commands; this view lays the tabs out and tells them when the store changed."""
from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from tension_desk.domain import limits
from tension_desk.domain.dates import day
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost
from tension_desk.ui.controllers.matrix import MatrixController
from tension_desk.ui.controllers.notes import NotesController
from tension_desk.ui.notifier import Notifier
from tension_desk.ui.plain import ElidedLabel, limit_length
from tension_desk.ui.widgets.matrix_view import MatrixView
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget
from tension_desk.ui.widgets.script_bar import ScriptBar

if TYPE_CHECKING:
    from tension_desk.services.types import SessionSnapshot
    from tension_desk.ui.controllers.capacity import CapacityController
    from tension_desk.ui.controllers.decisions import DecisionsController
    from tension_desk.ui.controllers.priorities import PrioritiesController
    from tension_desk.ui.controllers.tensions import TensionsController
    from tension_desk.ui.controllers.weights import WeightsController
    from tension_desk.ui.widgets.capacity_view import CapacityView
    from tension_desk.ui.widgets.decisions_view import DecisionsView
    from tension_desk.ui.widgets.presentation import PresentationWindow
    from tension_desk.ui.widgets.priorities_view import PrioritiesView
    from tension_desk.ui.widgets.tensions_view import TensionsView
    from tension_desk.ui.widgets.weights_view import WeightsView

T = TypeVar("T")


class Tab(enum.Enum):
    """The session's tabs, in the order they show; the value is the tab's label (& marks its shortcut)."""

    PRIORITIES = "&Priorities"
    TENSIONS = "&Tensions"
    DECISIONS = "&Decisions"
    MATRIX = "&Matrix"
    CHART = "2×2 &Chart"
    CAPACITY = "C&apacity"
    WEIGHTS = "&Weights"
    NOTES = "&Notes"


class LazyPage(QWidget):
    """A tab's page whose content (and its modules) is built the first time it is shown or asked for: a start
    shows the matrix, and building every tab made up a third of the time to it. The content is hidden while the
    page is, as a tab's page is: a hidden tab's changes then lay nothing out (``WhenShown``)."""

    def __init__(self, build: Callable[[], None]) -> None:
        super().__init__()
        self._build: Callable[[], None] | None = build
        self.content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self._build is not None:
            build, self._build = self._build, None
            build()
        assert self.content is not None, "a page's builder puts its view on it (hold)"
        return self.content

    def hold(self, content: QWidget) -> None:
        """Put the built view on the page, before it is loaded: it is loaded where it shows, as a tab built with
        the window was."""
        self.content = content
        content.setVisible(self.isVisible())
        self._layout.addWidget(content)

    def showEvent(self, event: QShowEvent) -> None:
        self.build().show()  # at once, not on the event loop's next turn: no frame shows the page empty
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.content is not None:
            self.content.hide()
        super().hideEvent(event)


class Built(Generic[T]):
    """A tab's view or controller, built with its page on first use: reading ``session_view.priorities`` (or
    ``.priorities_tab``…) builds the Priorities tab if it is not built yet."""

    def __init__(self, tab: Tab, slot: str, index: int) -> None:
        self.tab, self.slot, self.index = tab, slot, index

    def __get__(self, view: SessionView, owner: type | None = None) -> T:
        view.lazy[self.tab].build()
        pair = getattr(view, self.slot)
        assert pair is not None, f"building the {self.tab.name.lower()} tab made its view and controller"
        return cast(T, pair[self.index])


class SessionView(SessionHost):
    priorities: Built[PrioritiesView] = Built(Tab.PRIORITIES, "_priorities", 0)
    priorities_tab: Built[PrioritiesController] = Built(Tab.PRIORITIES, "_priorities", 1)
    tensions: Built[TensionsView] = Built(Tab.TENSIONS, "_tensions", 0)
    tensions_tab: Built[TensionsController] = Built(Tab.TENSIONS, "_tensions", 1)
    decisions: Built[DecisionsView] = Built(Tab.DECISIONS, "_decisions", 0)
    decisions_tab: Built[DecisionsController] = Built(Tab.DECISIONS, "_decisions", 1)
    capacity: Built[CapacityView] = Built(Tab.CAPACITY, "_capacity", 0)
    capacity_tab: Built[CapacityController] = Built(Tab.CAPACITY, "_capacity", 1)
    weights: Built[WeightsView] = Built(Tab.WEIGHTS, "_weights", 0)
    weights_tab: Built[WeightsController] = Built(Tab.WEIGHTS, "_weights", 1)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = None
        self.shown: SessionSnapshot | None = None  # what the view last loaded every tab from (later edits not in it)
        self._fresh: SessionSnapshot | None = None  # ``shown``, while nothing has changed since it was read
        self.presentation: PresentationWindow | None = None
        self.title = ElidedLabel(name="session_title")  # a 200-character title never widens the window
        self.meta = QLabel()
        self.meta.setObjectName("session_meta")
        # Built with their page (``LazyPage``): each is loaded from the store as it is then, and kept up to date
        # from then on.
        self._priorities: tuple[PrioritiesView, PrioritiesController] | None = None
        self._tensions: tuple[TensionsView, TensionsController] | None = None
        self._decisions: tuple[DecisionsView, DecisionsController] | None = None
        self._capacity: tuple[CapacityView, CapacityController] | None = None
        self._weights: tuple[WeightsView, WeightsController] | None = None
        self.matrix = MatrixView()
        self.chart = QuadrantWidget()
        self.notes = limit_length(QPlainTextEdit(), limits.NOTES)
        self.notes.setObjectName("session_notes")
        self.notes.setPlaceholderText("Notes of the meeting: who was there, what to follow up…")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("session_tabs")
        self.lazy: dict[Tab, LazyPage] = {
            Tab.PRIORITIES: LazyPage(self._build_priorities), Tab.TENSIONS: LazyPage(self._build_tensions),
            Tab.DECISIONS: LazyPage(self._build_decisions), Tab.CAPACITY: LazyPage(self._build_capacity),
            Tab.WEIGHTS: LazyPage(self._build_weights)}
        self.pages: dict[Tab, QWidget] = {
            **self.lazy, Tab.MATRIX: self.matrix, Tab.CHART: self.chart, Tab.NOTES: self.notes}
        for tab in Tab:
            self.tabs.addTab(self.pages[tab], tab.value)

        self.matrix_tab = MatrixController(ctx, self, self.matrix, self.chart, self._reload_weights)
        self.notes_tab = NotesController(ctx, self, self.notes)
        self.tabs.currentChanged.connect(lambda _index: self.notes_tab.save_pending())  # another tab: a chance
        self.script_bar = ScriptBar(ctx)  # the main window shows it in its toolbar
        self.script_bar.view_requested.connect(lambda view: self.show_tab(Tab[view.upper()]))

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.meta)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 4)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        self._listen()

    def _listen(self) -> None:
        n = self.ctx.notifier
        for name, signal in vars(Notifier).items():  # first: whatever changed, the snapshot shown is not the store
            if isinstance(signal, Signal):
                getattr(n, name).connect(self._forget_fresh)
        mine = self._when_mine
        n.agenda_changed.connect(mine(lambda: self._refresh_lists()))
        n.tensions_changed.connect(mine(lambda: self._refresh_lists()))
        n.leaders_changed.connect(self._reload_leaders)
        n.sessions_changed.connect(self._on_sessions_changed)
        n.score_changed.connect(self._on_score_changed)
        n.scoring_changed.connect(mine(self._on_scoring_changed))
        n.criteria_changed.connect(lambda: self.matrix_tab.reload())
        n.decisions_changed.connect(self._on_decisions_changed)
        n.capacity_changed.connect(lambda: self._reload_capacity())
        n.notes_changed.connect(mine(self._on_notes_changed))

    def _when_mine(self, slot: Callable[[], None]) -> Callable[[int], None]:
        """A slot for a signal about one session that runs ``slot`` when it is the session on screen."""
        def run(session_id: int) -> None:
            if self._is_mine(session_id):
                slot()
        return run

    def _on_score_changed(self, session_id: int, priority_id: int, criterion_id: int, role: str) -> None:
        if self._is_mine(session_id):
            self.matrix_tab.apply_score(priority_id, criterion_id, role)

    def show_tab(self, tab: Tab) -> None:
        self.tabs.setCurrentWidget(self.pages[tab])

    # -- the tabs built on first use ----------------------------------------------------------------------
    # Each ``_build_*`` makes its tab's view and controller and loads them as a session's opening would have:
    # from the session on screen as it is stored now (what the live updates since would have shown).
    def _build_priorities(self) -> None:
        from tension_desk.ui.controllers.priorities import PrioritiesController
        from tension_desk.ui.widgets.priorities_view import PrioritiesView

        view = PrioritiesView()
        self.lazy[Tab.PRIORITIES].hold(view)
        self._priorities = view, PrioritiesController(self.ctx, self, view)
        snap = self._current()
        self._priorities[1].reload_leaders(snap.leaders if snap else None)
        self._priorities[1].reload(snap.agenda if snap else [], snap.own_tensions if snap else [])

    def _build_tensions(self) -> None:
        from tension_desk.ui.controllers.tensions import TensionsController
        from tension_desk.ui.widgets.tensions_view import TensionsView

        view = TensionsView()
        self.lazy[Tab.TENSIONS].hold(view)
        self._tensions = view, TensionsController(self.ctx, self, view)
        snap = self._current()
        self._tensions[1].reload(snap.agenda if snap else [], snap.own_tensions if snap else [])

    def _build_decisions(self) -> None:
        from tension_desk.ui.controllers.decisions import DecisionsController
        from tension_desk.ui.widgets.decisions_view import DecisionsView

        view = DecisionsView()
        self.lazy[Tab.DECISIONS].hold(view)
        self._decisions = view, DecisionsController(self.ctx, self, view)
        self._decisions[1].reload(self._current())

    def _build_capacity(self) -> None:
        from tension_desk.ui.controllers.capacity import CapacityController
        from tension_desk.ui.widgets.capacity_view import CapacityView

        view = CapacityView()
        self.lazy[Tab.CAPACITY].hold(view)
        self._capacity = view, CapacityController(self.ctx, self, view)
        self._reload_capacity(self._current())

    def _build_weights(self) -> None:
        from tension_desk.ui.controllers.weights import WeightsController
        from tension_desk.ui.widgets.weights_view import WeightsView

        view = WeightsView()
        self.lazy[Tab.WEIGHTS].hold(view)
        self._weights = view, WeightsController(self.ctx, self, view)
        self._reload_weights(self._current())

    # -- loading ------------------------------------------------------------------------------------
    def show_session(self, session_id: int | None) -> None:
        """Show the session (None: none, as when the one on screen is gone). Notes typed for the session on
        screen are saved first; if they cannot be (told once), it stays on screen with them."""
        if not self.notes_tab.save_pending() and session_id is not None:
            return
        self._show(self.ctx.desk.sessions.open(session_id) if session_id is not None else None)

    def refresh(self) -> None:
        """Show the session on screen as it is stored now (none if it is gone)."""
        self._show(self._snapshot())

    def _snapshot(self) -> SessionSnapshot | None:
        if self.session is None:
            return None
        try:
            return self.ctx.desk.sessions.open(self.session.id)
        except LookupError:
            return None

    def _show(self, snap: SessionSnapshot | None) -> None:
        """Every tab from one snapshot: opening a session reads the store once, not once per tab."""
        self.shown = self._fresh = snap
        self.session = snap.session if snap else None
        self.script_bar.set_session(self.session, snap.steps if snap else None)
        self.notes_tab.show()
        self._refresh_header()
        if self._priorities:
            self._priorities[1].reload_leaders(snap.leaders if snap else None)
        self._refresh_lists(snap)

    def _forget_fresh(self, *_changed: object) -> None:
        self._fresh = None

    def _current(self) -> SessionSnapshot | None:
        """The session on screen as stored now: as just read when nothing changed since (a tab built as the
        session opens reads nothing again), else read afresh."""
        return self._fresh if self._fresh is not None else self._snapshot()

    def _is_mine(self, session_id: int) -> bool:
        return self.session is not None and session_id == self.session.id

    def _refresh_header(self) -> None:
        s = self.session
        self.title.set_whole_text(s.title if s else "")
        self.meta.setText(f"{day(s.date)} · {s.quarter} · {s.status.label}" if s else "")

    def _refresh_lists(self, snap: SessionSnapshot | None = None) -> None:
        snap = snap or self._snapshot()
        for lists in (self._priorities, self._tensions):
            if lists:
                lists[1].reload(snap.agenda if snap else [], snap.own_tensions if snap else [])
        if snap is None:
            self.matrix_tab.clear()
            return
        self.matrix_tab.reload(snap)
        self._reload_decisions(snap)
        self._reload_capacity(snap)

    def _on_sessions_changed(self) -> None:
        if self.session is not None:
            self.refresh()

    def _on_scoring_changed(self) -> None:
        snap = self._snapshot()
        self.matrix_tab.reload(snap)
        self._reload_capacity(snap)
        self._reload_decisions(snap)

    def _on_decisions_changed(self) -> None:
        snap = self._snapshot()
        self._reload_decisions(snap)
        self._reload_capacity(snap)

    def _on_notes_changed(self) -> None:
        if self.session is None:
            return
        self.session = self.ctx.desk.sessions.get(self.session.id)
        self.notes_tab.show()

    def _reload_weights(self, snap: SessionSnapshot | None = None) -> None:
        if self._weights:
            self._weights[1].reload(self.matrix.model, self.matrix.top_n.value(), snap)

    def _reload_capacity(self, snap: SessionSnapshot | None = None) -> None:
        if self._capacity:
            self._capacity[1].reload(self.matrix_tab.ranks(), snap)

    def _reload_leaders(self) -> None:
        if self._priorities:
            self._priorities[1].reload_leaders()

    def _reload_decisions(self, snap: SessionSnapshot | None = None) -> None:
        if self._decisions:
            self._decisions[1].reload(snap)

    # -- presentation -------------------------------------------------------------------------------
    def present(self) -> None:
        """Presentation mode: the matrix and the chart full-screen, large type, nothing private."""
        from tension_desk.ui.widgets.presentation import PresentationWindow

        if self.session is None:
            return
        if self.presentation is not None:
            self.presentation.close()
            return
        self.presentation = window = PresentationWindow(self.matrix, self.chart, self.session.title, self.script_bar)
        window.closed.connect(self._presentation_closed)
        window.showFullScreen()

    def _presentation_closed(self) -> None:
        if self.presentation is not None:
            self.presentation.deleteLater()
        self.presentation = None
