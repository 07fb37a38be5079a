"""A horizontal header whose section labels wrap onto as many lines as they need, never cut or elided."""
from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView, QWidget

from tension_desk.render.palette import INK

WRAP = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
PAD_X, PAD_Y = 6, 5  # the style sheet's QHeaderView::section padding
# A side's marker stays with the word after it ("● Product's"), a slash with the word before it ("Revenue /"):
# a wrapped label never shows either alone on a line.
GLUE = re.compile(r"(?<=[●▲]) | (?=/)")
# not ▲/▼: a triangle is the engineering leader's marker, and 'Rank ▲' read as the engineering side's rank
ARROWS = {Qt.SortOrder.AscendingOrder: "↑", Qt.SortOrder.DescendingOrder: "↓"}


def label_words(text: str) -> list[str]:
    """The unbreakable pieces of a label: it breaks at spaces and soft hyphens, never at a no-break space."""
    return [w for w in re.split(r"[ \t\n\u00ad]+", text) if w]


_HEIGHTS: dict[tuple[str, str, int], int] = {}  # (font, label, width) → height: the same labels on every open


def label_height(font: QFont, text: str, width: int) -> int:
    """The height a label needs wrapped in a section ``width`` wide (padding included), in ``font``. Measured
    once per font, label and width: laying the matrix out tries each label at a dozen widths, on every open."""
    key = (font.key(), text, width)
    height = _HEIGHTS.get(key)
    if height is None:
        if len(_HEIGHTS) > 20_000:  # fonts or labels changed many times: start again rather than grow
            _HEIGHTS.clear()
        room = QRect(0, 0, max(1, width - 2 * PAD_X), 100_000)
        height = _HEIGHTS[key] = QFontMetrics(font).boundingRect(room, int(WRAP), text).height() + 2 * PAD_Y
    return height


class WrapHeader(QHeaderView):
    """Each section draws its text word-wrapped in its width; the header is as tall as its tallest label.
    The sort arrow is part of the sorted section's text, so it wraps with it and never covers it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(WRAP)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        self.sectionResized.connect(lambda *_: self.geometriesChanged.emit())

    def label_text(self, section: int) -> str:
        model = self.model()
        text = model.headerData(section, self.orientation(), Qt.ItemDataRole.DisplayRole) if model else None
        text = GLUE.sub("\u00a0", "" if text is None else str(text))
        if self.isSortIndicatorShown() and self.sortIndicatorSection() == section:
            text += f"\u00a0{ARROWS[self.sortIndicatorOrder()]}"
        return text

    def label_font(self) -> QFont:
        font = self.font()
        font.setBold(True)
        return font

    def text_height(self, section: int, width: int | None = None) -> int:
        """The height the section's wrapped text needs at ``width`` (its current width when None)."""
        width = self.sectionSize(section) if width is None else width
        return label_height(self.label_font(), self.label_text(section), width)

    def word_width(self, section: int) -> int:
        """The width of the widest unbreakable piece of the section's label, with padding: the section's label
        wraps onto more lines when narrower, and is cut below that."""
        fm = QFontMetrics(self.label_font())
        return max((fm.horizontalAdvance(w) for w in label_words(self.label_text(section))), default=0) + 2 * PAD_X + 2

    def needed_height(self) -> int:
        sections = [s for s in range(self.count()) if not self.isSectionHidden(s)]
        return max((self.text_height(s) for s in sections), default=0)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(self.needed_height(), self.fontMetrics().height() + 2 * PAD_Y))

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        """The style paints the section's frame (no arrow: it is in the text); the text is drawn here, wrapped,
        in the section's bold font."""
        if not rect.isValid():
            return
        opt = QStyleOptionHeader()
        self.initStyleOption(opt)
        opt.rect = rect
        opt.section = section
        opt.text = ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, opt, painter, self)
        painter.setFont(self.label_font())
        painter.setPen(INK)
        painter.drawText(rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y), int(WRAP), self.label_text(section))
        painter.restore()


def fit_to_words(table: QTableView, stretch: int) -> None:
    """Columns that fit ``table`` without scrolling sideways: each column but ``stretch`` as narrow as its values
    and the longest word of its label (the label wraps), ``stretch`` takes the rest and its text wraps; each row
    is as tall as its wrapped text."""
    header = table.horizontalHeader()
    assert isinstance(header, WrapHeader)
    table.setWordWrap(True)
    for col in range(header.count()):
        if col == stretch:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(col, max(header.word_width(col), table.sizeHintForColumn(col)))
    header.setMinimumSectionSize(header.word_width(stretch))
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
