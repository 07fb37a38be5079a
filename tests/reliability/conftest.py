"""The reliability suite, and a real tiny filesystem for fault injection: a tmpfs of a few MB, filled on demand.

Mounting needs root (CI runs as root); elsewhere the tests that use it are skipped with the reason.

Which store: on both stores (``new_store``): hostile input through the command line, a CLI import SIGKILLed at a
random moment (complete or absent: ``test_crash_safety``), and a shared workspace's daily backup (a workspace
JSON) put back into an empty workspace of either kind (``test_backup_restore``). On a shared workspace only: a
CLI import terminated or killed mid-transaction (``test_signals``). The rest is about the embedded store's own
file and stays SQLite-only: a damaged, truncated or newer file and the backup files (``test_store_safety``,
``test_backup_restore``), WAL and ``integrity_check`` after SIGKILL and the file lock (``test_crash_safety``,
``test_signals``), and a full local disk under the file (``test_disk_full``); on a server those are the
server's business, and the server restarting is ``tests/ui/test_reconnect.py``.
"""
from __future__ import annotations

import errno
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

TINY_DISK_SIZE = "4m"


@dataclass
class TinyDisk:
    path: Path

    @property
    def filler(self) -> Path:
        return self.path / "filler"

    def free_bytes(self) -> int:
        st = os.statvfs(self.path)
        return st.f_bavail * st.f_frsize

    def fill(self, leave: int = 0) -> None:
        """Fill the disk with a filler file, leaving about ``leave`` bytes (whole pages) free."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            chunk = bytes(256 * 1024)
            while True:
                try:
                    os.write(fd, chunk)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    break
            if leave:
                os.ftruncate(fd, max(0, os.fstat(fd).st_size - leave))
        finally:
            os.close(fd)
        assert self.free_bytes() <= leave + 4096, f"the tiny disk still has {self.free_bytes()} bytes free"

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def tiny_disk(tmp_path):
    """A freshly mounted tmpfs of 4 MB (unmounted afterwards, even when the test fails)."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("the disk-full tests mount a tmpfs, which needs root (CI runs them as root)")
    mount_point = tmp_path / "tiny-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TINY_DISK_SIZE},mode=0700", "tmpfs",
                              str(mount_point)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {(mounted.stderr or mounted.stdout).strip()}")
    try:
        yield TinyDisk(mount_point)
    finally:
        if subprocess.run(["umount", str(mount_point)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)  # busy: detach it anyway

