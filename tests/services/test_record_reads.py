"""Reading a session's canonical record (every export's source) reads the store once, and the record it makes
is the one its documents are made from."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from tension_desk.domain.dates import day
from tension_desk.services import sealing
from tension_desk.services.canonical import canonical_bytes, record_from_dict, session_dict
from tension_desk.services.record import build_session_record
from tension_desk.services.sample import add_sample


def _sessions(desk) -> dict[str, int]:
    """A session of each kind a record is made for: sealed, reopened, blind (the sample's last), live."""
    first, second, blind = add_sample(desk)
    sealing.reopen_session(desk, second, "A typo.", "Maya Chen")
    live = desk.sessions.create("Live session", dt.date(2026, 12, 1)).id
    return {"sealed": first, "reopened": second, "blind": blind, "live": live}


def test_a_session_record_is_read_in_one_transaction(desk):
    sessions = _sessions(desk)
    begins: list[object] = []
    on_begin = begins.append
    event.listen(desk.unit.engine, "begin", on_begin)
    try:
        for kind, sid in sessions.items():
            begins.clear()
            sealing.session_data(desk, sid)
            assert len(begins) == 1, kind
    finally:
        event.remove(desk.unit.engine, "begin", on_begin)


def test_the_record_documents_are_made_from_holds_exactly_the_canonical_record(desk):
    for kind, sid in _sessions(desk).items():
        data = sealing.session_data(desk, sid)
        assert canonical_bytes(session_dict(record_from_dict(data))) == canonical_bytes(data), kind


def test_a_record_holds_the_tensions_decisions_and_open_items_the_services_list(desk):
    """The record reads every tension and decision once; what it keeps of them is what the services answer."""
    carried: list[str] = []
    for kind, sid in _sessions(desk).items():
        record = build_session_record(desk, sid)
        assert record.tensions == desk.tensions.of_session(sid), kind
        assert record.decisions == desk.decisions.list(sid), kind
        agenda, decided = desk.tensions.agenda(sid), {d.tension_id for d in desk.decisions.list()}
        assert [c for c in record.carried_over if c.endswith(" sessions)") or ", escalate)" in c] == [
            f"{c.tension.statement} (open {c.age} sessions{', escalate' if c.escalate else ''})"
            for c in agenda.carried if c.tension.id not in decided], kind
        assert [c for c in record.carried_over if c.startswith("Review “")] == [
            f"Review “{d.outcome}” (due {day(d.review_date)})" for d in agenda.due_reviews
            if not d.review_outcome], kind
        carried += record.carried_over
    assert any(c.startswith("Review “") for c in carried) and any(" (open " in c for c in carried)
