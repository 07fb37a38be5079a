"""Sealing: closing a session stores its canonical record, and every later document of it is made from that.

- Closing (``desk.sessions.update(status=closed)``, via ``check_session_update``) seals the record as it is
  at that moment, in the closing transaction: revision 1, or the revision that reopening started.
- A closed session refuses every edit (``refuse_if_closed``, called by each writer inside its transaction),
  CSV import included. ``reopen_session`` asks for a reason and who reopens it and starts the next
  revision; the record then says so and lists the earlier revisions' fingerprints.
- ``session_data`` is the canonical record every export of a session is made from: the sealed one for a
  closed session, today's store otherwise, with scores left out before the reveal (``scores_sealed``).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session as DbSession
from sqlmodel import col

from tension_desk.domain import limits
from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Session, SessionStatus
from tension_desk.domain.validation import ValidationError, check_line, check_text, collect
from tension_desk.services.canonical import (
    CanonicalRecord,
    canonical_bytes,
    fingerprint,
    record_from_dict,
    record_from_json,
    revision_from_dict,
    session_dict,
)
from tension_desk.services.record import EarlierRevision, Revision, SessionRecord, build_session_record, masked
from tension_desk.services.types import hides_scores as hides_scores  # defined ORM-free, for the window
from tension_desk.services.types import scores_sealed as scores_sealed
from tension_desk.services.unit import NotFound, table_of
from tension_desk.store import convert
from tension_desk.store import tables as t

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

CLOSED = SessionStatus.CLOSED.value


class SealedRevision(TypedDict):
    """A sealed revision of a session, as ``revisions`` lists it."""

    number: int
    fingerprint: str | None
    sealed_at: dt.datetime | None
    reopened_at: dt.datetime | None  # the reopening that started it (None for revision 1)
    reopened_by: str
    reason: str


class RevisionRow(TypedDict):
    """A session revision row, every column, as undo takes it away and redo puts it back."""

    session_id: int
    revision: int
    record_json: str | None
    fingerprint: str | None
    sealed_at: dt.datetime | None
    reopened_at: dt.datetime | None
    reopened_by: str
    reopen_reason: str


class SessionClosed(ValidationError):
    """An edit of a closed session: its record is sealed until someone reopens it with a reason."""

    def __init__(self, title: str):
        super().__init__([f"the session “{title}” is closed and its record is sealed; reopen it (with a reason) "
                          "to change it"])


def refuse_if_closed(db: DbSession, session_id: int | None) -> None:
    """Inside a writer's transaction: refuse the edit when ``session_id`` is a closed session."""
    row = None if session_id is None else db.get(t.SessionRow, session_id)
    if row is not None and row.status == CLOSED:
        raise SessionClosed(row.title)


# -- revisions ---------------------------------------------------------------------------------------------
def _rows(db: DbSession, session_id: int) -> list[t.SessionRevisionRow]:
    q = select(t.SessionRevisionRow).where(col(t.SessionRevisionRow.session_id) == session_id)
    return list(db.execute(q.order_by(col(t.SessionRevisionRow.revision))).scalars())


def clock() -> dt.datetime:
    """Now, in UTC: the moment a session is sealed or reopened (tests set it)."""
    return dt.datetime.now(dt.UTC)


def local_day(moment: dt.datetime) -> dt.date:
    """The calendar day where the desk runs (its time zone) at ``moment``; a stored time without a zone is UTC.
    A record says the day it was sealed or reopened here, the meeting's day, not UTC's."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone().date()


def _own(r: t.SessionRevisionRow) -> Revision:
    """A sealed revision as its own record says it: its days were decided once, when it was sealed."""
    return revision_from_dict(json.loads(r.record_json or "")["revision"])


def _earlier(r: t.SessionRevisionRow, own: Revision | None = None) -> EarlierRevision:
    """A sealed revision, as the records of later revisions list it: with the day its own record says
    (``own``: that record's revision, where the caller has decoded it already)."""
    return EarlierRevision(r.revision, r.fingerprint or "", (own or _own(r)).sealed_on)


def _revision(rows: Sequence[t.SessionRevisionRow], sealed_on: dt.date | None, on_upgrade: bool = False) -> Revision:
    """The ``Revision`` the session's next (or current, unsealed) record is."""
    earlier = tuple(_earlier(r) for r in rows if r.record_json)
    pending = rows[-1] if rows and not rows[-1].record_json else None
    if pending is None:
        return Revision(len(earlier) + 1, sealed_on, earlier=earlier, on_upgrade=on_upgrade)
    reopened_on = None if pending.reopened_at is None else local_day(pending.reopened_at)
    return Revision(pending.revision, sealed_on, reopened_on, pending.reopened_by, pending.reopen_reason, earlier,
                    on_upgrade)


def revision_history(desk: Desk) -> dict[int, list[str]]:
    """Every session's revisions in words, oldest first, by session id (sessions never sealed left out):
    who reopened each later revision, when and why, and each sealed revision's fingerprint. The decision
    log prints them, so it keeps every revision's fingerprint; a sealed revision's days are its record's."""
    history: dict[int, list[str]] = {}
    with desk.unit.transaction() as db:
        q = select(t.SessionRevisionRow).order_by(col(t.SessionRevisionRow.session_id),
                                                  col(t.SessionRevisionRow.revision))
        for r in db.execute(q).scalars():
            lines = history.setdefault(r.session_id, [])
            rev = _own(r) if r.record_json else _revision([r], None)  # not sealed yet: as its record is made
            if r.reopened_at is not None:
                lines.append(rev.line)
            lines.append(_earlier(r, rev).line if r.record_json else f"Revision {r.revision}, {rev.sealed}")
    return history


def revisions(desk: Desk, session_id: int) -> list[SealedRevision]:
    """Every sealed revision of a session, oldest first: number, fingerprint, sealed_at, and the reopening
    that started it (reopened_at, reopened_by, reason)."""
    with desk.unit.transaction() as db:
        return [{"number": r.revision, "fingerprint": r.fingerprint, "sealed_at": r.sealed_at,
                 "reopened_at": r.reopened_at, "reopened_by": r.reopened_by, "reason": r.reopen_reason}
                for r in _rows(db, session_id) if r.record_json]


def session_data(desk: Desk, session_id: int) -> CanonicalRecord:
    """The canonical record every document of the session is made from (see the module's doc)."""
    return _session_data(desk, session_id)[0]


def printed_record(desk: Desk, session_id: int) -> tuple[CanonicalRecord, SessionRecord]:
    """``session_data``, and the record its documents print: ``record_from_dict`` of it, given the record it was
    made from (for the parts it holds field for field: the same again)."""
    data, made_from = _session_data(desk, session_id)
    return data, record_from_dict(data, made_from)


def _session_data(desk: Desk, session_id: int) -> tuple[CanonicalRecord, SessionRecord]:
    """The canonical record, and the record it was made from (``session_dict``)."""
    with desk.unit.transaction() as db:  # one read of the store: every query below joins it
        row = _session_row(db, session_id)  # read once: the session, and its scoring state
        rows = _rows(db, session_id)
        sealed = rows[-1].record_json if rows else None
        if row.status == CLOSED and sealed:  # store/sealed.py reads the same row without the ORM (sealed_dict)
            record = record_from_json(sealed)
        else:
            record = _record(desk, convert.session(row), convert.scoring_state(row), _revision(rows, None))
        return session_dict(record), record


def _record(desk: Desk, session: Session, state: ScoringState, revision: Revision) -> SessionRecord:
    """The session's record from today's store, its scores left out before the reveal (``scores_sealed``: told
    from its scoring ``state`` and the scores the record holds, not read twice)."""
    record = build_session_record(desk, convert.stored_id(session.id), session=session, revision=revision)
    return masked(record) if hides_scores(state, record.scores) else record


# -- closing, reopening ------------------------------------------------------------------------------------
def check_session_update(desk: Desk, db: DbSession, row: t.SessionRow, before: Session) -> None:
    """Called by ``Desk.update_session`` in its transaction once the row is changed: a closed session
    refuses the change (reopen it instead); a session being closed has its record sealed."""
    after = convert.session(row)
    if before.status is SessionStatus.CLOSED:
        if after != before:
            raise SessionClosed(before.title)
        return
    if after.status is not SessionStatus.CLOSED:
        return
    length = _seal(desk, db, after)
    if length > limits.SEALED_RECORD:  # refused, so every sealed session fits its backup
        raise ValidationError([f"the session “{after.title}” cannot be closed: its sealed record would be "
                               f"{length:,} characters long, at most {limits.SEALED_RECORD:,}; move "
                               "priorities to another session or shorten their descriptions"])


def _seal(desk: Desk, db: DbSession, session: Session, on_upgrade: bool = False) -> int:
    """Seal the session's record as the store holds it now, in ``db``'s transaction: the revision that
    reopening started, or the next one. Returns the record's length; over limits.SEALED_RECORD nothing
    is written."""
    if session.id is None:
        raise NotFound("a session not stored yet cannot be sealed")
    rows = _rows(db, session.id)
    now = clock()  # stored in UTC; the record says the day here, decided once
    revision = _revision(rows, local_day(now), on_upgrade)
    data = session_dict(_record(desk, session, desk.scoring.state(session.id), revision))
    record = canonical_bytes(data).decode("utf-8")
    if len(record) > limits.SEALED_RECORD:
        return len(record)
    pending = rows[-1] if rows and not rows[-1].record_json else None
    seal = pending or t.SessionRevisionRow(session_id=session.id, revision=len(rows) + 1)
    seal.record_json = record
    seal.fingerprint, seal.sealed_at = fingerprint(data), now
    db.add(seal)
    return len(record)


def seal_unsealed(desk: Desk) -> list[int]:
    """Seal every closed session that has no sealed record: one closed before sealing existed (a store
    upgraded from the first version, a workspace file of that time imported). Its record is made as of now
    and says "sealed on upgrade, DATE", so from now on its documents and fingerprint never change.
    One transaction (joining the caller's, as import does); returns the ids sealed. A record over
    limits.SEALED_RECORD stays unsealed, so every sealed record fits the backup. A login that may not write
    sealed records (a shared workspace's viewer) seals nothing: it reads the workspace as it is."""
    sealed_ids = select(col(t.SessionRevisionRow.session_id)).where(col(t.SessionRevisionRow.record_json).is_not(None))
    with desk.unit.transaction() as db:
        if not _may_seal(db):
            return []
        q = select(t.SessionRow).where(col(t.SessionRow.status) == CLOSED, col(t.SessionRow.id).not_in(sealed_ids))
        closed = [convert.session(row) for row in db.execute(q.order_by(col(t.SessionRow.id))).scalars()]
        return [s.id for s in closed
                if s.id is not None and _seal(desk, db, s, on_upgrade=True) <= limits.SEALED_RECORD]


def _may_seal(db: DbSession) -> bool:
    """Whether this login may write sealed records: always on SQLite; on PostgreSQL, its table privilege."""
    if db.get_bind().dialect.name != "postgresql":
        return True
    table = table_of(t.SessionRevisionRow).name
    return bool(db.execute(text("SELECT has_table_privilege(:table, 'INSERT')"), {"table": table}).scalar_one())


def _columns(row: t.SessionRevisionRow) -> RevisionRow:
    return RevisionRow(session_id=row.session_id, revision=row.revision, record_json=row.record_json,
                       fingerprint=row.fingerprint, sealed_at=row.sealed_at, reopened_at=row.reopened_at,
                       reopened_by=row.reopened_by, reopen_reason=row.reopen_reason)


def _session_row(db: DbSession, session_id: int) -> t.SessionRow:
    row = db.get(t.SessionRow, session_id)
    if row is None:
        raise NotFound(f"there is no session {session_id}")
    return row


def undo_close(desk: Desk, session_id: int, status: SessionStatus) -> RevisionRow | None:
    """Undo of closing: the seal just made is taken back and the session has ``status`` again.
    Returns the seal as it was, for ``redo``."""
    sealed = None
    with desk.unit.transaction() as db:
        row = _session_row(db, session_id)
        rows = _rows(db, session_id)
        if rows and rows[-1].record_json:
            last = rows[-1]
            sealed = _columns(last)
            if last.reopened_at is None:
                db.delete(last)
            else:  # back to the revision that reopening started, not sealed yet
                last.record_json, last.fingerprint, last.sealed_at = None, None, None
                db.add(last)
        row.status = SessionStatus(status).value
        db.add(row)
    return sealed


def reopen_session(desk: Desk, session_id: int, reason: str, by: str) -> int:
    """Reopen a closed session for changes: it goes live and starts its next revision, whose record says
    who reopened it, when and why. Returns the new revision's number."""
    problems: list[str] = []
    checked_reason = collect(problems, check_text, reason, "the reason for reopening", limits.TEXT, required=True)
    checked_by = collect(problems, check_line, by, "who reopens it", limits.LEADER_NAME, required=True)
    if checked_reason is None or checked_by is None:  # None: its check failed and said why in ``problems``
        raise ValidationError(problems)
    with desk.unit.transaction() as db:
        row = _session_row(db, session_id)
        if row.status != CLOSED:
            raise ValidationError([f"the session “{row.title}” is not closed, so there is nothing to reopen"])
        number = len(_rows(db, session_id)) + 1
        db.add(t.SessionRevisionRow(session_id=session_id, revision=number, reopened_at=clock(),
                                    reopened_by=checked_by, reopen_reason=checked_reason))
        row.status = SessionStatus.LIVE.value
        db.add(row)
        return number


def undo_reopen(desk: Desk, session_id: int) -> RevisionRow | None:
    """Undo of reopening: the revision it started goes, and the session is closed under its last seal.
    Returns that revision as it was, for ``redo``."""
    started = None
    with desk.unit.transaction() as db:
        rows = _rows(db, session_id)
        if rows and not rows[-1].record_json:
            started = _columns(rows[-1])
            db.execute(delete(t.SessionRevisionRow).where(col(t.SessionRevisionRow.session_id) == session_id,
                                                          col(t.SessionRevisionRow.revision) == rows[-1].revision))
        row = _session_row(db, session_id)
        row.status = CLOSED
        db.add(row)
    return started


def redo(desk: Desk, session_id: int, revision: RevisionRow | None, status: SessionStatus) -> None:
    """Redo of closing or reopening, exactly: the revision row ``undo_close`` / ``undo_reopen`` returned
    (same times, same fingerprint), and the session's ``status`` after it."""
    with desk.unit.transaction() as db:
        if revision is not None:
            db.merge(t.SessionRevisionRow(**revision))
        row = _session_row(db, session_id)
        row.status = SessionStatus(status).value
        db.add(row)
