"""File → Backups: with no backup yet, the empty table says when backups are made; with one, it lists it."""
from __future__ import annotations

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
