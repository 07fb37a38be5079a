"""The canonical session record: every field any document of the session prints, and its fingerprint.

``session_dict`` turns a ``SessionRecord`` into the canonical record and ``record_from_dict`` turns it back,
so documents are always made from it (``export/``) and sealing can store it (``services/sealing.py``). Its
fingerprint is the SHA-256 of ``canonical_bytes``: UTF-8, sorted keys, no insignificant whitespace.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from tension_desk.domain.capacity import CapacityFit
from tension_desk.domain.model import (
    SIDE_OF,
    Criterion,
    CriterionKind,
    Decision,
    DecisionStatus,
    Leader,
    Priority,
    PriorityStatus,
    Score,
    Session,
    SessionStatus,
    Side,
    Tension,
    TensionStatus,
)
from tension_desk.domain.scoring import PriorityResult
from tension_desk.domain.script import Step, StepKind
from tension_desk.services.record import SCORE_ORDER, EarlierRevision, Revision, SessionRecord

# The canonical record is JSON data: the session JSON's keys (DESIGN.md) holding strings, numbers, lists, objects.
CanonicalRecord = dict[str, Any]


def _num(v: float | None, places: int = 4) -> float | None:
    return None if v is None else round(float(v), places)


def _date(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _day(s: str | None) -> dt.date | None:
    return None if s is None else dt.date.fromisoformat(s)


_ROLES = {side: side.value for side in Side}  # thousands of scores per record: a dict beats Side.value (a property)


def session_dict(record: SessionRecord) -> CanonicalRecord:
    data = _session_dict(record)
    if record.meeting_time:  # absent for a meeting never timed, so records sealed before the script are unchanged
        data["meeting_time"] = [{"step": x.kind.value, "planned_minutes": x.minutes,
                                 "spent_seconds": x.spent_seconds} for x in record.meeting_time]
    if record.revision.on_upgrade:  # absent unless sealed on upgrade, so every other record is unchanged
        data["revision"]["sealed_on_upgrade"] = True
    return data


def _session_dict(record: SessionRecord) -> CanonicalRecord:
    s = record.session
    cap = record.capacity
    rev = record.revision
    return {
        "session": {"id": s.id, "title": s.title, "date": _date(s.date), "quarter": s.quarter,
                    "status": s.status.value, "notes": s.notes},
        "leaders": [{"role": side.value, "name": record.leaders[side].name, "title": record.leaders[side].title,
                     "colour": record.leaders[side].colour}
                    for side in Side if side in record.leaders],
        "criteria": [{"id": c.id, "name": c.name, "weight": _num(c.weight), "kind": c.kind.value,
                      "scale_min": c.scale_min, "scale_max": c.scale_max, "description": c.description}
                     for c in record.criteria],
        "priorities": [{"id": p.id, "title": p.title, "side": p.side.value, "description": p.description,
                        "effort_weeks": _num(p.effort_weeks), "status": p.status.value, "quarter": p.quarter,
                        "idea_date": _date(p.idea_date), "delivered_date": _date(p.delivered_date), "link": p.link}
                       for p in record.priorities],
        "scores": [{"priority_id": x.priority_id, "criterion_id": x.criterion_id, "leader_role": _ROLES[x.leader_role],
                    "value": x.value, "comment": x.comment}
                   for x in sorted(record.scores, key=SCORE_ORDER)],
        "results": [{"priority_id": r.priority_id, "total_product": _num(r.total_product),
                     "total_engineering": _num(r.total_engineering), "combined": _num(r.combined),
                     "divergence": _num(r.divergence), "rank": r.rank} for r in record.results],
        "tensions": [{"id": t.id, "statement": t.statement, "priority_ids": list(t.priority_ids),
                      "status": t.status.value} for t in record.tensions],
        "decisions": [{"id": d.id, "tension_id": d.tension_id, "outcome": d.outcome, "rationale": d.rationale,
                       "tradeoffs": d.tradeoffs, "owner": d.owner, "review_date": _date(d.review_date),
                       "status": d.status.value, "context": d.context, "options": d.options,
                       "cost_of_not": d.cost_of_not, "success_signal": d.success_signal,
                       "ack_product": d.ack_product, "ack_engineering": d.ack_engineering,
                       "decided_on": _date(d.decided_on), "review_outcome": d.review_outcome,
                       "reviewed_in_session_id": d.reviewed_in_session_id, "evidence": d.evidence}
                      for d in record.decisions],
        "capacity": {"quarter": cap.quarter, "total_weeks": _num(cap.total_weeks),
                     "product_share": _num(cap.product_share), "engineering_share": _num(cap.engineering_share),
                     "accepted_product_weeks": _num(cap.accepted_product_weeks),
                     "accepted_engineering_weeks": _num(cap.accepted_engineering_weeks), "fits": cap.fits,
                     "product_fits": cap.product_fits, "engineering_fits": cap.engineering_fits,
                     "product_over_weeks": _num(cap.product_over_weeks),
                     "engineering_over_weeks": _num(cap.engineering_over_weeks),
                     "engineering_actual_share": _num(cap.engineering_actual_share),
                     "engineering_squeezed": cap.engineering_squeezed},
        "carried_over": list(record.carried_over),
        "revision": {"number": rev.number, "sealed_on": _date(rev.sealed_on), "reopened_on": _date(rev.reopened_on),
                     "reopened_by": rev.reopened_by, "reason": rev.reason,
                     "earlier": [{"number": e.number, "fingerprint": e.fingerprint, "sealed_on": _date(e.sealed_on)}
                                 for e in rev.earlier]},
        "scores_sealed": record.scores_sealed,
    }


def revision_from_dict(r: dict[str, Any]) -> Revision:
    """The ``Revision`` a canonical record's "revision" object describes."""
    return Revision(r["number"], _day(r["sealed_on"]), _day(r["reopened_on"]), r["reopened_by"], r["reason"],
                    tuple(EarlierRevision(e["number"], e["fingerprint"], _day(e["sealed_on"])) for e in r["earlier"]),
                    r.get("sealed_on_upgrade", False))


def record_from_dict(data: CanonicalRecord, made_from: SessionRecord | None = None) -> SessionRecord:
    """The ``SessionRecord`` a canonical record describes: what every document of the session is made from.
    ``made_from``: the record ``data`` was made from (``session_dict``). Its scores, tensions and decisions are
    taken as they are instead of made again from their dicts, which hold every field of each unchanged (no
    number rounded, the decisions' evidence decoded from their own), in the same order (``SCORE_ORDER``)."""
    s, r, c = data["session"], data["revision"], data["capacity"]
    session = Session(s["id"], s["title"], dt.date.fromisoformat(s["date"]), s["quarter"], SessionStatus(s["status"]),
                      s["notes"])
    revision = revision_from_dict(r)
    leaders = {Side(x["role"]): Leader(Side(x["role"]), x["name"], x["title"], x["colour"]) for x in data["leaders"]}
    criteria = [Criterion(x["id"], x["name"], x["weight"], CriterionKind(x["kind"]), x["scale_min"], x["scale_max"],
                          x["description"]) for x in data["criteria"]]
    priorities = [Priority(x["id"], x["title"], Side(x["side"]), x["description"], x["effort_weeks"],
                           _day(x["idea_date"]), PriorityStatus(x["status"]), x["quarter"],
                           _day(x["delivered_date"]), x["link"]) for x in data["priorities"]]
    results = [PriorityResult(x["priority_id"], x["total_product"], x["total_engineering"], x["combined"],
                              x["divergence"], x["rank"]) for x in data["results"]]
    if made_from is not None:
        scores, tensions, decisions = made_from.scores, made_from.tensions, made_from.decisions
    else:
        scores = [Score(x["priority_id"], x["criterion_id"], SIDE_OF.get(x["leader_role"]) or Side(x["leader_role"]),
                        x["value"], x["comment"]) for x in data["scores"]]
        tensions = [Tension(x["id"], s["id"], x["statement"], tuple(x["priority_ids"]), TensionStatus(x["status"]))
                    for x in data["tensions"]]
        decisions = [Decision(x["id"], x["tension_id"], s["id"], x["outcome"], x["context"], x["options"],
                              x["rationale"], x["tradeoffs"], x["cost_of_not"], x["success_signal"], x["owner"],
                              _day(x["review_date"]), DecisionStatus(x["status"]), x["ack_product"],
                              x["ack_engineering"], json.dumps(x["evidence"]), _day(x["decided_on"]),
                              x["review_outcome"], x["reviewed_in_session_id"]).holding(x["evidence"])
                     for x in data["decisions"]]
    capacity = CapacityFit(c["quarter"], c["total_weeks"], c["product_share"], c["engineering_share"],
                           c["accepted_product_weeks"], c["accepted_engineering_weeks"], c["product_fits"],
                           c["engineering_fits"], c["fits"], c["product_over_weeks"], c["engineering_over_weeks"],
                           c["engineering_actual_share"], c["engineering_squeezed"])
    meeting_time = [Step(StepKind(x["step"]), x["planned_minutes"], x["spent_seconds"])
                    for x in data.get("meeting_time", [])]
    return SessionRecord(session, leaders, criteria, priorities, scores, results, tensions, decisions, capacity,
                         list(data["carried_over"]), revision, data["scores_sealed"], meeting_time)


def sealed_dict(record_json: str) -> CanonicalRecord:
    """A sealed record (one row of canonical JSON) read back in the session JSON's key order: the same content,
    field for field, that every document of a closed session is made from."""
    return session_dict(record_from_json(record_json))


def record_from_json(record_json: str) -> SessionRecord:
    """The ``SessionRecord`` a sealed record (canonical JSON) describes: what ``sealed_dict`` is made from."""
    return record_from_dict(json.loads(record_json))


# A canonical record is a tree (built here, or decoded from JSON): no check for cycles, which keeps a set of every
# object being encoded (thousands of scores) and says nothing else.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False,
                              check_circular=False)


def canonical_bytes(data: CanonicalRecord) -> bytes:
    """The canonical record as bytes: UTF-8, keys sorted, no insignificant whitespace."""
    return _CANONICAL.encode(data).encode("utf-8")


def fingerprint(data: CanonicalRecord | bytes) -> str:
    """SHA-256 of the canonical record (a dict, or its canonical bytes), printed on every exported record."""
    return hashlib.sha256(data if isinstance(data, bytes) else canonical_bytes(data)).hexdigest()
