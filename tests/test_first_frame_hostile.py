"""Issue 15, 1b: the cold start's first-frame desk under hostile use (edits, other processes, closing, odd data)
before and while the ORM loads."""
from __future__ import annotations

import pytest


@pytest.fixture
def sampled(data_dir):
    from tension_desk.services.desk import Desk
    from tension_desk.services.sample import add_sample
    from tension_desk.store.engine import open_store

    engine = open_store(data_dir)
    add_sample(Desk(engine))
    engine.dispose()
    return data_dir


@pytest.fixture
def window(sampled, qtbot, no_dialogs):
    from tension_desk.app import build_window, make_application

    make_application()
    w = build_window(sampled)
    qtbot.addWidget(w)
    yield w
    w.close()
    w.ctx.desk.dispose()


def _select(window, session_id):
    """What a click on the session in the session list does."""
    window.session_tree.setCurrentIndex(window.session_model.index_of(session_id))


def test_switching_sessions_before_the_orm_is_loaded_reads_each_without_loading_it(window, sampled):
    """Leaving a session whose meeting clock never ran has no time spent to store: it must not make the user wait
    for the ORM's load (a write would) on every click in the session list before the load is done."""
    from tension_desk.domain.model import SessionStatus

    desk = window.ctx.desk
    window.show()
    sessions = desk.sessions.list()
    assert any(s.status is not SessionStatus.CLOSED for s in sessions[:-1])  # an editable session to leave
    for s in (*sessions, *reversed(sessions)):
        _select(window, s.id)
        assert window.session_view.shown is not None and window.session_view.shown.session == s
    assert not desk.loaded
    desk.load()
    for s in sessions:  # the first frame showed what the services read
        _select(window, s.id)
        assert window.session_view.shown == desk.sessions.open(s.id)
