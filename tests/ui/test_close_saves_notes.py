"""Closing a session seals its record: notes typed just before (their save after a pause not due yet, or left
unsaved by a save the store refused) are saved first and are in the sealed record. Where they still cannot be
saved, the session is not closed: the failed save is told, the notes stay on screen, and closing again once the
store is back seals them."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from tension_desk.domain.model import SessionStatus
from tension_desk.export.documents import session_document
from tension_desk.services.sample import add_sample
from tension_desk.store.engine import store_path
from tension_desk.ui.widgets.session_view import Tab

TYPED = "Decided: the ledger owner signs off by Friday"


def type_notes(w, qtbot, session_id):
    w.select_session(session_id)
    w.session_view.show_tab(Tab.NOTES)
    w.session_view.notes_tab.timer.setInterval(3_600_000)  # still typing: the save after a pause is not due
    qtbot.keyClicks(w.session_view.notes, TYPED)


def sealed_notes(desk, session_id) -> str:
    return json.loads(session_document(desk, session_id, "json"))["session"]["notes"]


def test_notes_typed_just_before_the_session_is_closed_are_in_its_sealed_record(make_window, desk, qtbot,
                                                                                 no_dialogs, monkeypatch):
    november = add_sample(desk)[-1]  # live
    w = make_window()
    told = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _p, exc, *a: told.append(str(exc))))
    type_notes(w, qtbot, november)

    w.status_actions[SessionStatus.CLOSED].trigger()
    QApplication.processEvents()
    assert told == []
    assert desk.sessions.get(november).status is SessionStatus.CLOSED
    assert sealed_notes(desk, november).endswith(TYPED)
    assert not w.session_view.notes_tab.pending()


def test_a_session_whose_notes_cannot_be_saved_is_not_closed_without_them(first_frame_window, sample_dir, qtbot,
                                                                          no_dialogs, monkeypatch, tmp_path):
    w = first_frame_window
    told = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _p, exc, *a: told.append(str(exc))))
    w.show()
    QApplication.processEvents()
    november = w.ctx.desk.sessions.list()[0]
    assert november.status is SessionStatus.LIVE
    type_notes(w, qtbot, november.id)
    path, aside = store_path(sample_dir), tmp_path / "aside.sqlite3"
    path.rename(aside)

    w.status_actions[SessionStatus.CLOSED].trigger()
    QApplication.processEvents()
    assert len(told) == 1 and "no longer there" in told[0], told
    assert w.session_view.notes.toPlainText().endswith(TYPED), "the notes stay on screen"
    assert not w.status_actions[SessionStatus.CLOSED].isChecked()

    aside.rename(path)
    w.status_actions[SessionStatus.CLOSED].trigger()
    QApplication.processEvents()
    assert len(told) == 1, told
    desk = w.ctx.desk
    assert desk.sessions.get(november.id).status is SessionStatus.CLOSED
    assert sealed_notes(desk, november.id).endswith(TYPED)


def test_a_session_deleted_with_notes_still_to_save_comes_back_with_them_on_undo(first_frame_window, sample_dir, qtbot,
                                                                                no_dialogs, monkeypatch, tmp_path):
    """Notes left unsaved by a save the store refused, the store back: Delete session saves them first, so the
    undo its question promises ('Undo (Ctrl+Z) brings it back') brings them back too."""
    w = first_frame_window
    told = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _p, exc, *a: told.append(str(exc))))
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(lambda *a, **k: True))
    w.show()
    QApplication.processEvents()
    november = w.ctx.desk.sessions.list()[0]
    type_notes(w, qtbot, november.id)
    path, aside = store_path(sample_dir), tmp_path / "aside.sqlite3"
    path.rename(aside)
    w.session_view.notes_tab.save()  # the pause in typing: the save fails, the notes stay on screen
    QApplication.processEvents()
    assert len(told) == 1 and w.session_view.notes_tab.pending()
    aside.rename(path)

    w.delete_action.trigger()
    QApplication.processEvents()
    assert november.id not in [s.id for s in w.ctx.desk.sessions.list()]
    w.undo_action.trigger()
    assert w.ctx.desk.sessions.get(november.id).notes.endswith(TYPED)
    assert len(told) == 1, told
