"""Use cases against a real store in a temporary data dir."""
from __future__ import annotations

import datetime as dt

import pytest

from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.domain.validation import ValidationError
from tension_desk.services.criteria import DEFAULT_CRITERIA
from tension_desk.services.desk import Desk
from tension_desk.services.unit import NotFound
from tension_desk.store.engine import open_store


@pytest.fixture
def session(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    return desk.sessions.create("November session", dt.date(2026, 11, 17))


def test_setting_the_leaders_creates_the_default_criteria_once(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.workspace.set_leaders(*leaders)
    assert [c.name for c in desk.criteria.list()] == [c[0] for c in DEFAULT_CRITERIA]
    assert desk.workspace.leaders()[Side.ENGINEERING].title == "CTO"


def test_a_leader_needs_a_name(desk, leaders):
    from dataclasses import replace

    with pytest.raises(ValidationError, match="engineering leader's name is empty"):
        desk.workspace.set_leaders(leaders[0], replace(leaders[1], name="  "))
    assert desk.workspace.leaders() == {}


def test_a_session_gets_its_quarter_and_a_frozen_copy_of_the_weights(desk, session):
    assert session.quarter == "2026-Q4"
    weights = {c.name: c.weight for c in desk.scoring.criteria(session.id)}
    assert weights["Customer value"] == 3.0


def test_everything_survives_closing_and_reopening_the_store(data_dir, store_url, desk, session):
    p = desk.priorities.add(session.id, PriorityDraft("Usage billing", Side.PRODUCT, "Bill by use", 10.0,
                                                    dt.date(2026, 4, 1), PriorityStatus.ACCEPTED, "2026-q4",
                                                    None, "https://x.example/1"))
    e = desk.priorities.add(session.id, PriorityDraft("Split billing", Side.ENGINEERING, effort_weeks=12))
    t = desk.tensions.add(session.id, "Both need the billing team", [p.id, e.id])
    desk.engine.dispose()
    again = Desk(open_store(data_dir, url=store_url))
    stored = again.priorities.get(p.id)
    assert stored.quarter == "2026-Q4" and stored.link == "https://x.example/1" and stored.effort_weeks == 10.0
    assert stored.idea_date == dt.date(2026, 4, 1) and stored.status is PriorityStatus.ACCEPTED
    assert [x.title for x in again.priorities.agenda(session.id)] == ["Usage billing", "Split billing"]
    assert again.tensions.get(t.id).priority_ids == (p.id, e.id)
    again.engine.dispose()


def test_bad_priority_fields_are_refused_with_reasons_and_nothing_is_stored(desk, session):
    with pytest.raises(ValidationError) as err:
        desk.priorities.add_many(session.id, [
            PriorityDraft("Fine", Side.PRODUCT),
            PriorityDraft("  ", Side.PRODUCT, effort_weeks=float("nan"), quarter="Q5"),
        ])
    text = str(err.value)
    assert "title is empty" in text and "finite" in text and "quarter" in text
    assert desk.priorities.agenda(session.id) == []


def test_reordering_one_side_keeps_the_other(desk, session):
    a, b, c = (desk.priorities.add(session.id, PriorityDraft(t, Side.PRODUCT)).id for t in "ABC")
    x = desk.priorities.add(session.id, PriorityDraft("X", Side.ENGINEERING)).id
    before = desk.priorities.set_side_order(session.id, Side.PRODUCT, [c, a, b])
    assert before == [a, b, c]
    assert [p.id for p in desk.priorities.agenda(session.id)] == [c, a, b, x]
    with pytest.raises(ValueError):
        desk.priorities.set_side_order(session.id, Side.PRODUCT, [a, b])


def test_a_tension_needs_two_priorities_and_a_statement(desk, session):
    a = desk.priorities.add(session.id, PriorityDraft("A", Side.PRODUCT)).id
    b = desk.priorities.add(session.id, PriorityDraft("B", Side.ENGINEERING)).id
    with pytest.raises(ValidationError, match="at least two"):
        desk.tensions.add(session.id, "x", [a, a])
    with pytest.raises(ValidationError, match="statement"):
        desk.tensions.add(session.id, "   ", [a, b])
    assert desk.tensions.of_session(session.id) == []


def test_deleting_a_priority_and_restoring_it_brings_back_scores_and_tension_links(desk, session):
    a = desk.priorities.add(session.id, PriorityDraft("A", Side.PRODUCT)).id
    b = desk.priorities.add(session.id, PriorityDraft("B", Side.ENGINEERING)).id
    t = desk.tensions.add(session.id, "A vs B", [a, b]).id
    crit = desk.criteria.list()[0].id
    desk.scoring.set_score(session.id, a, crit, Side.PRODUCT, 4)
    snap = desk.priorities.delete(a)
    assert [p.id for p in desk.priorities.agenda(session.id)] == [b]
    assert desk.tensions.get(t).priority_ids == (b,)
    assert desk.scoring.scores(session.id) == []
    desk.workspace.restore(snap)
    assert [p.id for p in desk.priorities.agenda(session.id)] == [a, b]
    assert desk.tensions.get(t).priority_ids == (a, b)
    assert [(s.priority_id, s.value) for s in desk.scoring.scores(session.id)] == [(a, 4)]


def test_deleting_a_session_keeps_priorities_other_sessions_still_use(desk, session):
    shared = desk.priorities.add(session.id, PriorityDraft("Shared", Side.PRODUCT)).id
    later = desk.sessions.create("December", dt.date(2026, 12, 15), carry_priorities_from=session.id)
    own = desk.priorities.add(session.id, PriorityDraft("Own", Side.PRODUCT, status=PriorityStatus.ACCEPTED)).id
    assert [p.id for p in desk.priorities.agenda(later.id)] == [shared]
    snap = desk.sessions.delete(session.id)
    assert desk.priorities.get(shared).title == "Shared"
    with pytest.raises(NotFound):
        desk.priorities.get(own)
    desk.workspace.restore(snap)
    assert {p.id for p in desk.priorities.agenda(session.id)} == {shared, own}


def test_a_new_session_carries_only_open_priorities(desk, session):
    open_ = desk.priorities.add(session.id, PriorityDraft("Open", Side.PRODUCT)).id
    desk.priorities.add(session.id, PriorityDraft("Done", Side.PRODUCT, status=PriorityStatus.DELIVERED))
    later = desk.sessions.create("December", dt.date(2026, 12, 15), carry_priorities_from=session.id)
    assert [p.id for p in desk.priorities.agenda(later.id)] == [open_]


def test_scores_must_be_on_the_criterion_scale(desk, session):
    a = desk.priorities.add(session.id, PriorityDraft("A", Side.PRODUCT)).id
    crit = desk.criteria.list()[0]
    for bad in (6, -1, 2.5, True):
        with pytest.raises(ValidationError, match="whole number from 0 to 5"):
            desk.scoring.set_score(session.id, a, crit.id, Side.PRODUCT, bad)
    assert desk.scoring.set_score(session.id, a, crit.id, Side.PRODUCT, 3) is None
    assert desk.scoring.set_score(session.id, a, crit.id, Side.PRODUCT, None) == 3
    assert desk.scoring.scores(session.id) == []


def test_the_sample_workspace_is_realistic(desk):
    from tension_desk.services.sample import add_sample

    ids = add_sample(desk)
    assert len(ids) == 3
    sessions = {s.id: s for s in desk.sessions.list()}
    assert {sessions[i].quarter for i in ids} == {"2026-Q3", "2026-Q4"}
    last = desk.priorities.agenda(ids[-1])
    for side in Side:
        assert 8 <= sum(p.side is side for p in last) <= 12
    assert all(p.effort_weeks for p in last)
    assert sum(len(desk.tensions.of_session(i)) for i in ids) >= 5
    assert len(desk.decisions.list()) >= 2
    assert len(desk.capacity.plans()) == 2
    scores = desk.scoring.scores(ids[-1])
    assert {s.leader_role for s in scores} == {Side.PRODUCT, Side.ENGINEERING}
    assert len(scores) == len(last) * len(desk.criteria.list()) * 2
