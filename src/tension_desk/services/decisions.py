"""Decisions: what was decided on a tension, its frozen evidence, and its review at a later session."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session as DbSession
from sqlmodel import col

from tension_desk.domain import limits
from tension_desk.domain.capacity import capacity_fit
from tension_desk.domain.model import (
    Decision,
    DecisionStatus,
    Priority,
    PriorityDraft,
    PriorityStatus,
    Session,
    Tension,
    TensionStatus,
)
from tension_desk.domain.quarters import normalise_quarter
from tension_desk.domain.scoring import compute_results
from tension_desk.domain.validation import ValidationError, check_line, check_text, collect
from tension_desk.services import conflicts, sealing
from tension_desk.services.priorities import write_draft
from tension_desk.services.types import DecisionDraft as DecisionDraft  # defined ORM-free, for the UI
from tension_desk.services.types import ReviewState as ReviewState
from tension_desk.services.types import default_review_date as default_review_date
from tension_desk.services.unit import Row, UnitOfWork, found, get_row, row_values, table_of
from tension_desk.store import convert
from tension_desk.store import queries as q
from tension_desk.store import tables as t

TEXT_FIELDS = ("context", "options", "outcome", "rationale", "tradeoffs", "cost_of_not", "success_signal")
REVIEW_OUTCOMES = limits.REVIEW_OUTCOMES


def evidence_json(evidence: dict[str, Any]) -> str:
    """The frozen evidence as stored; refused over limits.EVIDENCE, so every decision taken fits its backup."""
    text = json.dumps(evidence, sort_keys=True)
    if len(text) > limits.EVIDENCE:
        raise ValidationError([f"the evidence this decision would freeze is {len(text):,} characters long; at most "
                               f"{limits.EVIDENCE:,}: link fewer priorities to the tension, or shorten their titles "
                               "and the criteria's names"])
    return text


def validate_decision(d: DecisionDraft) -> DecisionDraft:
    problems: list[str] = []
    texts: dict[str, str] = {}
    for name in TEXT_FIELDS:
        text = collect(problems, check_text, getattr(d, name), f"the {name.replace('_', ' ')}", limits.TEXT)
        if text is not None:  # None: its check failed and said why in ``problems``
            texts[name] = text
    if texts.get("outcome") == "":
        problems.append("the outcome is empty: say what was decided")
    owner = collect(problems, check_line, d.owner, "the owner", limits.ONE_LINE["decisions", "owner"])
    if problems or owner is None:
        raise ValidationError(problems)
    return replace(d, outcome=texts["outcome"], context=texts["context"], options=texts["options"],
                   rationale=texts["rationale"], tradeoffs=texts["tradeoffs"], cost_of_not=texts["cost_of_not"],
                   success_signal=texts["success_signal"], owner=owner, status=DecisionStatus(d.status))


def _evidence(db: DbSession, session: Session, tension: Tension, on: dt.date) -> dict[str, Any]:
    """What the decision was taken on, frozen with it on ``on`` (the day it was taken): weights, the tension's
    priorities and scores, capacity."""
    criteria = q.session_criteria(db, session.id)
    agenda = q.agenda(db, session.id)
    scores = q.scores(db, session.id)
    results = {r.priority_id: r for r in compute_results([p.id for p in agenda], criteria, scores)}
    priorities = {p.id: p for p in q.priorities(db, ids=tension.priority_ids)}
    names = {c.id: c.name for c in criteria}
    items = []
    for pid in tension.priority_ids:
        p = priorities.get(pid)
        if p is None:
            continue
        r = results.get(pid)
        per_leader: dict[str, dict[str, int]] = {"product": {}, "engineering": {}}
        for s in scores:
            if s.priority_id == pid and s.criterion_id in names:
                per_leader[s.leader_role.value][names[s.criterion_id]] = s.value
        items.append({
            "id": pid, "title": p.title, "side": p.side.value, "effort_weeks": p.effort_weeks,
            "status": p.status.value, "scores": per_leader,
            "total_product": None if r is None else r.total_product,
            "total_engineering": None if r is None else r.total_engineering,
            "combined": None if r is None else r.combined,
            "divergence": None if r is None else r.divergence,
            "rank": None if r is None else r.rank,
        })
    plan = next((c for c in q.capacity_plans(db) if c.quarter == session.quarter), None)
    fit = capacity_fit(plan, q.priorities(db, quarter=session.quarter), session.quarter)
    return {
        "frozen_on": on.isoformat(),
        "session": {"id": session.id, "title": session.title, "date": session.date.isoformat()},
        "weights": [{"criterion": c.name, "weight": c.weight, "kind": c.kind.value} for c in criteria],
        "priorities": items,
        "capacity": {
            "quarter": fit.quarter, "total_weeks": fit.total_weeks, "product_share": fit.product_share,
            "engineering_share": fit.engineering_share,
            "accepted_product_weeks": fit.accepted_product_weeks,
            "accepted_engineering_weeks": fit.accepted_engineering_weeks, "fits": fit.fits,
        },
    }


def _set_statuses(db: DbSession, accept: Sequence[int], defer: Sequence[int], quarter: str) -> list[Priority]:
    """Accept (into ``quarter``) and defer priorities; returns them as they were."""
    before = []
    for pid, status in [(p, PriorityStatus.ACCEPTED) for p in accept] + [(p, PriorityStatus.DEFERRED) for p in defer]:
        row = get_row(db, t.PriorityRow, pid)
        before.append(convert.priority(row))
        row.status = status.value
        row.quarter = quarter if status is PriorityStatus.ACCEPTED else None
        db.add(row)
    return before


def _set_tension_status(db: DbSession, tension_id: int, status: TensionStatus) -> None:
    row = get_row(db, t.TensionRow, tension_id)
    row.status = status.value
    db.add(row)


class Decisions:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    # -- reading ------------------------------------------------------------------------------------
    def get(self, decision_id: int) -> Decision:
        with self.unit.reading() as db:
            return found(q.decision(db, decision_id), f"there is no decision {decision_id}")

    def for_tension(self, tension_id: int) -> Decision | None:
        with self.unit.reading() as db:
            return q.decision_for(db, tension_id)

    # -- writing ------------------------------------------------------------------------------------
    def take(self, session_id: int, tension_id: int, draft: DecisionDraft, accept: Sequence[int] = (),
             defer: Sequence[int] = (), quarter: str | None = None,
             on: dt.date | None = None) -> tuple[Decision, list[Priority]]:
        """Record the decision on a tension, freeze its evidence, and accept / defer priorities.
        ``on`` is the day it was taken (today unless given); the decision log orders by it.

        Returns the decision and the priorities as they were before (for undo)."""
        d = validate_decision(draft)
        with self.unit.transaction() as db:
            tension = found(q.tension(db, tension_id), f"there is no tension {tension_id}")
            session = found(q.session(db, session_id), f"there is no session {session_id}")
            quarter = normalise_quarter(quarter) if quarter else session.quarter
            if set(accept) & set(defer):
                raise ValidationError(["a priority cannot be both accepted and deferred"])
            if (set(accept) | set(defer)) - set(tension.priority_ids):
                raise ValidationError(["only the priorities of this tension can be accepted or deferred here"])
            if q.decision_for(db, tension_id) is not None:
                raise ValidationError(["this tension already has a decision; edit it instead"])
            on = on or dt.date.today()
            evidence = _evidence(db, session, tension, on)
            sealing.refuse_if_closed(db, session_id)
            before = _set_statuses(db, accept, defer, quarter)
            row = t.DecisionRow(
                tension_id=tension_id, session_id=session_id, outcome=d.outcome, context=d.context,
                options=d.options, rationale=d.rationale, tradeoffs=d.tradeoffs, cost_of_not=d.cost_of_not,
                success_signal=d.success_signal, owner=d.owner,
                review_date=d.review_date or default_review_date(session.quarter), status=d.status.value,
                ack_product=d.ack_product, ack_engineering=d.ack_engineering,
                evidence_json=evidence_json(evidence), decided_on=on,
            )
            db.add(row)
            _set_tension_status(db, tension_id, TensionStatus.DECIDED)
            db.flush()
            return convert.decision(row), before

    def update(self, decision_id: int, draft: DecisionDraft, seen: int | None = None) -> Decision:
        """Change what was written; the frozen evidence never changes. Returns it as it was. ``seen`` is the
        version the user edited: a Conflict if someone else changed the decision since."""
        d = validate_decision(draft)

        def conflict() -> conflicts.Conflict:
            theirs = self.get(decision_id)
            return conflicts.Conflict(f"the decision “{theirs.outcome}”", theirs, d, theirs.version)

        with conflicts.guard(conflict), self.unit.transaction() as db:
            row = get_row(db, t.DecisionRow, decision_id)
            conflicts.check(seen, row.version, conflict)
            sealing.refuse_if_closed(db, row.session_id)
            before = convert.decision(row)
            for name in TEXT_FIELDS:
                setattr(row, name, getattr(d, name))
            row.owner, row.review_date, row.status = d.owner, d.review_date, d.status.value
            row.ack_product, row.ack_engineering = d.ack_product, d.ack_engineering
            db.add(row)
            return before

    def undo(self, decision_id: int, priorities_before: Sequence[Priority]) -> Row:
        """Remove a decision (undo of taking it): the tension is open again and priorities as before.

        Returns the removed row's columns, to put back with ``redo``."""
        with self.unit.transaction() as db:
            row = get_row(db, t.DecisionRow, decision_id)
            sealing.refuse_if_closed(db, row.session_id)
            saved = row_values(row)
            _set_tension_status(db, row.tension_id, TensionStatus.OPEN)
            db.execute(delete(t.DecisionRow).where(col(t.DecisionRow.id) == decision_id))
            for p in priorities_before:
                write_draft(db, p.id, PriorityDraft.of(p))
            return saved

    def redo(self, saved: Row, accept: Sequence[int], defer: Sequence[int], quarter: str) -> None:
        """Take the decision ``undo`` removed again: the same row, and the same priorities accepted / deferred."""
        with self.unit.transaction() as db:
            sealing.refuse_if_closed(db, saved["session_id"])
            db.execute(insert(table_of(t.DecisionRow)), [saved])
            _set_tension_status(db, saved["tension_id"], TensionStatus.DECIDED)
            _set_statuses(db, accept, defer, quarter)

    def review(self, decision_id: int, outcome: str | None, session_id: int | None) -> ReviewState:
        """Answer "did it hold?" (held, revisit, reversed) in a session; None clears the answer.

        Returns the review as it was, for undo."""
        if outcome is not None and outcome not in REVIEW_OUTCOMES:
            raise ValidationError([f"a review outcome is held, revisit or reversed, not {outcome!r}"])
        with self.unit.transaction() as db:
            sealing.refuse_if_closed(db, session_id)
            row = get_row(db, t.DecisionRow, decision_id)
            before = ReviewState(row.review_outcome, row.status, row.reviewed_in_session_id)
            row.review_outcome = outcome or ""
            row.reviewed_in_session_id = session_id if outcome else None
            if outcome == "held":
                row.status = DecisionStatus.DECIDED.value
            elif outcome == "revisit":
                row.status = DecisionStatus.REVISIT.value
            elif outcome == "reversed":
                row.status = DecisionStatus.REVERSED.value
            db.add(row)
            return before

    def restore_review(self, decision_id: int, before: ReviewState) -> None:
        with self.unit.transaction() as db:
            row = get_row(db, t.DecisionRow, decision_id)
            row.review_outcome, row.status = before.outcome, before.status
            row.reviewed_in_session_id = before.session_id
            db.add(row)

    # last, so that ``list`` in the annotations above is still the built-in type
    def list(self, session_id: int | None = None) -> list[Decision]:
        """Every decision (or those taken in one session), by id."""
        with self.unit.reading() as db:
            return q.decisions(db, session_id)

