"""The value-versus-cost 2×2 chart, painted with QPainter for the screen and the PDF alike.

x is effort (person-weeks, low left, high right), y is the combined value (0–100, low bottom, high top).
The four quadrants are quick wins (top-left), big bets (top-right), fill-ins (bottom-left) and money pits
(bottom-right). The two sides differ in marker shape (● product, ▲ engineering) as well as colour.

Geometry is relative to the rect; text and marker sizes are in points (times ``scale``), so the chart looks
the same on a 96-dpi screen and on a 1200-dpi PDF page. ``point_position`` and ``hit_test`` lay the chart
out exactly as ``paint`` does; they measure for the screen unless given the paint ``device``.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
)

from tension_desk.domain.model import Priority, Side
from tension_desk.domain.scoring import PriorityResult, by_rank, rank_labels
from tension_desk.render.fonts import on_paper, ui_font
from tension_desk.render.palette import ACCENT, GRID, INK, MUTED, PAPER, side_colour

LABEL_CHARS = 24

# (title, caption, tint, label colour) per quadrant; the tints are faint so the markers stay in front.
_QUADRANTS = {
    "top_left": ("Quick wins", "high value · low effort", QColor("#E8F3EC"), QColor("#1F5F43")),
    "top_right": ("Big bets", "high value · high effort", QColor("#F4F0E2"), QColor("#5E5020")),
    "bottom_left": ("Fill-ins", "low value · low effort", QColor("#F2F3F5"), QColor("#4A5462")),
    "bottom_right": ("Money pits", "low value · high effort", QColor("#F8EAE8"), QColor("#7D3430")),
}


@dataclass(frozen=True)
class QuadrantPoint:
    priority_id: int
    label: str
    side: Side
    value: float  # combined total, 0..100
    effort: float  # person-weeks
    number: str = ""  # its row's label in the matrix's "#" column (rank_labels): what a crowded chart numbers it by


@dataclass(frozen=True)
class QuadrantData:
    points: tuple[QuadrantPoint, ...]  # numbered (``QuadrantPoint.number``): in the matrix's ranked order
    value_split: float = 50.0
    effort_split: float | None = None  # None: the median effort of the points
    highlighted: int | None = None
    show_labels: bool = True
    title: str = ""


def quadrant_data(priorities: Sequence[Priority], results: Iterable[PriorityResult], title: str = "",
                  highlighted: int | None = None) -> QuadrantData:
    """The chart of a session, on screen and in the PDF alike: one point per priority with a combined value
    and an effort estimate (``results`` are ``PriorityResult``s; none before the reveal, so no points, and no
    rank), in the matrix's ranked order, each numbered as the matrix's "#" column labels its row ("7a")."""
    listed = list(results)
    by_id = {r.priority_id: r for r in listed}
    numbers = rank_labels(priorities, listed)
    points = tuple(QuadrantPoint(p.id, p.title, p.side, r.combined, p.effort_weeks, numbers.get(p.id, ""))
                   for p in by_rank(priorities, listed)
                   if (r := by_id.get(p.id)) is not None and r.combined is not None and p.effort_weeks is not None)
    return QuadrantData(points=points, highlighted=highlighted, title=title)


# -- markers (also used by the heat-map's priority column) ---------------------------------------------
def marker_path(side: Side, centre: QPointF, radius: float) -> QPainterPath:
    """A circle (product) or an upward triangle (engineering) of about the same visual weight.

    The triangle's circumradius is 1.3 × ``radius`` and its centroid sits on ``centre``.
    """
    if side is Side.PRODUCT:
        path = QPainterPath()
        path.addEllipse(centre, radius, radius)
        return path
    r = radius * 1.3
    cx, cy = centre.x(), centre.y()
    half_base = r * math.sqrt(3) / 2
    path = QPainterPath(QPointF(cx, cy - r))
    path.lineTo(cx + half_base, cy + r / 2)
    path.lineTo(cx - half_base, cy + r / 2)
    path.closeSubpath()
    return path


def draw_markers(painter: QPainter, markers: Iterable[tuple[Side, QPointF]], radius: float,
                 outline: float = 0.0) -> None:
    """Fill each (side, centre) marker in turn in its side's colour (as ``draw_marker`` fills one), with a thin
    paper-coloured outline when ``outline`` > 0: the pen is set once, the brush only where the side changes."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if outline > 0:
        pen = QPen(PAPER, outline)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
    current = None
    for side, centre in markers:
        if side is not current:
            painter.setBrush(QBrush(side_colour(side)))
            current = side
        painter.drawPath(marker_path(side, centre, radius))
    painter.restore()


def draw_marker(painter: QPainter, side: Side, centre: QPointF, radius: float, outline: float = 0.0) -> None:
    """Fill one side's marker in its colour, with a thin paper-coloured outline when ``outline`` > 0."""
    draw_markers(painter, ((side, centre),), radius, outline)


# -- layout --------------------------------------------------------------------------------------------
MIN_TEXT_PT = 9.0  # the smallest text on the chart: 12 px on a 96-dpi screen
REACH_PT = 34.0  # the farthest a label sits from its marker; past the first ring a leader line joins them
NUMBER_REACH_PT = 2 * REACH_PT  # the farthest a crowded chart's number goes: past it, a leader across the
# crowd is harder to follow than the number by its marker (and searching the whole plot for each number that
# has no room anywhere cost a 100-point chart's layout ~27 ms)


@dataclass(frozen=True)
class _Fonts:
    title: QFont
    legend: QFont
    axis: QFont
    tick: QFont
    quadrant: QFont
    caption: QFont
    label: QFont
    label_bold: QFont


@dataclass(frozen=True)
class _Frame:
    """The axes: where the plot, the header and (on a crowded chart) the key go, and the scales."""
    rect: QRectF
    plot: QRectF
    header: QRectF
    px_per_pt: float
    scale: float
    x_max: float
    x_ticks: tuple[float, ...]
    y_ticks: tuple[float, ...]
    value_split: float
    effort_split: float
    fonts: _Fonts
    device: QPaintDevice | None

    def pt(self, points: float) -> float:
        """A length in points (times the chart's scale) in device pixels."""
        return points * self.scale * self.px_per_pt

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device) if self.device is not None else QFontMetricsF(font)

    def x(self, effort: float) -> float:
        return self.plot.left() + max(0.0, min(effort, self.x_max)) / self.x_max * self.plot.width()

    def y(self, value: float) -> float:
        return self.plot.bottom() - max(0.0, min(value, 100.0)) / 100.0 * self.plot.height()

    @property
    def marker_radius(self) -> float:
        return self.pt(4.2)


@dataclass(frozen=True)
class ChartLabel:
    """One point's name (or, on a crowded chart, its number) where it is drawn."""
    priority_id: int
    text: str
    rect: QRectF
    font: QFont
    leader: QLineF | None = None  # from the marker's edge to the label, when the label sits away from it
    boxed: bool = False  # the highlighted point's label


@dataclass(frozen=True)
class KeyEntry:
    number: str
    point: QuadrantPoint
    text: str
    rect: QRectF


@dataclass(frozen=True)
class ChartLayout:
    """Everything ``paint`` draws, placed: tests and hit-testing read the same geometry."""
    frame: _Frame
    centres: dict[int, QPointF]  # marker centres; markers at the same spot sit side by side
    markers: dict[int, QRectF]  # each marker's bounding box
    names: tuple[tuple[str, QFont, QColor, QRectF], ...]  # quadrant names and captions
    labels: tuple[ChartLabel, ...]
    numbers: dict[int, str]  # priority id → its number on a crowded chart ("7a"); empty when every name fits
    key: tuple[KeyEntry, ...] = ()
    key_rect: QRectF | None = None


def _fonts(scale: float, paper: bool) -> _Fonts:
    return _Fonts(
        title=ui_font(12 * scale, bold=True, paper=paper),
        legend=ui_font(MIN_TEXT_PT * scale, paper=paper),
        axis=ui_font(MIN_TEXT_PT * scale, paper=paper),
        tick=ui_font(MIN_TEXT_PT * scale, paper=paper),
        quadrant=ui_font(10 * scale, bold=True, paper=paper),
        caption=ui_font(MIN_TEXT_PT * scale, paper=paper),
        label=ui_font(MIN_TEXT_PT * scale, paper=paper),
        label_bold=ui_font(9.5 * scale, bold=True, paper=paper),
    )


def _nice_ticks(maximum: float, target: int = 5) -> tuple[float, tuple[float, ...]]:
    """An axis end at or above ``maximum`` and round ticks from 0 to it."""
    maximum = max(maximum, 1e-9)
    raw = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    end = math.ceil(maximum / step - 1e-9) * step
    count = round(end / step)
    return end, tuple(round(i * step, 10) for i in range(count + 1))


def _effort_split(data: QuadrantData) -> float:
    if data.effort_split is not None:
        return max(0.0, data.effort_split)
    efforts = [max(0.0, p.effort) for p in data.points]
    return float(statistics.median(efforts)) if efforts else 5.0


def _px_per_pt(device: QPaintDevice | None) -> float:
    if device is not None:
        return device.logicalDpiY() / 72.0
    screen = QGuiApplication.primaryScreen()
    return (screen.logicalDotsPerInchY() if screen is not None else 96.0) / 72.0


def _frame(rect: QRectF, data: QuadrantData, scale: float, device: QPaintDevice | None,
           key_width: float = 0.0) -> _Frame:
    scale = scale if scale > 0 else 1.0
    fonts = _fonts(scale, on_paper(device))
    ppt = _px_per_pt(device)

    def fm(font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)

    def pt(points: float) -> float:
        return points * scale * ppt

    split = _effort_split(data)
    largest = max([max(0.0, p.effort) for p in data.points] + [split, 1.0])
    x_max, x_ticks = _nice_ticks(largest * 1.06)
    y_ticks = (0.0, 25.0, 50.0, 75.0, 100.0)

    pad = pt(3)
    inner = QRectF(rect).adjusted(pad, pad, -pad, -pad)
    header_h = max(fm(fonts.title).height() if data.title else 0.0, fm(fonts.legend).height())
    header = QRectF(inner.left(), inner.top(), inner.width(), header_h)
    tick_fm, axis_fm = fm(fonts.tick), fm(fonts.axis)
    tick_w = max(tick_fm.horizontalAdvance(f"{t:g}") for t in y_ticks)
    left = axis_fm.height() + pt(6) + tick_w + pt(4)
    bottom = pt(4) + tick_fm.height() + pt(4) + axis_fm.height()
    right = max(tick_fm.horizontalAdvance(f"{x_ticks[-1]:g}") / 2, pt(4)) + key_width
    top = header_h + pt(10)
    plot = QRectF(inner.left() + left, inner.top() + top,
                  max(1.0, inner.width() - left - right), max(1.0, inner.height() - top - bottom))
    return _Frame(rect=QRectF(rect), plot=plot, header=header, px_per_pt=ppt, scale=scale, x_max=x_max,
                  x_ticks=x_ticks, y_ticks=y_ticks, value_split=max(0.0, min(100.0, data.value_split)),
                  effort_split=split, fonts=fonts, device=device)


_Box = tuple[float, float, float, float]  # left, top, right, bottom


def _box(r: QRectF) -> _Box:
    return (r.left(), r.top(), r.right(), r.bottom())


def _boxes_meet(a: _Box, b: _Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _segment_meets(seg: tuple[float, float, float, float], b: _Box) -> bool:
    """Whether the segment (x0, y0, x1, y1) passes through the box (Liang–Barsky clipping: the part of the
    segment, t in [t0, t1], inside each of the box's four edges in turn)."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    if dx == 0:
        if x0 - b[0] < 0 or b[2] - x0 < 0:
            return False
    elif dx > 0:
        t0, t1 = max(t0, (x0 - b[0]) / -dx), min(t1, (b[2] - x0) / dx)
    else:
        t1, t0 = min(t1, (x0 - b[0]) / -dx), max(t0, (b[2] - x0) / dx)
    if dy == 0:
        if y0 - b[1] < 0 or b[3] - y0 < 0:
            return False
    elif dy > 0:
        t0, t1 = max(t0, (y0 - b[1]) / -dy), min(t1, (b[3] - y0) / dy)
    else:
        t1, t0 = min(t1, (y0 - b[1]) / -dy), max(t0, (b[3] - y0) / dy)
    return t0 <= t1


def _side_by_side(centres: dict[int, QPointF], half: dict[int, float]) -> dict[int, QPointF]:
    """Markers that would cover each other (``half``: each marker's half width) are drawn side by side around
    the common centre of their own places, so no point hides another: in rows of up to four (a group of more
    than sixteen as square as it goes), the highest values on top, each row by effort. A group stays together:
    where it touches another marker once spread, the two become one group, spread again, until none touch (each
    round joins groups, so it ends)."""
    own = {pid: (c.x(), c.y()) for pid, c in centres.items()}
    out = dict(own)
    group = {i: i for i in own}  # each marker's group, by one of its members (union-find, kept across rounds)

    def root(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    # Two markers touch only closer than twice the largest half width: each is compared with those in its own
    # and the eight cells around it of a grid that much wider, not with every other marker.
    cell = 2.5 * max(half.values(), default=1.0) or 1.0
    while True:
        grid: dict[tuple[int, int], list[int]] = {}
        for i, (x, y) in out.items():
            grid.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append(i)
        joined = set()
        for (gx, gy), members in grid.items():
            # each pair once (touching is mutual): within the cell, and with the cells right of and below it
            beside = [b for dx, dy in ((1, -1), (1, 0), (1, 1), (0, 1)) for b in grid.get((gx + dx, gy + dy), ())]
            for k, a in enumerate(members):
                ax, ay = out[a]
                reach_a = half[a]
                for b in (*members[k + 1:], *beside):
                    bx, by = out[b]
                    reach = reach_a + half[b]
                    if abs(ax - bx) < reach and abs(ay - by) < reach:
                        ra, rb = root(a), root(b)
                        if ra != rb:
                            group[ra] = rb
                            joined.add(rb)
        if not joined:
            return {pid: QPointF(x, y) for pid, (x, y) in out.items()}
        clusters: dict[int, list[int]] = {}
        for i in own:
            r = root(i)
            if r in joined:  # a group joined this round (every union names its group's root here)
                clusters.setdefault(r, []).append(i)
        for members in clusters.values():
            # rows from the highest value down, each from the least effort to the most
            members.sort(key=lambda i: (own[i][1], own[i][0], i))
            cols = max(min(len(members), 4), math.isqrt(len(members) - 1) + 1)  # a large group as square as rows allow
            members = [i for r in range(0, len(members), cols)
                       for i in sorted(members[r:r + cols], key=lambda i: (own[i][0], own[i][1], i))]
            mx = sum(own[i][0] for i in members) / len(members)
            my = sum(own[i][1] for i in members) / len(members)
            step = 2 * max(half[i] for i in members) * 1.08
            rows = math.ceil(len(members) / cols)
            for k, pid in enumerate(members):
                row, col = divmod(k, cols)
                in_row = min(cols, len(members) - row * cols)
                out[pid] = (mx + (col - (in_row - 1) / 2) * step, my + (row - (rows - 1) / 2) * step)


def _quadrant_rects(frame: _Frame) -> dict[str, QRectF]:
    p = frame.plot
    sx, sy = frame.x(frame.effort_split), frame.y(frame.value_split)
    return {
        "top_left": QRectF(QPointF(p.left(), p.top()), QPointF(sx, sy)),
        "top_right": QRectF(QPointF(sx, p.top()), QPointF(p.right(), sy)),
        "bottom_left": QRectF(QPointF(p.left(), sy), QPointF(sx, p.bottom())),
        "bottom_right": QRectF(QPointF(sx, sy), QPointF(p.right(), p.bottom())),
    }


def _quadrant_names(frame: _Frame) -> list[tuple[str, QFont, QColor, QRectF]]:
    """Each quadrant's name (and caption, where it fits) in its outer corner."""
    out = []
    name_fm, cap_fm = frame.metrics(frame.fonts.quadrant), frame.metrics(frame.fonts.caption)
    margin = frame.pt(5)
    for key, q in _quadrant_rects(frame).items():
        name, caption, _tint, ink = _QUADRANTS[key]
        box = q.adjusted(margin, margin, -margin, -margin)
        if box.width() <= 0 or box.height() < name_fm.height():
            continue
        lines = [(name, frame.fonts.quadrant, name_fm, ink)]
        if box.height() >= name_fm.height() + cap_fm.height() + margin and \
                cap_fm.horizontalAdvance(caption) <= box.width():
            lines.append((caption, frame.fonts.caption, cap_fm, MUTED))
        height = sum(m.height() for _t, _f, m, _c in lines)
        y = box.bottom() - height if key.startswith("bottom") else box.top()
        for text, font, metrics, colour in lines:
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width())
            w = metrics.horizontalAdvance(shown)
            x = box.right() - w if key.endswith("right") else box.left()
            out.append((shown, font, colour, QRectF(x, y, w, metrics.height())))
            y += metrics.height()
    return out


class _Grid:
    """Obstacles bucketed by the cells of a square grid their box touches (edges included), so what may meet
    a box is found among its cells' obstacles instead of all of them: whatever has a point in common with the
    box shares a cell with it (an obstacle is found once per cell it shares)."""

    def __init__(self, cell: float):
        self.cell = cell
        self.cells: dict[tuple[int, int], list[_Obstacle]] = {}
        self.borrowed: set[tuple[int, int]] = set()  # cells whose lists are still the grid's this one copies

    def copy(self) -> _Grid:
        """The same obstacles, in a grid whose changes leave this one as it is: it shares this one's lists of its
        cells until it changes one (then that cell gets a list of its own), so copying costs little. Only the
        copy is guarded: this grid must not change once copied (``_ground``'s does not)."""
        grid = _Grid(self.cell)
        grid.cells = dict(self.cells)
        grid.borrowed = set(self.cells)
        return grid

    def _span(self, thing: _Obstacle) -> tuple[range, range]:
        """The columns and rows of the cells the obstacle's box touches."""
        c = self.cell
        return (range(math.floor(thing.left / c), math.floor(thing.right / c) + 1),
                range(math.floor(thing.top / c), math.floor(thing.bottom / c) + 1))

    def _own(self, at: tuple[int, int]) -> list[_Obstacle]:
        """The list of the cell ``at``, this grid's own to change."""
        if at in self.borrowed:
            self.borrowed.discard(at)
            self.cells[at] = list(self.cells[at])
        return self.cells.setdefault(at, [])

    def add(self, thing: _Obstacle) -> None:
        columns, rows = self._span(thing)
        for i in columns:
            for j in rows:
                self._own((i, j)).append(thing)

    def remove(self, thing: _Obstacle) -> None:
        columns, rows = self._span(thing)
        for i in columns:
            for j in rows:
                self._own((i, j)).remove(thing)


_Segment = tuple[float, float, float, float]  # x0, y0, x1, y1


class _Obstacle(NamedTuple):
    """What a label must not cover: a label or quadrant name, a marker (``pid``) or a line (``segment``, with
    its bounding box), its box first. A tuple, so the placer's loops unpack it whole (they run for every spot
    tried); two equal obstacles are interchangeable (``_Grid.remove`` takes either)."""
    left: float
    top: float
    right: float
    bottom: float
    pid: int | None = None
    segment: _Segment | None = None

    @staticmethod
    def line(s: _Segment) -> _Obstacle:
        return _Obstacle(min(s[0], s[2]), min(s[1], s[3]), max(s[0], s[2]), max(s[1], s[3]), None, s)


@dataclass(frozen=True)
class _Ground:
    """A frame with its markers and quadrant names, laid out once for every attempt at the chart's labels
    (``_named`` three times, then ``_numbered``): ``grid`` holds the markers and names as obstacles, ``lined``
    the split lines too, and each attempt's placer starts from a copy of one instead of adding them all again."""
    frame: _Frame
    centres: dict[int, QPointF]
    markers: dict[int, QRectF]  # each marker's bounding box, as drawn
    names: list[tuple[str, QFont, QColor, QRectF]]
    marker_boxes: dict[int, _Box]
    splits: tuple[_Segment, _Segment]  # the dashed split lines: effort's, then value's
    grid: _Grid
    lined: _Grid


def _ground(frame: _Frame, data: QuadrantData) -> _Ground:
    centres, markers = _markers(frame, data)
    names = _quadrant_names(frame)
    marker_boxes = {pid: _box(m) for pid, m in markers.items()}
    grid = _Grid(max(frame.pt(16), 1.0))  # cells of about two lines of label text
    for *_x, r in names:
        grid.add(_Obstacle(*_box(r)))
    for pid, m in marker_boxes.items():
        grid.add(_Obstacle(*m, pid))
    sx, sy, plot = frame.x(frame.effort_split), frame.y(frame.value_split), frame.plot
    splits = ((sx, plot.top(), sx, plot.bottom()), (plot.left(), sy, plot.right(), sy))
    lined = grid.copy()
    for split in splits:
        lined.add(_Obstacle.line(split))
    return _Ground(frame, centres, markers, names, marker_boxes, splits, grid, lined)


class _Placer:
    """Puts labels one by one where they cover no other label, marker, quadrant name, leader or split line:
    first right next to the marker, then on rings further out (joined by a leader line) up to a reach.

    The obstacles are kept in a grid (_Grid), so each spot tried is checked against those around it only; as
    before, only those that reach into the label's whole ``near`` area around its marker count."""

    def __init__(self, ground: _Ground, avoid_splits: bool = True):
        frame = ground.frame
        self.ground, self.frame, self.centres, self.marker_boxes = ground, frame, ground.centres, ground.marker_boxes
        # the markers and quadrant names, and the dashed split lines, so no line runs through a label (where they
        # cannot all be avoided, each label's halo covers the line under its text)
        self.grid = (ground.lined if avoid_splits else ground.grid).copy()
        self.splits = ground.splits if avoid_splits else ()
        self.split_refused = False  # whether a spot was refused where a split line was the obstacle found
        self.bounds = _box(frame.plot.adjusted(-frame.pt(2), -frame.pt(2), frame.pt(2), frame.pt(2)))
        self.metrics: dict[int, QFontMetricsF] = {}  # per font (by identity: the frame's own label fonts)
        self.placed: dict[int, list[_Obstacle]] = {}  # each label placed (its box, its leader), by priority id
        self.changes = 0  # labels placed or lifted so far: the chart as it is
        # the last label that found no room: (pid, text, font id, changes), in what reach, in how many rings
        self.in_vain: tuple[tuple[int, str, int, int], float, int] | None = None

    def lift(self, pid: int) -> list[_Obstacle]:
        """Take ``pid``'s label and its leader off the chart (to try it elsewhere); ``put_back`` undoes it."""
        things = self.placed.pop(pid)
        for thing in things:
            self.grid.remove(thing)
        self.changes += 1
        return things

    def put_back(self, pid: int, things: list[_Obstacle]) -> None:
        for thing in things:
            self.grid.add(thing)
        self.placed[pid] = things
        self.changes += 1

    def _blocked(self, b0: float, b1: float, b2: float, b3: float, near: _Box) -> bool:
        """Whether the box (left, top, right, bottom) meets a label, name, marker or line (of those reaching into
        ``near``).

        The grid's cells are walked here, inline: this runs for every spot tried. Where ``near`` lies strictly
        around the box (as it does around every spot ``place`` tries, short of rounding on its last ring),
        whatever meets the box, even at an edge, reaches into ``near`` too, so that is not asked of each one."""
        n0, n1, n2, n3 = near
        inside = n0 < b0 and b2 < n2 and n1 < b1 and b3 < n3
        size, cells, floor = self.grid.cell, self.grid.cells, math.floor
        rows = range(floor(b1 / size), floor(b3 / size) + 1)
        for i in range(floor(b0 / size), floor(b2 / size) + 1):
            for j in rows:
                for o0, o1, o2, o3, _pid, line in cells.get((i, j), ()):
                    if line is None:
                        if not (o0 < b2 and b0 < o2 and o1 < b3 and b1 < o3):
                            continue
                    # a line can meet only a box its own bounding box meets, edges included
                    elif not (o0 <= b2 and b0 <= o2 and o1 <= b3 and b1 <= o3
                              and _segment_meets(line, (b0, b1, b2, b3))):
                        continue
                    if inside or (o0 < n2 and n0 < o2 and o1 < n3 and n1 < o3):
                        if line is not None and line in self.splits:
                            self.split_refused = True
                        return True
        return False

    def _crossed(self, seg: _Segment, pid: int, near: _Box) -> bool:
        """Whether a leader line from ``pid``'s marker crosses a label, a name or another marker (of those
        reaching into ``near``: where the line lies strictly inside it, whatever the line meets does).

        The cells walked are those the line's bounding box touches: a box can meet the line only where it meets
        that bounding box (edges included), and the grid files it under every cell it touches, so it is found
        there (a leader is short, at most NUMBER_REACH_PT: its box is a few cells across)."""
        x0, y0, x1, y1 = seg
        s0, s2 = (x0, x1) if x0 <= x1 else (x1, x0)
        s1, s3 = (y0, y1) if y0 <= y1 else (y1, y0)
        n0, n1, n2, n3 = near
        inside = n0 < s0 and s2 < n2 and n1 < s1 and s3 < n3
        size, cells, floor = self.grid.cell, self.grid.cells, math.floor
        rows = range(floor(s1 / size), floor(s3 / size) + 1)
        for i in range(floor(s0 / size), floor(s2 / size) + 1):
            for j in rows:
                for b0, b1, b2, b3, other, line in cells.get((i, j), ()):
                    if line is None and other != pid and s0 <= b2 and b0 <= s2 and s1 <= b3 and b1 <= s3 \
                            and (inside or (b0 < n2 and n0 < b2 and b1 < n3 and n1 < b3)) \
                            and _segment_meets(seg, (b0, b1, b2, b3)):
                        return True
        return False

    def place(self, pid: int, text: str, font: QFont, boxed: bool, reach: float) -> ChartLabel | None:
        """``text`` in the first free spot around ``pid``'s marker, ring by ring out to ``reach``, or None.

        Two shortcuts leave the answer as it is. Once a spot lies past the plot's edge on the side it moves
        towards, it lies past it on every ring further out, so it is tried no more. And asked again for the same
        label on the same chart (nothing placed or lifted since) after it found no room in a smaller reach, the
        rings tried then are skipped: a spot blocked then is blocked now (a larger reach only adds obstacles)."""
        f = self.frame
        fm = self.metrics.get(id(font)) or self.metrics.setdefault(id(font), f.metrics(font))
        w, h = fm.horizontalAdvance(text) + f.pt(4), fm.height() + f.pt(1)
        c = self.centres[pid]
        cx, cy = c.x(), c.y()
        own = self.marker_boxes[pid]
        gap = (own[2] - own[0]) / 2 + f.pt(1.5)
        ring = h * 0.8
        rings = max(1, int((reach - gap) / ring) + 1)
        near = (cx - reach - w, cy - reach - h, cx + reach + w, cy + reach + h)
        left_end, top_end, right_end, bottom_end = self.bounds
        asked = (pid, text, id(font), self.changes)
        vain = self.in_vain
        tried = vain[2] if vain is not None and vain[0] == asked and vain[1] <= reach else 0
        # each spot as (ax, ay, fx × w, fy × h), the products worked out once for the label, not on every ring
        first: list[tuple[float, float, float, float]] = [(ax, ay, fx * w, fy * h) for ax, ay, fx, fy in _SPOTS]
        more: list[tuple[float, float, float, float]] = [(ax, ay, fx * w, fy * h) for ax, ay, fx, fy in _MORE_SPOTS]
        spots = first if tried == 0 else first + more
        blocked = self._blocked
        for k in range(tried, rings):
            d = gap + k * ring
            still = []  # the spots of this ring not yet past the edge they move towards
            for spot in spots:
                ax, ay, dx, dy = spot
                left, top = cx + ax * d - dx, cy + ay * d - dy
                right, bottom = left + w, top + h
                if left < left_end or top < top_end or right > right_end or bottom > bottom_end:
                    gone = (ax > 0 and right > right_end) or (ax < 0 and left < left_end) \
                        or (ay > 0 and bottom > bottom_end) or (ay < 0 and top < top_end)
                    if not gone:
                        still.append(spot)
                    continue
                still.append(spot)
                if blocked(left, top, right, bottom, near):
                    continue
                leader = None
                added = [_Obstacle(left, top, right, bottom)]
                if k > 0:
                    nx, ny = min(max(cx, left), right), min(max(cy, top), bottom)
                    dist = math.hypot(nx - cx, ny - cy) or 1.0
                    r0 = gap - f.pt(1.5)
                    seg = (cx + (nx - cx) / dist * r0, cy + (ny - cy) / dist * r0, nx, ny)
                    if self._crossed(seg, pid, near):
                        continue
                    added.append(_Obstacle.line(seg))
                    leader = QLineF(*seg)
                self.put_back(pid, added)
                return ChartLabel(pid, text, QRectF(QPointF(left, top), QPointF(right, bottom)), font, leader, boxed)
            spots = still + more if k == 0 else still
        self.in_vain = (asked, reach, rings)
        return None


# Where a label goes around its marker, at distance d: the label's corner or edge (fx, fy: 0 left/top,
# 1 right/bottom, .5 middle) sits at the centre + (ax, ay) × d. Right, left, above, below, then diagonals.
_SPOTS = ((1, 0, 0, .5), (-1, 0, 1, .5), (0, -1, .5, 1), (0, 1, .5, 0),
          (.7, -.7, 0, 1), (-.7, -.7, 1, 1), (.7, .7, 0, 0), (-.7, .7, 1, 0))
_MORE_SPOTS = ((0, -1, 0, 1), (0, -1, 1, 1), (0, 1, 0, 0), (0, 1, 1, 0),
               (1, -.3, 0, 1), (1, .3, 0, 0), (-1, -.3, 1, 1), (-1, .3, 1, 0))


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _by_value(data: QuadrantData) -> list[QuadrantPoint]:
    return sorted(data.points, key=lambda p: (-p.value, p.effort, p.priority_id))


def _markers(frame: _Frame, data: QuadrantData) -> tuple[dict[int, QPointF], dict[int, QRectF]]:
    r = frame.marker_radius
    half = {p.priority_id: r * (1.5 if p.priority_id == data.highlighted else 1.0) * 1.3 for p in data.points}
    centres = _side_by_side({p.priority_id: QPointF(frame.x(p.effort), frame.y(p.value)) for p in data.points}, half)
    boxes = {pid: QRectF(c.x() - half[pid], c.y() - half[pid], 2 * half[pid], 2 * half[pid])
             for pid, c in centres.items()}
    return centres, boxes


def _named(placer: _Placer, data: QuadrantData, whole: bool = False) -> ChartLayout | None:
    """Every point with its name beside it, or None when some name finds no free place in reach (off the
    split lines where the ``placer`` avoids them). With ``whole``, each name is placed whole where it finds
    room, and cut at LABEL_CHARS only where it does not. Else every name is placed cut first, so each finds a
    place; then, in the same order, each cut name is tried whole (anywhere in reach that the others leave
    free) and kept cut, where it was, only where the whole name finds no room. ``placer``: a new one, on the
    chart's frame, markers and quadrant names (its ``_Ground``)."""
    ground, frame = placer.ground, placer.frame
    reach = frame.pt(REACH_PT)
    labels = []
    order = sorted(data.points, key=lambda p: (p.priority_id != data.highlighted, -p.value, p.priority_id))
    for p in order:
        if not data.show_labels and p.priority_id != data.highlighted:
            continue
        hl = p.priority_id == data.highlighted
        font = frame.fonts.label_bold if hl else frame.fonts.label
        full = " ".join(p.label.split())
        texts = [full] if hl else [full, short_label(p.label)] if whole else [short_label(p.label)]
        label = None
        for text in dict.fromkeys(texts):  # the whole name first, when asked for and it differs
            text = frame.metrics(font).elidedText(text, Qt.TextElideMode.ElideRight, frame.plot.width() * 0.6)
            label = placer.place(p.priority_id, text, font, hl, reach)
            if label is not None:
                break
        if label is None:
            return None
        labels.append(label)
    titles = {p.priority_id: p.label for p in data.points}
    for i, label in enumerate(labels if not whole else ()):  # the names placed cut: whole where there is room
        full = frame.metrics(label.font).elidedText(" ".join(titles[label.priority_id].split()),
                                                    Qt.TextElideMode.ElideRight, frame.plot.width() * 0.6)
        if full != label.text:
            cut = placer.lift(label.priority_id)
            grown = placer.place(label.priority_id, full, label.font, label.boxed, reach)
            if grown is None:
                placer.put_back(label.priority_id, cut)
            else:
                labels[i] = grown
    return ChartLayout(frame, ground.centres, ground.markers, tuple(ground.names), tuple(labels), {})


def numbered(data: QuadrantData) -> list[tuple[str, QuadrantPoint]]:
    """A crowded chart's key, in order: each point with its number, the label of its row in the matrix's "#"
    column ("7a": ``QuadrantPoint.number``), in the matrix's ranked order (as ``quadrant_data`` lists them), so
    a number said aloud is the same priority on every view and on paper; points without one (a chart not of a
    session's results) are numbered 1, 2, 3… from the highest value."""
    if all(p.number for p in data.points):
        return [(p.number, p) for p in data.points]
    return [(str(n), p) for n, p in enumerate(_by_value(data), start=1)]


def _number_width(fm: QFontMetricsF, numbers: Iterable[str]) -> float:
    """The key's column of numbers, as wide as its widest ("10a")."""
    return max((fm.horizontalAdvance(n) for n in numbers), default=0.0)


def keyed(data: QuadrantData) -> list[tuple[str, QuadrantPoint]]:
    """What a crowded chart's key lists, in the key's order (``numbered``): each point whose name says more than
    its number. A point named by its number alone (the PDF's "#7a": its matrix row names it) has no entry, so a
    chart of such points has no key, and its plot the chart's whole width."""
    return [(n, p) for n, p in numbered(data) if " ".join(p.label.split()) != f"#{n}"]


def _key_chars(listed: Sequence[tuple[str, QuadrantPoint]]) -> tuple[int, ...]:
    """Where the key's names are cut, tried in turn until the key fits: not at all (the longest name's length),
    then at LABEL_CHARS and shorter."""
    longest = max((len(" ".join(p.label.split())) for _n, p in listed), default=0)
    return tuple(dict.fromkeys((max(longest, LABEL_CHARS), LABEL_CHARS, 18, 14, 10)))


def _key_width(frame: _Frame, listed: Sequence[tuple[str, QuadrantPoint]], chars: int) -> tuple[float, int, float]:
    """(width, rows per column, column width) of a key of the ``listed`` points (``keyed``), names cut at
    ``chars``."""
    fm = frame.metrics(frame.fonts.label)
    line = fm.height() * 1.1
    rows = max(1, int(frame.plot.height() // line))
    columns = math.ceil(len(listed) / rows)
    number_w = _number_width(fm, (n for n, _p in listed))
    text_w = max(fm.horizontalAdvance(short_label(p.label, chars)) for _n, p in listed)
    column_w = number_w + frame.pt(4) + 2 * frame.marker_radius + frame.pt(4) + text_w + frame.pt(10)
    return columns * column_w + frame.pt(6), rows, column_w


def _numbered(ground: _Ground, data: QuadrantData) -> ChartLayout:
    """A crowded chart: each marker carries a number (``numbered``), and a key beside the chart names them
    (``keyed``), whole where the key has room (up to 45% of the chart's width), else cut; where no point's name
    says more than its number, there is no key. ``ground`` is the chart laid out with no key (``chart_layout``'s):
    where there is no key, the plot is that frame's, so its markers and names are used as they are, not worked
    out again (a key of no width adds 0.0 to the plot's right margin, and nothing else of the frame depends on
    it)."""
    base = ground.frame
    rect = base.rect
    limit = rect.width() * 0.45
    in_key = keyed(data)
    width, rows, column_w, chars = 0.0, 1, 0.0, 0
    for chars in _key_chars(in_key) if in_key else ():
        width, rows, column_w = _key_width(base, in_key, chars)
        if width <= limit:
            break
    if min(width, limit) != 0.0:
        ground = _ground(_frame(rect, data, base.scale, base.device, key_width=min(width, limit)), data)
    frame, centres, markers, names = ground.frame, ground.centres, ground.markers, ground.names
    listed = numbered(data)
    numbers = {p.priority_id: n for n, p in listed}
    placer = _Placer(ground)
    labels = []
    for n, p in sorted(listed, key=lambda item: item[1].priority_id != data.highlighted):  # then the key's order
        hl = p.priority_id == data.highlighted
        font = frame.fonts.label_bold if hl else frame.fonts.label
        label = (hl and placer.place(p.priority_id, f"{n}  {' '.join(p.label.split())}", font, True,
                                     frame.pt(REACH_PT))) \
            or placer.place(p.priority_id, n, font, hl, frame.pt(REACH_PT)) \
            or placer.place(p.priority_id, n, font, hl, frame.pt(NUMBER_REACH_PT))
        if label is None:
            label = beside_marker(frame, placer.bounds, p.priority_id, centres[p.priority_id], n, font, hl)
        labels.append(label)
    if not in_key:
        return ChartLayout(frame, centres, markers, tuple(names), tuple(labels), numbers)
    fm = frame.metrics(frame.fonts.label)
    line = fm.height() * 1.1
    key_rect = QRectF(frame.plot.right() + frame.pt(10), frame.plot.top(),
                      rect.right() - frame.pt(3) - frame.plot.right() - frame.pt(10), frame.plot.height())
    columns = math.ceil(len(in_key) / rows)
    # where even the shortest cut leaves the key wider than its room, the columns share the room (each entry's
    # name elided to its column when painted; its tooltip names it whole)
    column_w = min(column_w, max(0.0, key_rect.width()) / columns)
    entries = []
    for i, (n, p) in enumerate(in_key):
        col, row = divmod(i, rows)
        r = QRectF(key_rect.left() + col * column_w, key_rect.top() + row * line, column_w, line)
        entries.append(KeyEntry(n, p, short_label(p.label, chars), r))
    return ChartLayout(frame, centres, markers, tuple(names), tuple(labels), numbers, tuple(entries), key_rect)


def beside_marker(frame: _Frame, bounds: _Box, pid: int, centre: QPointF, n: str, font: QFont,
                  boxed: bool) -> ChartLabel:
    """A crowded chart's number that found no room near its marker: still printed, by its marker (left of it
    where the right side would leave the plot), and kept inside the plot's ``bounds``, clear of the axes and the
    key. (Not part of the placement's search: the tests' reference placement uses it as it is.)"""
    fm = frame.metrics(font)
    w, h = fm.horizontalAdvance(n) + frame.pt(4), fm.height()
    b_left, b_top, b_right, b_bottom = bounds
    left = centre.x() + frame.marker_radius * 2
    if left + w > b_right:
        left = centre.x() - frame.marker_radius * 2 - w
    left, top = max(b_left, min(left, b_right - w)), max(b_top, min(centre.y() - h / 2, b_bottom - h))
    return ChartLabel(pid, n, QRectF(left, top, w, h), font, None, boxed)


# (rect.getRect(), data, scale, px/pt, on paper: the fonts differ)
_CACHE: dict[tuple[object, QuadrantData, float, float, bool], ChartLayout] = {}


def chart_layout(rect: QRectF, data: QuadrantData, scale: float = 1.0, *,
                 device: QPaintDevice | None = None) -> ChartLayout:
    """Where everything on the chart goes (measured for the screen unless given the paint ``device``).

    Every point gets its whole name next to its marker where every whole name finds a place (else names cut
    at LABEL_CHARS, each made whole again where the others leave it room), or a little further out with a
    leader line, off the split lines where they all fit so (a label's halo hides a line under it otherwise);
    when some name finds no free place, every marker gets a number instead (its row's "#" in the matrix:
    ``numbered``) and a key beside the chart names them (whole where it has room; no key where each point is
    named by its number: ``keyed``). A cut name is whole in the tooltip of its label or key entry (``hit_test``
    finds both)."""
    ppt = _px_per_pt(device)
    cache_key = (rect.getRect(), data, scale, ppt, on_paper(device))
    if cache_key not in _CACHE:
        if len(_CACHE) > 16:
            _CACHE.clear()
        _CACHE[cache_key] = _laid_out(_ground(_frame(rect, data, scale, device), data), data)
    return _CACHE[cache_key]


def _laid_out(ground: _Ground, data: QuadrantData) -> ChartLayout:
    """The chart named (whole names, then cut ones, then cut ones on the split lines) or else numbered.

    Two tries are skipped where they would only repeat one made, step for step, and fail where it failed. Where
    no name is cut (none longer than LABEL_CHARS: the PDF's "#7a"), the names placed cut are the names placed
    whole. And then, where no spot of the first try was refused for a split line (found as its obstacle), the
    try on the lines gives every spot the same answer: a spot refused for another obstacle is refused again,
    and a free one stays free with fewer obstacles, so the same labels go to the same places until the same
    one finds no room."""
    first = _Placer(ground)
    lay = _named(first, data, whole=True)
    if lay is not None:
        return lay
    cut = any(short_label(p.label) != " ".join(p.label.split()) for p in data.points)
    lay = _named(_Placer(ground), data) if cut else None
    if lay is None and (cut or first.split_refused):
        lay = _named(_Placer(ground, avoid_splits=False), data)
    return lay if lay is not None else _numbered(ground, data)


def point_position(rect: QRectF, data: QuadrantData, point: QuadrantPoint, scale: float = 1.0, *,
                   device: QPaintDevice | None = None) -> QPointF:
    """Where ``point``'s marker centre is drawn (for a point not on the chart: where its values lie)."""
    lay = chart_layout(rect, data, scale, device=device)
    if point in data.points:
        return lay.centres[point.priority_id]
    return QPointF(lay.frame.x(point.effort), lay.frame.y(point.value))


def hit_test(rect: QRectF, data: QuadrantData, pos: QPointF, scale: float = 1.0, *,
             device: QPaintDevice | None = None) -> int | None:
    """The id of the priority whose marker, label or key entry is under ``pos`` (the nearest marker), or
    None: pointing at a cut name shows the whole one (the chart widget's tooltip)."""
    lay = chart_layout(rect, data, scale, device=device)
    best, best_d = None, None
    for p in data.points:
        c = lay.centres[p.priority_id]
        radius = lay.frame.marker_radius * (1.5 if p.priority_id == data.highlighted else 1.0)
        reach = max(radius * 1.5, lay.frame.pt(5))
        d = math.hypot(pos.x() - c.x(), pos.y() - c.y())
        if d <= reach and (best_d is None or d < best_d):
            best, best_d = p.priority_id, d
    if best is None:
        best = next((label.priority_id for label in lay.labels if label.rect.contains(pos)), None)
    if best is None:
        best = next((entry.point.priority_id for entry in lay.key if entry.rect.contains(pos)), None)
    return best


# -- painting ------------------------------------------------------------------------------------------
def paint(painter: QPainter, rect: QRectF, data: QuadrantData, scale: float = 1.0) -> None:
    """Paint the whole chart (axes, quadrants, points, labels or numbers and key, legend, title) in ``rect``."""
    lay = chart_layout(rect, data, scale, device=painter.device())
    # A cached layout may have been measured on another device of the same resolution (a chart widget since
    # deleted): what is painted now is measured on this painter's own device.
    lay = replace(lay, frame=replace(lay.frame, device=painter.device()))
    frame = lay.frame
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(frame.rect, PAPER)
    _paint_quadrants(painter, lay)
    _paint_axes(painter, frame)
    _paint_points(painter, lay, data)
    _paint_key(painter, lay)
    _paint_header(painter, frame, data)
    painter.restore()


def _paint_quadrants(painter: QPainter, lay: ChartLayout) -> None:
    """Tints, grid, split lines and the quadrant names."""
    frame = lay.frame
    for q, tint in _tints(frame):
        if q.width() > 0 and q.height() > 0:
            painter.fillRect(q, tint)

    painter.setPen(QPen(GRID, frame.pt(0.5)))
    for t in frame.x_ticks[1:-1]:
        painter.drawLine(QLineF(frame.x(t), frame.plot.top(), frame.x(t), frame.plot.bottom()))
    for t in frame.y_ticks[1:-1]:
        painter.drawLine(QLineF(frame.plot.left(), frame.y(t), frame.plot.right(), frame.y(t)))

    split = QPen(MUTED, frame.pt(0.9), Qt.PenStyle.DashLine)
    split.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(split)
    sx, sy = frame.x(frame.effort_split), frame.y(frame.value_split)
    painter.drawLine(QLineF(sx, frame.plot.top(), sx, frame.plot.bottom()))
    painter.drawLine(QLineF(frame.plot.left(), sy, frame.plot.right(), sy))

    for text, font, colour, r in lay.names:
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def _paint_axes(painter: QPainter, lay: _Frame) -> None:
    plot = lay.plot
    painter.setPen(QPen(MUTED, lay.pt(0.8)))
    painter.drawLine(QLineF(plot.bottomLeft(), plot.bottomRight()))
    painter.drawLine(QLineF(plot.bottomLeft(), plot.topLeft()))

    tick_len = lay.pt(3)
    fm = lay.metrics(lay.fonts.tick)
    painter.setFont(lay.fonts.tick)
    for t in lay.x_ticks:
        x = lay.x(t)
        painter.setPen(QPen(MUTED, lay.pt(0.8)))
        painter.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + tick_len))
        text = f"{t:g}"
        w = fm.horizontalAdvance(text)
        painter.setPen(MUTED)
        painter.drawText(QRectF(x - w / 2 - lay.pt(2), plot.bottom() + lay.pt(4), w + lay.pt(4), fm.height()),
                         Qt.AlignmentFlag.AlignCenter, text)
    for t in lay.y_ticks:
        y = lay.y(t)
        painter.setPen(QPen(MUTED, lay.pt(0.8)))
        painter.drawLine(QLineF(plot.left() - tick_len, y, plot.left(), y))
        text = f"{t:g}"
        painter.setPen(MUTED)
        painter.drawText(QRectF(plot.left() - lay.pt(4) - fm.horizontalAdvance("1000"), y - fm.height() / 2,
                                fm.horizontalAdvance("1000"), fm.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

    axis_fm = lay.metrics(lay.fonts.axis)
    painter.setFont(lay.fonts.axis)
    painter.setPen(INK)
    x_title = "Effort (person-weeks)"
    painter.drawText(QRectF(plot.left(), lay.rect.bottom() - lay.pt(3) - axis_fm.height(), plot.width(),
                            axis_fm.height()), Qt.AlignmentFlag.AlignCenter, x_title)
    y_title = "Combined value (0–100)"
    painter.save()
    painter.translate(lay.rect.left() + lay.pt(3), plot.center().y())
    painter.rotate(-90)
    painter.drawText(QRectF(-plot.height() / 2, 0, plot.height(), axis_fm.height()),
                     Qt.AlignmentFlag.AlignCenter, y_title)
    painter.restore()




def _paint_points(painter: QPainter, lay: ChartLayout, data: QuadrantData) -> None:
    frame = lay.frame
    r = frame.marker_radius
    painter.setPen(QPen(MUTED, frame.pt(0.6)))
    for label in lay.labels:
        if label.leader is not None:
            painter.drawLine(label.leader)
    outline = frame.pt(0.8)
    draw_markers(painter, ((p.side, lay.centres[p.priority_id]) for p in data.points
                           if p.priority_id != data.highlighted), r, outline)
    highlighted = next((p for p in data.points if p.priority_id == data.highlighted), None)
    if highlighted is not None:
        c = lay.centres[highlighted.priority_id]
        painter.setPen(QPen(ACCENT, frame.pt(1.4)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = r * 1.5 * (1.55 if highlighted.side is Side.ENGINEERING else 1.35)
        painter.drawEllipse(c, ring, ring)
        draw_marker(painter, highlighted.side, c, r * 1.5, outline)
    tints = _tints(frame)
    centred = Qt.AlignmentFlag.AlignCenter
    ink = font = None  # the painter's text colour and font: set only where they change
    for label in lay.labels:
        if label.boxed:
            painter.setPen(QPen(ACCENT, frame.pt(0.6)))
            painter.setBrush(PAPER)
            painter.drawRoundedRect(label.rect, frame.pt(2), frame.pt(2))
            painter.setPen(ACCENT)
            ink = ACCENT
        else:  # a halo in the quadrants' tints: no grid or split line ever runs through the text
            _paint_halo(painter, tints, label.rect)
            if ink is not INK:
                painter.setPen(INK)
                ink = INK
        if label.font is not font:
            painter.setFont(label.font)
            font = label.font
        painter.drawText(label.rect, centred, label.text)


def _tints(frame: _Frame) -> list[tuple[QRectF, QColor]]:
    """Each quadrant's rect and tint."""
    return [(q, _QUADRANTS[key][2]) for key, q in _quadrant_rects(frame).items()]


def _paint_halo(painter: QPainter, tints: list[tuple[QRectF, QColor]], rect: QRectF) -> None:
    """Paint over ``rect`` the background it lies on: paper, and each quadrant's tint (``_tints``) where it
    reaches."""
    painter.fillRect(rect, PAPER)
    for q, tint in tints:
        part = rect.intersected(q)
        if not part.isEmpty():
            painter.fillRect(part, tint)


def _paint_key(painter: QPainter, lay: ChartLayout) -> None:
    """On a crowded chart: "12 ▲ Title" per point, in columns beside the plot (the texts, then the markers: they
    never meet)."""
    frame = lay.frame
    if not lay.key:
        return
    font = frame.fonts.label
    fm = frame.metrics(font)
    number_w = _number_width(fm, (e.number for e in lay.key))
    radius = frame.marker_radius * 0.9
    gap, margin = frame.pt(4), frame.pt(6)
    to_right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    to_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    markers = []
    painter.setFont(font)
    painter.setPen(INK)
    for entry in lay.key:
        r = entry.rect
        left, top, height = r.left(), r.top(), r.height()
        painter.drawText(QRectF(left, top, number_w, height), to_right, entry.number)
        mx = left + number_w + gap + radius
        side = entry.point.side
        markers.append((side, QPointF(mx, r.center().y() + (radius * 0.15 if side is Side.ENGINEERING else 0.0))))
        text_x = mx + radius + gap
        room = max(0.0, r.right() - margin - text_x)
        painter.drawText(QRectF(text_x, top, room, height), to_left, key_text(fm, entry.text, room))
    draw_markers(painter, markers, radius)


def key_text(fm: QFontMetricsF, text: str, room: float) -> str:
    """A key entry's name as its room shows it: whole, cut with "…", or nothing where fewer than three of its
    characters would show ("#3…" of "#31b" reads as another priority's number; the tooltip has the whole)."""
    shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)
    return shown if shown == text or len(shown.rstrip("…")) >= 3 else ""


def _paint_header(painter: QPainter, lay: _Frame, data: QuadrantData) -> None:
    header = lay.header
    legend_fm = lay.metrics(lay.fonts.legend)
    r = lay.pt(3.6)
    items = [(Side.PRODUCT, "Product"), (Side.ENGINEERING, "Engineering")]
    widths = [2 * r + lay.pt(4) + legend_fm.horizontalAdvance(text) for _s, text in items]
    spacing = lay.pt(12)
    total = sum(widths) + spacing * (len(items) - 1)
    x = header.right() - total
    cy = header.center().y()
    painter.setFont(lay.fonts.legend)
    for (side, text), w in zip(items, widths, strict=True):
        draw_marker(painter, side, QPointF(x + r, cy + (r * 0.15 if side is Side.ENGINEERING else 0)), r)
        painter.setPen(INK)
        painter.drawText(QRectF(x + 2 * r + lay.pt(4), header.top(), w, header.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        x += w + spacing
    if data.title:
        title_fm = lay.metrics(lay.fonts.title)
        room = header.width() - total - lay.pt(16)
        if room > 0:
            painter.setFont(lay.fonts.title)
            painter.setPen(INK)
            painter.drawText(QRectF(header.left(), header.top(), room, header.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             title_fm.elidedText(data.title, Qt.TextElideMode.ElideRight, room))
