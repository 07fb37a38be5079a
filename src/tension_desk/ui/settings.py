"""The user's view preferences (sidebar, sorts…): one INI file in the user config dir, read at call time,
so tests that point XDG_CONFIG_HOME at a temporary folder never touch the developer's own settings."""
from __future__ import annotations

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    from pathlib import Path

    from platformdirs import user_config_dir

    path = Path(user_config_dir("tension-desk", appauthor=False)) / "view.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)
