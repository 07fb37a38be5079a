"""A sorted column's arrow is never a side's marker: the matrix said 'Rank ▲' (and '▼' sorted the other way),
the very triangle that marks the engineering leader beside it ('▲ E total', '▲ Split the billing monolith'), so
on a shared screen 'Rank ▲' read as the engineering side's rank. The arrow is now ↑ or ↓, on screen and in
presentation mode."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tension_desk.domain.model import Side
from tension_desk.services.sample import add_sample
from tension_desk.ui.models.matrix import COL_RANK
from tension_desk.ui.widgets.session_view import Tab

MARKERS = {side.marker for side in Side}


def test_the_sorted_column_s_arrow_is_no_side_marker(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    october = add_sample(desk)[1]  # revealed: ranked
    w = make_window()
    w.select_session(october)
    w.session_view.show_tab(Tab.MATRIX)
    table = w.session_view.matrix.table
    labels = []
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        table.sortByColumn(COL_RANK, order)
        labels.append(table.horizontalHeader().label_text(COL_RANK))
    assert all(label.startswith("Rank") and label != "Rank" for label in labels)  # the arrow is shown
    assert len(set(labels)) == 2 and not MARKERS & set("".join(labels))
