"""The day a record is sealed is the meeting's local day, decided once when it is sealed, never UTC's.

An evening meeting in New York closed after 19:00 EST said "sealed on" the next day, and a morning one in
Kiritimati (UTC+14) the day before the meeting. Its times stay UTC in the store; the day the record says is
the day where the session was closed, and every later read (another machine, another zone, a workspace file,
a later revision's record, the decision log) says that same day.
"""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from tension_desk.domain.dates import day
from tension_desk.domain.model import PriorityDraft, SessionStatus, Side
from tension_desk.export.documents import session_document
from tension_desk.export.json_export import fingerprint
from tension_desk.services import sealing
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.log import build_log_entries
from tension_desk.services.workspace_io import import_workspace, workspace_json

NEW_YORK_EVENING = dt.datetime(2026, 12, 2, 2, 0, tzinfo=dt.UTC)  # 21:00 on 1 Dec in New York
KIRITIMATI_MORNING = dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC)  # 01:00 on 2 Dec in Kiritimati


@pytest.fixture
def at(monkeypatch):
    """``at(zone, moment)``: the desk runs in time zone ``zone`` and sealing's clock says ``moment``."""
    with pytest.MonkeyPatch.context() as env:
        def set_clock(zone: str, moment: dt.datetime) -> None:
            env.setenv("TZ", zone)
            time.tzset()
            monkeypatch.setattr(sealing, "clock", lambda: moment)

        yield set_clock
    time.tzset()  # the zone the run had


def close(desk, sid: int) -> dict:
    desk.sessions.update(sid, status=SessionStatus.CLOSED)
    return json.loads(session_document(desk, sid, "json"))


@pytest.mark.parametrize(("zone", "moment", "sealed_on"), [
    ("America/New_York", NEW_YORK_EVENING, dt.date(2026, 12, 1)),
    ("Pacific/Kiritimati", KIRITIMATI_MORNING, dt.date(2026, 12, 2)),
], ids=["new_york_evening", "kiritimati_morning"])
def test_a_record_is_sealed_on_the_local_day_it_was_closed_and_its_time_stays_utc(desk, at, zone, moment, sealed_on):
    sid = desk.sessions.create("Planning", sealed_on).id
    at(zone, moment)
    record = close(desk, sid)
    assert record["revision"]["sealed_on"] == sealed_on.isoformat()
    assert f"Revision 1, sealed on {day(sealed_on)}" in session_document(desk, sid, "md").decode()
    (stored,) = sealing.revisions(desk, sid)
    assert stored["sealed_at"] is not None and stored["sealed_at"].replace(tzinfo=None) == moment.replace(tzinfo=None)


def test_read_back_in_another_zone_and_through_a_workspace_file_the_day_and_fingerprint_stay(desk, at, another_store):
    sid = desk.sessions.create("Planning", dt.date(2026, 12, 1)).id
    at("America/New_York", NEW_YORK_EVENING)
    record = close(desk, sid)
    sealed = session_document(desk, sid, "json")
    text = workspace_json(desk)
    at("Pacific/Kiritimati", KIRITIMATI_MORNING)
    assert session_document(desk, sid, "json") == sealed
    (stored,) = sealing.revisions(desk, sid)
    assert stored["fingerprint"] == fingerprint(record) and record["revision"]["sealed_on"] == "2026-12-01"
    other = another_store()
    import_workspace(other, text.encode("utf-8"))
    assert workspace_json(other) == text
    (theirs,) = other.sessions.list()
    assert session_document(other, theirs.id, "json") == sealed
    assert sealing.revisions(other, theirs.id)[0]["fingerprint"] == stored["fingerprint"]
    # reopened on the other machine: the record being made lists revision 1 with the day it was sealed
    sealing.reopen_session(other, theirs.id, "A late estimate.", "Maya Chen")
    live = json.loads(session_document(other, theirs.id, "json"))
    assert live["revision"]["earlier"] == [{"number": 1, "fingerprint": stored["fingerprint"],
                                            "sealed_on": "2026-12-01"}]


def test_a_later_revision_lists_an_earlier_one_with_the_day_its_own_record_says(desk, at, leaders):
    desk.workspace.set_leaders(*leaders)
    sid = desk.sessions.create("Planning", dt.date(2026, 12, 1)).id
    a, b = desk.priorities.add_many(sid, [PriorityDraft("Billing", Side.PRODUCT),
                                          PriorityDraft("CI", Side.ENGINEERING)])
    tension = desk.tensions.add(sid, "Billing or CI", [a.id, b.id])
    desk.decisions.take(sid, tension.id, DecisionDraft(outcome="CI first", owner="Maya Chen"), on=dt.date(2026, 12, 1))
    at("America/New_York", NEW_YORK_EVENING)
    first = close(desk, sid)
    # reopened and closed again in Kiritimati, where it is 2 Dec at both moments
    at("Pacific/Kiritimati", KIRITIMATI_MORNING)
    sealing.reopen_session(desk, sid, "The owner was wrong.", "Maya Chen")
    at("Pacific/Kiritimati", KIRITIMATI_MORNING + dt.timedelta(hours=1))
    second = close(desk, sid)
    assert first["revision"]["sealed_on"] == "2026-12-01"
    assert second["revision"]["earlier"] == [{"number": 1, "fingerprint": fingerprint(first),
                                              "sealed_on": first["revision"]["sealed_on"]}]
    assert (second["revision"]["sealed_on"], second["revision"]["reopened_on"]) == ("2026-12-02", "2026-12-02")
    # read anywhere later, the records and the decision log say the days the records were sealed with
    at("UTC", NEW_YORK_EVENING + dt.timedelta(days=30))
    assert json.loads(session_document(desk, sid, "json")) == second
    (entry,) = build_log_entries(desk)
    assert entry.revisions == (f"Revision 1, sealed on 1 Dec 2026: fingerprint {fingerprint(first)}",
                               "Revision 2 — reopened on 2 Dec 2026 by Maya Chen: The owner was wrong.",
                               f"Revision 2, sealed on 2 Dec 2026: fingerprint {fingerprint(second)}")
