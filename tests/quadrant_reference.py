"""The 2×2 chart's label placement as it was before it was made fast (commit 387f212: all-pairs overlap checks,
QPointF arithmetic), kept in the tests only as the oracle the fast layout must agree with exactly. One rule
changed since, in both: where names are placed cut, each is then tried whole again (``_named``). What a crowded
chart numbers each point by and lists in its key (``numbered``: the matrix's "#" labels, in its ranked order;
``keyed``: those whose names say more than their numbers) and where the key cuts names (``_key_chars``: whole
first) are the module's own, not placement: shared."""
from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPaintDevice

from tension_desk.render.quadrant import (
    LABEL_CHARS,
    NUMBER_REACH_PT,
    REACH_PT,
    ChartLabel,
    ChartLayout,
    KeyEntry,
    QuadrantData,
    _Frame,
    _frame,
    _key_chars,
    _number_width,
    _quadrant_names,
    beside_marker,
    keyed,
    numbered,
)

_Box = tuple[float, float, float, float]  # left, top, right, bottom


def _box(r: QRectF) -> _Box:
    return (r.left(), r.top(), r.right(), r.bottom())


def _boxes_meet(a: _Box, b: _Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _segment_meets(seg: tuple[float, float, float, float], b: _Box) -> bool:
    """Whether the segment (x0, y0, x1, y1) passes through the box (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - b[0]), (dx, b[2] - x0), (-dy, y0 - b[1]), (dy, b[3] - y0)):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def _side_by_side(centres: dict[int, QPointF], half: dict[int, float]) -> dict[int, QPointF]:
    """Markers that would cover each other (``half``: each marker's half width) are drawn side by side
    (rows of up to four, in the order of their own places) around the common centre of their own places; a
    group stays together, and joins another it touches once spread, until none touch. Every pair compared."""
    group = {i: i for i in centres}

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    out = dict(centres)
    while True:
        ids = list(out)
        joined = False
        for a_i, a in enumerate(ids):
            for b in ids[a_i + 1:]:
                reach = half[a] + half[b]
                if abs(out[a].x() - out[b].x()) < reach and abs(out[a].y() - out[b].y()) < reach \
                        and root(a) != root(b):
                    group[root(a)] = root(b)
                    joined = True
        if not joined:
            return out
        clusters: dict[int, list[int]] = {}
        for i in ids:
            clusters.setdefault(root(i), []).append(i)
        for members in clusters.values():
            if len(members) < 2:
                continue
            # rows from the highest value down, each from the least effort to the most
            members.sort(key=lambda i: (centres[i].y(), centres[i].x(), i))
            cols = max(min(len(members), 4), math.isqrt(len(members) - 1) + 1)  # a large group as square as rows allow
            members = [i for r in range(0, len(members), cols)
                       for i in sorted(members[r:r + cols], key=lambda i: (centres[i].x(), centres[i].y(), i))]
            mx = sum(centres[i].x() for i in members) / len(members)
            my = sum(centres[i].y() for i in members) / len(members)
            step = 2 * max(half[i] for i in members) * 1.08
            rows = math.ceil(len(members) / cols)
            for k, pid in enumerate(members):
                row, col = divmod(k, cols)
                in_row = min(cols, len(members) - row * cols)
                out[pid] = QPointF(mx + (col - (in_row - 1) / 2) * step, my + (row - (rows - 1) / 2) * step)


class _Placer:
    """Puts labels one by one where they cover no other label, marker, quadrant name, leader or split line:
    first right next to the marker, then on rings further out (joined by a leader line) up to a reach."""

    def __init__(self, frame: _Frame, centres: dict[int, QPointF], markers: dict[int, QRectF],
                 names: list[QRectF], avoid_splits: bool = True):
        self.frame, self.centres = frame, centres
        self.marker_boxes = {pid: _box(m) for pid, m in markers.items()}
        self.boxes: list[_Box] = [_box(r) for r in names]
        sx, sy, plot = frame.x(frame.effort_split), frame.y(frame.value_split), frame.plot
        # the dashed split lines are obstacles too, so no line runs through a label (where they cannot all be
        # avoided, each label's halo covers the line under its text)
        self.segments: list[tuple[float, float, float, float]] = [
            (sx, plot.top(), sx, plot.bottom()), (plot.left(), sy, plot.right(), sy)] if avoid_splits else []
        self.bounds = _box(frame.plot.adjusted(-frame.pt(2), -frame.pt(2), frame.pt(2), frame.pt(2)))
        self.placed: dict[int, tuple[_Box, tuple[float, float, float, float] | None]] = {}  # box, leader

    def lift(self, pid: int) -> tuple[_Box, tuple[float, float, float, float] | None]:
        box, seg = self.placed.pop(pid)
        self.boxes.remove(box)
        if seg is not None:
            self.segments.remove(seg)
        return box, seg

    def put_back(self, pid: int, placed: tuple[_Box, tuple[float, float, float, float] | None]) -> None:
        box, seg = placed
        self.boxes.append(box)
        if seg is not None:
            self.segments.append(seg)
        self.placed[pid] = placed

    def place(self, pid: int, text: str, font: QFont, boxed: bool, reach: float) -> ChartLabel | None:
        f = self.frame
        fm = f.metrics(font)
        w, h = fm.horizontalAdvance(text) + f.pt(4), fm.height() + f.pt(1)
        c = self.centres[pid]
        own = self.marker_boxes[pid]
        gap = (own[2] - own[0]) / 2 + f.pt(1.5)
        ring = h * 0.8
        rings = max(1, int((reach - gap) / ring) + 1)
        near = (c.x() - reach - w, c.y() - reach - h, c.x() + reach + w, c.y() + reach + h)
        boxes = [b for b in self.boxes if _boxes_meet(b, near)]
        markers = [m for m in self.marker_boxes.values() if _boxes_meet(m, near)]
        others = [m for q, m in self.marker_boxes.items() if q != pid and _boxes_meet(m, near)]
        segments = [s for s in self.segments if _boxes_meet((min(s[0], s[2]), min(s[1], s[3]),
                                                              max(s[0], s[2]), max(s[1], s[3])), near)]
        for k in range(rings):
            d = gap + k * ring
            for ax, ay, fx, fy in (_SPOTS if k == 0 else _SPOTS + _MORE_SPOTS):
                left, top = c.x() + ax * d - fx * w, c.y() + ay * d - fy * h
                b = (left, top, left + w, top + h)
                if b[0] < self.bounds[0] or b[1] < self.bounds[1] or b[2] > self.bounds[2] or b[3] > self.bounds[3]:
                    continue
                if any(_boxes_meet(b, o) for o in boxes) or any(_boxes_meet(b, m) for m in markers) \
                        or any(_segment_meets(s, b) for s in segments):
                    continue
                leader, seg = None, None
                if k > 0:
                    nx, ny = min(max(c.x(), b[0]), b[2]), min(max(c.y(), b[1]), b[3])
                    dist = math.hypot(nx - c.x(), ny - c.y()) or 1.0
                    r0 = gap - f.pt(1.5)
                    seg = (c.x() + (nx - c.x()) / dist * r0, c.y() + (ny - c.y()) / dist * r0, nx, ny)
                    if any(_segment_meets(seg, o) for o in boxes) or any(_segment_meets(seg, m) for m in others):
                        continue
                    leader = QLineF(*seg)
                self.put_back(pid, (b, seg))
                return ChartLabel(pid, text, QRectF(QPointF(b[0], b[1]), QPointF(b[2], b[3])), font, leader, boxed)
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


def _markers(frame: _Frame, data: QuadrantData) -> tuple[dict[int, QPointF], dict[int, QRectF]]:
    r = frame.marker_radius
    half = {p.priority_id: r * (1.5 if p.priority_id == data.highlighted else 1.0) * 1.3 for p in data.points}
    centres = _side_by_side({p.priority_id: QPointF(frame.x(p.effort), frame.y(p.value)) for p in data.points}, half)
    boxes = {pid: QRectF(c.x() - half[pid], c.y() - half[pid], 2 * half[pid], 2 * half[pid])
             for pid, c in centres.items()}
    return centres, boxes


def _named(frame: _Frame, data: QuadrantData, avoid_splits: bool = True, whole: bool = False) -> ChartLayout | None:
    """Every point with its name beside it, or None when some name finds no free place in reach (off the
    split lines unless ``avoid_splits`` is False). Names are cut at LABEL_CHARS; with ``whole``, each name is
    placed whole where it finds room, and cut only where it does not."""
    centres, markers = _markers(frame, data)
    names = _quadrant_names(frame)
    placer = _Placer(frame, centres, markers, [r for *_x, r in names], avoid_splits)
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
    if not whole:  # the names placed cut: each tried whole, kept cut where it was if the whole finds no room
        for i, label in enumerate(labels):
            p = next(p for p in data.points if p.priority_id == label.priority_id)
            full = frame.metrics(label.font).elidedText(" ".join(p.label.split()), Qt.TextElideMode.ElideRight,
                                                        frame.plot.width() * 0.6)
            if full != label.text:
                cut = placer.lift(p.priority_id)
                grown = placer.place(p.priority_id, full, label.font, label.boxed, reach)
                if grown is None:
                    placer.put_back(p.priority_id, cut)
                else:
                    labels[i] = grown
    return ChartLayout(frame, centres, markers, tuple(names), tuple(labels), {})


def _key_width(frame: _Frame, listed, chars: int) -> tuple[float, int, float]:
    """(width, rows per column, column width) of a key of the listed points, names cut at ``chars``."""
    fm = frame.metrics(frame.fonts.label)
    line = fm.height() * 1.1
    rows = max(1, int(frame.plot.height() // line))
    columns = math.ceil(len(listed) / rows)
    number_w = _number_width(fm, (n for n, _p in listed))
    text_w = max(fm.horizontalAdvance(short_label(p.label, chars)) for _n, p in listed)
    column_w = number_w + frame.pt(4) + 2 * frame.marker_radius + frame.pt(4) + text_w + frame.pt(10)
    return columns * column_w + frame.pt(6), rows, column_w


def _numbered(rect: QRectF, data: QuadrantData, scale: float, device: QPaintDevice | None) -> ChartLayout:
    """A crowded chart: each marker carries a number, and a key beside the chart names them all."""
    base = _frame(rect, data, scale, device)
    limit = base.rect.width() * 0.45
    in_key = keyed(data)
    width, rows, column_w, chars = 0.0, 1, 0.0, 0
    for chars in _key_chars(in_key) if in_key else ():
        width, rows, column_w = _key_width(base, in_key, chars)
        if width <= limit:
            break
    frame = _frame(rect, data, scale, device, key_width=min(width, limit))
    centres, markers = _markers(frame, data)
    names = _quadrant_names(frame)
    listed = numbered(data)
    numbers = {p.priority_id: n for n, p in listed}
    placer = _Placer(frame, centres, markers, [r for *_x, r in names])
    labels = []
    for n, p in sorted(listed, key=lambda item: item[1].priority_id != data.highlighted):
        hl = p.priority_id == data.highlighted
        font = frame.fonts.label_bold if hl else frame.fonts.label
        label = (hl and placer.place(p.priority_id, f"{n}  {' '.join(p.label.split())}", font, True,
                                     frame.pt(REACH_PT))) \
            or placer.place(p.priority_id, n, font, hl, frame.pt(REACH_PT)) \
            or placer.place(p.priority_id, n, font, hl, frame.pt(NUMBER_REACH_PT))
        if label is None:  # no room near it: by its marker (the module's own, not placement: shared)
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




def reference_layout(rect: QRectF, data: QuadrantData, scale: float = 1.0, *,
                     device: QPaintDevice | None = None) -> ChartLayout:
    """chart_layout as it was, without its cache."""
    frame = _frame(rect, data, scale, device)
    return (_named(frame, data, whole=True) or _named(frame, data)
            or _named(frame, data, avoid_splits=False)
            or _numbered(rect, data, scale, device))
