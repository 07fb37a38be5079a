"""Each session tab's controller turns a user action into one undoable edit, and undo restores the store."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side, status_change
from tension_desk.ui.dialogs.plan import PlanChange, PlanDialog


@pytest.fixture
def session(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q4", 100, 70, 30, reason="agreed")
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    first = desk.priorities.add(s.id, PriorityDraft("First", Side.PRODUCT, effort_weeks=5))
    second = desk.priorities.add(s.id, PriorityDraft("Second", Side.PRODUCT, effort_weeks=3))
    return s, first, second


@pytest.fixture
def view(make_window, session):
    w = make_window()
    w.select_session(session[0].id)
    return w.session_view


@pytest.mark.parametrize(("status", "quarter"), [(PriorityStatus.ACCEPTED, "2026-Q4"),
                                                 (PriorityStatus.DEFERRED, None)])
def test_a_status_from_the_matrix_is_one_edit_and_undo_restores_it(view, desk, session, status, quarter):
    _s, first, _second = session
    view.matrix.table.setCurrentIndex(view.matrix.proxy.index(0, 1))
    view.matrix.status_actions[status.value].trigger()
    assert (desk.priorities.get(first.id).status, desk.priorities.get(first.id).quarter) == (status, quarter)
    assert view.ctx.undo_stack.count() == 1
    view.ctx.undo(view)
    undone = desk.priorities.get(first.id)
    assert (undone.status, undone.quarter) == (PriorityStatus.PROPOSED, None)


def test_a_status_the_priority_already_has_is_no_edit(view, desk, session):
    _s, first, _second = session
    view.matrix_tab.set_status(first.id, PriorityStatus.PROPOSED)
    assert view.ctx.undo_stack.count() == 0


def test_the_status_rule_accepted_for_the_quarter_delivered_keeps_its_own_others_none(session, desk):
    _s, first, _second = session
    p = desk.priorities.get(first.id)
    assert status_change(p, PriorityStatus.ACCEPTED, "2026-Q4").quarter == "2026-Q4"
    desk.priorities.update(first.id, replace(PriorityDraft.of(p), status=PriorityStatus.DELIVERED, quarter="2026-Q3"))
    p = desk.priorities.get(first.id)
    assert status_change(p, PriorityStatus.DELIVERED, "2026-Q4") is None  # delivered in Q3 stays in Q3
    assert status_change(p, PriorityStatus.REJECTED, "2026-Q4").quarter is None


def test_moving_a_priority_is_one_edit_and_does_nothing_past_the_end(view, desk, session):
    s, first, second = session
    view.priorities_tab.move(second.id, +1)  # already last
    assert view.ctx.undo_stack.count() == 0
    view.priorities_tab.move(second.id, -1)
    assert desk.priorities.side_order(s.id, Side.PRODUCT) == [second.id, first.id]
    view.ctx.undo(view)
    assert desk.priorities.side_order(s.id, Side.PRODUCT) == [first.id, second.id]


def test_deferring_the_suggested_items_is_one_edit(view, desk, session):
    _s, first, second = session
    view.capacity_tab.defer([first.id, second.id])
    assert {desk.priorities.get(p.id).status for p in (first, second)} == {PriorityStatus.DEFERRED}
    assert view.ctx.undo_stack.count() == 1 and "Defer 2 priorities" in view.ctx.undo_stack.undoText()
    view.ctx.undo(view)
    assert {desk.priorities.get(p.id).status for p in (first, second)} == {PriorityStatus.PROPOSED}


def test_the_plan_is_edited_the_same_way_from_the_session_and_from_the_review(view, desk, monkeypatch):
    answers = iter([PlanChange("2026-Q4", 80, 60, 40, "from the session"),
                    PlanChange("2026-Q4", 90, 50, 50, "from the review", dt.date(2026, 12, 1), "a note")])
    monkeypatch.setattr(PlanDialog, "ask", classmethod(lambda cls, parent, plan, is_new: next(answers)))
    view.capacity.edit.click()
    view.window().review_view.review.edit_requested.emit("2026-Q4")  # Edit split… on the review page
    plan = desk.capacity.plan("2026-Q4")
    assert (plan.total_weeks, plan.product_share, plan.reviewed_on, plan.note) == (90, 50, dt.date(2026, 12, 1),
                                                                                    "a note")
    ledger = desk.capacity.ledger("2026-Q4")
    assert [(e.reason, e.total_weeks, e.product_share) for e in ledger] == [
        ("agreed", 100, 70), ("from the session", 80, 60), ("from the review", 90, 50)]
    view.ctx.undo(view)
    view.ctx.undo(view)
    assert [e.reason for e in desk.capacity.ledger("2026-Q4")] == ["agreed"]
    assert desk.capacity.plan("2026-Q4").total_weeks == 100


def test_a_weight_and_a_scoring_turn_are_each_one_edit(view, desk, session):
    s, _first, _second = session
    criterion = desk.scoring.criteria(s.id)[0]
    view.weights_tab.set_weight(criterion.id, 4.0, None)
    assert desk.scoring.criteria(s.id)[0].weight == 4.0
    assert view.ctx.undo_stack.undoText() == f"Set the agreed weight of {criterion.name} to 4"
    view.matrix_tab.set_state(ScoringState().start_turn(Side.PRODUCT), "Product leader scores")
    assert desk.scoring.state(s.id).turn is Side.PRODUCT
    view.ctx.undo(view)
    view.ctx.undo(view)
    assert desk.scoring.state(s.id).turn is None
    assert desk.scoring.criteria(s.id)[0].weight == criterion.weight


def test_notes_typed_then_leaving_the_session_are_saved_as_one_edit(view, desk, session):
    s = session[0]
    view.notes.setPlainText("Both leaders present.")
    view.show_session(None)  # leaving saves what was typed
    assert desk.sessions.get(s.id).notes == "Both leaders present."
    assert view.ctx.undo_stack.count() == 1
    view.ctx.undo(view)
    assert desk.sessions.get(s.id).notes == ""
