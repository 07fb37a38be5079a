"""A click on the session still selected in the sidebar leaves the Decision log or the review page for it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tension_desk.services.sample import add_sample


@pytest.mark.parametrize("page", ["show_decision_log", "show_review"])
def test_clicking_the_current_session_goes_back_to_it(make_window, qtbot, page):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[-1])
    getattr(w, page)()
    assert w.stack.currentWidget() is not w.session_view
    tree = w.session_tree
    index = w.session_model.index_of(ids[-1])
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    assert w.stack.currentWidget() is w.session_view
    assert w.session_view.session.id == ids[-1]
