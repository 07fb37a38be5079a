"""The colours: the real cividis table, readable text on every heat colour, the two sides; the font."""
from __future__ import annotations

import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from tension_desk.domain.model import Side
from tension_desk.render import palette
from tension_desk.render.palette import (
    CIVIDIS,
    ENGINEERING_COLOUR,
    PRODUCT_COLOUR,
    cividis,
    contrast_ratio,
    heat_colour,
    relative_luminance,
    side_colour,
    text_colour_on,
)


def close(a: QColor, b: QColor, tol: int = 2) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_table_is_the_published_cividis():
    assert len(CIVIDIS) == 256
    assert all(0 <= c <= 255 for rgb in CIVIDIS for c in rgb)
    assert CIVIDIS[0] == (0, 34, 78)  # #00224E
    assert CIVIDIS[-1] == (254, 232, 56)  # #FEE838
    assert CIVIDIS[128] == (125, 124, 120)  # the neutral grey in the middle


def test_endpoints_and_clamping():
    assert close(cividis(0.0), QColor("#00224E"))
    assert close(cividis(1.0), QColor("#FEE838"))
    assert cividis(-3) == cividis(0)
    assert cividis(7) == cividis(1)
    assert cividis(float("nan")) == cividis(0)


def test_lightness_rises_from_agree_to_disagree():
    lum = [relative_luminance(QColor(*rgb)) for rgb in CIVIDIS]
    # The 8-bit table wobbles by at most a hair; over any 8 steps it strictly rises.
    assert all(b >= a - 1e-4 for a, b in pairwise(lum))
    coarse = [*lum[::8], lum[-1]]
    assert all(b > a for a, b in pairwise(coarse))
    samples = [relative_luminance(cividis(i / 50)) for i in range(51)]
    assert all(b > a for a, b in pairwise(samples))


def test_heat_colour():
    assert heat_colour(None) is None
    assert heat_colour(0) == cividis(0)
    assert heat_colour(100) == cividis(1)
    assert heat_colour(50) == cividis(0.5)
    assert heat_colour(140) == cividis(1)


def test_text_colour_has_the_higher_contrast():
    assert text_colour_on(cividis(0)) == QColor("#FFFFFF")
    assert text_colour_on(cividis(1)) == QColor("#000000")
    assert text_colour_on(QColor("#FFFFFF")) == QColor("#000000")
    assert text_colour_on(QColor("#000000")) == QColor("#FFFFFF")
    for i in range(0, 256, 5):
        bg = QColor(*CIVIDIS[i])
        chosen = text_colour_on(bg)
        other = QColor("#000000") if chosen == QColor("#FFFFFF") else QColor("#FFFFFF")
        assert contrast_ratio(chosen, bg) >= contrast_ratio(other, bg)
        assert contrast_ratio(chosen, bg) >= 4.5  # WCAG AA for body text, on every heat colour


def test_wcag_contrast_reference_values():
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)


def test_side_colours_are_the_okabe_ito_pair_and_distinct():
    assert side_colour(Side.PRODUCT) == PRODUCT_COLOUR == QColor("#0072B2")
    assert side_colour(Side.ENGINEERING) == ENGINEERING_COLOUR == QColor("#D55E00")
    # Blue against orange: they differ strongly in the blue-yellow axis that red-green deficiency keeps.
    p, e = PRODUCT_COLOUR, ENGINEERING_COLOUR
    assert (p.blue() - p.red()) - (e.blue() - e.red()) > 300
    side_colour(Side.PRODUCT).setAlpha(10)  # a copy: the module constant is untouched
    assert PRODUCT_COLOUR.alpha() == 255


def test_neutral_colours_read_on_paper():
    for name in ("INK", "MUTED", "ACCENT"):
        assert contrast_ratio(getattr(palette, name), palette.PAPER) >= 4.5, name
    assert contrast_ratio(palette.GRID, palette.PAPER) < 1.5  # grid lines stay quiet


def test_bundled_font(qapp):
    from PySide6.QtGui import QFontInfo

    from tension_desk.render.fonts import register_fonts, ui_font

    assert register_fonts() == "Desk Sans"
    assert register_fonts() == "Desk Sans"  # idempotent
    font = ui_font(11.5, bold=True)
    assert font.pointSizeF() == 11.5
    assert font.bold()
    assert QFontInfo(font).family() == "Desk Sans"


def test_render_never_imports_qtwidgets():
    """The CLI paints PDFs without widgets: nothing under render/ may pull in QtWidgets."""
    import tension_desk

    src = str(Path(tension_desk.__file__).resolve().parents[1])
    code = ("import sys; import tension_desk.render.palette, tension_desk.render.fonts, "
            "tension_desk.render.heatmap, tension_desk.render.quadrant; "
            "sys.exit(1 if 'PySide6.QtWidgets' in sys.modules else 0)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0
