"""A failed edit, undo or redo: an error the user can act on is one line; a bug is logged with its traceback
and shown in the error dialog with the log's path and "Copy details". Either way the undo stack stays put."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd
from tension_desk.ui.errors import ErrorDialog

TITLE = "Cut cloud spend"


@pytest.fixture
def window(desk, make_window, monkeypatch, no_dialogs, tmp_path, qtbot):
    monkeypatch.setenv("TENSION_DESK_LOG_DIR", str(tmp_path / "logs"))
    sid = add_sample(desk)[-1]
    w = make_window()
    w.select_session(sid)
    w.log = tmp_path / "logs" / "tension-desk.log"
    w.errors, w.dialogs = [], []

    def show_unexpected(parent, exc, log_path):
        dialog = ErrorDialog(parent, exc, log_path)
        qtbot.addWidget(dialog)
        w.dialogs.append(dialog)

    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: w.errors.append(str(exc))))
    monkeypatch.setattr(no_dialogs, "show_unexpected", staticmethod(show_unexpected))
    return w


def add(w, title: str = TITLE):
    return w.ctx.run(w, cmd.AddPriorities, w.session_view.session.id, [PriorityDraft(title, Side.PRODUCT)])


def a_bug(*args, **kwargs):
    return {}["a lost row"]


def assert_shown_as_a_bug(w) -> None:
    assert w.errors == []
    [dialog] = w.dialogs
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert str(w.log) in labels
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith("Traceback") and "KeyError: 'a lost row'" in copied and "in a_bug" in copied


def test_a_bad_value_is_one_line_but_a_bug_is_logged_with_its_traceback_and_shown_with_copy_details(
        window, monkeypatch):
    w, stack = window, window.ctx.undo_stack
    assert add(w, "   ") is None  # a bad value: one line, no log
    assert len(w.errors) == 1 and "\n" not in w.errors[0] and "title" in w.errors[0].lower()
    assert w.dialogs == [] and not w.log.exists()
    w.errors.clear()

    monkeypatch.setattr(w.ctx.desk.priorities, "add_many", a_bug)
    assert add(w) is None
    logged = w.log.read_text(encoding="utf-8")
    assert "unexpected error in the edit AddPriorities" in logged
    assert "Traceback" in logged and "KeyError: 'a lost row'" in logged and "in a_bug" in logged
    assert_shown_as_a_bug(w)
    assert (stack.count(), stack.index()) == (0, 0)


def test_a_bug_in_an_undo_is_logged_and_shown_and_the_stack_stays(window, monkeypatch):
    w, stack = window, window.ctx.undo_stack
    assert add(w)
    monkeypatch.setattr(w.ctx.desk.priorities, "delete_many", a_bug)
    w.undo_action.trigger()
    assert "unexpected error in undo" in w.log.read_text(encoding="utf-8")
    assert_shown_as_a_bug(w)
    assert (stack.count(), stack.index()) == (1, 1)
