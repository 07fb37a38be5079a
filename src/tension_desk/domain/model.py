"""The domain's vocabulary: plain, immutable dataclasses and enums. No Qt, no SQL.

An object read from the store carries its row's ``version`` (0 when it was not read from the store; not
part of equality). An edit hands it back, so that the store refuses the edit if someone changed the row
since (services/conflicts.py). A session's criterion carries the version of the session's row that holds
its weights; a workspace criterion, its own.
"""
from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any


class StrEnum(enum.StrEnum):
    """An enum whose members are their values as text: str(Side.PRODUCT) == "product"."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Side(StrEnum):
    PRODUCT = "product"
    ENGINEERING = "engineering"

    @property
    def other(self) -> Side:
        return Side.ENGINEERING if self is Side.PRODUCT else Side.PRODUCT

    @property
    def marker(self) -> str:
        """A glyph that tells the sides apart without colour (● product, ▲ engineering)."""
        return "\u25cf" if self is Side.PRODUCT else "\u25b2"

    @property
    def short(self) -> str:
        return "P" if self is Side.PRODUCT else "E"


SIDE_OF = {side.value: side for side in Side}  # a stored role ("product") → its Side: thousands of scores per
# session are read, and a dict beats Side(value); ``SIDE_OF.get(v) or Side(v)`` still names a role that is none


class PriorityStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DEFERRED = "deferred"
    REJECTED = "rejected"
    DELIVERED = "delivered"


class SessionStatus(StrEnum):
    DRAFT = "draft"
    LIVE = "live"
    CLOSED = "closed"


class TensionStatus(StrEnum):
    OPEN = "open"
    DECIDED = "decided"
    CARRIED_OVER = "carried_over"


class CriterionKind(StrEnum):
    BENEFIT = "benefit"
    COST = "cost"


class DecisionStatus(StrEnum):
    DECIDED = "decided"
    REVISIT = "revisit"
    REVERSED = "reversed"


@dataclass(frozen=True)
class Leader:
    role: Side
    name: str
    title: str
    colour: str = ""

    @property
    def display(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name


@dataclass(frozen=True)
class Priority:
    id: int
    title: str
    side: Side
    description: str = ""
    effort_weeks: float | None = None
    idea_date: dt.date | None = None
    status: PriorityStatus = PriorityStatus.PROPOSED
    quarter: str | None = None
    delivered_date: dt.date | None = None
    link: str = ""
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class PriorityDraft:
    """The editable fields of a priority, before it has an id."""

    title: str
    side: Side
    description: str = ""
    effort_weeks: float | None = None
    idea_date: dt.date | None = None
    status: PriorityStatus = PriorityStatus.PROPOSED
    quarter: str | None = None
    delivered_date: dt.date | None = None
    link: str = ""

    @classmethod
    def of(cls, p: Priority) -> PriorityDraft:
        return cls(
            title=p.title, side=p.side, description=p.description, effort_weeks=p.effort_weeks,
            idea_date=p.idea_date, status=p.status, quarter=p.quarter,
            delivered_date=p.delivered_date, link=p.link,
        )


def status_change(p: Priority, status: PriorityStatus, session_quarter: str) -> PriorityDraft | None:
    """``p`` moved to ``status`` from a session of ``session_quarter``: accepted means for that quarter, delivered
    keeps the quarter it was delivered in, any other status belongs to no quarter. None when nothing changes."""
    quarter = {PriorityStatus.ACCEPTED: session_quarter, PriorityStatus.DELIVERED: p.quarter}.get(status)
    if p.status is status and p.quarter == quarter:
        return None
    return replace(PriorityDraft.of(p), status=status, quarter=quarter)


@dataclass(frozen=True)
class Session:
    id: int
    title: str
    date: dt.date
    quarter: str
    status: SessionStatus = SessionStatus.DRAFT
    notes: str = ""
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Tension:
    id: int
    session_id: int
    statement: str
    priority_ids: tuple[int, ...]
    status: TensionStatus = TensionStatus.OPEN
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Criterion:
    id: int
    name: str
    weight: float
    kind: CriterionKind = CriterionKind.BENEFIT
    scale_min: int = 0
    scale_max: int = 5
    description: str = ""
    version: int = field(default=0, compare=False)

    def normalised(self, value: float) -> float:
        """A score as a fraction of the scale, counted inversely for a cost criterion."""
        span = self.scale_max - self.scale_min
        if self.kind is CriterionKind.COST:
            return (self.scale_max - value) / span
        return (value - self.scale_min) / span


@dataclass(frozen=True)
class Score:
    priority_id: int
    criterion_id: int
    leader_role: Side
    value: int
    comment: str = ""


@dataclass(frozen=True)
class Decision:
    id: int
    tension_id: int
    session_id: int
    outcome: str
    context: str = ""
    options: str = ""
    rationale: str = ""
    tradeoffs: str = ""
    cost_of_not: str = ""
    success_signal: str = ""
    owner: str = ""
    review_date: dt.date | None = None
    status: DecisionStatus = DecisionStatus.DECIDED
    ack_product: bool = False
    ack_engineering: bool = False
    evidence_json: str = field(default="{}", compare=False, hash=False, repr=False)  # as stored: see ``evidence``
    decided_on: dt.date | None = None
    review_outcome: str = ""  # held | revisit | reversed, answered at its review
    reviewed_in_session_id: int | None = None
    version: int = field(default=0, compare=False)

    @cached_property
    def evidence(self) -> dict[str, Any]:  # frozen evidence is JSON data
        """The frozen evidence, decoded from its JSON text when first read: a session of a long-kept workspace
        carries hundreds of decisions with a review due, whose evidence is read only when one is shown."""
        evidence: dict[str, Any] = json.loads(self.evidence_json)
        return evidence

    def with_evidence(self, evidence: dict[str, Any]) -> Decision:
        """The same decision with other frozen evidence (e.g. its scores masked before the reveal)."""
        return replace(self, evidence_json=json.dumps(evidence)).holding(evidence)

    def holding(self, evidence: dict[str, Any]) -> Decision:
        """This decision, just made with ``evidence_json`` the text of ``evidence`` (JSON data), holding that
        evidence decoded already: ``evidence`` is not decoded from the text again (an export reads it from its
        canonical record, which holds it decoded)."""
        self.__dict__["evidence"] = evidence  # where ``evidence`` keeps what it decoded
        return self


@dataclass(frozen=True)
class CapacityPlan:
    quarter: str
    total_weeks: float
    product_share: float
    engineering_share: float
    reviewed_on: dt.date | None = None
    note: str = ""
    version: int = field(default=0, compare=False)


@dataclass(frozen=True)
class LedgerEntry:
    """One change of a quarter's split, kept with its reason."""

    id: int
    quarter: str
    changed_at: dt.datetime | None
    total_weeks: float
    product_share: float
    engineering_share: float
    reason: str
