"""On the Decision log and Capacity & outcomes pages no session is on screen, so the menus' actions on a session
(Session → Rename, Delete, Status; File → Export session) are off there, by menu and by key: Session → Delete on the
decision log deleted the session last shown, out of sight. What acts on the workspace stays on. Back on a session,
they are all on again. The session list's right-click menu acts on the entry clicked, and its question names it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from tension_desk.domain.model import SessionStatus


@pytest.fixture
def window(first_frame_window, qtbot, no_dialogs, monkeypatch):
    w = first_frame_window
    w.show()
    qtbot.waitExposed(w)
    w.asked = []  # every question a session action put to the user: (what, its text)

    def ask(name):
        return staticmethod(lambda *args, **_kw: w.asked.append((name, " ".join(map(str, args[1:])))))

    for name in ("confirm", "ask_text", "ask_save_file"):
        monkeypatch.setattr(no_dialogs, name, ask(name))
    w.sessions = {s.title.split()[0]: s for s in w.ctx.desk.sessions.list()}
    return w


def session_bound(w) -> dict[str, object]:
    return {"rename": w.rename_action, "delete": w.delete_action,
            **{f"status {s}": a for s, a in w.status_actions.items()},
            **{f"export {fmt}": a for fmt, a in w.export_actions.items()}}


def workspace_wide(w) -> dict[str, object]:
    return {"new session": w.new_action, "leaders": w.leaders_action, "criteria": w.criteria_action,
            "verify": w.verify_action, "backups": w.backups_action, "decision log": w.log_action,
            "review": w.review_action, **{f"export log {fmt}": a for fmt, a in w.export_log_actions.items()}}


def press(qtbot, w, key: QKeySequence) -> None:
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # the key reaches the window
    seq = key[0]
    qtbot.keyClick(w.focusWidget() or w, seq.key(), seq.keyboardModifiers())
    QApplication.processEvents()


def stored(w) -> list[tuple[str, SessionStatus]]:
    return [(s.title, s.status) for s in w.ctx.desk.sessions.list()]


@pytest.mark.parametrize("page", ["log_button", "review_button"])
def test_on_a_workspace_page_no_menu_action_or_key_acts_on_the_session_left(window, qtbot, page):
    w = window
    october = w.sessions["October"]
    w.select_session(october.id)
    assert all(a.isEnabled() for a in session_bound(w).values())
    before = stored(w)
    keys = [(name, key) for name, a in session_bound(w).items() for key in a.shortcuts()]
    assert [name for name, _key in keys] == ["rename", "delete", "export pdf"]
    for _name, key in keys:  # on the session, each key asks about it (nothing is answered: nothing is done)
        w.session_tree.setFocus()
        press(qtbot, w, key)
    assert [what for what, _text in w.asked] == ["ask_text", "confirm", "ask_save_file"]
    w.asked.clear()

    qtbot.mouseClick(getattr(w, page), Qt.MouseButton.LeftButton)
    off = [name for name, a in session_bound(w).items() if a.isEnabled()]
    assert off == [], f"on for a session not on screen: {off}"
    assert all(a.isEnabled() for a in workspace_wide(w).values()), {n: a.isEnabled() for n, a in
                                                                     workspace_wide(w).items()}
    for _name, key in keys:
        press(qtbot, w, key)
    for a in session_bound(w).values():
        a.trigger()  # as its menu item would
    assert w.asked == []
    assert stored(w) == before
    assert w.stack.currentWidget() is not w.session_view

    w.select_session(october.id)
    assert all(a.isEnabled() for a in session_bound(w).values()), {n: a.isEnabled() for n, a in
                                                                   session_bound(w).items()}
    w.session_tree.setFocus()
    press(qtbot, w, w.rename_action.shortcut())  # the key asks again, for the session on screen
    assert w.asked == [("ask_text", f"Rename session Session title: {october.title}")]


def right_click(qtbot, w, session_id: int) -> None:
    """Press the right button on the session's entry, as a right-click does before its menu opens."""
    tree = w.session_tree
    index = w.session_model.index_of(session_id)
    tree.scrollTo(index)
    qtbot.mousePress(tree.viewport(), Qt.MouseButton.RightButton, pos=tree.visualRect(index).center())
    qtbot.mouseRelease(tree.viewport(), Qt.MouseButton.RightButton, pos=tree.visualRect(index).center())


@pytest.mark.parametrize("clicked", ["October", "other"])
def test_the_session_lists_right_click_menu_deletes_the_entry_clicked_and_names_it(window, qtbot, clicked):
    w = window
    october = w.sessions["October"]
    other = next(s for name, s in w.sessions.items() if name != "October")
    target = october if clicked == "October" else other
    w.select_session(october.id)
    qtbot.mouseClick(w.log_button, Qt.MouseButton.LeftButton)  # the log on screen, October the list's current
    right_click(qtbot, w, target.id)
    assert w.session_tree.actions()  # its right-click menu: these actions
    assert w.delete_action in w.session_tree.actions() and w.delete_action.isEnabled()
    w.delete_action.trigger()
    assert len(w.asked) == 1 and w.asked[0][0] == "confirm" and f"“{target.title}”" in w.asked[0][1]
    assert w.windowTitle() == f"{target.title} — Tension Desk"
