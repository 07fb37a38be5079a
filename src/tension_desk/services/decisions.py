"""Decisions, their frozen evidence, their review, and what carries over from one session to the next.

Mixed into ``Desk``: these are writers like every other Desk method, one transaction per call.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select

from tension_desk.domain.model import (
    Decision,
    DecisionStatus,
    Priority,
    PriorityDraft,
    PriorityStatus,
    Session,
    Side,
    Tension,
    TensionStatus,
)
from tension_desk.domain.quarters import next_quarter, normalise_quarter, quarter_start
from tension_desk.domain import limits
from tension_desk.domain.validation import ValidationError, check_line, check_text, collect
from tension_desk.services import conflicts, sealing
from tension_desk.store import convert
from tension_desk.store import tables as t

ESCALATE_AFTER_SESSIONS = 3
TEXT_FIELDS = ("context", "options", "outcome", "rationale", "tradeoffs", "cost_of_not", "success_signal")
REVIEW_OUTCOMES = limits.REVIEW_OUTCOMES


@dataclass(frozen=True)
class DecisionDraft:
    """The fields a user writes, in the shape of an architecture decision record (MADR)."""

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

    @classmethod
    def of(cls, d: Decision) -> "DecisionDraft":
        return cls(outcome=d.outcome, context=d.context, options=d.options, rationale=d.rationale,
                   tradeoffs=d.tradeoffs, cost_of_not=d.cost_of_not, success_signal=d.success_signal,
                   owner=d.owner, review_date=d.review_date, status=d.status, ack_product=d.ack_product,
                   ack_engineering=d.ack_engineering)


@dataclass(frozen=True)
class CarriedTension:
    tension: Tension
    origin: Session
    age: int  # sessions it has been open, counting the one it was raised in and this one

    @property
    def escalate(self) -> bool:
        return self.age >= ESCALATE_AFTER_SESSIONS


@dataclass(frozen=True)
class SessionAgenda:
    """What a session has to deal with: its own tensions, the open ones carried over, and reviews due."""

    own: list[Tension] = field(default_factory=list)
    carried: list[CarriedTension] = field(default_factory=list)
    due_reviews: list[Decision] = field(default_factory=list)


def default_review_date(quarter: str) -> dt.date:
    """By default a decision is reviewed at the next quarterly review: the start of the next quarter."""
    return quarter_start(next_quarter(quarter))


def evidence_json(evidence: dict) -> str:
    """The frozen evidence as stored; refused over limits.EVIDENCE, so every decision taken fits its backup."""
    text = json.dumps(evidence, sort_keys=True)
    if len(text) > limits.EVIDENCE:
        raise ValidationError([f"the evidence this decision would freeze is {len(text):,} characters long; at most "
                               f"{limits.EVIDENCE:,}: link fewer priorities to the tension, or shorten their titles "
                               "and the criteria's names"])
    return text


def validate_decision(d: DecisionDraft) -> DecisionDraft:
    from dataclasses import replace

    problems: list[str] = []
    values = {name: collect(problems, check_text, getattr(d, name), f"the {name.replace('_', ' ')}", limits.TEXT)
              for name in TEXT_FIELDS}
    if values["outcome"] == "":
        problems.append("the outcome is empty: say what was decided")
    owner = collect(problems, check_line, d.owner, "the owner", limits.OWNER)
    if problems:
        raise ValidationError(problems)
    return replace(d, owner=owner, status=DecisionStatus(d.status), **values)


class DecisionsMixin:
    # -- reading -------------------------------------------------------------------------------------
    def decision(self, decision_id: int) -> Decision:
        with self._read() as db:
            row = db.get(t.DecisionRow, decision_id)
            if row is None:
                from tension_desk.services.desk import NotFound

                raise NotFound(f"there is no decision {decision_id}")
            return convert.decision(row)

    def decision_for(self, tension_id: int) -> Decision | None:
        with self._read() as db:
            row = db.execute(select(t.DecisionRow).where(t.DecisionRow.tension_id == tension_id)
                             .order_by(t.DecisionRow.id.desc())).scalars().first()
            return convert.decision(row) if row else None

    def all_tensions(self) -> list[Tension]:
        with self._read() as db:
            rows = db.execute(select(t.TensionRow.__table__).order_by(t.TensionRow.id)).all()
            links: dict[int, list[int]] = {}
            for tid, pid in db.execute(select(t.TensionPriorityRow.tension_id, t.TensionPriorityRow.priority_id)
                                       .order_by(t.TensionPriorityRow.priority_id)):
                links.setdefault(tid, []).append(pid)
            return [convert.tension(r, tuple(links.get(r.id, ()))) for r in rows]

    _PRIORITY_COLUMNS = tuple(c for c in t.PriorityRow.__table__.c if c.name != "created_at")

    def priorities_by_ids(self, ids) -> list[Priority]:
        ids = list(set(ids))
        with self._read() as db:
            q = select(*self._PRIORITY_COLUMNS).where(t.PriorityRow.id.in_(ids)).order_by(t.PriorityRow.id)
            return [convert.priority(r) for r in db.execute(q)] if ids else []

    def quarter_priorities(self, quarter: str) -> list[Priority]:
        """The priorities planned for a quarter (what its capacity counts)."""
        with self._read() as db:
            q = select(*self._PRIORITY_COLUMNS).where(t.PriorityRow.quarter == quarter).order_by(t.PriorityRow.id)
            return [convert.priority(r) for r in db.execute(q)]

    def all_priorities(self) -> list[Priority]:
        with self._read() as db:
            # plain rows, not ORM objects: this runs on every refresh over every priority of the workspace
            return [convert.priority(r) for r in db.execute(select(*self._PRIORITY_COLUMNS).order_by(t.PriorityRow.id))]

    def session_agenda(self, session_id: int) -> SessionAgenda:
        """The session's own tensions, open tensions from earlier sessions (with their age), and the
        decisions whose review date has come by this session's date and that nobody has reviewed yet."""
        sessions = sorted(self.sessions(), key=lambda s: (s.date, s.id))
        by_id = {s.id: s for s in sessions}
        this = by_id[session_id]
        position = {s.id: i for i, s in enumerate(sessions)}
        own, carried = [], []
        decided_in = {d.tension_id: d.session_id for d in self.decisions()}
        for tension in self.all_tensions():
            origin = by_id.get(tension.session_id)
            if origin is None:
                continue
            if tension.session_id == session_id:
                own.append(tension)
            elif position[origin.id] < position[session_id] and tension.status is not TensionStatus.DECIDED:
                carried.append(CarriedTension(tension, origin, position[session_id] - position[origin.id] + 1))
            elif position[origin.id] < position[session_id]:
                # decided in this very session: it still belongs on this session's agenda
                if decided_in.get(tension.id) == session_id:
                    carried.append(CarriedTension(tension, origin, position[session_id] - position[origin.id] + 1))
        due = [d for d in self.decisions()
               if d.review_date is not None and d.review_date <= this.date and d.session_id != session_id
               and position.get(d.session_id, 10**9) < position[session_id]
               and (not d.review_outcome or d.reviewed_in_session_id == session_id)]
        carried.sort(key=lambda c: (-c.age, c.tension.id))
        return SessionAgenda(own=own, carried=carried, due_reviews=due)

    # -- evidence ------------------------------------------------------------------------------------
    def _evidence(self, session_id: int, tension: Tension) -> dict:
        from tension_desk.domain.capacity import capacity_fit
        from tension_desk.domain.scoring import compute_results

        session = self.session(session_id)
        criteria = self.session_criteria(session_id)
        agenda = self.agenda(session_id)
        scores = self.scores(session_id)
        results = {r.priority_id: r for r in compute_results([p.id for p in agenda], criteria, scores)}
        priorities = {p.id: p for p in self.priorities_by_ids(tension.priority_ids)}
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
        plan = next((c for c in self.capacity_plans() if c.quarter == session.quarter), None)
        fit = capacity_fit(plan, self.quarter_priorities(session.quarter), session.quarter)
        return {
            "frozen_on": dt.date.today().isoformat(),
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

    # -- writing -------------------------------------------------------------------------------------
    def take_decision(self, session_id: int, tension_id: int, draft: DecisionDraft,
                      accept: Sequence[int] = (), defer: Sequence[int] = (),
                      quarter: str | None = None, on: dt.date | None = None) -> tuple[Decision, list[Priority]]:
        """Record the decision on a tension, freeze its evidence, and accept / defer priorities.
        ``on`` is the day it was taken (today unless given); the decision log orders by it.

        Returns the decision and the priorities as they were before (for undo)."""
        d = validate_decision(draft)
        tension = self.tension(tension_id)
        session = self.session(session_id)
        quarter = normalise_quarter(quarter) if quarter else session.quarter
        if set(accept) & set(defer):
            raise ValidationError(["a priority cannot be both accepted and deferred"])
        outside = (set(accept) | set(defer)) - set(tension.priority_ids)
        if outside:
            raise ValidationError(["only the priorities of this tension can be accepted or deferred here"])
        if self.decision_for(tension_id) is not None:
            raise ValidationError(["this tension already has a decision; edit it instead"])
        evidence = self._evidence(session_id, tension)
        before: list[Priority] = []
        with self._tx() as db:
            sealing.refuse_if_closed(db, session_id)
            for pid, status in [(p, PriorityStatus.ACCEPTED) for p in accept] + [(p, PriorityStatus.DEFERRED) for p in defer]:
                row = db.get(t.PriorityRow, pid)
                before.append(convert.priority(row))
                row.status = status.value
                row.quarter = quarter if status is PriorityStatus.ACCEPTED else None
                db.add(row)
            row = t.DecisionRow(
                tension_id=tension_id, session_id=session_id, outcome=d.outcome, context=d.context,
                options=d.options, rationale=d.rationale, tradeoffs=d.tradeoffs, cost_of_not=d.cost_of_not,
                success_signal=d.success_signal, owner=d.owner,
                review_date=d.review_date or default_review_date(session.quarter), status=d.status.value,
                ack_product=d.ack_product, ack_engineering=d.ack_engineering,
                evidence_json=evidence_json(evidence), decided_on=on or dt.date.today(),
            )
            db.add(row)
            trow = db.get(t.TensionRow, tension_id)
            trow.status = TensionStatus.DECIDED.value
            db.add(trow)
            db.flush()
            return convert.decision(row), before

    def update_decision(self, decision_id: int, draft: DecisionDraft, seen: int | None = None) -> Decision:
        """Change what was written; the frozen evidence never changes. Returns it as it was. ``seen`` is the
        version the user edited: a Conflict if someone else changed the decision since."""
        d = validate_decision(draft)

        def conflict() -> conflicts.Conflict:
            theirs = self.decision(decision_id)
            return conflicts.Conflict(f"the decision “{theirs.outcome}”", theirs, d, theirs.version)

        with conflicts.guard(conflict), self._tx() as db:
            row = db.get(t.DecisionRow, decision_id)
            conflicts.check(seen, row.version, conflict)
            sealing.refuse_if_closed(db, row.session_id)
            before = convert.decision(row)
            for name in TEXT_FIELDS:
                setattr(row, name, getattr(d, name))
            row.owner, row.review_date, row.status = d.owner, d.review_date, d.status.value
            row.ack_product, row.ack_engineering = d.ack_product, d.ack_engineering
            db.add(row)
            return before

    def undo_decision(self, decision_id: int, priorities_before: Sequence[Priority]) -> dict:
        """Remove a decision (undo of taking it): the tension is open again and priorities as before.

        Returns the removed row's columns, to put back with ``redo_decision``."""
        with self._tx() as db:
            row = db.get(t.DecisionRow, decision_id)
            sealing.refuse_if_closed(db, row.session_id)
            saved = {c.name: getattr(row, c.name) for c in t.DecisionRow.__table__.columns}
            trow = db.get(t.TensionRow, row.tension_id)
            trow.status = TensionStatus.OPEN.value
            db.add(trow)
            db.execute(delete(t.DecisionRow).where(t.DecisionRow.id == decision_id))
        for p in priorities_before:
            self.update_priority(p.id, PriorityDraft.of(p))
        return saved

    def redo_decision(self, saved: dict, accept: Sequence[int], defer: Sequence[int], quarter: str) -> None:
        from sqlalchemy import insert

        with self._tx() as db:
            sealing.refuse_if_closed(db, saved["session_id"])
            db.execute(insert(t.DecisionRow.__table__), [saved])
            trow = db.get(t.TensionRow, saved["tension_id"])
            trow.status = TensionStatus.DECIDED.value
            db.add(trow)
            for pid in accept:
                row = db.get(t.PriorityRow, pid)
                row.status, row.quarter = PriorityStatus.ACCEPTED.value, quarter
                db.add(row)
            for pid in defer:
                row = db.get(t.PriorityRow, pid)
                row.status, row.quarter = PriorityStatus.DEFERRED.value, None
                db.add(row)

    def review_decision(self, decision_id: int, outcome: str | None, session_id: int | None) -> tuple[str, str, int | None]:
        """Answer "did it hold?" (held, revisit, reversed) in a session; None clears the answer.

        Returns the previous (review outcome, status, reviewed-in session) for undo."""
        if outcome is not None and outcome not in REVIEW_OUTCOMES:
            raise ValidationError([f"a review outcome is held, revisit or reversed, not {outcome!r}"])
        with self._tx() as db:
            sealing.refuse_if_closed(db, session_id)
            row = db.get(t.DecisionRow, decision_id)
            before = (row.review_outcome, row.status, row.reviewed_in_session_id)
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

    def restore_review(self, decision_id: int, before: tuple[str, str, int | None]) -> None:
        with self._tx() as db:
            row = db.get(t.DecisionRow, decision_id)
            row.review_outcome, row.status, row.reviewed_in_session_id = before
            db.add(row)


__all__ = ["CarriedTension", "DecisionDraft", "DecisionsMixin", "SessionAgenda", "default_review_date",
           "Side"]
