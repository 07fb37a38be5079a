"""Presentation mode on a 1280×720 screen stays on it at every zoom step. Zoomed in (A+), the header's title and
countdown grew with the matrix until the header's one line asked for more than 1280 px: the window grew wider
than the screen (the Exit button off the shared screen). They now grow as far as the line has room and stay at
that size while the matrix zooms on; a title too long even then is elided, whole in its tooltip."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from tension_desk.services.sample import add_sample
from tension_desk.ui.plain import plain_tip
from tension_desk.ui.widgets.presentation import ZOOM_STEPS

LONG_TITLE = "Quarterly tension session on the platform migration, the analytics roadmap and the support backlog"


def whole_or_elided(label: QLabel, full: str) -> bool:
    """The label shows ``full``, or its start with an ellipsis and ``full`` whole in its tooltip."""
    text = label.text()
    return text == full or (text.endswith("…") and full.startswith(text[:-1]) and label.toolTip() == plain_tip(full))


@pytest.mark.parametrize("title", [None, LONG_TITLE], ids=["sample_title", "long_title"])
def test_every_zoom_step_keeps_the_window_within_1280_px_and_the_header_whole(make_window, desk, qtbot, title):
    november = add_sample(desk)[-1]
    if title is not None:
        desk.sessions.update(november, title=title)
    w = make_window()
    w.resize(1280, 720)
    w.select_session(november)
    w.present_action.trigger()
    pres = w.session_view.presentation
    qtbot.addWidget(pres)
    pres.showNormal()
    pres.resize(1280, 720)
    qtbot.waitExposed(pres)
    pres.script.start_action.trigger()  # the countdown on the header too
    full_title = title or w.session_view.session.title
    larger = next(b for b in pres.findChildren(QPushButton) if b.text() == "A+")
    for step in range(ZOOM_STEPS.index(1.0), len(ZOOM_STEPS)):
        QApplication.processEvents()
        assert pres.zoom_factor == ZOOM_STEPS[step]
        assert pres.width() <= 1280 and pres.minimumSizeHint().width() <= 1280, f"zoom {pres.zoom_factor}"
        assert whole_or_elided(pres.title, full_title), pres.title.text()
        assert "…" not in pres.countdown.text() and pres.countdown.text().endswith(" left")
        for widget in [pres.title, pres.countdown, *pres.findChildren(QPushButton)]:
            if widget.isVisible() and widget.y() < pres.pages.y():  # on the header's line
                assert widget.width() >= widget.sizeHint().width(), f"{widget.text()!r} cut at {pres.zoom_factor}"
                assert widget.geometry().right() < pres.width()
        qtbot.mouseClick(larger, Qt.MouseButton.LeftButton)
    assert pres.text_px > 1.5 * 14  # the matrix itself zoomed on
