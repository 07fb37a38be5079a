"""A viewer login (init-server) writes nothing: a workspace that still holds a closed session with no sealed
record (closed before sealing existed) opens for it read-only, unsealed and without an error; the next login
that can write seals it."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tension_desk.domain.model import Leader, PriorityDraft, SessionStatus, Side
from tension_desk.services import sealing
from tension_desk.services.desk import Desk
from tension_desk.store import tables as t
from tension_desk.store.engine import open_server_store


def _sealed_records(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.SessionRevisionRow.__table__)).scalar_one()


def test_a_viewer_opens_a_workspace_with_an_unsealed_closed_session_read_only(seated_workspace):
    ws = seated_workspace
    owner = Desk(ws.owner)
    owner.workspace.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"),
                                Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    session = owner.sessions.create("September session", dt.date(2026, 9, 15))
    owner.priorities.add(session.id, PriorityDraft(title="SSO", side=Side.PRODUCT))
    with ws.owner.begin() as conn:  # closed and revealed before sealing existed: no sealed record
        conn.execute(t.SessionRow.__table__.update().values(status=SessionStatus.CLOSED.value, product_done=True,
                                                            engineering_done=True, revealed=True))
        conn.execute(t.SessionRevisionRow.__table__.delete())

    engine = open_server_store(ws.url(ws.logins.viewer))
    try:
        viewer = Desk(engine)
        assert [s.title for s in viewer.sessions.list()] == ["September session"]
        assert [p.title for p in viewer.priorities.agenda(session.id)] == ["SSO"]
    finally:
        engine.dispose()
    assert _sealed_records(ws.owner) == 0  # the viewer sealed nothing

    Desk(ws.owner)  # the owner can write: opening seals it
    assert [r["number"] for r in sealing.revisions(owner, session.id)] == [1]
