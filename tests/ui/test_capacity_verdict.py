"""The Capacity tab gives one verdict: it never says "fits" above a squeeze, and a closed session speaks of
its quarter in the past tense."""
from __future__ import annotations

import datetime as dt

from tension_desk.domain.model import PriorityDraft, PriorityStatus, SessionStatus, Side


def _session_with_accepted(desk, leaders, product_weeks: float, engineering_weeks: float):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q4", 100, 70, 30, reason="agreed")
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    for title, side, weeks in (("Feature", Side.PRODUCT, product_weeks), ("Fix", Side.ENGINEERING, engineering_weeks)):
        desk.priorities.add(s.id, PriorityDraft(title, side, effort_weeks=weeks, status=PriorityStatus.ACCEPTED,
                                              quarter="2026-Q4"))
    return s


def _verdict_and_warning(w):
    cap = w.session_view.capacity
    return cap.verdict.text(), (cap.warning.text() if cap.warning.isVisibleTo(cap) else "")


def test_a_split_that_fits_the_totals_but_squeezes_platform_work_is_not_a_tick(make_window, desk, leaders):
    # 60 of 70 product weeks, 5 of 30 engineering weeks: both sides fit, but engineering has 8% of the work
    s = _session_with_accepted(desk, leaders, 60, 5)
    w = make_window()
    w.select_session(s.id)
    verdict, warning = _verdict_and_warning(w)
    assert "✓" not in verdict
    assert verdict.startswith("⚠") and "platform work is being squeezed" in verdict
    assert "8%" in warning and "below the agreed 30%" in warning


def test_a_closed_session_tells_its_verdict_by_quarter_in_the_past_tense(make_window, desk, leaders):
    s = _session_with_accepted(desk, leaders, 80, 5)
    w = make_window()
    w.select_session(s.id)
    assert w.session_view.capacity.verdict.text().startswith("✗ This month's decisions do not fit")
    w.status_actions["closed"].trigger()
    assert desk.sessions.get(s.id).status is SessionStatus.CLOSED
    verdict, warning = _verdict_and_warning(w)
    assert "This month" not in verdict
    assert verdict == ("✗ The 2026-Q4 decisions did not fit the split: product was over by 10 weeks; "
                       "platform work was squeezed.")
    assert warning.startswith("Engineering's actual share was 6%")


def test_the_capacity_ledger_is_a_table_of_date_split_total_and_reason(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q4", 100, 70, 30, reason="agreed")
    desk.capacity.set_plan("2026-Q4", 120, 60, 40, reason="more platform work after two incidents")
    w = make_window()
    w.review_action.trigger()
    review = w.review_view.review
    review.quarter.setCurrentText("2026-Q4")
    ledger = review.ledger
    headers = [ledger.horizontalHeaderItem(c).text() for c in range(ledger.columnCount())]
    assert headers == ["Date", "Split", "Total", "Reason"]
    rows = [[ledger.item(r, c).text() for c in range(ledger.columnCount())] for r in range(ledger.rowCount())]
    from tension_desk.domain.dates import day

    first, second = (day(e.changed_at.astimezone()) for e in desk.capacity.ledger("2026-Q4"))
    assert rows == [[first, "● 70% · ▲ 30%", "100 weeks", "agreed"],
                    [second, "● 60% · ▲ 40%", "120 weeks", "more platform work after two incidents"]]
