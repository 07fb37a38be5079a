"""Every row of a store, on either store: what a test compares before and after to show that nothing changed."""
from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Engine


def dump(engine: Engine, versions: bool = True) -> list[str]:
    """Every row of every table, as the database driver hands it over (on SQLite the stored text itself, no type
    conversion), sorted (row order on disk follows insertion), read through a connection of its own.
    ``versions=False`` reads row versions (store/tables.py Versioned) as 0: they count one store's own edits and
    do not travel in a workspace file."""
    rows = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"').mappings():
                values = dict(row) | ({} if versions or "version" not in row else {"version": 0})
                rows.append(f"{table}: {sorted(values.items())!r}")
    return sorted(rows)
