"""Session weights are frozen per session; criteria edits never rewrite a closed session's ranking."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tension_desk.domain.model import Criterion, CriterionKind, PriorityDraft, SessionStatus, Side
from tension_desk.domain.validation import ValidationError


@pytest.fixture
def two_sessions(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    old = desk.sessions.create("Old", dt.date(2026, 9, 1))
    desk.sessions.update(old.id, status=SessionStatus.CLOSED)
    live = desk.sessions.create("Live", dt.date(2026, 11, 1))
    return old, live


def test_changing_a_default_weight_leaves_every_session_alone(desk, two_sessions):
    old, live = two_sessions
    c = desk.criteria.list()[0]
    desk.criteria.update(replace(c, weight=9.0))
    assert desk.scoring.criteria(old.id)[0].weight == c.weight
    assert desk.scoring.criteria(live.id)[0].weight == c.weight
    new = desk.sessions.create("Next", dt.date(2026, 12, 1))
    assert desk.scoring.criteria(new.id)[0].weight == 9.0


def test_a_closed_session_keeps_its_agreed_weights_but_lenses_may_change(desk, two_sessions):
    old, live = two_sessions
    c = desk.criteria.list()[0]
    with pytest.raises(ValidationError, match="closed"):
        desk.scoring.set_weight(old.id, c.id, 1.0)
    assert desk.scoring.set_weight(live.id, c.id, 1.0) == c.weight
    assert desk.scoring.set_weight(live.id, c.id, 5.0, lens=Side.PRODUCT) is None
    lenses = desk.scoring.lens_weights(live.id)
    assert lenses[Side.PRODUCT][c.id] == 5.0 and lenses[Side.ENGINEERING][c.id] == 1.0
    for bad in (-1, float("nan"), float("inf"), 1e9):
        with pytest.raises(ValidationError):
            desk.scoring.set_weight(live.id, c.id, bad)


def test_kind_and_scale_are_locked_once_scored(desk, two_sessions):
    _, live = two_sessions
    c = desk.criteria.list()[0]
    p = desk.priorities.add(live.id, PriorityDraft("A", Side.PRODUCT))
    desk.scoring.set_score(live.id, p.id, c.id, Side.PRODUCT, 3)
    with pytest.raises(ValidationError, match="kind and scale cannot change"):
        desk.criteria.update(replace(c, kind=CriterionKind.COST))
    desk.criteria.update(replace(c, name="Customer impact"))
    assert desk.criteria.list()[0].name == "Customer impact"


def test_adding_and_removing_a_criterion_touches_only_open_sessions(desk, two_sessions):
    old, live = two_sessions
    added = desk.criteria.add(Criterion(id=0, name="Learning", weight=1.0))
    assert "Learning" in [c.name for c in desk.scoring.criteria(live.id)]
    assert "Learning" not in [c.name for c in desk.scoring.criteria(old.id)]
    old_before = [c.name for c in desk.scoring.criteria(old.id)]
    first = desk.criteria.list()[0]
    snap = desk.criteria.remove(first.id)
    assert first.name not in [c.name for c in desk.scoring.criteria(live.id)]
    assert [c.name for c in desk.scoring.criteria(old.id)] == old_before
    desk.criteria.unarchive(first.id, snap)
    assert first.name in [c.name for c in desk.scoring.criteria(live.id)]
    with pytest.raises(ValidationError, match="scale"):
        desk.criteria.add(Criterion(id=0, name="Bad", weight=1, scale_min=3, scale_max=3))
    assert added.id
