"""File → Export with the store file replaced after start by a file that is not a store: the store's one line
(SQLite's words), as a read from the window says it, never SQLAlchemy's message with its link on a second line;
no file is written."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tension_desk.store.engine import store_path


@pytest.fixture
def window(telling_window):
    return telling_window


EXPORTS = {
    "session pdf": lambda w: w.export_actions["pdf"].trigger(),
    "session csv": lambda w: w.export_actions["csv"].trigger(),
    "decision log": lambda w: w.export_log_actions["pdf"].trigger(),
}


@pytest.mark.parametrize("export", EXPORTS)
def test_an_export_after_the_store_was_replaced_says_the_stores_one_line(window, sample_dir, no_dialogs, monkeypatch,
                                                                         tmp_path, export):
    october = window.ctx.desk.sessions.list()[1]  # closed: every export is on
    window.session_tree.setCurrentIndex(window.session_model.index_of(october.id))
    QApplication.processEvents()
    target = tmp_path / "out"
    monkeypatch.setattr(no_dialogs, "ask_save_file", staticmethod(lambda *a: str(target)))
    store_path(sample_dir).write_bytes(b"not a store " * 400)

    EXPORTS[export](window)
    QApplication.processEvents()
    assert window.unexpected == []
    assert len(window.told) == 1, window.told
    line = window.told[0]
    assert line == f"the store {store_path(sample_dir)} could not be used: file is not a database; nothing was changed."
    assert "\n" not in line and "sqlalche.me" not in line and "(sqlite3." not in line
    assert list(tmp_path.glob("out*")) == []
