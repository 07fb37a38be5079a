"""A laptop sharing a window of 1000 px or more: the agenda (the script bar's step list) and the timer stay on
the main toolbar, never behind its » menu; the less needed buttons take short labels only where the whole ones
do not fit, and no label is cut."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton

from tension_desk.services.sample import add_sample

WHOLE = {"new_session": "New session", "import_csv": "Import priorities from CSV", "undo_tool": "Undo",
         "redo_tool": "Redo", "presentation": "Presentation mode", "discuss_next": "Discuss next ▶"}


def open_november(make_window, desk, qtbot, sidebar: bool):
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[-1])
    w.sidebar_action.setChecked(sidebar)  # Ctrl+B: without the session list the window can be 1000 px wide
    if not sidebar:
        qtbot.waitUntil(lambda: w.minimumWidth() < 1000)  # once the window has laid itself out without the list
    qtbot.waitUntil(lambda: "discuss_next" in buttons(w))
    return w


def buttons(w) -> dict[str, QToolButton]:
    bar = w.toolbar()
    return {a.objectName(): b for a in bar.actions() if isinstance(b := bar.widgetForAction(a), QToolButton)}


def on_the_bar(w) -> bool:
    """The step list and the countdown are shown, inside the toolbar (not hidden in its » extension)."""
    bar, script = w.toolbar(), w.session_view.script_bar
    return all(part.isVisible() and bar.rect().contains(part.geometry().translated(script.pos()))
               for part in (script.steps, script.countdown))


def assert_nothing_cut(w) -> None:
    for name, b in buttons(w).items():
        assert b.width() >= b.sizeHint().width(), f"{name}: {b.text()!r} is cut"
    script = w.session_view.script_bar
    assert script.steps.width() >= script.steps.sizeHint().width()
    countdown = script.countdown
    assert countdown.fontMetrics().horizontalAdvance(countdown.text()) <= countdown.contentsRect().width()


@pytest.mark.parametrize("width", [1000, 1100, 1150, 1280, 1920])
def test_the_agenda_and_the_timer_stay_on_the_toolbar_from_1000_px_up(make_window, desk, qtbot, width):
    w = open_november(make_window, desk, qtbot, sidebar=False)
    w.resize(width, 720)
    qtbot.waitUntil(lambda: w.width() == width and w.toolbar().width() == width)
    qtbot.waitUntil(lambda: on_the_bar(w))
    assert w.session_view.script_bar.steps.currentText() == "1. Review carried-over items"
    assert w.session_view.script_bar.countdown.text() == "05:00 left"
    assert_nothing_cut(w)
    shown = {name: b.text() for name, b in buttons(w).items()}
    if width >= 1280:  # room for every whole label
        assert shown == WHOLE
    else:  # short labels, never for Undo and Redo; the menus keep the whole ones
        assert shown["new_session"] == "New" and shown["undo_tool"] == "Undo"
        assert w.new_action.text() == "&New session…" and w.present_action.text() == "&Presentation mode"
    if width == 1100:  # short labels only as far as needed: the meeting's buttons keep theirs
        assert shown["presentation"] == "Presentation mode" and shown["discuss_next"] == "Discuss next ▶"


def test_with_the_session_list_shown_the_narrowest_window_keeps_the_agenda_and_the_timer(make_window, desk, qtbot):
    w = open_november(make_window, desk, qtbot, sidebar=True)
    w.resize(1000, 720)  # as narrow as the window goes with the session list beside the session
    qtbot.waitUntil(lambda: w.width() < 1280 and w.toolbar().width() == w.width())
    qtbot.waitUntil(lambda: on_the_bar(w))
    assert_nothing_cut(w)
    w.resize(1920, 720)  # and back to a wide window: the whole labels again
    qtbot.waitUntil(lambda: {name: b.text() for name, b in buttons(w).items()} == WHOLE)
    assert_nothing_cut(w)
