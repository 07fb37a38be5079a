"""The capacity split and the shared outcome, as the leaders use them."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.services.sample import add_sample
from tension_desk.ui.dialogs.plan import PlanChange, PlanDialog


@pytest.fixture
def quarter_session(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q4", 100, 70, 30, reason="agreed")
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    a = desk.priorities.add(s.id, PriorityDraft("Big feature", Side.PRODUCT, effort_weeks=50))
    b = desk.priorities.add(s.id, PriorityDraft("Small feature", Side.PRODUCT, effort_weeks=30))
    c = desk.priorities.add(s.id, PriorityDraft("Platform fix", Side.ENGINEERING, effort_weeks=10))
    t = desk.tensions.add(s.id, "Features or platform?", [a.id, b.id, c.id])
    first = desk.scoring.criteria(s.id)[0].id
    for pid, value in ((a.id, 5), (b.id, 1), (c.id, 3)):  # ranks: big 1, platform 2, small 3
        for role in Side:
            desk.scoring.set_score(s.id, pid, first, role, value)
    from tension_desk.domain.blind import ScoringState

    desk.scoring.set_state(s.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    return s, a, b, c, t


def test_accepting_in_the_decision_updates_the_gauge_and_suggests_what_to_defer(make_window, desk, quarter_session):
    s, a, b, c, t = quarter_session
    w = make_window()
    w.select_session(s.id)
    view = w.session_view
    cap = view.capacity
    assert "fit" in cap.verdict.text()  # nothing accepted yet: fits
    form = view.decisions.form
    view.decisions.select("tension", t.id)
    form.texts["outcome"].setPlainText("Both features and the fix")
    for pid in (a.id, b.id, c.id):
        form.choices[pid].setCurrentIndex(form.choices[pid].findData("accept"))
    form.take.click()
    # 80 product weeks against a 70-week share: over by 10; engineering 10 of 30 (11%): squeezed
    assert "do not fit" in cap.verdict.text() and "product is over by 10 weeks" in cap.verdict.text()
    assert "11%" in cap.warning.text() and "below the agreed 30%" in cap.warning.text()
    assert [cap.suggested.item(i).text().split(" — ")[0] for i in range(cap.suggested.count())] == ["● Small feature"]
    cap.defer.click()
    assert desk.priorities.get(b.id).status is PriorityStatus.DEFERRED
    # both sides fit now, but engineering has 10 of 60 accepted weeks (17%, agreed 30%): no tick above a squeeze
    assert cap.verdict.text() == "⚠ This month's decisions fit the totals, but platform work is being squeezed."
    w.undo_action.trigger()
    assert desk.priorities.get(b.id).status is PriorityStatus.ACCEPTED and "do not fit" in cap.verdict.text()


def test_editing_the_plan_keeps_a_ledger_and_is_undoable(make_window, desk, quarter_session, monkeypatch):
    s, *_ = quarter_session
    w = make_window()
    w.select_session(s.id)
    monkeypatch.setattr(PlanDialog, "ask", classmethod(lambda cls, parent, plan, is_new: PlanChange(
        plan.quarter, 120.0, 60.0, 40.0, "more platform work after two incidents")))
    w.session_view.capacity.edit.click()
    plan = desk.capacity.plan("2026-Q4")
    assert (plan.total_weeks, plan.product_share, plan.engineering_share) == (120, 60, 40)
    assert [e.reason for e in desk.capacity.ledger("2026-Q4")] == ["agreed", "more platform work after two incidents"]
    assert "60%" in w.session_view.capacity.plan_line.text()
    w.undo_action.trigger()
    assert desk.capacity.plan("2026-Q4").product_share == 70
    assert [e.reason for e in desk.capacity.ledger("2026-Q4")] == ["agreed"]


def test_a_new_quarter_starts_from_the_last_split(desk, leaders):
    desk.capacity.set_plan("2026-Q3", 120, 80, 20, reason="launch")
    plan = desk.capacity.suggested_plan("2026-Q4")
    assert (plan.total_weeks, plan.product_share, plan.engineering_share) == (120, 80, 20)


def test_shares_that_do_not_add_to_100_are_refused(desk):
    from tension_desk.domain.validation import ValidationError

    with pytest.raises(ValidationError, match="add up to 90%"):
        desk.capacity.set_plan("2026-Q4", 100, 60, 30)
    with pytest.raises(ValidationError):
        desk.capacity.set_plan("2026-Q4", float("nan"), 70, 30)
    assert desk.capacity.plans() == []


def test_the_quarterly_review_and_outcomes_pages_on_the_sample(make_window, desk):
    add_sample(desk)
    w = make_window()
    w.review_action.trigger()
    page = w.review_view
    assert w.stack.currentWidget() is page
    review = page.review
    review.quarter.setCurrentText("2026-Q3")
    # Q3 by hand: delivered product 6 + 5 + 3 = 14 weeks, engineering 3 weeks → 18% against 30% agreed
    cells = [[review.table.item(r, c).text() for c in range(4)] for r in range(2)]
    assert cells[0][1:] == ["84", "0", "14"] and cells[1][1:] == ["36", "0", "3"]
    assert "18%" in review.summary.text()
    # outcomes by hand: Q3 delivered 72, 75, 136, 179 days → median 105.5; Q4 191, 224 → 207.5
    out = page.outcomes.table
    assert [(out.item(r, 0).text(), out.item(r, 1).text(), out.item(r, 2).text()) for r in range(out.rowCount())] == [
        ("2026-Q3", "4", "105.5"), ("2026-Q4", "2", "207.5")]
    assert page.outcomes.slowest.item(0).text().startswith("▲ CI pipeline under 10 minutes — 224 days")
    before = desk.capacity.plan("2026-Q3").reviewed_on
    next(b for b in review.findChildren(__import__("PySide6.QtWidgets", fromlist=["QPushButton"]).QPushButton)
         if b.objectName() == "record_review").click()
    assert desk.capacity.plan("2026-Q3").reviewed_on == dt.date.today() != before


def test_outcomes_command(tmp_path):
    d = tmp_path / "d"
    env_run = [sys.executable, "-m", "tension_desk"]
    assert subprocess.run([*env_run, "sample", "--data-dir", str(d)], capture_output=True).returncode == 0
    r = subprocess.run([*env_run, "outcomes", "--json", "--data-dir", str(d)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"quarter": "2026-Q3", "delivered_count": 4, "median_days": 105.5},
                                    {"quarter": "2026-Q4", "delivered_count": 2, "median_days": 207.5}]
    pdf = tmp_path / "review.pdf"
    r = subprocess.run([*env_run, "export-review", "--quarter", "2026-Q3", "-o", str(pdf), "--data-dir", str(d)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Quarterly review" in text and "2026-Q3" in text and "18%" in text


def test_accepting_in_the_matrix_updates_the_gauge_at_once(make_window, desk, quarter_session):
    s, _, _, c, _ = quarter_session
    w = make_window()
    w.select_session(s.id)
    matrix = w.session_view.matrix
    matrix.select_priority(c.id)
    matrix.status_actions["accepted"].trigger()
    accepted = desk.priorities.get(c.id)
    assert accepted.status is PriorityStatus.ACCEPTED and accepted.quarter == "2026-Q4"
    bars = {bar.side: bar for bar in w.session_view.capacity.gauge.bars}
    assert bars[Side.ENGINEERING].used == 10 and bars[Side.ENGINEERING].budget == 30
    w.undo_action.trigger()
    bars = {bar.side: bar for bar in w.session_view.capacity.gauge.bars}
    assert bars[Side.ENGINEERING].used == 0
