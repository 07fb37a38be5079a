"""What an empty list says: a centred hint over the list's viewport telling what to do, shown only while the
list has no rows."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyHint(QObject):
    """Shows ``text`` in the middle of ``view`` whenever its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str):
        super().__init__(view)
        self.view = view
        self.label = QLabel(text, view.viewport())
        self.label.setObjectName("empty_hint")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)
        self.update()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        area = self.view.viewport().rect().adjusted(16, 16, -16, -16)
        self.label.setGeometry(area)

    def update(self, *_args: object) -> None:
        if not shiboken6.isValid(self.view):  # a QTableWidget clears its own model while it is destroyed
            return
        self._place()
        self.label.setVisible(self.view.model().rowCount() == 0)

    def text(self) -> str:
        return self.label.text()
