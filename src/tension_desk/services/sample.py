"""A realistic sample workspace: two leaders, three monthly sessions over two quarters.

Scores are deterministic (a fixed seed), so the sample looks the same on every machine and tests can rely on it.

The sample never changes what the user made: it is added in one transaction, keeps the user's leaders,
criteria and capacity plans (a quarter that already has a plan keeps it), and ``remove_sample`` takes away
exactly the rows it added (every row is new: its id is above the table's highest id before the sample,
or it belongs to such a row), so undo brings back the store as it was and redo puts the same rows back.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, Table, delete, func, insert, or_, select

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Leader, PriorityDraft, PriorityStatus, SessionStatus, Side
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.desk import Desk
from tension_desk.services.unit import Row, table_of
from tension_desk.services.workspace_io import SPEC

# Every table, parents before children (the workspace file's order).
_TABLES = [table_of(table) for _key, table, _columns in SPEC]

D = dt.date

PRODUCT = [
    # title, description, effort, idea date, status, quarter, delivered
    ("Self-serve onboarding wizard", "New accounts reach first value without a call with sales.", 6, D(2026, 3, 2), "delivered", "2026-Q3", D(2026, 8, 28)),
    ("Usage-based billing", "Charge by active seats and API calls; asked for by the three largest prospects.", 10, D(2026, 4, 14), "accepted", "2026-Q4", None),
    ("SSO for enterprise (SAML)", "Blocking two enterprise deals worth 18% of the pipeline.", 5, D(2026, 5, 6), "delivered", "2026-Q3", D(2026, 9, 19)),
    ("Mobile approvals", "Managers approve requests from their phone.", 8, D(2026, 6, 1), "proposed", None, None),
    ("Salesforce integration v2", "Two-way sync of accounts and opportunities.", 7, D(2026, 2, 20), "accepted", "2026-Q4", None),
    ("In-app analytics dashboard", "Customers see their own adoption and ROI.", 9, D(2026, 7, 8), "proposed", None, None),
    ("Audit log export", "Compliance teams export every change as CSV.", 3, D(2026, 6, 22), "delivered", "2026-Q3", D(2026, 9, 5)),
    ("Team templates", "Share workflow templates across a company.", 4, D(2026, 8, 3), "deferred", None, None),
    ("AI summary of weekly activity", "A short digest email with what changed and what needs attention.", 6, D(2026, 9, 1), "proposed", None, None),
    ("Localisation: German and French", "Two markets where trials convert 30% worse.", 5, D(2026, 5, 18), "accepted", "2026-Q4", None),
]
ENGINEERING = [
    ("Postgres 13 → 16 upgrade", "Version 13 leaves support in November; blocks the new replicas.", 5, D(2026, 4, 1), "delivered", "2026-Q4", D(2026, 10, 9)),
    ("Split the billing monolith", "Every billing change today risks the whole app deploy.", 12, D(2026, 1, 15), "accepted", "2026-Q4", None),
    ("CI pipeline under 10 minutes", "Builds take 38 minutes; engineers batch changes and merge late.", 4, D(2026, 3, 10), "delivered", "2026-Q4", D(2026, 10, 20)),
    ("Observability: tracing across services", "Incidents take hours to localise.", 6, D(2026, 5, 27), "accepted", "2026-Q4", None),
    ("Retire the legacy reporting service", "Runs on an unsupported runtime and pages on-call weekly.", 7, D(2026, 2, 2), "proposed", None, None),
    ("Feature-flag platform", "Ship dark, release gradually, roll back without a deploy.", 5, D(2026, 6, 9), "accepted", "2026-Q4", None),
    ("Security: secrets rotation", "Long-lived keys found in two services by the last pen test.", 3, D(2026, 7, 20), "delivered", "2026-Q3", D(2026, 9, 30)),
    ("Flaky test quarantine", "One build in five fails for no reason.", 2, D(2026, 8, 11), "proposed", None, None),
    ("Multi-region failover", "A single-region outage takes every customer down.", 14, D(2026, 3, 30), "deferred", None, None),
    ("API rate limiting", "One customer's batch job slowed everyone down twice this quarter.", 3, D(2026, 9, 8), "proposed", None, None),
]

# Rough "true" value profiles per criterion (Customer value, Revenue, Strategic fit, Platform health,
# Cost of delay, Effort) — each leader's scores scatter around them with their own bias.
SESSIONS = [
    ("September tension session", D(2026, 9, 15), "closed"),
    ("October tension session", D(2026, 10, 13), "closed"),
    ("November tension session", D(2026, 11, 17), "live"),
]


def _profile(side: Side, effort: float, rng: random.Random) -> list[int]:
    if side is Side.PRODUCT:
        base = [rng.randint(3, 5), rng.randint(2, 5), rng.randint(2, 5), rng.randint(0, 2), rng.randint(2, 4)]
    else:
        base = [rng.randint(1, 3), rng.randint(0, 2), rng.randint(2, 4), rng.randint(3, 5), rng.randint(2, 5)]
    base.append(max(0, min(5, round(effort / 2.8))))
    return base


def _leader_scores(base: list[int], leader: Side, side: Side, rng: random.Random) -> list[int]:
    out = []
    for i, v in enumerate(base):
        bias = 0
        if i == 3:  # platform health: engineering rates it higher
            bias = 1 if leader is Side.ENGINEERING else -1
        if i in (0, 1) and side is Side.PRODUCT:
            bias = 1 if leader is Side.PRODUCT else -1
        if i == 5:  # effort: engineering sees more of it
            bias = 1 if leader is Side.ENGINEERING else 0
        out.append(max(0, min(5, v + bias + rng.choice((-1, 0, 0, 0, 1)))))
    return out


@dataclass(frozen=True)
class AddedSample:
    """What ``add`` made: the new sessions (oldest first), and each table's highest id before it."""

    session_ids: list[int]
    ids_before: dict[str, int]


@dataclass(frozen=True)
class RemovedSample:
    """The rows ``remove_sample`` took away, table by table, to put back on redo."""

    rows: dict[str, list[Row]]


def existing_sample(desk: Desk) -> list[int] | None:
    """The ids of the sample's sessions (oldest first) when the workspace already holds them all (each by its
    title and date), else None: opening the sample again opens these instead of adding a second copy."""
    by_key = {(s.title, s.date): s.id for s in desk.sessions.list()}
    ids = [by_key.get((title, day)) for title, day, _status in SESSIONS]
    return [i for i in ids if i is not None] if None not in ids else None


def add_sample(desk: Desk) -> list[int]:
    """Add the sample workspace; returns the new session ids, oldest first."""
    return add(desk).session_ids


def add(desk: Desk) -> AddedSample:
    """Add the sample workspace in one transaction (all of it or nothing); returns what undo needs."""
    with desk.unit.transaction() as db:
        ids_before = {tbl.name: db.execute(select(func.coalesce(func.max(tbl.c.id), 0))).scalar_one()
                      for tbl in _TABLES if "id" in tbl.c}
        # every service call in _build joins this transaction, so the services' checks serve the sample too
        session_ids = _build(desk)
    return AddedSample(session_ids, ids_before)


def _is_new(tbl: Table, ids_before: dict[str, int]) -> ColumnElement[bool]:
    """The rows of a table that the sample added: a new id, or a reference to a new row."""
    conditions = [tbl.c.id > ids_before[tbl.name]] if "id" in tbl.c else []
    for fk in tbl.foreign_keys:
        if not fk.parent.nullable:
            conditions.append(fk.parent > ids_before[fk.column.table.name])
    return or_(*conditions)


def remove_sample(desk: Desk, added: AddedSample) -> RemovedSample:
    """Undo of ``add``, in one transaction: every row the sample added goes, nothing else changes."""
    rows: dict[str, list[Row]] = {}
    with desk.unit.transaction() as db:
        for tbl in reversed(_TABLES):  # children first
            where = _is_new(tbl, added.ids_before)
            rows[tbl.name] = [dict(r) for r in db.execute(select(tbl).where(where)).mappings()]
            db.execute(delete(tbl).where(where))
    return RemovedSample(rows)


def put_back_sample(desk: Desk, removed: RemovedSample) -> None:
    """Redo: the same rows, with the same ids, in one transaction."""
    with desk.unit.transaction() as db:
        for tbl in _TABLES:  # parents first
            if removed.rows.get(tbl.name):
                db.execute(insert(tbl), removed.rows[tbl.name])


def _build(desk: Desk) -> list[int]:
    rng = random.Random(20261124)
    if not desk.workspace.has_leaders():  # a leader the user already named stays as they are
        current = desk.workspace.leaders()
        desk.workspace.set_leaders(current.get(Side.PRODUCT, Leader(Side.PRODUCT, "Maya Chen", "CPO")),
                         current.get(Side.ENGINEERING, Leader(Side.ENGINEERING, "Daniel Okafor", "CTO")))
    criteria = desk.criteria.list()

    planned = {plan.quarter for plan in desk.capacity.plans()}
    if "2026-Q3" not in planned:  # a quarter the user has planned keeps the user's plan
        desk.capacity.set_plan("2026-Q3", 120, 70, 30, reason="Q3 plan: the agreed 70/30",
                               reviewed_on=D(2026, 7, 1), note="Enterprise launch quarter.")
    if "2026-Q4" not in planned:
        desk.capacity.set_plan("2026-Q4", 130, 65, 35, reason="Q4 plan: engineering was squeezed in Q3 (18% of "
                               "the delivered work against 30% agreed); 65/35 for one quarter to pay down billing risk",
                               reviewed_on=D(2026, 10, 1), note="Catch up on platform work after the Q3 launch.")

    session_ids: list[int] = []
    previous = None
    created: dict[str, int] = {}
    for n, (title, day, status) in enumerate(SESSIONS):
        session = desk.sessions.create(title, day, carry_priorities_from=previous)
        session_ids.append(session.id)
        # Each session brings new priorities; the rest are carried over from the last session's agenda.
        new_rows = [(Side.PRODUCT, r) for r in PRODUCT[n * 3:(n + 1) * 3 + (1 if n == 2 else 0)]]
        new_rows += [(Side.ENGINEERING, r) for r in ENGINEERING[n * 3:(n + 1) * 3 + (1 if n == 2 else 0)]]
        drafts = [PriorityDraft(title=r[0], side=side, description=r[1], effort_weeks=r[2], idea_date=r[3],
                                status=PriorityStatus(r[4]) if r[4] in ("deferred", "proposed") else PriorityStatus.PROPOSED,
                                link=f"https://tracker.example.com/ROAD-{100 + i}")
                  for i, (side, r) in enumerate(new_rows)]
        for p in desk.priorities.add_many(session.id, drafts):
            created[p.title] = p.id
        agenda = desk.priorities.agenda(session.id)
        for p in agenda:
            base = _profile(p.side, p.effort_weeks or 3, rng)
            for leader in Side:
                values = _leader_scores(base, leader, p.side, rng)
                for c, v in zip(criteria, values, strict=False):  # a workspace may have more criteria: those stay unscored
                    desk.scoring.set_score(session.id, p.id, c.id, leader, v)
        # Every session was scored blind by both leaders; the past ones are revealed, November awaits its reveal.
        desk.scoring.set_state(session.id, ScoringState(product_done=True, engineering_done=True,
                                                        revealed=status == "closed"))
        if status != "closed":
            desk.sessions.update(session.id, status=SessionStatus(status))
        previous = session.id

    # Final statuses (accepted / delivered with quarters and dates) once every session has its agenda.
    for title, _d, _effort, _idea, status, quarter, delivered in PRODUCT + ENGINEERING:
        pid = created.get(title)
        if pid is None:
            continue
        p = desk.priorities.get(pid)
        desk.priorities.update(pid, replace(PriorityDraft.of(p), status=PriorityStatus(status), quarter=quarter,
                                          delivered_date=delivered))

    def tension(session_idx: int, statement: str, titles: list[str]) -> int:
        ids = [created[t] for t in titles]
        return desk.tensions.add(session_ids[session_idx], statement, ids).id

    t1 = tension(0, "Launch SSO for the enterprise deals, or upgrade Postgres before version 13 leaves support? "
                    "Both need the same two backend engineers in September.",
                 ["SSO for enterprise (SAML)", "Postgres 13 → 16 upgrade"])
    desk.decisions.take(session_ids[0], t1, DecisionDraft(
        outcome="Ship SSO first (3 weeks), then the Postgres upgrade by mid-October.",
        context="Two enterprise deals wait on SSO; Postgres 13 support ends in November.",
        options="1) SSO first; 2) Postgres first; 3) split the pair and do both slowly.",
        rationale="The deals close this quarter; the upgrade still lands before end of support.",
        tradeoffs="Replica work slips two weeks; on-call carries the old version a little longer.",
        cost_of_not="Losing 18% of the pipeline to a competitor with SSO.",
        success_signal="Both deals signed by 30 Sep; Postgres 16 in production by 15 Oct.",
        owner="Daniel Okafor", review_date=D(2026, 10, 13), ack_product=True, ack_engineering=True), on=SESSIONS[0][1])
    tension(0, "Usage-based billing competes with CI speed for the platform team's September.",
            ["Usage-based billing", "CI pipeline under 10 minutes"])
    t3 = tension(1, "Usage-based billing needs the billing monolith split first, or ships on top of it with more risk.",
                 ["Usage-based billing", "Split the billing monolith"])
    desk.decisions.take(session_ids[1], t3, DecisionDraft(
        outcome="Split the billing monolith in Q4 weeks 1–8; usage-based billing builds on the new service.",
        context="Billing changes today risk every deploy; usage billing touches all of billing.",
        options="1) Ship usage billing on the monolith; 2) split first; 3) feature-flag a parallel path.",
        rationale="Building the new pricing on the monolith doubles the later migration and the incident risk.",
        tradeoffs="Usage billing reaches customers six weeks later than sales asked.",
        cost_of_not="Every billing release stays a whole-app risk; two incidents last quarter.",
        success_signal="Billing deploys independently by 15 Dec; zero billing-caused incidents in Q4.",
        owner="Maya Chen", review_date=D(2027, 1, 5), ack_product=True, ack_engineering=True), on=SESSIONS[1][1])
    tension(1, "The analytics dashboard and cross-service tracing both need the data team this quarter.",
            ["In-app analytics dashboard", "Observability: tracing across services"])
    tension(2, "Localisation for two markets, or retiring the legacy reporting service that pages on-call weekly?",
            ["Localisation: German and French", "Retire the legacy reporting service"])
    tension(2, "The AI weekly summary and API rate limiting: a visible feature against protection from noisy neighbours.",
            ["AI summary of weekly activity", "API rate limiting", "Flaky test quarantine"])
    for sid, (_title, _day, status) in zip(session_ids, SESSIONS, strict=True):
        if status == "closed":  # closed last, with its tensions and decisions: closing seals the record
            desk.sessions.update(sid, status=SessionStatus(status))
    return session_ids
