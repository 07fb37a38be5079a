"""`copy-store`: the local store into an empty shared workspace and back, ids kept, all or nothing."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from tension_desk.cli import main
from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import export_workspace
from tension_desk.store.engine import open_store


def _workspace(data_dir, url=None) -> dict:
    desk = Desk(open_store(data_dir, url=url))
    try:
        return export_workspace(desk)
    finally:
        desk.engine.dispose()


@pytest.fixture
def sampled(data_dir):
    desk = Desk(open_store(data_dir))
    add_sample(desk)
    desk.engine.dispose()
    return _workspace(data_dir)


def test_copy_to_a_server_keeps_every_row_and_id_and_new_rows_get_new_ids(sampled, data_dir, pg_url, capsys):
    assert main(["copy-store", "--to", pg_url]) == 0
    assert f"sessions, {len(sampled['priorities'])} priorities" in capsys.readouterr().out
    assert _workspace(data_dir, pg_url) == sampled
    shared = Desk(open_store(data_dir, url=pg_url))
    session = shared.sessions.list()[0]
    new = shared.sessions.create("After the move", session.date)  # the sequences were advanced past the copied ids
    shared.engine.dispose()
    assert new.id == max(s["id"] for s in sampled["sessions"]) + 1


def test_copy_back_from_a_server_into_an_empty_local_store(sampled, data_dir, pg_url, tmp_path):
    assert main(["copy-store", "--to", pg_url]) == 0
    assert main(["--data-dir", str(tmp_path / "laptop"), "copy-store", "--from", pg_url]) == 0
    assert _workspace(tmp_path / "laptop") == sampled


def test_copy_into_a_workspace_that_is_not_empty_is_refused_and_changes_nothing(sampled, data_dir, pg_url, capsys):
    engine = open_store(data_dir, url=pg_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO workspace (name, created_at) VALUES ('theirs', now())"))
    engine.dispose()
    assert main(["copy-store", "--to", pg_url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not empty; copy-store only fills an empty one" in err
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM session")).scalar_one() == 0
    engine.dispose()


def test_a_copy_the_server_refuses_half_way_leaves_the_database_empty(sampled, data_dir, pg_url, capsys):
    engine = open_store(data_dir, url=pg_url)
    with engine.begin() as conn:  # the server refuses the decisions, after sessions, priorities, scores… were written
        conn.execute(text("ALTER TABLE decision ADD CONSTRAINT no_decisions CHECK (id < 0)"))
    engine.dispose()
    assert sampled["decisions"] and sampled["scores"]
    assert main(["copy-store", "--to", pg_url]) == 1
    assert "nothing was imported" in capsys.readouterr().err
    assert all(rows == [] for key, rows in _workspace(data_dir, pg_url).items() if isinstance(rows, list))


def test_copy_store_to_an_unreachable_server_is_one_line(sampled, tmp_path, capsys):
    assert main(["copy-store", "--to", f"postgresql+psycopg://postgres@/x?host={tmp_path}"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tension-desk: cannot reach the shared workspace") and err.count("\n") == 1


def test_copy_store_needs_a_direction(capsys):
    with pytest.raises(SystemExit, match="2"):
        main(["copy-store"])
    assert "one of the arguments --to --from is required" in capsys.readouterr().err


def test_workspace_json_export_reads_the_same_from_either_store(sampled, data_dir, pg_url, capsys):
    assert main(["copy-store", "--to", pg_url]) == 0
    capsys.readouterr()
    assert main(["export-workspace", "-o", "-"]) == 0
    local = json.loads(capsys.readouterr().out)
    assert main(["--store", pg_url, "export-workspace", "-o", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == local


def test_copy_to_a_server_from_a_folder_without_a_store_is_refused_and_creates_nothing(tmp_path, pg_url, capsys):
    empty = tmp_path / "nothing-here"
    assert main(["--data-dir", str(empty), "copy-store", "--to", pg_url]) == 1
    assert f"there is no store in {empty} to copy" in capsys.readouterr().err
    assert not empty.exists()
