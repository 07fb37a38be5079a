"""The workspace criteria: what every session scores against, with default weights."""
from __future__ import annotations

import math
from dataclasses import replace
from typing import cast

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Mapped
from sqlmodel import col

from tension_desk.domain import limits
from tension_desk.domain.model import Criterion, CriterionKind, SessionStatus
from tension_desk.domain.validation import ValidationError, check_line, check_text, collect
from tension_desk.services.unit import Snapshot, UnitOfWork, add_row, capture, get_row, put_back
from tension_desk.store import convert
from tension_desk.store import queries as q
from tension_desk.store import tables as t

DEFAULT_CRITERIA: tuple[tuple[str, str, float, CriterionKind], ...] = (
    ("Customer value", "How much customers gain, and how many of them.", 3.0, CriterionKind.BENEFIT),
    ("Revenue / retention", "Effect on new revenue, expansion or churn.", 2.0, CriterionKind.BENEFIT),
    ("Strategic fit", "How well it serves this year's strategy.", 2.0, CriterionKind.BENEFIT),
    ("Platform health / risk reduction", "Reliability, security, speed of future change.", 2.0, CriterionKind.BENEFIT),
    ("Cost of delay", "What waiting a quarter costs.", 2.0, CriterionKind.BENEFIT),
    ("Effort (cost)", "How much capacity it takes; high effort lowers the total.", 1.0, CriterionKind.COST),
)


def check_criterion(c: Criterion) -> Criterion:
    """The criterion with its text cleaned, or ValidationError saying what is wrong."""
    problems: list[str] = []
    name = collect(problems, check_line, c.name, "the criterion's name", limits.ONE_LINE["criteria", "name"],
                   required=True)
    description = collect(problems, check_text, c.description, "the criterion's description", limits.TEXT)
    if (not isinstance(c.weight, (int, float)) or math.isnan(c.weight) or math.isinf(c.weight)
            or not 0 <= c.weight <= limits.WEIGHT):
        problems.append(f"the weight must be a number from 0 to {limits.WEIGHT}, not {c.weight!r}")
    if not (isinstance(c.scale_min, int) and isinstance(c.scale_max, int)) or c.scale_min >= c.scale_max:
        problems.append("the scale must go from a lower to a higher whole number")
    elif c.scale_min < limits.SCALE[0] or c.scale_max > limits.SCALE[1]:
        problems.append(f"the scale must lie within {limits.SCALE[0]}–{limits.SCALE[1]}, so a score is one key press")
    if problems or name is None or description is None:  # None: its check failed and said why in ``problems``
        raise ValidationError(problems)
    return replace(c, name=name, description=description, kind=CriterionKind(c.kind))


def _open_sessions() -> Select[int]:
    # a stored id is never NULL: the model's ``int | None`` is for a new row not yet flushed
    session_id = cast("Mapped[int]", col(t.SessionRow.id))
    return select(session_id).where(col(t.SessionRow.status) != SessionStatus.CLOSED.value)


class Criteria:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    def list_all(self) -> list[Criterion]:
        """Every criterion, archived ones included (they still score old sessions)."""
        with self.unit.reading() as db:
            return q.criteria(db, archived=True)

    def add(self, c: Criterion) -> Criterion:
        """Add a workspace criterion; sessions still being scored (not closed) get it too."""
        c = check_criterion(c)
        with self.unit.transaction() as db:
            pos = (db.execute(select(func.max(t.CriterionRow.position))).scalar() or 0) + 1
            row = t.CriterionRow(name=c.name, description=c.description, weight=c.weight, kind=c.kind.value,
                                 scale_min=c.scale_min, scale_max=c.scale_max, position=pos)
            criterion_id = add_row(db, row)
            for sid in db.execute(_open_sessions()).scalars().all():
                db.add(t.SessionCriterionRow(session_id=sid, criterion_id=criterion_id, weight=c.weight, position=pos))
            return convert.criterion(row)

    def update(self, c: Criterion) -> Criterion:
        """Change a criterion's name, description, default weight, kind or scale; returns it as it was.

        The weight here is the default for new sessions: existing sessions keep theirs. Kind and scale
        cannot change once the criterion has scores (it would change what those scores mean)."""
        c = check_criterion(c)
        with self.unit.transaction() as db:
            row = get_row(db, t.CriterionRow, c.id)
            before = convert.criterion(row)
            scored = db.execute(select(func.count()).select_from(t.ScoreRow)
                                .where(col(t.ScoreRow.criterion_id) == c.id)).scalar_one()
            rescaled = (c.scale_min, c.scale_max) != (before.scale_min, before.scale_max)
            if scored and (c.kind is not before.kind or rescaled):
                raise ValidationError([f"“{before.name}” already has {scored} score(s): its kind and scale "
                                       "cannot change (add a new criterion instead)"])
            row.name, row.description, row.weight = c.name, c.description, float(c.weight)
            row.kind, row.scale_min, row.scale_max = c.kind.value, c.scale_min, c.scale_max
            db.add(row)
            return before

    def remove(self, criterion_id: int) -> Snapshot:
        """Stop using a criterion: new sessions no longer get it; sessions still being scored drop it.

        Closed sessions keep it (their ranking never changes). Returns what ``unarchive`` puts back."""
        snap = Snapshot()
        with self.unit.transaction() as db:
            row = get_row(db, t.CriterionRow, criterion_id)
            where_sc = ((col(t.SessionCriterionRow.criterion_id) == criterion_id)
                        & col(t.SessionCriterionRow.session_id).in_(_open_sessions()))
            where_score = ((col(t.ScoreRow.criterion_id) == criterion_id)
                           & col(t.ScoreRow.session_id).in_(_open_sessions()))
            capture(db, snap, t.SessionCriterionRow, where_sc)
            capture(db, snap, t.ScoreRow, where_score)
            db.execute(delete(t.ScoreRow).where(where_score))
            db.execute(delete(t.SessionCriterionRow).where(where_sc))
            row.archived = True
            db.add(row)
        return snap

    def unarchive(self, criterion_id: int, snapshot: Snapshot) -> None:
        """Undo of ``remove``: the criterion in use again, with its session weights and scores."""
        with self.unit.transaction() as db:
            row = get_row(db, t.CriterionRow, criterion_id)
            row.archived = False
            db.add(row)
            db.flush()
            put_back(db, snapshot)

    def delete(self, criterion_id: int) -> Snapshot:
        """Delete a criterion with its session weights and scores (undo of ``add``); returns them all."""
        snap = Snapshot()
        with self.unit.transaction() as db:
            get_row(db, t.CriterionRow, criterion_id)
            capture(db, snap, t.CriterionRow, col(t.CriterionRow.id) == criterion_id)
            capture(db, snap, t.SessionCriterionRow, col(t.SessionCriterionRow.criterion_id) == criterion_id)
            capture(db, snap, t.ScoreRow, col(t.ScoreRow.criterion_id) == criterion_id)
            db.execute(delete(t.CriterionRow).where(col(t.CriterionRow.id) == criterion_id))
        return snap

    # last, so that ``list`` in the annotations above is still the built-in type
    def list(self) -> list[Criterion]:
        """The criteria in use (not archived), in their order."""
        with self.unit.reading() as db:
            return q.criteria(db)

