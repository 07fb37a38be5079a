"""The shared workspace on PostgreSQL: the same migrations, one clear line for every way opening can fail."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, inspect, text

from tension_desk.store.engine import (
    HEAD_REVISION,
    DamagedStoreError,
    NewerStoreError,
    StoreError,
    open_server_store,
    open_store,
)


def _revision(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return found


def test_an_empty_database_becomes_a_workspace_at_the_head_revision(pg_url, data_dir):
    engine = open_store(data_dir, url=pg_url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert {"session", "priority", "score", "decision", "session_step", "session_revision"} <= tables
    assert _revision(pg_url) == HEAD_REVISION
    open_server_store(pg_url).dispose()  # opening again changes nothing
    assert _revision(pg_url) == HEAD_REVISION


def test_two_laptops_opening_an_empty_database_at_once_do_not_race(pg_url):
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def laptop():
        start.wait()
        try:
            open_server_store(pg_url).dispose()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=laptop) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _revision(pg_url) == HEAD_REVISION


def test_a_database_that_holds_something_else_is_refused_and_left_alone(pg_url):
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id integer PRIMARY KEY)"))
    with pytest.raises(DamagedStoreError, match="is not a Tension Desk workspace"):
        open_server_store(pg_url)
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"invoices"}
    engine.dispose()


def test_a_workspace_from_a_newer_version_is_refused_with_the_schema_it_needs(pg_url):
    open_server_store(pg_url).dispose()
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(NewerStoreError, match=r"needs a newer version of Tension Desk \(schema 9999;"):
        open_server_store(pg_url)


def test_an_unreachable_server_is_one_line(pg_cluster, tmp_path):
    url = f"postgresql+psycopg://postgres@/nowhere?host={tmp_path}"
    with pytest.raises(StoreError, match="cannot reach the shared workspace") as info:
        open_server_store(url)
    assert "\n" not in str(info.value) and str(tmp_path) in str(info.value)


def test_a_missing_database_says_how_to_create_it(pg_cluster):
    with pytest.raises(StoreError, match=r"has no database no_such_db \(create it with: createdb no_such_db\)"):
        open_server_store(pg_cluster.url("no_such_db"))


@pytest.mark.parametrize("url", ["postgresql+psycopg://maya:secret@db.example/tension", "mysql://db/x", "nonsense"])
def test_a_url_with_a_password_or_of_another_kind_is_refused(url, data_dir):
    with pytest.raises(StoreError, match=r"never stores one|is not a shared workspace URL"):
        open_store(data_dir, url=url)


@pytest.fixture
def password_login(pg_cluster):
    """A database owned by the cluster's one login that must give a password ('right horse')."""
    import pg

    database = pg_cluster.create_database()
    with pg_cluster.admin() as conn:
        conn.execute(f"CREATE ROLE {pg.PASSWORD_USER} LOGIN PASSWORD 'right horse'")
        conn.execute(f'ALTER DATABASE "{database}" OWNER TO {pg.PASSWORD_USER}')
    yield pg_cluster.url(database, user=pg.PASSWORD_USER)
    pg_cluster.drop_database(database)
    with pg_cluster.admin() as conn:
        conn.execute(f"DROP ROLE {pg.PASSWORD_USER}")


def test_a_wrong_password_is_one_line_that_says_where_passwords_go(password_login, monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setenv("PGPASSWORD", "wrong horse")
    with pytest.raises(StoreError, match=r"refused the password of td_password_user .*~/\.pgpass") as info:
        open_server_store(password_login)
    assert "\n" not in str(info.value)
    monkeypatch.delenv("PGPASSWORD")
    with pytest.raises(StoreError, match="asks for a password"):
        open_server_store(password_login)


def test_the_password_comes_from_a_pgpass_file(password_login, monkeypatch, tmp_path):
    import pg

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{pg.PASSWORD_USER}:right horse\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    open_server_store(password_login).dispose()
    assert _revision(password_login) == HEAD_REVISION


def test_a_libpq_service_names_the_workspace(pg_cluster, pg_url, monkeypatch, tmp_path):
    database = pg_url.split("/")[3].split("?")[0]
    services = tmp_path / "pg_service.conf"
    services.write_text(f"[tension]\nhost={pg_cluster.socket_dir}\nport=5432\nuser=postgres\ndbname={database}\n")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    open_server_store("postgresql+psycopg:///?service=tension").dispose()
    assert _revision(pg_url) == HEAD_REVISION


def test_the_migrated_schema_is_the_one_the_tables_describe(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import DateTime
    from sqlmodel import SQLModel

    def times_alike(_context, _inspected, _column, inspected_type, metadata_type):
        """Times are columns without a time zone holding UTC wall time on both stores (the connection's zone is
        UTC); sqlmodel's UTCDateTime says timezone=True. Every other type is compared as usual."""
        if isinstance(inspected_type, DateTime) and isinstance(getattr(metadata_type, "impl", None), DateTime):
            return False
        return None

    engine = open_server_store(pg_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": times_alike})
        diffs = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diffs == []


def test_times_keep_their_utc_value_whatever_the_servers_time_zone(pg_cluster, pg_url, data_dir):
    from tension_desk.services.desk import Desk
    from tension_desk.services.sample import add_sample
    from tension_desk.services.shared import copy_workspace
    from tension_desk.services.workspace_io import export_workspace

    database = pg_url.split("/")[3].split("?")[0]
    with pg_cluster.admin() as conn:
        conn.execute(f"ALTER DATABASE \"{database}\" SET timezone = 'Pacific/Auckland'")
    local = Desk(open_store(data_dir))
    add_sample(local)
    shared = Desk(open_store(data_dir, url=pg_url))
    copy_workspace(local, shared)
    try:
        assert export_workspace(shared) == export_workspace(local)
    finally:
        local.engine.dispose()
        shared.engine.dispose()


def test_two_laptops_importing_into_one_session_at_once_keep_one_agenda_order(pg_url, tmp_path):
    from tension_desk.domain.model import PriorityDraft, Side
    from tension_desk.services.desk import Desk
    from tension_desk.services.sample import add_sample

    laptops = [Desk(open_store(tmp_path / name, url=pg_url)) for name in ("cpo", "cto")]
    november = add_sample(laptops[0])[-1]
    before = len(laptops[0].priorities.side_order(november, Side.PRODUCT))
    start = threading.Barrier(2)

    def import_rows(desk, tag):
        start.wait()
        for batch in range(4):
            desk.priorities.add_many(november, [PriorityDraft(f"{tag} {batch}.{i}", Side.PRODUCT) for i in range(3)])

    threads = [threading.Thread(target=import_rows, args=(desk, tag)) for desk, tag in zip(laptops, "AB", strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        positions = conn.execute(text(
            "SELECT position FROM session_priority a JOIN priority p ON p.id = a.priority_id "
            "WHERE a.session_id = :s AND p.side = 'product' ORDER BY position"), {"s": november}).scalars().all()
    engine.dispose()
    for desk in laptops:
        desk.engine.dispose()
    assert len(positions) == before + 24 and len(set(positions)) == len(positions)  # no two rows at one place
