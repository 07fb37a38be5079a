"""The server restarting mid-meeting: the status bar says "Reconnecting…" and the app reconnects; an edit in
flight is either saved or shown as not saved with a Retry (and is not on the undo stack until it is saved);
the status bar never says saved while something is not."""
from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store
from tension_desk.ui import commands as cmd


@pytest.fixture
def meeting(pg_cluster, pg_url, qtbot, data_dir, leaders, no_dialogs):
    """A window on a shared workspace with an open November session (not shown: nothing asks a question);
    the server is running again at the end, whatever the test did to it."""
    from PySide6.QtCore import QTimer

    from tension_desk.app import build_window, make_application

    engine = open_store(data_dir, url=pg_url)
    desk = Desk(engine)
    desk.workspace.set_leaders(*leaders)
    session = desk.sessions.create("November", dt.date(2026, 11, 5))
    engine.dispose()
    make_application()
    w = build_window(data_dir, pg_url)
    qtbot.addWidget(w)
    w.select_session(session.id)
    states: list[tuple[bool, str]] = []  # (connected, what the status bar said then)
    w.live.connection_changed.connect(lambda up: states.append((up, w.save_status.text())))
    yield w, session.id, states
    with contextlib.suppress(RuntimeError):  # it was running
        pg_cluster.resume()
    w.close()
    for timer in w.findChildren(QTimer):
        timer.stop()
    w.ctx.desk.engine.dispose()


def titles(window):
    return [p.title for p in window.ctx.desk.priorities.agenda(window.current_session_id())]


def test_a_restart_mid_meeting_shows_reconnecting_then_the_next_edit_is_saved(meeting, pg_cluster, qtbot):
    w, session_id, states = meeting
    pg_cluster.restart()  # pg_ctl restart: every connection of the window is closed under it
    qtbot.waitUntil(lambda: [up for up, _ in states] == [False, True], timeout=10000)
    assert states[0][1] == "Reconnecting to the shared workspace…"
    assert "Reconnecting" not in w.save_status.text()
    w.ctx.run(w, cmd.AddPriorities, session_id, [PriorityDraft("Dark mode", Side.PRODUCT)])
    assert titles(w) == ["Dark mode"]
    assert w.ctx.undo_stack.count() == 1
    assert w.save_status.text().startswith("Saved at")


def test_an_edit_while_the_server_is_down_is_not_saved_until_retried(meeting, pg_cluster, qtbot, no_dialogs,
                                                                    monkeypatch):
    w, session_id, states = meeting
    told = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc: told.append(str(exc))))
    pg_cluster.halt()
    qtbot.waitUntil(lambda: states == [(False, "Reconnecting to the shared workspace…")], timeout=10000)
    w.ctx.run(w, cmd.AddPriorities, session_id, [PriorityDraft("Dark mode", Side.PRODUCT)])
    assert len(told) == 1 and told[0].endswith("the change was not saved.")
    assert "\n" not in told[0] and "sqlalche.me" not in told[0]
    assert w.ctx.undo_stack.count() == 0, "an edit that was not committed is not on the undo stack"
    assert w.save_status.text() == "Reconnecting to the shared workspace… · 1 change not saved"
    assert w.save_status.retry_button.isVisibleTo(w)

    pg_cluster.resume()
    qtbot.waitUntil(lambda: [up for up, _ in states] == [False, True], timeout=10000)
    assert w.save_status.text() == "1 change not saved", "never 'saved' while an edit is not"
    w.save_status.retry_button.click()
    assert titles(w) == ["Dark mode"]
    assert w.ctx.undo_stack.count() == 1
    assert w.save_status.text().startswith("Saved at") and not w.save_status.retry_button.isVisibleTo(w)
    assert len(told) == 1


def test_closing_with_an_edit_not_saved_asks_first(meeting, pg_cluster, qtbot, no_dialogs, monkeypatch):
    w, session_id, states = meeting
    asked = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc: None))
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(
        lambda parent, title, text, action="Delete": asked.append((text, action)) and False))
    pg_cluster.halt()
    w.ctx.run(w, cmd.AddPriorities, session_id, [PriorityDraft("Dark mode", Side.PRODUCT)])
    assert not w.close(), "the window stays open for a Retry"
    assert asked == [("1 change could not be saved (see the status bar). If you quit now, it is lost; choose "
                      "Cancel and Retry to save it.", "Quit without saving")]
    pg_cluster.resume()
    qtbot.waitUntil(lambda: [up for up, _ in states] == [False, True], timeout=10000)
    w.save_status.retry_button.click()
    assert titles(w) == ["Dark mode"]
    assert w.close() and len(asked) == 1, "nothing left to ask about"
