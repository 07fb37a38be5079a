"""A CSV import the store refuses (a full disk) says so in one clear line, imports nothing and claims nothing."""
from __future__ import annotations

from tension_desk.services.sample import add_sample
from tension_desk.store.engine import store_path
from tension_desk.ui.errors import describe


def test_a_csv_import_the_store_refuses_is_one_clear_message_and_imports_nothing(make_window, desk, data_dir,
                                                                                 monkeypatch, no_dialogs, tmp_path):
    sid = add_sample(desk)[-1]
    csv = tmp_path / "many.csv"
    csv.write_text("title,side,effort_weeks\n" + "".join(f"Imported {i},product,1\n" for i in range(500)))
    w = make_window()
    w.select_session(sid)
    before = [p.title for p in desk.priorities.agenda(sid)]
    shown = []
    monkeypatch.setattr(no_dialogs, "ask_csv_file", staticmethod(lambda parent: str(csv)))
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: shown.append(describe(exc))))
    with desk.engine.begin() as con:  # the store refuses new rows with SQLite's own words for a full disk
        con.exec_driver_sql("CREATE TRIGGER disk_full BEFORE INSERT ON priority BEGIN "
                            "SELECT RAISE(ABORT, 'database or disk is full'); END")

    w.import_action.trigger()

    assert shown == [f"The store {store_path(data_dir)} could not be used: database or disk is full; nothing was "
                     "imported."]
    assert "Imported" not in w.statusBar().currentMessage()
    assert [p.title for p in desk.priorities.agenda(sid)] == before
    assert w.ctx.undo_stack.count() == 0 and not w.undo_action.isEnabled()
