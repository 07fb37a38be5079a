"""The bundled font (Desk Sans) is added from its files, which FreeType maps (shared pages, not a copy in the app's
memory), and from its bytes where there is no file (a zipped install); either way text is set in it."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from PySide6.QtGui import QFontDatabase

from tension_desk.render.fonts import FAMILY, add_font

FONTS = os.path.join(os.path.dirname(__file__), "..", "..", "src", "tension_desk", "resources", "fonts")


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="reads the process's mapped files from /proc")
def test_the_bundled_font_is_mapped_from_its_files_not_copied_into_memory():
    code = ("from PySide6.QtGui import QFontInfo, QImage, QPainter\n"
            "from tension_desk.app import make_application\n"
            "from tension_desk.render.fonts import ui_font\n"
            "app = make_application()\n"
            "image = QImage(400, 100, QImage.Format.Format_ARGB32)\n"
            "painter = QPainter(image)\n"
            "for bold in (False, True):\n"
            "    painter.setFont(ui_font(10, bold))\n"
            "    painter.drawText(10, 50, 'Score blind again')\n"
            "painter.end()\n"
            "print(QFontInfo(ui_font(10)).family())\n"
            "maps = open('/proc/self/maps').read()\n"
            "print(sorted({line.rsplit('/', 1)[1] for line in maps.splitlines() if line.endswith('.ttf')}))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True)
    family, mapped = out.stdout.splitlines()[-2:]
    assert family == FAMILY
    assert "DeskSans-Regular.ttf" in mapped and "DeskSans-Bold.ttf" in mapped


def test_a_font_in_a_zipped_install_is_added_from_its_bytes(qapp, tmp_path):
    archive = tmp_path / "tension_desk.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(os.path.join(FONTS, "DeskSans-Italic.ttf"), "fonts/DeskSans-Italic.ttf")
    with zipfile.ZipFile(archive) as zf:
        font_id = add_font(zipfile.Path(zf, "fonts/DeskSans-Italic.ttf"))
    assert font_id >= 0 and QFontDatabase.applicationFontFamilies(font_id) == [FAMILY]
    assert QFontDatabase.removeApplicationFont(font_id)
