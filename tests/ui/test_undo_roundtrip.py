"""Every undoable edit is exact and atomic: apply → undo gives back the very same workspace (ids, times,
ledger and all), redo gives the very same workspace as the apply did, and each step is one transaction.

The commands are found by walking ``DeskCommand``'s subclasses, so a new command without a case here fails.
"""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import event

from tension_desk.domain.blind import ScoringState
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
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import workspace_json
from tension_desk.store.engine import open_store
from tension_desk.ui import commands as cmd

NEW_LEADERS = (Leader(Side.PRODUCT, "Ana Ruiz", "VP Product"), Leader(Side.ENGINEERING, "Tom Berg", "VP Eng"))


class Sample:
    """The sample workspace (already in the store), with names for what the cases need."""

    def __init__(self, desk):
        self.september, self.october, self.november = sorted(s.id for s in desk.sessions.list())
        self.agenda = desk.priorities.agenda(self.november)
        self.product = [p for p in self.agenda if p.side is Side.PRODUCT]
        self.criteria = desk.scoring.criteria(self.november)
        self.open_tension = next(t for t in desk.tensions.of_session(self.november))
        self.decision = desk.decisions.list(self.september)[0]


# Each case starts from one of two stores, built once: "empty" (a new store) or "sample".
def _empty(desk):
    return None


_empty.template = "empty"


def _sample(desk):
    return Sample(desk)


_sample.template = "sample"


def _reviewed_in_november(desk):
    s = Sample(desk)
    desk.decisions.review(s.decision.id, "held", s.november)
    return s


_reviewed_in_november.template = "sample"


def _decided_in_november(desk):
    """The sample with a decision taken in the November session (September and October are closed)."""
    s = Sample(desk)
    s.decision = desk.decisions.take(s.november, s.open_tension.id, DecisionDraft(outcome="Localise first"))[0]
    return s


_decided_in_november.template = "sample"


def _revised(p):
    return replace(PriorityDraft.of(p), title=p.title + " (revised)", effort_weeks=2.5, status=PriorityStatus.ACCEPTED,
                   quarter="2026-Q4")


# command class -> {case name: (prepare(desk) -> state, build(desk, notifier, state) -> command)}
CASES = {
    cmd.SetLeaders: {
        "first leaders (and the default criteria)": (_empty, lambda d, n, s: cmd.SetLeaders(d, n, *NEW_LEADERS)),
        "new leaders": (_sample, lambda d, n, s: cmd.SetLeaders(d, n, *NEW_LEADERS)),
    },
    cmd.CreateSession: {
        "carrying the agenda": (_sample, lambda d, n, s: cmd.CreateSession(
            d, n, "December", dt.date(2026, 12, 15), None, carry_from=s.november)),
    },
    cmd.UpdateSession: {
        "rename, draft again, move": (_sample, lambda d, n, s: cmd.UpdateSession(
            d, n, s.november, title="Renamed", status=SessionStatus.DRAFT, quarter="2027-Q1")),
    },
    cmd.CloseSession: {
        "seals its record": (_sample, lambda d, n, s: cmd.CloseSession(d, n, s.november, "November")),
    },
    cmd.ReopenSession: {
        "starts a revision": (_sample, lambda d, n, s: cmd.ReopenSession(
            d, n, s.october, "October", "a late correction", "Maya Chen")),
    },
    cmd.DeleteSession: {
        "with decisions": (_sample, lambda d, n, s: cmd.DeleteSession(d, n, s.october, "October")),
        "a review was answered in": (_reviewed_in_november,
                                     lambda d, n, s: cmd.DeleteSession(d, n, s.november, "November")),
    },
    cmd.AddPriorities: {
        "two": (_sample, lambda d, n, s: cmd.AddPriorities(d, n, s.november, [
            PriorityDraft("Dark mode", Side.PRODUCT, effort_weeks=2),
            PriorityDraft("Kill the cron box", Side.ENGINEERING, idea_date=dt.date(2026, 11, 2))])),
    },
    cmd.EditPriority: {
        "every field": (_sample, lambda d, n, s: cmd.EditPriority(d, n, s.november, s.product[0].id,
                                                                   _revised(s.product[0]))),
    },
    cmd.DeletePriority: {
        "scored and in a tension": (_sample, lambda d, n, s: cmd.DeletePriority(
            d, n, s.november, d.priorities.get(s.open_tension.priority_ids[0]))),
    },
    cmd.ReorderSide: {
        "reversed": (_sample, lambda d, n, s: cmd.ReorderSide(
            d, n, s.november, Side.PRODUCT, [p.id for p in reversed(s.product)])),
    },
    cmd.AddTension: {
        "two priorities": (_sample, lambda d, n, s: cmd.AddTension(
            d, n, s.november, "Both need the same team", [s.product[0].id, s.product[1].id])),
    },
    cmd.EditTension: {
        "statement and priorities": (_sample, lambda d, n, s: cmd.EditTension(
            d, n, s.november, s.open_tension.id, "Restated", [s.product[0].id, s.product[2].id])),
    },
    cmd.DeleteTension: {
        "open": (_sample, lambda d, n, s: cmd.DeleteTension(d, n, s.november, s.open_tension.id)),
        "decided": (_decided_in_november, lambda d, n, s: cmd.DeleteTension(
            d, n, s.november, s.decision.tension_id)),
    },
    cmd.SetScore: {
        "change": (_sample, lambda d, n, s: cmd.SetScore(
            d, n, s.november, s.product[0].id, s.criteria[0].id, Side.PRODUCT, 0)),
        "clear": (_sample, lambda d, n, s: cmd.SetScore(
            d, n, s.november, s.product[0].id, s.criteria[0].id, Side.ENGINEERING, None)),
    },
    cmd.AddSample: {
        "into an empty store": (_empty, lambda d, n, s: cmd.AddSample(d, n)),
        "a second time": (_sample, lambda d, n, s: cmd.AddSample(d, n)),
    },
    cmd.SetScoringState: {
        "start a blind turn": (_sample, lambda d, n, s: cmd.SetScoringState(
            d, n, s.november, ScoringState(turn=Side.PRODUCT), "Product scores blind")),
    },
    cmd.SetSeatDone: {
        "the first side done": (_sample, lambda d, n, s: cmd.SetSeatDone(d, n, s.november, Side.ENGINEERING)),
    },
    cmd.SetSessionWeight: {
        "agreed": (_sample, lambda d, n, s: cmd.SetSessionWeight(d, n, s.november, s.criteria[0].id, 7.5, None, "w")),
        "a lens": (_sample, lambda d, n, s: cmd.SetSessionWeight(
            d, n, s.november, s.criteria[1].id, 0.5, Side.ENGINEERING, "w")),
    },
    cmd.SaveCriterion: {
        "add": (_sample, lambda d, n, s: cmd.SaveCriterion(
            d, n, Criterion(0, "Legal risk", 1.5, CriterionKind.COST, 0, 3, "Exposure"), "Add")),
        "edit": (_sample, lambda d, n, s: cmd.SaveCriterion(
            d, n, replace(s.criteria[0], name="Customer impact", weight=4.0), "Edit")),
    },
    cmd.RemoveCriterion: {
        "scored in an open session": (_sample, lambda d, n, s: cmd.RemoveCriterion(
            d, n, s.criteria[0].id, s.criteria[0].name)),
    },
    cmd.TakeDecision: {
        "accept and defer": (_sample, lambda d, n, s: cmd.TakeDecision(
            d, n, s.november, s.open_tension.id, DecisionDraft(outcome="Localise first", owner="Maya"),
            accept=[s.open_tension.priority_ids[0]], defer=[s.open_tension.priority_ids[1]], quarter="2027-Q1")),
    },
    cmd.EditDecision: {
        "outcome and review date": (_decided_in_november, lambda d, n, s: cmd.EditDecision(
            d, n, s.november, s.decision.id,
            replace(DecisionDraft.of(s.decision), outcome="Changed", review_date=dt.date(2027, 2, 1)))),
    },
    cmd.ReviewDecision: {
        "reversed": (_sample, lambda d, n, s: cmd.ReviewDecision(d, n, s.november, s.decision.id, "reversed")),
    },
    cmd.SetCapacityPlan: {
        "change a quarter": (_sample, lambda d, n, s: cmd.SetCapacityPlan(
            d, n, "2026-Q4", 140, 60, 40, "more platform work", dt.date(2026, 11, 20), "note")),
        "a new quarter": (_sample, lambda d, n, s: cmd.SetCapacityPlan(d, n, "2027-Q1", 100, 70, 30, "")),
    },
    cmd.SetPriorityStatuses: {
        "defer two": (_sample, lambda d, n, s: cmd.SetPriorityStatuses(d, n, s.november, [
            (p.id, replace(PriorityDraft.of(p), status=PriorityStatus.DEFERRED, quarter=None)) for p in s.product[:2]],
            "Defer")),
    },
    cmd.SetStepMinutes: {
        "the first time box set": (_sample, lambda d, n, s: cmd.SetStepMinutes(d, n, s.november, "decide", 25)),
    },
    cmd.SetSessionNotes: {
        "write": (_sample, lambda d, n, s: cmd.SetSessionNotes(d, n, s.november, "Agreed: ship SSO")),
    },
}


def _commands(cls=cmd.DeskCommand):
    for sub in cls.__subclasses__():
        yield sub
        yield from _commands(sub)


PARAMS = [pytest.param(c, name, id=f"{c.__name__}: {name}") for c in _commands() for name in CASES.get(c, {None: 0})]


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    empty = tmp_path_factory.mktemp("empty") / "data"
    open_store(empty, daily_backup=False).dispose()
    sample = tmp_path_factory.mktemp("sample") / "data"
    shutil.copytree(empty, sample)
    desk = Desk(open_store(sample, daily_backup=False))
    add_sample(desk)
    desk.engine.dispose()
    return {"empty": empty, "sample": sample}


@pytest.fixture
def commits():
    """How many transactions were committed, counted from the moment the test reads it."""
    count = [0]

    def on(desk):
        event.listen(desk.engine, "commit", lambda conn: count.__setitem__(0, count[0] + 1))

    def take() -> int:
        n, count[0] = count[0], 0
        return n
    take.on = on
    return take


@pytest.mark.parametrize("command_cls, case", PARAMS)
def test_apply_undo_redo_is_exact_and_one_transaction_each(command_cls, case, templates, tmp_path, commits, qapp):
    from PySide6.QtGui import QUndoStack

    from tension_desk.ui.notifier import Notifier

    if case is None:
        pytest.fail(f"{command_cls.__name__} has no undo round-trip case: add one to CASES")
    prepare, build = CASES[command_cls][case]
    shutil.copytree(templates[prepare.template], tmp_path / "data")
    desk = Desk(open_store(tmp_path / "data", daily_backup=False))
    commits.on(desk)
    state = prepare(desk)
    stack = QUndoStack()
    before = workspace_json(desk)
    commits()

    cmd.push(stack, build(desk, Notifier(), state))
    applied = workspace_json(desk)
    assert commits() == 1
    assert applied != before

    stack.undo()
    assert commits() == 1
    assert workspace_json(desk) == before

    stack.redo()
    assert commits() == 1
    assert workspace_json(desk) == applied

    stack.undo()
    assert workspace_json(desk) == before
    desk.engine.dispose()
