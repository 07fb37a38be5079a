"""The Tensions list names every priority of a tension, each on its own line and whole: a two-sided conflict
shows the product priority and the engineering priority side by side, not one of them and a tooltip."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from tension_desk.services.sample import add_sample
from tension_desk.ui.models.tensions import COL_PRIORITIES
from tension_desk.ui.widgets.session_view import Tab

WRAP = int(Qt.TextFlag.TextWordWrap)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_every_priority_of_every_sample_tension_is_on_screen(make_window, desk, qtbot, size):
    w = make_window()
    w.resize(*size)
    qtbot.waitUntil(lambda: w.width() == size[0])
    ids = add_sample(desk)
    w.refresh_sessions()
    cut = []
    for sid in ids:
        w.select_session(sid)
        view = w.session_view
        view.show_tab(Tab.TENSIONS)
        qtbot.wait(1)
        table = view.tensions.table
        titles = {p.id: p for p in desk.priorities.agenda(sid)}
        fm = QFontMetrics(table.font())
        for r in range(table.model().rowCount()):
            index = table.model().index(r, COL_PRIORITIES)
            tension = view.tensions.model.tension(table.model().mapToSource(index).row())
            lines = str(index.data()).split("\n")
            assert sorted(lines) == sorted(f"{titles[pid].side.marker} {titles[pid].side.label}: {titles[pid].title}"
                                           for pid in tension.priority_ids)
            need = fm.boundingRect(QRect(0, 0, table.columnWidth(COL_PRIORITIES) - 8, 100_000), WRAP,
                                   str(index.data())).height()
            if need + 2 > table.rowHeight(r):  # the cell's rect is the row less its grid line
                cut.append(f"{view.session.title}: {lines} need {need} px, row {table.rowHeight(r)}")
    assert not cut, "\n".join(cut)


def test_a_two_sided_conflict_lists_the_product_priority_first(make_window, desk, qtbot):
    w = make_window()
    ids = add_sample(desk)
    w.refresh_sessions()
    november = ids[-1]
    w.select_session(november)
    model = w.session_view.tensions.model
    texts = [model.index(r, COL_PRIORITIES).data() for r in range(model.rowCount())]
    assert ("● Product: Localisation: German and French\n"
            "▲ Engineering: Retire the legacy reporting service") in texts
