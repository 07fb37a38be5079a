"""File → Connect to a shared workspace…: the fields make the URL, the window reopens on the server and the
laptop remembers it; a server that cannot be opened is told in a dialog and nothing changes."""
from __future__ import annotations

import pytest

from tension_desk.services.shared import server_fields, server_url


@pytest.mark.parametrize("fields, url", [
    (("db.example", 5432, "tension", "maya"), "postgresql+psycopg://maya@db.example:5432/tension"),
    (("/run/postgresql", 5432, "tension", ""), "postgresql+psycopg:///tension?host=%2Frun%2Fpostgresql"),
    (("", 5433, " tension ", "maya"), "postgresql+psycopg://maya@:5433/tension"),
])
def test_the_fields_make_the_store_url_and_back(fields, url):
    assert server_url(*fields) == url
    back = server_fields(url)
    assert (back["database"], back["user"]) == (fields[2].strip(), fields[3])


def test_a_database_is_required():
    with pytest.raises(ValueError, match="give the name of the workspace's database"):
        server_url("db.example", 5432, "  ", "maya")


@pytest.fixture
def window(data_dir, qtbot, no_dialogs):
    from tension_desk.app import build_window, make_application

    make_application()
    w = build_window(data_dir)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    w.ctx.desk.engine.dispose()


def _answer(monkeypatch, url):
    from tension_desk.ui.dialogs.connect import Choice, ConnectDialog

    monkeypatch.setattr(ConnectDialog, "ask", classmethod(lambda cls, parent, current: Choice(url)))


def test_connecting_reopens_the_window_on_the_server_and_the_laptop_remembers_it(window, data_dir, pg_url, qtbot,
                                                                                   monkeypatch):
    from tension_desk.app import connect_shared
    from tension_desk.paths import resolve_store_url

    _answer(monkeypatch, pg_url)
    assert window.connect_action in window.menuBar().actions()[0].menu().actions()
    new = connect_shared(window, data_dir, None)
    qtbot.addWidget(new)
    try:
        assert new.ctx.desk.engine.url.get_backend_name() == "postgresql" and not window.isVisible()
        assert resolve_store_url(None, data_dir) == pg_url
        _answer(monkeypatch, None)  # and back to this laptop's own store
        again = connect_shared(new, data_dir, pg_url)
        qtbot.addWidget(again)
        assert again.ctx.desk.engine.url.get_backend_name() == "sqlite" and resolve_store_url(None, data_dir) is None
        again.close()
        again.ctx.desk.engine.dispose()
    finally:
        new.close()
        new.ctx.desk.engine.dispose()


def test_a_server_that_cannot_be_opened_is_told_and_nothing_changes(window, data_dir, tmp_path, monkeypatch):
    from tension_desk import app
    from tension_desk.paths import resolve_store_url

    told = []
    monkeypatch.setattr(app, "_tell", lambda parent, text, critical=True: told.append(text))
    _answer(monkeypatch, f"postgresql+psycopg://postgres@/db?host={tmp_path}")
    assert app.connect_shared(window, data_dir, None) is None
    assert len(told) == 1 and told[0].startswith("cannot reach the shared workspace")
    assert window.isVisible() and resolve_store_url(None, data_dir) is None


def test_the_dialog_says_what_is_missing_and_stays_open(qtbot, qapp):
    from tension_desk.ui.dialogs.connect import ConnectDialog

    dialog = ConnectDialog("postgresql+psycopg://maya@db.example:5433/tension")
    qtbot.addWidget(dialog)
    assert (dialog.host.text(), dialog.port.value(), dialog.user.text()) == ("db.example", 5433, "maya")
    dialog.database.setText("")
    dialog.connect_button.click()
    assert dialog.choice is None and "name of the workspace's database" in dialog.problem.text()
    dialog.database.setText("other")
    dialog.connect_button.click()
    assert dialog.choice is not None and dialog.choice.url == "postgresql+psycopg://maya@db.example:5433/other"
