"""Status badges for list items: small labelled pills above the item's text. Each badge is a word (and a symbol
where it helps), so the list reads the same without colour; the colour only repeats what the word says."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

BadgesRole = Qt.ItemDataRole.UserRole + 40

# kind -> (background, text and border); each text colour is at least 7:1 on its background
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "open": ("#E3F2FD", "#0D3C78"),
    "decided": ("#E8F5E9", "#1B4D1F"),
    "age": ("#EEEEEE", "#2B2B2B"),
    "escalate": ("#FDECEA", "#7F0000"),
    "review": ("#FFF3D6", "#4A3500"),
}


@dataclass(frozen=True)
class Badge:
    text: str
    kind: str  # a key of BADGE_COLOURS


def badges_text(badges: list[Badge]) -> str:
    """The badges as words, for screen readers and tooltips."""
    return " · ".join(b.text for b in badges)


class BadgeDelegate(QStyledItemDelegate):
    """Draws an item's badges (``BadgesRole``: a list of ``Badge``) in a row, and its text wrapped below."""

    PAD, GAP, LINE_GAP = 6, 6, 4

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)  # rows re-wrap when the list gets wider or narrower

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.sizeHintChanged.emit(QModelIndex())
        return False

    def _badge_height(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.height() + 4

    def _text_width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = getattr(self.view, "indentation", lambda: 0)() * (depth + 1)
        return max(80, self.view.viewport().width() - indent - 3 * self.PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        badges = index.data(BadgesRole)
        if not badges:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._text_width(opt, index)
        text = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(width, 2 * self.PAD + self._badge_height(opt) + self.LINE_GAP + text.height() + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        badges = index.data(BadgesRole)
        if not badges:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background, focus
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        fm = opt.fontMetrics
        height = self._badge_height(opt)
        x: float = area.left() + 2
        y = area.top() + self.PAD
        painter.save()
        painter.setFont(opt.font)
        for badge in badges:
            bg, fg = BADGE_COLOURS.get(badge.kind, BADGE_COLOURS["age"])
            rect = QRectF(x, y, fm.horizontalAdvance(badge.text) + 14, height)
            painter.setPen(QPen(QColor(fg), 1))
            painter.setBrush(QColor(bg))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge.text)
            x = rect.right() + self.GAP
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(opt.palette.color(role))
        top = y + height + self.LINE_GAP
        painter.drawText(QRect(area.left() + 2, top, self._text_width(opt, index), opt.rect.bottom() - top + 1),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap),
                         text)
        painter.restore()
