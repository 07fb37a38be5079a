"""Sealing: a closed session's record never changes after the meeting, refuses edits, and reopens with a reason."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.csv_import import parse_priorities_csv
from tension_desk.domain.dates import day
from tension_desk.domain.model import Leader, PriorityDraft, PriorityStatus, SessionStatus, Side
from tension_desk.export.documents import session_document
from tension_desk.export.json_export import fingerprint
from tension_desk.services import sealing
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.importing import import_priorities_csv
from tension_desk.services.sample import add_sample

SEALED = "is closed and its record is sealed; reopen it"


@pytest.fixture
def sample(desk):
    return desk, add_sample(desk)


def documents(desk, sid) -> dict[str, bytes]:
    return {fmt: session_document(desk, sid, fmt) for fmt in ("json", "md", "csv")}


def test_a_closed_session_exports_the_same_bytes_after_the_workspace_changes(sample):
    desk, ids = sample
    september = ids[0]
    assert desk.sessions.get(september).status is SessionStatus.CLOSED
    before = documents(desk, september)
    # two months later: a priority of September's agenda is delivered, a leader changes, the plan moves
    p = next(p for p in desk.priorities.agenda(september) if p.status is not PriorityStatus.DELIVERED)
    desk.priorities.update(p.id, replace(PriorityDraft.of(p), title="Renamed later", status=PriorityStatus.DELIVERED,
                                       quarter="2026-Q4", delivered_date=desk.sessions.get(ids[-1]).date))
    desk.workspace.set_leaders(Leader(Side.PRODUCT, "Someone Else", "CPO"),
                               Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    desk.capacity.set_plan("2026-Q3", 200, 50, 50, reason="rewritten after the fact")
    after = documents(desk, september)
    assert after == before
    data = json.loads(after["json"])
    assert data["revision"]["number"] == 1 and data["revision"]["sealed_on"]
    assert "Renamed later" not in after["md"].decode() and "Someone Else" not in after["md"].decode()
    # the fingerprint is the one stored when it was sealed
    (rev,) = sealing.revisions(desk, september)
    assert rev["fingerprint"] == fingerprint(data)


def test_every_edit_of_a_closed_session_is_refused_and_changes_nothing(sample):
    desk, ids = sample
    sid = ids[1]  # October: closed, with a decision
    before = session_document(desk, sid, "json")
    tension = desk.tensions.of_session(sid)[0]
    decision = desk.decisions.list(sid)[0]
    agenda = desk.priorities.agenda(sid)
    criterion = desk.scoring.criteria(sid)[0]
    product_order = [p.id for p in agenda if p.side is Side.PRODUCT]
    edits = {
        "rename": lambda: desk.sessions.update(sid, title="Renamed"),
        "notes": lambda: desk.sessions.update(sid, notes="added later"),
        "reopen without a reason": lambda: desk.sessions.update(sid, status=SessionStatus.LIVE),
        "add a priority": lambda: desk.priorities.add(sid, PriorityDraft("Late idea", Side.PRODUCT)),
        "import CSV": lambda: import_priorities_csv(desk, sid, parse_priorities_csv(b"title,side\nLate,product\n")),
        "reorder": lambda: desk.priorities.set_side_order(sid, Side.PRODUCT, list(reversed(product_order))),
        "score": lambda: desk.scoring.set_score(sid, agenda[0].id, criterion.id, Side.PRODUCT, 0),
        "blind turn": lambda: desk.scoring.set_state(sid, ScoringState(turn=Side.PRODUCT)),
        "add a tension": lambda: desk.tensions.add(sid, "Later", [agenda[0].id, agenda[1].id]),
        "edit a tension": lambda: desk.tensions.update(tension.id, "Edited", tension.priority_ids),
        "delete a tension": lambda: desk.tensions.delete(tension.id),
        "edit the decision's context": lambda: desk.decisions.update(
            decision.id, replace(DecisionDraft.of(decision), context="rewritten")),
        "withdraw an acknowledgement": lambda: desk.decisions.update(
            decision.id, replace(DecisionDraft.of(decision), ack_engineering=False)),
    }
    for name, edit in edits.items():
        with pytest.raises(sealing.SessionClosed, match=SEALED):
            edit()
        assert session_document(desk, sid, "json") == before, name
    closed = desk.sessions.get(sid)
    assert closed.status is SessionStatus.CLOSED and closed.title == "October tension session"
    assert len(desk.priorities.agenda(sid)) == len(agenda) and desk.decisions.get(decision.id).ack_engineering


def test_cli_import_csv_into_a_closed_session_is_one_line(tmp_path, store_url):
    env = {k: v for k, v in os.environ.items() if k not in ("TENSION_DESK_DATA_DIR", "TENSION_DESK_STORE")}
    store = ["--store", store_url] if store_url else []

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tension_desk", "--data-dir", str(tmp_path / "d"), *store,
                               *args], capture_output=True, text=True, env=env, timeout=120)

    september = run("sample").stdout.split()[0]
    csv = tmp_path / "p.csv"
    csv.write_text("title,side\nLate idea,product\n", encoding="utf-8")
    r = run("import-csv", str(csv), "--session", september)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and SEALED in r.stderr


def test_reopening_asks_for_a_reason_and_makes_revision_2_with_both_fingerprints(sample):
    desk, ids = sample
    sid = ids[1]
    first = json.loads(session_document(desk, sid, "json"))
    with pytest.raises(ValueError, match="the reason for reopening is empty"):
        sealing.reopen_session(desk, sid, "  ", "Maya Chen")
    assert desk.sessions.get(sid).status is SessionStatus.CLOSED
    assert sealing.reopen_session(desk, sid, "The owner was wrong.", "Maya Chen") == 2
    assert desk.sessions.get(sid).status is SessionStatus.LIVE
    decision = desk.decisions.list(sid)[0]
    desk.decisions.update(decision.id, replace(DecisionDraft.of(decision), owner="Daniel Okafor"))
    open_record = json.loads(session_document(desk, sid, "json"))
    assert open_record["revision"]["number"] == 2 and open_record["revision"]["sealed_on"] is None
    desk.sessions.update(sid, status=SessionStatus.CLOSED)
    second = json.loads(session_document(desk, sid, "json"))
    revs = sealing.revisions(desk, sid)
    assert [r["number"] for r in revs] == [1, 2]
    assert revs[0]["fingerprint"] == fingerprint(first) != revs[1]["fingerprint"] == fingerprint(second)
    assert second["decisions"][0]["owner"] == "Daniel Okafor" and first["decisions"][0]["owner"] == "Maya Chen"
    assert second["revision"]["earlier"] == [{"number": 1, "fingerprint": fingerprint(first),
                                              "sealed_on": first["revision"]["sealed_on"]}]
    md = session_document(desk, sid, "md").decode()
    reopened = day(dt.date.fromisoformat(second["revision"]["reopened_on"]))  # the day its record says
    assert f"Revision 2 — reopened on {reopened} by Maya Chen: The owner was wrong." in md
    assert fingerprint(first) in md and fingerprint(second) in md
    with pytest.raises(ValueError, match="is not closed, so there is nothing to reopen"):
        sealing.reopen_session(desk, ids[-1], "why", "Maya Chen")


def test_undoing_a_close_or_a_reopen_puts_the_seal_back_as_it_was(sample):
    desk, ids = sample
    sid = ids[1]
    sealed = session_document(desk, sid, "json")
    sealing.reopen_session(desk, sid, "A typo.", "Daniel Okafor")
    sealing.undo_reopen(desk, sid)
    assert desk.sessions.get(sid).status is SessionStatus.CLOSED and session_document(desk, sid, "json") == sealed
    november = ids[-1]
    desk.sessions.update(november, status=SessionStatus.CLOSED)
    assert len(sealing.revisions(desk, november)) == 1
    sealing.undo_close(desk, november, SessionStatus.LIVE)
    assert sealing.revisions(desk, november) == [] and desk.sessions.get(november).status is SessionStatus.LIVE
    desk.sessions.update(november, notes="editable again")  # no longer refused


def test_before_the_reveal_no_export_carries_a_score_and_the_backup_keeps_them(qapp, sample):
    import io

    from pypdf import PdfReader

    from tension_desk.services.record import build_session_record
    from tension_desk.services.workspace_io import workspace_json

    desk, ids = sample
    november = ids[-1]  # scored blind, not yet revealed: the matrix shows "P • · E •"
    assert sealing.scores_sealed(desk, november) and len(desk.scoring.scores(november)) == 240
    totals = {f"{v:.1f}" for r in build_session_record(desk, november).results
              for v in (r.total_product, r.total_engineering, r.combined, r.divergence)}

    def exports() -> dict[str, str]:
        out = {fmt: session_document(desk, november, fmt).decode("utf-8-sig") for fmt in ("json", "md", "csv")}
        pdf = PdfReader(io.BytesIO(session_document(desk, november, "pdf")))
        out["pdf"] = " ".join(page.extract_text() for page in pdf.pages)
        return out

    blind = exports()
    data = json.loads(blind["json"])
    assert data["scores_sealed"] and data["scores"] == [] and data["results"] == []
    assert "scores" not in json.dumps([d["evidence"] for d in data["decisions"]])
    for fmt in ("md", "pdf"):
        assert "Scoring in progress — scores are sealed until the reveal" in " ".join(blind[fmt].split()), fmt
        assert "Combined" not in blind[fmt] and not totals & set(blind[fmt].split()), fmt
    header = blind["csv"].splitlines()[0]
    assert "(product)" not in header and "combined" not in header and "rank" not in header
    assert header.startswith("priority_id,title,side") and header.endswith("tensions,decisions")
    # the workspace backup keeps everything
    backup = json.loads(workspace_json(desk))
    assert len([s for s in backup["scores"] if s["session_id"] == november]) == 240
    # after the reveal, the same exports carry the scores
    desk.scoring.set_state(november, ScoringState(product_done=True, engineering_done=True, revealed=True))
    shown = exports()
    assert len(json.loads(shown["json"])["scores"]) == 240 and "Combined" in shown["md"]
    assert "(product)" in shown["csv"].splitlines()[0] and totals & set(shown["md"].split())


def _edit_agenda_later(desk, sid) -> None:
    """Weeks later: a priority of the session's agenda is renamed and delivered."""
    p = next(p for p in desk.priorities.agenda(sid) if p.status is not PriorityStatus.DELIVERED)
    desk.priorities.update(p.id, replace(PriorityDraft.of(p), title="Renamed later", status=PriorityStatus.DELIVERED))


def test_a_closed_session_from_a_store_upgraded_from_before_sealing_is_sealed_when_opened(sample):
    from tension_desk.services.desk import Desk
    from tension_desk.store import tables as t

    desk, ids = sample
    september = ids[0]
    with desk.engine.begin() as conn:  # the store as the first version left it: closed, never sealed
        conn.execute(t.SessionRevisionRow.__table__.delete())
    upgraded = Desk(desk.engine)
    before = documents(upgraded, september)
    _edit_agenda_later(upgraded, september)
    assert documents(upgraded, september) == before
    assert documents(Desk(desk.engine), september) == before  # opened again: sealed once, never again
    (rev,) = sealing.revisions(upgraded, september)
    assert rev["fingerprint"] == fingerprint(json.loads(before["json"]))
    sealed_on = dt.date.fromisoformat(json.loads(before["json"])["revision"]["sealed_on"])  # as its record says
    assert f"Revision 1, sealed on upgrade, {day(sealed_on)}" in before["md"].decode()


def test_closed_sessions_of_a_workspace_file_from_before_sealing_are_sealed_on_import(sample, another_store):
    from tension_desk.services.workspace_io import import_workspace, workspace_json

    desk, ids = sample
    data = json.loads(workspace_json(desk))
    data["session_revisions"] = []  # a file written before sealing existed
    imported = another_store()
    import_workspace(imported, json.dumps(data).encode("utf-8"))
    closed = [s.id for s in imported.sessions.list() if s.status is SessionStatus.CLOSED]
    assert closed and all(sealing.revisions(imported, sid) for sid in closed)
    before = documents(imported, ids[0])
    _edit_agenda_later(imported, ids[0])
    assert documents(imported, ids[0]) == before
    assert "sealed on upgrade" in before["md"].decode()


def test_the_record_documents_print_is_the_canonical_records_own_field_for_field(sample):
    """printed_record takes the scores, tensions and decisions a live record's canonical record was made from
    rather than making them again from it, and a sealed record's decisions hold their evidence decoded: the same
    record, evidence included (which == leaves out), as the canonical record decoded from its bytes gives back,
    sealed, blind, revealed, and reopened with its decision."""
    from tension_desk.services.canonical import canonical_bytes, record_from_dict

    desk, ids = sample
    september, october, november = ids[0], ids[1], ids[-1]

    def printed(sid):
        data, record = sealing.printed_record(desk, sid)
        assert data == sealing.session_data(desk, sid)
        again = record_from_dict(json.loads(canonical_bytes(data)))
        assert record == again
        assert [d.evidence for d in record.decisions] == [d.evidence for d in again.decisions]
        assert [json.loads(d.evidence_json) for d in record.decisions] == [d.evidence for d in again.decisions]
        return record

    assert printed(october).decisions[0].evidence["priorities"]  # sealed
    printed(september)
    assert printed(november).scores_sealed  # blind
    desk.scoring.set_state(november, ScoringState(product_done=True, engineering_done=True, revealed=True))
    assert len(printed(november).scores) == 240
    sealing.reopen_session(desk, october, "a late correction", "Maya Chen")  # live: read from today's store
    live = printed(october)
    assert live.revision.number == 2 and live.tensions and live.decisions[0].evidence["priorities"]
