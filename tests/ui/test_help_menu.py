"""Help → About Tension Desk says the version, the store in use, the bundled font's licence (and where its text
is), and the Qt and PySide6 versions, in plain text; Help → Keyboard shortcuts lists the keys the window's actions
answer to, read from the actions themselves."""
from __future__ import annotations

from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QKeySequence, QUndoCommand

from tension_desk import __version__
from tension_desk.services.sample import add_sample
from tension_desk.ui.dialogs.about import AboutDialog, ShortcutsDialog
from tension_desk.ui.plain import shown_text


@pytest.fixture
def opened(monkeypatch):
    """The Help dialogs the menu opens, kept instead of run modally."""
    shown = []
    for dialog in (AboutDialog, ShortcutsDialog):
        monkeypatch.setattr(dialog, "exec", lambda self: shown.append(self) or 0)
    return shown


def help_menu(w):
    menus = {shown_text(a.text()): a.menu() for a in w.menuBar().actions()}
    assert list(menus)[-1] == "Help"  # the last menu, where users look for it
    return [shown_text(a.text()) for a in menus["Help"].actions()]


def test_help_about_names_the_version_the_store_the_font_licence_and_qt(make_window, opened, data_dir):
    w = make_window()
    assert "About Tension Desk" in help_menu(w)
    w.about_action.trigger()
    (dialog,) = opened
    text = dialog.text.text()
    assert dialog.text.textFormat() == Qt.TextFormat.PlainText
    assert f"Tension Desk {__version__}" in text
    assert str(data_dir / "tension-desk.sqlite3") in text  # the store in use
    assert "SIL Open Font License 1.1 (OFL)" in text
    licence = Path(text.split("The font's licence: ")[1].splitlines()[0])
    assert "Open Font License" in licence.read_text(encoding="utf-8")  # where the licence text really is
    assert f"Qt {qVersion()}" in text and f"PySide6 {PySide6.__version__}" in text


def rows(dialog):
    t = dialog.table
    return {tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())}


def test_help_keyboard_shortcuts_lists_the_keys_of_the_actions_themselves(make_window, opened):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[0])
    assert "Keyboard shortcuts" in help_menu(w)
    w.ctx.undo_stack.push(QUndoCommand("Rename session"))  # Undo's text now names that edit
    assert shown_text(w.undo_action.text()) == "Undo Rename session"
    w.shortcuts_action.trigger()
    listed = rows(opened[-1])
    native = QKeySequence.SequenceFormat.NativeText
    anywhere = "Anywhere in the window"
    assert {(QKeySequence(QKeySequence.StandardKey.New).toString(native), "New session…", anywhere),
            ("F2", "Rename session…", anywhere), ("F9", "Reveal the scores", anywhere),
            ("Ctrl+Shift+A", "Accept for the session's quarter", "Matrix tab"),
            ("Ins", "+ Add", "Priorities tab"),  # a tab not shown yet: its keys are listed too
            ("Alt+Up", "Move up", "Priorities tab"),
            (QKeySequence(QKeySequence.StandardKey.HelpContents).toString(native), "Keyboard shortcuts", anywhere),
            } <= listed
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(native)
    assert (undo, "Undo", anywhere) in listed  # by its name, not the last edit's

    w.rename_action.setShortcut(QKeySequence("Ctrl+Alt+R"))  # read from the action, not from a list of its own
    w.shortcuts_action.trigger()
    again = rows(opened[-1])
    assert ("Ctrl+Alt+R", "Rename session…", anywhere) in again and ("F2", "Rename session…", anywhere) not in again
