"""Sessions: the monthly meetings, each with its agenda, criteria weights, tensions and decisions."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession
from sqlmodel import col

from tension_desk.domain.model import PriorityStatus, Session, SessionStatus
from tension_desk.domain.quarters import normalise_quarter, quarter_of
from tension_desk.domain.validation import validate_notes, validate_session_title
from tension_desk.services import conflicts
from tension_desk.services.unit import Snapshot, UnitOfWork, add_row, capture, capture_changed, found
from tension_desk.store import convert
from tension_desk.store import queries as q
from tension_desk.store import tables as t
from tension_desk.store.queries import SessionSnapshot

__all__ = ["CARRIED_STATUSES", "SessionSnapshot", "Sessions"]  # SessionSnapshot: the UI takes the type from here

# A priority on an earlier session's agenda comes along to the next one while it is still open.
CARRIED_STATUSES = (PriorityStatus.PROPOSED.value, PriorityStatus.DEFERRED.value)


class Sessions:
    def __init__(self, unit: UnitOfWork, check_update: Callable[[DbSession, t.SessionRow, Session], None]):
        """``check_update`` runs in ``update``'s transaction once the row is changed (sealing: a closed
        session refuses the change; a session being closed has its record sealed)."""
        self.unit = unit
        self._check_update = check_update

    def get(self, session_id: int) -> Session:
        with self.unit.reading() as db:
            return found(q.session(db, session_id), f"there is no session {session_id}")

    def open(self, session_id: int) -> SessionSnapshot:
        """The session with everything its view shows, read at once (five statements, in one read)."""
        with self.unit.reading() as db:
            return found(q.session_snapshot(db, session_id), f"there is no session {session_id}")

    def create(self, title: str, date: dt.date, quarter: str | None = None,
               carry_priorities_from: int | None = None) -> Session:
        title = validate_session_title(title)
        quarter = normalise_quarter(quarter) if quarter else quarter_of(date)
        with self.unit.transaction() as db:
            row = t.SessionRow(title=title, date=date, quarter=quarter, status=SessionStatus.DRAFT.value)
            sid = add_row(db, row)
            for pos, c in enumerate(q.criteria(db)):
                db.add(t.SessionCriterionRow(session_id=sid, criterion_id=c.id, weight=c.weight, position=pos))
            if carry_priorities_from is not None:
                agenda = db.execute(select(t.AgendaRow, col(t.PriorityRow.status))
                                    .join(t.PriorityRow, col(t.PriorityRow.id) == col(t.AgendaRow.priority_id))
                                    .where(col(t.AgendaRow.session_id) == carry_priorities_from)).all()
                for a, status in agenda:
                    if status in CARRIED_STATUSES:
                        db.add(t.AgendaRow(session_id=sid, priority_id=a.priority_id, position=a.position))
            return convert.session(row)

    def update(self, session_id: int, *, title: str | None = None, date: dt.date | None = None,
               quarter: str | None = None, status: SessionStatus | None = None,
               notes: str | None = None, seen: int | None = None) -> Session:
        """Change some fields; returns the session as it was before (for undo). ``seen`` is the version the user
        edited: a Conflict if someone else changed the session since."""
        yours = {"notes": validate_notes(notes)} if notes is not None else {}

        def conflict() -> conflicts.Conflict:
            theirs = self.get(session_id)
            return conflicts.Conflict(f"the session “{theirs.title}”", theirs, yours, theirs.version)

        with conflicts.guard(conflict), self.unit.transaction() as db:
            row = found(db.get(t.SessionRow, session_id), f"there is no session {session_id}")
            conflicts.check(seen, row.version, conflict)
            before = convert.session(row)
            if title is not None:
                row.title = validate_session_title(title)
            if date is not None:
                row.date = date
            if quarter is not None:
                row.quarter = normalise_quarter(quarter)
            if status is not None:
                row.status = SessionStatus(status).value
            if notes is not None:
                row.notes = yours["notes"]
            self._check_update(db, row, before)
            db.add(row)
            return before

    def delete(self, session_id: int) -> Snapshot:
        """Delete a session with its agenda, tensions, scores and decisions, and the priorities that are on
        no other session's agenda. Returns every row removed, for undo."""
        snap = Snapshot()
        with self.unit.transaction() as db:
            found(db.get(t.SessionRow, session_id), f"there is no session {session_id}")
            agenda_pid, agenda_sid = col(t.AgendaRow.priority_id), col(t.AgendaRow.session_id)
            own = select(agenda_pid).where(agenda_sid == session_id)
            shared = select(agenda_pid).where(agenda_sid != session_id)
            orphan_ids = list(db.execute(own.where(agenda_pid.not_in(shared))).scalars())
            tension_ids = select(col(t.TensionRow.id)).where(col(t.TensionRow.session_id) == session_id)
            capture(db, snap, t.SessionRow, col(t.SessionRow.id) == session_id)
            capture(db, snap, t.PriorityRow, col(t.PriorityRow.id).in_(orphan_ids))
            capture(db, snap, t.SessionCriterionRow, col(t.SessionCriterionRow.session_id) == session_id)
            capture(db, snap, t.SessionRevisionRow, col(t.SessionRevisionRow.session_id) == session_id)
            capture(db, snap, t.SessionStepRow, col(t.SessionStepRow.session_id) == session_id)
            capture(db, snap, t.AgendaRow, (agenda_sid == session_id) | agenda_pid.in_(orphan_ids))
            capture(db, snap, t.TensionRow, col(t.TensionRow.session_id) == session_id)
            capture(db, snap, t.TensionPriorityRow, col(t.TensionPriorityRow.tension_id).in_(tension_ids)
                    | col(t.TensionPriorityRow.priority_id).in_(orphan_ids))
            capture(db, snap, t.ScoreRow,
                    (col(t.ScoreRow.session_id) == session_id) | col(t.ScoreRow.priority_id).in_(orphan_ids))
            deleted = (col(t.DecisionRow.session_id) == session_id) | col(t.DecisionRow.tension_id).in_(tension_ids)
            capture(db, snap, t.DecisionRow, deleted)
            # decisions of other sessions reviewed in this one stay, but lose that link
            capture_changed(db, snap, t.DecisionRow,
                            (col(t.DecisionRow.reviewed_in_session_id) == session_id) & ~deleted)
            db.execute(delete(t.PriorityRow).where(col(t.PriorityRow.id).in_(orphan_ids)))
            db.execute(delete(t.SessionRow).where(col(t.SessionRow.id) == session_id))
        return snap

    # last, so that ``list`` in the annotations above is still the built-in type
    def list(self) -> list[Session]:
        """Every session, newest first."""
        with self.unit.reading() as db:
            return q.sessions(db)

