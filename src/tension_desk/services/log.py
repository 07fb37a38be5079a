"""The decision log: every decision with its session, tension and the sides involved (read-only).

One source for the screen and the documents: the entries come newest first, by the day each decision was
taken, and each says in words whether its review is due or overdue."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tension_desk.domain.capacity import fits_budget, side_verdict
from tension_desk.domain.dates import day
from tension_desk.domain.model import Decision, Leader, Session, Side, Tension
from tension_desk.domain.scoring import result_text

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

DUE_SOON_DAYS = 14  # a review this close is "due"; before that it is only scheduled


@dataclass(frozen=True)
class LogEntry:
    decision: Decision
    session: Session
    tension: Tension | None
    sides: frozenset[Side]
    revisions: tuple[str, ...] = ()  # its session's revisions in words, each sealed one with its fingerprint

    @property
    def decided_on(self) -> dt.date:
        """The day the decision was taken (older stores without it: its session's day)."""
        return self.decision.decided_on or self.session.date

    def due(self, today: dt.date) -> bool:
        return bool(self.review_flag(today))

    def review_flag(self, today: dt.date) -> str:
        """'Review overdue since 13 Oct 2026', 'Review due today', 'Review due on 20 Oct 2026' or ''
        (answered, not set, or more than two weeks away): words, so it never rests on colour alone."""
        d = self.decision
        if d.review_date is None or d.review_outcome:
            return ""
        if d.review_date < today:
            return f"Review overdue since {day(d.review_date)}"
        if d.review_date == today:
            return "Review due today"
        if (d.review_date - today).days <= DUE_SOON_DAYS:
            return f"Review due on {day(d.review_date)}"
        return ""

    def review_text(self, today: dt.date) -> str:
        """The review column: its date and answer, or the flag when one is due."""
        d = self.decision
        if d.review_outcome:
            return f"{day(d.review_date, '—')} · {d.review_outcome}"
        return self.review_flag(today) or day(d.review_date, "—")

    def fields(self, leaders: dict[Side, Leader], today: dt.date) -> list[tuple[str, str]]:
        """What the log prints of the entry, labelled: the decision record (its review flagged when due,
        the day taken left to the heading) and its session's record revisions."""
        fields = [(k, v) for k, v in decision_fields(self.decision, leaders, self.review_text(today))
                  if k != "Decided on"]
        return [*fields, ("Session record", "\n".join(self.revisions))] if self.revisions else fields

    def text(self) -> str:
        d = self.decision
        return " ".join([d.outcome, d.context, d.options, d.rationale, d.tradeoffs, d.cost_of_not,
                         d.success_signal, d.owner, self.session.title,
                         self.tension.statement if self.tension else ""]).lower()


def build_log_entries(desk: Desk) -> list[LogEntry]:
    """Adapt the services' decisions, sessions, tensions and priorities into log rows, newest first.
    A decision taken during blind scoring has its evidence's scores left out until its session's reveal
    (as the session's own record has), so neither the log on screen nor its documents show hidden scores."""
    from tension_desk.services.record import masked_evidence
    from tension_desk.services.sealing import revision_history, scores_sealed

    sessions = {s.id: s for s in desk.sessions.list()}
    tensions = {t.id: t for t in desk.tensions.list()}
    sides = {p.id: p.side for p in desk.priorities.list()}
    decisions = desk.decisions.list()
    history = revision_history(desk)
    blind = {sid for sid in {d.session_id for d in decisions if d.evidence}
             if sid in sessions and scores_sealed(desk, sid)}
    entries = []
    for d in decisions:
        if d.session_id in blind:
            d = d.with_evidence(masked_evidence(d.evidence))
        t = tensions.get(d.tension_id)
        involved = frozenset(sides[pid] for pid in (t.priority_ids if t else ()) if pid in sides)
        if d.session_id in sessions:
            entries.append(LogEntry(d, sessions[d.session_id], t, involved, tuple(history.get(d.session_id, ()))))
    return sorted(entries, key=lambda e: (e.decided_on, e.session.date, e.decision.id), reverse=True)


def acknowledgements(d: Decision, leaders: dict[Side, Leader]) -> list[str]:
    """Both leaders' acknowledgements, in words: '● Maya Chen (CPO): acknowledged'."""
    out = []
    for side, ok in ((Side.PRODUCT, d.ack_product), (Side.ENGINEERING, d.ack_engineering)):
        leader = leaders.get(side)
        who = f"{leader.name} ({leader.title})" if leader and leader.title else (leader.name if leader else side.label)
        out.append(f"{side.marker} {who}: {'acknowledged' if ok else 'not yet acknowledged'}")
    return out


def evidence_heading(d: Decision) -> str:
    """'Evidence frozen on 17 Nov 2026' ('' if no evidence was frozen): the heading of ``evidence_lines``."""
    if not d.evidence:
        return ""
    frozen = d.evidence.get("frozen_on")
    return f"Evidence frozen on {day(dt.date.fromisoformat(frozen)) if frozen else day(d.decided_on, '—')}"


def evidence_lines(d: Decision) -> list[str]:
    """The decision's frozen evidence, as it was when it was taken ([] if none was frozen): each priority's
    combined score, divergence and rank (only its title while scores are sealed), and the capacity then.
    The one wording of the decision form on screen and of every document."""
    ev = d.evidence or {}
    lines = []
    for item in ev.get("priorities", []):
        marker = Side(item["side"]).marker if item.get("side") in ("product", "engineering") else "•"
        if "combined" not in item:  # scores sealed until the reveal: none are printed
            lines.append(f"{marker} {item.get('title')}")
            continue
        combined, div = item.get("combined"), item.get("divergence")
        lines.append(f"{marker} {item.get('title')}: combined {result_text(combined)}, "
                     f"divergence {result_text(div)}, rank {item.get('rank') or '—'}")
    cap = ev.get("capacity") or {}
    total = cap.get("total_weeks")
    if total is not None:
        sides = []
        for side in Side:
            used, share = cap.get(f"accepted_{side.value}_weeks") or 0.0, cap.get(f"{side.value}_share")
            budget = None if share is None else total * share / 100.0
            fits = None if budget is None else fits_budget(used, budget)
            sides.append(f"{side.value} {used:g} weeks — {side_verdict(fits, used - (budget or 0.0))}")
        lines.append(f"Capacity {cap.get('quarter')}, {total:g} weeks: {'; '.join(sides)}.")
    return lines


def decision_fields(d: Decision, leaders: dict[Side, Leader], review: str | None = None) -> list[tuple[str, str]]:
    """Every field of a decision record, labelled, in the order every document prints them (empty ones
    left out). ``review`` replaces the plain review date (the log adds whether it is due)."""
    rows = [("Outcome", d.outcome), ("Decided on", day(d.decided_on)), ("Context", d.context),
            ("Options considered", d.options), ("Rationale", d.rationale),
            ("Trade-offs and consequences", d.tradeoffs), ("Cost of not doing the other thing", d.cost_of_not),
            ("How we will know it held", d.success_signal), ("Owner", d.owner),
            ("Review", review if review is not None else day(d.review_date)),
            ("Review outcome", d.review_outcome), ("Status", d.status.label),
            ("Acknowledged", "\n".join(acknowledgements(d, leaders))),
            (evidence_heading(d), "\n".join(evidence_lines(d)))]
    return [(k, v) for k, v in rows if k and v]
