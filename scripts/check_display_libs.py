"""Check, before Qt starts a real window on Linux, that the X11/xcb libraries it needs are present.

Without them Qt aborts with "could not load the Qt platform plugin xcb", which tells a new user nothing.
"""
from __future__ import annotations

import ctypes.util
import os
import sys

# Debian package -> a shared library it ships (looked up with ctypes.util.find_library).
NEEDED = {
    "libxcb-cursor0": "xcb-cursor",
    "libxcb-icccm4": "xcb-icccm",
    "libxcb-keysyms1": "xcb-keysyms",
    "libxcb-image0": "xcb-image",
    "libxcb-render-util0": "xcb-render-util",
    "libxcb-shape0": "xcb-shape",
    "libxcb-xkb1": "xcb-xkb",
    "libxkbcommon-x11-0": "xkbcommon-x11",
    "libegl1": "EGL",
    "libgl1": "GL",
    "libfontconfig1": "fontconfig",
    "libdbus-1-3": "dbus-1",
}


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    if os.environ.get("QT_QPA_PLATFORM", "") in {"offscreen", "minimal", "wayland"}:
        return 0
    missing = [pkg for pkg, lib in NEEDED.items() if ctypes.util.find_library(lib) is None]
    if missing:
        print("Tension Desk needs these system libraries to open a window:", file=sys.stderr)
        print("  sudo apt-get install " + " ".join(missing), file=sys.stderr)
        return 1
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        print("No display found (DISPLAY is not set). Run under a desktop session or Xvfb,", file=sys.stderr)
        print("e.g. `xvfb-run make run`, or set QT_QPA_PLATFORM=offscreen.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
