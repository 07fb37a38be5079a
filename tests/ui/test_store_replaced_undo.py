"""Undo and Redo with the store file replaced in place after start (a sync tool, a copy over it): the step is
done or told in one line, never the unexpected-error dialog, and the undo stack says what the store holds."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tension_desk.store.engine import store_path
from tension_desk.ui import commands as cmd

RENAMED = "Renamed before the store was replaced"


@pytest.fixture
def window(first_frame_window, no_dialogs, monkeypatch):
    """The cold start's window, its messages recorded: ``told`` (one line each), ``unexpected`` (the dialog's)."""
    w = first_frame_window
    w.told, w.unexpected = [], []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _parent, exc, *a: w.told.append(str(exc))))
    monkeypatch.setattr(no_dialogs, "show_unexpected", staticmethod(lambda _p, exc, _log: w.unexpected.append(exc)))
    w.show()
    QApplication.processEvents()
    return w


def _messages(w):
    QApplication.processEvents()
    said = (w.told[:], w.unexpected[:])
    w.told.clear()
    w.unexpected.clear()
    return said


@pytest.mark.parametrize("forward", [False, True], ids=["undo", "redo"])
def test_an_undo_or_redo_after_the_store_was_replaced_in_place_agrees_with_the_store(window, sample_dir, forward):
    w, stack = window, window.ctx.undo_stack
    session = w.ctx.desk.sessions.list()[0]
    w.session_tree.setCurrentIndex(w.session_model.index_of(session.id))
    assert w.ctx.run(w, cmd.UpdateSession, session.id, "Rename session", title=RENAMED)
    if forward:
        w.undo_action.trigger()
    _messages(w)
    path = store_path(sample_dir)
    kept = path.read_bytes()
    path.write_bytes(b"not a store " * 400)  # replaced in place: the app's connections still have it open

    (w.redo_action if forward else w.undo_action).trigger()
    told, unexpected = _messages(w)
    assert unexpected == [], "never the unexpected-error dialog"
    assert len(told) <= 1 and all("\n" not in line for line in told), told

    path.write_bytes(kept)
    done = stack.index() == 1  # the rename is done, as the stack says
    assert w.ctx.desk.sessions.get(session.id).title == (RENAMED if done else session.title)
