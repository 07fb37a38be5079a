"""All text is at least 4.5:1 against its background (WCAG AA), in the style sheet and in the charts."""
from __future__ import annotations

import re
from importlib.resources import files

import pytest
from PySide6.QtGui import QColor

from tension_desk.domain.model import Side
from tension_desk.render import gauge, palette, quadrant, trends
from tension_desk.render.palette import contrast_ratio, side_colour, text_colour_on

AA = 4.5
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")


def style_rules() -> list[tuple[str, dict[str, str]]]:
    """(selector, properties) for every selector of resources/style.qss (a rule with a list of selectors
    counts once per selector)."""
    text = re.sub(r"/\*.*?\*/", "", (files("tension_desk") / "resources" / "style.qss").read_text(), flags=re.S)
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", text):
        props = {k.strip(): v.strip() for k, _, v in (p.partition(":") for p in body.split(";")) if v.strip()}
        rules += [(s.strip(), props) for s in selectors.split(",")]
    return rules


def colour(value: str | None) -> QColor | None:
    match = HEX.search(value or "")
    return QColor(match.group(0)) if match else None  # "transparent" and the like: no background of its own


def base(selector: str) -> str:
    """The widget a selector styles, without its states and properties: QLabel#x[side="a"]:hover → QLabel#x."""
    return re.sub(r"\[[^\]]*\]|::?[\w-]+", "", selector).strip()


def style_pairs() -> list[tuple[str, QColor, QColor]]:
    """(where, text colour, background) for all text the style sheet colours.

    A rule with both is one pair. A text colour whose widget paints no background of its own (a label)
    must read on every surface a container paints (window, panes, bars, toolbars). A background with no
    text colour of its own carries its widget's colour, or the default text colour. Disabled controls
    are left out: WCAG exempts inactive controls.
    """
    rules = [(s, p) for s, p in style_rules() if ":disabled" not in s]
    default = next(colour(p["color"]) for s, p in rules if s == "QWidget")
    own_colour: dict[str, QColor] = {}
    own_backgrounds: dict[str, list[QColor]] = {}
    for s, p in rules:
        bg = colour(p.get("background") or p.get("background-color"))
        if p.get("color") and bg is None:
            own_colour.setdefault(base(s), colour(p["color"]))
        if bg is not None:
            own_backgrounds.setdefault(base(s), []).append(bg)
    surfaces = [(s, colour(p.get("background") or p.get("background-color"))) for s, p in rules
                if colour(p.get("background") or p.get("background-color")) and not p.get("color")
                and base(s) not in own_colour]
    surfaces += [(s, colour(p["alternate-background-color"])) for s, p in rules if "alternate-background-color" in p]
    pairs = []
    for s, p in rules:
        fg = colour(p.get("color")) or own_colour.get(base(s)) or default
        bg = colour(p.get("background") or p.get("background-color"))
        if bg is not None:
            pairs.append((s, fg, bg))
        elif p.get("color"):
            backgrounds = own_backgrounds.get(base(s)) or [c for _w, c in surfaces]
            pairs += [(f"{s} on its background", fg, b) for b in backgrounds]
        if "selection-color" in p:
            pairs.append((f"{s} selection", colour(p["selection-color"]), colour(p["selection-background-color"])))
        if "alternate-background-color" in p:
            pairs.append((f"{s} alternate rows", fg, colour(p["alternate-background-color"])))
    return pairs


def render_pairs() -> list[tuple[str, QColor, QColor]]:
    """(where, text colour, background) for the text the charts and tables paint."""
    pairs = [(f"{ink_name} on {surface_name}", ink, surface)
             for ink_name, ink in palette.TEXT_INKS.items() for surface_name, surface in palette.SURFACES.items()]
    pairs += [(f"missing-score ink on its hatch {i}", palette.INK, c)
              for i, c in enumerate((palette.MISSING, palette.MISSING_HATCH))]
    for i in range(256):  # a score on every heat colour
        heat = palette.cividis(i / 255)
        pairs.append((f"score on cividis {i}", text_colour_on(heat), heat))
    for key, (name, _caption, tint, ink) in quadrant._QUADRANTS.items():
        pairs += [(f"{name} ({key})", ink, tint), (f"{name} caption", palette.MUTED, tint),
                  (f"labels in {name}", palette.INK, tint), (f"leaders in {name}", palette.MUTED, tint)]
    pairs += [("gauge verdict over", gauge.OVER, palette.PAPER), ("gauge verdict", palette.MUTED, palette.PAPER)]
    from tension_desk.ui.models.priorities import STATUS_TINT

    for status, ink in STATUS_TINT.items():  # the status column of the priorities table
        pairs += [(f"status {status.value} on {name}", ink, palette.SURFACES[name]) for name in ("paper", "zebra")]
    for side in Side:  # the capacity trend's bar labels, on their bars
        bar = trends.bar_colour(side)
        pairs.append((f"capacity bar label ({side.value})", trends.bar_text_colour(side), bar))
    return pairs


@pytest.mark.parametrize("where, fg, bg", style_pairs(), ids=lambda v: v if isinstance(v, str) else "")
def test_style_sheet_text_is_at_least_aa(where, fg, bg):
    assert contrast_ratio(fg, bg) >= AA, f"{where}: {fg.name()} on {bg.name()} is {contrast_ratio(fg, bg):.2f}:1"


def test_render_text_is_at_least_aa(qapp):
    low = [f"{where}: {fg.name()} on {bg.name()} is {contrast_ratio(fg, bg):.2f}:1"
           for where, fg, bg in render_pairs() if contrast_ratio(fg, bg) < AA]
    assert low == []


def test_the_known_failures_are_covered():
    """The pairs the review measured are among those checked: the status-bar store path, and the empty
    score cell and the capacity bar labels (in the render palette)."""
    selectors = {where.split(" on ")[0] for where, _f, _b in style_pairs()}
    assert "QLabel#store_label" in selectors
    assert len(style_pairs()) > 40
    assert any(where.startswith("capacity bar label") for where, _f, _b in render_pairs())


def test_ratio_matches_wcag_examples():
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#767676"), QColor("#FFFFFF")) == pytest.approx(4.54, abs=0.01)
    assert side_colour(Side.PRODUCT) == palette.PRODUCT_COLOUR


def test_an_unscored_cell_during_a_turn_is_readable(qapp):
    """While a leader scores, an empty cell reads "P ·": its darkest ink is at least 4.5:1 on the cell."""
    from PySide6.QtCore import QModelIndex, QRect
    from PySide6.QtGui import QImage, QPainter, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QStyleOptionViewItem

    from tension_desk.render.fonts import ui_font
    from tension_desk.render.heatmap import HeatCell
    from tension_desk.ui.models.matrix import CellRole, TurnRole
    from tension_desk.ui.widgets.matrix_view import ScoreDelegate

    model = QStandardItemModel(1, 1)
    item = QStandardItem("P ·")
    item.setData(HeatCell(None, None, None), CellRole)
    item.setData(Side.PRODUCT.value, TurnRole)
    model.setItem(0, 0, item)
    img = QImage(90, 30, QImage.Format.Format_ARGB32)
    img.fill(QColor("#FFFFFF"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 90, 30)
    option.font = ui_font(10.5)  # the matrix's text size
    painter = QPainter(img)
    ScoreDelegate().paint(painter, option, model.index(0, 0, QModelIndex()))
    painter.end()
    pixels = [img.pixelColor(x, y) for x in range(90) for y in range(30)]
    background = img.pixelColor(1, 1)
    darkest = min(pixels, key=lambda c: c.lightness())
    assert contrast_ratio(darkest, background) >= AA
