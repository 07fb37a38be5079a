"""Undo and Redo with the store file replaced in place after start (a sync tool, a copy over it): the step is
done or told in one line, never the unexpected-error dialog, and the undo stack says what the store holds."""
from __future__ import annotations

import pytest

from tension_desk.store.engine import store_path
from tension_desk.ui import commands as cmd

RENAMED = "Renamed before the store was replaced"


@pytest.fixture
def window(telling_window):
    return telling_window


@pytest.mark.parametrize("forward", [False, True], ids=["undo", "redo"])
def test_an_undo_or_redo_after_the_store_was_replaced_in_place_agrees_with_the_store(window, sample_dir, forward):
    w, stack = window, window.ctx.undo_stack
    session = w.ctx.desk.sessions.list()[0]
    w.session_tree.setCurrentIndex(w.session_model.index_of(session.id))
    assert w.ctx.run(w, cmd.UpdateSession, session.id, "Rename session", title=RENAMED)
    if forward:
        w.undo_action.trigger()
    w.said()
    path = store_path(sample_dir)
    kept = path.read_bytes()
    path.write_bytes(b"not a store " * 400)  # replaced in place: the app's connections still have it open

    (w.redo_action if forward else w.undo_action).trigger()
    told, unexpected = w.said()
    assert unexpected == [], "never the unexpected-error dialog"
    assert len(told) <= 1 and all("\n" not in line for line in told), told

    path.write_bytes(kept)
    done = stack.index() == 1  # the rename is done, as the stack says
    assert w.ctx.desk.sessions.get(session.id).title == (RENAMED if done else session.title)
