"""Decisions that leave the room: record, freeze the evidence, accept/defer, carry over, review, log."""
from __future__ import annotations

import datetime as dt

import pytest

from tension_desk.domain.model import DecisionStatus, PriorityDraft, PriorityStatus, Side
from tension_desk.services.decisions import DecisionDraft


@pytest.fixture
def three_months(desk, leaders):
    """September raises two tensions; October and November follow without deciding the second."""
    desk.workspace.set_leaders(*leaders)
    sep = desk.sessions.create("September", dt.date(2026, 9, 15))
    a = desk.priorities.add(sep.id, PriorityDraft("Usage billing", Side.PRODUCT, effort_weeks=10))
    b = desk.priorities.add(sep.id, PriorityDraft("Split billing", Side.ENGINEERING, effort_weeks=12))
    c = desk.priorities.add(sep.id, PriorityDraft("Mobile app", Side.PRODUCT, effort_weeks=8))
    t1 = desk.tensions.add(sep.id, "Billing team: <b>usage</b> or split?", [a.id, b.id])
    t2 = desk.tensions.add(sep.id, "Mobile app vs split", [c.id, b.id])
    oct_ = desk.sessions.create("October", dt.date(2026, 10, 13), carry_priorities_from=sep.id)
    nov = desk.sessions.create("November", dt.date(2026, 11, 17), carry_priorities_from=oct_.id)
    return dict(sep=sep, oct=oct_, nov=nov, a=a, b=b, c=c, t1=t1, t2=t2)


def test_taking_a_decision_freezes_evidence_and_moves_priorities_undoably(make_window, desk, three_months):
    m = three_months
    crit = desk.scoring.criteria(m["sep"].id)
    for role, v in ((Side.PRODUCT, 5), (Side.ENGINEERING, 1)):
        desk.scoring.set_score(m["sep"].id, m["a"].id, crit[0].id, role, v)
    w = make_window()
    w.select_session(m["sep"].id)
    view = w.session_view.decisions
    assert view.select("tension", m["t1"].id)
    form = view.form
    form.texts["outcome"].setPlainText("Split first, then usage billing on the new service.")
    form.texts["rationale"].setPlainText("Half the migration later.")
    form.acks[Side.PRODUCT].setChecked(True)
    form.acks[Side.ENGINEERING].setChecked(True)
    form.choices[m["b"].id].setCurrentIndex(form.choices[m["b"].id].findData("accept"))
    form.choices[m["a"].id].setCurrentIndex(form.choices[m["a"].id].findData("defer"))
    form.take.click()
    d = desk.decisions.for_tension(m["t1"].id)
    assert d is not None and d.ack_product and d.ack_engineering
    assert d.review_date == dt.date(2026, 10, 1)  # the next quarterly review by default
    accepted = desk.priorities.get(m["b"].id)
    assert accepted.status is PriorityStatus.ACCEPTED and accepted.quarter == "2026-Q3"
    assert desk.priorities.get(m["a"].id).status is PriorityStatus.DEFERRED
    frozen = {p["title"]: p for p in d.evidence["priorities"]}
    assert frozen["Usage billing"]["scores"]["product"]["Customer value"] == 5
    assert frozen["Usage billing"]["divergence"] == pytest.approx(80.0)
    # later edits never rewrite history
    desk.scoring.set_score(m["sep"].id, m["a"].id, crit[0].id, Side.ENGINEERING, 5)
    assert desk.decisions.get(d.id).evidence["priorities"][0]["scores"]["engineering"]["Customer value"] == 1
    # undo takes it all back; redo restores it with the same id
    w.undo_action.trigger()
    assert desk.decisions.for_tension(m["t1"].id) is None
    assert desk.priorities.get(m["b"].id).status is PriorityStatus.PROPOSED
    assert desk.tensions.get(m["t1"].id).status.value == "open"
    w.redo_action.trigger()
    assert desk.decisions.for_tension(m["t1"].id).id == d.id
    assert desk.priorities.get(m["a"].id).status is PriorityStatus.DEFERRED


def test_a_decision_needs_an_outcome(make_window, desk, three_months, monkeypatch, no_dialogs):
    m = three_months
    shown = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: shown.append(str(exc))))
    w = make_window()
    w.select_session(m["sep"].id)
    view = w.session_view.decisions
    view.select("tension", m["t1"].id)
    view.form.take.click()
    assert shown and "outcome is empty" in shown[0]
    assert desk.decisions.for_tension(m["t1"].id) is None


def test_open_tensions_carry_over_with_their_age_and_escalate_at_three(desk, three_months):
    m = three_months
    desk.decisions.take(m["oct"].id, m["t1"].id, DecisionDraft(outcome="Split first"))
    oct_agenda = desk.tensions.agenda(m["oct"].id)
    ages = {c.tension.id: c.age for c in oct_agenda.carried}
    assert ages == {m["t1"].id: 2, m["t2"].id: 2}  # t1 was decided in October: it stays on October's agenda
    nov = desk.tensions.agenda(m["nov"].id)
    assert [c.tension.id for c in nov.carried] == [m["t2"].id]
    assert nov.carried[0].age == 3 and nov.carried[0].escalate


def test_a_decision_due_for_review_asks_did_it_hold(make_window, desk, three_months):
    m = three_months
    d, _ = desk.decisions.take(m["sep"].id, m["t1"].id, DecisionDraft(outcome="Split first",
                                                                     review_date=dt.date(2026, 11, 1)))
    assert [x.id for x in desk.tensions.agenda(m["oct"].id).due_reviews] == []
    assert [x.id for x in desk.tensions.agenda(m["nov"].id).due_reviews] == [d.id]
    w = make_window()
    w.select_session(m["nov"].id)
    view = w.session_view.decisions
    assert view.select("review", d.id)
    view.review.buttons["reversed"].click()
    after = desk.decisions.get(d.id)
    assert after.review_outcome == "reversed" and after.status is DecisionStatus.REVERSED
    w.undo_action.trigger()
    assert desk.decisions.get(d.id).review_outcome == "" and desk.decisions.get(d.id).status is DecisionStatus.DECIDED


def test_the_decision_log_searches_filters_and_highlights_due_reviews(make_window, desk, three_months):
    m = three_months
    desk.decisions.take(m["sep"].id, m["t1"].id, DecisionDraft(outcome="Split billing first", owner="Daniel Okafor",
                                                              review_date=dt.date(2026, 10, 1)))
    desk.decisions.take(m["oct"].id, m["t2"].id, DecisionDraft(outcome="Mobile later", owner="Maya Chen",
                                                              review_date=dt.date(2099, 1, 1),
                                                              status=DecisionStatus.REVISIT))
    w = make_window()
    w.log_action.trigger()
    log = w.log_view
    assert w.stack.currentWidget() is log and log.proxy.rowCount() == 2
    log.search.setText("billing")
    assert log.proxy.rowCount() == 1
    log.search.setText("")
    log.status.setCurrentIndex(log.status.findData("revisit"))
    assert log.proxy.rowCount() == 1
    log.status.setCurrentIndex(0)
    log.leader.setCurrentIndex(log.leader.findData("Daniel Okafor"))
    assert log.proxy.rowCount() == 1
    log.leader.setCurrentIndex(0)
    log.quarter.setCurrentIndex(log.quarter.findData("2026-Q4"))
    assert log.proxy.rowCount() == 1
    log.quarter.setCurrentIndex(0)
    log.side.setCurrentIndex(log.side.findData("product"))
    assert log.proxy.rowCount() == 2
    from PySide6.QtCore import Qt

    due = [log.model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) is not None for r in range(2)]
    assert sorted(due) == [False, True]


def test_a_decision_taken_before_the_reveal_keeps_its_evidence_hidden(make_window, desk, three_months):
    from tension_desk.domain.blind import ScoringState

    m = three_months
    desk.decisions.take(m["sep"].id, m["t1"].id, DecisionDraft(outcome="Split first"))
    w = make_window()
    w.select_session(m["sep"].id)
    view = w.session_view.decisions
    view.select("tension", m["t1"].id)
    assert "hidden while the leaders score blind" in view.form.evidence.text()
    w.ctx.desk.scoring.set_state(m["sep"].id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    w.ctx.notifier.scoring_changed.emit(m["sep"].id)
    view.select("tension", m["t1"].id)
    assert "Evidence frozen" in view.form.evidence.text()
