"""The Decision log and Capacity & outcomes pages are the workspace's, not a session's: the window's title names
the page (it still named the session last shown), and what acts on a session on screen (Import, Present, Discuss
next, the meeting's agenda and timer) is off there; back on the session, it is all on again."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.session_view import Tab


@pytest.fixture
def window(first_frame_window):
    w = first_frame_window
    w.show()
    QApplication.processEvents()
    w.sessions = {s.title.split()[0]: s for s in w.ctx.desk.sessions.list()}
    return w


def _session_bound_on(w) -> dict[str, bool]:
    script = w.session_view.script_bar
    return {"import": w.import_action.isEnabled(), "present": w.present_action.isEnabled(),
            "discuss next": w.session_view.matrix.discuss.isEnabled(),
            "agenda": script.steps.isEnabled(), "time box": script.minutes.isEnabled(),
            "start": script.start_action.isEnabled(), "next step": script.next_action.isEnabled()}


@pytest.mark.parametrize(("button", "page"), [("log_button", "Decision log"),
                                              ("review_button", "Capacity & outcomes")])
def test_a_workspace_page_names_itself_in_the_title_and_offers_no_action_on_the_session_left(window, qtbot, button,
                                                                                              page):
    october = window.sessions["October"]  # its scores revealed; reopened, its meeting goes on
    assert window.ctx.run(window, cmd.ReopenSession, october.id, october.title, "a late estimate", "Ada")
    window.select_session(october.id)
    window.session_view.show_tab(Tab.MATRIX)
    QApplication.processEvents()
    assert window.windowTitle() == f"{october.title} — Tension Desk"
    assert all(_session_bound_on(window).values()), _session_bound_on(window)

    qtbot.mouseClick(getattr(window, button), Qt.MouseButton.LeftButton)
    assert window.windowTitle() == f"{page} — Tension Desk"
    assert not any(_session_bound_on(window).values()), _session_bound_on(window)
    window.ctx.notifier.scoring_changed.emit(october.id)  # the matrix left behind changes (the other laptop)
    window.ctx.notifier.criteria_changed.emit()
    assert not any(_session_bound_on(window).values()), _session_bound_on(window)

    tree = window.session_tree
    index = window.session_model.index_of(october.id)
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    assert window.stack.currentWidget() is window.session_view
    assert window.windowTitle() == f"{october.title} — Tension Desk"
    assert all(_session_bound_on(window).values()), _session_bound_on(window)
