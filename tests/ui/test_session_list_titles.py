"""The session list shows a long title on up to two lines, not cut on one ("December 2026 tension se…"): each
entry's lines fit its width (nothing is cut where the title fits two lines), the entry is as tall as its lines,
and its date and status line stays; a title longer than two lines ends with … and is whole in the tooltip.
Checked at 1280 px and at the narrowest the window goes with the list shown."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from tension_desk.ui import commands as cmd

DECEMBER = "December 2026 tension session"
LONG = ("January 2027 planning: the platform migration against the enterprise roadmap, the quarterly hiring plan "
        "and the support backlog")
HEIGHT = 690


def _entry(w, session_id) -> tuple[list[str], int, int, str]:
    """An entry as drawn: its lines, the width its text has, its height, and its tooltip."""
    tree = w.session_tree
    index = w.session_model.index_of(session_id)
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.font = tree.font()  # as the list gives its entries
    option.rect = tree.visualRect(index)
    tree.itemDelegateForIndex(index).initStyleOption(option, index)
    style = tree.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    width = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree).width() - 2 * margin
    return option.text.split("\u2028"), width, option.rect.height(), index.data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("width", [1280, 0], ids=["1280", "narrowest"])
def test_a_long_title_takes_two_lines_of_the_session_list_and_is_whole_in_its_tooltip(make_window, desk, leaders,
                                                                                     qtbot, width):
    desk.workspace.set_leaders(*leaders)
    w = make_window()
    w.sidebar_action.setChecked(True)
    ids = [w.ctx.run(w, cmd.CreateSession, title, dt.date(2026, 12, day), None, None).session_id
           for day, title in ((1, DECEMBER), (2, LONG))]
    w.refresh_sessions()
    w.select_session(ids[0])
    w.resize(width or 600, HEIGHT)
    qtbot.waitUntil(lambda: w.width() == (width or w.minimumWidth()))
    metrics = w.session_tree.fontMetrics()

    for day, session_id, title in zip((1, 2), ids, (DECEMBER, LONG), strict=True):
        lines, room, height, tip = _entry(w, session_id)
        assert all(metrics.horizontalAdvance(line) <= room for line in lines), (lines, room)
        assert height >= len(lines) * metrics.height(), "the entry is as tall as its lines"
        assert lines[-1] == f"{day} Dec 2026 · draft", "the date and status line stays"
        assert title in tip
        shown = " ".join(lines[:-1])
        if title == DECEMBER:
            assert shown == DECEMBER, "a title two lines hold is shown whole"
        else:
            assert len(lines) == 3 and shown.endswith("…") and LONG.startswith(shown[:-1].rstrip()), lines
