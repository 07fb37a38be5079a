"""File → Export of the session on screen exports the notes on screen: notes left unsaved by a save the store
refused (the store back since) are saved first, and are in the document. Before, the document had the notes as
stored, without what the screen showed."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from tension_desk.app import build_window, make_application
from tension_desk.services import sealing
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store, store_path
from tension_desk.ui.widgets.session_view import Tab

TYPED = "Decided: the ledger owner signs off by Friday"


def test_an_export_saves_the_notes_on_screen_first_and_exports_them(sample_dir, qtbot, no_dialogs, monkeypatch,
                                                                     tmp_path):
    engine = open_store(sample_dir)
    october = Desk(engine).sessions.list()[1].id
    sealing.reopen_session(Desk(engine), october, "Add the follow-ups", "Maya Chen")  # live, its scores revealed
    engine.dispose()
    make_application()
    w = build_window(sample_dir)
    qtbot.addWidget(w)
    told = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _p, exc, *a: told.append(str(exc))))
    target = tmp_path / "october.json"
    monkeypatch.setattr(no_dialogs, "ask_save_file", staticmethod(lambda *a: str(target)))
    w.show()
    QApplication.processEvents()
    w.session_tree.setCurrentIndex(w.session_model.index_of(october))
    w.session_view.show_tab(Tab.NOTES)
    w.session_view.notes_tab.timer.setInterval(3_600_000)  # still typing: the save after a pause is not due
    qtbot.keyClicks(w.session_view.notes, TYPED)
    path, aside = store_path(sample_dir), tmp_path / "aside.sqlite3"
    path.rename(aside)
    w.session_view.notes_tab.save()  # the pause in typing: the save fails, the notes stay on screen
    QApplication.processEvents()
    assert len(told) == 1 and w.session_view.notes_tab.pending()
    aside.rename(path)

    w.export_actions["json"].trigger()
    QApplication.processEvents()
    assert len(told) == 1, told
    assert json.loads(target.read_text(encoding="utf-8"))["session"]["notes"].endswith(TYPED)
    assert not w.session_view.notes_tab.pending()
    w.close()
    w.ctx.desk.dispose()
