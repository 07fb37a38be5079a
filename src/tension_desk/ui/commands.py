"""Every user edit is a QUndoCommand that calls the services and nothing else.

A command is applied once *before* it is pushed (``push``), so a validation error reaches the user and
leaves the undo stack untouched; QUndoStack's own first ``redo()`` is then skipped. Undo and redo work the
same way (``step``): the command is reverted or applied first, and the stack moves only when that worked.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypedDict, TypeVar, Unpack

from PySide6.QtGui import QUndoCommand, QUndoStack

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Criterion, Leader, Priority, PriorityDraft, Session, SessionStatus, Side, Tension
from tension_desk.domain.script import StepKind
from tension_desk.services.conflicts import written
from tension_desk.services.types import Change, DecisionDraft, PlanChange, ReviewState, Snapshot
from tension_desk.ui.notifier import Notifier
from tension_desk.ui.plain import button_text

if TYPE_CHECKING:
    from tension_desk.services import sample, script, sealing
    from tension_desk.services.desk import Desk

T = TypeVar("T")


class SessionFields(TypedDict, total=False):
    """The fields of a session an edit may change (``Sessions.update``)."""

    title: str
    date: dt.date
    quarter: str
    status: SessionStatus
    notes: str


def applied(value: T | None) -> T:
    """What an edit's apply recorded (an id, the row as it was), for its revert: revert only ever follows apply."""
    if value is None:
        raise RuntimeError("an edit was undone before it was done")
    return value


class DeskCommand(QUndoCommand):
    def __init__(self, desk: Desk, notifier: Notifier, text: str) -> None:
        super().__init__()
        self.setText(text)
        self.desk = desk
        self.notifier = notifier
        self._done = False  # the stack's next redo()/undo() call finds its work already done (push, step)

    def setText(self, text: str) -> None:
        """Name the edit. The Undo and Redo menu items show it with each "&" doubled (``actionText``: a title like
        "R&D budget" stays whole there, with no Alt+D); ``text()`` is the name as it is."""
        text = " ".join(text.splitlines())  # QUndoCommand splits at a line break: name, then the menu's text
        super().setText(f"{text}\n{button_text(text)}")

    # subclasses implement these two
    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._take_done():
            self.apply()

    def undo(self) -> None:
        if not self._take_done():
            self.revert()

    def _take_done(self) -> bool:
        done, self._done = self._done, False
        return done

    def run_ahead(self, forward: bool = True) -> None:
        """Apply (``forward``) or revert now, before the stack moves: errors propagate and the stack stays; the
        stack's own next redo() or undo() then finds this work done."""
        self.apply() if forward else self.revert()
        self._done = True

    # An edit of one row in place names the version of that row it edits (``seen``: the one the user saw,
    # then the one its last apply or revert wrote), so the store refuses it when someone else changed the
    # row in between (services/conflicts.py); "use mine" sets it to theirs. None: no check.
    seen: int | None = None

    def changed(self) -> None:
        """Tell the views to show the row as the store has it (this edit was refused: theirs is kept)."""


Edit = TypeVar("Edit", bound=DeskCommand)


def push(stack: QUndoStack, command: Edit) -> Edit:
    """Apply ``command`` (errors propagate, nothing is pushed) and put it on the undo stack."""
    command.run_ahead()
    stack.push(command)
    return command


def step(stack: QUndoStack, forward: bool) -> bool:
    """Redo (``forward``) or undo one edit. The command's apply/revert runs first and its errors propagate
    with the stack where it was; only then does the stack move, without running the command again."""
    at = stack.index() if forward else stack.index() - 1
    if not 0 <= at < stack.count():
        return False
    command = stack.command(at)
    if not isinstance(command, DeskCommand):
        raise TypeError(f"the undo stack holds {type(command).__name__}, not an edit of the desk")
    command.run_ahead(forward)
    stack.redo() if forward else stack.undo()
    return True


class SetLeaders(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, product: Leader, engineering: Leader) -> None:
        super().__init__(desk, notifier, "Set the leaders")
        self.product, self.engineering = product, engineering
        self.change: Change | None = None

    def apply(self) -> None:
        if self.change is None:
            self.change = self.desk.workspace.set_leaders(self.product, self.engineering)
        else:
            self.desk.workspace.replace(self.change.after)
        self.notifier.leaders_changed.emit()
        self.notifier.criteria_changed.emit()

    def revert(self) -> None:
        self.desk.workspace.replace(applied(self.change).before)
        self.notifier.leaders_changed.emit()
        self.notifier.criteria_changed.emit()


class CreateSession(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, title: str, date: dt.date, quarter: str | None = None,
                 carry_from: int | None = None) -> None:
        super().__init__(desk, notifier, f"New session “{title}”")
        self.args = (title, date, quarter, carry_from)
        self.session_id: int | None = None
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            title, date, quarter, carry_from = self.args
            self.session_id = self.desk.sessions.create(title, date, quarter, carry_priorities_from=carry_from).id
        else:
            self.desk.workspace.restore(self.snapshot)
        self.notifier.sessions_changed.emit()

    def revert(self) -> None:
        self.snapshot = self.desk.sessions.delete(applied(self.session_id))
        self.notifier.sessions_changed.emit()


class UpdateSession(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, text: str = "Edit session",
                 **fields: Unpack[SessionFields]) -> None:
        super().__init__(desk, notifier, text)
        self.session_id, self.fields = session_id, fields
        self.before: Session | None = None

    def apply(self) -> None:
        self.before = self.desk.sessions.update(self.session_id, **self.fields)
        self.notifier.sessions_changed.emit()

    def revert(self) -> None:
        b = applied(self.before)
        self.desk.sessions.update(self.session_id, title=b.title, date=b.date, quarter=b.quarter,
                                 status=SessionStatus(b.status), notes=b.notes)
        self.notifier.sessions_changed.emit()


class CloseSession(DeskCommand):
    """Close a session: its record is sealed (services/sealing.py). Undo takes the seal back."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, title: str) -> None:
        super().__init__(desk, notifier, f"Close session “{title}”")
        self.session_id = session_id
        self.before: Session | None = None
        self.sealed: sealing.RevisionRow | None = None
        self.undone = False

    def apply(self) -> None:
        from tension_desk.services import sealing  # imports the ORM: not before the first write

        if not self.undone:
            self.before = self.desk.sessions.update(self.session_id, status=SessionStatus.CLOSED)
        else:  # redo: the very seal undo took back
            sealing.redo(self.desk, self.session_id, self.sealed, SessionStatus.CLOSED)
        self.notifier.sessions_changed.emit()

    def revert(self) -> None:
        from tension_desk.services import sealing  # imports the ORM: not before the first write

        self.sealed = sealing.undo_close(self.desk, self.session_id, applied(self.before).status)
        self.undone = True
        self.notifier.sessions_changed.emit()


class ReopenSession(DeskCommand):
    """Reopen a closed session with a reason: its next revision starts. Undo closes it under its last seal."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, title: str, reason: str, by: str) -> None:
        super().__init__(desk, notifier, f"Reopen session “{title}”")
        self.session_id, self.reason, self.by = session_id, reason, by
        self.started: sealing.RevisionRow | None = None
        self.undone = False

    def apply(self) -> None:
        from tension_desk.services import sealing  # imports the ORM: not before the first write

        if not self.undone:
            sealing.reopen_session(self.desk, self.session_id, self.reason, self.by)
        else:  # redo: the very revision undo took back
            sealing.redo(self.desk, self.session_id, self.started, SessionStatus.LIVE)
        self.notifier.sessions_changed.emit()

    def revert(self) -> None:
        from tension_desk.services import sealing  # imports the ORM: not before the first write

        self.started = sealing.undo_reopen(self.desk, self.session_id)
        self.undone = True
        self.notifier.sessions_changed.emit()


class DeleteSession(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, title: str) -> None:
        super().__init__(desk, notifier, f"Delete session “{title}”")
        self.session_id = session_id
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.desk.sessions.delete(self.session_id)
        self.notifier.sessions_changed.emit()

    def revert(self) -> None:
        self.desk.workspace.restore(applied(self.snapshot))
        self.notifier.sessions_changed.emit()


class AddPriorities(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, drafts: Sequence[PriorityDraft],
                 text: str | None = None) -> None:
        one = len(drafts) == 1
        super().__init__(desk, notifier,
                         text or (f"Add “{drafts[0].title}”" if one else f"Add {len(drafts)} priorities"))
        self.session_id, self.drafts = session_id, list(drafts)
        self.added: list[Priority] = []
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.added = self.desk.priorities.add_many(self.session_id, self.drafts)
        else:
            self.desk.workspace.restore(self.snapshot)
        self.notifier.agenda_changed.emit(self.session_id)

    def revert(self) -> None:
        self.snapshot = self.desk.priorities.delete_many([p.id for p in self.added])
        self.notifier.agenda_changed.emit(self.session_id)
        self.notifier.tensions_changed.emit(self.session_id)


class EditPriority(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, priority_id: int, draft: PriorityDraft,
                 seen: int | None = None) -> None:
        super().__init__(desk, notifier, f"Edit “{draft.title}”")
        self.session_id, self.priority_id, self.draft, self.seen = session_id, priority_id, draft, seen
        self.before: Priority | None = None

    def apply(self) -> None:
        self.before = self.desk.priorities.update(self.priority_id, self.draft, seen=self.seen)
        self.seen = written(self.before.version)
        self.changed()

    def revert(self) -> None:
        undone = self.desk.priorities.update(self.priority_id, PriorityDraft.of(applied(self.before)), seen=self.seen)
        self.seen = written(undone.version)
        self.changed()

    def changed(self) -> None:
        self.notifier.agenda_changed.emit(self.session_id)
        self.notifier.tensions_changed.emit(self.session_id)


class DeletePriority(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, priority: Priority) -> None:
        super().__init__(desk, notifier, f"Delete “{priority.title}”")
        self.session_id, self.priority_id = session_id, priority.id
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.desk.priorities.delete(self.priority_id)
        self.notifier.agenda_changed.emit(self.session_id)
        self.notifier.tensions_changed.emit(self.session_id)

    def revert(self) -> None:
        self.desk.workspace.restore(applied(self.snapshot))
        self.notifier.agenda_changed.emit(self.session_id)
        self.notifier.tensions_changed.emit(self.session_id)


class ReorderSide(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, side: Side, order: Sequence[int],
                 text: str = "Reorder") -> None:
        super().__init__(desk, notifier, text)
        self.session_id, self.side, self.order = session_id, side, list(order)
        self.before: list[int] = []

    def apply(self) -> None:
        self.before = self.desk.priorities.set_side_order(self.session_id, self.side, self.order)
        self.notifier.agenda_changed.emit(self.session_id)

    def revert(self) -> None:
        self.desk.priorities.set_side_order(self.session_id, self.side, self.before)
        self.notifier.agenda_changed.emit(self.session_id)


class AddTension(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, statement: str,
                 priority_ids: Sequence[int]) -> None:
        super().__init__(desk, notifier, "Add tension")
        self.session_id, self.statement, self.priority_ids = session_id, statement, list(priority_ids)
        self.tension_id: int | None = None
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.tension_id = self.desk.tensions.add(self.session_id, self.statement, self.priority_ids).id
        else:
            self.desk.workspace.restore(self.snapshot)
        self.notifier.tensions_changed.emit(self.session_id)

    def revert(self) -> None:
        self.snapshot = self.desk.tensions.delete(applied(self.tension_id))
        self.notifier.tensions_changed.emit(self.session_id)


class EditTension(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, tension_id: int, statement: str,
                 priority_ids: Sequence[int]) -> None:
        super().__init__(desk, notifier, "Edit tension")
        self.session_id, self.tension_id = session_id, tension_id
        self.statement, self.priority_ids = statement, list(priority_ids)
        self.before: Tension | None = None

    def apply(self) -> None:
        self.before = self.desk.tensions.update(self.tension_id, self.statement, self.priority_ids)
        self.notifier.tensions_changed.emit(self.session_id)

    def revert(self) -> None:
        b = applied(self.before)
        self.desk.tensions.update(self.tension_id, b.statement, b.priority_ids, b.status)
        self.notifier.tensions_changed.emit(self.session_id)


class DeleteTension(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, tension_id: int) -> None:
        super().__init__(desk, notifier, "Delete tension")
        self.session_id, self.tension_id = session_id, tension_id
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.desk.tensions.delete(self.tension_id)
        self.notifier.tensions_changed.emit(self.session_id)

    def revert(self) -> None:
        self.desk.workspace.restore(applied(self.snapshot))
        self.notifier.tensions_changed.emit(self.session_id)


class SetScore(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, priority_id: int, criterion_id: int, role: Side,
                 value: int | None) -> None:
        super().__init__(desk, notifier, "Clear score" if value is None else f"Score {value}")
        self.key = (session_id, priority_id, criterion_id, Side(role))
        self.value = value
        self.before: int | None = None

    def _set(self, value: int | None) -> int | None:
        session_id, priority_id, criterion_id, role = self.key
        previous = self.desk.scoring.set_score(session_id, priority_id, criterion_id, role, value)
        self.notifier.score_changed.emit(session_id, priority_id, criterion_id, role.value)
        return previous

    def apply(self) -> None:
        self.before = self._set(self.value)

    def revert(self) -> None:
        self._set(self.before)


class AddSample(DeskCommand):
    """Add the sample workspace; undo removes exactly what it added, redo puts the same rows back."""

    def __init__(self, desk: Desk, notifier: Notifier) -> None:
        super().__init__(desk, notifier, "Add the sample workspace")
        self.session_ids: list[int] = []
        self.added: sample.AddedSample | None = None
        self.removed: sample.RemovedSample | None = None

    def apply(self) -> None:
        from tension_desk.services import sample  # imports the ORM: not before the first write

        if self.removed is None:
            self.added = sample.add(self.desk)
            self.session_ids = self.added.session_ids
        else:
            sample.put_back_sample(self.desk, self.removed)
        self._changed()

    def revert(self) -> None:
        from tension_desk.services import sample  # imports the ORM: not before the first write

        self.removed = sample.remove_sample(self.desk, applied(self.added))
        self._changed()

    def _changed(self) -> None:
        for signal in (self.notifier.sessions_changed, self.notifier.leaders_changed,  # sessions first: a view
                       self.notifier.criteria_changed, self.notifier.capacity_changed,  # leaves a removed one
                       self.notifier.decisions_changed):
            signal.emit()


class SetScoringState(DeskCommand):
    """Start or finish a blind turn, reveal, or restart blind scoring."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, state: ScoringState, text: str) -> None:
        super().__init__(desk, notifier, text)
        self.session_id, self.state = session_id, state
        self.before: ScoringState | None = None

    def apply(self) -> None:
        self.before = self.desk.scoring.set_state(self.session_id, self.state)
        self.notifier.scoring_changed.emit(self.session_id)

    def revert(self) -> None:
        self.desk.scoring.set_state(self.session_id, applied(self.before))
        self.notifier.scoring_changed.emit(self.session_id)


class SetSeatDone(DeskCommand):
    """On a shared workspace, a leader on their own laptop is done scoring blind (the second done reveals)."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, side: Side) -> None:
        super().__init__(desk, notifier, f"{side.label} leader done scoring")
        self.session_id, self.side = session_id, side
        self.before: ScoringState | None = None

    def apply(self) -> None:
        self.before = self.desk.seats.set_done(self.session_id, self.side)
        self.notifier.scoring_changed.emit(self.session_id)

    def revert(self) -> None:
        self.desk.seats.undo_done(self.session_id, self.side, applied(self.before))
        self.notifier.scoring_changed.emit(self.session_id)


class SetSessionWeight(DeskCommand):
    """Change the agreed weight of a criterion in one session, or one leader's own weight (lens)."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, criterion_id: int, weight: float | None,
                 lens: Side | None, text: str, seen: int | None = None) -> None:
        super().__init__(desk, notifier, text)
        self.args = (session_id, criterion_id)
        self.weight, self.lens, self.seen = weight, lens, seen
        self.before: float | None = None  # None: no weight of its own (a lens follows the agreed one)

    def apply(self) -> None:
        self.before = self.desk.scoring.set_weight(*self.args, self.weight, self.lens, seen=self.seen)
        self._wrote()

    def revert(self) -> None:
        self.desk.scoring.set_weight(*self.args, self.before, self.lens, seen=self.seen)
        self._wrote()

    def _wrote(self) -> None:
        self.seen = None if self.seen is None else written(self.seen)
        self.changed()

    def changed(self) -> None:
        self.notifier.scoring_changed.emit(self.args[0])

    def id(self) -> int:
        return 7001

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing several steps into one weight box is one edit."""
        if not isinstance(other, SetSessionWeight) or (other.args, other.lens) != (self.args, self.lens):
            return False
        self.weight, self.seen = other.weight, other.seen
        return True


class SaveCriterion(DeskCommand):
    """Add a workspace criterion (``criterion.id`` 0) or change one."""

    def __init__(self, desk: Desk, notifier: Notifier, criterion: Criterion, text: str) -> None:
        super().__init__(desk, notifier, text)
        self.criterion = criterion
        self.before: Criterion | None = None
        self.added_id: int | None = None
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        if self.criterion.id == 0 and self.added_id is None:
            self.added_id = self.desk.criteria.add(self.criterion).id
        elif self.criterion.id == 0:
            self.desk.workspace.restore(applied(self.snapshot))
        else:
            self.before = self.desk.criteria.update(self.criterion)
        self.notifier.criteria_changed.emit()

    def revert(self) -> None:
        if self.criterion.id == 0:
            self.snapshot = self.desk.criteria.delete(applied(self.added_id))
        else:
            self.desk.criteria.update(applied(self.before))
        self.notifier.criteria_changed.emit()


class RemoveCriterion(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, criterion_id: int, name: str) -> None:
        super().__init__(desk, notifier, f"Remove criterion “{name}”")
        self.criterion_id = criterion_id
        self.snapshot: Snapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.desk.criteria.remove(self.criterion_id)
        self.notifier.criteria_changed.emit()

    def revert(self) -> None:
        self.desk.criteria.unarchive(self.criterion_id, applied(self.snapshot))
        self.notifier.criteria_changed.emit()


class TakeDecision(DeskCommand):
    """Decide a tension: the decision (with its frozen evidence) and the priorities accepted or deferred."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, tension_id: int, draft: DecisionDraft,
                 accept: Sequence[int], defer: Sequence[int], quarter: str) -> None:
        super().__init__(desk, notifier, "Take decision")
        self.session_id, self.tension_id, self.draft = session_id, tension_id, draft
        self.accept, self.defer, self.quarter = list(accept), list(defer), quarter
        self.decision_id: int | None = None
        self.before: list[Priority] = []
        self.saved: dict[str, object] | None = None

    def _emit(self) -> None:
        self.notifier.tensions_changed.emit(self.session_id)
        self.notifier.agenda_changed.emit(self.session_id)
        self.notifier.decisions_changed.emit()

    def apply(self) -> None:
        if self.saved is None:
            decision, self.before = self.desk.decisions.take(self.session_id, self.tension_id, self.draft,
                                                            self.accept, self.defer, self.quarter)
            self.decision_id = decision.id
        else:
            self.desk.decisions.redo(self.saved, self.accept, self.defer, self.quarter)
        self._emit()

    def revert(self) -> None:
        self.saved = self.desk.decisions.undo(applied(self.decision_id), self.before)
        self._emit()


class EditDecision(DeskCommand):
    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, decision_id: int, draft: DecisionDraft,
                 seen: int | None = None) -> None:
        super().__init__(desk, notifier, "Edit decision")
        self.session_id, self.decision_id, self.draft, self.seen = session_id, decision_id, draft, seen
        self.before: DecisionDraft | None = None

    def apply(self) -> None:
        before = self.desk.decisions.update(self.decision_id, self.draft, seen=self.seen)
        self.before, self.seen = DecisionDraft.of(before), written(before.version)
        self.changed()

    def revert(self) -> None:
        self.seen = written(self.desk.decisions.update(self.decision_id, applied(self.before), seen=self.seen).version)
        self.changed()

    def changed(self) -> None:
        self.notifier.tensions_changed.emit(self.session_id)
        self.notifier.decisions_changed.emit()


class ReviewDecision(DeskCommand):
    """Answer "did it hold?" for a decision under review."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, decision_id: int,
                 outcome: str | None) -> None:
        super().__init__(desk, notifier, f"Review decision: {outcome or 'not reviewed'}")
        self.session_id, self.decision_id, self.outcome = session_id, decision_id, outcome
        self.before: ReviewState | None = None

    def apply(self) -> None:
        self.before = self.desk.decisions.review(self.decision_id, self.outcome, self.session_id)
        self.notifier.tensions_changed.emit(self.session_id)
        self.notifier.decisions_changed.emit()

    def revert(self) -> None:
        self.desk.decisions.restore_review(self.decision_id, applied(self.before))
        self.notifier.tensions_changed.emit(self.session_id)
        self.notifier.decisions_changed.emit()


class SetCapacityPlan(DeskCommand):
    """Create or change a quarter's split (kept in the ledger with its reason)."""

    def __init__(self, desk: Desk, notifier: Notifier, quarter: str, total_weeks: float, product_share: float,
                 engineering_share: float, reason: str, reviewed_on: dt.date | None = None, note: str = "") -> None:
        super().__init__(desk, notifier, f"Capacity plan {quarter}")
        self.args = (quarter, total_weeks, product_share, engineering_share, reason, reviewed_on, note)
        self.change: PlanChange | None = None

    def apply(self) -> None:
        if self.change is None:
            self.change = self.desk.capacity.set_plan(*self.args)
        else:
            self.desk.capacity.redo(self.change)
        self.notifier.capacity_changed.emit()

    def revert(self) -> None:
        self.desk.capacity.undo(applied(self.change))
        self.notifier.capacity_changed.emit()


class SetPriorityStatuses(DeskCommand):
    """Change the status (and quarter) of several priorities at once, e.g. defer the suggested items."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int | None,
                 changes: Sequence[tuple[int, PriorityDraft]], text: str) -> None:
        super().__init__(desk, notifier, text)
        self.session_id, self.changes = session_id, list(changes)
        self.before: list[Priority] = []

    def _emit(self) -> None:
        if self.session_id is not None:
            self.notifier.agenda_changed.emit(self.session_id)
        self.notifier.capacity_changed.emit()

    def apply(self) -> None:
        self.before = self.desk.priorities.update_many(self.changes)
        self._emit()

    def revert(self) -> None:
        self.desk.priorities.update_many([(p.id, PriorityDraft.of(p)) for p in reversed(self.before)])
        self._emit()


class SetSessionNotes(DeskCommand):
    """The session's notes; typing in one go is one edit (mergeWith)."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, notes: str,
                 seen: int | None = None) -> None:
        super().__init__(desk, notifier, "Edit notes")
        self.session_id, self.notes, self.seen = session_id, notes, seen
        self.before: str | None = None

    def apply(self) -> None:
        previous = self.desk.sessions.update(self.session_id, notes=self.notes, seen=self.seen)
        if self.before is None:
            self.before = previous.notes
        self.seen = written(previous.version)
        self.notifier.notes_changed.emit(self.session_id)

    def revert(self) -> None:
        self.seen = written(self.desk.sessions.update(self.session_id, notes=self.before, seen=self.seen).version)
        self.notifier.notes_changed.emit(self.session_id)

    def changed(self) -> None:
        self.notifier.notes_changed.emit(self.session_id)

    def id(self) -> int:
        return 7002

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetSessionNotes) or other.session_id != self.session_id:
            return False
        self.notes, self.seen = other.notes, other.seen
        return True


class SetStepMinutes(DeskCommand):
    """One step's time box in the session script; stepping a spin box through values is one edit."""

    def __init__(self, desk: Desk, notifier: Notifier, session_id: int, kind: StepKind | str, minutes: int) -> None:
        step = StepKind(kind)
        super().__init__(desk, notifier, f"Set the time box of {step.label} to {minutes} min")
        self.session_id, self.kind, self.minutes = session_id, step, minutes
        self.before: script.StepRows | None = None  # the session's step rows before the first of merged edits

    def apply(self) -> None:
        from tension_desk.services import script  # imports the ORM: not before the first write

        previous = script.change_minutes(self.desk, self.session_id, self.kind, self.minutes)
        if self.before is None:
            self.before = previous
        self.notifier.script_changed.emit(self.session_id)

    def revert(self) -> None:
        from tension_desk.services import script  # imports the ORM: not before the first write

        script.put_rows(self.desk, applied(self.before))
        self.notifier.script_changed.emit(self.session_id)

    def id(self) -> int:
        return 7003

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetStepMinutes) or (other.session_id, other.kind) != (self.session_id, self.kind):
            return False
        self.minutes = other.minutes
        self.setText(other.text())
        return True
