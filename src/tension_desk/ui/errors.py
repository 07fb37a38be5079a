"""The one place that shows an error or asks for confirmation (tests replace ``ask_*``)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tension_desk.domain.validation import ValidationError


def describe(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        problems = exc.problems
        if len(problems) == 1:
            return problems[0][:1].upper() + problems[0][1:] + "."
        return "Please fix these:\n" + "\n".join(f"• {p}" for p in problems)
    text = str(exc) or type(exc).__name__
    return text[:1].upper() + text[1:]


class Prompts:
    """Modal questions. Tests swap these static methods for answers so no dialog ever blocks."""

    @staticmethod
    def show_error(parent: QWidget | None, exc: BaseException, title: str = "Tension Desk") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, describe(exc), QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    @staticmethod
    def confirm(parent: QWidget | None, title: str, text: str, action: str = "Delete") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    Prompts.show_error(parent, exc)


def confirm(parent: QWidget | None, title: str, text: str, action: str = "Delete") -> bool:
    return Prompts.confirm(parent, title, text, action)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    return Prompts.ask_text(parent, title, label, text)


def _ask_text(parent, title, label, text=""):
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


Prompts.ask_text = staticmethod(_ask_text)
