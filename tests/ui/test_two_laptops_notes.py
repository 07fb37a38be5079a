"""Two laptops, one workspace: session notes being typed on one laptop are never overwritten by a change made on
the other. The typing stays, the status bar says the notes changed elsewhere, and saving them goes through the
version check and the conflict dialog (keep theirs / use mine), like any other row."""
from __future__ import annotations

import datetime as dt

import pytest

from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store
from tension_desk.ui import commands as cmd
from tension_desk.ui.dialogs.conflict import ConflictDialog

OURS, THEIRS = "Billing: ship it on the monolith first", "Billing: wait for the new ledger"


@pytest.fixture
def two_desks(pg_url, data_dir, leaders, qtbot, no_dialogs, tmp_path):
    """Two windows (two engines, two data dirs) on one PostgreSQL workspace, both on November, which already
    has notes; ours is typing in the Notes tab and has not paused yet (its save is not due)."""
    from PySide6.QtCore import QTimer

    from tension_desk.app import build_window, make_application

    engine = open_store(data_dir, url=pg_url)
    desk = Desk(engine)
    desk.workspace.set_leaders(*leaders)
    session = desk.sessions.create("November", dt.date(2026, 11, 5))
    desk.sessions.update(session.id, notes="Agreed: the agenda")
    engine.dispose()
    make_application()
    windows = []
    for laptop in ("laptop-1", "laptop-2"):
        w = build_window(tmp_path / laptop, pg_url)
        qtbot.addWidget(w)
        w.select_session(session.id)
        windows.append(w)
    ours, theirs = windows
    notes = ours.session_view.notes_tab
    notes.timer.setInterval(3_600_000)  # still typing: the save after a pause is not due during the test
    ours.session_view.notes.setPlainText(OURS)
    assert notes.timer.isActive()
    theirs.session_view.notes_tab.timer.setInterval(3_600_000)
    yield ours, theirs, session.id
    for w in windows:
        w.close()
        for timer in w.findChildren(QTimer):
            timer.stop()
        w.ctx.desk.engine.dispose()


def stored_notes(window, session_id):
    return window.ctx.desk.sessions.get(session_id).notes


def their_change_arrives(ours, theirs, session_id, qtbot):
    """Theirs saves other notes; ours has heard of it (it refreshed the session on screen)."""
    theirs.ctx.run(theirs, cmd.SetSessionNotes, session_id, THEIRS)
    qtbot.waitUntil(lambda: ours.session_view.session.notes == THEIRS, timeout=5000)


@pytest.mark.parametrize("use_mine", [True, False], ids=["use mine", "keep theirs"])
def test_notes_being_typed_survive_a_change_made_elsewhere_and_the_save_asks_which_to_keep(
        two_desks, qtbot, monkeypatch, use_mine):
    ours, theirs, session_id = two_desks
    their_change_arrives(ours, theirs, session_id, qtbot)
    assert ours.session_view.notes.toPlainText() == OURS, "the typing is kept"
    assert "The notes were changed elsewhere" in ours.statusBar().currentMessage()

    asked = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(
        lambda cls, parent, conflict: asked.append(conflict.differences()) or use_mine))
    ours.session_view.notes_tab.save_pending()  # the pause in typing: the save
    assert asked == [[("Notes", THEIRS, OURS)]], "theirs and yours, side by side"
    kept = OURS if use_mine else THEIRS
    assert stored_notes(ours, session_id) == kept
    assert ours.session_view.notes.toPlainText() == kept
    assert ours.ctx.undo_stack.count() == (1 if use_mine else 0), "a refused edit never enters the undo stack"
    qtbot.waitUntil(lambda: theirs.session_view.notes.toPlainText() == kept, timeout=5000)


def test_notes_typed_with_no_change_elsewhere_are_saved_without_a_question(two_desks, qtbot):
    ours, theirs, session_id = two_desks
    ours.session_view.notes_tab.save_pending()
    assert stored_notes(ours, session_id) == OURS
    qtbot.waitUntil(lambda: theirs.session_view.notes.toPlainText() == OURS, timeout=5000)
