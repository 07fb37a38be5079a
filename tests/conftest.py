"""Shared fixtures. Qt runs offscreen; every test gets its own data dir; no dialog can block."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("TENSION_DESK_DATA_DIR", None)
os.environ.pop("TENSION_DESK_STORE", None)

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # `import pg` (the throwaway PostgreSQL cluster) from any test


@pytest.fixture(autouse=True)
def _widgets_closed_are_deleted():
    """After each test, delete the widgets it closed, as the app's event loop would. pytest-qt closes every
    ``qtbot.addWidget`` widget and calls ``deleteLater``, but a deferred delete posted outside an event loop is
    never run by ``processEvents``: every window of every test stayed alive, hidden, to the end of the run, and
    each new ``make_application`` (its ``setStyleSheet``) re-polished all of them (a test's set-up grew from
    0.2 s to seconds over the run). Runs last, after pytest-qt's teardown and the fixtures'."""
    yield
    if "PySide6.QtCore" in sys.modules:  # only where a test used Qt: the others need not import it
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("TENSION_DESK_DATA_DIR", str(d))
    # Keep the developer's real user dirs out of every test.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return d


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the whole run (Unix socket only), stopped at the end. Skipped, with the
    reason, where the server binaries are missing; under CI=true that fails instead, so CI cannot skip it."""
    import pg

    bindir = pg.server_bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    cluster = pg.Cluster(bindir).start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of a fresh, empty database on the test cluster (dropped after the test)."""
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


@pytest.fixture(scope="session")
def pg_workspace_template(pg_cluster):
    """A database brought to the head revision once per run (nobody stays connected): the template of every
    ``pg_workspace_url``. Opening an empty database is tested on ``pg_url`` itself (tests/store/test_postgres.py)."""
    from tension_desk.store.engine import open_server_store

    name = pg_cluster.create_database()
    open_server_store(pg_cluster.url(name)).dispose()
    return name


@pytest.fixture
def pg_workspace_url(pg_cluster, pg_workspace_template):
    """The URL of a fresh, empty workspace: a new database copied from the migrated template (dropped after)."""
    name = pg_cluster.create_database(template=pg_workspace_template)
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, data_dir, monkeypatch):
    """Run a test on each store: None for the embedded SQLite store in ``data_dir``; else the URL of a fresh,
    empty PostgreSQL workspace (``pg_workspace_url``), also set as TENSION_DESK_STORE so the CLI and the app
    open it."""
    if request.param == "sqlite":
        return None
    url = request.getfixturevalue("pg_workspace_url")
    monkeypatch.setenv("TENSION_DESK_STORE", url)
    return url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def new_store(request):
    """For the command-line and reliability suites, module by module on each store: a function that makes a new,
    empty store and returns the command-line arguments naming it (none for the embedded store, which lives in
    the data dir; ``--store URL`` of a new database on the test cluster, dropped after the module)."""
    if request.param == "sqlite":
        yield lambda: []
        return
    cluster = request.getfixturevalue("pg_cluster")
    made = []

    def make():
        made.append(cluster.create_database())
        return ["--store", cluster.url(made[-1])]

    yield make
    for name in made:
        cluster.drop_database(name)


@pytest.fixture
def desk(data_dir):
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    engine = open_store(data_dir)
    yield Desk(engine)
    engine.dispose()


@pytest.fixture
def desk_on_each_store(data_dir, store_url):
    """A Desk on each store in turn (``store_url``): the embedded store in ``data_dir``, then a PostgreSQL
    workspace. ``tests/services`` uses it as its ``desk``; elsewhere a test asks for it by name."""
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    engine = open_store(data_dir, url=store_url)
    yield Desk(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_workspace_template(tmp_path_factory):
    """A data folder holding an empty store at the head revision, made once per run: copied by
    ``another_store`` (migrating a new store takes a while)."""
    from tension_desk.store.engine import open_store

    d = tmp_path_factory.mktemp("sqlite-template") / "data"
    open_store(d, daily_backup=False).dispose()
    return d


@pytest.fixture
def another_store(request, store_url, tmp_path):
    """A function making another new, empty store of the same kind as the test's ``store_url`` (an embedded
    store in a new folder, or a new PostgreSQL workspace), each a copy of the run's empty template, and returning
    its Desk; closed, and dropped, after."""
    import shutil

    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    cluster = request.getfixturevalue("pg_cluster") if store_url is not None else None
    made: list[tuple[Desk, str | None]] = []

    def make():
        where = tmp_path / f"another-{len(made)}"
        if cluster is None:
            shutil.copytree(request.getfixturevalue("sqlite_workspace_template"), where)
            database = None
        else:
            database = cluster.create_database(template=request.getfixturevalue("pg_workspace_template"))
        url = None if database is None else cluster.url(database)
        made.append((Desk(open_store(where, daily_backup=False, url=url)), database))
        return made[-1][0]

    yield make
    for other, database in made:
        other.engine.dispose()
        if database is not None:
            cluster.drop_database(database)


@pytest.fixture
def behind_the_app():
    """A function writing SQL straight into a store named by command-line arguments (``new_store``), as an
    older version or another client might have stored it: ``write(data_dir, store_args, sql, **params)``."""
    from sqlalchemy import text

    from tension_desk.store.engine import open_store

    def write(data_dir, store_args, sql, **params):
        engine = open_store(data_dir, daily_backup=False, url=store_args[1] if store_args else None)
        try:
            with engine.begin() as conn:
                conn.execute(text(sql), params)
        finally:
            engine.dispose()

    return write


@pytest.fixture
def leaders():
    from tension_desk.domain.model import Leader, Side

    return Leader(Side.PRODUCT, "Maya Chen", "CPO"), Leader(Side.ENGINEERING, "Daniel Okafor", "CTO")


@pytest.fixture
def no_dialogs(monkeypatch):
    """Any modal question a test did not answer fails the test instead of blocking it."""
    from tension_desk.ui import errors

    def unexpected(name):
        def fail(*args, **kwargs):
            raise AssertionError(f"unexpected dialog {name}: {args[1:] if len(args) > 1 else args}")
        return staticmethod(fail)

    for name in ("show_error", "show_unexpected", "confirm", "ask_text", "ask_csv_file", "ask_save_file"):
        monkeypatch.setattr(errors.Prompts, name, unexpected(name), raising=False)
    from tension_desk.ui.dialogs.leaders import LeadersDialog

    monkeypatch.setattr(LeadersDialog, "ask", classmethod(lambda cls, *a, **k: None))
    from tension_desk.ui.dialogs.seat import SeatDialog

    monkeypatch.setattr(SeatDialog, "ask", classmethod(lambda cls, *a, **k: None))
    return errors.Prompts


@pytest.fixture
def make_window(qtbot, data_dir, no_dialogs):
    """Build (and show) a main window on the test's data dir; call again to 'relaunch'."""
    from tension_desk.app import build_window, make_application

    make_application()
    windows = []

    def make():
        w = build_window(data_dir)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()
        w.ctx.desk.engine.dispose()


@pytest.fixture
def seated_workspace(pg_cluster, pg_workspace_url):
    """A PostgreSQL workspace after ``init-server``: a login per seat (made here, trusted on the socket).
    ``.owner`` is the owner's engine (it set the workspace up); ``.url(login)`` connects as a seat's login."""
    from types import SimpleNamespace

    from sqlalchemy.engine import make_url

    from tension_desk.store.engine import open_server_store
    from tension_desk.store.rls import Logins, init_server

    db = make_url(pg_workspace_url).database
    logins = Logins(f"{db}_maya", f"{db}_daniel", f"{db}_viewer")
    with pg_cluster.admin() as conn:
        for name in logins.by_group().values():
            conn.execute(f'CREATE ROLE "{name}" LOGIN')
    owner = open_server_store(pg_workspace_url)
    groups = init_server(owner, logins)
    yield SimpleNamespace(owner=owner, logins=logins, groups=groups, url=lambda login: pg_cluster.url(db, login))
    owner.dispose()
    pg_cluster.drop_database(db)
    with pg_cluster.admin() as conn:
        for name in (*logins.by_group().values(), *groups.values()):
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture
def sample_dir(data_dir):
    """``data_dir`` holding a store at the head revision with the sample workspace in it."""
    from tension_desk.services.desk import Desk
    from tension_desk.services.sample import add_sample
    from tension_desk.store.engine import open_store

    engine = open_store(data_dir)
    add_sample(Desk(engine))
    engine.dispose()
    return data_dir


@pytest.fixture
def first_frame_window(sample_dir, qtbot, no_dialogs):
    """The main window built on the sample workspace as a cold start builds it: on a first-frame desk, the ORM
    not loaded yet."""
    from tension_desk.app import build_window, make_application

    make_application()
    w = build_window(sample_dir)
    qtbot.addWidget(w)
    yield w
    w.close()
    w.ctx.desk.dispose()


@pytest.fixture
def telling_window(first_frame_window, no_dialogs, monkeypatch):
    """``first_frame_window``, shown, with what it tells recorded: ``told`` (each one-line message) and
    ``unexpected`` (each error the unexpected-error dialog would show); ``said()`` returns both since the last
    call, once the event loop has run (a line is told after the slots that met it)."""
    from PySide6.QtWidgets import QApplication

    w = first_frame_window
    w.told, w.unexpected = [], []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _parent, exc, *a: w.told.append(str(exc))))
    monkeypatch.setattr(no_dialogs, "show_unexpected", staticmethod(lambda _p, exc, _log: w.unexpected.append(exc)))

    def said():
        QApplication.processEvents()
        both = (w.told[:], w.unexpected[:])
        w.told.clear()
        w.unexpected.clear()
        return both

    w.said = said
    w.show()
    QApplication.processEvents()  # the first questions, asked once the window is shown
    return w
