"""The bundled font draws every character the app draws, and is the only font a PDF carries: a record looks the
same on every machine, and the side marker ▲ never comes from whatever font the system has (or is a box)."""
from __future__ import annotations

import ast
import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from PySide6.QtGui import QRawFont

import tension_desk
from tension_desk.export.documents import session_document
from tension_desk.render import fonts
from tension_desk.services.sample import add_sample

SOURCE = Path(tension_desk.__file__).parent
NOT_DRAWN = ("Z", "Cc", "Cf")  # spaces, controls, format marks: in the sources to match or strip them, never drawn


def drawn_characters() -> dict[str, str]:
    """Every non-ASCII character of the app's string literals (docstrings aside: never on screen or paper), with a
    file that has it: read from the sources, so a character added tomorrow is checked too."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                for ch in node.value:
                    if ord(ch) > 127 and not unicodedata.category(ch).startswith(NOT_DRAWN):
                        found.setdefault(ch, str(path.relative_to(SOURCE)))
    return found


def face_path(face: str) -> str:
    path = Path(str(fonts.faces()[fonts.FILES.index(face)]))
    assert path.is_file(), path
    return str(path)


def test_the_sources_are_read_for_the_characters_the_app_draws():
    drawn = drawn_characters()
    assert {"●", "▲"} <= drawn.keys()  # the sides' markers (written as escapes in domain/model.py)
    assert "\u200b" not in drawn and "\u00a0" not in drawn  # stripped or matched, not drawn


@pytest.mark.parametrize("face", fonts.FILES)
def test_each_bundled_face_has_every_character_the_app_draws(qapp, face):
    raw = QRawFont(face_path(face), 12)
    assert raw.isValid()
    missing = {f"U+{ord(ch):04X} {ch} ({where})" for ch, where in drawn_characters().items()
               if not raw.supportsCharacter(ord(ch))}  # a code point: a str is read as a QChar, wrongly
    assert not missing, f"{face} lacks characters the app draws: {sorted(missing)}"


@pytest.mark.parametrize("face", fonts.FILES)
def test_the_bundled_faces_carry_no_hinting_program(qapp, face):
    # Qt's PDF writer loads every glyph it embeds through FreeType with hinting on, whatever the QFont asks for:
    # a hinted font's programs ran for each distinct glyph of every export (half of QPainter.end's time).
    raw = QRawFont(face_path(face), 12)
    assert not raw.fontTable("glyf").isEmpty()  # the tables are read (PySide takes the tag as a str)
    for table in ("fpgm", "prep", "cvt "):
        size = raw.fontTable(table).size()
        assert size == 0, f"{face} has a {table!r} table of {size} bytes"


def base_fonts(data: bytes) -> set[str]:
    """The /BaseFont of every font the PDF's pages use (a composite font's descendants too)."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in (font_dict.get_object().values() if font_dict else ()):
            font = ref.get_object()
            assert isinstance(font, DictionaryObject)
            names.add(str(font["/BaseFont"]))
            names.update(str(d.get_object()["/BaseFont"]) for d in font.get("/DescendantFonts", []))
    return names


def test_the_session_record_embeds_the_bundled_font_only(qapp, desk):
    ids = add_sample(desk)
    data = session_document(desk, ids[1], "pdf")  # October: decided, with the chart's ● and ▲ key
    assert "▲" in "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    embedded = {name.lstrip("/").split("+")[-1] for name in base_fonts(data)}  # "ABCDEF+Name": a subset's tag
    assert embedded and embedded <= {Path(face).stem for face in fonts.FILES}, embedded
