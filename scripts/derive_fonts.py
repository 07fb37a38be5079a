"""Derive the app's bundled font, Desk Sans, from Lato 2.007 (a developer's tool: the app never runs it).

    .venv/bin/pip install fonttools     # for this tool only: the app, `make test` and CI do not need it
    .venv/bin/python scripts/derive_fonts.py LATO_DIR [OUT_DIR]

LATO_DIR holds the original Lato-Regular.ttf, Lato-Bold.ttf and Lato-Italic.ttf, version 2.007 (2014-02-27), by
Łukasz Dziedzic (tyPoland), under the SIL Open Font License 1.1, exactly as Debian and Ubuntu ship them in
fonts-lato 2.0-2.1 (``apt-get download fonts-lato``, then ``dpkg-deb -x`` it: usr/share/fonts/truetype/lato/),
which is also what this repository bundled before Desk Sans replaced them:
``git show a5ec043:src/tension_desk/resources/fonts/Lato-Regular.ttf > Lato-Regular.ttf`` (and Bold, Italic).
The tool checks the files' SHA-256 against those, so the same input always gives the same Desk Sans bytes.
OUT_DIR (default: src/tension_desk/resources/fonts) receives DeskSans-Regular.ttf, -Bold.ttf and -Italic.ttf.

What is changed, and why:
- The TrueType hinting is removed (the fpgm, prep and cvt tables, hdmx/LTSH/VDMX where present, every glyph's
  instructions; maxp's hinting fields zeroed; gasp: smooth at every size). Qt's PDF writer loads every glyph it
  embeds through FreeType with hinting on, whatever the QFont asks for, and running Lato's hinting programs was
  half the cost of finishing a session record (QPainter.end: ~12.9 ms -> ~7 ms). The outlines and advances are
  Lato's own, so text sits where it did.
- The family is renamed "Desk Sans": Lato's licence reserves the name "Lato" (a Reserved Font Name), which a
  modified version must not carry. The copyright notice (name ID 0) and the licence (IDs 13, 14) are kept; the
  trademark notice (ID 7) goes, the description (ID 10) says what this font is.
- Glyphs the app draws and Lato lacks are added, drawn here from simple geometric shapes: ▲ U+25B2 (a side's
  marker, beside Lato's ● U+25CF: same advance, same centre, near the disc's area, so a box a little larger than
  the disc's, as a triangle fills half its box where a disc fills 79%), ▶ U+25B6, ◆ U+25C6, ⚠ U+26A0,
  ✓ U+2713, ✗ U+2717 and ↻ U+21BB, each read at 13 px in the app's buttons and badges. Strokes are
  1.45 × the face's minus sign (✗'s 1.85 × and 1.5 ×, ⚠'s the stem of l: 1.35 ×), so they are bolder in the
  bold face; ✓ ✗ ↻ ⚠ are about cap height; the italic face keeps them upright, as Lato's italic keeps its ● and
  arrows upright.
Without them the PDF embedded a system font for those characters (DejaVu Sans where installed, a box
elsewhere): the record must depend on the bundled font alone (tests/render/test_font_coverage.py checks that
every non-ASCII character of the app's strings is in each face).
"""
from __future__ import annotations

import hashlib
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from fontTools.pens.areaPen import AreaPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.reverseContourPen import ReverseContourPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

FAMILY = "Desk Sans"
POSTSCRIPT_FAMILY = "DeskSans"
SOURCE_VERSION = "Version 2.007"
SOURCES = {  # style -> the SHA-256 of Lato 2.007's file (fonts-lato 2.0-2.1)
    "Regular": "0ad460bd756454f8485609747b25c5644a54d307a65daabbb24c646c112ed541",
    "Bold": "e0b1c4de011de8dd077cf21f97919fc31158eb290ee1176cbae06d500a6304bc",
    "Italic": "bbc138d69289c5604474166e150d39995770ca98ffb9df02adb68666ec36cc37",
}
HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX")
KEPT_NAMES = {0, 2, 8, 9, 11, 12, 13, 14}  # copyright, style, manufacturer, designer, their URLs, the licence
DESCRIPTION = ("Desk Sans, the Tension Desk app's font: version 2.007 of the family named in the copyright "
               "notice (designed by Lukasz Dziedzic), with its TrueType hinting removed and the glyphs "
               "U+25B2 U+25B6 U+25C6 U+26A0 U+2713 U+2717 U+21BB added, by the Tension Desk developers (2026).")
BLACK_CIRCLE, MINUS = 0x25CF, 0x2212
MARK_STROKE = 1.45  # ✓ ↻ against the minus sign: a mark in a button reads at 13 px, as DejaVu's did
BALLOT_X_STROKES = 1.85, 1.5  # ✗'s rising and falling strokes: heavier than ✓, as a ballot mark is pressed harder
WARNING_STROKE = 1.35  # ⚠'s triangle: the stem of l (1.32 × the minus sign in Regular, 1.35 × in Bold)
WARNING_MARK_UNIT = 182.0  # the Regular face's ⚠ stroke (1.35 × 135): the bold "!" keeps the Regular's measures

Point = tuple[float, float]


def main(argv: Sequence[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__.split("\n\n", 2)[1], file=sys.stderr)
        return 2
    source = Path(argv[0])
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent.parent / "src/tension_desk/resources/fonts"
    for style, digest in SOURCES.items():
        path = source / f"Lato-{style}.ttf"
        if not path.is_file():
            print(f"{path}: not found (LATO_DIR must hold Lato-Regular/Bold/Italic.ttf)", file=sys.stderr)
            return 1
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            print(f"{path}: not the Lato 2.007 file this tool derives from (SHA-256 {digest})", file=sys.stderr)
            return 1
        font = TTFont(path, recalcTimestamp=False)
        derive(font, style)
        out = target / f"{POSTSCRIPT_FAMILY}-{style}.ttf"
        font.save(out)
        print(out)
    return 0


def derive(font: TTFont, style: str) -> None:
    remove_hinting(font)
    rename(font, style)
    add_glyphs(font)


def remove_hinting(font: TTFont) -> None:
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    maxp = font["maxp"]
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions"):
        setattr(maxp, field, 0)
    font["head"].flags &= ~(1 << 4)  # "instructions may alter advance widths": there are none
    if "gasp" in font:
        font["gasp"].gaspRange = {0xFFFF: 0x000A}  # grey, symmetric smoothing at every size; nothing to grid-fit


def rename(font: TTFont, style: str) -> None:
    name = font["name"]
    ps_name = f"{POSTSCRIPT_FAMILY}-{style}"
    new = {1: FAMILY, 3: f"2.007;{ps_name}", 4: f"{FAMILY} {style}", 5: f"{SOURCE_VERSION}; {FAMILY}",
           6: ps_name, 10: DESCRIPTION, 16: FAMILY, 17: style}  # 16, 17: where present (Lato 2.007 has none)
    for record in list(name.names):
        if record.nameID in new:
            record.string = new[record.nameID]
        elif record.nameID not in KEPT_NAMES:
            name.names.remove(record)
    left = [r.toUnicode() for r in name.names if r.nameID not in (0, 13, 14)]
    if any("lato" in text.lower() for text in left):
        raise SystemExit(f"{ps_name}: a name record still says Lato: {left}")


# --- the added glyphs -------------------------------------------------------------------------------------------

Contour = tuple[RecordingPen, bool]  # an outline, and whether it is ink (else a hole)
Shape = tuple[list[Contour], int]  # the contours and the advance width


class Geometry:
    """The measures the added glyphs take from the face: its ● (centre, radius, advance) and its stroke."""

    def __init__(self, font: TTFont) -> None:
        glyf = font["glyf"]
        cmap = font.getBestCmap()
        disc = glyf[cmap[BLACK_CIRCLE]]
        self.disc_advance = font["hmtx"][cmap[BLACK_CIRCLE]][0]
        self.cx = (disc.xMin + disc.xMax) / 2
        self.cy = (disc.yMin + disc.yMax) / 2
        self.r = (disc.xMax - disc.xMin) / 2
        minus = glyf[cmap[MINUS]]
        self.stroke = minus.yMax - minus.yMin  # the minus sign's thickness: the face's weight
        self.cap = font["OS/2"].sCapHeight


def polygon(points: Sequence[Point], ink: bool = True) -> Contour:
    pen = RecordingPen()
    pen.moveTo(points[0])
    for p in points[1:]:
        pen.lineTo(p)
    pen.closePath()
    return pen, ink


def triangle_up(g: Geometry) -> Shape:
    """▲: 1.16 × the disc's width across the base, 1.18 × its height, on the disc's centre (near its area)."""
    half_base, half_height = 1.16 * g.r, 1.18 * g.r
    return [polygon([(g.cx - half_base, g.cy - half_height), (g.cx, g.cy + half_height),
                     (g.cx + half_base, g.cy - half_height)])], g.disc_advance


def triangle_right(g: Geometry) -> Shape:
    """▶: ▲ turned a quarter clockwise."""
    half_base, half_length = 1.16 * g.r, 1.18 * g.r
    return [polygon([(g.cx - half_length, g.cy - half_base), (g.cx - half_length, g.cy + half_base),
                     (g.cx + half_length, g.cy)])], g.disc_advance


def diamond(g: Geometry) -> Shape:
    """◆: a rhombus on the disc's centre, 1.16 × its width across and 1.28 × its height tall (near its area)."""
    w, h = 1.16 * g.r, 1.28 * g.r
    return [polygon([(g.cx - w, g.cy), (g.cx, g.cy + h), (g.cx + w, g.cy), (g.cx, g.cy - h)])], g.disc_advance


def intersect(p1: Point, d1: Point, p2: Point, d2: Point) -> Point:
    """Where the line through p1 along d1 meets the line through p2 along d2."""
    cross = d1[0] * d2[1] - d1[1] * d2[0]
    t = ((p2[0] - p1[0]) * d2[1] - (p2[1] - p1[1]) * d2[0]) / cross
    return p1[0] + t * d1[0], p1[1] + t * d1[1]


def arms(centre: Point, ends: Sequence[Point], half: float | Sequence[float]) -> list[Point]:
    """The outline of straight strokes (half-width ``half``, or one per end, square ends) from ``centre`` to each of
    ``ends``, as one contour: neighbouring arms join where their facing edges meet (a mitre where they open wide)."""
    halves = [half] * len(ends) if isinstance(half, float | int) else list(half)
    rays = sorted((math.atan2(e[1] - centre[1], e[0] - centre[0]), e, h) for e, h in zip(ends, halves, strict=True))
    directions = [(math.cos(angle), math.sin(angle)) for angle, _, _ in rays]
    outline: list[Point] = []
    for i, (_, end, h) in enumerate(rays):
        d, (_, prev_end, prev_h), prev_d = directions[i], rays[i - 1], directions[i - 1]
        prev_left = (prev_end[0] - prev_d[1] * prev_h, prev_end[1] + prev_d[0] * prev_h)
        right, left = (end[0] + d[1] * h, end[1] - d[0] * h), (end[0] - d[1] * h, end[1] + d[0] * h)
        outline += [intersect(prev_left, prev_d, right, d), right, left]
    return outline


def check_mark(g: Geometry) -> Shape:
    """✓: a short stroke down to the bottom, a long one up to the right, mitred at the bottom."""
    half = MARK_STROKE * g.stroke / 2
    bottom = (470.0, 140.0 + half)
    return [polygon(arms(bottom, [(150.0, 700.0), (1100.0, g.cap - 80)], half))], 1250


def ballot_x(g: Geometry) -> Shape:
    """✗: ✓'s box, cap height: a long, heavy stroke rising to the right over a shorter, lighter one falling, each a
    little askew, as a hand marks a ballot (and unlike the letter X, which it read as at 13 px when it was thin,
    straight and symmetric)."""
    rising, falling = ((150.0, -20.0), (1140.0, g.cap + 20)), ((250.0, g.cap - 100), (1070.0, 10.0))
    heavy, light = BALLOT_X_STROKES[0] * g.stroke / 2, BALLOT_X_STROKES[1] * g.stroke / 2
    centre = intersect(rising[0], _towards(*rising), falling[0], _towards(*falling))
    return [polygon(arms(centre, [*rising, *falling], [heavy, heavy, light, light]))], 1250


def _towards(a: Point, b: Point) -> Point:
    return b[0] - a[0], b[1] - a[1]


def inset(outline: Sequence[Point], by: float) -> list[Point]:
    """A clockwise convex polygon moved inward by ``by`` on every side."""
    lines = []
    for a, b in zip(outline, [*outline[1:], outline[0]], strict=True):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        inward = (dy / length * by, -dx / length * by)  # clockwise: the inside is to the right of a→b
        lines.append(((a[0] + inward[0], a[1] + inward[1]), (dx, dy)))
    return [intersect(*lines[i - 1], *lines[i]) for i in range(len(lines))]


def warning_sign(g: Geometry) -> Shape:
    """⚠: a triangle's outline (as thick as the text's stems) with an exclamation mark in it: a bar and, below it,
    a separate dot, each 1.15 × the Regular's stroke wide (so a pixel column at 13 px is dark), 0.8 × it apart (a
    pixel at 13 px, so the dot stays a dot and the sign does not read as Δ). The bar runs as high as the counter
    leaves room for it with 0.35 × it to spare on either side. The triangle rises above cap height to give it that
    room (1680 units, 1800 wide), and higher still (same proportions: 1840 in Bold) where the face's heavier
    stroke would leave the bar shorter than 1.5 × its width."""
    stroke = WARNING_STROKE * g.stroke
    unit = min(stroke, WARNING_MARK_UNIT)  # the mark's measures: the Regular face's stroke at most
    mark = 1.15 * unit
    left, top = 40.0, 1680.0
    while True:
        right = left + top * 1800 / 1680
        mid = (left + right) / 2
        outer = [(left, 0.0), (mid, top), (right, 0.0)]
        low_left, apex, _ = counter = inset(outer, stroke)
        x_per_y = (apex[0] - low_left[0]) / (apex[1] - low_left[1])
        bar_top = low_left[1] + (mid - mark / 2 - 0.35 * unit - low_left[0]) / x_per_y
        dot_bottom = low_left[1] + 0.45 * unit
        bar_bottom = dot_bottom + mark + 0.8 * unit
        if bar_top - bar_bottom >= 1.5 * mark:
            break
        top += 20

    def box(y0: float, y1: float) -> Contour:
        return polygon([(mid - mark / 2, y0), (mid - mark / 2, y1), (mid + mark / 2, y1), (mid + mark / 2, y0)])

    return [polygon(outer), polygon(counter, ink=False), box(bar_bottom, bar_top),
            box(dot_bottom, dot_bottom + mark)], round(right + left)


def clockwise_arrow(g: Geometry) -> Shape:
    """↻: a ring as tall as a capital, open at the top right, running clockwise from there round to the top, where
    an arrowhead points on to the right, across the gap (which stays a wide gap at 13 px: the ring no longer
    reads as an o). One contour: the outer arc, the arrowhead, the inner arc back. As wide as the ring, with 60
    units either side."""
    half = MARK_STROKE * g.stroke / 2
    r = g.cap / 2 - half
    cy = g.cap / 2
    advance = round(2 * (r + half + 60))
    start, end = math.radians(25), math.radians(100 - 360)  # clockwise: the angle falls

    def at(radius: float, angle: float) -> Point:
        return advance / 2 + radius * math.cos(angle), cy + radius * math.sin(angle)

    def arc(radius: float, a0: float, a1: float) -> None:
        """Quadratic segments of at most 30° each (a control point on the tangents' meeting point)."""
        steps = math.ceil(abs(a1 - a0) / math.radians(30))
        step = (a1 - a0) / steps
        for i in range(steps):
            pen.qCurveTo(at(radius / math.cos(step / 2), a0 + (i + 0.5) * step), at(radius, a0 + (i + 1) * step))

    ahead = (math.sin(end), -math.cos(end))  # the direction of travel at the end, clockwise
    head_half, head_length = 3.3 * half, 4.6 * half
    base = at(r, end)
    pen = RecordingPen()
    pen.moveTo(at(r + half, start))
    arc(r + half, start, end)
    pen.lineTo(at(r + head_half, end))
    pen.lineTo((base[0] + head_length * ahead[0], base[1] + head_length * ahead[1]))
    pen.lineTo(at(r - head_half, end))
    pen.lineTo(at(r - half, end))
    arc(r - half, end, start)
    pen.closePath()
    return [(pen, True)], advance


SHAPES: dict[int, Callable[[Geometry], Shape]] = {
    0x25B2: triangle_up, 0x25B6: triangle_right, 0x25C6: diamond, 0x26A0: warning_sign, 0x2713: check_mark,
    0x2717: ballot_x, 0x21BB: clockwise_arrow,
}


def add_glyphs(font: TTFont) -> None:
    geometry = Geometry(font)
    cmap = font.getBestCmap()
    order = list(font.getGlyphOrder())
    for code, shape in SHAPES.items():
        if code in cmap:
            raise SystemExit(f"U+{code:04X} is in the font already")
        contours, advance = shape(geometry)
        pen = TTGlyphPen(None)
        for outline, ink in contours:
            area = AreaPen()
            outline.replay(area)
            clockwise = area.value < 0  # TrueType: ink runs clockwise, holes the other way
            outline.replay(pen if clockwise == ink else ReverseContourPen(pen))
        glyph = pen.glyph()
        name = f"uni{code:04X}"
        font["glyf"][name] = glyph
        glyph.recalcBounds(font["glyf"])
        font["hmtx"][name] = (advance, glyph.xMin)
        order.append(name)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[code] = name
    font.setGlyphOrder(order)
    font["OS/2"].recalcUnicodeRanges(font)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
