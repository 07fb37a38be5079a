"""A relaunch returns to where the user left off: the last session, its tab, its sort, the session list shown
or hidden, and the window's geometry.
The settings live in the test's own config dir (the data_dir fixture points XDG_CONFIG_HOME at tmp)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tension_desk.services.sample import add_sample
from tension_desk.ui.settings import app_settings
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
    w.resize(1220, 700)
    w.close()
    assert Path(app_settings().fileName()).is_relative_to(tmp_path)

    again = make_window()
    view = again.session_view
    assert view.session is not None and view.session.id == ids[1]
    assert view.tabs.currentWidget() is view.pages[Tab.CAPACITY]
    assert (again.width(), again.height()) == (1220, 700)
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
