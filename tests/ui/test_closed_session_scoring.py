"""A closed session refuses edits: its revealed matrix offers no way to start the blind scoring again."""
from __future__ import annotations

from tension_desk.domain.model import SessionStatus
from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.session_view import Tab


def test_score_blind_again_is_disabled_on_a_closed_session_and_enabled_once_it_is_reopened(make_window, desk,
                                                                                          leaders):
    desk.workspace.set_leaders(*leaders)
    october = add_sample(desk)[1]  # closed, its scores revealed
    w = make_window()
    w.select_session(october)
    w.session_view.show_tab(Tab.MATRIX)
    restart = w.session_view.matrix.blind_bar.restart
    assert restart.isVisibleTo(w) and not restart.isEnabled()
    assert "closed" in restart.toolTip()

    assert w.ctx.run(w, cmd.ReopenSession, october, "October", "a late estimate", "Ada")
    assert desk.sessions.get(october).status is not SessionStatus.CLOSED
    assert restart.isVisibleTo(w) and restart.isEnabled()

    w.status_actions[SessionStatus.CLOSED].trigger()
    assert desk.sessions.get(october).status is SessionStatus.CLOSED
    assert not restart.isEnabled()
