""""Open the sample session" opens the sample already in the workspace instead of adding a second copy."""
from __future__ import annotations

from tension_desk.services.sample import SESSIONS


def test_opening_the_sample_twice_opens_the_one_already_there(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    w = make_window()
    w.sample_action.trigger()
    first = sorted(s.id for s in desk.sessions.list())
    assert len(first) == len(SESSIONS)
    w.select_session(None)
    w.sample_action.trigger()  # again, e.g. from the welcome page after a relaunch
    assert sorted(s.id for s in desk.sessions.list()) == first
    assert len(desk.priorities.list()) == len({p.title for p in desk.priorities.list()})  # no second copy
    assert w.session_view.session.title == SESSIONS[-1][0]
    assert w.ctx.undo_stack.count() == 1  # opening an existing sample is not an edit


def test_the_sample_opens_from_the_welcome_page_after_a_relaunch(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    w = make_window()
    w.welcome.sample_button.click()
    ids = sorted(s.id for s in desk.sessions.list())
    w.close()
    again = make_window()
    again.select_session(None)
    again.welcome.sample_button.click()
    assert sorted(s.id for s in desk.sessions.list()) == ids
    assert again.session_view.session.title == SESSIONS[-1][0]
