"""The embedded store tells a commit by another process (PRAGMA data_version), never this app's own; a shared
workspace tells every other laptop, on commit, what a transaction changed (LISTEN/NOTIFY)."""
from __future__ import annotations

import datetime as dt
import select

import pytest

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.desk import Desk
from tension_desk.services.live import DataVersion, Listener, watcher
from tension_desk.store.engine import open_store
from tension_desk.store.tables import PriorityRow


@pytest.fixture
def two_laptops(data_dir, pg_url):
    """Two independent app contexts (two engines) on one shared workspace: this laptop's and another's."""
    ours, theirs = open_store(data_dir, url=pg_url), open_store(data_dir, url=pg_url)
    yield Desk(ours), Desk(theirs)
    ours.dispose()
    theirs.dispose()


def test_a_commit_by_another_connection_is_seen_once_and_our_own_never(data_dir):
    ours, theirs = Desk(open_store(data_dir)), Desk(open_store(data_dir))
    seen = watcher(ours)
    assert isinstance(seen, DataVersion)
    try:
        assert not seen.changed()
        session = ours.sessions.create("November", dt.date(2026, 11, 5))
        ours.priorities.add(session.id, PriorityDraft("Ours", Side.PRODUCT))
        assert not seen.changed(), "this app's own edits are not news to it"
        theirs.priorities.add(session.id, PriorityDraft("Imported elsewhere", Side.ENGINEERING))
        assert seen.changed()
        assert not seen.changed(), "told once"
        theirs.priorities.add(session.id, PriorityDraft("Imported elsewhere too", Side.ENGINEERING))
        ours.priorities.add(session.id, PriorityDraft("Ours again", Side.PRODUCT))  # between two polls
        assert seen.changed(), "our own commit right after theirs does not hide theirs"
    finally:
        seen.close()
        ours.engine.dispose()
        theirs.engine.dispose()


def _wait_for(listener: Listener, fd: int):
    """The first change from another laptop the listener reads (its socket waited on, at most 10 s a time)."""
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        assert ready, "no notification arrived"
        change = listener.read()
        if change.tables:
            return change


def test_a_transaction_on_the_server_tells_the_other_laptops_what_it_changed(two_laptops):
    ours, theirs = two_laptops
    session = theirs.sessions.create("November", dt.date(2026, 11, 5))
    listener = watcher(ours)
    assert isinstance(listener, Listener)
    fd = listener.connect()
    try:
        theirs.priorities.add(session.id, PriorityDraft("Dark mode", Side.PRODUCT))
        change = _wait_for(listener, fd)
        assert {"priority", "session_priority"} <= change.tables
        assert change.sessions == {session.id}
        ours.priorities.add(session.id, PriorityDraft("Our own", Side.PRODUCT))  # our own: not news
        theirs.sessions.update(session.id, title="November review")
        change = _wait_for(listener, fd)
        assert change.tables == {"session"} and change.sessions == {session.id}
    finally:
        listener.close()


def test_a_rolled_back_transaction_tells_nobody(two_laptops):
    ours, theirs = two_laptops
    session = theirs.sessions.create("November", dt.date(2026, 11, 5))
    listener = watcher(ours)
    fd = listener.connect()
    try:
        with pytest.raises(ValueError, match="changed my mind"), theirs.unit.transaction() as db:
            db.add(PriorityRow(title="Never", side="product", status="proposed"))
            db.flush()
            raise ValueError("changed my mind")
        theirs.sessions.update(session.id, title="Kept")
        change = _wait_for(listener, fd)
        assert change.tables == {"session"}, "only the committed transaction was told"
    finally:
        listener.close()
