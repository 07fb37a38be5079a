"""A closed session's documents are made from its sealed record: a workspace file whose revision row holds the
sealed record of another session (or another revision) is refused in one line, and nothing is imported. Before,
it imported, and the September session's PDF, Markdown and CSV were the October session's record."""
from __future__ import annotations

import json
import re

import pytest

from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import WorkspaceImportError, import_workspace, store_is_empty, workspace_json
from tension_desk.store.engine import open_store


@pytest.fixture(scope="module")
def sample_doc(tmp_path_factory) -> dict:
    desk = Desk(open_store(tmp_path_factory.mktemp("x8-sealed") / "data", daily_backup=False))
    add_sample(desk)  # September and October are closed: one sealed revision each
    doc = json.loads(workspace_json(desk))
    desk.engine.dispose()
    return doc


def swapped(doc: dict) -> dict:
    """September's revision row holding October's sealed record (with its own, matching fingerprint)."""
    doc = json.loads(json.dumps(doc))
    september, october = doc["session_revisions"]
    for field in ("record_json", "fingerprint"):
        september[field], october[field] = october[field], september[field]
    return doc


def moved_to_the_live_session(doc: dict) -> dict:
    """September's sealed record filed as November's (live) first revision."""
    doc = json.loads(json.dumps(doc))
    november = max(s["id"] for s in doc["sessions"])
    doc["session_revisions"].append({**doc["session_revisions"][0], "session_id": november})
    return doc


@pytest.mark.parametrize(("forge", "index", "expected"), [
    (swapped, 0, "session_revisions[0]: the sealed record of session 1, revision 1, is the record of session 2, "
                 "revision 1"),
    (moved_to_the_live_session, 2, "session_revisions[2]: the sealed record of session 3, revision 1, is the record "
                                   "of session 1, revision 1"),
], ids=["another session's record", "filed under another session"])
def test_a_sealed_record_filed_under_another_session_is_refused_and_nothing_is_imported(sample_doc, another_store,
                                                                                       forge, index, expected):
    doc = forge(sample_doc)
    assert [s["id"] for s in doc["sessions"]] == [1, 2, 3]
    other = another_store()
    with pytest.raises(WorkspaceImportError, match=re.escape(expected)):
        import_workspace(other, json.dumps(doc).encode())
    assert store_is_empty(other)


def test_the_apps_own_workspace_file_imports_with_its_sealed_records(sample_doc, another_store):
    other = another_store()
    import_workspace(other, json.dumps(sample_doc).encode())
    assert not store_is_empty(other)
