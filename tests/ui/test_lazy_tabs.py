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
