"""Capacity: each quarter's split between product and engineering work, and the ledger of every change."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlmodel import col

from tension_desk.domain import limits
from tension_desk.domain.model import CapacityPlan, LedgerEntry
from tension_desk.domain.quarters import normalise_quarter
from tension_desk.domain.validation import ValidationError, check_text, collect
from tension_desk.services.types import PlanChange as PlanChange  # defined ORM-free, for the UI
from tension_desk.services.unit import Row, UnitOfWork, row_values, table_of
from tension_desk.store import queries as q
from tension_desk.store import tables as t


@dataclass(frozen=True)
class _Checked:
    """A plan change's note and reason, cleaned."""

    note: str
    reason: str


def _check(total_weeks: float, product_share: float, engineering_share: float, note: str,
           reason: str) -> _Checked:
    """The note and the reason cleaned, or ValidationError saying what is wrong."""
    problems: list[str] = []
    for label, v in (("total capacity", total_weeks), ("product share", product_share),
                     ("engineering share", engineering_share)):
        if not isinstance(v, (int, float)) or math.isnan(v) or math.isinf(v) or v < 0:
            problems.append(f"the {label} must be a number of at least 0, not {v!r}")
    if not problems and total_weeks > limits.TOTAL_WEEKS:
        problems.append(f"the total capacity is more than {limits.TOTAL_WEEKS:,} person-weeks")
    if not problems and (product_share > limits.SHARE or engineering_share > limits.SHARE):
        problems.append("a share cannot be more than 100%")
    if not problems and abs(product_share + engineering_share - 100) > 1e-6:
        problems.append(f"the shares add up to {product_share + engineering_share:g}%, not 100%")
    checked_note = collect(problems, check_text, note, "the capacity note", limits.TEXT)
    checked_reason = collect(problems, check_text, reason, "the reason for the change", limits.TEXT)
    if problems or checked_note is None or checked_reason is None:  # None: its check failed and said why
        raise ValidationError(problems)
    return _Checked(checked_note, checked_reason)


class Capacity:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    # -- reading ------------------------------------------------------------------------------------
    def plans(self) -> list[CapacityPlan]:
        """Every quarter's plan, oldest quarter first."""
        with self.unit.reading() as db:
            return q.capacity_plans(db)

    def plan(self, quarter: str) -> CapacityPlan | None:
        return next((c for c in self.plans() if c.quarter == normalise_quarter(quarter)), None)

    def suggested_plan(self, quarter: str) -> CapacityPlan:
        """A new quarter starts from the last earlier quarter's split (70/30 of 100 weeks if none)."""
        quarter = normalise_quarter(quarter)
        earlier = [c for c in self.plans() if c.quarter < quarter]
        if earlier:
            last = earlier[-1]
            return CapacityPlan(quarter, last.total_weeks, last.product_share, last.engineering_share)
        return CapacityPlan(quarter, 100.0, 70.0, 30.0)

    def ledger(self, quarter: str | None = None) -> list[LedgerEntry]:
        with self.unit.reading() as db:
            return q.capacity_ledger(db, normalise_quarter(quarter) if quarter else None)

    # -- writing ------------------------------------------------------------------------------------
    def set_plan(self, quarter: str, total_weeks: float, product_share: float, engineering_share: float,
                 reason: str = "", reviewed_on: dt.date | None = None, note: str = "") -> PlanChange:
        """Create or change a quarter's split; every change is kept in the ledger with its reason."""
        quarter = normalise_quarter(quarter)
        checked = _check(total_weeks, product_share, engineering_share, note, reason)
        with self.unit.transaction() as db:
            plan_q = select(t.CapacityPlanRow).where(col(t.CapacityPlanRow.quarter) == quarter)
            row = db.execute(plan_q).scalars().first()
            before = None if row is None else row_values(row)
            if row is None:
                row = t.CapacityPlanRow(quarter=quarter, total_weeks=0, product_share=0, engineering_share=0)
            row.total_weeks = float(total_weeks)
            row.product_share, row.engineering_share = float(product_share), float(engineering_share)
            row.reviewed_on, row.note = reviewed_on, checked.note
            db.add(row)
            entry = t.CapacityLedgerRow(quarter=quarter, total_weeks=float(total_weeks),
                                        product_share=float(product_share),
                                        engineering_share=float(engineering_share),
                                        reason=checked.reason or ("first plan" if before is None else "changed"))
            db.add(entry)
            db.flush()
            return PlanChange(quarter, before, row_values(row), row_values(entry))

    def undo(self, change: PlanChange) -> None:
        """The plan as it was before ``change``, and its ledger entry removed."""
        self._put(change.quarter, change.before, delete_entry=change.entry["id"])

    def redo(self, change: PlanChange) -> None:
        """The plan as ``change`` left it, with the very same ledger entry (id and time)."""
        self._put(change.quarter, change.after, insert_entry=change.entry)

    def _put(self, quarter: str, plan: Row | None, delete_entry: int | None = None,
             insert_entry: Row | None = None) -> None:
        with self.unit.transaction() as db:
            db.execute(delete(t.CapacityPlanRow).where(col(t.CapacityPlanRow.quarter) == quarter))
            if plan is not None:
                db.execute(insert(table_of(t.CapacityPlanRow)), [plan])
            if delete_entry is not None:
                db.execute(delete(t.CapacityLedgerRow).where(col(t.CapacityLedgerRow.id) == delete_entry))
            if insert_entry is not None:
                db.execute(insert(table_of(t.CapacityLedgerRow)), [insert_entry])
