"""A session's tabs other than the matrix, the chart and the notes are built (their modules imported) when first
shown or asked for: a start that shows the matrix builds none of them. A tab built late holds what it would have
held had it been built with the window, and every later change, undo and redo reaches it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.session_view import SessionView, Tab


def _built(view: SessionView) -> set[Tab]:
    return {tab for tab, page in view.lazy.items() if page.content is not None}


def _titles(view: SessionView, side: Side = Side.PRODUCT) -> list[str]:
    model = view.priorities.panels[side].model
    return [model.priority(r).title for r in range(model.rowCount())]


@pytest.fixture
def on_the_matrix(make_window, desk, leaders, qtbot):
    """The window on the newest sample session's matrix, as a start that shows the matrix leaves it."""
    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    w = make_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # keys go to the active window
    w.session_view.show_tab(Tab.MATRIX)
    w.select_session(ids[-1])
    return w, ids[-1]


def test_opening_a_session_on_the_matrix_builds_no_other_tab_until_it_is_shown(on_the_matrix, desk):
    w, _sid = on_the_matrix
    view = w.session_view
    assert _built(view) == set()
    view.show_tab(Tab.TENSIONS)
    assert _built(view) == {Tab.TENSIONS}
    assert view.tensions.isVisible()
    model = view.tensions.model
    shown = {model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())}
    assert shown and shown <= {t.statement for t in desk.tensions.list()}


def test_an_edit_made_before_a_tab_is_built_shows_in_it_and_its_undo_reaches_it(on_the_matrix):
    w, sid = on_the_matrix
    view = w.session_view
    before = list(view.matrix.model.priorities())
    w.ctx.run(view, cmd.AddPriorities, sid, [PriorityDraft("Dark mode", Side.PRODUCT)])
    assert Tab.PRIORITIES not in _built(view)
    view.show_tab(Tab.PRIORITIES)
    assert _titles(view)[-1] == "Dark mode"
    w.ctx.undo_stack.undo()
    assert "Dark mode" not in _titles(view)
    assert list(view.matrix.model.priorities()) == before
    w.ctx.undo_stack.redo()
    assert _titles(view)[-1] == "Dark mode"


def test_a_tab_key_opens_a_tab_never_built_with_the_session_in_it(on_the_matrix, desk, qtbot):
    w, sid = on_the_matrix
    view = w.session_view
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # C&apacity
    assert view.tabs.currentWidget() is view.pages[Tab.CAPACITY]
    assert _built(view) == {Tab.CAPACITY}
    assert view.capacity.isVisible()
    plan = desk.sessions.open(sid).plan
    assert plan is not None and view.capacity.plan_line.text().startswith(f"{plan.total_weeks:g} person-weeks")


def test_the_chart_worked_out_when_first_shown_is_the_matrix_as_it_was_with_its_priority_picked(on_the_matrix,
                                                                                                  desk):
    """The 2×2 chart is worked out (render.quadrant) when first painted or asked for, from the matrix as it was
    when last loaded, with the priority picked in the matrix before it was ever worked out highlighted."""
    from tension_desk.render.quadrant import quadrant_data

    w, _sid = on_the_matrix
    w.select_session(next(s.id for s in desk.sessions.list() if desk.sessions.open(s.id).state.revealed))
    view = w.session_view
    model = view.matrix.model
    assert model.revealed and model.results()
    expected = model.priorities(), model.results(), view.session.title if view.session else ""
    picked = expected[0][-1].id
    view.matrix.select_priority(picked)
    view.show_tab(Tab.CHART)
    assert view.chart.data == quadrant_data(*expected, highlighted=picked)
    assert view.chart.data.points


def test_the_decision_log_and_the_review_are_built_when_first_shown(on_the_matrix, desk):
    w, _sid = on_the_matrix
    assert w.stack.count() == 2  # the welcome page and the session
    w.show_decision_log()
    assert w.stack.currentWidget() is w.log_view
    assert w.log_view.model.rowCount() == len(desk.decisions.list())
    w.show_review()
    assert w.stack.currentWidget() is w.review_view
    assert w.stack.count() == 4


def test_a_tab_built_as_its_session_opens_reads_nothing_more_than_the_opening(make_window, desk, leaders):
    """A first start on the Priorities tab (the first): the click that opens a session builds that tab, from the
    snapshot the opening just read (one snapshot, at most five statements, as in test_open_session_reads)."""
    from sqlalchemy import event

    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    w = make_window()
    view = w.session_view
    assert view.tabs.currentWidget() is view.pages[Tab.PRIORITIES] and _built(view) == set()
    statements: list[str] = []
    listener = lambda conn, cursor, sql, *_: statements.append(sql)
    event.listen(w.ctx.desk.engine, "before_cursor_execute", listener)
    try:
        w.select_session(ids[-1])
    finally:
        event.remove(w.ctx.desk.engine, "before_cursor_execute", listener)
    assert _built(view) == {Tab.PRIORITIES} and view.priorities.isVisible()
    assert len(statements) <= 5, "\n".join(statements)
    assert _titles(view) == [p.title for p in desk.sessions.open(ids[-1]).agenda if p.side is Side.PRODUCT]
