"""Generated stores for the benchmarks: rows written in bulk (one transaction), not through the UI."""
from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from sqlalchemy import insert

from tension_desk.domain.model import Criterion, CriterionKind, Leader, PriorityDraft, Side
from tension_desk.domain.quarters import quarter_of
from tension_desk.services.desk import Desk
from tension_desk.store import tables as t
from tension_desk.store.engine import open_store


def five_year_store(data_dir: Path, sessions: int = 60, per_session: int = 40, criteria: int = 8) -> None:
    """Five years of monthly sessions: 40 priorities each, 8 criteria, both leaders' scores, decisions."""
    engine = open_store(data_dir)
    desk = Desk(engine)
    desk.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"), Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    for i in range(len(desk.criteria()), criteria):
        desk.add_criterion(Criterion(0, f"Extra criterion {i + 1}", 1.0, CriterionKind.BENEFIT))
    crits = desk.criteria()
    rng = random.Random(5)
    start = dt.date(2021, 12, 1)
    with desk._tx() as db:
        pid = 0
        tid = 0
        for s in range(1, sessions + 1):
            day = start + dt.timedelta(days=30 * s)
            db.execute(insert(t.SessionRow.__table__), [dict(
                id=s, title=f"Tension session {day:%B %Y}", date=day, quarter=quarter_of(day),
                status="closed" if s < sessions else "live", notes="", scoring_turn="", product_done=True,
                engineering_done=True, revealed=True, created_at=dt.datetime.now(dt.timezone.utc))])
            db.execute(insert(t.SessionCriterionRow.__table__), [dict(
                session_id=s, criterion_id=c.id, weight=c.weight, product_weight=None, engineering_weight=None,
                position=i) for i, c in enumerate(crits)])
            prows, arows, srows = [], [], []
            first = pid + 1
            for k in range(per_session):
                pid += 1
                side = "product" if k % 2 == 0 else "engineering"
                prows.append(dict(id=pid, title=f"Priority {pid} of {day:%b %Y}", description="", side=side,
                                  effort_weeks=float(rng.randint(1, 12)), idea_date=day - dt.timedelta(days=rng.randint(10, 200)),
                                  status="proposed", quarter=None, delivered_date=None, link="",
                                  created_at=dt.datetime.now(dt.timezone.utc)))
                arows.append(dict(session_id=s, priority_id=pid, position=k // 2))
                for c in crits:
                    for role in ("product", "engineering"):
                        srows.append(dict(session_id=s, priority_id=pid, criterion_id=c.id, leader_role=role,
                                          value=rng.randint(0, 5), comment=""))
            db.execute(insert(t.PriorityRow.__table__), prows)
            db.execute(insert(t.AgendaRow.__table__), arows)
            db.execute(insert(t.ScoreRow.__table__), srows)
            for _ in range(3):
                tid += 1
                db.execute(insert(t.TensionRow.__table__), [dict(id=tid, session_id=s, statement=f"Tension {tid}",
                                                                 status="decided", created_at=dt.datetime.now(dt.timezone.utc))])
                a, b = rng.sample(range(first, pid + 1), 2)
                db.execute(insert(t.TensionPriorityRow.__table__), [dict(tension_id=tid, priority_id=a),
                                                                   dict(tension_id=tid, priority_id=b)])
                db.execute(insert(t.DecisionRow.__table__), [dict(
                    tension_id=tid, session_id=s, context="", options="", outcome=f"Decision on tension {tid}",
                    rationale="Because.", tradeoffs="", cost_of_not="", success_signal="", owner="Maya Chen",
                    review_date=day + dt.timedelta(days=90), status="decided", ack_product=True,
                    ack_engineering=True, evidence_json=json.dumps({}), decided_on=day, review_outcome="",
                    reviewed_in_session_id=None)])
    engine.dispose()


def wide_session(desk: Desk, priorities: int, criteria: int, decisions: int = 0) -> int:
    """One session with many priorities, all scored by both leaders, and some decided tensions."""
    from tension_desk.services.decisions import DecisionDraft

    if not desk.has_leaders():
        desk.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"), Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    for i in range(len(desk.criteria()), criteria):
        desk.add_criterion(Criterion(0, f"Extra criterion {i + 1}", 1.0, CriterionKind.BENEFIT))
    s = desk.create_session("Wide session", dt.date(2026, 11, 17))
    added = desk.add_priorities(s.id, [PriorityDraft(f"Priority {i:03d} with a realistic title", Side.PRODUCT if i % 2 else Side.ENGINEERING,
                                                     effort_weeks=float(i % 11 + 1)) for i in range(priorities)])
    crits = desk.session_criteria(s.id)
    rng = random.Random(3)
    with desk._tx() as db:
        db.execute(insert(t.ScoreRow.__table__), [dict(session_id=s.id, priority_id=p.id, criterion_id=c.id,
                                                       leader_role=role, value=rng.randint(0, 5), comment="")
                                                  for p in added for c in crits for role in ("product", "engineering")])
    desk.set_scoring_state(s.id, desk.scoring_state(s.id).__class__(product_done=True, engineering_done=True, revealed=True))
    for k in range(decisions):
        a, b = added[2 * k], added[2 * k + 1]
        tension = desk.add_tension(s.id, f"Tension {k}: {a.title} against {b.title}", [a.id, b.id])
        desk.take_decision(s.id, tension.id, DecisionDraft(outcome=f"Decision {k}: do {a.title} first",
                                                            rationale="The scores and the capacity say so.",
                                                            tradeoffs="The other waits a quarter.", owner="Maya Chen"))
    return s.id
