"""One session: a header and tabs (Priorities, Tensions, …). Turns view requests into undoable commands."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityDraft, Session, Side
from tension_desk.ui import commands as cmd
from tension_desk.ui.context import Context
from tension_desk.ui.dialogs.priority import PriorityDialog
from tension_desk.ui.dialogs.tension import TensionDialog
from tension_desk.ui.errors import confirm
from tension_desk.ui.widgets.matrix_view import MatrixView, describe_stability
from tension_desk.ui.widgets.priorities_view import PrioritiesView
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget, quadrant_data
from tension_desk.ui.widgets.weights_view import WeightsView
from tension_desk.ui.widgets.decisions_view import DecisionsView
from tension_desk.ui.widgets.capacity_view import CapacityView
from tension_desk.domain.scoring import lens_rankings
from tension_desk.ui.widgets.tensions_view import TensionsView
from tension_desk.ui.plain import plain_label


class SessionView(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.session: Session | None = None
        self.title = plain_label(name="session_title")
        self.meta = QLabel()
        self.meta.setObjectName("session_meta")
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.meta)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("session_tabs")
        self.priorities = PrioritiesView()
        self.tensions = TensionsView()
        self.tabs.addTab(self.priorities, "&Priorities")
        self.tabs.addTab(self.tensions, "&Tensions")
        self.matrix = MatrixView()
        self.tabs.addTab(self.matrix, "&Matrix")
        self.chart = QuadrantWidget()
        self.tabs.addTab(self.chart, "2×2 &Chart")
        self.decisions = DecisionsView()
        self.tabs.insertTab(2, self.decisions, "&Decisions")
        self.decisions.take_requested.connect(self.take_decision)
        self.decisions.save_requested.connect(self.save_decision)
        self.decisions.review_requested.connect(self.review_decision)
        self.capacity = CapacityView()
        self.tabs.insertTab(5, self.capacity, "C&apacity")
        self.capacity.edit_plan_requested.connect(self.edit_plan)
        self.capacity.defer_requested.connect(self.defer_priorities)
        self.weights = WeightsView()
        self.tabs.addTab(self.weights, "&Weights")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("session_notes")
        self.notes.setPlaceholderText("Notes of the meeting: who was there, what to follow up…")
        self.tabs.addTab(self.notes, "&Notes")
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(700)
        self._notes_timer.timeout.connect(self.save_notes)
        self.notes.textChanged.connect(self._notes_timer.start)
        self.weights.weight_requested.connect(self.set_weight)
        self.matrix.score_requested.connect(self.set_score)
        self.chart.point_selected.connect(self.matrix.select_priority)
        self.matrix.table.selectionModel().currentChanged.connect(
            lambda *_: self.chart.highlight(self.matrix.current_priority_id()))
        self.presentation = None
        self.matrix.state_requested.connect(self.set_scoring_state)
        self.matrix.status_requested.connect(self.set_priority_status)
        self.matrix.top_n_changed.connect(lambda _n: self._schedule_stability())
        self._stability_timer = QTimer(self)
        self._stability_timer.setSingleShot(True)
        self._stability_timer.setInterval(600)  # after a burst of typing, not after every digit
        self._stability_timer.timeout.connect(self.update_stability)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

        for panel in self.priorities.panels.values():
            panel.add_requested.connect(self.add_priority)
            panel.edit_requested.connect(self.edit_priority)
            panel.delete_requested.connect(self.delete_priority)
            panel.move_requested.connect(self.move_priority)
        self.tensions.add_requested.connect(self.add_tension)
        self.tensions.edit_requested.connect(self.edit_tension)
        self.tensions.delete_requested.connect(self.delete_tension)
        n = ctx.notifier
        n.agenda_changed.connect(self._on_agenda_changed)
        n.tensions_changed.connect(self._on_agenda_changed)
        n.leaders_changed.connect(self._refresh_leaders)
        n.sessions_changed.connect(self._on_sessions_changed)
        n.score_changed.connect(self._on_score_changed)
        n.scoring_changed.connect(self._on_scoring_changed)
        n.criteria_changed.connect(self._reload_matrix)
        n.decisions_changed.connect(self._reload_decisions)
        n.capacity_changed.connect(self._reload_capacity)
        n.notes_changed.connect(self._on_notes_changed)
        n.decisions_changed.connect(self._reload_capacity)

    # -- loading ------------------------------------------------------------------------------------
    def show_session(self, session_id: int | None) -> None:
        if self._notes_timer.isActive():
            self.save_notes()
        self.session = self.ctx.desk.sessions.get(session_id) if session_id is not None else None
        self.refresh()

    def refresh(self) -> None:
        self._show_notes()
        self._refresh_header()
        self._refresh_leaders()
        self._refresh_lists()

    def _refresh_header(self) -> None:
        s = self.session
        if s is None:
            self.title.setText("")
            self.meta.setText("")
            return
        self.title.setText(s.title)
        self.meta.setText(f"{s.date:%A %d %B %Y} · {s.quarter} · {s.status.label}")

    def _show_notes(self) -> None:
        text = self.session.notes if self.session else ""
        if self.notes.toPlainText() != text:
            self.notes.blockSignals(True)
            self.notes.setPlainText(text)
            self.notes.blockSignals(False)
        self.notes.setEnabled(self.session is not None)

    def save_notes(self) -> None:
        """Saved shortly after typing stops (and when leaving the session); one undo step per burst."""
        self._notes_timer.stop()
        if self.session is None:
            return
        text = self.notes.toPlainText().replace("\x00", "")  # NUL never reaches the store
        if text != self.ctx.desk.sessions.get(self.session.id).notes:
            self.ctx.run(self, cmd.SetSessionNotes, self.session.id, text)

    def _on_notes_changed(self, session_id: int) -> None:
        if self.session is not None and session_id == self.session.id:
            self.session = self.ctx.desk.sessions.get(session_id)
            self._show_notes()

    def _refresh_leaders(self) -> None:
        self.priorities.set_leaders(self.ctx.desk.workspace.leaders())

    def _refresh_lists(self) -> None:
        if self.session is None:
            self.priorities.set_priorities([], {})
            self.tensions.set_data([], [])
            self.matrix.load([], [], [], ScoringState(), {})
            return
        agenda = self.ctx.desk.priorities.agenda(self.session.id)
        tensions = self.ctx.desk.tensions.of_session(self.session.id)
        by_priority: dict[int, list[str]] = {}
        for t in tensions:
            for pid in t.priority_ids:
                by_priority.setdefault(pid, []).append(t.statement)
        self.priorities.set_priorities(agenda, by_priority)
        self.tensions.set_data(tensions, agenda)
        self._reload_matrix(agenda)
        self._reload_decisions()
        self._reload_capacity()

    def _on_agenda_changed(self, session_id: int) -> None:
        if self.session is not None and session_id == self.session.id:
            self._refresh_lists()

    def _on_sessions_changed(self) -> None:
        if self.session is None:
            return
        try:
            self.session = self.ctx.desk.sessions.get(self.session.id)
        except LookupError:
            self.session = None
        self.refresh()

    # -- matrix -----------------------------------------------------------------------------------------
    def _reload_matrix(self, agenda=None) -> None:
        if self.session is None:
            return
        desk = self.ctx.desk
        sid = self.session.id
        agenda = agenda if agenda is not None else desk.priorities.agenda(sid)
        self.matrix.load(agenda, desk.scoring.criteria(sid), desk.scoring.scores(sid), desk.scoring.state(sid), desk.workspace.leaders())
        self._schedule_stability()
        self.update_derived()

    def _on_score_changed(self, session_id: int, priority_id: int, criterion_id: int, role: str) -> None:
        if self.session is None or session_id != self.session.id:
            return
        value = next((s.value for s in self.ctx.desk.scoring.scores_of(session_id, priority_id)
                      if s.criterion_id == criterion_id and s.leader_role.value == role), None)
        self.matrix.apply_score(priority_id, criterion_id, Side(role), value)
        self._schedule_stability()

    def _on_scoring_changed(self, session_id: int) -> None:
        if self.session is not None and session_id == self.session.id:
            self._reload_matrix()
            self._reload_capacity()
            self._reload_decisions()

    def _schedule_stability(self) -> None:
        self._stability_timer.start()

    def update_derived(self) -> None:
        """Refresh what is computed from the whole matrix: the 2×2 chart and the lens rankings."""
        if self.session is None:
            return
        model = self.matrix.model
        desk = self.ctx.desk
        sid = self.session.id
        criteria = model.criteria()
        lenses = desk.scoring.lens_weights(sid)
        ranks = None
        if model.revealed:
            scores = desk.scoring.scores(sid)
            ids = [p.id for p in model.priorities()]
            ranks = lens_rankings(ids, criteria, scores, {
                "agreed": {c.id: c.weight for c in criteria},
                "product": lenses[Side.PRODUCT], "engineering": lenses[Side.ENGINEERING]})
        closed = self.session.status.value == "closed"
        self.weights.load(criteria, lenses, not closed, model.priorities(), ranks, self.matrix.top_n.value())
        self.chart.set_data(quadrant_data(model.priorities(), model.results(), self.session.title))

    def update_stability(self) -> None:
        """Recompute the rank stability line (after the reveal only; debounced after edits)."""
        self.update_derived()
        model = self.matrix.model
        if not model.revealed or self.session is None:
            self.matrix.set_stability_text("")
            return
        n = self.matrix.top_n.value()
        self.matrix.set_stability_text(describe_stability(model.priorities(), model.criteria(),
                                                          self.ctx.desk.scoring.scores(self.session.id), n))

    def set_score(self, priority_id: int, criterion_id: int, role, value) -> None:
        self.ctx.run(self, cmd.SetScore, self.session.id, priority_id, criterion_id, Side(role), value)

    def set_weight(self, criterion_id: int, weight: float, lens) -> None:
        name = next((c.name for c in self.matrix.model.criteria() if c.id == criterion_id), "criterion")
        who = "agreed" if lens is None else f"{Side(lens).label}'s"
        self.ctx.run(self, cmd.SetSessionWeight, self.session.id, criterion_id, weight, lens,
                     f"Set the {who} weight of {name} to {weight:g}")

    def set_scoring_state(self, state, text: str) -> None:
        self.ctx.run(self, cmd.SetScoringState, self.session.id, state, text)

    # -- decisions ----------------------------------------------------------------------------------
    def _reload_decisions(self) -> None:
        from tension_desk.services.decisions import default_review_date

        if self.session is None:
            return
        desk = self.ctx.desk
        agenda = desk.tensions.agenda(self.session.id)
        tensions = {t.id: t for t in desk.tensions.list()}
        decisions = {d.tension_id: d for d in desk.decisions.list()}
        shown = [t for t in agenda.own] + [c.tension for c in agenda.carried]
        shown += [tensions[d.tension_id] for d in agenda.due_reviews if d.tension_id in tensions]
        priorities = {p.id: p for p in desk.priorities.by_ids({pid for t in shown for pid in t.priority_ids})}
        revealed = desk.scoring.state(self.session.id).revealed
        self.decisions.load(agenda, priorities, decisions, desk.workspace.leaders(),
                            default_review_date(self.session.quarter), tensions,
                            blind_session=None if revealed else self.session.id)

    # -- capacity -------------------------------------------------------------------------------------
    def _reload_capacity(self) -> None:
        from tension_desk.domain.capacity import capacity_fit, deferral_suggestions

        if self.session is None:
            return
        desk = self.ctx.desk
        quarter = self.session.quarter
        plan = desk.capacity.plan(quarter)
        everything = desk.priorities.of_quarter(quarter)
        fit = capacity_fit(plan, everything, quarter)
        # ranks only once revealed: while the leaders score blind, nothing derived from both may show
        ranks = {r.priority_id: r.rank for r in self.matrix.model.results()}
        suggestions = {side: deferral_suggestions(fit, everything, side, ranks) for side in Side}
        self.capacity.load(quarter, plan, fit, suggestions, ranks)

    def edit_plan(self) -> None:
        from tension_desk.ui.widgets.capacity_view import PlanDialog

        quarter = self.session.quarter
        plan = self.ctx.desk.capacity.plan(quarter)
        answer = PlanDialog.ask(self, plan or self.ctx.desk.capacity.suggested_plan(quarter), plan is None)
        if answer is not None:
            self.ctx.run(self, cmd.SetCapacityPlan, **answer)

    def set_priority_status(self, priority_id: int, status: str) -> None:
        """Accept (for the session's quarter), defer or re-propose one priority from the matrix."""
        from dataclasses import replace

        from tension_desk.domain.model import PriorityDraft, PriorityStatus

        p = self.ctx.desk.priorities.get(priority_id)
        st = PriorityStatus(status)
        quarter = self.session.quarter if st is PriorityStatus.ACCEPTED else (p.quarter if st is PriorityStatus.DELIVERED else None)
        if p.status is st and p.quarter == quarter:
            return
        draft = replace(PriorityDraft.of(p), status=st, quarter=quarter)
        self.ctx.run(self, cmd.SetPriorityStatuses, self.session.id, [(priority_id, draft)],
                     f"{st.label} “{p.title}”")

    def defer_priorities(self, priority_ids: list) -> None:
        from dataclasses import replace

        from tension_desk.domain.model import PriorityDraft, PriorityStatus

        changes = []
        for pid in priority_ids:
            p = self.ctx.desk.priorities.get(pid)
            changes.append((pid, replace(PriorityDraft.of(p), status=PriorityStatus.DEFERRED, quarter=None)))
        if changes:
            self.ctx.run(self, cmd.SetPriorityStatuses, self.session.id, changes,
                         f"Defer {len(changes)} priorit{'y' if len(changes) == 1 else 'ies'} to fit the split")

    def take_decision(self, tension_id: int, draft, accept: list, defer: list) -> None:
        done = self.ctx.run(self, cmd.TakeDecision, self.session.id, tension_id, draft, accept, defer,
                            self.session.quarter)
        if done:
            self.decisions.select("tension", tension_id)

    def save_decision(self, decision_id: int, draft) -> None:
        self.ctx.run(self, cmd.EditDecision, self.session.id, decision_id, draft)

    def review_decision(self, decision_id: int, outcome) -> None:
        self.ctx.run(self, cmd.ReviewDecision, self.session.id, decision_id, outcome)
        self.decisions.select("review", decision_id)

    def present(self) -> None:
        """Presentation mode: the matrix and the chart full-screen, large type, nothing private."""
        from tension_desk.ui.widgets.presentation import PresentationWindow

        if self.session is None:
            return
        if self.presentation is not None:
            self.presentation.close()
            return
        self.presentation = PresentationWindow(self.matrix, self.chart, self.session.title)
        self.presentation.closed.connect(self._presentation_closed)
        self.presentation.showFullScreen()

    def _presentation_closed(self) -> None:
        if self.presentation is not None:
            self.presentation.deleteLater()
        self.presentation = None

    # -- priorities -----------------------------------------------------------------------------------
    def add_priority(self, side: Side) -> None:
        if self.session is None:
            return
        draft = PriorityDialog.ask(self, PriorityDraft(title="", side=side), new=True)
        if draft is None:
            return
        done = self.ctx.run(self, cmd.AddPriorities, self.session.id, [draft])
        if done and done.added:
            self.priorities.panels[done.added[0].side].select(done.added[0].id)

    def edit_priority(self, priority_id: int) -> None:
        p = self.ctx.desk.priorities.get(priority_id)
        draft = PriorityDialog.ask(self, PriorityDraft.of(p), new=False)
        if draft is not None and draft != PriorityDraft.of(p):
            self.ctx.run(self, cmd.EditPriority, self.session.id, priority_id, draft)
            self.priorities.panels[draft.side].select(priority_id)

    def delete_priority(self, priority_id: int) -> None:
        p = self.ctx.desk.priorities.get(priority_id)
        n = sum(priority_id in t.priority_ids for t in self.ctx.desk.tensions.of_session(self.session.id))
        extra = f" It is part of {n} tension(s), which lose it." if n else ""
        if confirm(self, "Delete priority", f"Delete “{p.title}” with its scores?{extra} (Undo brings it back.)"):
            self.ctx.run(self, cmd.DeletePriority, self.session.id, p)

    def move_priority(self, priority_id: int, delta: int) -> None:
        p = self.ctx.desk.priorities.get(priority_id)
        order = self.ctx.desk.priorities.side_order(self.session.id, p.side)
        i = order.index(priority_id)
        j = i + delta
        if not 0 <= j < len(order):
            return
        order[i], order[j] = order[j], order[i]
        self.ctx.run(self, cmd.ReorderSide, self.session.id, p.side, order, f"Move “{p.title}”")
        self.priorities.panels[p.side].select(priority_id)

    # -- tensions -------------------------------------------------------------------------------------
    def add_tension(self, preselected: tuple[int, ...] = ()) -> None:
        if self.session is None:
            return
        agenda = self.ctx.desk.priorities.agenda(self.session.id)
        answer = TensionDialog.ask(self, agenda, selected=tuple(preselected) if preselected else ())
        if answer is not None:
            statement, ids = answer
            self.ctx.run(self, cmd.AddTension, self.session.id, statement, ids)

    def edit_tension(self, tension_id: int) -> None:
        t = self.ctx.desk.tensions.get(tension_id)
        answer = TensionDialog.ask(self, self.ctx.desk.priorities.agenda(self.session.id), t.statement, t.priority_ids, new=False)
        if answer is not None:
            statement, ids = answer
            self.ctx.run(self, cmd.EditTension, self.session.id, tension_id, statement, ids)

    def delete_tension(self, tension_id: int) -> None:
        t = self.ctx.desk.tensions.get(tension_id)
        if confirm(self, "Delete tension", f"Delete the tension “{t.statement[:80]}”? (Undo brings it back.)"):
            self.ctx.run(self, cmd.DeleteTension, self.session.id, tension_id)
