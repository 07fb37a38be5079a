"""An undo or redo the store refuses (a full disk) leaves the undo stack where the store is, and says why."""
from __future__ import annotations

import pytest

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.sample import add_sample
from tension_desk.store.engine import store_path
from tension_desk.ui import commands as cmd

TITLE = "Added, then undone"


@pytest.fixture
def window(desk, data_dir, make_window, monkeypatch, no_dialogs):
    sid = add_sample(desk)[-1]
    w = make_window()
    w.store = store_path(data_dir)  # the store's one line names it
    w.select_session(sid)
    w.shown = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: w.shown.append(str(exc))))
    return w


class DiskFull:
    """The store refuses one kind of write with SQLite's own "disk is full" error until ``clear``."""

    def __init__(self, engine, action: str):
        self.engine, self.action = engine, action
        self._sql(f"CREATE TRIGGER disk_full BEFORE {action} ON priority BEGIN "
                  "SELECT RAISE(ABORT, 'database or disk is full'); END")

    def clear(self) -> None:
        self._sql("DROP TRIGGER disk_full")

    def _sql(self, sql: str) -> None:
        with self.engine.begin() as con:
            con.exec_driver_sql(sql)


def titles(w) -> list[str]:
    return [p.title for p in w.ctx.desk.priorities.agenda(w.session_view.session.id)]


def test_an_undo_the_store_refuses_shows_a_dialog_and_leaves_the_stack_and_the_store(window):
    w, stack = window, window.ctx.undo_stack
    assert w.ctx.run(w, cmd.AddPriorities, w.session_view.session.id, [PriorityDraft(TITLE, Side.PRODUCT)])
    before = titles(w)
    fault = DiskFull(w.ctx.desk.engine, "DELETE")
    w.undo_action.trigger()
    assert w.shown == [f"the store {w.store} could not be used: database or disk is full; nothing was undone."]
    assert (stack.count(), stack.index()) == (1, 1) and titles(w) == before
    assert w.undo_action.isEnabled() and w.undo_action.text() == f"&Undo Add “{TITLE}”"
    assert not w.redo_action.isEnabled()

    fault.clear()  # with room again, undo and redo do exactly one step each, never a duplicate
    w.undo_action.trigger()
    assert stack.index() == 0 and TITLE not in titles(w)
    w.redo_action.trigger()
    assert stack.index() == 1 and titles(w).count(TITLE) == 1
    w.undo_action.trigger()
    w.redo_action.trigger()
    assert stack.index() == 1 and titles(w) == before
    assert len(w.shown) == 1


def test_a_redo_the_store_refuses_shows_a_dialog_and_leaves_the_stack_and_the_store(window):
    w, stack = window, window.ctx.undo_stack
    assert w.ctx.run(w, cmd.AddPriorities, w.session_view.session.id, [PriorityDraft(TITLE, Side.PRODUCT)])
    w.undo_action.trigger()
    before = titles(w)
    fault = DiskFull(w.ctx.desk.engine, "INSERT")
    w.redo_action.trigger()
    assert w.shown == [f"the store {w.store} could not be used: database or disk is full; nothing was redone."]
    assert (stack.count(), stack.index()) == (1, 0) and titles(w) == before and TITLE not in before

    fault.clear()
    w.redo_action.trigger()
    assert stack.index() == 1 and titles(w).count(TITLE) == 1
    w.undo_action.trigger()
    assert stack.index() == 0 and titles(w) == before
    assert len(w.shown) == 1

