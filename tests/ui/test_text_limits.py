"""Every multi-line editor stops at the limit the app stores (domain/limits.py), as one-line fields do:
what is pasted past it is cut where it went in, and the text already there stays whole."""
from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from tension_desk.domain import limits
from tension_desk.domain.model import CapacityPlan, Criterion, PriorityDraft, Side
from tension_desk.ui.dialogs.criteria import CriterionDialog
from tension_desk.ui.dialogs.plan import PlanDialog
from tension_desk.ui.dialogs.priority import PriorityDialog
from tension_desk.ui.dialogs.tension import TensionDialog

HEAD, TAIL = "Kept at the start 😀 ", " kept at the end"


def paste_past_the_limit(edit: QPlainTextEdit, limit: int) -> None:
    """Fill the editor to its limit less 10, put the cursor in the middle of it, and paste 100 characters."""
    filler = "f" * (limit - 10 - len(HEAD) - len(TAIL))
    edit.setPlainText(HEAD + filler + TAIL)
    cursor = edit.textCursor()
    cursor.setPosition(len((HEAD + filler).encode("utf-16-le")) // 2)
    edit.setTextCursor(cursor)
    edit.insertPlainText("p" * 100)


def check(edit: QPlainTextEdit, limit: int) -> None:
    paste_past_the_limit(edit, limit)
    text = edit.toPlainText()
    assert len(text) == limit, (edit.objectName(), len(text))
    assert text.startswith(HEAD) and text.endswith("p" * 10 + TAIL), edit.objectName()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    edit.insertPlainText("more")  # at the limit, typing stops
    assert edit.toPlainText() == text


def test_the_dialogs_multi_line_fields_stop_at_the_limit(qtbot):
    priority = PriorityDialog(PriorityDraft("P", Side.PRODUCT))
    tension = TensionDialog([])
    criterion = CriterionDialog(Criterion(0, "C", 1.0))
    plan = PlanDialog(CapacityPlan("2026-Q4", 100, 50, 50), is_new=True)
    for dialog in (priority, tension, criterion, plan):
        qtbot.addWidget(dialog)
    for edit in (priority.description, tension.statement, criterion.description, plan.note):
        check(edit, limits.TEXT)


def test_the_session_notes_and_the_decision_record_stop_at_the_limit(make_window, desk):
    session = desk.sessions.create("Limits", dt.date(2026, 11, 24))
    w = make_window()
    w.select_session(session.id)
    view = w.session_view
    check(view.notes, limits.NOTES)
    for edit in view.decisions.form.texts.values():
        check(edit, limits.TEXT)
    assert len(view.decisions.form.texts) == 7
