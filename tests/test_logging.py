"""Errors leave a trace: a log file in the user log dir, an excepthook and a Qt message handler that write
to it, a GUI dialog with the log's path and "Copy details", and one line (plus the path) on the CLI."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.fixture
def log_home(tmp_path, monkeypatch):
    """platformdirs' user log dir, pointed at the test's folder through XDG_STATE_HOME."""
    monkeypatch.delenv("TENSION_DESK_LOG_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(sys, "platform", "linux")  # the XDG rule is the one tested here
    from tension_desk.logs import log_path

    path = log_path()
    assert path.is_relative_to(tmp_path / "state")
    return path


def test_an_unexpected_cli_error_is_one_line_with_the_logs_path_and_the_traceback_is_logged(
        log_home, monkeypatch, capsys, data_dir):
    from tension_desk import cli

    def sessions(args):
        return {}["a missing key"]

    monkeypatch.setitem(cli.COMMANDS, "sessions", sessions)
    assert cli.main(["sessions"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(log_home) in err and "Traceback" not in err
    logged = log_home.read_text(encoding="utf-8")
    assert "Traceback" in logged and "KeyError: 'a missing key'" in logged and "in sessions" in logged


def test_a_store_error_is_sqlites_words_on_one_line_without_sqlalchemys_link(log_home, monkeypatch, capsys,
                                                                             data_dir):
    from sqlalchemy import create_engine, text

    from tension_desk import cli

    def sessions(args):
        with create_engine("sqlite://").connect() as conn:  # a real SQLAlchemy OperationalError
            conn.execute(text("SELECT * FROM no_such_table"))

    monkeypatch.setitem(cli.COMMANDS, "sessions", sessions)
    assert cli.main(["sessions"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err == "tension-desk: the store could not be changed: no such table: no_such_table\n"
    assert not log_home.exists()  # an error the user can act on is not a crash


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch, capsys, data_dir):
    from tension_desk import cli

    def sessions(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "sessions", sessions)
    assert cli.main(["sessions"]) == 130
    assert capsys.readouterr().err == "tension-desk: interrupted\n"


def test_the_excepthook_logs_and_shows_the_error_with_the_logs_path(log_home, monkeypatch):
    from tension_desk import logs

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    shown = []
    logs.install_excepthook(lambda exc, path: shown.append((exc, path)))
    try:
        raise RuntimeError("the matrix lost a row")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert [(type(e), p) for e, p in shown] == [(RuntimeError, log_home)]
    logged = log_home.read_text(encoding="utf-8")
    assert "RuntimeError: the matrix lost a row" in logged and "Traceback" in logged


def test_qt_warnings_go_to_the_log(log_home, qapp):
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    from tension_desk import logs

    previous = logs.install_qt_message_handler()
    try:
        qWarning("a painter went astray")
    finally:
        qInstallMessageHandler(previous)
    assert "Qt: a painter went astray" in log_home.read_text(encoding="utf-8")


def test_the_error_dialog_shows_the_log_path_as_plain_text_and_copies_the_details(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel

    from tension_desk.ui.errors import ErrorDialog

    try:
        raise ValueError("<b>bold</b> <img src='file:///etc/passwd'>")
    except ValueError as exc:
        dialog = ErrorDialog(None, exc, tmp_path / "tension-desk.log")
    qtbot.addWidget(dialog)
    labels = dialog.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert any(str(tmp_path / "tension-desk.log") in label.text() for label in labels)
    assert any("<img src='file:///etc/passwd'>" in label.text() for label in labels)
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith("Traceback") and "ValueError: <b>bold</b>" in copied
    assert dialog.details_view.toPlainText() == copied


def test_without_a_display_the_app_says_how_to_get_one_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    r = subprocess.run([sys.executable, "-m", "tension_desk", "--data-dir", str(tmp_path / "data")],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "QT_QPA_PLATFORM=offscreen" in r.stderr and "desktop session" in r.stderr
    assert not (tmp_path / "data").exists()


def test_a_closed_pipe_ends_the_output_quietly(tmp_path):
    from tension_desk.store.engine import open_store

    d = tmp_path / "data"
    open_store(d).dispose()
    (d / "backups").mkdir(exist_ok=True)
    (d / "backups" / "tension-desk-20260101-000000-daily.sqlite3").write_bytes(b"")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (`head`) has already gone
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"))
    try:
        r = subprocess.run([sys.executable, "-m", "tension_desk", "backups", "--data-dir", str(d)],
                           stdout=write_end, stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    finally:
        os.close(write_end)
    assert r.stderr == "" and r.returncode == 1
