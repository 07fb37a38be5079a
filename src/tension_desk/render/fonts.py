"""The bundled Lato font (SIL OFL 1.1), registered once so screen and PDF look the same everywhere."""
from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtGui import QFont, QFontDatabase

FAMILY = "Lato"
_FILES = ("Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf")
_registered: str | None = None


def register_fonts() -> str:
    """Load the bundled fonts into Qt's font database (needs a QGuiApplication); returns the family."""
    global _registered
    if _registered:
        return _registered
    folder = files("tension_desk") / "resources" / "fonts"
    family = None
    for name in _FILES:
        with as_file(folder / name) as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0 and family is None:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    _registered = family or FAMILY
    return _registered


def ui_font(point_size: float, bold: bool = False) -> QFont:
    font = QFont(register_fonts())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font
