"""Opening a session from code (File menu, Discuss next, a relaunch: ``MainWindow.select_session``) reads the store
as a click in the session list does: one snapshot of at most five statements, nothing read again after it."""
from __future__ import annotations

from sqlalchemy import event

from tension_desk.domain.model import SessionStatus
from tension_desk.services.sample import add_sample


def test_selecting_a_session_reads_one_snapshot_and_nothing_after_it(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    desk.sessions.update(ids[0], status=SessionStatus.CLOSED)  # leaving it saves no meeting time
    w = make_window()
    engine = w.ctx.desk.engine
    for sid in (ids[-1], ids[1]):  # blind scoring (exports off), revealed
        w.select_session(ids[0])
        statements: list[str] = []

        def seen(conn, cursor, sql, params, context, executemany, statements=statements):
            statements.append(sql)

        event.listen(engine, "before_cursor_execute", seen)
        try:
            w.select_session(sid)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        assert len(statements) <= 5, "\n".join(statements)
        assert w.session_view.session.id == sid and w.windowTitle().startswith(desk.sessions.get(sid).title)
