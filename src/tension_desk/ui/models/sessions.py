"""Sessions grouped by quarter (newest first), as a two-level tree."""
from __future__ import annotations

from itertools import groupby

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from tension_desk.domain.dates import day
from tension_desk.domain.model import Session, SessionStatus
from tension_desk.ui.models.roles import IdRole, ObjectRole
from tension_desk.ui.plain import plain_tip

STATUS_MARK = {SessionStatus.DRAFT: "draft", SessionStatus.LIVE: "live", SessionStatus.CLOSED: "closed"}


class SessionTreeModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Sessions"])

    def set_sessions(self, sessions: list[Session]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(["Sessions"])
        ordered = sorted(sessions, key=lambda s: (s.quarter, s.date, s.id), reverse=True)
        for quarter, group in groupby(ordered, key=lambda s: s.quarter):
            head = QStandardItem(quarter.replace("-", " "))
            font = QFont(head.font())
            font.setBold(True)
            head.setFont(font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setAccessibleText(f"Quarter {quarter}")
            for s in group:
                item = QStandardItem(f"{s.title}\n{day(s.date)} · {STATUS_MARK[s.status]}")
                item.setData(s.id, IdRole)
                item.setData(s, ObjectRole)
                item.setToolTip(plain_tip(f"{s.title} — {day(s.date)} ({s.status.value})"))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                head.appendRow(item)
            self.appendRow(head)

    def index_of(self, session_id: int) -> QModelIndex | None:
        for r in range(self.rowCount()):
            head = self.item(r)
            for c in range(head.rowCount()):
                if head.child(c).data(IdRole) == session_id:
                    return head.child(c).index()
        return None

    def session_ids(self) -> list[int]:
        out: list[int] = []
        for r in range(self.rowCount()):
            head = self.item(r)
            out.extend(head.child(c).data(IdRole) for c in range(head.rowCount()))
        return out
