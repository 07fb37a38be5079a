"""The Priorities tab's lists: every row exactly as high as its title needs at the Priority column's width as shown
(a title on one line, a one-line row), in the first window a 1280×720 screen allows and after the window is made
narrower, as Qt's table lays the title out and paints it."""
from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from tension_desk.domain.model import Side
from tension_desk.services.sample import add_sample
from tension_desk.ui.models.priorities import COL_TITLE
from tension_desk.ui.settings import FRAME
from tension_desk.ui.widgets.priorities_view import ROW_PAD, TITLE_LINES


def misfit_rows(table) -> list[str]:
    """The titles whose row is not the least height of whole lines (ROW_PAD above and below) that holds the title
    as the table wraps it at its Priority column's width (``sizeHintForRow``: Qt's own measure); a title longer
    than TITLE_LINES lines gets that many (the style elides the rest)."""
    line = QFontMetrics(table.font()).lineSpacing()
    heights = [line * n + 2 * ROW_PAD for n in range(1, TITLE_LINES + 1)]
    wrong = []
    for r in range(table.model().rowCount()):
        text = table.sizeHintForRow(r)  # every other column is one short line
        wanted = next((h for h in heights if h - 2 * ROW_PAD >= text), heights[-1])
        if table.rowHeight(r) != wanted:
            title = table.model().index(r, COL_TITLE).data()
            wrong.append(f"{title!r}: {table.rowHeight(r)} px high, its text {text} px"
                         f" at {table.columnWidth(COL_TITLE)}")
    return wrong


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()  # the tables' own delayed layout: what the user then sees


def test_every_priority_row_is_as_high_as_its_title_wraps_at_the_column_width_shown(make_window, desk, leaders,
                                                                                    qtbot):
    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    size = (1280 - FRAME.left() - FRAME.right(), 720 - FRAME.top() - FRAME.bottom())
    w = make_window()
    w.resize(*size)
    w.select_session(ids[-1])  # November
    view = w.session_view
    view.tabs.setCurrentWidget(view.priorities)
    tables = [panel.table for panel in view.priorities.panels.values()]
    qtbot.waitUntil(lambda: w.size().toTuple() == size and all(t.viewport().width() > 0 for t in tables))
    assert w.sidebar.isVisible()  # the session list shown: the lists get what the window has left
    settle()
    assert [misfit_rows(t) for t in tables] == [[], []]  # "AI summary of weekly activity" was two lines high
    w.resize(1100, size[1])
    qtbot.waitUntil(lambda: w.width() == 1100)
    settle()
    assert [misfit_rows(t) for t in tables] == [[], []]
    assert all(t.rowHeight(0) > t.verticalHeader().defaultSectionSize() for t in tables)  # narrower: they wrap
    product = view.priorities.panels[Side.PRODUCT]
    product.select(product.model.priority(0).id)
    product.tool_actions["down"].trigger()  # an edit: the list is set again, its rows fitted again
    settle()
    assert product.model.priority(1).title == "Self-serve onboarding wizard"
    assert [misfit_rows(t) for t in tables] == [[], []]
