"""The blind-scoring turn rules."""
import dataclasses

import pytest

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Side


def test_a_full_blind_round():
    s = ScoringState()
    assert s.visible_roles == frozenset() and not s.can_reveal
    s = s.start_turn(Side.PRODUCT)
    assert s.visible_roles == {Side.PRODUCT}
    s = s.finish_turn()
    assert s.product_done and s.visible_roles == frozenset() and not s.can_reveal
    s = s.start_turn(Side.ENGINEERING)
    assert s.visible_roles == {Side.ENGINEERING}
    with pytest.raises(ValueError, match="both leaders must finish their turn before the reveal"):
        s.reveal()  # not while a leader is still scoring
    s = s.finish_turn().reveal()
    assert s.visible_roles == frozenset(Side)
    with pytest.raises(ValueError, match="already revealed; restart blind scoring first"):
        s.start_turn(Side.PRODUCT)
    assert s.restart() == ScoringState()


@pytest.mark.parametrize("first", list(Side))
def test_a_leader_who_finished_alone_cannot_reveal(first):
    other = first.other
    s = ScoringState().start_turn(first).finish_turn()
    assert s.done(first) and not s.done(other)
    assert not s.can_reveal
    with pytest.raises(ValueError, match="both leaders must finish their turn before the reveal"):
        s.reveal()
    s = s.start_turn(other).finish_turn()
    assert s.done(first) and s.done(other) and s.can_reveal
    assert s.reveal().visible_roles == frozenset(Side)


def test_nobody_has_finished_before_scoring_starts():
    s = ScoringState()
    assert not s.done(Side.PRODUCT) and not s.done(Side.ENGINEERING)
    assert not s.can_reveal


def test_a_revealed_round_cannot_be_revealed_again():
    s = ScoringState().start_turn(Side.PRODUCT).finish_turn().start_turn(Side.ENGINEERING).finish_turn().reveal()
    assert not s.can_reveal
    with pytest.raises(ValueError, match="both leaders must finish"):
        s.reveal()


def test_a_scoring_state_cannot_be_changed_behind_the_rules():
    s = ScoringState()
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'revealed'"):
        s.revealed = True  # type: ignore[misc]
    assert {s, ScoringState()} == {ScoringState()}  # states compare and hash by value


def test_finishing_when_nobody_scores_is_an_error():
    with pytest.raises(ValueError, match="nobody is scoring"):
        ScoringState().finish_turn()
