"""Writing export files safely: a temporary file in the target folder, then an atomic rename.

An export never replaces the store, its WAL or SHM, a copy set aside, the lock file or a backup (by name,
through a symlink or a hard link), nor anything that is not a regular file: a device node, a FIFO or a folder
is left alone.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportError(OSError):
    pass


def shown(path: os.PathLike[str] | str) -> str:
    """A file name for a message: control characters escaped, so a name cannot move the cursor or fake lines."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(path))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def check_target(path: Path, keep_off: Iterable[Path] = ()) -> None:
    """Refuse ``path`` as an export target if it is (or links to) a file in ``keep_off`` or inside a folder
    in ``keep_off``, or if it exists and is not a regular file."""
    path = Path(path)
    target = _stat(path)
    if target is not None and not stat.S_ISREG(target.st_mode):
        kind = "a folder" if stat.S_ISDIR(target.st_mode) else "not a regular file"
        raise ExportError(f"cannot write {shown(path)}: it is {kind}; choose a new file name")
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise ExportError(f"cannot write {shown(path)}: it is a symlink that leads nowhere") from None
    for kept in map(Path, keep_off):
        real = kept.resolve()
        inside = real == resolved or real in resolved.parents
        if not inside and target is not None:
            kept_stat = _stat(kept)
            candidates = kept.rglob("*") if kept_stat and stat.S_ISDIR(kept_stat.st_mode) else [kept]
            inside = any((s := _stat(p)) is not None and os.path.samestat(s, target) for p in candidates)
        if inside:
            raise ExportError(f"cannot write {shown(path)}: that is the store or one of its backups, or a file "
                              "the app keeps beside them; choose another file")


def write_atomically(path: Path, data: bytes, keep_off: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never half.

    ``keep_off``: files and folders that must never be replaced (the live store and its backups)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {shown(path)}: the folder {shown(folder)} does not exist")
    check_target(path, keep_off)
    try:  # a short temporary name: a target name of up to NAME_MAX characters still works
        fd, tmp = tempfile.mkstemp(prefix=".td-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {shown(path)}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if os.name == "posix":
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {shown(path)}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
