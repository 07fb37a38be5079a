"""The store's reads name tables' columns (Core statements, not ORM entities), and still see what the same
transaction has added and not yet written: the session flushes it first, as it does before an ORM read (SQLAlchemy
2.0.16 and later). A service that adds a row and reads the list back in one transaction gets the row."""
from __future__ import annotations

import datetime as dt

import pytest

from tension_desk.store import queries as q
from tension_desk.store import tables as t


class Rollback(Exception):
    pass


def test_a_read_in_a_transaction_sees_the_rows_it_added_before_they_are_written(desk_on_each_store):
    desk = desk_on_each_store
    with pytest.raises(Rollback, match="leave the store as it was"), desk.unit.transaction() as db:
        session = t.SessionRow(title="Pending review", date=dt.date(2026, 12, 1), quarter="2026-Q4")
        priority = t.PriorityRow(title="Pending priority", side="product")
        db.add_all([session, priority])
        db.flush()  # their ids: the rows below refer to them
        db.add(t.AgendaRow(session_id=session.id, priority_id=priority.id))
        db.add(t.TensionRow(session_id=session.id, statement="Pending tension"))
        assert [s.title for s in q.sessions(db)] == ["Pending review"]
        assert [p.title for p in q.agenda(db, session.id)] == ["Pending priority"]
        assert [x.statement for x in q.tensions(db, session.id)] == ["Pending tension"]
        raise Rollback("leave the store as it was")
    with desk.unit.transaction() as db:
        assert q.sessions(db) == []
