"""The window's pages: the session (or the welcome page), the decision log and the quarterly review. Switching
shows exactly one of them, and the menus follow what is on screen."""
from __future__ import annotations

import datetime as dt

from tension_desk.domain.model import SessionStatus
from tension_desk.services.sample import add_sample
from tension_desk.ui.main_window import Page
from tension_desk.ui.widgets.session_view import Tab


def test_switching_pages_shows_the_right_page_and_menus(make_window, desk):
    add_sample(desk)
    w = make_window()
    first = w.session_model.session_ids()[0]
    w.select_session(first)
    assert (w.page, w.stack.currentWidget()) == (Page.SESSION, w.session_view)
    status = desk.sessions.get(first).status
    assert [s for s, a in w.status_actions.items() if a.isChecked()] == [status]
    assert w.rename_action.isEnabled() and w.present_action.isEnabled()

    w.log_action.trigger()
    assert (w.page, w.stack.currentWidget()) == (Page.LOG, w.log_view)
    w.review_action.trigger()
    assert (w.page, w.stack.currentWidget()) == (Page.REVIEW, w.review_view)
    # a store change while the review shows keeps the review (the log page does not come back)
    w.ctx.notifier.decisions_changed.emit()
    w.ctx.notifier.capacity_changed.emit()
    assert w.stack.currentWidget() is w.review_view
    w.log_button.click()
    assert w.stack.currentWidget() is w.log_view

    w.select_session(first)  # from the log back to the session, as "open session" does
    assert (w.page, w.stack.currentWidget()) == (Page.SESSION, w.session_view)


def test_the_status_menu_marks_the_session_by_its_status(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    w = make_window()
    w.select_session(s.id)
    assert [st for st, a in w.status_actions.items() if a.isChecked()] == [SessionStatus.DRAFT]
    w.status_actions[SessionStatus.LIVE].trigger()
    assert desk.sessions.get(s.id).status is SessionStatus.LIVE
    assert [st for st, a in w.status_actions.items() if a.isChecked()] == [SessionStatus.LIVE]
    w.status_actions[SessionStatus.LIVE].trigger()  # choosing the status it has is no edit
    assert w.ctx.undo_stack.count() == 1
    w.undo_action.trigger()
    assert [st for st, a in w.status_actions.items() if a.isChecked()] == [SessionStatus.DRAFT]


def test_the_session_tabs_come_in_the_order_of_the_tab_list(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    w = make_window()
    tabs = w.session_view.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [t.value for t in Tab]
    assert [t.name for t in Tab] == ["PRIORITIES", "TENSIONS", "DECISIONS", "MATRIX", "CHART", "CAPACITY", "WEIGHTS",
                                     "NOTES"]
    w.session_view.show_tab(Tab.CAPACITY)
    assert tabs.currentWidget() is w.session_view.pages[Tab.CAPACITY]
