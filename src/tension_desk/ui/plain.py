"""User text is shown as plain text: no label or tooltip of the app ever interprets markup in it."""
from __future__ import annotations

import html
import re
from typing import overload

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent, Qt, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy


def plain_label(text: str = "", name: str = "", word_wrap: bool = False) -> QLabel:
    """A label for text that may hold user input (titles, names, statements): always plain text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    label.setWordWrap(word_wrap)
    return label


class ElidedLabel(QLabel):
    """A one-line plain-text label (user text) that asks for its whole text's width but takes what it is given: a
    text too long for it ends with "…", and is whole in its tooltip. A long title never widens the window."""

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._whole = ""

    def whole_text(self) -> str:
        return self._whole

    def set_whole_text(self, text: str) -> None:
        self._whole = text
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._whole) + 2 * self.margin() + 2,
                     super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideRight, room)
        self.setText(shown)
        self.setToolTip(plain_tip(self._whole) if shown != self._whole else "")


def button_text(text: str) -> str:
    """``text`` (which may hold user input) for a button, a check box or an action (a menu item), shown as it
    is: Qt reads "&" there as the mark of an Alt+letter shortcut ("R&D" would show "RD"); "&&" shows one "&"."""
    return text.replace("&", "&&")


def shown_text(text: str) -> str:
    """What a button or an action with ``text`` shows: each "&" shortcut mark dropped, "&&" shown as "&"."""
    return re.sub("&(.)", r"\1", text)


@overload
def plain_tip(text: str) -> str: ...
@overload
def plain_tip(text: None) -> None: ...
def plain_tip(text: str | None) -> str | None:
    """A tooltip showing ``text`` as it is. Qt reads a tooltip as rich text when it looks like markup
    (``Qt.mightBeRichText``), so such a text is escaped inside a known rich form; any other stays as it is."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def limit_length(edit: QPlainTextEdit, limit: int) -> QPlainTextEdit:
    """A multi-line editor stops at ``limit`` characters (a limit of domain/limits.py), as a QLineEdit does
    with setMaxLength: what is typed or pasted past it is cut where it went in, so the text already there
    stays whole. Text set before the call (a stored value) is left as it is."""
    def keep_within() -> None:
        if edit.document().characterCount() - 1 <= limit:  # UTF-16 units, never fewer than characters
            return
        text = edit.toPlainText()
        excess = len(text) - limit
        if excess <= 0:
            return
        cursor = edit.textCursor()
        end = cursor.position()  # in UTF-16 units, as Qt counts
        before = len(text.encode("utf-16-le")[:2 * end].decode("utf-16-le", errors="ignore"))
        start = max(0, before - excess)
        cursor.setPosition(len(text[:start].encode("utf-16-le")) // 2)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if len(edit.toPlainText()) > limit:  # more than what was inserted before the cursor: cut the end
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.setPosition(len(edit.toPlainText()[:limit].encode("utf-16-le")) // 2,
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()

    edit.textChanged.connect(keep_within)
    return edit
