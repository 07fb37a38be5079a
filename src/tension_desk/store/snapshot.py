"""What a session's view shows, as one value: read by ``queries.session_snapshot`` (the ORM's path) or by
``quick.session_snapshot`` (sqlite3 alone, for the first frame). Plain data; it imports no ORM."""
from __future__ import annotations

from dataclasses import dataclass

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import CapacityPlan, Criterion, Decision, Leader, Priority, Score, Session, Side, Tension
from tension_desk.domain.script import Step


@dataclass(frozen=True)
class SessionSnapshot:
    """Everything a session's view shows, read at once by ``session_snapshot``: five statements whatever the
    size of the workspace (a laptop 30 ms from its server feels every one), instead of each tab re-reading
    the same rows."""

    session: Session
    state: ScoringState
    steps: list[Step]  # its script as stored ([] when never edited nor run)
    plan: CapacityPlan | None  # the capacity plan of the session's quarter
    sessions: list[Session]  # every session, newest first
    leaders: dict[Side, Leader]
    criteria: list[Criterion]  # with the weights this session is scored with
    lens_weights: dict[Side, dict[int, float]]
    scores: list[Score]  # this session's, as far as the login may read them
    agenda: list[Priority]  # product first, then engineering, each in its list order
    priorities: dict[int, Priority]  # those it shows: its agenda, its quarter's, its tensions'
    tensions: list[Tension]  # by id, those its agenda may show (its own, carried over, with a review due)
    decisions: list[Decision]  # by id, every decision of those tensions

    @property
    def own_tensions(self) -> list[Tension]:
        """The tensions raised in this session."""
        return [x for x in self.tensions if x.session_id == self.session.id]

    @property
    def of_quarter(self) -> list[Priority]:
        """The priorities planned for the session's quarter (what its capacity counts), by id."""
        return [p for p in self.priorities.values() if p.quarter == self.session.quarter]
