"""Keyboard: Redo answers to both Ctrl+Shift+Z and Ctrl+Y, and no key is bound to two actions."""
from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd


@pytest.fixture
def window(desk, make_window):
    sid = add_sample(desk)[-1]
    w = make_window()
    w.select_session(sid)
    w.activateWindow()
    return w


def titles(w) -> list[str]:
    return [p.title for p in w.ctx.desk.priorities.agenda(w.session_view.session.id)]


def press(qtbot, w, key: str) -> None:
    """Press ``key`` on the focused widget of the window, as a user would."""
    seq = QKeySequence(key)[0]
    target = w.focusWidget() or w
    qtbot.keyClick(target, seq.key(), seq.keyboardModifiers())


@pytest.mark.parametrize("redo_key", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_redo_works_on_both_usual_keys(qtbot, window, redo_key):
    w, stack = window, window.ctx.undo_stack
    assert w.ctx.run(w, cmd.AddPriorities, w.session_view.session.id, [PriorityDraft("Typed in", Side.PRODUCT)])
    press(qtbot, w, "Ctrl+Z")
    assert stack.index() == 0 and "Typed in" not in titles(w)
    press(qtbot, w, redo_key)
    assert stack.index() == 1 and titles(w).count("Typed in") == 1


def test_no_key_sequence_is_bound_twice(window):
    """Qt ignores a key bound twice where both could fire ("Ambiguous shortcut overload"). Window-wide
    actions share one scope; a widget's own actions (Alt+Up in a list) share that widget's scope and the
    window's. Redo holds every standard Redo key of the platform, and Ctrl+Shift+Z and Ctrl+Y."""
    w = window
    window_wide = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)
    scopes = defaultdict(lambda: defaultdict(list))  # scope -> key -> action names
    for action in w.findChildren(QAction):
        keys = [seq.toString() for seq in action.shortcuts() if not seq.isEmpty()]
        name = action.objectName() or action.text()
        where = ["window"] if action.shortcutContext() in window_wide else \
            [id(o) for o in action.associatedObjects()]
        for scope in where:
            for key in keys:
                scopes[scope][key].append(name)
    clashes = {key: names for key, names in scopes["window"].items() if len(names) > 1}
    for scope, keys in scopes.items():
        if scope != "window":
            clashes |= {key: names + scopes["window"].get(key, []) for key, names in keys.items()
                        if len(names) + len(scopes["window"].get(key, [])) > 1}
    assert clashes == {}
    redo = [seq.toString() for seq in w.redo_action.shortcuts()]
    standard = [seq.toString() for seq in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    assert set(redo) >= {*standard, "Ctrl+Shift+Z", "Ctrl+Y"}
