"""A closed session's revealed matrix does not offer to choose who scores: its 'Scoring as' chooser is disabled
and says why (the session refuses score edits), as 'Score blind again' is; reopened, it is enabled again."""
from __future__ import annotations

from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.session_view import Tab


def test_the_scoring_as_chooser_is_disabled_on_a_closed_session_and_enabled_once_it_is_reopened(make_window, desk,
                                                                                                leaders):
    desk.workspace.set_leaders(*leaders)
    october = add_sample(desk)[1]  # closed, its scores revealed
    w = make_window()
    w.select_session(october)
    w.session_view.show_tab(Tab.MATRIX)
    chooser = w.session_view.matrix.scoring_as
    assert chooser.isVisibleTo(w) and not chooser.isEnabled()
    assert "closed" in chooser.toolTip()

    assert w.ctx.run(w, cmd.ReopenSession, october, "October", "a late estimate", "Ada")
    assert chooser.isVisibleTo(w) and chooser.isEnabled()
    assert "closed" not in chooser.toolTip()
