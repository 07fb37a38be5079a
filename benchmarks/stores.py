"""Generated stores for the benchmarks (deterministic: a fixed seed).

Everything a user could type goes through the services (``Desk``), so the rows look exactly like the app's
own. The bulk of the rows, the scores (tens of thousands of them), are inserted with SQLAlchemy core in one
transaction: going through ``desk.scoring.set_score`` would be one committed transaction per score.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from sqlalchemy import event, insert, update

from tension_desk.domain.model import (
    Criterion,
    CriterionKind,
    Leader,
    PriorityDraft,
    PriorityStatus,
    SessionStatus,
    Side,
)
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.desk import Desk
from tension_desk.store import tables as t
from tension_desk.store.engine import open_store

EXTRA_CRITERIA = (  # the six defaults plus these: up to twelve criteria
    ("Compliance", 1.5, CriterionKind.BENEFIT),
    ("Team learning", 1.0, CriterionKind.BENEFIT),
    ("Support load", 1.0, CriterionKind.COST),
    ("Partner impact", 1.0, CriterionKind.BENEFIT),
    ("Data quality", 1.0, CriterionKind.BENEFIT),
    ("Operational risk", 1.0, CriterionKind.COST),
)

PRODUCT_WORDS = ("onboarding", "billing", "SSO", "mobile approvals", "analytics", "audit export", "templates",
                 "AI digest", "localisation", "search", "notifications", "reporting", "integrations", "pricing page")
ENGINEERING_WORDS = ("database upgrade", "monolith split", "CI speed", "tracing", "legacy retirement",
                     "feature flags", "secrets rotation", "flaky tests", "failover", "rate limiting", "caching",
                     "queue migration", "cost controls", "dependency upgrades")


def _desk(data_dir: Path) -> Desk:
    """The services on a new store. While generating, SQLite does not wait for the disk at each commit
    (synchronous=OFF; thousands of commits): the timed processes open the store afresh, with the app's settings."""
    engine = open_store(data_dir, daily_backup=False)
    event.listen(engine, "connect", lambda dbapi_conn, _record: dbapi_conn.execute("PRAGMA synchronous=OFF"))
    engine.dispose()  # the connections made so far had synchronous=FULL
    return Desk(engine)


def _setup(desk: Desk, n_criteria: int) -> None:
    desk.workspace.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"),
                               Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    for name, weight, kind in EXTRA_CRITERIA[: max(0, n_criteria - len(desk.criteria.list()))]:
        desk.criteria.add(Criterion(id=0, name=name, weight=weight, kind=kind,
                                     description=f"{name}: how much it matters here."))
    assert len(desk.criteria.list()) == n_criteria, desk.criteria.list()


def _drafts(rng: random.Random, n: int, when: dt.date, tag: str) -> list[PriorityDraft]:
    out = []
    for i in range(n):
        side = Side.PRODUCT if i < n // 2 else Side.ENGINEERING
        words = PRODUCT_WORDS if side is Side.PRODUCT else ENGINEERING_WORDS
        out.append(PriorityDraft(
            title=f"{rng.choice(words).capitalize()} #{tag}-{i + 1}",
            side=side,
            description=f"Why it matters ({tag}, item {i + 1}): " + " ".join(rng.sample(words, 4)) + ".",
            effort_weeks=float(rng.randint(1, 14)),
            idea_date=when - dt.timedelta(days=rng.randint(10, 400)),
            link=f"https://tracker.example/{tag}/{i + 1}",
        ))
    return out


def _score_rows(rng: random.Random, session_id: int, priority_ids, criteria) -> list[dict]:
    rows = []
    for pid in priority_ids:
        for c in criteria:
            base = rng.randint(c.scale_min, c.scale_max)
            for role in Side:
                v = min(c.scale_max, max(c.scale_min, base + rng.choice((-2, -1, 0, 0, 1, 2))))
                rows.append({"session_id": session_id, "priority_id": pid, "criterion_id": c.id,
                             "leader_role": role.value, "value": v, "comment": ""})
    return rows


def _revealed(desk: Desk, session_id: int) -> None:
    """Both leaders done and the scores revealed: the session is live."""
    with desk.engine.begin() as conn:
        conn.execute(update(t.SessionRow.__table__).where(t.SessionRow.__table__.c.id == session_id)
                     .values(status="live", revealed=True, product_done=True, engineering_done=True, scoring_turn=""))


def _tensions_and_decisions(desk: Desk, rng: random.Random, sid: int, priorities, n_tensions: int,
                            n_decisions: int) -> None:
    products = [p for p in priorities if p.side is Side.PRODUCT]
    engineering = [p for p in priorities if p.side is Side.ENGINEERING]
    for k in range(n_tensions):
        a, b = rng.choice(products), rng.choice(engineering)
        tension = desk.tensions.add(sid, f"{a.title} competes with {b.title} for the same people this quarter.",
                                   [a.id, b.id])
        if k < n_decisions:
            desk.decisions.take(sid, tension.id, DecisionDraft(
                outcome=f"Do {a.title} first; {b.title} starts after it ships.",
                context="Both need the same two senior engineers; the quarter's split is 70/30.",
                options="1) product first 2) engineering first 3) half each, both late",
                rationale="The customer commitment has a date; the platform risk is contained for a quarter.",
                tradeoffs="The platform work slips one quarter.",
                cost_of_not="Two enterprise renewals at risk.",
                success_signal="Shipped by the end of the quarter with no sev-1 incident.",
                owner="Maya Chen", ack_product=True, ack_engineering=k % 2 == 0),
                accept=[a.id], defer=[b.id] if k % 3 == 0 else [])


def five_year_store(data_dir: Path, sessions: int = 60, per_session: int = 40, n_criteria: int = 8,
                    tensions: int = 11, decisions: int = 10, seed: int = 7) -> dict:
    """Five years of monthly sessions (60 by default, 600 decisions): every priority scored by both leaders,
    tensions and decisions (one tension per session left open); all but the newest closed and sealed."""
    rng = random.Random(seed)
    desk = _desk(data_dir)
    _setup(desk, n_criteria)
    criteria = desk.criteria.list()
    ids, agendas = [], {}
    start = dt.date(2021, 1, 12)
    for m in range(sessions):
        when = dt.date(start.year + m // 12, m % 12 + 1, 12)
        quarter = f"{when.year}-Q{(when.month - 1) // 3 + 1}"
        if (when.month - 1) % 3 == 0:
            desk.capacity.set_plan(quarter, 120.0, 70.0, 30.0, "quarterly plan")
        s = desk.sessions.create(f"{when:%B %Y} tension session", when)
        agendas[s.id] = desk.priorities.add_many(s.id, _drafts(rng, per_session, when, f"{when:%y%m}"))
        ids.append(s.id)
    with desk.engine.begin() as conn:
        rows = []
        for sid in ids:
            rows += _score_rows(rng, sid, [p.id for p in agendas[sid]], criteria)
        conn.execute(insert(t.ScoreRow.__table__), rows)
    # In order, as the leaders went: each session revealed, its tensions decided, older accepted priorities
    # delivered, then closed (which seals its record: a closed session refuses every edit after that).
    for i, sid in enumerate(ids):
        last = i == len(ids) - 1
        _revealed(desk, sid)
        _tensions_and_decisions(desk, rng, sid, agendas[sid], tensions, decisions)
        if i < len(ids) - 6:
            session = desk.sessions.get(sid)
            with desk.engine.begin() as conn:
                for p in agendas[sid][::5]:
                    conn.execute(update(t.PriorityRow.__table__).where(t.PriorityRow.__table__.c.id == p.id)
                                 .values(status=PriorityStatus.DELIVERED.value, quarter=session.quarter,
                                         delivered_date=session.date + dt.timedelta(days=70)))
        if not last:
            desk.sessions.update(sid, status=SessionStatus.CLOSED)
    desk.engine.dispose()
    return {"session_ids": ids, "last_session_id": ids[-1], "sessions": sessions, "priorities": per_session,
            "criteria": n_criteria, "scores": len(rows), "decisions": decisions * sessions}


def matrix_store(data_dir: Path, priorities: int = 300, n_criteria: int = 12, seed: int = 11) -> dict:
    """One large live session, fully scored by both leaders and revealed."""
    rng = random.Random(seed)
    desk = _desk(data_dir)
    _setup(desk, n_criteria)
    when = dt.date(2025, 11, 18)
    s = desk.sessions.create("Large planning session", when)
    agenda = desk.priorities.add_many(s.id, _drafts(rng, priorities, when, "big"))
    with desk.engine.begin() as conn:
        conn.execute(insert(t.ScoreRow.__table__), _score_rows(rng, s.id, [p.id for p in agenda], desk.criteria.list()))
    _revealed(desk, s.id)
    desk.engine.dispose()
    return {"session_id": s.id, "priorities": priorities, "criteria": n_criteria}


def pdf_store(data_dir: Path, priorities: int = 100, decisions: int = 30, n_criteria: int = 8, seed: int = 13) -> dict:
    """One session of 100 priorities with 30 tensions, each decided (the PDF session record)."""
    rng = random.Random(seed)
    desk = _desk(data_dir)
    _setup(desk, n_criteria)
    when = dt.date(2025, 11, 18)
    desk.capacity.set_plan("2025-Q4", 120.0, 70.0, 30.0, "quarterly plan")
    s = desk.sessions.create("November tension session", when)
    agenda = desk.priorities.add_many(s.id, _drafts(rng, priorities, when, "pdf"))
    with desk.engine.begin() as conn:
        conn.execute(insert(t.ScoreRow.__table__), _score_rows(rng, s.id, [p.id for p in agenda], desk.criteria.list()))
    _revealed(desk, s.id)
    _tensions_and_decisions(desk, rng, s.id, agenda, decisions, decisions)
    desk.engine.dispose()
    return {"session_id": s.id, "priorities": priorities, "decisions": decisions, "criteria": n_criteria}


if __name__ == "__main__":  # python benchmarks/stores.py DIR: generate the three stores for a look by hand
    import sys
    import time

    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/td-bench-stores")
    for name, fn in (("five-year", five_year_store), ("matrix", matrix_store), ("pdf", pdf_store)):
        t0 = time.perf_counter()
        info = fn(root / name)
        print(name, f"{time.perf_counter() - t0:.1f} s", {k: v for k, v in info.items() if k != "session_ids"})
