"""The toolbar does not move: Undo and Redo keep a fixed label and width; the edit they would undo or redo is
named in their tooltip."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QToolBar, QToolButton

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.ui import commands as cmd


def _buttons(w):
    bar = w.findChild(QToolBar, "main_toolbar")
    return {a.objectName(): bar.widgetForAction(a) for a in bar.actions()
            if isinstance(bar.widgetForAction(a), QToolButton)}


def test_undo_and_redo_buttons_keep_their_label_and_width_through_edits(make_window, desk, leaders, qtbot):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    w = make_window()
    w.select_session(s.id)
    qtbot.waitUntil(lambda: all(b.minimumWidth() == b.maximumWidth() for b in _buttons(w).values()))
    before = {name: (b.text(), b.width()) for name, b in _buttons(w).items()}
    long_title = "A very long priority title that would make any button showing it very wide indeed"
    assert w.ctx.run(w, cmd.AddPriorities, s.id, [PriorityDraft(long_title, Side.PRODUCT)])
    assert w.ctx.run(w, cmd.AddPriorities, s.id, [PriorityDraft("Short", Side.ENGINEERING)])
    w.undo_action.trigger()
    after = {name: (b.text(), b.width()) for name, b in _buttons(w).items()}
    assert after == before
    buttons = _buttons(w)
    assert buttons["undo_tool"].text() == "Undo" and buttons["redo_tool"].text() == "Redo"
    assert buttons["undo_tool"].isEnabled() and buttons["redo_tool"].isEnabled()
    assert long_title in buttons["undo_tool"].toolTip() and "Short" in buttons["redo_tool"].toolTip()
    for b in buttons.values():  # each button is wide enough for its label
        assert b.width() >= b.sizeHint().width()
    buttons["redo_tool"].click()
    assert [p.title for p in desk.priorities.agenda(s.id)].count("Short") == 1
    assert "Short" in buttons["undo_tool"].toolTip() and not buttons["redo_tool"].isEnabled()
