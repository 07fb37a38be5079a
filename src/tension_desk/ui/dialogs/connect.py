"""File → Connect to a shared workspace…: host, port, database and login of a workspace server, or back to this
laptop's own store. Never a password: libpq finds it in ~/.pgpass, PGPASSWORD or pg_service.conf."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tension_desk.services.shared import server_fields, server_url

PASSWORDS = ("No password is asked or stored here: put it in ~/.pgpass (host:port:database:login:password, mode "
             "0600), or PGPASSWORD, or a pg_service.conf entry, as for every PostgreSQL client.")


@dataclass(frozen=True)
class Choice:
    url: str | None  # None: this laptop's own (embedded) store


class ConnectDialog(QDialog):
    def __init__(self, current_url: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Connect to a shared workspace")
        fields = server_fields(current_url)
        self.host = QLineEdit(str(fields["host"]))
        self.host.setPlaceholderText("db.example.com, or a socket folder such as /run/postgresql")
        hint = self.host.fontMetrics().horizontalAdvance(self.host.placeholderText())
        self.host.setMinimumWidth(hint + 24)  # the hint whole, with the field's frame and margins (was cut)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(str(fields["port"])))
        self.database = QLineEdit(str(fields["database"]))
        self.database.setPlaceholderText("tension")
        self.user = QLineEdit(str(fields["user"]))
        for name, widget in (("host", self.host), ("port", self.port), ("database", self.database),
                             ("user", self.user)):
            widget.setObjectName(name)
        form = QFormLayout()
        form.addRow("&Host", self.host)
        form.addRow("&Port", self.port)
        form.addRow("&Database", self.database)
        form.addRow("&Login", self.user)
        note = QLabel(PASSWORDS)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        self.problem = QLabel("")
        self.problem.setObjectName("problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = buttons.addButton("&Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.local_button = buttons.addButton("Use this laptop's own store", QDialogButtonBox.ButtonRole.ResetRole)
        self.local_button.setEnabled(current_url is not None)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.local_button.clicked.connect(self._local)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.choice: Choice | None = None

    def _accept(self) -> None:
        try:
            url = server_url(self.host.text(), self.port.value(), self.database.text(), self.user.text())
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        self.choice = Choice(url)
        self.accept()

    def _local(self) -> None:
        self.choice = Choice(None)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, current_url: str | None) -> Choice | None:
        dialog = cls(current_url, parent)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
