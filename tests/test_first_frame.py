"""Issue 15, figure 1b: the newest session's matrix is shown before the ORM is imported, from a read of the store
with sqlite3 alone (``store/quick.py``), and the ORM is loaded behind it."""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap

import pytest

ORM = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")


def _loaded_after(code: str) -> list[str]:
    """The modules a new interpreter has loaded once it ran ``code``."""
    r = subprocess.run([sys.executable, "-c", f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return list(json.loads(r.stdout.splitlines()[-1]))


def test_the_windows_modules_import_without_the_orm():
    loaded = _loaded_after("import tension_desk.ui.main_window, tension_desk.ui.context, tension_desk.ui.notifier")
    assert "tension_desk.ui.main_window" in loaded and "tension_desk.ui.widgets.matrix_view" in loaded
    assert [m for m in loaded if m.split(".")[0] in ORM] == []


def test_the_errors_and_data_classes_the_ui_takes_are_the_services_own():
    from tension_desk.services import capacity, conflicts, decisions, script, sessions, tensions, types, unit
    from tension_desk.store import queries

    assert unit.NotFound is types.NotFound and unit.Snapshot is types.Snapshot and unit.Change is types.Change
    assert decisions.DecisionDraft is types.DecisionDraft and decisions.ReviewState is types.ReviewState
    assert tensions.SessionAgenda is types.SessionAgenda and tensions.session_agenda is types.session_agenda
    assert capacity.PlanChange is types.PlanChange and script.script_of is types.script_of
    assert sessions.SessionSnapshot is queries.SessionSnapshot is types.SessionSnapshot
    assert issubclass(conflicts.Conflict, Exception)


# -- the quick reader and the services read the same objects ------------------------------------------------------
def _both(data_dir):
    """The services' reads and the quick reader's, of the store in ``data_dir``."""
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import check_local_store, open_store
    from tension_desk.store.quick import QuickReader

    engine = open_store(data_dir)
    try:
        desk = Desk(engine)
        quick = QuickReader(check_local_store(data_dir, daily_backup=False))
        assert quick.sessions() == desk.sessions.list()
        assert quick.leaders() == desk.workspace.leaders()
        for s in desk.sessions.list():
            assert quick.session_snapshot(s.id) == desk.sessions.open(s.id), s
        assert quick.session_snapshot(10**6) is None
        return desk.sessions.list()
    finally:
        engine.dispose()


def test_the_quick_reader_reads_an_empty_store_as_the_services_do(data_dir):
    from tension_desk.store.engine import open_store

    open_store(data_dir).dispose()
    assert _both(data_dir) == []


def test_the_quick_reader_reads_the_sample_as_the_services_do(data_dir, desk):
    from tension_desk.services.sample import add_sample

    add_sample(desk)  # sessions closed, live and planned; tensions carried over, decisions and reviews due
    assert len(_both(data_dir)) >= 3


def test_the_quick_reader_reads_years_of_sessions_and_a_blind_scoring_as_the_services_do(data_dir, desk, leaders):
    from benchmarks.stores import five_year_store

    from tension_desk.domain.model import Side

    five_year_store(data_dir, sessions=7, per_session=6, n_criteria=6, tensions=3, decisions=2)
    newest = desk.sessions.list()[0]
    desk.seats.set_done(newest.id, Side.PRODUCT)  # halfway through a blind scoring
    sessions = _both(data_dir)
    assert len(sessions) == 7


# -- the window on a first-frame desk -------------------------------------------------------------------------------
@pytest.fixture
def window(first_frame_window):
    return first_frame_window


def _open(window, session_id):
    """What a click on the session in the list does, then the Matrix tab."""
    window.session_tree.setCurrentIndex(window.session_model.index_of(session_id))
    window.session_view.tabs.setCurrentWidget(window.session_view.matrix)


def _stored_score(data_dir, key):
    from tension_desk.store.engine import store_path

    conn = sqlite3.connect(store_path(data_dir))
    try:
        row = conn.execute("SELECT value FROM score WHERE session_id = ? AND priority_id = ? AND criterion_id = ? "
                           "AND leader_role = ?", key).fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def test_a_score_typed_before_the_orm_is_loaded_waits_for_it_lands_in_the_store_and_undoes(window, sample_dir):
    from tension_desk.domain.model import SessionStatus, Side
    from tension_desk.services.first_frame import FirstFrameDesk

    desk = window.ctx.desk
    assert isinstance(desk, FirstFrameDesk)
    window.show()
    live = next(s for s in window.ctx.desk.sessions.list() if s.status is not SessionStatus.CLOSED)
    _open(window, live.id)
    shown = window.session_view.shown
    assert shown is not None and shown.session.id == live.id and not desk.loaded  # shown without the ORM
    p, c = shown.agenda[0], shown.criteria[0]
    key = (live.id, p.id, c.id, Side.PRODUCT.value)
    before = _stored_score(sample_dir, key)
    value = 1 if before != 1 else 2

    window.session_view.matrix.score_requested.emit(p.id, c.id, Side.PRODUCT, value)  # the score typed in its cell
    assert desk.loaded and _stored_score(sample_dir, key) == value
    assert window.ctx.undo_stack.count() == 1
    window.ctx.undo_stack.undo()
    assert _stored_score(sample_dir, key) == before


def test_the_orm_is_loaded_on_idle_time_once_the_window_is_shown(window, qtbot):
    from tension_desk.app import load_on_idle

    window.show()
    assert not window.ctx.desk.loaded
    load_on_idle(window)
    qtbot.waitUntil(lambda: window.ctx.desk.loaded, timeout=30_000)  # no user action
    newest = window.ctx.desk.sessions.list()[0]
    assert window.ctx.desk.sessions.open(newest.id).session == newest  # now the services' own read


def test_a_store_to_create_takes_the_services_path(data_dir, qtbot, no_dialogs):
    from tension_desk.app import build_window, make_application
    from tension_desk.services.desk import Desk

    make_application()
    w = build_window(data_dir)  # no store yet: created (and migrated) by open_checked, as before
    qtbot.addWidget(w)
    assert type(w.ctx.desk) is Desk
    w.ctx.desk.dispose()


def test_a_store_to_migrate_takes_the_services_path(sample_dir, qtbot, no_dialogs, monkeypatch):
    from tension_desk.app import build_window, make_application
    from tension_desk.services.desk import Desk
    from tension_desk.store import engine as eng

    make_application()
    # As in tests/store/test_engine.py: the app knows one more revision, so the store is one to migrate.
    monkeypatch.setattr(eng, "KNOWN_REVISIONS", (*eng.KNOWN_REVISIONS, "9999"))
    monkeypatch.setattr(eng, "HEAD_REVISION", "9999")
    migrated = []
    monkeypatch.setattr(eng, "migrate", lambda engine: migrated.append(engine))
    w = build_window(sample_dir)
    qtbot.addWidget(w)
    assert migrated and type(w.ctx.desk) is Desk  # migrated first, then today's desk on its engine
    w.ctx.desk.dispose()


def test_a_damaged_store_is_refused_with_the_same_message_as_before(data_dir, qtbot):
    from tension_desk.app import build_window, make_application
    from tension_desk.store.engine import DamagedStoreError, open_store, store_path

    make_application()
    data_dir.mkdir(parents=True)
    store_path(data_dir).write_bytes(b"not a store at all, but long enough to be read as one" * 40)
    with pytest.raises(DamagedStoreError) as by_services:
        open_store(data_dir)
    with pytest.raises(DamagedStoreError, match=re.escape(str(by_services.value))):
        build_window(data_dir)


FIRST_MATRIX = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from tension_desk.app import build_window, make_application

    app = make_application()
    w = build_window(Path(sys.argv[1]))
    w.show()
    app.processEvents()
    newest = w.session_model.session_ids()[0]
    w.session_tree.setCurrentIndex(w.session_model.index_of(newest))
    w.session_view.tabs.setCurrentWidget(w.session_view.matrix)
    app.processEvents()
    print(json.dumps({"rows": w.session_view.matrix.model.rowCount(),
                      "orm": sorted(m for m in sys.modules if m.split(".")[0] in ORM_NAMES)}))
""").replace("ORM_NAMES", repr(ORM))


def test_the_newest_sessions_matrix_is_shown_before_the_orm_is_imported(sample_dir, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    r = subprocess.run([sys.executable, "-c", FIRST_MATRIX, str(sample_dir)], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.splitlines()[-1])
    assert out["rows"] > 0 and out["orm"] == []
