"""Whatever the app accepts, its own workspace file imports again; one character more, the app refuses it."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tension_desk.domain import limits
from tension_desk.domain.model import Criterion, CriterionKind, Leader, PriorityDraft, Side
from tension_desk.domain.validation import ValidationError
from tension_desk.services.decisions import TEXT_FIELDS, DecisionDraft
from tension_desk.services.desk import Desk
from tension_desk.services.workspace_io import import_workspace, workspace_json


def text(n: int) -> str:
    """n characters with a line break inside (multi-line fields keep it)."""
    return ("x" * (n - 1) + "\n" + "y")[-n:] if n > 1 else "x"


def line(n: int) -> str:
    return "t" * n


@pytest.fixture
def leaders_at_max():
    return (Leader(Side.PRODUCT, line(limits.LEADER_NAME), line(limits.LEADER_TITLE), line(limits.LEADER_COLOUR)),
            Leader(Side.ENGINEERING, line(limits.LEADER_NAME), line(limits.LEADER_TITLE), ""))


def fill_every_field_to_the_limit(desk: Desk, leaders) -> None:
    desk.workspace.set_leaders(*leaders)
    desk.criteria.add(Criterion(id=None, name=line(limits.CRITERION_NAME), weight=limits.WEIGHT,
                                 kind=CriterionKind.BENEFIT, scale_min=limits.SCALE[0], scale_max=limits.SCALE[1],
                                 description=text(limits.TEXT)))
    session = desk.sessions.create(line(limits.TITLE), dt.date(2026, 11, 24))
    desk.sessions.update(session.id, notes=text(limits.NOTES))
    draft = PriorityDraft(line(limits.TITLE), Side.PRODUCT, description=text(limits.TEXT),
                          effort_weeks=limits.EFFORT_WEEKS, link=line(limits.LINK))
    a, b = desk.priorities.add_many(session.id, [draft, replace(draft, side=Side.ENGINEERING)])
    tension = desk.tensions.add(session.id, text(limits.TEXT), [a.id, b.id])
    desk.decisions.take(session.id, tension.id, DecisionDraft(
        owner=line(limits.OWNER), **{name: text(limits.TEXT) for name in TEXT_FIELDS}))
    desk.capacity.set_plan("2026-Q4", limits.TOTAL_WEEKS, limits.SHARE, 0, reason=text(limits.TEXT),
                           note=text(limits.TEXT))


def test_a_workspace_filled_to_every_limit_round_trips(desk, leaders_at_max, another_store):
    fill_every_field_to_the_limit(desk, leaders_at_max)
    exported = workspace_json(desk)

    other = another_store()
    import_workspace(other, exported.encode("utf-8"))
    assert workspace_json(other) == exported


def _session(desk):
    return desk.sessions.create("S", dt.date(2026, 11, 24))


def _two_priorities(desk, session):
    return desk.priorities.add_many(session.id,
                                    [PriorityDraft("A", Side.PRODUCT), PriorityDraft("B", Side.ENGINEERING)])


def _decide(desk, **fields):
    s = _session(desk)
    a, b = _two_priorities(desk, s)
    tension = desk.tensions.add(s.id, "A or B", [a.id, b.id])
    desk.decisions.take(s.id, tension.id, DecisionDraft(**{"outcome": "A first", **fields}))


OVER = [
    ("leader's name", r"the product leader's name is 121 characters long; at most 120",
     lambda d: d.workspace.set_leaders(Leader(Side.PRODUCT, line(121), ""), Leader(Side.ENGINEERING, "E", ""))),
    ("leader's title", r"the engineering leader's title is 61 characters long; at most 60",
     lambda d: d.workspace.set_leaders(Leader(Side.PRODUCT, "P", ""), Leader(Side.ENGINEERING, "E", line(61)))),
    ("leader's colour", r"the product leader's colour is 65 characters long; at most 64",
     lambda d: d.workspace.set_leaders(Leader(Side.PRODUCT, "P", "", line(65)), Leader(Side.ENGINEERING, "E", ""))),
    ("criterion name", r"the criterion's name is 81 characters long; at most 80",
     lambda d: d.criteria.add(Criterion(id=None, name=line(81), weight=1, kind=CriterionKind.BENEFIT))),
    ("criterion description", r"the criterion's description is 20,001 characters long; at most 20,000",
     lambda d: d.criteria.add(Criterion(id=None, name="C", weight=1, kind=CriterionKind.BENEFIT,
                                         description=text(limits.TEXT + 1)))),
    ("session title", r"the session title is 201 characters long; at most 200",
     lambda d: d.sessions.create(line(201), dt.date(2026, 11, 24))),
    ("session notes",
     r"the session notes are 1,000,001 characters long; at most 1,000,000|the session notes is 1,000,001",
     lambda d: d.sessions.update(_session(d).id, notes=text(limits.NOTES + 1))),
    ("priority title", r"the title is 201 characters long; at most 200",
     lambda d: d.priorities.add(_session(d).id, PriorityDraft(line(201), Side.PRODUCT))),
    ("priority description", r"the description is 20,001 characters long; at most 20,000",
     lambda d: d.priorities.add(_session(d).id, PriorityDraft("A", Side.PRODUCT, description=text(limits.TEXT + 1)))),
    ("priority link", r"the link is 2,001 characters long; at most 2,000",
     lambda d: d.priorities.add(_session(d).id, PriorityDraft("A", Side.PRODUCT, link=line(2001)))),
    ("tension statement", r"the statement of the tension is 20,001 characters long; at most 20,000",
     lambda d: d.tensions.add((s := _session(d)).id, text(limits.TEXT + 1), [p.id for p in _two_priorities(d, s)])),
    ("decision rationale", r"the rationale is 20,001 characters long; at most 20,000",
     lambda d: _decide(d, rationale=text(limits.TEXT + 1))),
    ("decision owner", r"the owner is 121 characters long; at most 120",
     lambda d: _decide(d, owner=line(121))),
    ("capacity note", r"the capacity note is 20,001 characters long; at most 20,000",
     lambda d: d.capacity.set_plan("2026-Q4", 100, 70, 30, reason="r", note=text(limits.TEXT + 1))),
    ("ledger reason", r"the reason for the change is 20,001 characters long; at most 20,000",
     lambda d: d.capacity.set_plan("2026-Q4", 100, 70, 30, reason=text(limits.TEXT + 1))),
]


@pytest.mark.parametrize(("field", "message", "write"), OVER, ids=[o[0] for o in OVER])
def test_one_character_over_the_limit_is_refused_by_the_service(desk, leaders, field, message, write):
    if field not in ("leader's name", "leader's title", "leader's colour"):
        desk.workspace.set_leaders(*leaders)
    before = workspace_json(desk)
    with pytest.raises(ValidationError, match=message):
        write(desk)
    if field not in ("session notes", "priority title", "priority description", "priority link",
                     "tension statement", "decision rationale", "decision owner"):
        assert workspace_json(desk) == before  # nothing half-written


@pytest.mark.parametrize("notes", ["a\x00b", "red \x1b[31m", "bell\x07"], ids=["NUL", "escape", "bell"])
def test_session_notes_holding_a_control_character_are_refused(desk, notes):
    s = _session(desk)
    with pytest.raises(ValidationError, match=r"the session notes holds? .* at character"):
        desk.sessions.update(s.id, notes=notes)
    assert desk.sessions.get(s.id).notes == ""


def test_session_notes_keep_what_was_typed_exactly(desk):
    s = _session(desk)
    desk.sessions.update(s.id, notes="  first line\n\tindented \n")
    assert desk.sessions.get(s.id).notes == "  first line\n\tindented \n"


@pytest.mark.parametrize("write, message", [
    (lambda d: d.sessions.create("Q4\x1b[2J", dt.date(2026, 11, 24)), r"the session title holds an escape"),
    (lambda d: d.workspace.set_leaders(Leader(Side.PRODUCT, "Maya\nChen", ""), Leader(Side.ENGINEERING, "E", "")),
     r"the product leader's name holds a line break"),
    (lambda d: d.workspace.set_leaders(Leader(Side.PRODUCT, "P", "C\x07PO"), Leader(Side.ENGINEERING, "E", "")),
     r"the product leader's title holds the control character U\+0007"),
    (lambda d: d.criteria.add(Criterion(id=None, name="Risk\x9b", weight=1)), r"the criterion's name holds"),
    (lambda d: d.priorities.add(_session(d).id, PriorityDraft("Fake\r\nline", Side.PRODUCT)),
     r"the title holds a line"),
    (lambda d: _decide(d, owner="Dan\x1b]0;x\x07"), r"the owner holds an escape"),
    (lambda d: _decide(d, rationale="because\x00"), r"the rationale holds a NUL"),
    (lambda d: d.capacity.set_plan("2026-Q4", 100, 70, 30, reason="r\x1b"), r"the reason for the change holds"),
], ids=["session title", "leader name", "leader title", "criterion name", "priority title", "owner", "rationale",
        "ledger reason"])
def test_the_services_refuse_control_characters_for_the_gui_and_the_cli(desk, leaders, write, message):
    desk.workspace.set_leaders(*leaders)
    before = workspace_json(desk)
    with pytest.raises(ValidationError, match=message):
        write(desk)
    assert "\\u001b" not in workspace_json(desk) and workspace_json(desk).count("\\n") == before.count("\\n")


@pytest.mark.parametrize("key, field, value, message", [
    ("sessions", "title", "Retitled\x1b]0;pwned\x07", r"sessions\[0\]: title holds an escape character"),
    ("sessions", "title", "Fake\nline", r"sessions\[0\]: title holds a line break at character 5"),
    ("leaders", "name", "Maya\tChen", r"leaders\[0\]: name holds a tab"),
    ("priorities", "link", "https://x\u2028y", r"priorities\[0\]: link holds a line separator"),
    ("criteria", "name", "C\x85", r"criteria\[0\]: name holds the control character U\+0085"),
    ("tensions", "statement", "a\x1b[2Jb", r"tensions\[0\]: statement holds an escape character"),
    ("sessions", "notes", "bell\x07", r"sessions\[0\]: notes holds the control character U\+0007"),
])
def test_workspace_import_refuses_control_characters(desk, leaders, another_store, key, field, value, message):
    import json

    from tension_desk.services.workspace_io import WorkspaceImportError

    desk.workspace.set_leaders(*leaders)
    s = _session(desk)
    a, b = _two_priorities(desk, s)
    desk.tensions.add(s.id, "A or B", [a.id, b.id])
    desk.sessions.update(s.id, notes="line one\n\tline two")  # newlines and tabs are fine in notes
    doc = json.loads(workspace_json(desk))
    doc[key][0][field] = value
    other = another_store()
    with pytest.raises(WorkspaceImportError, match=message):
        import_workspace(other, json.dumps(doc).encode())
    assert not other.sessions.list() and not other.workspace.leaders()


def _row_counts(desk) -> dict[str, int]:
    return {"decisions": len(desk.decisions.list()), "open tensions": sum(t.status.value == "open"
                                                                      for t in desk.tensions.list())}


def test_a_decision_whose_frozen_evidence_would_not_fit_its_backup_is_refused(desk, leaders, another_store):
    # 420 priorities whose titles are 200 emoji: each emoji is 12 characters in the stored JSON (\\ud83d\\ude00)
    desk.workspace.set_leaders(*leaders)
    s = _session(desk)
    emoji = "\U0001F600"
    ps = desk.priorities.add_many(s.id, [PriorityDraft(emoji * (limits.TITLE - 4) + f"{i:04d}", Side.PRODUCT)
                                    for i in range(420)])
    tension = desk.tensions.add(s.id, "Which of these?", [p.id for p in ps])
    before = _row_counts(desk)
    with pytest.raises(ValidationError, match=r"^the evidence this decision would freeze is 1,\d{3},\d{3} characters "
                                              r"long; at most 1,000,000: link fewer priorities"):
        desk.decisions.take(s.id, tension.id, DecisionDraft("All of them"), accept=[ps[0].id])
    assert _row_counts(desk) == before and desk.priorities.agenda(s.id)[0].status.value == "proposed"
    # fewer priorities in the tension: the decision is taken, and its workspace file imports again
    small = desk.tensions.add(s.id, "Just two?", [ps[1].id, ps[2].id])
    desk.decisions.take(s.id, small.id, DecisionDraft("The first"))
    import_workspace(another_store(), workspace_json(desk).encode("utf-8"))


def test_a_session_whose_sealed_record_would_not_fit_its_backup_cannot_be_closed(desk, leaders, monkeypatch):
    from tension_desk.domain.model import SessionStatus
    from tension_desk.services.sealing import revisions

    # The rule is the same at any size; at the real limit it would take 50 MB of descriptions.
    monkeypatch.setattr(limits, "SEALED_RECORD", 60_000)
    desk.workspace.set_leaders(*leaders)
    s = _session(desk)
    desk.priorities.add_many(s.id, [PriorityDraft(f"P{i}", Side.PRODUCT, description="d" * 10_000) for i in range(6)])
    with pytest.raises(ValidationError, match=r"^the session “S” cannot be closed: its sealed record would be "
                                              r"6\d,\d{3} characters long, at most 60,000; move priorities"):
        desk.sessions.update(s.id, status=SessionStatus.CLOSED)
    assert desk.sessions.get(s.id).status is not SessionStatus.CLOSED and revisions(desk, s.id) == []
