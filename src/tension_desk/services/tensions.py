"""Tensions: two or more priorities that compete, raised in a session and carried on until decided."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession
from sqlmodel import col

from tension_desk.domain.model import Tension, TensionStatus
from tension_desk.domain.validation import ValidationError, validate_statement
from tension_desk.services import sealing
from tension_desk.services.types import ESCALATE_AFTER_SESSIONS as ESCALATE_AFTER_SESSIONS  # defined ORM-free
from tension_desk.services.types import CarriedTension as CarriedTension
from tension_desk.services.types import SessionAgenda as SessionAgenda
from tension_desk.services.types import session_agenda as session_agenda
from tension_desk.services.unit import NotFound, Snapshot, UnitOfWork, add_row, capture, found, get_row
from tension_desk.store import convert
from tension_desk.store import queries as q
from tension_desk.store import tables as t


def _check_priorities(priority_ids: Sequence[int]) -> list[int]:
    ids = sorted(set(priority_ids))
    if len(ids) < 2:
        raise ValidationError(["a tension needs at least two priorities"])
    return ids


def _refuse_off_agenda(db: DbSession, session_id: int, ids: Sequence[int]) -> None:
    """A tension links only priorities on its session's agenda; one line per priority that is not."""
    on_agenda = set(db.execute(select(col(t.AgendaRow.priority_id))
                               .where(col(t.AgendaRow.session_id) == session_id)).scalars())
    elsewhere = q.priorities(db, ids=[pid for pid in ids if pid not in on_agenda])
    if len(on_agenda.intersection(ids)) + len(elsewhere) != len(ids):
        raise NotFound("a priority of this tension no longer exists")
    if elsewhere:
        session = get_row(db, t.SessionRow, session_id)
        raise ValidationError([f"the priority “{p.title}” is not on the agenda of the session "
                               f"“{session.title}”: a tension links only that session's priorities"
                               for p in elsewhere])


class Tensions:
    def __init__(self, unit: UnitOfWork):
        self.unit = unit

    # -- reading ------------------------------------------------------------------------------------
    def of_session(self, session_id: int) -> list[Tension]:
        """The tensions raised in this session."""
        with self.unit.reading() as db:
            return q.tensions(db, session_id)

    def get(self, tension_id: int) -> Tension:
        with self.unit.reading() as db:
            return found(q.tension(db, tension_id), f"there is no tension {tension_id}")

    def agenda(self, session_id: int) -> SessionAgenda:
        """The session's own tensions, open tensions from earlier sessions (with their age), and the
        decisions whose review date has come by this session's date and that nobody has reviewed yet."""
        with self.unit.reading() as db:
            sessions, tensions, decisions = q.sessions(db), q.tensions(db), q.decisions(db)
        return session_agenda(session_id, sessions, tensions, decisions)

    # -- writing ------------------------------------------------------------------------------------
    def add(self, session_id: int, statement: str, priority_ids: Sequence[int]) -> Tension:
        statement = validate_statement(statement)
        ids = _check_priorities(priority_ids)
        with self.unit.transaction() as db:
            get_row(db, t.SessionRow, session_id)
            sealing.refuse_if_closed(db, session_id)
            _refuse_off_agenda(db, session_id, ids)
            row = t.TensionRow(session_id=session_id, statement=statement, status=TensionStatus.OPEN.value)
            tension_id = add_row(db, row)
            for pid in ids:
                db.add(t.TensionPriorityRow(tension_id=tension_id, priority_id=pid))
            return convert.tension(row, tuple(ids))

    def update(self, tension_id: int, statement: str, priority_ids: Sequence[int],
               status: TensionStatus | None = None) -> Tension:
        """Replace a tension's statement and priorities; returns it as it was before."""
        statement = validate_statement(statement)
        ids = _check_priorities(priority_ids)
        with self.unit.transaction() as db:
            before = found(q.tension(db, tension_id), f"there is no tension {tension_id}")
            row = get_row(db, t.TensionRow, tension_id)
            sealing.refuse_if_closed(db, row.session_id)
            _refuse_off_agenda(db, row.session_id, ids)
            row.statement = statement
            if status is not None:
                row.status = TensionStatus(status).value
            db.add(row)
            db.execute(delete(t.TensionPriorityRow).where(col(t.TensionPriorityRow.tension_id) == tension_id))
            for pid in ids:
                db.add(t.TensionPriorityRow(tension_id=tension_id, priority_id=pid))
            return before

    def delete(self, tension_id: int) -> Snapshot:
        """Delete a tension with its links and decision; returns them all, for undo."""
        snap = Snapshot()
        with self.unit.transaction() as db:
            row = get_row(db, t.TensionRow, tension_id)
            sealing.refuse_if_closed(db, row.session_id)
            capture(db, snap, t.TensionRow, col(t.TensionRow.id) == tension_id)
            capture(db, snap, t.TensionPriorityRow, col(t.TensionPriorityRow.tension_id) == tension_id)
            capture(db, snap, t.DecisionRow, col(t.DecisionRow.tension_id) == tension_id)
            db.execute(delete(t.TensionRow).where(col(t.TensionRow.id) == tension_id))
        return snap

    # last, so that ``list`` in the annotations above is still the built-in type
    def list(self) -> list[Tension]:
        """Every tension of every session, by id."""
        with self.unit.reading() as db:
            return q.tensions(db)

