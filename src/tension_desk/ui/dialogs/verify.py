"""File → Verify a record…: check a session record PDF as `tension-desk verify` does; the verdict in a box.

``VerifyPrompts`` holds the two modal steps (choose the file, show the verdict) so tests can answer them.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from tension_desk.export.files import shown

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

TITLE = "Verify a record"


class VerifyPrompts:
    @staticmethod
    def ask_file(parent: QWidget | None) -> str | None:
        path, _filter = QFileDialog.getOpenFileName(parent, "Verify a session record", "", "PDF (*.pdf);;All files (*)")
        return path or None

    @staticmethod
    def show(parent: QWidget | None, text: str, ok: bool) -> None:
        icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, TITLE, text, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # titles and file names are shown as they are
        box.exec()


def verify_record(parent: QWidget | None, desk: Desk) -> None:
    """Ask for a PDF, verify it against its embedded record and this store, and say the verdict."""
    from tension_desk.export.verify import NotARecord, verify_file

    path = VerifyPrompts.ask_file(parent)
    if not path:
        return
    try:
        verdict = verify_file(Path(path), desk)
    except NotARecord as exc:
        VerifyPrompts.show(parent, f"{shown(Path(path).name)}: {exc}", False)
        return
    line = verdict.line  # the CLI's words ("verified: …"); in the dialog, a sentence
    VerifyPrompts.show(parent, line[:1].upper() + line[1:], verdict.ok)
