"""The session record: everything an export needs about one session, read from the Desk and nothing written."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import rows
from tension_desk.domain.capacity import CapacityFit
from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.domain.scoring import compute_results
from tension_desk.services.record import SessionRecord, build_session_record
from tension_desk.services.sample import add_sample
from tension_desk.services.unit import NotFound


@pytest.fixture
def sample(desk):
    return desk, add_sample(desk)


def test_the_record_holds_what_the_desk_says(sample):
    desk, ids = sample
    sid = ids[-1]
    record = build_session_record(desk, sid)
    assert isinstance(record, SessionRecord)
    assert record.session == desk.sessions.get(sid)
    assert record.leaders == desk.workspace.leaders() and set(record.leaders) == set(Side)
    assert record.criteria == desk.scoring.criteria(sid)
    assert record.priorities == desk.priorities.agenda(sid)  # agenda order: product first, each side in its order
    assert sorted(record.scores, key=repr) == sorted(desk.scoring.scores(sid), key=repr)
    assert [(s.priority_id, s.criterion_id, s.leader_role.value) for s in record.scores] == \
        sorted((s.priority_id, s.criterion_id, s.leader_role.value) for s in record.scores)
    assert record.results == compute_results([p.id for p in record.priorities], record.criteria, record.scores)
    assert record.tensions == desk.tensions.of_session(sid)
    assert record.decisions == desk.decisions.list(sid)
    assert isinstance(record.capacity, CapacityFit)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.session = None  # type: ignore[misc]


def test_capacity_of_the_sample_quarters_by_hand(sample):
    desk, ids = sample
    september = build_session_record(desk, ids[0]).capacity  # 2026-Q3: 120 weeks at 70/30
    assert (september.quarter, september.total_weeks, september.product_share) == ("2026-Q3", 120, 70)
    # delivered in Q3: onboarding 6 + SSO 5 + audit log 3 (product), secrets rotation 3 (engineering)
    assert (september.accepted_product_weeks, september.accepted_engineering_weeks) == (14, 3)
    assert september.fits is True
    assert september.engineering_squeezed and september.engineering_actual_share == pytest.approx(300 / 17)
    november = build_session_record(desk, ids[-1]).capacity  # 2026-Q4: 130 weeks at 65/35
    # product: usage billing 10 + Salesforce 7 + localisation 5; engineering: Postgres 5 + billing split 12
    # + CI 4 + tracing 6 + feature flags 5
    assert (november.accepted_product_weeks, november.accepted_engineering_weeks) == (22, 32)
    assert november.fits is True and not november.engineering_squeezed
    assert (november.budget(Side.PRODUCT), november.budget(Side.ENGINEERING)) == (84.5, 45.5)


def test_capacity_counts_the_whole_quarter_not_only_the_agenda(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q4", 20, 50, 50, reason="test")
    october = desk.sessions.create("October", dt.date(2026, 10, 6))
    november = desk.sessions.create("November", dt.date(2026, 11, 3))
    assert october.quarter == november.quarter == "2026-Q4"
    desk.priorities.add(october.id, PriorityDraft("Only on October's agenda", Side.PRODUCT, effort_weeks=10,
                                                status=PriorityStatus.ACCEPTED, quarter="2026-Q4"))
    desk.priorities.add_many(november.id, [
        PriorityDraft("Ours", Side.ENGINEERING, effort_weeks=4, status=PriorityStatus.DELIVERED, quarter="2026-Q4"),
        PriorityDraft("Next quarter's", Side.PRODUCT, effort_weeks=8, status=PriorityStatus.ACCEPTED,
                      quarter="2027-Q1"),
        PriorityDraft("Still proposed", Side.PRODUCT, effort_weeks=50),
    ])
    record = build_session_record(desk, november.id)
    assert [p.title for p in record.priorities] == ["Next quarter's", "Still proposed", "Ours"]
    cap = record.capacity
    assert (cap.accepted_product_weeks, cap.accepted_engineering_weeks) == (10, 4)
    assert cap.fits is True and cap.engineering_actual_share == pytest.approx(400 / 14)
    desk.priorities.add(november.id, PriorityDraft("One more", Side.PRODUCT, effort_weeks=0.5,
                                                 status=PriorityStatus.ACCEPTED, quarter="2026-Q4"))
    cap = build_session_record(desk, november.id).capacity
    assert cap.product_fits is False and cap.product_over_weeks == 0.5 and cap.fits is False


def test_no_plan_for_the_quarter_leaves_the_verdict_unknown(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q3", 100, 70, 30, reason="another quarter")
    s = desk.sessions.create("Q4 without a plan", dt.date(2026, 11, 3))
    desk.priorities.add(s.id, PriorityDraft("P", Side.PRODUCT, effort_weeks=3, status=PriorityStatus.ACCEPTED,
                                          quarter="2026-Q4"))
    cap = build_session_record(desk, s.id).capacity
    assert (cap.quarter, cap.total_weeks, cap.fits, cap.accepted_product_weeks) == ("2026-Q4", None, None, 3)


def test_the_session_keeps_its_own_weights(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Weights", dt.date(2026, 11, 3))
    p, q = desk.priorities.add_many(s.id, [PriorityDraft("P", Side.PRODUCT), PriorityDraft("Q", Side.ENGINEERING)])
    crit = desk.scoring.criteria(s.id)
    for c in crit:
        for role in Side:
            desk.scoring.set_score(s.id, p.id, c.id, role, 5 if c.id == crit[0].id else 0)
            desk.scoring.set_score(s.id, q.id, c.id, role, 0 if c.id == crit[0].id else 5)
    first = crit[0]
    desk.criteria.update(dataclasses.replace(first, weight=99.0))  # the workspace default, for new sessions
    record = build_session_record(desk, s.id)
    assert [c.weight for c in record.criteria] == [c.weight for c in crit]
    assert {r.priority_id: r.rank for r in record.results} == {p.id: 2, q.id: 1}
    desk.scoring.set_weight(s.id, first.id, 50.0)  # the agreed weight of this session
    record = build_session_record(desk, s.id)
    assert record.criteria[0].weight == 50.0
    ranks = {r.priority_id: r.rank for r in record.results}
    assert ranks == {p.id: 1, q.id: 2}  # customer value now outweighs everything else


def test_building_a_record_writes_nothing(sample):
    desk, ids = sample
    before = rows.dump(desk.engine)
    for sid in ids:
        build_session_record(desk, sid)
    assert rows.dump(desk.engine) == before


def test_open_items_carry_over_and_decided_ones_do_not(sample):
    desk, ids = sample
    october = build_session_record(desk, ids[1])
    assert all(isinstance(item, str) for item in october.carried_over)
    text = "\n".join(october.carried_over)
    assert "The analytics dashboard and cross-service tracing" in text  # raised in October, not decided
    assert "Usage-based billing competes with CI speed" in text  # September's, still open
    assert "Usage-based billing needs the billing monolith split" not in text  # decided in October
    assert "Launch SSO for the enterprise deals" not in text  # decided in September


def test_an_unknown_session_is_reported(desk):
    with pytest.raises(NotFound):
        build_session_record(desk, 4242)


def test_a_review_carried_over_gives_its_due_date_as_people_write_it(desk):
    from tension_desk.services.decisions import DecisionDraft

    september = desk.sessions.create("September", dt.date(2026, 9, 15))
    november = desk.sessions.create("November", dt.date(2026, 11, 17))
    a, b = desk.priorities.add_many(september.id, [PriorityDraft("SSO", Side.PRODUCT),
                                                   PriorityDraft("Replica", Side.ENGINEERING)])
    t = desk.tensions.add(september.id, "SSO or the replica", [a.id, b.id])
    desk.decisions.take(september.id, t.id, DecisionDraft(outcome="SSO first", review_date=dt.date(2026, 11, 3)))
    carried = build_session_record(desk, november.id).carried_over
    assert "Review “SSO first” (due 3 Nov 2026)" in carried
    assert not any("2026-11-03" in item for item in carried)  # ISO only in JSON and CSV fields
