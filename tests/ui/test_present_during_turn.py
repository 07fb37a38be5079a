"""Presentation mode opened while a leader scores in a turn does not put that leader's scores on the screen share:
the matrix page is covered by a line saying who is scoring (the matrix showed 'P 5', 'P 4'… and the leader's
totals full-screen, in front of the other leader on the call, before the reveal). Done scoring, the matrix is back
(masked); the chart page is covered as well."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo

from tension_desk.domain.model import Side
from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.session_view import Tab


def test_presentation_mode_covers_the_scores_of_a_leader_scoring_in_a_turn(make_window, desk, leaders, qtbot):
    desk.workspace.set_leaders(*leaders)
    november = add_sample(desk)[-1]  # blind, both leaders done
    w = make_window()
    w.select_session(november)
    w.session_view.show_tab(Tab.MATRIX)
    matrix = w.session_view.matrix
    qtbot.mouseClick(matrix.blind_bar.start[Side.PRODUCT], Qt.MouseButton.LeftButton)
    assert matrix.state.turn is Side.PRODUCT
    w.present_action.trigger()
    pres = w.session_view.presentation
    qtbot.waitExposed(pres)
    assert pres.pages.currentWidget() is pres.cover and pres.cover.isVisible() and not pres.table.isVisible()
    assert pres.cover.text().startswith("● Maya Chen is scoring.")
    # in large type, the countdown too (the style sheet's polish at show set it back to 10 pt: only the matrix's
    # resize, which a covered matrix never gets, sized it again)
    assert [QFontInfo(label.font()).pixelSize() for label in (pres.title, pres.countdown, pres.cover)] == [24, 21, 24]
    pres.toggle_page()  # the chart instead: covered too
    assert pres.pages.currentWidget() is pres.cover
    pres.toggle_page()
    qtbot.mouseClick(matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    assert matrix.state.turn is None
    assert pres.pages.currentWidget() is pres.table and pres.table.isVisible()
    pres.close()
    qtbot.waitUntil(lambda: w.session_view.presentation is None)
