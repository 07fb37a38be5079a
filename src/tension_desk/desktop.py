"""Desktop identity: the app id, the icon, and the .desktop file a Linux desktop shows in its launcher and
task switcher (so the people on the call see "Tension Desk", not "python3"); PySide6's import check made
light (``light_pyside_import_check``); and the C heap kept small: its free memory handed back
(``release_free_memory``), one arena for every thread (``one_malloc_arena``)."""
from __future__ import annotations

import linecache
import os
import shutil
import sys
from collections.abc import Callable
from importlib.resources import as_file, files
from pathlib import Path
from types import ModuleType
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
    """The window icon's files, as importlib resources: the 256 px PNG alone. It is the SVG (what the launcher
    shows, from ``install_desktop``) drawn at the SVG's own 256 px, and a ``QIcon`` keeps one pixmap per size: the
    SVG, read into a pixmap too, was replaced by the PNG and only loaded Qt's SVG plugin and library (1.2 MB of
    the GUI's peak memory, issue 15, figure 5′)."""
    return [_RESOURCES / "icons" / f"{DESKTOP_ID}.png"]


def image_format(resource: Traversable) -> str:
    """Qt's name of the image format of a packaged file ("PNG", "SVG"), from its suffix. Told the format, Qt loads
    that one image plugin (none for PNG: it is built in), instead of loading every one (jpeg, tiff, webp, gif…) to
    ask whether it reads the file."""
    return resource.name.rsplit(".", 1)[-1].upper()


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


def uses_pyside_by_bytes(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source file mentions "PySide6", read as bytes and kept nowhere; ``fallback`` answers
    for a module without a ``.py`` file that can be read (a built-in, an extension, a zipped install)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return fallback(module)
    try:
        with open(path, "rb") as fh:
            return b"PySide6" in fh.read()
    except OSError:
        return fallback(module)


_PYSIDE_CHECK = "_mod_uses_pyside"  # PySide6's check, a private name of shibokensupport.feature (PySide6 6.11)


class ByteCheck:
    """PySide6's question, "does this module use PySide6?", answered from the file's bytes (``pyside_check``, its
    own check, for a module without a readable ``.py`` file)."""

    def __init__(self, pyside_check: Callable[[ModuleType], bool]) -> None:
        self.pyside_check = pyside_check

    def __call__(self, module: ModuleType) -> bool:
        return uses_pyside_by_bytes(module, self.pyside_check)


def light_pyside_import_check() -> None:
    """PySide6 puts a hook on ``import`` that asks, of every module imported after it, whether its source says
    "PySide6" (the answer decides whether a ``from __feature__ import`` may apply to it). It asks through
    ``inspect.getsource``, so ``linecache`` keeps every line of every such module for the life of the process:
    SQLAlchemy, SQLModel, pydantic and the views, imported after the first window, are about 270,000 lines,
    24 MB of the GUI's peak memory; and ``inspect.getmodule`` walks all of ``sys.modules`` for each import
    (about 0.15 s of the start). Here the same question is answered from the file's bytes, cached nowhere
    (``ByteCheck``), and the lines PySide6's check kept of the modules imported before this are let go (the
    lines of any file linecache can read again: a traceback still shows them). Installs the check once; does
    nothing more on a PySide6 without that check."""
    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, _PYSIDE_CHECK, None)
    if feature is not None and callable(check) and not isinstance(check, ByteCheck):
        setattr(feature, _PYSIDE_CHECK, ByteCheck(check))
    for filename, entry in list(linecache.cache.items()):
        if len(entry) == 4 and os.path.isfile(filename):  # a file's lines, not a lazy or a made-up entry
            linecache.cache.pop(filename, None)


def _glibc_function(name: str) -> Callable[..., int] | None:
    """The C library's function ``name`` (through ctypes), or None where it is missing (macOS, Windows; musl lacks
    ``malloc_trim``)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):  # no C library to ask, or one without that function
        return None
    return function


def release_free_memory() -> bool:
    """Hand the C heap's free pages back to the system: glibc's ``malloc_trim(0)``. Building the window and
    loading the ORM free megabytes (parsed sources, temporary objects) that glibc keeps mapped, the process's
    resident memory, until it is told. Returns whether it trimmed; does nothing where glibc is missing (macOS,
    Windows, musl)."""
    import ctypes

    trim = _glibc_function("malloc_trim")
    if trim is None:
        return False
    trim(ctypes.c_size_t(0))
    return True


M_ARENA_MAX = -8  # glibc's <malloc.h>


def one_malloc_arena() -> bool:
    """Have every thread allocate from the C heap's main arena: glibc's ``mallopt(M_ARENA_MAX, 1)``. By default a
    thread that allocates while another one does gets an arena of its own, resident for the life of the process
    once the thread is gone: the store check's thread left about 0.35 MB (issue 15, figure 5′). The app's other
    threads allocate little, and the check's SQLite reads take no measurable time more. To be called before any
    thread starts. Returns whether it was set; does nothing where glibc is missing (macOS, Windows; musl has one
    heap)."""
    import ctypes

    mallopt = _glibc_function("mallopt")
    return mallopt is not None and mallopt(ctypes.c_int(M_ARENA_MAX), ctypes.c_int(1)) == 1
