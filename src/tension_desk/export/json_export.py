"""The session JSON of DESIGN.md: the machine-readable record of a session, deterministic byte for byte."""
from __future__ import annotations

import hashlib
import json

from tension_desk.domain.model import Side


def _num(v: float | None, places: int = 4) -> float | None:
    return None if v is None else round(float(v), places)


def _date(d) -> str | None:
    return None if d is None else d.isoformat()


def session_dict(record) -> dict:
    s = record.session
    cap = record.capacity
    return {
        "session": {"id": s.id, "title": s.title, "date": _date(s.date), "quarter": s.quarter,
                    "status": s.status.value},
        "leaders": [{"role": side.value, "name": record.leaders[side].name, "title": record.leaders[side].title}
                    for side in Side if side in record.leaders],
        "criteria": [{"id": c.id, "name": c.name, "weight": _num(c.weight), "kind": c.kind.value,
                      "scale_min": c.scale_min, "scale_max": c.scale_max} for c in record.criteria],
        "priorities": [{"id": p.id, "title": p.title, "side": p.side.value, "description": p.description,
                        "effort_weeks": _num(p.effort_weeks), "status": p.status.value, "quarter": p.quarter,
                        "idea_date": _date(p.idea_date), "delivered_date": _date(p.delivered_date)}
                       for p in record.priorities],
        "scores": [{"priority_id": x.priority_id, "criterion_id": x.criterion_id, "leader_role": x.leader_role.value,
                    "value": x.value}
                   for x in sorted(record.scores, key=lambda x: (x.priority_id, x.criterion_id, x.leader_role.value))],
        "results": [{"priority_id": r.priority_id, "total_product": _num(r.total_product),
                     "total_engineering": _num(r.total_engineering), "combined": _num(r.combined),
                     "divergence": _num(r.divergence), "rank": r.rank} for r in record.results],
        "tensions": [{"id": t.id, "statement": t.statement, "priority_ids": list(t.priority_ids),
                      "status": t.status.value} for t in record.tensions],
        "decisions": [{"id": d.id, "tension_id": d.tension_id, "outcome": d.outcome, "rationale": d.rationale,
                       "tradeoffs": d.tradeoffs, "owner": d.owner, "review_date": _date(d.review_date),
                       "status": d.status.value} for d in record.decisions],
        "capacity": {"quarter": cap.quarter, "total_weeks": _num(cap.total_weeks),
                     "product_share": _num(cap.product_share), "engineering_share": _num(cap.engineering_share),
                     "accepted_product_weeks": _num(cap.accepted_product_weeks),
                     "accepted_engineering_weeks": _num(cap.accepted_engineering_weeks), "fits": cap.fits},
    }


def dumps(data: dict) -> str:
    """Keys in the order DESIGN.md lists them (never sorted), text as written, one trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def session_json(desk, session_id: int) -> str:
    from tension_desk.services.record import build_session_record

    return dumps(session_dict(build_session_record(desk, session_id)))


def fingerprint(text: str) -> str:
    """SHA-256 of the session JSON, printed on every exported record so it can be checked later."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
