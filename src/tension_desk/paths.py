"""Where the store lives: platformdirs' user data dir, unless --data-dir or TENSION_DESK_DATA_DIR say otherwise;
a shared workspace on a server when --store, TENSION_DESK_STORE or this machine's remembered URL says so."""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TENSION_DESK_DATA_DIR"
STORE_ENV_VAR = "TENSION_DESK_STORE"
REMEMBERED_STORE = "shared-workspace.url"  # in this machine's data dir: the shared workspace it opens by default


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("tension-desk", appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def resolve_store_url(cli_value: str | None, data_dir: Path) -> str | None:
    """The shared workspace's URL (--store, else TENSION_DESK_STORE, else the one remembered in ``data_dir``),
    or None for the embedded store in ``data_dir``. ``--store local`` opens the embedded store regardless."""
    value = cli_value or os.environ.get(STORE_ENV_VAR)
    if value is None:
        try:
            value = (Path(data_dir) / REMEMBERED_STORE).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            value = None
    return None if not value or value == "local" else value


def remember_store_url(data_dir: Path, url: str | None) -> None:
    """Open ``url`` by default on this machine from now on (None: the embedded store again). Never a password:
    the store refuses a URL that holds one before it is remembered."""
    path = Path(data_dir) / REMEMBERED_STORE
    if url is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(url + "\n", encoding="utf-8")
