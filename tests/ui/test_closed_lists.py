"""A closed session's Priorities and Tensions tabs offer no edit: '+ Add', Edit, Delete, the move buttons,
'+ New tension' and File → Import priorities from CSV are disabled, and their tooltips say to reopen the session
(they looked editable, and only the click said the session was closed). Reopened (here, or on the other laptop,
heard by the live refresh) they are offered again."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QToolButton

from tension_desk.services import sealing
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store
from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.session_view import Tab


@pytest.fixture
def window(first_frame_window):
    w = first_frame_window
    w.show()
    QApplication.processEvents()
    w.sessions = {s.title.split()[0]: s for s in w.ctx.desk.sessions.list()}
    return w


def _buttons(w) -> dict[str, QToolButton]:
    """The edit buttons of both lists and of the tensions, as shown on their tabs, a row selected in each."""
    view = w.session_view
    found: dict[str, QToolButton] = {}
    for tab, page in ((Tab.PRIORITIES, view.priorities), (Tab.TENSIONS, view.tensions)):
        view.show_tab(tab)
        QApplication.processEvents()
        tables = [p.table for p in page.panels.values()] if tab is Tab.PRIORITIES else [page.table]
        for table in tables:
            table.selectRow(1 if table.model().rowCount() > 2 else 0)  # up and down both apply
        found |= {b.objectName(): b for b in page.findChildren(QToolButton) if b.objectName()}
    return found


def _offered(w) -> set[str]:
    return {name for name, b in _buttons(w).items() if b.isEnabled()} | (
        {"import_csv"} if w.import_action.isEnabled() else set())


EVERY = {f"{side}_{key}" for side in ("product", "engineering") for key in ("add", "edit", "delete", "up", "down")}
EVERY |= {"tension_add", "tension_edit", "tension_delete", "import_csv"}


def _reopen_on_the_other_laptop(sample_dir, session_id):
    engine = open_store(sample_dir, daily_backup=False)
    try:
        sealing.reopen_session(Desk(engine), session_id, "a late estimate", "Ada")
    finally:
        engine.dispose()


def test_a_closed_session_offers_no_edit_of_its_lists_and_says_to_reopen_it_until_reopened_elsewhere(
        window, sample_dir):
    window.select_session(window.sessions["November"].id)
    assert _offered(window) == EVERY, "a live session offers every edit"

    window.select_session(window.sessions["October"].id)  # closed
    assert _offered(window) == set()
    tips = [b.toolTip() for b in _buttons(window).values()] + [window.import_action.toolTip()]
    assert all("closed" in tip and "reopen" in tip for tip in tips), tips

    _reopen_on_the_other_laptop(sample_dir, window.sessions["October"].id)
    window.live._timer.timeout.emit()  # the live refresh hears of it
    assert _offered(window) == EVERY
    assert not any("reopen" in b.toolTip() for b in _buttons(window).values())
    assert window.import_action.toolTip() == "Add priorities from a CSV file to this session"


def test_the_empty_lists_of_a_closed_session_do_not_ask_to_add_to_them(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    w = make_window()
    done = w.ctx.run(w, cmd.CreateSession, "December 2026 tension session", dt.date(2026, 12, 1), None, None)
    w.select_session(done.session_id)
    view = w.session_view
    hints = lambda: [*(p.empty_hint.text() for p in view.priorities.panels.values()), view.tensions.empty.text()]
    assert all("reopen" not in hint for hint in hints())

    assert w.ctx.run(w, cmd.CloseSession, done.session_id, "December")
    assert all("closed" in hint and "reopen" in hint and "Ins" not in hint and "+ New tension" not in hint
               for hint in hints()), hints()
