"""Keep None alive while the render tests paint (PySide6 6.12 on Python 3.11).

PySide6 6.12's abi3 wheels are built against Python ≥3.12 headers, where None is immortal and
``Py_RETURN_NONE`` no longer counts a reference. On Python 3.11 every void Qt call (``QPainter.setPen``,
``fillRect``, ``save``, ``QFont.setBold``…) therefore takes one reference from None, and after a few
thousand calls the interpreter aborts with "Fatal Python error: none_dealloc" (at the latest when it
exits). Giving None a huge reference count makes it as good as immortal, as it is on 3.12.

This belongs at process start-up for the whole app and the whole suite (tests/conftest.py and app.py);
it is here only until it is there, and is harmless when done twice.
"""
from __future__ import annotations

import ctypes
import sys

if sys.version_info < (3, 12) and sys.implementation.name == "cpython" and not hasattr(sys, "gettotalrefcount"):
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
