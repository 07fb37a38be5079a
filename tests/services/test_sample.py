"""The sample never changes what the user made, and undoing it brings back exactly what was there."""
from __future__ import annotations

import datetime as dt

import pytest

from tension_desk.domain.model import Leader, Side
from tension_desk.services import sample
from tension_desk.services.decisions import Decisions
from tension_desk.services.workspace_io import workspace_json


@pytest.fixture
def users_own_work(desk, leaders):
    """A user's leaders, a session, and their own capacity plans (with notes) for the sample's quarters."""
    desk.workspace.set_leaders(*leaders)
    session = desk.sessions.create("Our own session", dt.date(2026, 9, 1))
    desk.capacity.set_plan("2026-Q3", 90, 60, 40, reason="our Q3 plan", note="Hiring freeze quarter.")
    desk.capacity.set_plan("2026-Q4", 95, 55, 45, reason="our Q4 plan", note="Two people on parental leave.")
    return session


def test_the_sample_keeps_the_users_capacity_plans_and_notes(desk, users_own_work):
    sample.add_sample(desk)

    q3, q4 = desk.capacity.plan("2026-Q3"), desk.capacity.plan("2026-Q4")
    assert (q3.total_weeks, q3.product_share, q3.note) == (90, 60, "Hiring freeze quarter.")
    assert (q4.total_weeks, q4.product_share, q4.note) == (95, 55, "Two people on parental leave.")
    assert [e.reason for e in desk.capacity.ledger()] == ["our Q3 plan", "our Q4 plan"]
    assert desk.workspace.leaders()[Side.PRODUCT].name == "Maya Chen"


def test_the_sample_plans_the_quarters_the_user_has_not_planned(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q3", 90, 60, 40, reason="our Q3 plan", note="ours")

    sample.add_sample(desk)

    assert desk.capacity.plan("2026-Q3").note == "ours"
    assert desk.capacity.plan("2026-Q4").total_weeks == 130


def test_the_sample_keeps_a_leader_the_user_already_named(desk):
    """A store with only one leader (from a workspace file, say): the sample adds the other, keeps this one."""
    with desk.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO leader (role, name, title, colour) VALUES ('product', 'Ana Ruiz', 'VP', '')")

    sample.add_sample(desk)

    assert desk.workspace.leaders()[Side.PRODUCT] == Leader(Side.PRODUCT, "Ana Ruiz", "VP", "")
    assert desk.workspace.leaders()[Side.ENGINEERING].name == "Daniel Okafor"


def test_removing_the_sample_brings_back_exactly_what_was_there(desk, users_own_work):
    before = workspace_json(desk)

    added = sample.add(desk)
    with_sample = workspace_json(desk)
    removed = sample.remove_sample(desk, added)

    assert workspace_json(desk) == before
    sample.put_back_sample(desk, removed)
    assert workspace_json(desk) == with_sample


def test_removing_the_sample_from_an_empty_store_removes_its_leaders_criteria_and_plans(desk):
    before = workspace_json(desk)

    added = sample.add(desk)
    assert desk.workspace.has_leaders() and desk.criteria.list() and desk.capacity.plans() and desk.capacity.ledger()
    sample.remove_sample(desk, added)

    assert workspace_json(desk) == before
    assert not desk.workspace.leaders() and not desk.criteria.list_all()
    assert not desk.sessions.list() and not desk.capacity.plans()


def test_a_sample_that_fails_halfway_leaves_nothing_behind(desk, users_own_work, monkeypatch):
    before = workspace_json(desk)
    monkeypatch.setattr(Decisions, "take", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))

    with pytest.raises(OSError, match="disk full"):
        sample.add_sample(desk)

    assert workspace_json(desk) == before


def test_undoing_add_the_sample_brings_back_the_users_plans_and_redo_the_same_sample(qtbot, desk, users_own_work):
    from PySide6.QtGui import QUndoStack

    from tension_desk.ui import commands as cmd
    from tension_desk.ui.notifier import Notifier

    stack = QUndoStack()
    before = workspace_json(desk)
    command = cmd.push(stack, cmd.AddSample(desk, Notifier()))
    with_sample = workspace_json(desk)
    assert len(command.session_ids) == 3 and desk.capacity.plan("2026-Q3").note == "Hiring freeze quarter."

    stack.undo()
    assert workspace_json(desk) == before
    assert desk.capacity.plan("2026-Q4").note == "Two people on parental leave."
    assert [s.title for s in desk.sessions.list()] == ["Our own session"]

    stack.redo()
    assert workspace_json(desk) == with_sample
    stack.undo()
    assert workspace_json(desk) == before


def test_each_sample_decision_froze_its_evidence_on_the_day_it_was_decided(desk):
    """September reads "Decided on 15 Sep 2026" and "Evidence frozen on 15 Sep 2026",
    not the day the sample was made."""
    from tension_desk.domain.dates import day
    from tension_desk.services.log import build_log_entries, evidence_heading

    sample.add_sample(desk)

    entries = build_log_entries(desk)
    assert len(entries) == 2
    for e in entries:
        assert e.decided_on < dt.date(2026, 12, 1)
        assert evidence_heading(e.decision) == f"Evidence frozen on {day(e.decided_on)}"
