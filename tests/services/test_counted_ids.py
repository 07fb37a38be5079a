"""Ids a workspace file brings leave room for the rows added after the import, on either store.

The app numbers a new row on from the highest id (and a new criterion or agenda entry on from the highest
position). A file holding 2³¹ − 1, the server's integer, imported on SQLite, and the next new row took an id
no server holds and no workspace file imports; on a server the import failed in the store's own words. Such a
file is refused by the checks, on both stores, in one line naming the list, the field and the value.
"""
from __future__ import annotations

import json
import re

import pytest

from tension_desk.domain import limits
from tension_desk.domain.model import Criterion, PriorityDraft, Side
from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import (
    COUNTED,
    REFERENCES,
    WorkspaceImportError,
    import_workspace,
    store_is_empty,
    workspace_json,
)
from tension_desk.store.engine import open_store


@pytest.fixture(scope="module")
def sample_doc(tmp_path_factory) -> dict:
    """The sample workspace's file, with a workspace row (the sample has none), as a dict."""
    desk = Desk(open_store(tmp_path_factory.mktemp("x5") / "data", daily_backup=False))
    add_sample(desk)
    doc = json.loads(workspace_json(desk))
    desk.engine.dispose()
    doc["workspace"] = [{"id": 1, "name": "Acme", "created_at": "2026-01-05T09:00:00+00:00"}]
    return doc


def renumber(doc: dict, key: str, old: int, new: int) -> None:
    """Give entry ``old`` of list ``key`` the id ``new``, and every reference to it too."""
    next(r for r in doc[key] if r["id"] == old)["id"] = new
    for (referrer, column), target in REFERENCES.items():
        for row in doc[referrer] if target == key else ():
            if row[column] == old:
                row[column] = new


def highest(doc: dict, key: str, field: str, value: int, where=lambda row: True) -> dict:
    """Make the entry of ``key`` with the highest ``field`` (among those ``where`` picks) hold ``value``."""
    row = max((r for r in doc[key] if where(r)), key=lambda r: r[field])
    if field == "id":
        renumber(doc, key, row["id"], value)
    else:
        row[field] = value
    return row


def test_every_counted_field_is_an_id_or_a_position_the_app_counts_on_from():
    assert {field for _key, field in COUNTED} == {"id", "position"}
    assert {key for key, field in COUNTED if field == "id"} == {
        "workspace", "leaders", "criteria", "sessions", "priorities", "tensions", "decisions", "capacity_plans",
        "capacity_ledger"}


@pytest.mark.parametrize(("key", "field"), sorted(COUNTED), ids=[f"{k}.{f}" for k, f in sorted(COUNTED)])
def test_a_file_whose_id_leaves_no_room_for_the_next_row_is_refused_and_imports_nothing(
        sample_doc, another_store, key, field):
    doc = json.loads(json.dumps(sample_doc))
    row = highest(doc, key, field, limits.INTEGER)
    index = doc[key].index(row)
    other = another_store()
    expected = f"{key}[{index}]: {field} {limits.INTEGER} leaves too little room for new rows"
    with pytest.raises(WorkspaceImportError, match=re.escape(expected)) as err:
        import_workspace(other, json.dumps(doc).encode())
    assert "\n" not in str(err.value) and str(limits.COUNTED) in str(err.value)
    assert store_is_empty(other)


def test_a_file_at_the_bound_imports_and_takes_new_rows_numbered_on_from_it_and_one_past_it_is_refused(
        sample_doc, another_store):
    doc = json.loads(json.dumps(sample_doc))
    session = max(doc["sessions"], key=lambda s: s["id"])  # the newest session: its agenda still takes priorities
    on_agenda = {a["priority_id"] for a in doc["agenda"] if a["session_id"] == session["id"]}
    product = [p for p in doc["priorities"] if p["side"] == "product" and p["id"] in on_agenda]
    renumber(doc, "priorities", max(p["id"] for p in doc["priorities"]), limits.COUNTED)
    highest(doc, "agenda", "position", limits.COUNTED,
            where=lambda a: a["session_id"] == session["id"] and a["priority_id"] in {p["id"] for p in product})
    highest(doc, "criteria", "position", limits.COUNTED)

    for key, field in (("priorities", "id"), ("agenda", "position"), ("criteria", "position")):
        one_past = json.loads(json.dumps(doc))
        row = next(r for r in one_past[key] if r[field] == limits.COUNTED)
        row[field] = limits.COUNTED + 1  # (an id: nothing refers to it, and the id check comes first)
        expected = f"{key}[{one_past[key].index(row)}]: {field} {limits.COUNTED + 1} leaves too little room"
        with pytest.raises(WorkspaceImportError, match=re.escape(expected)):
            import_workspace(another_store(), json.dumps(one_past).encode())

    other = another_store()
    import_workspace(other, json.dumps(doc).encode())
    added = other.priorities.add_many(session["id"], [PriorityDraft(title=f"After the import {n}", side=Side.PRODUCT)
                                                      for n in (1, 2)])
    assert [p.id for p in added] == [limits.COUNTED + 1, limits.COUNTED + 2]
    other.criteria.add(Criterion(id=None, name="Reach", weight=1.0))
    stored = json.loads(workspace_json(other))
    positions = {a["priority_id"]: a["position"] for a in stored["agenda"] if a["session_id"] == session["id"]}
    assert [positions[p.id] for p in added] == [limits.COUNTED + 1, limits.COUNTED + 2]
    assert max(c["position"] for c in stored["criteria"]) == limits.COUNTED + 1
