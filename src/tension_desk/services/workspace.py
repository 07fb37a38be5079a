"""The workspace as a whole: its two leaders, and putting back rows an undo or redo needs."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select

from tension_desk.domain.model import Leader, Side
from tension_desk.domain.validation import ValidationError, clean_line
from tension_desk.services.criteria import DEFAULT_CRITERIA
from tension_desk.services.unit import Change, Snapshot, UnitOfWork, capture_tables, put_back, replace_tables
from tension_desk.store import queries as q
from tension_desk.store import tables as t

R = TypeVar("R")


class Workspace:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    def leaders(self) -> dict[Side, Leader]:
        with self.unit.reading() as db:
            return q.leaders(db)

    def has_leaders(self) -> bool:
        return len(self.leaders()) == 2

    def set_leaders(self, product: Leader, engineering: Leader) -> Change:
        """Set both leaders (and create the default criteria on first use)."""
        problems = []
        for role, leader in ((Side.PRODUCT, product), (Side.ENGINEERING, engineering)):
            if not clean_line(leader.name):
                problems.append(f"the {role.value} leader's name is empty")
            elif len(clean_line(leader.name)) > 120:
                problems.append(f"the {role.value} leader's name is longer than 120 characters")
            if len(clean_line(leader.title)) > 60:
                problems.append(f"the {role.value} leader's title is longer than 60 characters")
        if problems:
            raise ValidationError(problems)
        with self.unit.transaction() as db:
            first_use = q.criteria_count(db) == 0
            tables = (t.LeaderRow, t.CriterionRow) if first_use else (t.LeaderRow,)
            before = capture_tables(db, *tables)
            for role, leader in ((Side.PRODUCT, product), (Side.ENGINEERING, engineering)):
                row = db.execute(select(t.LeaderRow).where(t.LeaderRow.role == role.value)).scalars().first()
                if row is None:
                    row = t.LeaderRow(role=role.value, name="")
                row.name, row.title, row.colour = clean_line(leader.name), clean_line(leader.title), leader.colour
                db.add(row)
            if first_use:
                for pos, (name, desc, weight, kind) in enumerate(DEFAULT_CRITERIA):
                    db.add(t.CriterionRow(name=name, description=desc, weight=weight, kind=kind.value, position=pos))
            db.flush()
            return Change(before, capture_tables(db, *tables))

    def record(self, use_case: Callable[[], R]) -> tuple[Change, R]:
        """Run ``use_case`` (which may call any service) as one transaction, and return the whole
        workspace before and after it with the use case's result: an exact undo and redo of anything."""
        with self.unit.transaction() as db:
            before = capture_tables(db)
            result = use_case()
            db.flush()
            return Change(before, capture_tables(db)), result

    def restore(self, snapshot: Snapshot) -> None:
        """Put back the rows a deletion removed, with their ids."""
        with self.unit.transaction() as db:
            put_back(db, snapshot)

    def replace(self, snapshot: Snapshot) -> None:
        """Make the tables the snapshot holds exactly as they were captured (undo and redo of a ``Change``)."""
        with self.unit.transaction() as db:
            replace_tables(db, snapshot)
