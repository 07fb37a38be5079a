"""The store moved away or replaced after start, before or after the ORM is loaded: a read the window makes (a
session opened from the list, a tab shown for the first time, a live refresh) says the store's one line, as a
failed edit does, never the unexpected-error dialog; the window stays as it was and goes on once the store is
back."""
from __future__ import annotations

import sys

import pytest

from tension_desk.store.engine import store_path


@pytest.fixture
def window(telling_window, monkeypatch, tmp_path):
    """The cold start's window with the app's own excepthook (what a slot raises reaches it), its messages
    recorded (``telling_window``)."""
    from tension_desk import app, logs

    monkeypatch.setenv("TENSION_DESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    logs.install_excepthook(app.show_unexpected)
    return telling_window


def _select(window, session_id):
    """What a click on the session in the session list does."""
    window.session_tree.setCurrentIndex(window.session_model.index_of(session_id))


def _listed(window):
    """The session the list shows as current."""
    from tension_desk.ui.models.roles import IdRole

    current = window.session_tree.currentIndex()
    return current.data(IdRole) if current.isValid() else None


class Store:
    """The window's store file: taken away (moved out of the data folder, or replaced in place by a file that is
    not a store) and put back as it was."""

    def __init__(self, data_dir, aside):
        self.path = store_path(data_dir)
        self.aside = aside
        self.kept = self.path.read_bytes()

    def take_away(self, how):
        if how == "moved":
            self.path.rename(self.aside)
        else:
            self.path.write_bytes(b"not a store " * 400)

    def put_back(self, how):
        if how == "moved":
            self.aside.rename(self.path)
        else:
            self.path.write_bytes(self.kept)


CASES = [("first frame", "moved"), ("first frame", "replaced"), ("orm loaded", "replaced")]


@pytest.mark.parametrize(("when", "how"), CASES)
def test_a_session_opened_from_the_list_after_the_store_went_away_is_told_in_one_line(window, sample_dir, tmp_path,
                                                                                          when, how):
    desk = window.ctx.desk
    if when == "orm loaded":
        desk.load()
    first, other = desk.sessions.list()[:2]
    _select(window, first.id)
    store = Store(sample_dir, tmp_path / "aside.sqlite3")
    store.take_away(how)

    _select(window, other.id)
    told, unexpected = window.said()
    assert unexpected == [] and len(told) == 1 and "\n" not in told[0], (told, unexpected)
    assert ("no longer there" if how == "moved" else "could not be used") in told[0]
    assert window.current_session_id() == first.id and window.session_view.shown.session == first
    assert _listed(window) == first.id, "the list shows the session still on screen"

    store.put_back(how)
    _select(window, other.id)
    assert window.said() == ([], [])
    assert window.current_session_id() == other.id and _listed(window) == other.id
    assert store.path.read_bytes() == store.kept or how == "moved"


@pytest.mark.parametrize(("when", "how"), CASES)
def test_a_live_refresh_and_a_tab_first_shown_after_the_store_went_away_are_told_once(window, sample_dir, tmp_path,
                                                                                        when, how):
    """The live refresh's ticks while the store is away, and a change it reports (every view reads again, each
    read fails): one line says so, once. A tab shown for the first time after that reads too: one line."""
    from tension_desk.services.live import Change
    from tension_desk.ui.live import announce
    from tension_desk.ui.widgets.session_view import Tab

    desk = window.ctx.desk
    if when == "orm loaded":
        desk.load()
    first = desk.sessions.list()[0]
    _select(window, first.id)
    store = Store(sample_dir, tmp_path / "aside.sqlite3")
    store.take_away(how)

    for _ in range(3):  # the timer's ticks while the store is away
        window.live._timer.timeout.emit()
    announce(window.ctx.notifier, Change(everything=True))  # what a tick reports when it sees a change
    told, unexpected = window.said()
    assert unexpected == [] and len(told) == 1 and "\n" not in told[0], told
    assert window.session_view._tensions is None, "the Tensions tab is not built yet"
    window.session_view.show_tab(Tab.TENSIONS)
    told, unexpected = window.said()
    assert unexpected == [] and len(told) == 1, told
    assert window.session_view.shown.session == first and _listed(window) == first.id

    store.put_back(how)
    announce(window.ctx.notifier, Change(everything=True))
    assert window.said() == ([], [])
    shown = window.session_view.shown
    listed = window.session_view.tensions.model.rowCount()
    assert shown is not None and listed == len(shown.own_tensions) > 0, "the tab is filled once the store is back"
