"""Blind scoring on one shared laptop: masked turns, then a reveal.

While a leader scores, nothing of the other leader's scores may show: no values, no averages, no
divergence, no progress count. Until the reveal, with nobody scoring, nobody's scores show.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from tension_desk.domain.model import Side


@dataclass(frozen=True)
class ScoringState:
    turn: Side | None = None
    product_done: bool = False
    engineering_done: bool = False
    revealed: bool = False

    def done(self, side: Side) -> bool:
        return self.product_done if side is Side.PRODUCT else self.engineering_done

    @property
    def visible_roles(self) -> frozenset[Side]:
        """Whose scores may be on screen right now."""
        if self.revealed:
            return frozenset(Side)
        if self.turn is not None:
            return frozenset({self.turn})
        return frozenset()

    @property
    def can_reveal(self) -> bool:
        return not self.revealed and self.turn is None and self.product_done and self.engineering_done

    def start_turn(self, side: Side) -> ScoringState:
        if self.revealed:
            raise ValueError("the scores are already revealed; restart blind scoring first")
        return replace(self, turn=Side(side))

    def finish_turn(self) -> ScoringState:
        if self.turn is None:
            raise ValueError("nobody is scoring")
        field = "product_done" if self.turn is Side.PRODUCT else "engineering_done"
        return replace(self, turn=None, **{field: True})

    def reveal(self) -> ScoringState:
        if not self.can_reveal:
            raise ValueError("both leaders must finish their turn before the reveal")
        return replace(self, revealed=True)

    def restart(self) -> ScoringState:
        return ScoringState()
