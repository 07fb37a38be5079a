"""A batch the server refuses ends in the one-line message, and nothing else on stderr.

psycopg sends a batch (executemany) in pipeline mode; when the server refuses one row, the rows queued behind
it come back aborted, and psycopg logs that as a warning ("error ignored terminating <psycopg.Pipeline ...>:
pipeline aborted"), which Python printed on stderr beside the command's own line. The checks of a workspace
file keep the refusals they know of from reaching the server; this one is a rule the server alone holds (as a
database administrator may add), so only the server refuses it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import workspace_json
from tension_desk.store.engine import open_store

RULE = "ALTER TABLE score ADD CONSTRAINT house_rule CHECK (comment <> 'Refused by the server')"


def run(*args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("TENSION_DESK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture(scope="module")
def refused_file(tmp_path_factory):
    """A sample workspace file whose first score (of hundreds, sent in one batch) the server's rule refuses."""
    tmp = tmp_path_factory.mktemp("x5-batch")
    desk = Desk(open_store(tmp / "data", daily_backup=False))
    add_sample(desk)
    doc = json.loads(workspace_json(desk))
    desk.engine.dispose()
    assert len(doc["scores"]) > 400
    doc["scores"][0]["comment"] = "Refused by the server"
    path = tmp / "workspace.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_a_batch_the_server_refuses_ends_in_one_line_and_nothing_else_on_stderr(
        refused_file, pg_workspace_url, tmp_path):
    engine = create_engine(pg_workspace_url)
    with engine.begin() as conn:
        conn.execute(text(RULE))
    engine.dispose()
    r = run("import-workspace", refused_file, "--store", pg_workspace_url, "--data-dir", tmp_path / "data")
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr == ('tension-desk: the store refused the workspace (new row for relation "score" violates '
                        'check constraint "house_rule"); nothing was imported\n')
    r = run("sessions", "--json", "--store", pg_workspace_url, "--data-dir", tmp_path / "data")
    assert r.returncode == 0 and json.loads(r.stdout) == []  # nothing was imported
