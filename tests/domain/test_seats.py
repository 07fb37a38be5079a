"""Seats on a shared workspace: each leader's laptop sees only its own side's scores until the reveal, the
shared screen sees none; every seat knows only whether each side is done."""
import pytest

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Side
from tension_desk.domain.seats import Seat, progress, visible_roles

P, E = Side.PRODUCT, Side.ENGINEERING


@pytest.mark.parametrize(("seat", "label", "side"), [
    (Seat.PRODUCT, "product leader", P),
    (Seat.ENGINEERING, "engineering leader", E),
    (Seat.SCREEN, "shared screen", None),
])
def test_each_seat_is_named_and_scores_for_its_own_side_the_screen_for_none(seat, label, side):
    assert seat.label == label
    assert seat.side is side


@pytest.mark.parametrize("state", [ScoringState(), ScoringState(product_done=True),
                                   ScoringState(product_done=True, engineering_done=True)])
def test_before_the_reveal_a_leader_sees_only_their_own_side_and_the_screen_sees_no_score(state):
    assert visible_roles(state, Seat.PRODUCT) == frozenset({P})
    assert visible_roles(state, Seat.ENGINEERING) == frozenset({E})
    assert visible_roles(state, Seat.SCREEN) == frozenset()


@pytest.mark.parametrize("seat", list(Seat))
def test_after_the_reveal_every_seat_sees_both_sides(seat):
    revealed = ScoringState(product_done=True, engineering_done=True, revealed=True)
    assert visible_roles(revealed, seat) == frozenset({P, E})


@pytest.mark.parametrize(("product_done", "engineering_done"), [(False, False), (True, False), (False, True),
                                                                (True, True)])
def test_every_seat_knows_which_side_is_done_and_nothing_more(product_done, engineering_done):
    state = ScoringState(product_done=product_done, engineering_done=engineering_done)
    assert progress(state) == {P: product_done, E: engineering_done}
