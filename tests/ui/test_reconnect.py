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


@pytest.fixture
def app_excepthook(monkeypatch, tmp_path, no_dialogs):
    """The app's own excepthook (as ``tension-desk`` installs it), with the error dialogs it shows recorded."""
    import sys

    from tension_desk import logs
    from tension_desk.app import show_unexpected

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))  # the log goes there
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    shown: list[str] = []
    monkeypatch.setattr(no_dialogs, "show_unexpected", staticmethod(lambda parent, exc, log: shown.append(str(exc))))
    logs.install_excepthook(show_unexpected)
    return shown


@pytest.mark.qt_no_exception_capture  # what a slot raises goes to the app's excepthook, as in the app
def test_reads_in_the_background_while_the_server_is_down_say_reconnecting_and_pop_no_dialog(
        meeting, pg_cluster, qtbot, app_excepthook):
    from tension_desk.services.live import Change
    from tension_desk.ui.live import announce

    w, _session_id, _states = meeting
    pg_cluster.halt()
    matrix = w.session_view.matrix_tab
    matrix.loaded = None  # as after a score moved: the stability recompute reads the weights afresh
    matrix.timer.start()
    qtbot.waitUntil(lambda: not matrix.timer.isActive(), timeout=10000)
    announce(w.ctx.notifier, Change(everything=True))  # a live refresh: every view reads the store again
    assert app_excepthook == [], "no error dialog for a read that could not reach the server"
    assert w.save_status.text() == "Reconnecting to the shared workspace…"
    pg_cluster.resume()
    qtbot.waitUntil(lambda: w.live.connected, timeout=10000)
    assert w.save_status.text() == "All changes saved" and app_excepthook == []


def test_reconnecting_to_a_host_that_does_not_answer_never_holds_up_the_window(data_dir, qapp, qtbot):
    """A TCP host that takes the connection and never answers: the reconnect waits on its own thread while the
    window goes on, and when the host drops it the window tries again later."""
    import socket
    from types import SimpleNamespace

    from sqlalchemy import create_engine

    from tension_desk.ui.live import LiveUpdates
    from tension_desk.ui.notifier import Notifier

    host = socket.socket()
    host.bind(("127.0.0.1", 0))  # bound, not yet listening: the first connect is refused at once
    engine = create_engine(f"postgresql+psycopg://td@127.0.0.1:{host.getsockname()[1]}/td")
    live = LiveUpdates(SimpleNamespace(engine=engine), Notifier())
    try:
        assert not live.connected
        host.listen(1)  # from now on it takes connections and never says a word
        live._timer.stop()
        live._reconnect()  # the retry: it returns while the host has not answered
        conn, _ = host.accept()
        with conn:
            conn.setblocking(False)
            with pytest.raises(BlockingIOError, match="Resource temporarily unavailable"):
                while conn.recv(4096):  # what the app sent; then nothing more, and not closed: still waiting
                    pass
        qtbot.waitUntil(lambda: live.connecting is None, timeout=10000)  # dropped: that try failed
        assert not live.connected and live._timer.isActive(), "it tries again later"
    finally:
        live.close()
        host.close()
        engine.dispose()
