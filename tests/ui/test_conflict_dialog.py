"""The conflict dialog: someone else saved the same row first; theirs and yours side by side, as plain text."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from tension_desk.domain.model import Priority, PriorityDraft, Side
from tension_desk.services.conflicts import Conflict
from tension_desk.ui.dialogs.conflict import ConflictDialog


def a_conflict() -> Conflict:
    theirs = Priority(id=4, title="Faster <b>search</b>", side=Side.PRODUCT, effort_weeks=3.0,
                      idea_date=dt.date(2026, 10, 1), version=5)
    yours = PriorityDraft(title="Faster search & export", side=Side.PRODUCT, effort_weeks=5.0,
                          idea_date=dt.date(2026, 10, 1))
    return Conflict("the priority “Faster <b>search</b>”", theirs, yours, theirs.version)


def texts(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_it_shows_each_field_the_two_disagree_on_theirs_beside_yours(qtbot):
    dialog = ConflictDialog(None, a_conflict())
    qtbot.addWidget(dialog)
    assert dialog.rows == [("Title", "Faster <b>search</b>", "Faster search & export"), ("Effort weeks", "3", "5")]
    shown = texts(dialog)
    assert "Faster <b>search</b>" in shown and "Faster search & export" in shown
    assert "Idea date" not in shown  # the same on both sides: nothing to choose
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel))
    assert any("someone else" in text for text in shown)


@pytest.mark.parametrize(("button", "use_mine"), [("keep_theirs", False), ("use_mine", True)])
def test_ask_answers_keep_theirs_or_use_mine(qtbot, button, use_mine):
    QTimer.singleShot(0, lambda: getattr(QApplication.activeModalWidget(), button).click())
    assert ConflictDialog.ask(None, a_conflict()) is use_mine


def test_enter_keeps_theirs(qtbot):
    dialog = ConflictDialog(None, a_conflict())
    qtbot.addWidget(dialog)
    assert dialog.keep_theirs.isDefault() and not dialog.use_mine.isDefault()


# -- two laptops: this one's undoable edits (Context) against the other's saves --------------------------------
@pytest.fixture
def laptops(data_dir, store_url, leaders, qtbot, no_dialogs, monkeypatch):
    """This laptop's context and the other laptop's desk, each with its own engine, on one workspace; a
    priority on the agenda; the dialog's answers and the error messages recorded."""
    from types import SimpleNamespace

    from PySide6.QtGui import QUndoStack

    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store
    from tension_desk.ui.context import Context
    from tension_desk.ui.notifier import Notifier

    engines = [open_store(data_dir, url=store_url) for _ in range(2)]
    mine, theirs = (Desk(engine) for engine in engines)
    mine.workspace.set_leaders(*leaders)
    sid = mine.sessions.create("November", dt.date(2026, 11, 24)).id
    p = mine.priorities.add(sid, PriorityDraft("Faster search", Side.PRODUCT))
    laptop = SimpleNamespace(ctx=Context(mine, Notifier(), QUndoStack()), theirs=theirs, sid=sid, p=p,
                             asked=[], use_mine=False, shown=[])

    def ask(cls, parent, conflict):
        laptop.asked.append(conflict)
        return laptop.use_mine

    monkeypatch.setattr(ConflictDialog, "ask", classmethod(ask))
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: laptop.shown.append(str(exc))))
    yield laptop
    for engine in engines:
        engine.dispose()


def they_save(laptop, title: str) -> None:
    laptop.theirs.priorities.update(laptop.p.id, PriorityDraft(title, Side.PRODUCT),
                                    seen=laptop.theirs.priorities.get(laptop.p.id).version)


def title(laptop) -> str:
    return laptop.ctx.desk.priorities.get(laptop.p.id).title


def test_keep_theirs_saves_nothing_and_leaves_the_undo_stack_as_it_was(laptops):
    from tension_desk.ui import commands as cmd

    refreshed = []
    laptops.ctx.notifier.agenda_changed.connect(refreshed.append)
    they_save(laptops, "Faster search (EU first)")
    assert laptops.ctx.run(None, cmd.EditPriority, laptops.sid, laptops.p.id,
                           PriorityDraft("Faster search & export", Side.PRODUCT), laptops.p.version) is None
    [conflict] = laptops.asked
    assert conflict.differences() == [("Title", "Faster search (EU first)", "Faster search & export")]
    assert title(laptops) == "Faster search (EU first)" and laptops.ctx.undo_stack.count() == 0
    assert refreshed == [laptops.sid]  # the views show theirs


def test_use_mine_saves_over_theirs_as_one_edit_and_its_undo_gives_theirs_back(laptops):
    from tension_desk.ui import commands as cmd

    laptops.use_mine = True
    they_save(laptops, "Faster search (EU first)")
    assert laptops.ctx.run(None, cmd.EditPriority, laptops.sid, laptops.p.id,
                           PriorityDraft("Faster search & export", Side.PRODUCT), laptops.p.version)
    assert len(laptops.asked) == 1 and title(laptops) == "Faster search & export"
    assert laptops.ctx.undo_stack.count() == 1
    assert laptops.ctx.undo(None) and title(laptops) == "Faster search (EU first)"


def test_undo_after_someone_else_changed_the_row_is_refused_with_a_message(laptops):
    from tension_desk.ui import commands as cmd

    assert laptops.ctx.run(None, cmd.EditPriority, laptops.sid, laptops.p.id,
                           PriorityDraft("Faster search, EU", Side.PRODUCT), laptops.p.version)
    they_save(laptops, "Faster search, US")
    assert not laptops.ctx.undo(None)
    assert laptops.shown == ["The priority “Faster search, US” was changed by someone else since your edit: "
                             "nothing was undone, so their change stays."]
    assert laptops.ctx.undo_stack.index() == 1 and title(laptops) == "Faster search, US"


def test_steps_typed_into_one_weight_box_are_one_edit_that_undoes_whole(laptops):
    from tension_desk.ui import commands as cmd

    ctx, sid = laptops.ctx, laptops.sid
    criterion = ctx.desk.scoring.criteria(sid)[0]
    seen = criterion.version
    for weight in (2.5, 3.0, 3.5):
        seen = ctx.run(None, cmd.SetSessionWeight, sid, criterion.id, weight, None, "Set the weight", seen).seen
    assert ctx.undo_stack.count() == 1 and not laptops.asked
    assert ctx.undo(None) and ctx.desk.scoring.criteria(sid)[0].weight == criterion.weight
