"""A decision's frozen evidence is decoded when it is read, not when its session opens (issue 15, figure 5):
a late session's agenda carries every decision with a review due, hundreds in a long-kept workspace."""
from __future__ import annotations

import datetime as dt

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.decisions import DecisionDraft
from tension_desk.ui.widgets.decisions_view import describe_evidence


def decoded(decision) -> bool:
    return "evidence" in vars(decision)  # Decision.evidence is a cached property: decoded once read


def test_opening_a_session_with_many_reviews_due_decodes_no_evidence_until_a_decision_is_shown(
        make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    sep = desk.sessions.create("September", dt.date(2026, 9, 15))
    crit = desk.scoring.criteria(sep.id)
    taken = []
    for i in range(6):
        a = desk.priorities.add(sep.id, PriorityDraft(f"Product {i}", Side.PRODUCT, effort_weeks=2))
        b = desk.priorities.add(sep.id, PriorityDraft(f"Engineering {i}", Side.ENGINEERING, effort_weeks=3))
        desk.scoring.set_score(sep.id, a.id, crit[0].id, Side.PRODUCT, 5)
        t = desk.tensions.add(sep.id, f"Tension {i}", [a.id, b.id])
        d, _ = desk.decisions.take(sep.id, t.id, DecisionDraft(outcome=f"Outcome {i}",
                                                               review_date=dt.date(2026, 11, 1)))
        taken.append((t, d))
    desk.scoring.set_state(sep.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    nov = desk.sessions.create("November", dt.date(2026, 11, 17), carry_priorities_from=sep.id)
    w = make_window()
    w.select_session(nov.id)
    view = w.session_view.decisions
    w.session_view.tabs.setCurrentWidget(view)
    assert view.select("review", taken[0][1].id)  # the review panel: no evidence on it
    held = list(view._context.decisions.values())  # what the open session's agenda holds
    assert {d.id for d in held} >= {d.id for _, d in taken}
    assert not any(decoded(d) for d in held)

    w.select_session(sep.id)  # shown, the evidence is what was frozen, in the words of every document
    w.session_view.tabs.setCurrentWidget(view)
    tension, d = taken[0]
    assert view.select("tension", tension.id)
    stored = desk.decisions.get(d.id)
    assert stored.evidence["priorities"][0]["scores"]["product"][crit[0].name] == 5
    assert view.form.evidence.text() == describe_evidence(stored)
    assert view.form.evidence.text().startswith("Evidence frozen on ")
    assert "● Product 0: combined" in view.form.evidence.text()
