"""Notes typed and not saved yet are never dropped without being saved or the user choosing to drop them: a save
the store refuses (here: the store moved away) is told once, the notes stay on screen with the session, and they
are saved at the next chance once the store is back (switching session, another tab, more typing, closing the
window), as one undo step. Closing the window while they still cannot be saved asks first."""
from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication

from tension_desk.store.engine import store_path
from tension_desk.ui.widgets.session_view import Tab

TYPED = "Follow up: the ledger owner signs off by Friday"


@pytest.fixture
def window(first_frame_window, no_dialogs, monkeypatch, tmp_path, qtbot):
    """The cold start's window with the app's own excepthook, on the first session's Notes tab, notes typed (their
    save after a pause not due yet). ``told``: the one-line messages; ``asked``: the questions, answered by
    ``answer``."""
    from tension_desk import app, logs

    monkeypatch.setenv("TENSION_DESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    logs.install_excepthook(app.show_unexpected)
    w = first_frame_window
    w.told, w.asked, w.answer = [], [], False
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _parent, exc, *a: w.told.append(str(exc))))

    def confirm(_parent, title, text, action="Delete"):
        w.asked.append((title, text, action))
        return w.answer
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(confirm))
    w.show()
    QApplication.processEvents()
    w.first, w.other = w.ctx.desk.sessions.list()[:2]
    _select(w, w.first.id)
    w.session_view.show_tab(Tab.NOTES)
    w.session_view.notes_tab.timer.setInterval(3_600_000)  # still typing: the save after a pause is not due
    qtbot.keyClicks(w.session_view.notes, TYPED)
    return w


@pytest.fixture
def store(sample_dir, tmp_path):
    """The window's store file, moved out of the data folder and back."""
    class Store:
        path = store_path(sample_dir)
        aside = tmp_path / "aside.sqlite3"

        def take_away(self):
            self.path.rename(self.aside)

        def put_back(self):
            self.aside.rename(self.path)
    return Store()


def _select(window, session_id):
    """What a click on the session in the session list does."""
    window.session_tree.setCurrentIndex(window.session_model.index_of(session_id))


def _told(window):
    """What the window said since the last call, once the event loop has run (a read's line is told after it)."""
    QApplication.processEvents()
    said = window.told[:]
    window.told.clear()
    return said


def _stored_notes(window, session_id):
    return window.ctx.desk.sessions.get(session_id).notes


def _type_more(window, qtbot):
    qtbot.keyClicks(window.session_view.notes, "!")
    window.session_view.notes_tab.timer.timeout.emit()  # the pause in typing
    return TYPED + "!"


CHANCES = {
    "another session": lambda w, qtbot: _select(w, w.other.id) or TYPED,
    "another tab": lambda w, qtbot: w.session_view.show_tab(Tab.MATRIX) or TYPED,
    "more typing": _type_more,
}


@pytest.mark.parametrize("chance", CHANCES)
def test_notes_a_failed_save_left_on_screen_are_saved_at_the_next_chance_once_the_store_is_back(
        window, store, qtbot, chance):
    before = window.first.notes  # as listed (a read now would load the ORM, whose open file moves with it)
    steps = window.ctx.undo_stack.count()
    store.take_away()

    _select(window, window.other.id)
    told = _told(window)
    assert len(told) == 1 and "no longer there" in told[0], "the failed save is told, once (no failed read after it)"
    assert window.current_session_id() == window.first.id, "the session stays on screen with its notes"
    assert window.session_view.notes.toPlainText() == before + TYPED
    assert "not saved" in window.statusBar().currentMessage()
    assert window.ctx.undo_stack.count() == steps, "a failed save leaves the undo stack where it was"

    store.put_back()
    window.live._timer.timeout.emit()  # the live refresh sees the store again: the notes on screen stay
    QApplication.processEvents()
    assert window.session_view.notes.toPlainText() == before + TYPED

    typed = CHANCES[chance](window, qtbot)
    assert _told(window) == []
    assert _stored_notes(window, window.first.id) == before + typed
    assert window.ctx.undo_stack.count() == steps + 1, "one undo step for the save"
    window.ctx.undo(window)
    assert _stored_notes(window, window.first.id) == before


def test_closing_the_window_with_notes_that_cannot_be_saved_asks_and_cancel_keeps_them(window, store):
    before = window.first.notes  # as listed (a read now would load the ORM, whose open file moves with it)
    store.take_away()

    window.answer = False  # Cancel
    assert not window.close(), "the window stays open"
    assert len(_told(window)) == 1, "the failed save is told"
    [(_title, text, action)] = window.asked
    assert "could not be saved" in text and action == "Close without saving"
    assert window.isVisible() and window.session_view.notes.toPlainText() == before + TYPED

    store.put_back()
    window.asked.clear()
    assert window.close(), "the notes are saved as the window closes, no question asked"
    assert window.asked == [] and _told(window) == []
    assert _stored_notes(window, window.first.id) == before + TYPED


def test_closing_without_saving_drops_the_notes_only_when_the_user_says_so(window, store):
    before = window.first.notes  # as listed (a read now would load the ORM, whose open file moves with it)
    store.take_away()

    window.answer = True  # Close without saving
    assert window.close()
    assert len(window.asked) == 1 and len(_told(window)) == 1
    store.put_back()
    assert _stored_notes(window, window.first.id) == before, "nothing half-written"


def test_notes_typed_just_before_the_window_closes_are_saved(window):
    """No pause in typing before closing: the save after a pause is not due yet, and closing saves them."""
    assert window.close()
    assert window.asked == [] and _told(window) == []
    assert _stored_notes(window, window.first.id).endswith(TYPED)


def test_a_session_opened_by_the_window_while_the_notes_cannot_be_saved_is_told_once(window, store):
    """``select_session`` (what the decision log's "open the session" and a new session do) tries once: one
    line, as a click in the list."""
    store.take_away()
    window.select_session(window.other.id)
    told = _told(window)
    assert len(told) == 1 and "no longer there" in told[0], told
    assert window.current_session_id() == window.first.id
    assert window.session_view.notes.toPlainText().endswith(TYPED)

    store.put_back()
    window.select_session(window.other.id)
    assert _told(window) == [] and window.current_session_id() == window.other.id
    assert _stored_notes(window, window.first.id).endswith(TYPED)


@pytest.fixture
def on_a_server(pg_cluster, pg_url, qtbot, data_dir, leaders, no_dialogs, monkeypatch):
    """A window on a shared workspace, on November's Notes tab, notes typed (their save after a pause not due
    yet); ``told`` and ``asked`` (the conflict dialog's differences) recorded. The server runs again at the end."""
    import contextlib
    import datetime as dt

    from PySide6.QtCore import QTimer

    from tension_desk.app import build_window, make_application
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store
    from tension_desk.ui.dialogs.conflict import ConflictDialog

    engine = open_store(data_dir, url=pg_url)
    desk = Desk(engine)
    desk.workspace.set_leaders(*leaders)
    session = desk.sessions.create("November", dt.date(2026, 11, 5))
    engine.dispose()
    make_application()
    w = build_window(data_dir, pg_url)
    qtbot.addWidget(w)
    w.select_session(session.id)
    w.session_view.show_tab(Tab.NOTES)
    w.told, w.asked = [], []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _parent, exc, *a: w.told.append(str(exc))))
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(
        lambda cls, parent, conflict: w.asked.append(conflict.differences()) or True))
    w.session_view.notes_tab.timer.setInterval(3_600_000)
    qtbot.keyClicks(w.session_view.notes, TYPED)
    yield w, session.id
    with contextlib.suppress(RuntimeError):  # it was running
        pg_cluster.resume()
    w.close()
    for timer in w.findChildren(QTimer):
        timer.stop()
    w.ctx.desk.engine.dispose()


def test_notes_the_status_bars_retry_saved_are_saved_and_not_saved_again(on_a_server, pg_cluster, qtbot):
    """The server down: the failed save is one of the status bar's changes not saved, with Retry. Retry saves the
    notes: they are the notes on screen (not a change made elsewhere), and closing asks nothing."""
    w, session_id = on_a_server
    pg_cluster.halt()
    qtbot.waitUntil(lambda: w.save_status.reconnecting, timeout=10000)
    w.session_view.show_tab(Tab.MATRIX)  # a chance to save: not reached
    assert len(w.told) == 1 and w.save_status.text().endswith("1 change not saved")
    assert w.session_view.notes.toPlainText() == TYPED

    pg_cluster.resume()
    qtbot.waitUntil(lambda: not w.save_status.reconnecting, timeout=10000)
    w.save_status.retry_button.click()
    assert w.ctx.desk.sessions.get(session_id).notes == TYPED
    assert "changed elsewhere" not in w.statusBar().currentMessage(), "the notes saved are the ones on screen"
    assert w.close() and w.asked == [], "no second save of the same notes, no conflict with itself"
    assert w.ctx.undo_stack.count() == 1
