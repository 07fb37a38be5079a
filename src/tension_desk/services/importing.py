"""Importing priorities from CSV: parse everything first, then add all rows in one transaction."""
from __future__ import annotations

from pathlib import Path

from tension_desk.domain.csv_import import MAX_FILE_BYTES, CsvFormatError, CsvResult, parse_priorities_csv
from tension_desk.domain.model import Priority
from tension_desk.services.desk import Desk


def read_csv_file(path: Path) -> CsvResult:
    path = Path(path)
    if not path.exists():
        raise CsvFormatError("no such file")
    if path.is_dir():
        raise CsvFormatError("is a folder, not a CSV file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CsvFormatError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CsvFormatError(f"cannot be read ({exc.strerror})") from None
    return parse_priorities_csv(data)


def import_priorities_csv(desk: Desk, session_id: int, parsed: CsvResult, valid_only: bool = False) -> list[Priority]:
    """Add the parsed rows to the session. With bad rows, nothing is imported unless ``valid_only``."""
    if parsed.errors and not valid_only:
        raise CsvFormatError(f"{len(parsed.errors)} bad row(s); nothing imported")
    return desk.priorities.add_many(session_id, [draft for _line, draft in parsed.rows])
