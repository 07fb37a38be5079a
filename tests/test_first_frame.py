"""Issue 15, figure 1b: the newest session's matrix is shown before the ORM is imported, from a read of the store
with sqlite3 alone (``store/quick.py``), and the ORM is loaded behind it."""
from __future__ import annotations

import json
import subprocess
import sys

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
