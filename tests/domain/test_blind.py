"""The blind-scoring turn rules."""
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
    with pytest.raises(ValueError):
        s.reveal()  # not while a leader is still scoring
    s = s.finish_turn().reveal()
    assert s.visible_roles == frozenset(Side)
    with pytest.raises(ValueError):
        s.start_turn(Side.PRODUCT)
    assert s.restart() == ScoringState()


def test_finishing_when_nobody_scores_is_an_error():
    with pytest.raises(ValueError):
        ScoringState().finish_turn()
