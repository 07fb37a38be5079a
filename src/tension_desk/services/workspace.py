"""The workspace as a whole: its two leaders, and putting back rows an undo or redo needs."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlmodel import col

from tension_desk.domain import limits
from tension_desk.domain.model import Leader, Side
from tension_desk.domain.validation import ValidationError, check_line, collect
from tension_desk.services.criteria import DEFAULT_CRITERIA
from tension_desk.services.maintenance import restore_into
from tension_desk.services.types import both_leaders
from tension_desk.services.unit import Change, Snapshot, UnitOfWork, capture_tables, put_back, replace_tables
from tension_desk.store import queries as q
from tension_desk.store import tables as t


class Workspace:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    def leaders(self) -> dict[Side, Leader]:
        with self.unit.reading() as db:
            return q.leaders(db)

    def has_leaders(self) -> bool:
        return both_leaders(self.leaders())

    def set_leaders(self, product: Leader, engineering: Leader) -> Change:
        """Set both leaders (and create the default criteria on first use)."""
        problems: list[str] = []
        cleaned: dict[Side, tuple[str, str, str]] = {}
        for role, leader in ((Side.PRODUCT, product), (Side.ENGINEERING, engineering)):
            name = collect(problems, check_line, leader.name, f"the {role.value} leader's name", limits.LEADER_NAME,
                           required=True)
            title = collect(problems, check_line, leader.title, f"the {role.value} leader's title", limits.LEADER_TITLE)
            colour = collect(problems, check_line, leader.colour, f"the {role.value} leader's colour",
                             limits.LEADER_COLOUR)
            if name is not None and title is not None and colour is not None:  # None: its check failed
                cleaned[role] = (name, title, colour)
        if problems:
            raise ValidationError(problems)
        with self.unit.transaction() as db:
            first_use = q.criteria_count(db) == 0
            tables = (t.LeaderRow, t.CriterionRow) if first_use else (t.LeaderRow,)
            before = capture_tables(db, *tables)
            for role, (name, title, colour) in cleaned.items():
                row = db.execute(select(t.LeaderRow).where(col(t.LeaderRow.role) == role.value)).scalars().first()
                if row is None:
                    row = t.LeaderRow(role=role.value, name="")
                row.name, row.title, row.colour = name, title, colour
                db.add(row)
            if first_use:
                for pos, (name, desc, weight, kind) in enumerate(DEFAULT_CRITERIA):
                    db.add(t.CriterionRow(name=name, description=desc, weight=weight, kind=kind.value, position=pos))
            db.flush()
            return Change(before, capture_tables(db, *tables))

    def restore_backup(self, data_dir: Path, backup: Path) -> None:
        """Replace the store by ``backup`` in place (the current file is backed up first) and go on with it;
        on failure the store stays as it was (``maintenance.restore_into``)."""
        restore_into(self.unit, data_dir, backup)

    def restore(self, snapshot: Snapshot) -> None:
        """Put back the rows a deletion removed, with their ids."""
        with self.unit.transaction() as db:
            put_back(db, snapshot)

    def replace(self, snapshot: Snapshot) -> None:
        """Make the tables the snapshot holds exactly as they were captured (undo and redo of a ``Change``)."""
        with self.unit.transaction() as db:
            replace_tables(db, snapshot)
