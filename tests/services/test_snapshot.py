"""Opening a session reads one snapshot (``desk.sessions.open``): a second way to read what the services read one
by one, so the two must agree on every session, field by field, on both stores."""
from __future__ import annotations

import datetime as dt

from tension_desk.domain.script import StepKind
from tension_desk.services import script
from tension_desk.services.sample import add_sample


def versions(rows):
    """Row versions (what a later edit names as the one it saw): equality leaves them out."""
    return [None if x is None else x.version for x in rows]


def test_a_session_snapshot_holds_what_each_service_reads_on_its_own(desk):
    ids = add_sample(desk)
    script.set_minutes(desk, ids[-1], StepKind.DECIDE, 7)  # a stored script (the sample runs the default one)
    desk.capacity.set_plan("2026-Q4", 100.0, 60.0, 40.0, "planned")
    desk.sessions.create("Empty one", dt.date(2027, 1, 5))  # no agenda, no plan, no steps
    for s in desk.sessions.list():
        snap = desk.sessions.open(s.id)
        assert snap.session == desk.sessions.get(s.id)
        assert snap.state == desk.scoring.state(s.id)
        assert snap.steps == script.stored_steps(desk, s.id)
        assert snap.plan == desk.capacity.plan(s.quarter)
        assert snap.sessions == desk.sessions.list()
        assert snap.leaders == desk.workspace.leaders()
        assert snap.criteria == desk.scoring.criteria(s.id)
        assert snap.lens_weights == desk.scoring.lens_weights(s.id)
        key = (lambda x: (x.priority_id, x.criterion_id, x.leader_role.value))
        assert sorted(snap.scores, key=key) == sorted(desk.scoring.scores(s.id), key=key)
        assert snap.agenda == desk.priorities.agenda(s.id)
        stored = {p.id: p for p in desk.priorities.list()}
        assert all(p == stored[p.id] and p.version == stored[p.id].version for p in snap.priorities.values())
        shown = {t.id for t in snap.tensions}
        assert snap.tensions == [t for t in desk.tensions.list() if t.id in shown]
        assert snap.decisions == [d for d in desk.decisions.list() if d.tension_id in shown]
        assert versions([snap.session, snap.plan, *snap.sessions, *snap.criteria, *snap.agenda, *snap.tensions,
                         *snap.decisions]) == versions([desk.sessions.get(s.id), desk.capacity.plan(s.quarter),
                                                        *desk.sessions.list(), *desk.scoring.criteria(s.id),
                                                        *desk.priorities.agenda(s.id),
                                                        *(t for t in desk.tensions.list() if t.id in shown),
                                                        *(d for d in desk.decisions.list() if d.tension_id in shown)])
    assert any(desk.sessions.open(s.id).steps for s in desk.sessions.list())
    assert any(desk.sessions.open(s.id).decisions for s in desk.sessions.list())
