"""The fingerprint covers every field a document of the session can print.

Every document is made from ``record_from_dict(canonical record)``, so what a document prints is a field of
that ``SessionRecord``. The properties: (1) the canonical record gives back the very same record, field for
field; (2) changing any one field of the record, in turn, changes the fingerprint.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json

import pytest

from tension_desk.domain.capacity import CapacityFit
from tension_desk.domain.model import (
    Criterion,
    CriterionKind,
    Decision,
    DecisionStatus,
    Leader,
    Priority,
    PriorityStatus,
    Score,
    Session,
    SessionStatus,
    Side,
    Tension,
    TensionStatus,
)
from tension_desk.domain.scoring import PriorityResult
from tension_desk.domain.script import Step, StepKind
from tension_desk.export.json_export import canonical_bytes, fingerprint, record_from_dict, session_dict
from tension_desk.services.record import EarlierRevision, Revision, SessionRecord

D = dt.date(2026, 9, 15)
# Fields that are not the record's own data: a leader's role is its key in ``leaders``; a tension or
# decision of the record always belongs to the record's session.
NOT_DATA = {("Leader", "role"), ("Tension", "session_id"), ("Decision", "session_id")}


def full_record() -> SessionRecord:
    """A record with every field set (nothing None, nothing empty), so every change is a real change."""
    return SessionRecord(
        session=Session(7, "September tension session", D, "2026-Q3", SessionStatus.CLOSED, "Notes."),
        leaders={Side.PRODUCT: Leader(Side.PRODUCT, "Maya Chen", "CPO", "#123456"),
                 Side.ENGINEERING: Leader(Side.ENGINEERING, "Daniel Okafor", "CTO", "#654321")},
        criteria=[Criterion(1, "Customer value", 3.0, CriterionKind.BENEFIT, 0, 5, "How much customers gain.")],
        priorities=[Priority(11, "SSO", Side.PRODUCT, "SAML.", 3.0, dt.date(2026, 1, 5), PriorityStatus.ACCEPTED,
                             "2026-Q3", dt.date(2026, 9, 30), "https://example.com/1")],
        scores=[Score(11, 1, Side.PRODUCT, 4, "A comment.")],
        results=[PriorityResult(11, 80.0, 60.0, 70.0, 20.0, 1)],
        tensions=[Tension(21, 7, "SSO or Postgres?", (11, 12), TensionStatus.DECIDED)],
        decisions=[Decision(31, 21, 7, "SSO first.", "Two deals wait.", "1) SSO; 2) Postgres.", "Deals close.",
                            "Replicas slip.", "Losing the deals.", "Both signed by 30 Sep.", "Daniel Okafor",
                            dt.date(2026, 10, 13), DecisionStatus.DECIDED, True, True,
                            '{"frozen_on": "2026-09-15", "weights": [{"criterion": "Customer value", "weight": 3.0}]}',
                            dt.date(2026, 9, 15), "held", 8)],
        capacity=CapacityFit("2026-Q3", 120.0, 70.0, 30.0, 14.0, 3.0, True, True, True, 1.0, 2.0, 17.6, True),
        carried_over=["Mobile approvals against CI speed."],
        revision=Revision(2, dt.date(2026, 9, 20), dt.date(2026, 9, 18), "Maya Chen", "The owner was wrong.",
                          (EarlierRevision(1, "ab" * 32, D),)),
        scores_sealed=True,
        meeting_time=[Step(StepKind.DECIDE, 15, 1200)],
    )


def changed(value):
    """The same kind of value, different."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, enum.Enum):
        return next(m for m in type(value) if m is not value)
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, int | float):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, tuple):
        return (*value, value[0]) if value else (1,)
    if isinstance(value, list):
        return [*value, "x"]
    if isinstance(value, dict):
        return {**value, "x": 1}
    raise AssertionError(f"no change for {value!r}")


def variants(record: SessionRecord):
    """(what, record) with exactly one field of the record changed, for every field of every object in it."""
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
        if f.name == "carried_over" or (not dataclasses.is_dataclass(value) and items is None):
            yield f.name, dataclasses.replace(record, **{f.name: changed(value)})
            continue
        for key, obj in (items if items is not None else [(None, value)]):
            for g in dataclasses.fields(obj):
                if (type(obj).__name__, g.name) in NOT_DATA or g.name == "version":  # a row version is printed nowhere
                    assert g.name != "session_id" or getattr(obj, g.name) == record.session.id
                    continue
                old = getattr(obj, g.name)  # frozen evidence is kept as its JSON text: changed, it stays JSON
                new_value = json.dumps(changed(json.loads(old))) if g.name == "evidence_json" else changed(old)
                new_obj = dataclasses.replace(obj, **{g.name: new_value})
                if key is None:
                    new = new_obj
                else:
                    new = type(value)(value)
                    new[key] = new_obj
                yield f"{f.name}.{type(obj).__name__}.{g.name}", dataclasses.replace(record, **{f.name: new})


def test_the_canonical_record_gives_back_every_field_of_the_record():
    record = full_record()
    back = record_from_dict(session_dict(record))
    assert back == record
    assert [d.evidence for d in back.decisions] == [d.evidence for d in record.decisions]  # not compared by ==


def test_changing_any_printed_field_changes_the_fingerprint():
    record = full_record()
    original = fingerprint(session_dict(record))
    seen = set()
    for what, variant in variants(record):
        assert fingerprint(session_dict(variant)) != original, what
        seen.add(what)
    # the walk really visits the fields the issue names
    for name in ("decisions.Decision.context", "decisions.Decision.options", "decisions.Decision.cost_of_not",
                 "decisions.Decision.success_signal", "decisions.Decision.ack_product",
                 "decisions.Decision.ack_engineering", "decisions.Decision.evidence_json", "session.Session.notes",
                 "revision.Revision.reason", "capacity.CapacityFit.engineering_squeezed", "carried_over"):
        assert name in seen
    assert len(seen) >= 80  # every field of every object in the record


@pytest.mark.parametrize("text", ["Ünïcode — “quotes”", "line\nbreak", "tab\there"])
def test_the_fingerprint_is_sha256_of_utf8_with_sorted_keys_and_no_whitespace(text):
    record = dataclasses.replace(full_record(), carried_over=[text])
    data = session_dict(record)
    raw = canonical_bytes(data)
    assert raw == json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert text.encode("utf-8") in raw or "\\n" in raw.decode() or "\\t" in raw.decode()
    assert fingerprint(data) == hashlib.sha256(raw).hexdigest() == fingerprint(raw)
    # the pretty session JSON export re-serialises to the same canonical bytes
    from tension_desk.export.json_export import dumps

    assert canonical_bytes(json.loads(dumps(data))) == raw
