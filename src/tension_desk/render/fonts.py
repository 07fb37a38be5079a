"""The bundled font, Desk Sans (SIL OFL 1.1), registered once so screen and PDF look the same everywhere.

Desk Sans is Lato 2.007 (by Łukasz Dziedzic) derived by ``scripts/derive_fonts.py``: without its TrueType hinting
(Qt's PDF writer hints every glyph it embeds, whatever the QFont asks: the hinting programs cost the export), and
with the glyphs the app draws that Lato lacks (▲ ▶ ◆ ⚠ ✓ ✗ ↻), so no text falls back to a system font; renamed, as
Lato's licence reserves its name for the original."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPagedPaintDevice, QPaintDevice

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

FAMILY = "Desk Sans"
FILES = ("DeskSans-Regular.ttf", "DeskSans-Bold.ttf", "DeskSans-Italic.ttf")  # each named after its PostScript name
ORIGIN = "derived from Lato 2.007 by Łukasz Dziedzic"  # what Desk Sans is made from (Help → About says it)
LICENCE = "SIL Open Font License 1.1 (OFL)"  # the fonts' licence, shipped beside them (Help → About names both)
LICENCE_FILE = "LICENSE-DeskSans.txt"
_registered: str | None = None


def register_fonts() -> str:
    """Load the bundled fonts into Qt's font database once; returns the family name ("Desk Sans").

    Needs a QGuiApplication (or QApplication). Each font is added from its file, which FreeType maps (the
    file's pages, shared, instead of a copy of 1.3 MB in the app's memory); from its bytes when the package is
    installed as a zip (``add_font``).
    """
    global _registered
    if _registered:
        return _registered
    if QGuiApplication.instance() is None:
        raise RuntimeError("register_fonts() needs a QGuiApplication")
    family = None
    for face in faces():
        font_id = add_font(face)
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    _registered = family or FAMILY
    return _registered


def faces() -> list[Traversable]:
    """The bundled font's files (regular, bold, italic), where the app's package holds them."""
    return [_folder() / name for name in FILES]


def licence_file() -> Traversable:
    """The fonts' licence text, where the app's package holds it."""
    return _folder() / LICENCE_FILE


def _folder() -> Traversable:
    return files("tension_desk") / "resources" / "fonts"


def add_font(resource: Traversable) -> int:
    """Add a packaged font to Qt's font database: from its file when it is one, else from its bytes (a zipped
    install). Returns Qt's font id (-1: not a font Qt can use)."""
    if isinstance(resource, Path) and resource.is_file():
        return QFontDatabase.addApplicationFont(str(resource))
    return QFontDatabase.addApplicationFontFromData(QByteArray(resource.read_bytes()))


def ui_font(point_size: float, bold: bool = False, paper: bool = False) -> QFont:
    """The bundled family at ``point_size`` points (points, so it scales with the device's DPI); a copy of
    its own, which the caller may change. ``paper``: for a page (``on_paper``), each glyph placed on a whole
    device pixel."""
    return QFont(_ui_font(point_size, bold, paper))


@lru_cache(maxsize=64)
def _ui_font(point_size: float, bold: bool, paper: bool) -> QFont:
    """``ui_font``'s font, made once per size, weight and device kind (every text of a PDF asks for one).

    On paper, full hinting: Desk Sans has no hinting of its own, so all it does is round each glyph's advance
    to a whole pixel of the page (at the PDF's 1,200 dots per inch, at most 1/2,400 inch: no reader sees it).
    Qt's PDF writer places every glyph by its own offset from the one before, and a whole number is written in
    a third fewer characters than a fraction: a fifth less for a record to write and compress. The glyphs
    themselves are the font's, unhinted. On screen, the platform's own hinting, as every other app's text."""
    font = QFont(register_fonts())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    if paper:
        font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    return without_ligatures(font)


def on_paper(device: QPaintDevice | None) -> bool:
    """Whether ``device`` is a page (a PDF's), whose text ``ui_font(..., paper=True)`` is for: pages painted at
    the PDF's 1,200 dpi (``export.pdf.RESOLUTION``; at 300 dpi, full hinting would space letters unevenly)."""
    return isinstance(device, QPagedPaintDevice)


def without_ligatures(font: QFont) -> QFont:
    """Turn off ligatures (fi, ft, ti…): a PDF reader then extracts and searches the words as typed."""
    if hasattr(font, "setFeature"):  # Qt 6.7+
        for tag in ("liga", "clig", "dlig"):
            font.setFeature(QFont.Tag(tag), 0)
    return font
