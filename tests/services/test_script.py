"""The session script in the store: time boxes per session, time spent saved, and both printed in the record."""
from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from tension_desk.domain.model import SessionStatus
from tension_desk.domain.script import StepKind, default_script
from tension_desk.domain.validation import ValidationError
from tension_desk.export.documents import session_document
from tension_desk.services import script
from tension_desk.services.sample import add_sample
from tension_desk.services.unit import NotFound

SEALED = "is closed and its record is sealed; reopen it"


@pytest.fixture
def sample(desk):
    ids = add_sample(desk)
    return desk, ids[0], ids[-1]  # September (closed), November (live)


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


def test_a_session_runs_the_default_script_until_its_time_boxes_are_edited(sample):
    desk, _september, november = sample
    assert script.steps(desk, november) == default_script()
    assert script.stored_steps(desk, november) == []
    assert script.set_minutes(desk, november, StepKind.DECIDE, 25) == 15
    steps = script.steps(desk, november)
    assert [s.kind for s in steps] == list(StepKind)
    assert {s.kind: s.minutes for s in steps}[StepKind.DECIDE] == 25
    assert script.set_minutes(desk, november, StepKind.DECIDE, 15) == 25  # what an undo does
    assert script.steps(desk, november) == default_script()


def test_time_spent_is_saved_per_step_and_a_time_box_change_keeps_it(sample):
    desk, _september, november = sample
    script.save_time_spent(desk, november, {StepKind.CARRIED: 433, StepKind.BLIND: 610})
    script.set_minutes(desk, november, StepKind.CARRIED, 8)
    spent = {s.kind: (s.minutes, s.spent_seconds) for s in script.steps(desk, november)}
    assert spent[StepKind.CARRIED] == (8, 433)
    assert spent[StepKind.BLIND] == (10, 610)
    assert spent[StepKind.REVEAL] == (2, 0)


def test_a_bad_time_box_names_the_step_and_stores_nothing(sample):
    desk, _september, november = sample
    with pytest.raises(ValidationError, match="the time box of “Reveal” must be a whole number of minutes"):
        script.set_minutes(desk, november, StepKind.REVEAL, 0)
    with pytest.raises(ValidationError, match="the time spent on “Decide” must be whole seconds"):
        script.save_time_spent(desk, november, {StepKind.CARRIED: 60, StepKind.DECIDE: -5})
    assert script.stored_steps(desk, november) == []
    with pytest.raises(NotFound, match="there is no session 999"):
        script.set_minutes(desk, 999, StepKind.REVEAL, 3)


def test_the_record_prints_planned_against_spent_per_step(sample):
    desk, _september, november = sample
    md = session_document(desk, november, "md").decode()
    assert "Meeting time" not in md  # never timed: nothing to report
    assert "meeting_time" not in json.loads(session_document(desk, november, "json"))
    script.save_time_spent(desk, november, {StepKind.CARRIED: 433, StepKind.BLIND: 600, StepKind.REVEAL: 60})
    md = session_document(desk, november, "md").decode()
    assert "## Meeting time" in md
    assert "| Review carried-over items | 5 min | 07:13 | +02:13 over |" in md
    assert "| Blind scores | 10 min | 10:00 | on time |" in md
    assert "| Reveal | 2 min | 01:00 | 01:00 under |" in md
    assert "| Total | 55 min | 18:13 | 36:47 under |" in md
    text = pdf_text(session_document(desk, november, "pdf"))
    assert "Meeting time" in text
    assert "Review carried-over items 5 min 07:13 +02:13 over" in text
    assert "Total 55 min 18:13 36:47 under" in text
    data = json.loads(session_document(desk, november, "json"))
    assert data["meeting_time"][0] == {"step": "carried", "planned_minutes": 5, "spent_seconds": 433}


def test_closing_seals_the_meeting_time_and_a_closed_session_refuses_changes(sample):
    desk, september, november = sample
    script.save_time_spent(desk, november, {StepKind.DECIDE: 1200})
    desk.sessions.update(november, status=SessionStatus.CLOSED)
    sealed = session_document(desk, november, "md")
    assert "| Decide | 15 min | 20:00 | +05:00 over |" in sealed.decode()
    with pytest.raises(ValidationError, match=SEALED):
        script.set_minutes(desk, november, StepKind.DECIDE, 30)
    with pytest.raises(ValidationError, match=SEALED):
        script.save_time_spent(desk, november, {StepKind.DECIDE: 1300})
    script.save_time_spent(desk, november, {StepKind.DECIDE: 1200})  # nothing new: no write, no refusal
    assert session_document(desk, november, "md") == sealed
    with pytest.raises(ValidationError, match=SEALED):
        script.set_minutes(desk, september, StepKind.REVEAL, 3)


def test_deleting_a_session_and_undoing_it_brings_its_script_back(sample):
    desk, _september, november = sample
    script.set_minutes(desk, november, StepKind.REVEAL, 4)
    script.save_time_spent(desk, november, {StepKind.REVEAL: 75})
    before = script.steps(desk, november)
    snapshot = desk.sessions.delete(november)
    assert script.stored_steps(desk, november) == []
    desk.workspace.restore(snapshot)
    assert script.steps(desk, november) == before


def test_the_workspace_file_keeps_the_script_and_older_files_without_it_still_import(sample, another_store):
    from tension_desk.services.workspace_io import WorkspaceImportError, import_workspace, workspace_json

    desk, _september, november = sample
    script.set_minutes(desk, november, StepKind.REVEAL, 4)
    script.save_time_spent(desk, november, {StepKind.REVEAL: 75})
    text = workspace_json(desk)
    doc = json.loads(text)
    assert {"session_id": november, "kind": "reveal", "position": 2, "minutes": 4, "spent_seconds": 75} in \
        doc["session_steps"]
    copies = []
    for data in (doc, {k: v for k, v in doc.items() if k != "session_steps"}):  # a copy, an older file
        other = another_store()
        copies.append(other)
        assert import_workspace(other, json.dumps(data).encode())["session_steps"] == len(data.get("session_steps", []))
    assert workspace_json(copies[0]) == text
    assert script.steps(copies[0], november) == script.steps(desk, november)
    assert script.steps(copies[1], november) == default_script()
    bad = json.loads(text)
    bad["session_steps"][2]["minutes"] = 0
    with pytest.raises(WorkspaceImportError, match=r"session_steps\[2\]: minutes"):
        import_workspace(another_store(), json.dumps(bad).encode())
