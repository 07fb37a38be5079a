"""Every blind-scoring step can be taken from the keyboard: a key for each (F5/F6 a leader scores, F7 done,
F9 reveal) and a mnemonic on the fixed labels (Alt+H done, Alt+R reveal), each bound to nothing else in the
window (the key test walks every QAction; the mnemonic test every button, tab and menu title)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QTabBar

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.ui.widgets.matrix_view import BLIND_KEYS
from tension_desk.ui.widgets.session_view import Tab


@pytest.fixture
def window(make_window, desk, leaders, qtbot):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("November", dt.date(2026, 11, 17))
    for title, side in (("Feature", Side.PRODUCT), ("Fix", Side.ENGINEERING)):
        desk.priorities.add(s.id, PriorityDraft(title, side))
    w = make_window()
    w.select_session(s.id)
    w.session_view.show_tab(Tab.MATRIX)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    return w


def press(qtbot, w, key: str) -> None:
    seq = QKeySequence(key)[0]
    qtbot.keyClick(w.focusWidget() or w, seq.key(), seq.keyboardModifiers())


def test_a_whole_blind_round_runs_from_the_keyboard(window, qtbot):
    w = window
    sid = w.session_view.session.id
    state = lambda: w.ctx.desk.scoring.state(sid)
    press(qtbot, w, "F5")
    assert state().turn is Side.PRODUCT
    press(qtbot, w, "F7")
    assert state().turn is None and state().product_done
    press(qtbot, w, "F6")
    assert state().turn is Side.ENGINEERING
    press(qtbot, w, "F7")
    assert state().engineering_done and not state().revealed
    press(qtbot, w, "F9")
    assert state().revealed


def test_reveal_by_key_waits_until_both_are_done(window, qtbot):
    w = window
    press(qtbot, w, "F9")
    assert not w.ctx.desk.scoring.state(w.session_view.session.id).revealed


def test_the_blind_scoring_keys_and_mnemonics_clash_with_nothing(window):
    w = window
    keys: dict[str, list[str]] = {}
    for action in w.findChildren(QAction):
        for seq in action.shortcuts():
            if not seq.isEmpty():
                keys.setdefault(seq.toString(), []).append(action.objectName() or action.text())
    for name, key in BLIND_KEYS.items():
        assert keys[key] == [f"{w.session_view.matrix.blind_bar.keys[name].objectName()}"], (key, keys[key])
    mnemonics: dict[str, list[str]] = {}
    texts = [b.text() for b in w.findChildren(QAbstractButton)]
    texts += [bar.tabText(i) for bar in w.findChildren(QTabBar) for i in range(bar.count())]
    texts += [a.text() for a in w.menuBar().actions()]
    for text in texts:
        if m := re.search(r"&([^&])", text.replace("&&", "")):
            mnemonics.setdefault(m.group(1).lower(), []).append(text)
    for letter in ("h", "r"):
        assert len(mnemonics[letter]) == 1, mnemonics[letter]
    assert {text for letter in "hr" for text in mnemonics[letter]} == {
        "Done scoring — &hide my scores", "&Reveal the scores"}
