"""A store SQLite finds damaged: the dialog says so in one line naming the file (the line the CLI prints), and
SQLite's own report of pages and cells, several lines long, is behind "Show details"."""
from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store, store_path


def _a_store_with_keys_out_of_order(data_dir) -> None:
    engine = open_store(data_dir, daily_backup=False)
    desk = Desk(engine)
    for m in range(60):  # enough long rows for the session table's root to be an interior page
        desk.sessions.create(f"Session {m} " + "x" * 150, dt.date(2021 + m // 12, m % 12 + 1, 12))
    engine.dispose()
    db = store_path(data_dir)
    con = sqlite3.connect(db)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'session'").fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    cells = (root - 1) * page_size + 12  # an interior page's cell pointers follow its 12-byte header
    assert data[cells - 12] == 0x05, "the session table's root is an interior page"
    data[cells:cells + 4] = data[cells + 2:cells + 4] + data[cells:cells + 2]  # its first two children swapped
    db.write_bytes(bytes(data))


def test_the_damaged_store_dialog_says_what_is_wrong_in_one_line_and_keeps_sqlites_report_behind_details(
        data_dir, qapp):
    from tension_desk.app import open_window_or_recover

    _a_store_with_keys_out_of_order(data_dir)
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.textFormat() == Qt.TextFormat.PlainText
        seen.append((box.text(), box.detailedText()))
        next(b for b in box.buttons() if b.text() == "Quit").click()

    QTimer.singleShot(0, answer)
    assert open_window_or_recover(data_dir) is None  # the user quits
    [(text, details)] = seen
    assert "\n" not in text and text == f"{store_path(data_dir)} is damaged (SQLite's check of the file found errors)."
    assert "out of order" in details and "Traceback" not in text + details
