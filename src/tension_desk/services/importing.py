"""Importing priorities from CSV: parse everything first, then add all rows in one transaction.

Files to import are read only if they are regular files, and never beyond a cap: a FIFO, a device or a
folder is refused without blocking, and a huge file is refused before it is read.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from tension_desk.domain import limits
from tension_desk.domain.csv_import import CsvFormatError, CsvResult, parse_priorities_csv
from tension_desk.domain.model import Priority
from tension_desk.services.desk import Desk

MAX_WORKSPACE_BYTES = limits.WORKSPACE_FILE


class UnreadableFile(ValueError):
    """A file that is not imported: missing, not a regular file, too large or unreadable (no path in it)."""


def _megabytes(n: int) -> str:
    return f"{n // (1024 * 1024)} MB"


def _problem(info: os.stat_result, max_bytes: int) -> str | None:
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, FIFO or socket); save it as a file first"
    if info.st_size > max_bytes:
        return f"the file is larger than {_megabytes(max_bytes)}"
    return None


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, refused before reading if it is larger than ``max_bytes``."""
    try:  # O_NONBLOCK: opening a FIFO must not wait for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot be read ({exc.strerror})") from None
    problem = _problem(os.fstat(fd), max_bytes)
    if problem:
        os.close(fd)
        raise UnreadableFile(problem)
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(max_bytes + 1)  # a file that grew since fstat is still capped
        except OSError as exc:
            raise UnreadableFile(f"cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise UnreadableFile(f"the file is larger than {_megabytes(max_bytes)}")
    return data


def read_csv_file(path: Path) -> CsvResult:
    try:
        data = read_limited(Path(path), limits.CSV_FILE)
    except UnreadableFile as exc:
        raise CsvFormatError(str(exc)) from None
    return parse_priorities_csv(data)


def import_priorities_csv(desk: Desk, session_id: int, parsed: CsvResult, valid_only: bool = False) -> list[Priority]:
    """Add the parsed rows to the session. With bad rows, nothing is imported unless ``valid_only``."""
    if parsed.errors and not valid_only:
        raise CsvFormatError(f"{len(parsed.errors)} bad row(s); nothing imported")
    return desk.priorities.add_many(session_id, [draft for _line, draft in parsed.rows])
