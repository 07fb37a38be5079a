"""Choosing the store from the command line: --store before or after the command, TENSION_DESK_STORE, the URL
this machine remembers; every command on either store; the daily backup of a shared workspace."""
from __future__ import annotations

import json

import pytest

from tension_desk.cli import main
from tension_desk.paths import remember_store_url


def _titles(capsys, argv) -> list[str]:
    capsys.readouterr()
    assert main(argv) == 0, capsys.readouterr().err
    return [s["title"] for s in json.loads(capsys.readouterr().out)]


@pytest.fixture
def shared(data_dir, pg_url, capsys):
    """A shared workspace with the sample in it; the local store stays empty."""
    assert main(["--store", pg_url, "sample"]) == 0
    capsys.readouterr()
    return pg_url


def test_store_before_or_after_the_command_and_from_the_environment(shared, data_dir, capsys, monkeypatch):
    on_server = _titles(capsys, ["--store", shared, "sessions", "--json"])
    assert on_server and _titles(capsys, ["sessions", "--json", "--store", shared]) == on_server
    assert _titles(capsys, ["sessions", "--json"]) == []  # the local store is untouched
    monkeypatch.setenv("TENSION_DESK_STORE", shared)
    assert _titles(capsys, ["sessions", "--json"]) == on_server
    assert _titles(capsys, ["--store", "local", "sessions", "--json"]) == []


def test_the_machine_remembers_its_shared_workspace(shared, data_dir, capsys):
    on_server = _titles(capsys, ["--store", shared, "sessions", "--json"])
    remember_store_url(data_dir, shared)
    assert _titles(capsys, ["sessions", "--json"]) == on_server
    assert shared in (data_dir / "shared-workspace.url").read_text()
    remember_store_url(data_dir, None)
    assert _titles(capsys, ["sessions", "--json"]) == []


def test_opening_a_shared_workspace_leaves_a_daily_workspace_json_in_the_local_data_dir(shared, data_dir, capsys):
    backups = list((data_dir / "backups" / "shared").glob("workspace-*-daily.json"))
    assert len(backups) == 1
    doc = json.loads(backups[0].read_text())
    assert doc["format"] == "tension-desk-workspace" and doc["sessions"] == []  # taken on open, before `sample`
    assert main(["--store", shared, "sessions"]) == 0  # once a day: the second open keeps the first
    assert list((data_dir / "backups" / "shared").glob("*.json")) == backups


def test_a_backup_that_cannot_be_written_warns_and_the_command_still_runs(data_dir, pg_url, capsys):
    (data_dir / "backups").mkdir(parents=True)
    (data_dir / "backups" / "shared").write_text("a file where the folder should be")
    assert main(["--store", pg_url, "sessions"]) == 0
    err = capsys.readouterr().err
    assert "warning: today's backup of the shared workspace could not be made" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["sessions"], ["export-workspace", "-o", "-"], ["outcomes"]])
def test_an_unreachable_server_is_one_line_for_every_command(argv, data_dir, tmp_path, capsys):
    assert main(["--store", f"postgresql+psycopg://postgres@/db?host={tmp_path}", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("tension-desk: cannot reach the shared workspace") and err.count("\n") == 1
    assert "Traceback" not in err


def test_a_url_with_a_password_is_refused_before_anything_is_opened(data_dir, capsys):
    assert main(["--store", "postgresql://maya:secret@db.example/tension", "sessions"]) == 1
    err = capsys.readouterr().err
    assert "never stores one" in err and "~/.pgpass" in err and "secret" not in err


def test_the_app_opens_a_shared_workspace(shared, data_dir, qtbot, no_dialogs):
    from tension_desk.app import build_window, make_application

    make_application()
    w = build_window(data_dir, shared)
    qtbot.addWidget(w)
    try:
        assert [s.title for s in w.ctx.desk.sessions.list()] and w.startup_warnings == []
    finally:
        w.close()
        w.ctx.desk.engine.dispose()


def test_the_app_shows_an_unreachable_server_in_a_dialog(data_dir, tmp_path, qapp, monkeypatch):
    from tension_desk import app

    told = []
    monkeypatch.setattr(app, "_tell", lambda parent, text, critical=True: told.append(text))
    assert app.run_gui(str(data_dir), f"postgresql+psycopg://postgres@/db?host={tmp_path}") == 1
    assert len(told) == 1 and told[0].startswith("cannot reach the shared workspace")


def test_every_command_works_on_either_store(store_url, data_dir, tmp_path, capsys):
    """The commands a user runs, in one process, on the store the environment names (SQLite or PostgreSQL)."""
    def ok(*argv) -> str:
        capsys.readouterr()
        assert main(list(argv)) == 0, capsys.readouterr().err
        return capsys.readouterr().out

    ids = [int(line) for line in ok("sample").split()]
    november = ids[-1]
    sessions = json.loads(ok("sessions", "--json"))
    assert sorted(s["id"] for s in sessions) == sorted(ids)
    csv = tmp_path / "more.csv"
    csv.write_text("title,side,effort_weeks\nDark mode,product,2\nKill the cron box,engineering,1\n", encoding="utf-8")
    assert "imported 2 priorities" in ok("import-csv", str(csv), "--session", str(november))
    for fmt in ("pdf", "md", "csv", "json"):
        ok("export", "--session", str(november), "--format", fmt, "-o", str(tmp_path / f"november.{fmt}"))
    assert "Dark mode" in (tmp_path / "november.md").read_text(encoding="utf-8")
    ok("export-log", "--format", "md", "-o", str(tmp_path / "log.md"))
    ok("export-review", "--quarter", sessions[0]["quarter"], "-o", str(tmp_path / "review.pdf"))
    assert json.loads(ok("outcomes", "--json"))
    ok("export-workspace", "-o", str(tmp_path / "ws.json"))
    september = min(ids)
    ok("export", "--session", str(september), "--format", "pdf", "-o", str(tmp_path / "september.pdf"))
    assert ok("verify", str(tmp_path / "september.pdf")).startswith("verified: ")
    other = tmp_path / "other"  # the workspace file goes into an empty embedded store on another machine
    assert "imported 3 sessions" in ok("--store", "local", "--data-dir", str(other), "import-workspace",
                                       str(tmp_path / "ws.json"))
    capsys.readouterr()
    assert main(["import-workspace", str(tmp_path / "ws.json")]) == 1  # never over a workspace that has rows
    assert "the store is not empty" in capsys.readouterr().err


def test_an_export_may_be_named_like_the_database_of_a_shared_workspace(shared, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = shared.split("/")[3].split("?")[0]  # a database name is not a file of the store
    assert main(["--store", shared, "export-workspace", "-o", name]) == 0, capsys.readouterr().err
    assert json.loads((tmp_path / name).read_text())["sessions"]


def test_restore_of_a_local_backup_is_refused_on_a_shared_workspace_and_says_what_to_do(shared, capsys):
    assert main(["--store", shared, "restore", "anything.sqlite3"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "import-workspace --store URL" in err


def test_backups_lists_the_daily_copies_of_a_shared_workspace(shared, data_dir, capsys):
    assert main(["--store", shared, "backups"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].endswith("-daily.json") and str(data_dir / "backups" / "shared") in out[0]
    assert main(["backups"]) == 0  # the local store has none of its own
    assert capsys.readouterr().out == "no backups yet\n"
