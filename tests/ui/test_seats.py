"""Seats in the app: on a shared workspace the leaders score blind on their own laptops at the same time, the
shared screen shows done / not yet (never a count), and the second "done" reveals on every screen."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest

from tension_desk.domain.model import Leader, PriorityDraft, Side
from tension_desk.domain.seats import Seat
from tension_desk.services import seats
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_server_store
from tension_desk.ui.dialogs import seat as seat_dialog
from tension_desk.ui.models.matrix import FIRST_CRITERION, CellRole


@pytest.fixture
def laptops(qtbot, data_dir, no_dialogs):
    """Opens a laptop's window on the workspace at a URL (its own engine, undo stack and notifier); every window
    is closed and deleted at the end, before the test's logins are dropped (so no timer of theirs queries one)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from tension_desk.app import make_application
    from tension_desk.ui.context import Context
    from tension_desk.ui.main_window import MainWindow
    from tension_desk.ui.notifier import Notifier

    make_application()
    opened = []

    def open_window(url):
        ctx = Context(desk=Desk(open_server_store(url)), notifier=Notifier(), undo_stack=QUndoStack())
        opened.append(MainWindow(ctx))
        return opened[-1]

    yield open_window
    for w in opened:
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for w in opened:
        w.ctx.desk.engine.dispose()


@pytest.fixture
def room(seated_workspace, laptops):
    """Maya's and Daniel's laptops on their own logins, and the room's screen on the owner's, one session open."""
    owner = Desk(seated_workspace.owner)
    owner.workspace.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"),
                                Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    session = owner.sessions.create("November session", dt.date(2026, 11, 17))
    owner.priorities.add(session.id, PriorityDraft(title="SSO", side=Side.PRODUCT))
    urls = {Seat.PRODUCT: seated_workspace.url(seated_workspace.logins.product),
            Seat.ENGINEERING: seated_workspace.url(seated_workspace.logins.engineering),
            Seat.SCREEN: seated_workspace.owner.url.render_as_string(hide_password=False)}
    windows = {}
    for seat, url in urls.items():
        seats.remember_seat(url, seat)  # each laptop answered once, at its first connect
        w = laptops(url)
        assert seat_dialog.settle(w) is seat
        w.select_session(session.id)
        windows[seat] = w
    return windows, session.id


def _type(window, column: int, digit: str) -> None:
    matrix = window.session_view.matrix
    matrix.table.setCurrentIndex(matrix.proxy.index(0, FIRST_CRITERION + column))
    QTest.keyClick(matrix.table, digit)


def _shown(window, column: int):
    model = window.session_view.matrix.model
    cell = model.data(model.index(0, FIRST_CRITERION + column), CellRole)
    return cell.product, cell.engineering


def _refresh(windows, sid) -> None:
    """What live refresh does on every other screen when a session's scoring changes."""
    for w in windows.values():
        w.ctx.notifier.scoring_changed.emit(sid)


def test_leaders_score_blind_on_their_own_laptops_and_the_screen_shows_done_or_not_yet(room):
    windows, sid = room
    maya, daniel, screen = windows[Seat.PRODUCT], windows[Seat.ENGINEERING], windows[Seat.SCREEN]
    _type(maya, 0, "4")
    _type(daniel, 0, "1")
    _type(daniel, 1, "2")
    _refresh(windows, sid)
    assert _shown(maya, 0) == (4, None)
    assert _shown(daniel, 0) == (None, 1)
    assert _shown(screen, 0) == (None, None)
    bar = screen.session_view.matrix.blind_bar
    text = bar.label.text().replace("\u00a0", " ")  # each leader's progress is one unbreakable phrase
    assert "Maya Chen: not yet" in text and "Daniel Okafor: not yet" in text
    assert not re.search(r"\d", bar.label.text() + screen.session_view.matrix.progress.text())  # no counts
    assert all(b.isHidden() for b in (*bar.start.values(), bar.finish, bar.reveal))

    QTest.mouseClick(maya.session_view.matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    _refresh(windows, sid)
    text = bar.label.text().replace("\u00a0", " ")  # each leader's progress is one unbreakable phrase
    assert "Maya Chen: ✓ done" in text and "Daniel Okafor: not yet" in text
    assert not re.search(r"\d", bar.label.text())
    assert _shown(screen, 0) == (None, None) and _shown(daniel, 0) == (None, 1)

    QTest.mouseClick(daniel.session_view.matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    _refresh(windows, sid)
    for w in windows.values():
        assert w.session_view.matrix.model.revealed
        assert _shown(w, 0) == (4, 1)
        assert "Scores revealed" in w.session_view.matrix.blind_bar.label.text()


def test_a_leader_s_laptop_says_done_scoring_and_after_the_reveal_offers_no_other_side_to_score_as(room):
    """Nothing is hidden on one's own laptop, so its button says "Done scoring" (not "hide my scores"); after the
    reveal a leader's laptop still scores its own side, so it shows no "Scoring as" choice; the screen does."""
    windows, sid = room
    maya, daniel, screen = windows[Seat.PRODUCT], windows[Seat.ENGINEERING], windows[Seat.SCREEN]
    for w in (maya, daniel):
        assert w.session_view.matrix.blind_bar.finish.text().replace("&", "") == "Done scoring"
    QTest.mouseClick(maya.session_view.matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    QTest.mouseClick(daniel.session_view.matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    _refresh(windows, sid)
    assert [not w.session_view.matrix.scoring_as.isHidden() for w in (maya, daniel, screen)] == [False, False, True]
    _type(daniel, 0, "3")  # after the reveal too, for Daniel's side
    assert [s.leader_role for s in daniel.ctx.desk.scoring.scores(sid)] == [Side.ENGINEERING]


def test_a_leader_s_laptop_types_only_for_its_own_side(room):
    windows, sid = room
    daniel = windows[Seat.ENGINEERING]
    assert daniel.session_view.matrix.active_role() is Side.ENGINEERING
    _type(daniel, 0, "3")
    assert daniel.ctx.desk.scoring.scores(sid)[0].leader_role is Side.ENGINEERING


def test_undoing_done_takes_the_reveal_back(room):
    windows, sid = room
    maya, daniel = windows[Seat.PRODUCT], windows[Seat.ENGINEERING]
    _type(maya, 0, "4")
    QTest.mouseClick(maya.session_view.matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    QTest.mouseClick(daniel.session_view.matrix.blind_bar.finish, Qt.MouseButton.LeftButton)
    assert daniel.session_view.matrix.model.revealed
    assert daniel.ctx.undo(daniel)
    _refresh(windows, sid)
    assert not daniel.session_view.matrix.model.revealed
    assert _shown(daniel, 0) == (None, None)
    assert not daniel.session_view.matrix.blind_bar.finish.isHidden()


def test_a_laptop_is_asked_its_seat_once_per_workspace_and_can_change_it(seated_workspace, laptops, qtbot,
                                                                         monkeypatch):
    url = seated_workspace.url(seated_workspace.logins.product)
    asked = []
    answers = iter([Seat.PRODUCT, Seat.ENGINEERING])
    monkeypatch.setattr(seat_dialog.SeatDialog, "ask",
                        classmethod(lambda cls, parent, workspace, current: asked.append(current) or next(answers)))
    first = laptops(url)
    first.show()
    qtbot.waitUntil(lambda: first.session_view.matrix.seat is Seat.PRODUCT)
    assert asked == [None] and seats.seat_of(url) is Seat.PRODUCT
    again = laptops(url)  # the next start on this laptop: not asked
    again.show()
    qtbot.waitUntil(lambda: again.session_view.matrix.seat is Seat.PRODUCT)
    assert asked == [None]
    assert again.seat_action.isVisible()
    again.seat_action.trigger()  # File → Who sits at this laptop…
    assert asked == [None, Seat.PRODUCT] and seats.seat_of(url) is Seat.ENGINEERING
    assert again.session_view.matrix.seat is Seat.ENGINEERING


def test_the_embedded_store_keeps_turns_on_one_laptop(make_window):
    w = make_window()
    assert seat_dialog.settle(w) is None and w.session_view.matrix.seat is None
    assert not w.seat_action.isVisible()
