"""store/schema.py, the plain-data list of tables and columns the open checks, is store/tables.py's schema."""
from __future__ import annotations

import subprocess
import sys

from sqlalchemy import Boolean, Date, DateTime, Float, Integer
from sqlmodel import SQLModel

import tension_desk.store.tables  # noqa: F401  (registers the tables)
from tension_desk.store.schema import COLUMNS


def _kind(column) -> str:
    stored = getattr(column.type, "impl", column.type)  # a TypeDecorator (UTCDateTime) by what it stores
    for sql_type, kind in ((DateTime, "datetime"), (Date, "date"), (Boolean, "bool"), (Integer, "int"),
                           (Float, "float")):
        if isinstance(stored, sql_type):
            return kind
    return "text"


def test_the_checked_columns_are_the_tables_columns_with_the_kind_each_holds():
    from_tables = tuple((table.name, tuple((c.name, _kind(c)) for c in table.columns))
                        for table in SQLModel.metadata.sorted_tables)
    assert from_tables == COLUMNS


def test_checking_a_store_at_the_head_revision_imports_no_orm(data_dir):
    from tension_desk.store.engine import open_store, store_path

    open_store(data_dir, daily_backup=False).dispose()
    code = ("import sys\n"
            "from tension_desk.store.engine import inspect_store\n"
            f"print(inspect_store(__import__('pathlib').Path({str(store_path(data_dir))!r})))\n"
            "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'pydantic') if m in sys.modules))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    revision, imported = r.stdout.splitlines()
    assert revision != "None" and imported == "[]"
