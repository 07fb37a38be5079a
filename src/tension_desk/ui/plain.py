"""User text is shown as plain text: no label or tooltip of the app ever interprets markup in it."""
from __future__ import annotations

import html

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel


def plain_label(text: str = "", name: str = "", word_wrap: bool = False) -> QLabel:
    """A label for text that may hold user input (titles, names, statements): always plain text."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    label.setWordWrap(word_wrap)
    return label


def plain_tip(text: str | None) -> str | None:
    """A tooltip showing ``text`` as it is. Qt reads a tooltip as rich text when it looks like markup
    (``Qt.mightBeRichText``), so such a text is escaped inside a known rich form; any other stays as it is."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"
