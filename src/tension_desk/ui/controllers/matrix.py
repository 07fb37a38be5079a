"""The Matrix and 2×2 Chart tabs: scores, the blind turns and the reveal, a priority's status, rank stability."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityStatus, Side, status_change
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.widgets.matrix_view import MatrixView, describe_stability
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget

if TYPE_CHECKING:
    from tension_desk.render.quadrant import QuadrantData
    from tension_desk.services.types import SessionSnapshot

STABILITY_AFTER_MS = 600  # after a burst of typing, not after every digit


class MatrixController(TabController):
    def __init__(self, ctx: Context, host: SessionHost, matrix: MatrixView, chart: QuadrantWidget,
                 derived: Callable[[SessionSnapshot | None], None]):
        """``derived`` is called whenever what the whole matrix gives (ranks under each lens) may have changed,
        with the snapshot the matrix was just loaded from (None: read what else it needs)."""
        super().__init__(ctx, host)
        self.matrix, self.chart, self.derived = matrix, chart, derived
        matrix.score_requested.connect(self.set_score)
        matrix.state_requested.connect(self.set_state)
        matrix.done_requested.connect(self.set_done)
        matrix.status_requested.connect(self.set_status)
        chart.point_selected.connect(matrix.select_priority)
        matrix.table.selectionModel().currentChanged.connect(lambda *_: chart.highlight(matrix.current_priority_id()))
        self.timer = QTimer(host)
        self.timer.setSingleShot(True)
        self.timer.setInterval(STABILITY_AFTER_MS)
        self.timer.timeout.connect(self.update_stability)
        self.loaded: SessionSnapshot | None = None  # what the matrix was loaded from, until a score of it moves
        matrix.top_n_changed.connect(lambda _n: self.timer.start())

    # -- loading ------------------------------------------------------------------------------------------
    def clear(self) -> None:
        self.loaded = None
        self.matrix.load([], [], [], ScoringState(), {})

    def reload(self, snap: SessionSnapshot | None = None) -> None:
        """From ``snap`` (the session read afresh when not given)."""
        if self.session is None:
            return
        snap = snap or self.ctx.desk.sessions.open(self.session.id)
        self.loaded = snap
        self.matrix.load(snap.agenda, snap.criteria, snap.scores, snap.state, snap.leaders, session_id=snap.session.id,
                         closed=is_closed(snap.session))
        self.timer.start()
        self.update_derived(snap)

    def apply_score(self, priority_id: int, criterion_id: int, role: str) -> None:
        """One stored score changed: show it (and what it moves) without reloading the matrix."""
        if self.session is None:
            return
        value = next((s.value for s in self.ctx.desk.scoring.scores_of(self.session.id, priority_id)
                      if s.criterion_id == criterion_id and s.leader_role is Side(role)), None)
        self.loaded = None  # its scores are not the matrix's any more
        self.matrix.apply_score(priority_id, criterion_id, Side(role), value)
        self.timer.start()

    def update_derived(self, snap: SessionSnapshot | None = None) -> None:
        """The 2×2 chart and whatever else is computed from the whole matrix."""
        if self.session is None:
            return
        model = self.matrix.model
        priorities, results, title = model.priorities(), model.results(), self.session.title

        def chart() -> QuadrantData:  # as the matrix is now; worked out when the chart is first needed
            from tension_desk.render.quadrant import quadrant_data

            return quadrant_data(priorities, results, title)

        self.chart.set_source(chart)
        self.derived(snap)

    def update_stability(self) -> None:
        """The rank stability line (after the reveal only; debounced after edits)."""
        snap = self.loaded
        self.update_derived(snap)
        model = self.matrix.model
        if not model.revealed or self.session is None:
            self.matrix.set_stability_text("")
            return
        scores = snap.scores if snap else self.ctx.desk.scoring.scores(self.session.id)
        self.matrix.set_stability_text(describe_stability(model.priorities(), model.criteria(), scores,
                                                          self.matrix.top_n.value()))

    def ranks(self) -> dict[int, int | None]:
        """The ranks as far as they may show (none before the reveal)."""
        return {r.priority_id: r.rank for r in self.matrix.model.results()}

    # -- edits --------------------------------------------------------------------------------------------
    def set_score(self, priority_id: int, criterion_id: int, role: Side | str, value: int | None) -> None:
        if self.session is not None:
            self.run(cmd.SetScore, self.session.id, priority_id, criterion_id, Side(role), value)

    def set_state(self, state: ScoringState, text: str) -> None:
        if self.session is not None:
            self.run(cmd.SetScoringState, self.session.id, state, text)

    def set_done(self, side: Side) -> None:
        if self.session is not None:
            self.run(cmd.SetSeatDone, self.session.id, side)

    def set_status(self, priority_id: int, status: str) -> None:
        """Accept (for the session's quarter), defer or re-propose one priority."""
        if self.session is None:
            return
        st = PriorityStatus(status)
        p = self.ctx.desk.priorities.get(priority_id)
        draft = status_change(p, st, self.session.quarter)
        if draft is not None:
            self.run(cmd.SetPriorityStatuses, self.session.id, [(priority_id, draft)], f"{st.label} “{p.title}”")
