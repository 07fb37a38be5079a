"""What every tab's controller shares: the context, and the view that shows the session (the dialogs' parent)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from tension_desk.domain.model import Session
from tension_desk.ui.context import NOT_SAVED, Context, Edit


class SessionHost(QWidget):
    """The widget a session's tabs live in; ``session`` is the one on screen (None: none)."""

    session: Session | None = None


class TabController:
    def __init__(self, ctx: Context, host: SessionHost) -> None:
        self.ctx = ctx
        self.host = host

    @property
    def session(self) -> Session | None:
        return self.host.session

    def run(self, command_cls: Callable[..., Edit], *args: object, not_done: str = NOT_SAVED,
            failed: Callable[[Exception], None] | None = None, **kwargs: object) -> Edit | None:
        """One undoable edit through the context; its result, or None when it was refused (already said, and
        handed to ``failed``)."""
        return self.ctx.run(self.host, command_cls, *args, not_done=not_done, failed=failed, **kwargs)
