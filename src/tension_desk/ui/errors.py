"""The one place that shows an error or asks for confirmation (tests replace ``ask_*``)."""
from __future__ import annotations

import sqlite3
import traceback
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.validation import ValidationError
from tension_desk.services.conflicts import Conflict
from tension_desk.services.types import NotFound, StoreError, trouble


class Refused(Exception):
    """An edit the store refused (a full disk, a read-only file), told in one line."""


EXPECTED: tuple[type[Exception], ...] = (ValueError, NotFound, Conflict, Refused, StoreError, OSError,
                                         OverflowError, MemoryError)
"""Errors the user can act on, told in one line (a bad value, a row gone, a store that refused). Any other
error is a bug: it is logged with its traceback and shown with the log's path (``show_unexpected``)."""


def store_trouble(exc: BaseException, path: str | None = None) -> Exception | None:
    """What to tell of an error a read of the store at ``path`` met that the user can act on: the store moved
    away, replaced by a file that is not a store, or locked since it was opened (the store's one line,
    ``trouble``). None: the error is not the store's."""
    reason = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error (ui may not import it)
    if isinstance(reason, Exception):
        exc = reason
    if type(exc) in (sqlite3.DatabaseError, sqlite3.OperationalError):  # not a bug's (ProgrammingError…)
        return trouble(exc, path)
    return exc if isinstance(exc, StoreError | OSError) else None


_telling: list[Exception] = []  # the store's trouble waiting to be told, or on screen


def tell_uncaught(exc: BaseException, log_path: Path | str) -> None:
    """The excepthook's word on an error no caller caught (a read in a slot: a session opened from the list, a tab
    shown for the first time, a live refresh, the window's state): the store's one line when the store is the
    trouble (``store_trouble``), else the unexpected-error dialog. The window stays as it was before the read.

    The line is told once the slots that met it have run, and once: a change reported to every view makes each
    read, each meets the same store (in words of its own: the live watcher's connection, a read), and one line
    says it; while it is on screen, more of the same is not told again."""
    line = store_trouble(exc)
    if line is None:
        show_unexpected(None, exc, log_path)
        return
    tell_store_trouble(line)


def tell_store_trouble(line: Exception) -> None:
    """The store's one line (``store_trouble``), told once the slots that met it have run, and once while it is
    on screen (see ``tell_uncaught``)."""
    if _telling:
        return
    _telling.append(line)

    def tell() -> None:
        try:
            show_error(QApplication.activeWindow(), line)
        finally:
            _telling.clear()

    QTimer.singleShot(0, tell)


def describe(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        problems = exc.problems
        if len(problems) == 1:
            return problems[0][:1].upper() + problems[0][1:] + "."
        return "Please fix these:\n" + "\n".join(f"• {p}" for p in problems)
    text = str(exc) or type(exc).__name__
    return text[:1].upper() + text[1:]


def details(exc: BaseException) -> str:
    """The exception's type, message and traceback, for a bug report."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class ErrorDialog(QDialog):
    """An unexpected error: what happened, where the log is, and a button that copies the details."""

    def __init__(self, parent: QWidget | None, exc: BaseException, log_path: Path | str):
        super().__init__(parent)
        self.setWindowTitle("Tension Desk: unexpected error")
        self.details = details(exc)
        layout = QVBoxLayout(self)
        for text in (f"Something went wrong: {describe(exc)}",
                     f"Your saved work is safe. The details were written to the log:\n{log_path}"):
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        self.details_view = QPlainTextEdit(self.details)  # plain text: never rendered as markup
        self.details_view.setReadOnly(True)
        layout.addWidget(self.details_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy details")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


class TextQuestion(QDialog):
    """One line of text asked for: the question in words (plain text, wrapped), the answer, OK and Cancel. The
    dialog is wide enough for its title and a sentence (a short question made a window whose title the desktop
    cut, 'Reope… ssion'). Every question asked this way wants an answer (a reason, a name, a title): OK stays
    disabled while the answer is blank, so a blank one is never taken and refused only after the next question."""

    WIDTH = 440

    def __init__(self, parent: QWidget | None, title: str, label: str, text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        question = QLabel(label)
        question.setTextFormat(Qt.TextFormat.PlainText)
        question.setWordWrap(True)
        self.answer = QLineEdit(text)
        self.answer.selectAll()
        question.setBuddy(self.answer)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.answer.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        ok.setEnabled(bool(text.strip()))
        layout = QVBoxLayout(self)
        for w in (question, self.answer, self.buttons):
            layout.addWidget(w)
        self.setMinimumWidth(max(self.WIDTH, self.fontMetrics().horizontalAdvance(title) + 160))


class Prompts:
    """Modal questions. Tests swap these static methods for answers so no dialog ever blocks."""

    @staticmethod
    def ask_csv_file(parent: QWidget | None) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(parent, "Import priorities from CSV", "",
                                              "CSV files (*.csv);;All files (*)")
        return path or None

    @staticmethod
    def ask_save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    @staticmethod
    def show_error(parent: QWidget | None, exc: BaseException, title: str = "Tension Desk") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, describe(exc), QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    @staticmethod
    def show_unexpected(parent: QWidget | None, exc: BaseException, log_path: Path | str) -> None:
        ErrorDialog(parent, exc, log_path).exec()

    @staticmethod
    def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        dlg = TextQuestion(parent, title, label, text)
        return dlg.answer.text() if dlg.exec() == QDialog.DialogCode.Accepted else None

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


def show_unexpected(parent: QWidget | None, exc: BaseException, log_path: Path | str) -> None:
    Prompts.show_unexpected(parent, exc, log_path)


def confirm(parent: QWidget | None, title: str, text: str, action: str = "Delete") -> bool:
    return Prompts.confirm(parent, title, text, action)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """The answer (never blank), None if cancelled."""
    return Prompts.ask_text(parent, title, label, text)
