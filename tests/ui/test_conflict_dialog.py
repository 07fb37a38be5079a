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
