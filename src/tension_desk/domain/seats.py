"""Seats: who sits at this laptop on a shared workspace, and what that seat may see of blind scoring.

On a shared workspace the leaders score blind on their own laptops at the same time; nobody takes turns.
Each leader's seat sees only its own side's scores until the reveal; the shared screen sees no score at
all until then, only whether each side is done. When the second side is done, the scores are revealed on
every screen at once. (The database enforces the same with row-level security; see store/rls.py.)
"""
from __future__ import annotations

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Side, StrEnum


class Seat(StrEnum):
    PRODUCT = "product"
    ENGINEERING = "engineering"
    SCREEN = "screen"

    @property
    def label(self) -> str:
        return "shared screen" if self is Seat.SCREEN else f"{self.value} leader"

    @property
    def side(self) -> Side | None:
        """The side this seat scores for (None: the shared screen scores nothing)."""
        return None if self is Seat.SCREEN else Side(self.value)


def visible_roles(state: ScoringState, seat: Seat) -> frozenset[Side]:
    """Whose scores may be on this seat's screen right now."""
    if state.revealed:
        return frozenset(Side)
    return frozenset() if seat.side is None else frozenset({seat.side})


def progress(state: ScoringState) -> dict[Side, bool]:
    """What every seat may know of the other side before the reveal: done or not yet, never a count."""
    return {side: state.done(side) for side in Side}
