"""Opening a store checks every page of it (quick_check) and every value; that check reads the store through a
small page cache of its own: a large store is not held in the app's memory for a scan that reads each page once."""
from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import sqlite3

import pytest

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.store.engine import HEAD_REVISION, inspect_store, store_path


def _sqlite_library() -> ctypes.CDLL | None:
    """The SQLite library Python's sqlite3 runs on, when it is the shared one ctypes finds (its memory counters
    are then this process's)."""
    name = ctypes.util.find_library("sqlite3")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    lib.sqlite3_libversion.restype = ctypes.c_char_p
    lib.sqlite3_memory_highwater.restype = ctypes.c_int64
    lib.sqlite3_memory_used.restype = ctypes.c_int64
    return lib if lib.sqlite3_libversion().decode() == sqlite3.sqlite_version else None


def test_checking_a_large_store_reads_it_through_a_small_cache(desk, data_dir):
    lib = _sqlite_library()
    if lib is None:
        pytest.skip("Python's sqlite3 does not run on a shared SQLite library whose memory counters ctypes reads")
    session = desk.sessions.create("Planning", dt.date(2026, 1, 5))
    for i in range(400):  # about 6 MB of pages
        desk.priorities.add(session.id, PriorityDraft(title=f"Priority {i}", side=Side.PRODUCT))
    with desk.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE priority SET description = hex(randomblob(7000))")
    desk.engine.dispose()
    path = store_path(data_dir)
    assert path.stat().st_size > 5_000_000

    before = lib.sqlite3_memory_used()
    lib.sqlite3_memory_highwater(1)  # the high-water mark starts again from what is in use now
    assert inspect_store(path) == HEAD_REVISION
    assert lib.sqlite3_memory_highwater(0) - before < 1_000_000  # SQLite's default cache alone would be 2 MB
