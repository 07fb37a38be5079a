"""A shared workspace seen from one machine: its daily backup (a workspace JSON in the local data dir), and
copying a whole workspace between the embedded store and a server (the workspace JSON is the carrier)."""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.services.workspace_io import (
    WorkspaceImportError,
    WorkspaceTooLarge,
    import_workspace,
    store_is_empty,
    workspace_file,
    workspace_json,
)
from tension_desk.store.backup import backups_dir

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

KEEP = 20


def shared_backups_dir(data_dir: Path) -> Path:
    return backups_dir(data_dir) / "shared"


def _workspace_name(desk: Desk) -> str:
    url = desk.engine.url
    name = url.database or url.query.get("service") or "workspace"
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(name)).strip("-") or "workspace"


def daily_backup(desk: Desk, data_dir: Path, warn: Callable[[str], None]) -> Path | None:
    """Once a day, the shared workspace as a workspace JSON in ``<data dir>/backups/shared`` (the newest
    ``KEEP`` kept); returns the file written, or None when today's exists. A backup that fails is reported
    through ``warn`` and the workspace opens without it. ``import-workspace`` puts it back into an empty store."""
    folder = shared_backups_dir(data_dir)
    prefix = f"workspace-{_workspace_name(desk)}-"
    target = folder / f"{prefix}{dt.date.today():%Y%m%d}-daily.json"
    if target.exists():
        return None
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial.write_bytes(workspace_file(desk))
        os.replace(partial, target)
        for old in sorted(folder.glob(f"{prefix}*-daily.json"))[:-KEEP]:
            old.unlink()
    except WorkspaceTooLarge as exc:
        warn(f"today's backup of the shared workspace was not made: {exc.reason}; copy-store copies the workspace "
             "whole into a local store. The workspace opened without it.")
        return None
    except OSError as exc:
        with suppress(OSError):  # nothing half-written is left behind (if there can be anything at all)
            partial.unlink(missing_ok=True)
        warn(f"today's backup of the shared workspace could not be made in {folder} "
             f"({exc.strerror or exc}); the workspace opened without it.")
        return None
    return target


def copy_workspace(source: Desk, target: Desk) -> dict[str, int]:
    """Every row of ``source``'s store into ``target``'s empty one, ids kept, in one transaction: all or
    nothing. Returns how many rows each list brought; raises WorkspaceImportError for a target not empty."""
    if not store_is_empty(target):
        raise WorkspaceImportError("the store to copy into is not empty; copy-store only fills an empty one "
                                   "(a new database, or a new --data-dir)")
    return import_workspace(target, workspace_json(source).encode("utf-8"))


def server_url(host: str, port: int | None, database: str, user: str) -> str:
    """The store URL for a workspace server from the fields a user fills in (no password: libpq finds it).
    A host that is a folder (``/run/postgresql``) is a Unix socket. Raises ValueError naming a missing field."""
    from sqlalchemy.engine import URL

    host, database, user = host.strip(), database.strip(), user.strip()
    if not database:
        raise ValueError("give the name of the workspace's database (e.g. tension)")
    query = {"host": host} if host.startswith("/") else {}
    url = URL.create("postgresql+psycopg", username=user or None, host=None if query else (host or None),
                     port=None if query else port, database=database, query=query)
    return url.render_as_string(hide_password=False)


def server_fields(url: str | None) -> dict[str, object]:
    """The dialog's fields for a store URL (empty fields for none, or for a URL they cannot show)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        u = make_url(url) if url else None
    except ArgumentError:
        u = None
    if u is None:
        return {"host": "", "port": 5432, "database": "", "user": ""}
    host = u.query.get("host") or u.host or ""
    return {"host": str(host), "port": u.port or 5432, "database": u.database or "", "user": u.username or ""}

