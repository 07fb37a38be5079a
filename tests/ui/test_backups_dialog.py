"""File → Backups: with no backup yet, the empty table says when backups are made; with one, it lists it."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tension_desk.store.backup import make_backup
from tension_desk.store.engine import open_store, store_path
from tension_desk.ui.dialogs.backups import BackupsDialog


def test_no_backups_yet_says_when_they_are_made_and_a_backup_replaces_the_hint(qtbot, tmp_path):
    open_store(tmp_path).dispose()  # a new store: no backup on its first day
    empty = BackupsDialog(tmp_path)
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitExposed(empty)
    assert empty.table.rowCount() == 0 and not empty.restore.isEnabled()
    hint = empty.empty_hint.label
    assert hint.isVisible() and hint.text().startswith("No backups yet.") and "once a day" in hint.text()
    make_backup(store_path(tmp_path), tmp_path, reason="daily")
    listed = BackupsDialog(tmp_path)
    qtbot.addWidget(listed)
    listed.show()
    qtbot.waitExposed(listed)
    assert listed.table.rowCount() == 1 and not listed.empty_hint.label.isVisible()
    taken = listed.table.item(0, 0).text()
    assert listed.table.columnWidth(0) > listed.table.fontMetrics().horizontalAdvance(taken)  # on one line


def test_a_data_folder_named_like_markup_is_shown_as_its_name(qtbot, tmp_path, data_dir):
    """The folder's path is shown as typed, in the backups note and the status bar's store line: a folder named
    "<b>Board" is not rendered bold (Qt guessed rich text from the path)."""
    from PySide6.QtWidgets import QLabel

    from tension_desk.app import build_window

    folder = tmp_path / "<b>Board"
    open_store(folder).dispose()
    dialog = BackupsDialog(folder)
    qtbot.addWidget(dialog)
    note = next(label for label in dialog.findChildren(QLabel) if "<b>Board" in label.text())
    window = build_window(folder)
    qtbot.addWidget(window)
    store = window.findChild(QLabel, "store_label")
    for label in (note, store):
        assert "<b>Board" in label.text() and label.textFormat() == Qt.TextFormat.PlainText
