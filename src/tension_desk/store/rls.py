"""Row-level security on a shared workspace (``tension-desk init-server``): the database keeps blind scoring blind.

Three NOLOGIN group roles per workspace database, ``td_<database>_product``, ``…_engineering`` and
``…_viewer``, are granted to existing logins. Before a session's reveal a leader's login reads and writes
only its own side's scores; the session row refuses a reveal before both sides are done. A viewer login
reads revealed sessions (and what belongs to them) only, and writes nothing. The login that owns the
tables (the one that created the workspace) is not limited: it runs init-server and later migrations.
Run init-server again after an upgrade that adds tables: it replaces every grant and policy it made.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tension_desk.domain.model import Side
from tension_desk.store.engine import MIGRATION_LOCK, StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

VIEWER = "viewer"
POLICY_PREFIX = "td_"


@dataclass(frozen=True)
class Logins:
    """The existing PostgreSQL logins of each seat (the viewer is optional)."""

    product: str
    engineering: str
    viewer: str | None = None

    def by_group(self) -> dict[str, str | None]:
        return {Side.PRODUCT.value: self.product, Side.ENGINEERING.value: self.engineering, VIEWER: self.viewer}


def group_role(database: str, seat: str) -> str:
    """The NOLOGIN role of one seat in one workspace database (PostgreSQL names stop at 63 bytes)."""
    return f"td_{database[:40]}_{seat}"


def _session_tables() -> list[str]:
    """Every table that belongs to one session (the viewer reads its rows only once that session is revealed)."""
    from sqlmodel import SQLModel

    import tension_desk.store.tables  # noqa: F401  (registers the tables)

    return [t.name for t in SQLModel.metadata.sorted_tables if "session_id" in t.columns]


def _revealed(alias: str) -> str:
    return f"EXISTS (SELECT 1 FROM session s WHERE s.id = {alias}.session_id AND s.revealed)"


def _policies(q: Callable[[str], str], groups: dict[str, str]) -> list[str]:
    """The CREATE POLICY statements; ``q`` quotes an identifier."""
    leaders = f"{q(groups[Side.PRODUCT.value])}, {q(groups[Side.ENGINEERING.value])}"
    viewer = q(groups[VIEWER])
    out = [f"CREATE POLICY td_leaders ON session FOR ALL TO {leaders} USING (true) "
           "WITH CHECK (NOT revealed OR (product_done AND engineering_done))",
           f"CREATE POLICY td_viewer ON session FOR SELECT TO {viewer} USING (revealed)"]
    for table in _session_tables():
        out.append(f"CREATE POLICY td_viewer ON {q(table)} FOR SELECT TO {viewer} USING ({_revealed(q(table))})")
        if table != "score":
            out.append(f"CREATE POLICY td_leaders ON {q(table)} FOR ALL TO {leaders} USING (true) WITH CHECK (true)")
    for side in Side:
        own, role = f"leader_role = '{side.value}'", q(groups[side.value])
        out += [f"CREATE POLICY td_{side.value}_reads ON score FOR SELECT TO {role} "
                f"USING ({own} OR {_revealed('score')})",
                f"CREATE POLICY td_{side.value}_adds ON score FOR INSERT TO {role} WITH CHECK ({own})",
                f"CREATE POLICY td_{side.value}_changes ON score FOR UPDATE TO {role} USING ({own}) WITH CHECK ({own})",
                f"CREATE POLICY td_{side.value}_clears ON score FOR DELETE TO {role} USING ({own})"]
    return out


def _check_logins(conn: Connection, logins: Logins) -> None:
    named = [v for v in logins.by_group().values() if v]
    if len(set(named)) != len(named):
        raise StoreError("each seat needs its own login: the product, engineering and viewer logins must differ.")
    existing = {r[0] for r in conn.exec_driver_sql("SELECT rolname FROM pg_roles WHERE rolname = ANY(%(n)s)",
                                                   {"n": named})}
    for name in named:
        if name not in existing:
            raise StoreError(f"there is no PostgreSQL login {name!r} on this server; create it first "
                             f"(createuser {name}) and run init-server again.")
    owners = {r[0] for r in conn.exec_driver_sql(
        "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'score' AND relkind = 'r'")}
    for name in named:
        if name in owners:
            raise StoreError(f"{name} owns the workspace's tables, so no policy can limit it; give each seat "
                             "a login of its own and keep the owner for init-server and upgrades.")


def _set_members(conn: Connection, q: Callable[[str], str], group: str, login: str | None) -> None:
    """``group`` exists (NOLOGIN) and ``login`` is its only member."""
    if conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(g)s", {"g": group}).first() is None:
        conn.exec_driver_sql(f"CREATE ROLE {q(group)} NOLOGIN")
    members = conn.exec_driver_sql(
        "SELECT pg_get_userbyid(member) FROM pg_auth_members WHERE roleid = %(g)s::regrole", {"g": group})
    for (member,) in list(members):
        if member != login:
            conn.exec_driver_sql(f"REVOKE {q(group)} FROM {q(member)}")
    if login:
        conn.exec_driver_sql(f"GRANT {q(group)} TO {q(login)}")


def init_server(engine: Engine, logins: Logins) -> dict[str, str]:
    """Create the seat roles, grants and policies on the workspace behind ``engine`` (already at the head
    schema), in one transaction; returns each seat's group role. Raises StoreError in one sentence."""
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            return _init(conn, logins)
    except DBAPIError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"init-server could not set up the workspace ({detail}); run it as the login that "
                         "created the workspace, with the right to create roles (CREATEROLE).") from None


def _init(conn: Connection, logins: Logins) -> dict[str, str]:
    q = conn.dialect.identifier_preparer.quote
    _check_logins(conn, logins)
    database = conn.exec_driver_sql("SELECT current_database()").scalar_one()
    groups = {seat: group_role(database, seat) for seat in logins.by_group()}
    for seat, login in logins.by_group().items():
        _set_members(conn, q, groups[seat], login)
    everyone = ", ".join(q(g) for g in groups.values())
    leaders = f"{q(groups[Side.PRODUCT.value])}, {q(groups[Side.ENGINEERING.value])}"
    conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {everyone}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {everyone}")
    conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {everyone}")
    conn.exec_driver_sql(f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {leaders}")
    conn.exec_driver_sql(f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {leaders}")
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {leaders}")
    made = conn.exec_driver_sql("SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public'").all()
    for table, name in made:
        if name.startswith(POLICY_PREFIX):
            conn.exec_driver_sql(f"DROP POLICY {q(name)} ON {q(table)}")
    for table in ["session", *_session_tables()]:
        conn.exec_driver_sql(f"ALTER TABLE {q(table)} ENABLE ROW LEVEL SECURITY")
    for statement in _policies(q, groups):
        conn.exec_driver_sql(statement)
    return groups
