"""A closed session refuses edits: its revealed matrix offers no way to start the blind scoring again, nor to
choose who scores — 'Score blind again' and the 'Scoring as' chooser are disabled and say why; reopened, they
are enabled again, and closed again, disabled."""
from __future__ import annotations

import pytest

from tension_desk.domain.model import SessionStatus
from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.session_view import Tab

CONTROLS = {"score blind again": lambda matrix: matrix.blind_bar.restart,
            "scoring as": lambda matrix: matrix.scoring_as}


@pytest.mark.parametrize("control", CONTROLS)
def test_a_scoring_control_is_disabled_on_a_closed_session_and_enabled_once_it_is_reopened(make_window, desk,
                                                                                          leaders, control):
    desk.workspace.set_leaders(*leaders)
    october = add_sample(desk)[1]  # closed, its scores revealed
    w = make_window()
    w.select_session(october)
    w.session_view.show_tab(Tab.MATRIX)
    widget = CONTROLS[control](w.session_view.matrix)
    assert widget.isVisibleTo(w) and not widget.isEnabled()
    assert "closed" in widget.toolTip()

    assert w.ctx.run(w, cmd.ReopenSession, october, "October", "a late estimate", "Ada")
    assert desk.sessions.get(october).status is not SessionStatus.CLOSED
    assert widget.isVisibleTo(w) and widget.isEnabled()
    assert "closed" not in widget.toolTip()

    w.status_actions[SessionStatus.CLOSED].trigger()
    assert desk.sessions.get(october).status is SessionStatus.CLOSED
    assert not widget.isEnabled()
