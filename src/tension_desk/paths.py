"""Where the store lives: platformdirs' user data dir, unless --data-dir or TENSION_DESK_DATA_DIR say otherwise."""
from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TENSION_DESK_DATA_DIR"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("tension-desk", appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()
