"""SQLModel tables: the whole domain of DESIGN.md's glossary.

The schema itself is created and upgraded only by the Alembic migrations in ``store/migrations``;
these classes describe it for queries. Never call ``create_all()`` on a user's store.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, Table, UniqueConstraint, inspect
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def table_of(row: type[SQLModel]) -> Table:
    """The Core table of a table class (its ``__table__``, which SQLModel's type stubs do not declare)."""
    table = inspect(row).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{row.__name__} is not a table class")
    return table


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable)


class Versioned(SQLModel):
    """A row a user edits in place. SQLAlchemy's ``version_id_col`` adds ``WHERE version = <as read>`` to
    every ORM UPDATE and counts it up by one, so a write over a change made since raises StaleDataError
    (services/conflicts.py turns that into a Conflict). New rows start at 1."""

    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # while the class is being mapped its table exists but no mapper yet (so not ``table_of``); SQLModel's
        # type stubs do not declare ``__table__``
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class WorkspaceRow(SQLModel, table=True):
    __tablename__ = "workspace"
    id: int | None = Field(default=None, primary_key=True)
    name: str = ""
    created_at: dt.datetime = Field(default_factory=_now)


class LeaderRow(SQLModel, table=True):
    __tablename__ = "leader"
    id: int | None = Field(default=None, primary_key=True)
    role: str = Field(unique=True)  # product | engineering
    name: str
    title: str = ""
    colour: str = ""


class CriterionRow(Versioned, table=True):
    __tablename__ = "criterion"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    description: str = ""
    weight: float = 1.0
    kind: str = "benefit"  # benefit | cost
    scale_min: int = 0
    scale_max: int = 5
    position: int = 0
    archived: bool = False


class SessionRow(Versioned, table=True):
    __tablename__ = "session"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    date: dt.date
    quarter: str = Field(index=True)
    status: str = "draft"  # draft | live | closed
    notes: str = ""
    scoring_turn: str = ""  # "" (nobody masked), product, engineering
    product_done: bool = False
    engineering_done: bool = False
    revealed: bool = False
    created_at: dt.datetime = Field(default_factory=_now)


class SessionCriterionRow(Versioned, table=True):
    """The weights a session is scored with (frozen per session), and each leader's lens weights."""

    __tablename__ = "session_criterion"
    session_id: int = Field(sa_column=Column(Integer, ForeignKey("session.id", ondelete="CASCADE"), primary_key=True))
    criterion_id: int = Field(
        sa_column=Column(Integer, ForeignKey("criterion.id", ondelete="CASCADE"), primary_key=True))
    weight: float = 1.0
    product_weight: float | None = None
    engineering_weight: float | None = None
    position: int = 0


class PriorityRow(Versioned, table=True):
    __tablename__ = "priority"
    id: int | None = Field(default=None, primary_key=True)
    title: str
    description: str = ""
    side: str = Field(index=True)  # product | engineering
    effort_weeks: float | None = None
    idea_date: dt.date | None = None
    status: str = "proposed"
    quarter: str | None = None
    delivered_date: dt.date | None = None
    link: str = ""
    created_at: dt.datetime = Field(default_factory=_now)


class AgendaRow(SQLModel, table=True):
    """A priority on a session's agenda, with its position within its side's list."""

    __tablename__ = "session_priority"
    session_id: int = Field(sa_column=Column(Integer, ForeignKey("session.id", ondelete="CASCADE"), primary_key=True))
    priority_id: int = Field(sa_column=Column(Integer, ForeignKey("priority.id", ondelete="CASCADE"), primary_key=True))
    position: int = 0


class TensionRow(Versioned, table=True):
    __tablename__ = "tension"
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(sa_column=_fk("session.id"))
    statement: str
    status: str = "open"  # open | decided | carried_over
    created_at: dt.datetime = Field(default_factory=_now)


class TensionPriorityRow(SQLModel, table=True):
    __tablename__ = "tension_priority"
    tension_id: int = Field(sa_column=Column(Integer, ForeignKey("tension.id", ondelete="CASCADE"), primary_key=True))
    priority_id: int = Field(sa_column=Column(Integer, ForeignKey("priority.id", ondelete="CASCADE"), primary_key=True))


class ScoreRow(SQLModel, table=True):
    __tablename__ = "score"
    session_id: int = Field(sa_column=Column(Integer, ForeignKey("session.id", ondelete="CASCADE"), primary_key=True))
    priority_id: int = Field(sa_column=Column(Integer, ForeignKey("priority.id", ondelete="CASCADE"), primary_key=True))
    criterion_id: int = Field(
        sa_column=Column(Integer, ForeignKey("criterion.id", ondelete="CASCADE"), primary_key=True))
    leader_role: str = Field(primary_key=True)
    value: int
    comment: str = ""


class DecisionRow(Versioned, table=True):
    __tablename__ = "decision"
    id: int | None = Field(default=None, primary_key=True)
    tension_id: int = Field(sa_column=_fk("tension.id"))
    session_id: int = Field(sa_column=_fk("session.id"))
    context: str = ""
    options: str = ""
    outcome: str = ""
    rationale: str = ""
    tradeoffs: str = ""
    cost_of_not: str = ""
    success_signal: str = ""
    owner: str = ""
    review_date: dt.date | None = None
    status: str = "decided"  # decided | revisit | reversed
    ack_product: bool = False
    ack_engineering: bool = False
    evidence_json: str = "{}"
    decided_on: dt.date | None = None
    review_outcome: str = ""  # held | revisit | reversed, set at its review
    reviewed_in_session_id: int | None = Field(
        default=None, sa_column=_fk("session.id", nullable=True, ondelete="SET NULL"))


class CapacityPlanRow(Versioned, table=True):
    __tablename__ = "capacity_plan"
    __table_args__ = (UniqueConstraint("quarter"),)
    id: int | None = Field(default=None, primary_key=True)
    quarter: str
    total_weeks: float
    product_share: float
    engineering_share: float
    reviewed_on: dt.date | None = None
    note: str = ""


class CapacityLedgerRow(SQLModel, table=True):
    __tablename__ = "capacity_ledger"
    id: int | None = Field(default=None, primary_key=True)
    quarter: str = Field(index=True)
    changed_at: dt.datetime = Field(default_factory=_now)
    total_weeks: float
    product_share: float
    engineering_share: float
    reason: str = ""


class SessionRevisionRow(SQLModel, table=True):
    """A sealed record of a closed session, one row per revision. Reopening adds the next revision with its
    reason and no record yet; closing again seals it (``record_json`` is the canonical record)."""

    __tablename__ = "session_revision"
    session_id: int = Field(sa_column=Column(Integer, ForeignKey("session.id", ondelete="CASCADE"), primary_key=True))
    revision: int = Field(primary_key=True)
    record_json: str | None = None
    fingerprint: str | None = None
    sealed_at: dt.datetime | None = None
    reopened_at: dt.datetime | None = None
    reopened_by: str = ""
    reopen_reason: str = ""


class SessionStepRow(SQLModel, table=True):
    """One step of a session's script (domain/script.py): its time box and the time spent on it. A session
    has no rows until its script is first edited or its timer first saves; it then has one per step."""

    __tablename__ = "session_step"
    session_id: int = Field(sa_column=Column(Integer, ForeignKey("session.id", ondelete="CASCADE"), primary_key=True))
    kind: str = Field(primary_key=True)  # a StepKind
    position: int = 0
    minutes: int
    spent_seconds: int = 0
