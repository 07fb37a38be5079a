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

from sqlalchemy import delete, select

from tension_desk.domain import limits
from tension_desk.domain.model import Session, SessionStatus
from tension_desk.domain.validation import ValidationError, check_line, check_text, collect
from tension_desk.store import convert
from tension_desk.store import tables as t

CLOSED = SessionStatus.CLOSED.value


class SessionClosed(ValidationError):
    """An edit of a closed session: its record is sealed until someone reopens it with a reason."""

    def __init__(self, title: str):
        super().__init__([f"the session “{title}” is closed and its record is sealed; reopen it (with a reason) "
                          "to change it"])


def refuse_if_closed(db, session_id: int | None) -> None:
    """Inside a writer's transaction: refuse the edit when ``session_id`` is a closed session."""
    row = None if session_id is None else db.get(t.SessionRow, session_id)
    if row is not None and row.status == CLOSED:
        raise SessionClosed(row.title)


def scores_sealed(desk, session_id: int) -> bool:
    """Blind scoring is under way: a turn is on, or there are scores kept hidden until the reveal."""
    state = desk.scoring.state(session_id)
    if state.revealed:
        return False
    return (state.turn is not None or state.product_done or state.engineering_done
            or bool(desk.scoring.scores(session_id)))


# -- revisions ---------------------------------------------------------------------------------------------
def _rows(db, session_id: int) -> list[t.SessionRevisionRow]:
    q = select(t.SessionRevisionRow).where(t.SessionRevisionRow.session_id == session_id)
    return list(db.execute(q.order_by(t.SessionRevisionRow.revision)).scalars())


def _revision(rows, sealed_on: dt.date | None, on_upgrade: bool = False):
    """The ``Revision`` the session's next (or current, unsealed) record is."""
    from tension_desk.services.record import EarlierRevision, Revision

    earlier = tuple(EarlierRevision(r.revision, r.fingerprint, r.sealed_at.date()) for r in rows if r.record_json)
    pending = rows[-1] if rows and not rows[-1].record_json else None
    if pending is None:
        return Revision(len(earlier) + 1, sealed_on, earlier=earlier, on_upgrade=on_upgrade)
    return Revision(pending.revision, sealed_on, pending.reopened_at.date(), pending.reopened_by,
                    pending.reopen_reason, earlier, on_upgrade)


def revision_history(desk) -> dict[int, list[str]]:
    """Every session's revisions in words, oldest first, by session id (sessions never sealed left out):
    who reopened each later revision, when and why, and each sealed revision's fingerprint. The decision
    log prints them, so it keeps every revision's fingerprint."""
    from tension_desk.services.record import EarlierRevision, Revision

    history: dict[int, list[str]] = {}
    with desk.unit.transaction() as db:
        q = select(t.SessionRevisionRow).order_by(t.SessionRevisionRow.session_id, t.SessionRevisionRow.revision)
        for r in db.execute(q).scalars():
            lines = history.setdefault(r.session_id, [])
            if r.reopened_at is not None:
                lines.append(Revision(r.revision, None, r.reopened_at.date(), r.reopened_by, r.reopen_reason).line)
            lines.append(EarlierRevision(r.revision, r.fingerprint, r.sealed_at.date()).line if r.record_json
                         else f"Revision {r.revision}, {Revision(r.revision).sealed}")
    return history


def revisions(desk, session_id: int) -> list[dict]:
    """Every sealed revision of a session, oldest first: number, fingerprint, sealed_at, and the reopening
    that started it (reopened_at, reopened_by, reason)."""
    with desk.unit.transaction() as db:
        return [{"number": r.revision, "fingerprint": r.fingerprint, "sealed_at": r.sealed_at,
                 "reopened_at": r.reopened_at, "reopened_by": r.reopened_by, "reason": r.reopen_reason}
                for r in _rows(db, session_id) if r.record_json]


def sealed_data(desk, session_id: int) -> dict | None:
    """The latest sealed canonical record of a session, or None if it was never sealed."""
    with desk.unit.transaction() as db:
        sealed = [r for r in _rows(db, session_id) if r.record_json]
        return _reloaded(sealed[-1].record_json) if sealed else None


def _reloaded(record_json: str) -> dict:
    """A sealed record read back in the session JSON's key order (the same content, field for field)."""
    from tension_desk.services.canonical import record_from_dict, session_dict

    return session_dict(record_from_dict(json.loads(record_json)))


def session_data(desk, session_id: int) -> dict:
    """The canonical record every document of the session is made from (see the module's doc)."""
    from tension_desk.services.canonical import session_dict

    session = desk.sessions.get(session_id)
    with desk.unit.transaction() as db:
        rows = _rows(db, session_id)
    if session.status is SessionStatus.CLOSED and rows and rows[-1].record_json:
        return _reloaded(rows[-1].record_json)
    return session_dict(_record(desk, session_id, session, _revision(rows, None)))


def _record(desk, session_id: int, session: Session, revision):
    """The session's record from today's store, its scores left out before the reveal."""
    from tension_desk.services.record import build_session_record, masked

    record = build_session_record(desk, session_id, session=session, revision=revision)
    return masked(record) if scores_sealed(desk, session_id) else record


# -- closing, reopening ------------------------------------------------------------------------------------
def check_session_update(desk, db, row: t.SessionRow, before: Session) -> None:
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


def _seal(desk, db, session: Session, on_upgrade: bool = False) -> int:
    """Seal the session's record as the store holds it now, in ``db``'s transaction: the revision that
    reopening started, or the next one. Returns the record's length; over limits.SEALED_RECORD nothing
    is written."""
    from tension_desk.services.canonical import canonical_bytes, fingerprint, session_dict

    rows = _rows(db, session.id)
    now = dt.datetime.now(dt.UTC)
    data = session_dict(_record(desk, session.id, session, _revision(rows, now.date(), on_upgrade)))
    record = canonical_bytes(data).decode("utf-8")
    if len(record) > limits.SEALED_RECORD:
        return len(record)
    pending = rows[-1] if rows and not rows[-1].record_json else None
    seal = pending or t.SessionRevisionRow(session_id=session.id, revision=len(rows) + 1)
    seal.record_json = record
    seal.fingerprint, seal.sealed_at = fingerprint(data), now
    db.add(seal)
    return len(record)


def seal_unsealed(desk) -> list[int]:
    """Seal every closed session that has no sealed record: one closed before sealing existed (a store
    upgraded from the first version, a workspace file of that time imported). Its record is made as of now
    and says "sealed on upgrade, DATE", so from now on its documents and fingerprint never change.
    One transaction (joining the caller's, as import does); returns the ids sealed. A record over
    limits.SEALED_RECORD stays unsealed, so every sealed record fits the backup."""
    sealed_ids = select(t.SessionRevisionRow.session_id).where(t.SessionRevisionRow.record_json.is_not(None))
    with desk.unit.transaction() as db:
        q = select(t.SessionRow).where(t.SessionRow.status == CLOSED, t.SessionRow.id.not_in(sealed_ids))
        return [row.id for row in list(db.execute(q.order_by(t.SessionRow.id)).scalars())
                if _seal(desk, db, convert.session(row), on_upgrade=True) <= limits.SEALED_RECORD]


def _columns(row: t.SessionRevisionRow) -> dict:
    return {c.name: getattr(row, c.name) for c in t.SessionRevisionRow.__table__.columns}


def undo_close(desk, session_id: int, status: SessionStatus) -> dict | None:
    """Undo of closing: the seal just made is taken back and the session has ``status`` again.
    Returns the seal as it was, for ``redo``."""
    sealed = None
    with desk.unit.transaction() as db:
        row = db.get(t.SessionRow, session_id)
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


def reopen_session(desk, session_id: int, reason: str, by: str) -> int:
    """Reopen a closed session for changes: it goes live and starts its next revision, whose record says
    who reopened it, when and why. Returns the new revision's number."""
    problems: list[str] = []
    reason = collect(problems, check_text, reason, "the reason for reopening", limits.TEXT, required=True)
    by = collect(problems, check_line, by, "who reopens it", limits.LEADER_NAME, required=True)
    if problems:
        raise ValidationError(problems)
    with desk.unit.transaction() as db:
        row = db.get(t.SessionRow, session_id)
        if row is None:
            from tension_desk.services.unit import NotFound

            raise NotFound(f"there is no session {session_id}")
        if row.status != CLOSED:
            raise ValidationError([f"the session “{row.title}” is not closed, so there is nothing to reopen"])
        number = len(_rows(db, session_id)) + 1
        db.add(t.SessionRevisionRow(session_id=session_id, revision=number, reopened_at=dt.datetime.now(dt.UTC),
                                    reopened_by=by, reopen_reason=reason))
        row.status = SessionStatus.LIVE.value
        db.add(row)
        return number


def undo_reopen(desk, session_id: int) -> dict | None:
    """Undo of reopening: the revision it started goes, and the session is closed under its last seal.
    Returns that revision as it was, for ``redo``."""
    started = None
    with desk.unit.transaction() as db:
        rows = _rows(db, session_id)
        if rows and not rows[-1].record_json:
            started = _columns(rows[-1])
            db.execute(delete(t.SessionRevisionRow).where(t.SessionRevisionRow.session_id == session_id,
                                                          t.SessionRevisionRow.revision == rows[-1].revision))
        row = db.get(t.SessionRow, session_id)
        row.status = CLOSED
        db.add(row)
    return started


def redo(desk, session_id: int, revision: dict | None, status: SessionStatus) -> None:
    """Redo of closing or reopening, exactly: the revision row ``undo_close`` / ``undo_reopen`` returned
    (same times, same fingerprint), and the session's ``status`` after it."""
    with desk.unit.transaction() as db:
        if revision is not None:
            db.merge(t.SessionRevisionRow(**revision))
        row = db.get(t.SessionRow, session_id)
        row.status = SessionStatus(status).value
        db.add(row)
