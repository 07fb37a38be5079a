"""Issue 15, 1b: the cold start's first-frame desk under hostile use (edits, other processes, closing, odd data)
before and while the ORM loads."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest


@pytest.fixture
def window(first_frame_window):
    return first_frame_window


def _select(window, session_id):
    """What a click on the session in the session list does."""
    window.session_tree.setCurrentIndex(window.session_model.index_of(session_id))


def test_switching_sessions_before_the_orm_is_loaded_reads_each_without_loading_it(window, sample_dir):
    """Leaving a session whose meeting clock never ran has no time spent to store: it must not make the user wait
    for the ORM's load (a write would) on every click in the session list before the load is done."""
    from tension_desk.domain.model import SessionStatus

    desk = window.ctx.desk
    window.show()
    sessions = desk.sessions.list()
    assert any(s.status is not SessionStatus.CLOSED for s in sessions[:-1])  # an editable session to leave
    for s in (*sessions, *reversed(sessions)):
        _select(window, s.id)
        assert window.session_view.shown is not None and window.session_view.shown.session == s
    assert not desk.loaded
    desk.load()
    for s in sessions:  # the first frame showed what the services read
        _select(window, s.id)
        assert window.session_view.shown == desk.sessions.open(s.id)


def _live(window):
    from tension_desk.domain.model import SessionStatus

    return next(s for s in window.ctx.desk.sessions.list() if s.status is not SessionStatus.CLOSED)


def test_a_commit_by_another_process_before_the_orm_is_loaded_is_shown(window, sample_dir):
    """The live watcher of a first-frame desk (no engine to watch yet) sees another process's commit."""
    from tension_desk.store.engine import store_path

    window.show()
    live = _live(window)
    _select(window, live.id)
    conn = sqlite3.connect(store_path(sample_dir))
    try:
        with conn:
            conn.execute("UPDATE session SET title = 'Renamed elsewhere', version = version + 1 WHERE id = ?",
                         (live.id,))
    finally:
        conn.close()
    window.live._poll()  # its timer's tick
    shown = window.session_view.shown
    assert shown is not None and shown.session.title == "Renamed elsewhere"


def test_the_first_edit_which_loads_the_orm_is_not_taken_for_another_process_commit(window):
    """The edit that loads the ORM commits on an engine the watcher only meets then: it is this app's own, so no
    "changed elsewhere" reload of everything follows it (which would close an editor, lose a selection)."""
    from tension_desk.domain.model import Side

    desk = window.ctx.desk
    window.show()
    _select(window, _live(window).id)
    shown = window.session_view.shown
    assert shown is not None and not desk.loaded
    window.session_view.matrix.score_requested.emit(shown.agenda[0].id, shown.criteria[0].id, Side.PRODUCT, 3)
    assert desk.loaded and window.ctx.undo_stack.count() == 1
    assert not window.live.source.changed()


def _on_screen(window):
    """What the matrix shows of the session on screen, and which of the window's actions are on."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    model = window.session_view.matrix.model
    cells = [[model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) for c in range(model.columnCount())]
             for r in range(model.rowCount())]
    return cells, sorted((a.objectName() or a.text(), a.isEnabled(), a.isChecked())
                         for a in window.findChildren(QAction))


@pytest.mark.parametrize("done", ["none", "product", "both"])
def test_a_blind_scoring_under_way_shows_the_same_on_the_first_frame_as_through_the_services(sample_dir, qtbot,
                                                                                              no_dialogs, done):
    """Scores kept hidden until the reveal stay hidden on the first frame, exactly as once the ORM is loaded."""
    from tension_desk.app import build_window, make_application
    from tension_desk.domain.blind import ScoringState
    from tension_desk.domain.model import SessionStatus
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    engine = open_store(sample_dir)
    live = next(s for s in Desk(engine).sessions.list() if s.status is not SessionStatus.CLOSED)
    Desk(engine).scoring.set_state(live.id, ScoringState(product_done=done != "none",
                                                         engineering_done=done == "both", revealed=False))
    engine.dispose()
    make_application()
    window = build_window(sample_dir)
    qtbot.addWidget(window)
    try:
        window.show()
        _select(window, live.id)
        window.session_view.tabs.setCurrentWidget(window.session_view.matrix)
        first = _on_screen(window)
        assert not window.ctx.desk.loaded
        window.ctx.desk.load()
        _select(window, window.ctx.desk.sessions.list()[-1].id)
        _select(window, live.id)
        assert _on_screen(window) == first
    finally:
        window.close()
        window.ctx.desk.dispose()


def _move_away(data_dir, to):
    from tension_desk.store.engine import store_path

    path = store_path(data_dir)
    for suffix in ("", "-wal", "-shm"):
        if (found := path.with_name(path.name + suffix)).exists():
            found.rename(to / found.name)
    return path


def test_closing_a_first_frame_whose_store_was_moved_away_makes_no_new_empty_store(window, sample_dir, tmp_path):
    """The store moved out of the data folder while the window is open (before the ORM is loaded): closing the
    app leaves no empty file in its place, which the next start would take for a new, empty store."""

    window.show()
    _select(window, _live(window).id)
    path = _move_away(sample_dir, tmp_path)
    window.close()
    window.ctx.desk.dispose()
    assert not path.exists()


def test_an_edit_after_the_store_was_moved_away_before_the_orm_loaded_is_refused_and_makes_no_new_store(
        window, sample_dir, tmp_path, monkeypatch):
    """The edit that loads the ORM finds the store gone: it says so in one line, and no new, empty store is made
    in its place (which the next start would open as a new workspace)."""
    from PySide6.QtWidgets import QApplication

    from tension_desk.domain.model import Side
    from tension_desk.ui import errors

    told = []
    monkeypatch.setattr(errors.Prompts, "show_error", staticmethod(lambda _parent, exc: told.append(str(exc))))
    window.show()
    QApplication.processEvents()  # the window's first questions, asked once it is shown
    _select(window, _live(window).id)
    shown = window.session_view.shown
    path = _move_away(sample_dir, tmp_path)
    window.session_view.matrix.score_requested.emit(shown.agenda[0].id, shown.criteria[0].id, Side.PRODUCT, 3)
    assert len(told) == 1 and str(path) in told[0] and "\n" not in told[0]
    assert not path.exists() and window.ctx.undo_stack.count() == 0


# -- the quick reader against the services on hostile data --------------------------------------------------------
HOSTILE = "\x00nul \x01\x1b[31m \u202eevil\u202c <b>&amp;</b>\r\n\t\u2028 ✓🙂 " + "long " * 4000
FREE_TEXT = {"session": ("title", "notes"), "priority": ("title", "description", "link"), "tension": ("statement",),
             "decision": ("context", "options", "outcome", "rationale", "tradeoffs", "cost_of_not", "success_signal",
                          "owner", "review_outcome"),
             "leader": ("name", "title"), "criterion": ("name", "description"), "score": ("comment",),
             "capacity_plan": ("note",)}


def _read_alike(data_dir):
    """The quick reader and the services read the same sessions, leaders and snapshots of the store."""
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import check_local_store, open_store
    from tension_desk.store.quick import QuickReader

    engine = open_store(data_dir)
    try:
        desk = Desk(engine)
        quick = QuickReader(check_local_store(data_dir, daily_backup=False))
        sessions = desk.sessions.list()
        assert quick.sessions() == sessions and quick.leaders() == desk.workspace.leaders()
        for s in sessions:
            assert quick.session_snapshot(s.id) == desk.sessions.open(s.id), s.id
    finally:
        engine.dispose()


def _write(data_dir, *statements):
    from tension_desk.store.engine import store_path

    conn = sqlite3.connect(store_path(data_dir))
    try:
        for sql, params in statements:
            with conn:
                conn.execute(sql, params)
    finally:
        conn.close()


@pytest.mark.parametrize("value", [HOSTILE, "", None], ids=["hostile", "empty", "null"])
def test_the_quick_reader_reads_hostile_text_and_nulls_as_the_services_do(sample_dir, value):
    """Every free text of a store (the sample's) set to control characters, markup, bidi overrides, a NUL, very
    long text, empty text, or NULL where the schema allows it: the first frame reads the same objects."""
    for table, columns in FREE_TEXT.items():
        for column in columns:
            try:
                _write(sample_dir, (f"UPDATE {table} SET {column} = ?", (value,)))
            except sqlite3.IntegrityError:  # NOT NULL
                assert value is None
    _read_alike(sample_dir)


def test_the_quick_reader_reads_the_first_and_last_days_a_store_holds_as_the_services_do(sample_dir):
    """Dates at the ends of what Python holds, as SQLAlchemy writes them, on the sessions and decisions the agenda
    queries compare by date: the same sessions, order, carried tensions and due reviews."""
    _write(sample_dir, ("UPDATE session SET date = '0001-01-01' "
                     "WHERE id = (SELECT min(id) FROM session)", ()),
           ("UPDATE session SET date = '9999-12-31' "
            "WHERE id = (SELECT max(id) FROM session)", ()),
           ("UPDATE decision SET review_date = '9999-12-31', decided_on = '0001-01-01'", ()),
           ("UPDATE priority SET idea_date = '0001-01-01', delivered_date = '9999-12-31', "
            "created_at = '2028-02-29 12:00:00.000001'", ()))
    _read_alike(sample_dir)
# -- ending the app before or while the ORM loads: the store is closed cleanly --------------------------------------
ENDED = """
import os, signal, sys
from PySide6.QtCore import QTimer
from tension_desk import app
from tension_desk.domain.model import SessionStatus, Side

app._tell = lambda *a, **k: None
data_dir, steps, edit, sig = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "edit", getattr(signal, sys.argv[4])

def load_then_end(window):
    desk = window.ctx.desk
    def go():
        for step in desk.load_steps()[:steps]:
            step()
        if edit:  # a score typed in the matrix of the live session
            live = next(s for s in desk.sessions.list() if s.status is not SessionStatus.CLOSED)
            window.session_tree.setCurrentIndex(window.session_model.index_of(live.id))
            shown = window.session_view.shown
            p, c = shown.agenda[0], shown.criteria[0]
            window.session_view.matrix.score_requested.emit(p.id, c.id, Side.PRODUCT, 5)
            print("scored", live.id, p.id, c.id, flush=True)
        print("loaded", desk.loaded, flush=True)
        os.kill(os.getpid(), sig)
    QTimer.singleShot(0, go)

app.load_on_idle = load_then_end
sys.exit(app.run_gui(data_dir))
"""


@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
@pytest.mark.parametrize(("sig", "steps", "edit"), [("SIGINT", 0, ""), ("SIGINT", 3, "edit"), ("SIGTERM", 3, "edit")])
def test_ending_the_app_before_or_while_the_orm_loads_closes_the_store_cleanly(sample_dir, tmp_path, steps, edit, sig):
    """SIGTERM (a logout) or Ctrl-C in the terminal before the ORM is loaded, or halfway through its load just
    after a score typed before it: the app quits, the store is closed (WAL folded in, lock released), and the
    score is kept. (Ctrl-C raised KeyboardInterrupt in a slot: a traceback, and the app never quit.)"""
    from tension_desk.store.engine import store_path

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    r = subprocess.run([sys.executable, "-c", ENDED, str(sample_dir), str(steps), edit or "-", sig],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0, f"ended by {r.returncode}: {r.stderr}"
    assert "Traceback" not in r.stderr, r.stderr
    assert sorted(p.name for p in sample_dir.iterdir()) == ["backups", store_path(sample_dir).name], \
        "no -wal, -shm or lock file is left behind"
    if edit:
        _, sid, pid, cid = next(line for line in r.stdout.splitlines() if line.startswith("scored")).split()
        conn = sqlite3.connect(store_path(sample_dir))
        try:
            assert conn.execute("SELECT value FROM score WHERE session_id = ? AND priority_id = ? AND criterion_id = ? "
                                "AND leader_role = 'product'", (sid, pid, cid)).fetchone() == (5,)
        finally:
            conn.close()
