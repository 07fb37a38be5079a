"""Parsing a priorities CSV (DESIGN.md: ``title,side,description,effort_weeks,idea_date,link``).

All or nothing: the caller imports the rows only when ``errors`` is empty (or the user chooses to import
the valid rows). Every bad row is reported by its line number in the file (the header is line 1).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from tension_desk.domain import limits
from tension_desk.domain.model import PriorityDraft
from tension_desk.domain.validation import (
    ValidationError,
    parse_date,
    parse_effort,
    parse_side,
    validate_priority,
)

COLUMNS = ("title", "side", "description", "effort_weeks", "idea_date", "link")
REQUIRED = ("title", "side")
csv.field_size_limit(limits.CSV_FILE)


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (encoding, header, size)."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class CsvResult:
    rows: list[tuple[int, PriorityDraft]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(data: bytes) -> str:
    if len(data) > limits.CSV_FILE:
        raise CsvFormatError(f"the file is larger than {limits.CSV_FILE // (1024 * 1024)} MB")
    if b"\x00" in data:
        raise CsvFormatError("the file contains NUL bytes; it is not a UTF-8 text CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFormatError(
            f"the file is not UTF-8 text (undecodable byte at position {exc.start}); save it as UTF-8 CSV"
        ) from None


def parse_priorities_csv(data: bytes) -> CsvResult:
    text = decode(data)
    if not text.strip():
        raise CsvFormatError("the file is empty; it needs a header row: " + ",".join(COLUMNS))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise CsvFormatError(f"line 1: the header cannot be read ({exc})") from None
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h not in COLUMNS]
    missing = [c for c in REQUIRED if c not in names]
    if unknown or missing:
        parts = []
        if missing:
            parts.append("missing column " + ", ".join(missing))
        if unknown:
            parts.append("unknown column " + ", ".join(repr(u) for u in unknown))
        raise CsvFormatError(f"line 1: {'; '.join(parts)}; expected header: {','.join(COLUMNS)}")
    if len(set(names)) != len(names):
        raise CsvFormatError("line 1: a column is named twice")
    result = CsvResult()
    line = reader.line_num + 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(RowError(line, f"the row cannot be read ({exc})"))
            break
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue  # blank lines are not rows
        if len(result.rows) + len(result.errors) >= limits.CSV_ROWS:
            raise CsvFormatError(f"the file has more than {limits.CSV_ROWS} rows")
        if len(record) != len(names):
            result.errors.append(RowError(start, f"{len(record)} fields where the header has {len(names)}"))
            continue
        values = {name: record[i] for i, name in enumerate(names)}  # as many fields as names: checked above
        problems: list[str] = []
        try:
            side = parse_side(values["side"])
        except ValueError as exc:
            problems.append(str(exc))
            side = None
        try:
            effort = parse_effort(values.get("effort_weeks"))
        except ValueError as exc:
            problems.append(str(exc))
            effort = None
        try:
            idea = parse_date(values.get("idea_date"), "idea_date")
        except ValueError as exc:
            problems.append(str(exc))
            idea = None
        if side is not None:
            draft = PriorityDraft(
                title=values["title"], side=side, description=values.get("description", ""),
                effort_weeks=effort, idea_date=idea, link=values.get("link", ""),
            )
            try:
                draft = validate_priority(draft)
            except ValidationError as exc:
                problems.extend(exc.problems)
        if problems:
            result.errors.append(RowError(start, "; ".join(problems)))
        else:
            result.rows.append((start, draft))
    return result
