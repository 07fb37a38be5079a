"""The Capacity tab, and the one way a quarter's split is edited or marked reviewed (also from the review page)."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from tension_desk.domain.capacity import capacity_fit, deferral_suggestions
from tension_desk.domain.dates import day
from tension_desk.domain.model import PriorityStatus, Side, status_change
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.context import Context
from tension_desk.ui.controllers.base import SessionHost, TabController
from tension_desk.ui.dialogs.plan import PlanChange, PlanDialog
from tension_desk.ui.errors import show_error
from tension_desk.ui.widgets.capacity_view import CapacityView

if TYPE_CHECKING:
    from tension_desk.services.types import SessionSnapshot


def set_plan(ctx: Context, parent: QWidget, change: PlanChange) -> cmd.SetCapacityPlan | None:
    return ctx.run(parent, cmd.SetCapacityPlan, change.quarter, change.total_weeks, change.product_share,
                   change.engineering_share, change.reason, change.reviewed_on, change.note)


def edit_plan(ctx: Context, parent: QWidget, quarter: str) -> cmd.SetCapacityPlan | None:
    """Ask for the quarter's split (a new quarter starts from the last one's) and set it as one edit."""
    plan = ctx.desk.capacity.plan(quarter)
    answer = PlanDialog.ask(parent, plan or ctx.desk.capacity.suggested_plan(quarter), plan is None)
    return None if answer is None else set_plan(ctx, parent, answer)


def record_review(ctx: Context, parent: QWidget, quarter: str) -> cmd.SetCapacityPlan | None:
    """Mark the quarter's split reviewed today, as one edit kept in the ledger."""
    plan = ctx.desk.capacity.plan(quarter)
    if plan is None:
        show_error(parent, ValueError(f"{quarter} has no plan to review yet; set its split first"))
        return None
    today = dt.date.today()
    return set_plan(ctx, parent, PlanChange(quarter, plan.total_weeks, plan.product_share, plan.engineering_share,
                                            f"reviewed on {day(today)}", today, plan.note))


class CapacityController(TabController):
    def __init__(self, ctx: Context, host: SessionHost, view: CapacityView):
        super().__init__(ctx, host)
        self.view = view
        view.edit_plan_requested.connect(self.edit_plan)
        view.defer_requested.connect(self.defer)

    def reload(self, ranks: dict[int, int | None], snap: SessionSnapshot | None = None) -> None:
        """``ranks`` only once revealed: while the leaders score blind, nothing derived from both may show. From
        ``snap`` (the session read afresh when not given)."""
        if self.session is None:
            return
        snap = snap or self.ctx.desk.sessions.open(self.session.id)
        quarter, plan, everything = snap.session.quarter, snap.plan, snap.of_quarter
        fit = capacity_fit(plan, everything, quarter)
        suggestions = {side: deferral_suggestions(fit, everything, side, ranks) for side in Side}
        self.view.load(quarter, plan, fit, suggestions, ranks, is_closed(snap.session))

    def edit_plan(self) -> None:
        if self.session is not None:
            edit_plan(self.ctx, self.host, self.session.quarter)

    def defer(self, priority_ids: list[int]) -> None:
        """Defer the suggested items, as one edit."""
        if self.session is None:
            return
        drafts = ((pid, status_change(self.ctx.desk.priorities.get(pid), PriorityStatus.DEFERRED, self.session.quarter))
                  for pid in priority_ids)
        changes = [(pid, d) for pid, d in drafts if d is not None]
        if changes:
            n = len(changes)
            self.run(cmd.SetPriorityStatuses, self.session.id, changes,
                     f"Defer {n} priorit{'y' if n == 1 else 'ies'} to fit the split")
