"""The session list's entries: a session's title on up to two lines (cut with … only past the second), then its
date and status. A title on one line was cut at the sidebar's width ("December 2026 tension se…"); the whole title
is in the entry's tooltip (``models.sessions``)."""
from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from tension_desk.ui.models.roles import IdRole

TITLE_LINES = 2


def title_lines(title: str, font: QFont, width: int, most: int = TITLE_LINES) -> list[str]:
    """``title`` broken into lines of ``width`` px at most, between words where it can; at most ``most`` lines,
    the last cut with … when the title does not end there."""
    layout = QTextLayout(title, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    starts: list[int] = []
    layout.beginLayout()
    while len(starts) < most and (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if not starts:
        return [""]
    lines = [title[a:b].strip() for a, b in pairwise(starts)]
    rest = title[starts[-1]:].strip()  # the last line holds the rest of the title, cut to fit
    return [*lines, QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class SessionEntryDelegate(QStyledItemDelegate):
    """A session's entry (a quarter's heading is drawn as Qt draws it): its title in as many lines as the
    sidebar's width needs, two at most, then its date and status; the entry is as tall as its lines. When the
    list changes width the entries are laid out again."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        # No dotted focus rectangle (stray on a shared screen): the current entry shows by the selection colour.
        option.state &= ~QStyle.StateFlag.State_HasFocus
        if index.data(IdRole) is None:
            return
        title, _, meta = str(index.data() or "").rpartition("\n")
        lines = [*title_lines(title, option.font, self._text_width(option, index)), meta]
        option.text = "\u2028".join(lines)  # a line break as the style reads one (QChar::LineSeparator)
        option.textElideMode = Qt.TextElideMode.ElideRight

    def _text_width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width the style gives the entry's text, in the entry's row as the list is now wide."""
        tree = self.tree
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        left = tree.indentation() * (depth + int(tree.rootIsDecorated()))
        probe = QStyleOptionViewItem(option)
        probe.rect = QRect(0, 0, max(1, tree.columnWidth(0) - left), 10_000)
        style = tree.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, probe, tree)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1  # as the style's text
        return max(1, text.width() - 2 * margin)
