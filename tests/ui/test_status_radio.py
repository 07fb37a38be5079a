"""Session → Status is a choice of one (Draft / Live / Closed): radio items of one exclusive group, the session's
status checked and no other, whatever was chosen and whether or not the change was made."""
from __future__ import annotations

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QApplication

from tension_desk.domain.model import SessionStatus
from tension_desk.store.engine import store_path
from tension_desk.ui.widgets.session_view import Tab


def checked(w) -> list[SessionStatus]:
    return [status for status, a in w.status_actions.items() if a.isChecked()]


def test_session_status_is_one_exclusive_group_of_radio_items(first_frame_window):
    w = first_frame_window
    w.show()
    groups = {a.actionGroup() for a in w.status_actions.values()}
    assert len(groups) == 1  # was three independent check boxes
    (group,) = groups
    assert isinstance(group, QActionGroup)
    assert group.exclusionPolicy() is QActionGroup.ExclusionPolicy.Exclusive
    assert set(group.actions()) == set(w.status_actions.values())


def test_choosing_a_status_checks_it_alone_and_choosing_it_again_keeps_it(first_frame_window):
    w = first_frame_window
    w.show()
    november = w.ctx.desk.sessions.list()[0]
    w.select_session(november.id)
    assert november.status is SessionStatus.LIVE and checked(w) == [SessionStatus.LIVE]
    w.status_actions[SessionStatus.LIVE].trigger()  # the status it has: nothing changes, it stays checked
    assert checked(w) == [SessionStatus.LIVE]
    w.status_actions[SessionStatus.DRAFT].trigger()
    assert w.ctx.desk.sessions.get(november.id).status is SessionStatus.DRAFT
    assert checked(w) == [SessionStatus.DRAFT]
    w.ctx.undo_stack.undo()
    w.update_state()
    assert checked(w) == [SessionStatus.LIVE]


def test_a_status_change_refused_leaves_the_session_s_status_checked(first_frame_window, sample_dir, qtbot,
                                                                     no_dialogs, monkeypatch, tmp_path):
    w = first_frame_window
    told = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _p, exc, *a: told.append(str(exc))))
    w.show()
    QApplication.processEvents()
    november = w.ctx.desk.sessions.list()[0]
    w.select_session(november.id)
    w.session_view.show_tab(Tab.NOTES)
    w.session_view.notes_tab.timer.setInterval(3_600_000)  # still typing: the save after a pause is not due
    qtbot.keyClicks(w.session_view.notes, "Follow up on the ledger")
    store_path(sample_dir).rename(tmp_path / "aside.sqlite3")  # the notes cannot be saved: no closing

    w.status_actions[SessionStatus.CLOSED].trigger()
    QApplication.processEvents()
    (tmp_path / "aside.sqlite3").rename(store_path(sample_dir))  # back: the window closes saving the notes
    assert told and "no longer there" in told[0], told
    assert checked(w) == [SessionStatus.LIVE]  # not Closed, and not nothing (the group unchecked Live)
