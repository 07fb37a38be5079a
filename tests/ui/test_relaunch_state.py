"""A relaunch returns to where the user left off: the last session, its tab, its sort, the session list shown
or hidden, and the window's geometry.
The settings live in the test's own config dir (the data_dir fixture points XDG_CONFIG_HOME at tmp). The offscreen
screen (800 px wide) is narrower than the window's minimum with its session list: the windows here are closed at a
height that fits it, as narrow as they go (a saved geometry that does not fit is brought onto the screen,
tests/ui/test_window_fits.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt

from tension_desk.services.sample import add_sample
from tension_desk.ui.settings import DEFAULT_SIZE, FRAME, app_settings
from tension_desk.ui.widgets.session_view import Tab


def test_a_relaunch_returns_to_the_last_session_its_tab_and_the_window_geometry(make_window, desk, leaders,
                                                                                tmp_path):
    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    w = make_window()
    assert w.session_view.session is None  # first launch: the welcome page
    w.select_session(ids[1])  # October, not the newest
    w.session_view.show_tab(Tab.MATRIX)
    w.session_view.matrix.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    w.session_view.show_tab(Tab.CAPACITY)
    w.sidebar_action.trigger()  # Ctrl+B: the session list hidden
    w.resize(w.width(), 700)
    w.close()
    assert Path(app_settings().fileName()).is_relative_to(tmp_path)

    again = make_window()
    view = again.session_view
    assert view.session is not None and view.session.id == ids[1]
    assert view.tabs.currentWidget() is view.pages[Tab.CAPACITY]
    # its height as closed; its width as the screen allows (the list hidden, it fits the 800 px offscreen screen)
    assert again.height() == 700 and again.frameGeometry().width() == again.screen().availableGeometry().width()
    assert again.session_tree.currentIndex().isValid()  # the list shows which session is open
    assert not again.sidebar.isVisibleTo(again) and not again.sidebar_action.isChecked()
    header = view.matrix.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (2, Qt.SortOrder.DescendingOrder)


def test_a_session_deleted_since_is_not_reopened(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[0])
    w.session_view.show_tab(Tab.DECISIONS)
    w.close()
    desk.sessions.delete(ids[0])
    again = make_window()
    assert again.session_view.session is None and again.stack.currentWidget() is again.welcome


def test_the_startup_placeholder_opens_at_the_saved_size_so_the_window_replacing_it_keeps_it(make_window, qtbot):
    from tension_desk.app import _placeholder_window

    w = make_window()
    w.resize(w.minimumWidth(), 700)
    w.close()
    placeholder = _placeholder_window()
    qtbot.addWidget(placeholder)
    placeholder.show()
    again = make_window()
    assert placeholder.pos() == again.pos() and placeholder.height() == 700 == again.height()
    # the placeholder as wide as the screen, frame included; the window as wide as its minimum, wider than it
    assert placeholder.frameGeometry().width() == again.screen().availableGeometry().width()



@pytest.mark.parametrize(("size", "pos"), [(QSize(484, 130), QPoint(0, 0)), (QSize(1200, 700), QPoint(-9000, -9000))],
                         ids=["tiny", "off-screen"])
def test_a_tiny_or_off_screen_saved_geometry_opens_at_a_default_that_fits_the_screen(make_window, size, pos):
    settings = app_settings()
    settings.setValue("window/size", size)
    settings.setValue("window/pos", pos)
    settings.sync()
    w = make_window()
    screen = w.screen().availableGeometry()
    assert screen.contains(w.frameGeometry().topLeft())
    # the default size, as far as the screen (less a frame) and the window's own minimum (its layout) allow
    assert w.size() == DEFAULT_SIZE.boundedTo(screen.marginsRemoved(FRAME).size()).expandedTo(w.minimumSizeHint())


def test_a_window_closed_while_hidden_keeps_the_geometry_saved_before(make_window):
    w = make_window()
    w.resize(w.minimumWidth(), 700)
    w.close()
    again = make_window()
    again.hide()
    again.resize(300, 100)
    again.close()
    third = make_window()
    assert (third.width(), third.height()) == (w.minimumWidth(), 700)
