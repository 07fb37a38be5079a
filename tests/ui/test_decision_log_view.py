"""The Decision log at 1280×720: the text of each decision (its tension and outcome) gets the room; the session
column names the session once, without repeating the date beside it."""
from __future__ import annotations

from tension_desk.services.sample import add_sample
from tension_desk.ui.models.decision_log import COL_DATE, COL_OUTCOME, COL_SESSION, COL_TENSION
from tension_desk.ui.widgets.decision_log_view import DecisionLogView


def test_the_tension_and_outcome_columns_are_the_widest_and_the_session_is_named_without_its_date(
        make_window, qtbot):
    w = make_window()
    w.resize(1280, 690)  # a 1280×720 screen less the title bar
    qtbot.waitUntil(lambda: (w.width(), w.height()) == (1280, 690))
    add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.show_decision_log()
    view = w.findChild(DecisionLogView)
    table = view.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0 and table.model().rowCount() == 2)
    widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
    others = [width for c, width in enumerate(widths) if c not in (COL_TENSION, COL_OUTCOME)]
    assert min(widths[COL_TENSION], widths[COL_OUTCOME]) > max(others), widths
    for row in range(table.model().rowCount()):
        session = table.model().index(row, COL_SESSION).data()
        assert session.endswith("tension session"), session
        assert table.model().index(row, COL_DATE).data() not in session
