"""One rule for a form's labels in every dialog: the words alone, no trailing colon (the Connect dialog's
"Host:" stood out from every other dialog's "Title")."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QLabel

from tension_desk.ui.dialogs.connect import ConnectDialog
from tension_desk.ui.dialogs.session import SessionDialog
from tension_desk.ui.plain import shown_text


def form_labels(dialog) -> list[str]:
    labels = []
    for form in dialog.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel) and item.widget().text():
                labels.append(shown_text(item.widget().text()))
    return labels


def test_the_connect_dialog_labels_its_fields_as_every_other_dialog_does(qtbot):
    connect = ConnectDialog(None)
    session = SessionDialog("Q3 planning", dt.date(2026, 7, 1), None)
    for dialog in (connect, session):
        qtbot.addWidget(dialog)
    assert form_labels(connect) == ["Host", "Port", "Database", "Login"]
    assert form_labels(session) and not [t for t in form_labels(session) if t.endswith(":")]
