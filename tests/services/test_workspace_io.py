"""The workspace JSON: export → import into an empty store → export is identical; bad files change nothing."""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rows
from tension_desk.domain.model import Criterion, CriterionKind, PriorityDraft, Side
from tension_desk.services.canonical import canonical_bytes, fingerprint
from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import (
    FORMAT,
    LISTS,
    WorkspaceImportError,
    export_workspace,
    import_workspace,
    parse_workspace,
    store_is_empty,
    workspace_json,
)
from tension_desk.store.engine import WRITE_LOCK, open_store, store_path


def dump(desk: Desk) -> list[str]:
    """Every row of the store (tests/rows.py), row versions read as 0: they do not travel in the file."""
    return rows.dump(desk.engine, versions=False)


def write_lock_is_free(desk: Desk) -> bool:
    """Another connection takes the store's write lock at once: SQLite's ``BEGIN IMMEDIATE`` without waiting,
    the workspace's advisory lock on a server."""
    if desk.engine.dialect.name == "postgresql":
        with desk.engine.connect() as conn:
            return bool(conn.exec_driver_sql(f"SELECT pg_try_advisory_xact_lock({WRITE_LOCK})").scalar())
    other = sqlite3.connect(store_path(Path(desk.engine.url.database).parent), timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def rich_sample(desk: Desk) -> None:
    """The sample workspace, plus what it leaves out: lens weights, a reviewed decision, an archived
    criterion, a changed capacity plan, and text that is not plain ASCII."""
    session_ids = add_sample(desk)
    first, last = session_ids[0], session_ids[-1]
    crit = desk.scoring.criteria(last)[0]
    desk.scoring.set_weight(last, crit.id, 2.5, lens=Side.PRODUCT)
    desk.scoring.set_weight(last, crit.id, 0.75, lens=Side.ENGINEERING)
    desk.decisions.review(desk.decisions.list(first)[0].id, "held", last)
    extra = desk.criteria.add(Criterion(id=None, name="Légal / conformité", weight=1.5, kind=CriterionKind.COST,
                                         scale_min=1, scale_max=9, description="RGPD — « données »"))
    desk.criteria.remove(extra.id)
    desk.capacity.set_plan("2026-Q4", 130, 60, 40, reason="Zweite Änderung: 60/40 ✓")
    p = desk.priorities.agenda(last)[0]
    desk.priorities.update(p.id, replace(PriorityDraft.of(p), title='<b>Markup</b> & "quotes" 📈 日本語',
                                       effort_weeks=None, idea_date=None))
    desk.sessions.update(last, notes="Line one\n\tindented — “quoted”\nآخر سطر")


@pytest.fixture(scope="module")
def sample_text(tmp_path_factory) -> str:
    d = Desk(open_store(tmp_path_factory.mktemp("ws") / "data"))
    rich_sample(d)
    text = workspace_json(d)
    d.engine.dispose()
    return text


def test_round_trip_is_byte_identical_and_keeps_every_row(desk, another_store):
    rich_sample(desk)
    first = workspace_json(desk)
    assert workspace_json(desk) == first and first.endswith("}\n")
    other = another_store()
    counts = import_workspace(other, first.encode("utf-8"))
    assert counts["sessions"] == 3 and counts["decisions"] == 2 and counts["capacity_plans"] == 2
    assert counts["capacity_ledger"] == 3 and counts["scores"] > 100
    assert workspace_json(other) == first
    assert dump(other) == dump(desk)  # the same rows, ids and stored text, table by table
    assert [d.evidence for d in other.decisions.list()] == [d.evidence for d in desk.decisions.list()]
    assert all(d.evidence["priorities"] for d in other.decisions.list())
    mine, theirs = desk.sessions.list()[-1].id, other.sessions.list()[-1].id
    assert other.scoring.lens_weights(theirs) == desk.scoring.lens_weights(mine)


def test_the_file_holds_every_table_with_readable_values(sample_text):
    doc = json.loads(sample_text)
    assert (doc["format"], doc["version"]) == (FORMAT, 1)
    assert list(doc) == ["format", "version", *LISTS]
    p = doc["priorities"][0]
    assert list(p)[:9] == ["id", "title", "side", "description", "effort_weeks", "status", "quarter", "idea_date",
                           "delivered_date"] and "link" in p
    assert [r["id"] for r in doc["priorities"]] == sorted(r["id"] for r in doc["priorities"])
    keys = [(s["session_id"], s["priority_id"], s["criterion_id"], s["leader_role"]) for s in doc["scores"]]
    assert keys == sorted(keys)
    decision = doc["decisions"][0]
    assert isinstance(decision["evidence_json"], dict) and decision["review_date"] == "2026-10-13"
    assert decision["reviewed_in_session_id"] == doc["sessions"][-1]["id"] and decision["review_outcome"] == "held"
    assert doc["capacity_ledger"][0]["changed_at"].endswith("+00:00")
    assert any(c["archived"] for c in doc["criteria"])
    assert '<b>Markup</b> & \\"quotes\\" 📈 日本語' in sample_text  # literal, not escaped to \\u


@pytest.mark.parametrize("seed", ["leaders", "capacity plan"])
def test_importing_into_a_non_empty_store_is_refused_and_changes_nothing(desk, leaders, sample_text, seed):
    if seed == "leaders":
        desk.workspace.set_leaders(*leaders)
    else:
        desk.capacity.set_plan("2027-Q1", 100, 70, 30)
    before = dump(desk)
    with pytest.raises(WorkspaceImportError, match="the store is not empty: import-workspace only fills a new store"):
        import_workspace(desk, sample_text.encode())
    assert dump(desk) == before
    assert write_lock_is_free(desk)  # the refused import let go of it


def test_importing_the_same_file_twice_is_refused_the_second_time(another_store, sample_text):
    other = another_store()
    import_workspace(other, sample_text.encode())
    before = dump(other)
    with pytest.raises(WorkspaceImportError, match="not empty"):
        import_workspace(other, sample_text.encode())
    assert dump(other) == before


def test_an_empty_workspace_round_trips(another_store):
    a, b = another_store(), another_store()
    text = workspace_json(a)
    assert all(json.loads(text)[key] == [] for key in LISTS)
    assert import_workspace(b, text.encode()) == {key: 0 for key in LISTS}
    assert workspace_json(b) == text


def _first(doc, key):
    return doc[key][0]


def _sealed(doc, retitle: str, refingerprint: bool) -> None:
    """Retitle the session in the first sealed record (and, if asked, give the record its new fingerprint)."""
    rev = next(r for r in doc["session_revisions"] if r["record_json"])
    assert rev is doc["session_revisions"][0]
    record = json.loads(rev["record_json"])
    record["session"]["title"] = retitle
    rev["record_json"] = canonical_bytes(record).decode("utf-8")
    if refingerprint:
        rev["fingerprint"] = fingerprint(record)


# (case, how to spoil the document, a fragment the message must hold)
BAD = [
    ("not json", b"{nope", "not valid JSON (line 1"),
    ("not utf-8", "{\"format\": \"caf\xe9\"}".encode("latin-1"), "not UTF-8"),
    ("a list at the top", b"[]", "not a Tension Desk workspace file"),
    ("wrong format", lambda d: d.update(format="something-else"), "not a Tension Desk workspace file"),
    ("newer version", lambda d: d.update(version=2), "version 2 is not supported"),
    ("version true", lambda d: d.update(version=True), "version True is not supported"),
    ("unknown list", lambda d: d.update(widgets=[]), "unknown top-level key(s): 'widgets'"),
    ("missing list", lambda d: d.pop("scores"), "the list 'scores' is missing"),
    ("list is an object", lambda d: d.update(tensions={}), "'tensions' must be a list"),
    ("row not an object", lambda d: d["leaders"].__setitem__(1, "Maya"), "leaders[1]: is not an object"),
    ("dangling score", lambda d: _first(d, "scores").update(priority_id=999_999),
     "scores[0]: priority_id 999999 refers to no entry of priorities"),
    ("dangling tension link", lambda d: d["tension_priorities"][3].update(tension_id=4242),
     "tension_priorities[3]: tension_id 4242 refers to no entry of tensions"),
    ("dangling review session", lambda d: _first(d, "decisions").update(reviewed_in_session_id=77),
     "decisions[0]: reviewed_in_session_id 77 refers to no entry of sessions"),
    ("duplicate id", lambda d: d["priorities"].append(dict(_first(d, "priorities"))), "duplicate id"),
    ("duplicate score", lambda d: d["scores"].append(dict(d["scores"][5])),
     "duplicate (session_id, priority_id, criterion_id, leader_role)"),
    ("two product leaders", lambda d: d["leaders"][1].update(role="product"), "leaders[1]: a second entry with role"),
    ("two plans for a quarter", lambda d: d["capacity_plans"][1].update(quarter=d["capacity_plans"][0]["quarter"]),
     "capacity_plans[1]: a second entry with quarter"),
    ("negative id", lambda d: _first(d, "sessions").update(id=-4), "sessions[0]: id -4 is not a positive id"),
    ("zero id", lambda d: d["agenda"][2].update(priority_id=0), "agenda[2]: priority_id 0 is not a positive id"),
    ("string id", lambda d: _first(d, "tensions").update(id="7"), "tensions[0]: id '7' is not a valid int"),
    ("float id", lambda d: _first(d, "tensions").update(id=7.0), "tensions[0]: id 7.0 is not a valid int"),
    ("bool id", lambda d: _first(d, "criteria").update(id=True), "criteria[0]: id True is not a valid int"),
    ("huge int", lambda d: _first(d, "agenda").update(position=2**70), "agenda[0]: position"),
    ("id beyond a server's integer", lambda d: _first(d, "leaders").update(id=2**31),  # fits SQLite's INTEGER
     "leaders[0]: id 2147483648 is out of range"),
    ("int beyond a server's integer", lambda d: _first(d, "agenda").update(position=-2**31 - 1),
     "agenda[0]: position -2147483649 is out of range"),
    ("huge number", lambda d: _first(d, "criteria").update(weight=10**400), "criteria[0]: weight"),
    ("bad enum", lambda d: _first(d, "priorities").update(side="marketing"),
     "priorities[0]: side 'marketing' must be one of 'product', 'engineering'"),
    ("bad review outcome", lambda d: _first(d, "decisions").update(review_outcome="meh"),
     "decisions[0]: review_outcome"),
    ("bad date", lambda d: _first(d, "sessions").update(date="31/12/2026"),
     "sessions[0]: date '31/12/2026' is not a date like 2026-11-24"),
    ("impossible date", lambda d: _first(d, "decisions").update(review_date="2026-02-30"), "decisions[0]: review_date"),
    ("date as number", lambda d: _first(d, "capacity_plans").update(reviewed_on=20260701),
     "capacity_plans[0]: reviewed_on"),
    ("bad datetime", lambda d: _first(d, "capacity_ledger").update(changed_at="yesterday"),
     "capacity_ledger[0]: changed_at 'yesterday' is not a date and time"),
    ("a time after 9999 in UTC", lambda d: _first(d, "sessions").update(created_at="9999-12-31T23:59:59-01:00"),
     "sessions[0]: created_at '9999-12-31T23:59:59-01:00' is not a date and time"),
    ("a time before year 1 in UTC", lambda d: _first(d, "tensions").update(created_at="0001-01-01T00:00:00+01:00"),
     "tensions[0]: created_at '0001-01-01T00:00:00+01:00' is not a date and time"),
    ("bad quarter", lambda d: _first(d, "sessions").update(quarter="Q4 2026"),
     "sessions[0]: quarter 'Q4 2026' is not a quarter"),
    ("nan effort", "NaN", "is not a finite number"),
    ("infinite share", "Infinity", "is not a finite number"),
    ("negative effort", lambda d: next(p for p in d["priorities"] if p["effort_weeks"]).update(effort_weeks=-1),
     "effort_weeks -1 is outside 0–10000"),
    ("shares over 100", lambda d: _first(d, "capacity_plans").update(product_share=90.0),
     "capacity_plans[0]: the shares add up to 120%"),
    ("score off scale", lambda d: _first(d, "scores").update(value=42), "scores[0]: value 42 is outside"),
    ("inverted scale", lambda d: _first(d, "criteria").update(scale_min=5, scale_max=1), "criteria[0]: scale_min 5"),
    ("null title", lambda d: _first(d, "priorities").update(title=None), "priorities[0]: title must not be null"),
    ("empty title", lambda d: _first(d, "sessions").update(title="  "), "sessions[0]: title is empty"),
    ("missing field", lambda d: _first(d, "priorities").pop("link"), "priorities[0]: missing field(s) 'link'"),
    ("unknown field", lambda d: _first(d, "leaders").update(password="x"), "leaders[0]: unknown field(s) 'password'"),
    ("huge text", lambda d: _first(d, "priorities").update(title="x" * 100_000),
     "priorities[0]: title is 100000 characters long; at most 200"),
    ("huge notes", lambda d: _first(d, "decisions").update(rationale="y" * 20_001), "decisions[0]: rationale is 20001"),
    ("NUL in text", lambda d: _first(d, "tensions").update(statement="a\x00b"), "tensions[0]: statement holds a NUL"),
    ("bidi override in a title", lambda d: _first(d, "priorities").update(title="abc\u202egnp.exe"),
     "priorities[0]: title holds a right-to-left override (U+202E) at character 4"),
    ("zero-width space in a name", lambda d: _first(d, "leaders").update(name="Ma\u200bya"),
     "leaders[0]: name holds a zero-width space (U+200B) at character 3"),
    ("lone surrogate", lambda d: _first(d, "leaders").update(name="Maya \ud800"),
     "leaders[0]: name is not valid Unicode"),
    ("escape in a sealed record", lambda d: _sealed(d, "Q4\x1b]0;PWNED\x07\x1b[2J", refingerprint=True),
     "session_revisions[0]: record_json has text that holds an escape character (\\x1b) at character 3"),
    ("escape in evidence", lambda d: _first(d, "decisions")["evidence_json"]["priorities"][0].update(title="a\x1bb"),
     "decisions[0]: evidence_json has text that holds an escape character (\\x1b) at character 2"),
    ("sealed record changed", lambda d: _sealed(d, "Quietly rewritten", refingerprint=False),
     "session_revisions[0]: the sealed record of session 1, revision 1, does not match its fingerprint"),
    ("sealed record not a record", lambda d: _first(d, "session_revisions").update(record_json='{"session": 5}'),
     "session_revisions[0]: record_json is not a sealed session record"),
    ("evidence not an object", lambda d: _first(d, "decisions").update(evidence_json="{}"),
     "decisions[0]: evidence_json must be a JSON object"),
    ("bool as text", lambda d: _first(d, "sessions").update(notes=False),
     "sessions[0]: notes False is not a valid text"),
    ("number as bool", lambda d: _first(d, "sessions").update(revealed=1),
     "sessions[0]: revealed 1 is not a valid bool"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "nests lists or objects too deeply"),
    ("thousands of digits", b'{"format": "tension-desk-workspace", "version": 1' + b"0" * 5000 + b"}",
     "not usable JSON (Exceeds the limit (4300 digits) for integer string conversion)"),
]


def spoil(sample_text: str, how) -> bytes:
    if isinstance(how, bytes):
        return how
    doc = json.loads(sample_text)
    if how == "NaN":
        p = next(p for p in doc["priorities"] if p["effort_weeks"])
        p["effort_weeks"] = float("nan")
        return json.dumps(doc).encode()
    if how == "Infinity":
        doc["capacity_ledger"][1]["engineering_share"] = float("inf")
        return json.dumps(doc).encode()
    how(doc)
    return json.dumps(doc).encode()  # ASCII, so a lone surrogate arrives as a \ud800 escape


@pytest.mark.parametrize("store_url", [None], ids=["sqlite"])  # refused before any store is read: see below
@pytest.mark.parametrize(("how", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_bad_workspace_file_is_refused_with_a_message_and_the_store_stays_empty(
        sample_text, another_store, how, expected):
    raw = spoil(sample_text, how)
    with pytest.raises(WorkspaceImportError, match=re.escape(expected)):
        parse_workspace(raw)  # the file alone is refused, whichever store it was meant for: one store shows the rest
    other = another_store()
    before = dump(other)
    with pytest.raises(WorkspaceImportError, match=re.escape(expected)) as err:
        import_workspace(other, raw)
    message = str(err.value)
    assert "\n" not in message and len(message) < 400
    assert store_is_empty(other) and dump(other) == before


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
    | st.sampled_from(["", "2026-11-24", "2026-Q4", "product", "decided", "2026-11-24T10:00:00+02:00",
                       "9999-12-31T23:59:59-01:00", 2**31]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # a new store each
@given(data=st.data(), value=json_values)
def test_any_one_changed_field_imports_cleanly_or_is_refused_with_a_message(sample_text, another_store, data, value):
    doc = json.loads(sample_text)
    key = data.draw(st.sampled_from([k for k in LISTS if doc[k]]), label="list")
    index = data.draw(st.integers(0, len(doc[key]) - 1), label="index")
    field = data.draw(st.sampled_from(sorted(doc[key][index])), label="field")
    doc[key][index][field] = value
    raw = json.dumps(doc).encode()
    other = another_store()
    try:
        before = dump(other)
        try:
            import_workspace(other, raw)
        except WorkspaceImportError as exc:
            # named by list and index: a problem found by the checks, never one the database ran into
            assert re.match(r"^[a-z_]+\[\d+\]: \S", str(exc)), str(exc)
            assert dump(other) == before
        else:  # accepted: what it stored exports to a file that is accepted again
            assert not store_is_empty(other)
            parse_workspace(workspace_json(other).encode("utf-8"))
    finally:
        other.engine.dispose()  # a hundred stores: none keeps a connection open


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=500) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_are_a_workspace_or_refused_with_a_message(raw):
    try:
        rows = parse_workspace(raw)
    except WorkspaceImportError as exc:
        assert str(exc)
    else:
        assert set(rows) == set(LISTS)


def test_a_non_utc_time_is_stored_in_utc(another_store, sample_text):
    doc = json.loads(sample_text)
    doc["capacity_ledger"][0]["changed_at"] = "2026-07-01T12:00:00+02:00"
    other = another_store()
    import_workspace(other, json.dumps(doc).encode())
    assert export_workspace(other)["capacity_ledger"][0]["changed_at"] == "2026-07-01T10:00:00+00:00"


def test_a_workspace_file_larger_than_import_reads_is_never_written(desk, monkeypatch):
    from tension_desk.domain import limits
    from tension_desk.services.workspace_io import WorkspaceTooLarge, workspace_file

    rich_sample(desk)
    size = len(workspace_json(desk).encode("utf-8"))
    # The rule is the same at any size; at the real cap (200 MB) the store would take minutes to fill.
    monkeypatch.setattr(limits, "WORKSPACE_FILE", size)
    assert parse_workspace(workspace_file(desk))  # at the cap: written, and read again
    monkeypatch.setattr(limits, "WORKSPACE_FILE", size - 1)
    with pytest.raises(WorkspaceTooLarge, match=r"^the workspace would be a 0 MB file, and import-workspace reads at "
                                                r"most 0 MB, so none was written; `tension-desk backups` and copy"):
        workspace_file(desk)
