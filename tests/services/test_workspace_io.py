"""The workspace JSON: export → import into an empty store → export is identical; bad files change nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import WorkspaceImportError, import_workspace, workspace_json
from tension_desk.store.engine import open_store


def fresh(tmp_path, name="other"):
    return Desk(open_store(tmp_path / name))


def test_round_trip_is_byte_identical(desk, tmp_path):
    add_sample(desk)
    first = workspace_json(desk)
    other = fresh(tmp_path)
    counts = import_workspace(other, first.encode())
    assert counts["sessions"] == 3 and counts["decisions"] == 2 and counts["capacity_plans"] == 2
    assert workspace_json(other) == first
    assert other.decisions()[0].evidence == desk.decisions()[0].evidence
    other.engine.dispose()


def test_importing_into_a_non_empty_store_is_refused_and_changes_nothing(desk, tmp_path):
    add_sample(desk)
    text = workspace_json(desk)
    with pytest.raises(WorkspaceImportError, match="not empty"):
        import_workspace(desk, text.encode())
    assert workspace_json(desk) == text


def mutate(doc: dict, how: str) -> bytes:
    if how == "not json":
        return b"{nope"
    if how == "random bytes":
        return os.urandom(300)
    if how == "wrong format":
        doc["format"] = "something-else"
    elif how == "missing list":
        del doc["scores"]
    elif how == "dangling score":
        doc["scores"][0]["priority_id"] = 999_999
    elif how == "duplicate id":
        doc["priorities"].append(dict(doc["priorities"][0]))
    elif how == "negative id":
        doc["sessions"][0]["id"] = -4
    elif how == "bad enum":
        doc["priorities"][0]["side"] = "marketing"
    elif how == "bad date":
        doc["sessions"][0]["date"] = "31/12/2026"
    elif how == "nan effort":
        return json.dumps(doc).replace('"effort_weeks": 6.0', '"effort_weeks": NaN', 1).encode()
    elif how == "score off scale":
        doc["scores"][0]["value"] = 42
    elif how == "string id":
        doc["tensions"][0]["id"] = "7"
    elif how == "unknown field":
        doc["leaders"][0]["password"] = "x"
    elif how == "huge text":
        doc["priorities"][0]["title"] = "x" * 100_000
    return json.dumps(doc).encode()


@pytest.fixture(scope="module")
def sample_doc(tmp_path_factory):
    d = Desk(open_store(tmp_path_factory.mktemp("ws") / "data"))
    add_sample(d)
    text = workspace_json(d)
    d.engine.dispose()
    return text


@pytest.mark.parametrize("how", ["not json", "random bytes", "wrong format", "missing list", "dangling score",
                                 "duplicate id", "negative id", "bad enum", "bad date", "nan effort",
                                 "score off scale", "string id", "unknown field", "huge text"])
def test_a_bad_workspace_file_is_refused_with_a_message_and_the_store_stays_empty(sample_doc, tmp_path, how):
    doc = json.loads(sample_doc)
    other = fresh(tmp_path)
    with pytest.raises(WorkspaceImportError) as err:
        import_workspace(other, mutate(doc, how))
    print(how, "→", err.value)
    assert str(err.value)
    assert json.loads(workspace_json(other))["sessions"] == []
    other.engine.dispose()


def test_the_workspace_commands(tmp_path):
    run = [sys.executable, "-m", "tension_desk"]
    a, b = tmp_path / "a", tmp_path / "b"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    assert subprocess.run(run + ["--data-dir", str(a), "sample"], env=env, capture_output=True).returncode == 0
    out1, out2 = tmp_path / "1.json", tmp_path / "2.json"
    r = subprocess.run(run + ["export-workspace", "-o", str(out1), "--data-dir", str(a)], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(run + ["--data-dir", str(b), "import-workspace", str(out1)], env=env, capture_output=True, text=True)
    assert r.returncode == 0 and "imported 3 sessions" in r.stdout, r.stderr
    subprocess.run(run + ["export-workspace", "-o", str(out2), "--data-dir", str(b)], env=env, check=True)
    assert out1.read_bytes() == out2.read_bytes()
    again = subprocess.run(run + ["import-workspace", str(out1), "--data-dir", str(b)], env=env, capture_output=True, text=True)
    assert again.returncode != 0 and "not empty" in again.stderr and "Traceback" not in again.stderr
