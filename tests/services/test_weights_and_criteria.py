"""Session weights are frozen per session; criteria edits never rewrite a closed session's ranking."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tension_desk.domain.model import Criterion, CriterionKind, PriorityDraft, SessionStatus, Side
from tension_desk.domain.validation import ValidationError


@pytest.fixture
def two_sessions(desk, leaders):
    desk.set_leaders(*leaders)
    old = desk.create_session("Old", dt.date(2026, 9, 1))
    desk.update_session(old.id, status=SessionStatus.CLOSED)
    live = desk.create_session("Live", dt.date(2026, 11, 1))
    return old, live


def test_changing_a_default_weight_leaves_every_session_alone(desk, two_sessions):
    old, live = two_sessions
    c = desk.criteria()[0]
    desk.update_criterion(replace(c, weight=9.0))
    assert desk.session_criteria(old.id)[0].weight == c.weight
    assert desk.session_criteria(live.id)[0].weight == c.weight
    new = desk.create_session("Next", dt.date(2026, 12, 1))
    assert desk.session_criteria(new.id)[0].weight == 9.0


def test_a_closed_session_keeps_its_agreed_weights_but_lenses_may_change(desk, two_sessions):
    old, live = two_sessions
    c = desk.criteria()[0]
    with pytest.raises(ValidationError, match="closed"):
        desk.set_session_weight(old.id, c.id, 1.0)
    assert desk.set_session_weight(live.id, c.id, 1.0) == c.weight
    assert desk.set_session_weight(live.id, c.id, 5.0, lens=Side.PRODUCT) is None
    lenses = desk.lens_weights(live.id)
    assert lenses[Side.PRODUCT][c.id] == 5.0 and lenses[Side.ENGINEERING][c.id] == 1.0
    for bad in (-1, float("nan"), float("inf"), 1e9):
        with pytest.raises(ValidationError):
            desk.set_session_weight(live.id, c.id, bad)


def test_kind_and_scale_are_locked_once_scored(desk, two_sessions):
    old, live = two_sessions
    c = desk.criteria()[0]
    p = desk.add_priority(live.id, PriorityDraft("A", Side.PRODUCT))
    desk.set_score(live.id, p.id, c.id, Side.PRODUCT, 3)
    with pytest.raises(ValidationError, match="kind and scale cannot change"):
        desk.update_criterion(replace(c, kind=CriterionKind.COST))
    desk.update_criterion(replace(c, name="Customer impact"))
    assert desk.criteria()[0].name == "Customer impact"


def test_adding_and_removing_a_criterion_touches_only_open_sessions(desk, two_sessions):
    old, live = two_sessions
    added = desk.add_criterion(Criterion(id=0, name="Learning", weight=1.0))
    assert "Learning" in [c.name for c in desk.session_criteria(live.id)]
    assert "Learning" not in [c.name for c in desk.session_criteria(old.id)]
    old_before = [c.name for c in desk.session_criteria(old.id)]
    first = desk.criteria()[0]
    snap = desk.remove_criterion(first.id)
    assert first.name not in [c.name for c in desk.session_criteria(live.id)]
    assert [c.name for c in desk.session_criteria(old.id)] == old_before
    desk.unarchive_criterion(first.id, snap)
    assert first.name in [c.name for c in desk.session_criteria(live.id)]
    with pytest.raises(ValidationError, match="scale"):
        desk.add_criterion(Criterion(id=0, name="Bad", weight=1, scale_min=3, scale_max=3))
    assert added.id
