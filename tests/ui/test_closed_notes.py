"""A closed session's notes are read-only, as its other editors are: typing in them cannot start a save the store
will refuse. A save refused for a reason that waiting does not mend (the session closed on the other laptop) is
told once and does not hold the user on the session; notes typed when the other laptop closes the session stay on
screen, read-only, and the user is told they were not saved. Only a store out of reach keeps notes to save
(tests/ui/test_notes_kept.py)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tension_desk.domain.model import SessionStatus
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store
from tension_desk.ui.dialogs.conflict import ConflictDialog
from tension_desk.ui.widgets.session_view import Tab

TYPED = "Follow up: the ledger owner signs off by Friday"


@pytest.fixture
def window(first_frame_window, no_dialogs, monkeypatch):
    """The sample's window, shown. ``told``: the one-line messages; ``asked``: the questions (answered Cancel)."""
    w = first_frame_window
    w.told, w.asked = [], []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _parent, exc, *a: w.told.append(str(exc))))
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(lambda _p, title, *a, **k: w.asked.append(title)))
    w.show()
    QApplication.processEvents()
    w.sessions = {s.title.split()[0]: s for s in w.ctx.desk.sessions.list()}
    return w


def _open_notes(w, title):
    w.select_session(w.sessions[title].id)
    w.session_view.show_tab(Tab.NOTES)
    QApplication.processEvents()
    return w.session_view.notes


def _close_on_the_other_laptop(sample_dir, session_id):
    engine = open_store(sample_dir, daily_backup=False)
    try:
        Desk(engine).sessions.update(session_id, status=SessionStatus.CLOSED)
    finally:
        engine.dispose()


def _told(w):
    QApplication.processEvents()
    said = w.told[:]
    w.told.clear()
    return said


def test_a_closed_session_s_notes_are_read_only_and_say_to_reopen_it(window, qtbot):
    october = window.sessions["October"]
    assert october.status is SessionStatus.CLOSED
    notes = _open_notes(window, "October")

    assert notes.isReadOnly()
    assert "closed" in notes.toolTip() and "reopen" in notes.toolTip()
    qtbot.keyClicks(notes, "x")
    window.session_view.notes_tab.timer.timeout.emit()  # the pause after typing, had any been typed
    assert notes.toPlainText() == october.notes, "a closed session's notes take no typing"
    assert _told(window) == []

    window.select_session(window.sessions["September"].id)
    assert window.current_session_id() == window.sessions["September"].id
    assert _told(window) == []
    assert window.close() and window.asked == []

    live = _open_notes(window, "November")
    assert not live.isReadOnly() and "reopen" not in live.toolTip(), "an open session's notes take typing"


def test_a_save_refused_because_the_other_laptop_closed_the_session_is_told_once_and_lets_the_user_leave(
        window, sample_dir, qtbot, monkeypatch):
    november = window.sessions["November"]
    notes = _open_notes(window, "November")
    notes_tab = window.session_view.notes_tab
    notes_tab.timer.setInterval(3_600_000)  # still typing: the save after a pause is not due
    qtbot.keyClicks(notes, TYPED)
    _close_on_the_other_laptop(sample_dir, november.id)  # this window has not heard of it yet
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, *a, **k: True))  # use mine

    notes_tab.timer.timeout.emit()  # the pause in typing: the save the store refuses
    told = _told(window)
    assert len(told) == 1 and "is closed" in told[0] and "reopen" in told[0]
    assert notes.toPlainText().endswith(TYPED), "what was typed stays on screen (told), to copy"
    assert "not saved" in window.statusBar().currentMessage()
    assert "next chance" not in window.statusBar().currentMessage(), "no promise that can never be kept"

    window.session_view.show_tab(Tab.MATRIX)
    window.select_session(window.sessions["September"].id)
    assert _told(window) == [], "told once: another tab or session does not try again"
    assert window.current_session_id() == window.sessions["September"].id, "the user can leave"
    assert window.close() and window.asked == [], "closing asks nothing about a store 'back' later"
    assert window.ctx.desk.sessions.get(november.id).notes == november.notes


def test_notes_being_typed_when_the_other_laptop_closes_the_session_stay_on_screen_read_only_and_this_is_told(
        window, sample_dir, qtbot):
    november = window.sessions["November"]
    notes = _open_notes(window, "November")
    notes_tab = window.session_view.notes_tab
    notes_tab.timer.setInterval(3_600_000)  # still typing: the save after a pause is not due
    qtbot.keyClicks(notes, TYPED)
    _close_on_the_other_laptop(sample_dir, november.id)

    window.live._timer.timeout.emit()  # the live refresh hears of it
    told = _told(window)
    assert window.session_view.session.status is SessionStatus.CLOSED
    assert len(told) == 1 and "closed" in told[0] and "not saved" in told[0] and "copy" in told[0]
    assert notes.toPlainText() == november.notes + TYPED, "nothing typed vanishes unseen"
    assert notes.isReadOnly()
    window.live._timer.timeout.emit()
    notes_tab.timer.timeout.emit()
    assert _told(window) == [], "told once; no save is tried"
    assert notes.toPlainText() == november.notes + TYPED

    window.select_session(window.sessions["September"].id)
    assert window.current_session_id() == window.sessions["September"].id, "the user can leave"
    assert _told(window) == [] and window.asked == []
    assert window.ctx.desk.sessions.get(november.id).notes == november.notes
