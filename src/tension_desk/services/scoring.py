"""Scoring a session: the leaders' scores, the blind-scoring turns, and the session's weights and lenses."""
from __future__ import annotations

import math

from sqlalchemy import select
from sqlmodel import col

from tension_desk.domain import limits
from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Criterion, Score, SessionStatus, Side
from tension_desk.domain.validation import ValidationError
from tension_desk.services import conflicts, sealing
from tension_desk.services.unit import UnitOfWork, found, get_row
from tension_desk.store import queries as q
from tension_desk.store import tables as t

# The columns of a session's weights of one criterion, as the conflict dialog names them.
WEIGHT_LABELS = {"weight": "agreed_weight", "product_weight": "product's_weight",
                 "engineering_weight": "engineering's_weight"}


class Scoring:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    # -- reading ------------------------------------------------------------------------------------
    def criteria(self, session_id: int) -> list[Criterion]:
        """The criteria with the weights this session is scored with."""
        with self.unit.reading() as db:
            return q.session_criteria(db, session_id)

    def lens_weights(self, session_id: int) -> dict[Side, dict[int, float]]:
        """Each leader's own weights for this session (falling back to the agreed weight)."""
        with self.unit.reading() as db:
            return q.lens_weights(db, session_id)

    def scores(self, session_id: int) -> list[Score]:
        with self.unit.reading() as db:
            return q.scores(db, session_id)

    def scores_of(self, session_id: int, priority_id: int) -> list[Score]:
        with self.unit.reading() as db:
            return q.scores(db, session_id, priority_id)

    def state(self, session_id: int) -> ScoringState:
        with self.unit.reading() as db:
            return found(q.scoring_state(db, session_id), f"there is no session {session_id}")

    # -- writing ------------------------------------------------------------------------------------
    def set_score(self, session_id: int, priority_id: int, criterion_id: int, role: Side,
                  value: int | None) -> int | None:
        """Set (or with None clear) one leader's score; returns the previous value."""
        role = Side(role)
        with self.unit.transaction() as db:
            # one round trip for the session and the criterion: the gets below find them in the identity map
            # (which holds rows only while referenced, hence the name)
            loaded = db.execute(select(t.SessionRow, t.CriterionRow)  # noqa: F841
                                .outerjoin(t.CriterionRow, col(t.CriterionRow.id) == criterion_id)
                                .where(col(t.SessionRow.id) == session_id)).first()
            sealing.refuse_if_closed(db, session_id)
            if value is not None:
                crit = get_row(db, t.CriterionRow, criterion_id)
                if isinstance(value, bool) or int(value) != value or not crit.scale_min <= value <= crit.scale_max:
                    raise ValidationError([f"a score for {crit.name} must be a whole number from "
                                           f"{crit.scale_min} to {crit.scale_max}, not {value!r}"])
            row = db.get(t.ScoreRow, (session_id, priority_id, criterion_id, role.value))
            before = None if row is None else row.value
            if value is None:
                if row is not None:
                    db.delete(row)
            elif row is None:
                db.add(t.ScoreRow(session_id=session_id, priority_id=priority_id, criterion_id=criterion_id,
                                  leader_role=role.value, value=int(value)))
            else:
                row.value = int(value)
                db.add(row)
            return before

    def set_state(self, session_id: int, state: ScoringState) -> ScoringState:
        """Start or finish a blind turn, reveal, or restart; returns the state as it was."""
        with self.unit.transaction() as db:
            before = found(q.scoring_state(db, session_id), f"there is no session {session_id}")
            sealing.refuse_if_closed(db, session_id)
            row = get_row(db, t.SessionRow, session_id)
            row.scoring_turn = state.turn.value if state.turn else ""
            row.product_done, row.engineering_done = state.product_done, state.engineering_done
            row.revealed = state.revealed
            db.add(row)
            return before

    def set_weight(self, session_id: int, criterion_id: int, weight: float | None,
                   lens: Side | None = None, seen: int | None = None) -> float | None:
        """Set the agreed weight (lens None) or one leader's own weight; returns the previous value.

        A closed session keeps the weights it was scored with, so its agreed weights cannot change.
        For a leader's lens, None clears it back to the agreed weight. ``seen`` is the version of the
        session's weights of this criterion the user edited: a Conflict if someone else changed them since."""
        if weight is not None and (not isinstance(weight, (int, float)) or math.isnan(weight)
                                   or math.isinf(weight) or weight < 0 or weight > limits.WEIGHT):
            raise ValidationError([f"a weight must be a number from 0 to {limits.WEIGHT}, not {weight!r}"])
        column = "weight" if lens is None else f"{Side(lens).value}_weight"

        def conflict() -> conflicts.Conflict:
            with self.unit.reading() as db:
                now = found(db.get(t.SessionCriterionRow, (session_id, criterion_id)),
                            f"criterion {criterion_id} is not part of this session")
                name = get_row(db, t.CriterionRow, criterion_id).name
                theirs = {label: getattr(now, c) for c, label in WEIGHT_LABELS.items()}
                version = now.version
            yours = {**theirs, WEIGHT_LABELS[column]: weight}
            return conflicts.Conflict(f"the weights of {name} in this session", theirs, yours, version)

        with conflicts.guard(conflict), self.unit.transaction() as db:
            session = get_row(db, t.SessionRow, session_id)
            row = found(db.get(t.SessionCriterionRow, (session_id, criterion_id)),
                        f"criterion {criterion_id} is not part of this session")
            conflicts.check(seen, row.version, conflict)
            before: float | None
            if lens is None:
                if session.status == SessionStatus.CLOSED.value:
                    raise ValidationError(["this session is closed: it keeps the weights it was scored with"])
                if weight is None:
                    raise ValidationError(["the agreed weight cannot be empty"])
                before, row.weight = row.weight, float(weight)
            elif Side(lens) is Side.PRODUCT:
                before, row.product_weight = row.product_weight, None if weight is None else float(weight)
            else:
                before, row.engineering_weight = row.engineering_weight, None if weight is None else float(weight)
            db.add(row)
            return before
