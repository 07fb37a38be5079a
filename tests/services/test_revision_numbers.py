"""A session's revisions in a workspace file are numbered 1, 2, 3…, as the app numbers them.

The app numbers a session's next revision on from how many it has (services/sealing.py). A file whose sealed
session had revision 2 and no revision 1 imported, and reopening that session then failed on either store with
the store's own duplicate-key error. Such a file is refused by the checks, in one line.
"""
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
    desk = Desk(open_store(tmp_path_factory.mktemp("x5-rev") / "data", daily_backup=False))
    add_sample(desk)
    doc = json.loads(workspace_json(desk))
    desk.engine.dispose()
    return doc


@pytest.mark.parametrize("number", [2, 0, -3])
def test_a_sessions_revisions_not_numbered_from_one_are_refused_and_nothing_is_imported(
        sample_doc, another_store, number):
    doc = json.loads(json.dumps(sample_doc))
    revision = doc["session_revisions"][0]
    revision["revision"] = number
    other = another_store()
    expected = (f"session_revisions[0]: revision {number} of session {revision['session_id']}: its 1 revision(s) "
                "are numbered 1 to 1")
    with pytest.raises(WorkspaceImportError, match=re.escape(expected)):
        import_workspace(other, json.dumps(doc).encode())
    assert store_is_empty(other)

