"""The Outcomes page's 'Slowest from idea to delivery' list wraps its long items between words, never inside a
date: the sample's 'CI pipeline under 10 minutes — 224 days (10 Mar 2026 → 20 Oct 2026)' ended one line with
'20' and began the next with 'Oct 2026)' at 1280 px."""
from __future__ import annotations

import re

from PySide6.QtGui import QTextLayout

from tension_desk.services.sample import add_sample

DATE = re.compile(r"\d{1,2}[ \u00a0][A-Z][a-z]{2}[ \u00a0]\d{4}")


def _lines(text: str, font, width: int) -> list[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def test_every_date_of_the_slowest_items_stays_on_one_line_however_the_list_wraps(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    add_sample(desk)
    w = make_window()
    w.review_action.trigger()
    slowest = w.review_view.outcomes.slowest
    items = [slowest.item(i).text() for i in range(slowest.count())]
    assert items and all(len(DATE.findall(text)) == 2 for text in items)
    font = slowest.font()
    for text in items:
        full = slowest.fontMetrics().horizontalAdvance(text)
        for width in range(full // 3, full, 7):
            lines = _lines(text, font, width)
            assert sum(len(DATE.findall(line)) for line in lines) == 2, (width, lines)
