"""A session title of the longest length (200 characters) never widens the window past the screen: the header
shows what fits, ending with "…", and the whole title in its tooltip; a short title shows whole, no tooltip."""
from __future__ import annotations

import datetime as dt

from tension_desk.domain.limits import TITLE


def test_a_200_character_title_leaves_the_window_at_1280_px_and_is_whole_in_its_tooltip(make_window, desk, qtbot):
    title = ("Roadmap tension session on the platform rewrite, the enterprise deal and what each side gives up "
             "for the other in the first quarter of next year, with both leaders and the staff engineers present today")
    title = title[:TITLE]
    assert len(title) == TITLE
    long_id = desk.sessions.create(title, dt.date(2026, 12, 15)).id
    short_id = desk.sessions.create("December tension session", dt.date(2026, 12, 16)).id
    w = make_window()
    w.resize(1280, 690)
    w.select_session(long_id)
    label = w.session_view.title
    qtbot.waitUntil(lambda: label.text().startswith("Roadmap"))
    assert w.minimumSizeHint().width() <= 1280 and w.width() <= 1280
    assert label.text().endswith("…") and title.startswith(label.text()[:-1])
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.toolTip() == title
    w.select_session(short_id)
    qtbot.waitUntil(lambda: label.text().startswith("December"))
    assert label.text() == "December tension session" and label.toolTip() == ""
