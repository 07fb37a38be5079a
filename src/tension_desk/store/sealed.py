"""A closed session's sealed record, read with the standard library's sqlite3 alone.

Every document of a closed session is made from its sealed record, one row of canonical JSON
(``services/sealing.py`` ``session_data``). A command that only exports such a session reads that row here, on a
store ``engine.check_local_store`` has checked (the same checks and errors as ``open_store``), and so never
imports SQLAlchemy, SQLModel or pydantic. Anything else (a live session, a session not sealed, a store still to
be created or upgraded) gets None and takes the services' path. A test checks that both give the same bytes.
"""
from __future__ import annotations

import sqlite3

from tension_desk.domain.model import SessionStatus
from tension_desk.store.engine import BUSY_TIMEOUT_S, CheckedStore, store_problem

# session_data's rule: the session is closed, and its last revision is sealed (holds the record)
_SEALED = """SELECT r.record_json FROM session AS s JOIN session_revision AS r ON r.session_id = s.id
             WHERE s.id = ? AND s.status = ? ORDER BY r.revision DESC LIMIT 1"""


def sealed_record(store: CheckedStore, session_id: int) -> str | None:
    """The sealed record (canonical JSON) of the closed session ``session_id``; None where the session is not
    closed and sealed, is not there, or the store is not at the head revision. Raises StoreError (a locked
    store), as the services do."""
    if not store.at_head:
        return None
    try:
        conn = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            row = conn.execute(_SEALED, (session_id, SessionStatus.CLOSED.value)).fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        raise store_problem(exc) from exc
    record: str | None = row[0] if row else None
    return record or None
