"""What every view needs, built once by app.py and passed down (no globals)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from tension_desk.services.conflicts import Conflict
from tension_desk.services.live import out_of_reach
from tension_desk.services.types import trouble
from tension_desk.ui import commands as cmd
from tension_desk.ui.dialogs.conflict import ConflictDialog
from tension_desk.ui.errors import EXPECTED, Refused, show_error, show_unexpected
from tension_desk.ui.notifier import Notifier

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk
    from tension_desk.ui.live import SaveStatus

Edit = TypeVar("Edit", bound=cmd.DeskCommand)
NOT_SAVED = "the change was not saved"  # what a failed edit did not do, unless its caller says more


def told(exc: BaseException, not_done: str, path: str | None = None) -> BaseException:
    """What to show for a failed edit: a store error as the store's one line (``trouble``: the store at ``path``,
    the driver's words and what did not happen, never SQLAlchemy's statement and link); any other error as it is."""
    reason = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error (ui may not import it)
    return trouble(reason, path, not_done) if isinstance(reason, Exception) else exc


@dataclass
class Context:
    desk: Desk
    notifier: Notifier
    undo_stack: QUndoStack
    saves: SaveStatus | None = None  # the status bar's word on saving (the window sets it)
    # Writes an unexpected error with its traceback to the log and returns the log's path: logs.log_unexpected,
    # given by app.py (ui sits below logs). None: no log, so such an error is told in one line like any other.
    log_unexpected: Callable[[BaseException, str], Path] | None = None

    def run(self, parent: QWidget | None, command_cls: Callable[..., Edit], *args: object,
            not_done: str = NOT_SAVED, failed: Callable[[Exception], None] | None = None,
            **kwargs: object) -> Edit | None:
        """Build, apply and push one undoable edit; on failure show why (and ``not_done``), then hand the error
        to ``failed`` (if given), and return None.
        An edit that could not reach the workspace server stays in the status bar as not saved, with a retry;
        one the store refused (a full disk, a bad value) was told and is over: it is not an unsaved change."""
        try:
            command = command_cls(self.desk, self.notifier, *args, **kwargs)
            return self._push(parent, command)
        except Exception as exc:  # every failure of an edit reaches the user as a message, not a crash
            if out_of_reach(exc) and self.saves is not None:
                self.saves.not_saved(lambda: self.run(parent, command_cls, *args, not_done=not_done, failed=failed,
                                                      **kwargs))
            self._failed(parent, exc, not_done, f"the edit {command_cls.__name__}")
            if failed is not None:
                failed(exc)
            return None

    def _failed(self, parent: QWidget | None, exc: Exception, not_done: str, where: str) -> None:
        """Say why an edit, undo or redo failed: an error the user can act on in one line; any other (a bug)
        goes to the log with its traceback and is shown with the log's path and "Copy details"."""
        shown = told(exc, not_done, self.desk.store_file)
        if isinstance(shown, EXPECTED) or self.log_unexpected is None:
            show_error(parent, shown)
        else:
            show_unexpected(parent, exc, self.log_unexpected(exc, where))

    def _push(self, parent: QWidget | None, command: Edit) -> Edit | None:
        """Apply and push ``command``. If someone else saved the same row first, ask: keep theirs (nothing is
        pushed; the views show theirs) or use mine (the edit applied again, over their version)."""
        while True:
            try:
                return cmd.push(self.undo_stack, command)
            except Conflict as conflict:
                if not ConflictDialog.ask(parent, conflict):
                    command.changed()
                    return None
                command.seen = conflict.version

    def undo(self, parent: QWidget | None) -> bool:
        """Undo the last edit; if the store refuses, say why and leave the stack and the store as they were."""
        return self._step(parent, forward=False)

    def redo(self, parent: QWidget | None) -> bool:
        """Redo the next edit, on the same terms as ``undo``."""
        return self._step(parent, forward=True)

    def _step(self, parent: QWidget | None, forward: bool) -> bool:
        try:
            return cmd.step(self.undo_stack, forward)
        except Conflict as conflict:  # someone else changed the row after this edit: theirs stays
            what = f"{conflict.what[:1].upper()}{conflict.what[1:]}"
            show_error(parent, Refused(f"{what} was changed by someone else since your edit: nothing was "
                                       f"{'redone' if forward else 'undone'}, so their change stays."))
            return False
        except Exception as exc:  # a failed undo/redo is a message; the stack did not move
            self._failed(parent, exc, f"nothing was {'redone' if forward else 'undone'}", "redo" if forward else "undo")
            return False
