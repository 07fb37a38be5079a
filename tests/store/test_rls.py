"""Row-level security (init-server): the database, not the app, keeps blind scoring blind. Each seat's login is
checked directly in SQL, with no Tension Desk code between it and the server."""
from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from tension_desk.cli import main
from tension_desk.domain.model import Leader, PriorityDraft, Side
from tension_desk.services.desk import Desk


@pytest.fixture
def ws(seated_workspace):
    """A session with one priority, scored by both leaders (the owner wrote them: it is not limited)."""
    desk = Desk(seated_workspace.owner)
    desk.workspace.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"),
                               Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    session = desk.sessions.create("November session", dt.date(2026, 11, 17))
    priority = desk.priorities.add(session.id, PriorityDraft(title="SSO", side=Side.PRODUCT))
    criteria = desk.scoring.criteria(session.id)
    desk.scoring.set_score(session.id, priority.id, criteria[0].id, Side.PRODUCT, 4)
    desk.scoring.set_score(session.id, priority.id, criteria[0].id, Side.ENGINEERING, 1)
    seated_workspace.session_id, seated_workspace.priority_id = session.id, priority.id
    seated_workspace.criteria = [c.id for c in criteria]
    return seated_workspace


def _as(ws, login: str) -> psycopg.Connection:
    return psycopg.connect(ws.url(login).replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def _scores(conn) -> list[tuple[str, int]]:
    return conn.execute("SELECT leader_role, value FROM score ORDER BY leader_role").fetchall()


def _reveal(ws) -> None:
    with ws.owner.begin() as conn:
        conn.exec_driver_sql("UPDATE session SET product_done = true, engineering_done = true, revealed = true")


def test_before_the_reveal_each_leader_reads_only_their_own_scores(ws):
    with _as(ws, ws.logins.product) as maya, _as(ws, ws.logins.engineering) as daniel:
        assert _scores(maya) == [("product", 4)]
        assert _scores(daniel) == [("engineering", 1)]
        assert maya.execute("SELECT count(*), max(value) FROM score WHERE leader_role = 'engineering'").fetchone() \
            == (0, None)
        _reveal(ws)
        assert _scores(maya) == _scores(daniel) == [("engineering", 1), ("product", 4)]


def test_a_leader_cannot_write_the_other_side_s_scores(ws):
    sid, pid, crit = ws.session_id, ws.priority_id, ws.criteria
    with _as(ws, ws.logins.product) as maya:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            maya.execute("INSERT INTO score (session_id, priority_id, criterion_id, leader_role, value, comment) "
                         "VALUES (%s, %s, %s, 'engineering', 5, '')", (sid, pid, crit[1]))
        assert maya.execute("UPDATE score SET value = 5 WHERE leader_role = 'engineering'").rowcount == 0
        assert maya.execute("DELETE FROM score WHERE leader_role = 'engineering'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            maya.execute("UPDATE score SET leader_role = 'engineering' WHERE leader_role = 'product'")
        maya.execute("INSERT INTO score (session_id, priority_id, criterion_id, leader_role, value, comment) "
                     "VALUES (%s, %s, %s, 'product', 2, '')", (sid, pid, crit[1]))
        assert maya.execute("UPDATE score SET value = 3 WHERE leader_role = 'product'").rowcount == 2
    with ws.owner.connect() as conn:
        assert conn.exec_driver_sql("SELECT leader_role, value FROM score ORDER BY leader_role, criterion_id").all() \
            == [("engineering", 1), ("product", 3), ("product", 3)]


def test_the_database_refuses_a_reveal_before_both_leaders_are_done(ws):
    with _as(ws, ws.logins.product) as maya:
        maya.execute("UPDATE session SET product_done = true")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            maya.execute("UPDATE session SET revealed = true")
    with _as(ws, ws.logins.engineering) as daniel:
        daniel.execute("UPDATE session SET engineering_done = true")
        daniel.execute("UPDATE session SET revealed = true")
        assert _scores(daniel) == [("engineering", 1), ("product", 4)]


def test_a_viewer_reads_revealed_sessions_only_and_writes_nothing(ws):
    with _as(ws, ws.logins.viewer) as viewer:
        assert viewer.execute("SELECT count(*) FROM session").fetchone() == (0,)
        assert _scores(viewer) == []
        assert viewer.execute("SELECT count(*) FROM session_priority").fetchone() == (0,)
        _reveal(ws)
        assert viewer.execute("SELECT title FROM session").fetchall() == [("November session",)]
        assert _scores(viewer) == [("engineering", 1), ("product", 4)]
        for statement in ("UPDATE session SET notes = 'x'", "DELETE FROM score",
                          "INSERT INTO priority (title, description, side, status, link, created_at) "
                          "VALUES ('x', '', 'product', 'proposed', '', now())"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                viewer.execute(statement)


def test_init_server_on_the_command_line_names_each_seat_and_can_run_again(ws, data_dir, capsys):
    argv = ["--store", ws.owner.url.render_as_string(hide_password=False), "init-server",
            "--product-login", ws.logins.product, "--engineering-login", ws.logins.engineering]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"product: {ws.logins.product} (in {ws.groups['product']})" in out
    assert "viewer: no login" in out
    with _as(ws, ws.logins.product) as maya:  # run again: the policies are the same, not doubled
        assert _scores(maya) == [("product", 4)]
    with _as(ws, ws.logins.viewer) as former, pytest.raises(  # no longer the viewer: it reads nothing at all
            psycopg.errors.InsufficientPrivilege, match="permission denied for table session"):
        former.execute("SELECT count(*) FROM session")


@pytest.mark.parametrize(("logins", "message"), [
    (["--product-login", "nobody_here", "--engineering-login", "postgres"], "no PostgreSQL login 'nobody_here'"),
    (["--product-login", "postgres", "--engineering-login", "postgres"], "each seat needs its own login"),
])
def test_init_server_refuses_bad_logins_in_one_line(pg_url, data_dir, capsys, logins, message):
    assert main(["--store", pg_url, "init-server", *logins]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_init_server_needs_a_shared_workspace(data_dir, capsys):
    assert main(["init-server", "--product-login", "a", "--engineering-login", "b"]) == 1
    assert "give --store URL" in capsys.readouterr().err
