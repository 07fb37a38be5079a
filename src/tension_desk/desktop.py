"""Desktop identity: the app id, the icon, and the .desktop file a Linux desktop shows in its launcher and
task switcher (so the people on the call see "Tension Desk", not "python3")."""
from __future__ import annotations

import os
import shutil
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DESKTOP_ID = "tension-desk"  # the .desktop file's name, the icon's name and QGuiApplication.desktopFileName
_RESOURCES = files("tension_desk") / "resources"
# (packaged file, where it goes under the XDG data dir)
_INSTALLED = (
    (f"{DESKTOP_ID}.desktop", Path("applications") / f"{DESKTOP_ID}.desktop"),
    (f"icons/{DESKTOP_ID}.svg", Path("icons/hicolor/scalable/apps") / f"{DESKTOP_ID}.svg"),
    (f"icons/{DESKTOP_ID}.png", Path("icons/hicolor/256x256/apps") / f"{DESKTOP_ID}.png"),
)


def icon_files() -> list[Traversable]:
    """The packaged app icon, scalable first, as importlib resources."""
    return [_RESOURCES / "icons" / f"{DESKTOP_ID}.svg", _RESOURCES / "icons" / f"{DESKTOP_ID}.png"]


def xdg_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the XDG spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def install_desktop(data_home: Path | None = None) -> list[Path]:
    """Copy the .desktop file and the icon (SVG and 256 px PNG) under the user's XDG data dir; returns
    the files written. Running it again replaces them."""
    root = data_home or xdg_data_home()
    written = []
    for packaged, target in _INSTALLED:
        path = root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        with as_file(_RESOURCES / packaged) as source:
            tmp = path.with_name(path.name + ".tmp")
            shutil.copyfile(source, tmp)
            os.replace(tmp, path)
        written.append(path)
    return written
