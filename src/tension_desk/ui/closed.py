"""A closed session takes no edits (its record is sealed) until it is reopened: one source for whether a session
takes them, and one way for an action that edits it to say so (disabled, its tooltip saying to reopen it) rather
than to refuse the click."""
from __future__ import annotations

from PySide6.QtGui import QAction

from tension_desk.domain.model import Session, SessionStatus

OPEN_TIP = "open_tip"  # the property an action keeps its own tooltip in, for when the session is reopened


def is_closed(session: Session | None) -> bool:
    """Whether ``session`` is closed: its record sealed, it refuses edits until it is reopened."""
    return session is not None and session.status is SessionStatus.CLOSED


def reopen_to(change: str) -> str:
    """What a control that would ``change`` a closed session says (as 'Scoring as' and the notes say it)."""
    return f"This session is closed: reopen it to change {change}"


def offer(action: QAction, applies: bool, closed: bool, change: str) -> None:
    """Enable ``action`` where it ``applies`` and the session is not ``closed``; on a closed session its tooltip
    says to reopen the session to ``change`` what it edits, and its own tooltip comes back once it is reopened."""
    own = action.property(OPEN_TIP)
    if own is None:
        own = action.toolTip()
        action.setProperty(OPEN_TIP, own)
    action.setEnabled(applies and not closed)
    action.setToolTip(reopen_to(change) if closed else str(own))
