"""The log: unexpected errors and Qt's warnings go to a rotating file in the user log dir.

Cheap at import (no platformdirs, no Qt); the folder and the file are made only when something is logged.
Tests point it elsewhere with XDG_STATE_HOME (Linux) or TENSION_DESK_LOG_DIR.
"""
from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    QtMessageHandler = Callable[[QtMsgType, QMessageLogContext, str], object]

ShowError = Callable[[BaseException, Path], None]  # tells the user about an error logged at that path

ENV_VAR = "TENSION_DESK_LOG_DIR"
LOG_NAME = "tension-desk.log"
log = logging.getLogger("tension_desk")


def log_dir() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    from platformdirs import user_log_dir

    return Path(user_log_dir("tension-desk", appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _LazyRotatingFile(logging.handlers.RotatingFileHandler):
    """Opens (and makes the folder of) its file at the first record, not at set-up."""

    def _open(self) -> io.TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:  # a log that cannot be written must not become the error
        pass


def setup_logging() -> Path:
    """Send the app's log records to the rotating file (once per process); return the file's path."""
    path = log_path()
    current = [h for h in log.handlers if isinstance(h, _LazyRotatingFile)]
    if current and current[0].baseFilename != str(path.absolute()):  # the log dir changed (tests)
        log.removeHandler(current[0])
        current[0].close()
        current = []
    if not current:
        handler = _LazyRotatingFile(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return path


def log_unexpected(exc: BaseException, where: str) -> Path:
    """Write ``exc`` with its traceback to the log; return the log's path (to tell the user)."""
    path = setup_logging()
    log.error("unexpected error in %s", where, exc_info=(type(exc), exc, exc.__traceback__))
    return path


def install_excepthook(show: ShowError | None = None) -> None:
    """Log every uncaught exception; then ``show(exc, log_path)`` tells the user (the GUI's dialog).
    Ctrl-C keeps Python's own handling."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        path = log_unexpected(exc.with_traceback(tb), "the app")
        if show is not None:
            try:
                show(exc, path)
            except Exception:  # the dialog itself failing must not loop back here
                log.exception("the error dialog failed")

    sys.excepthook = hook


def install_qt_message_handler() -> QtMessageHandler | None:
    """Qt's warnings and errors go to the log (debug and info messages are dropped); returns the
    handler it replaced."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = levels.get(kind)
        if level is not None:
            setup_logging()
            log.log(level, "Qt: %s (%s:%s)", message, context.file or "?", context.line)

    return qInstallMessageHandler(handler)


def error_text(exc: BaseException) -> str:
    """What went wrong, in words for the user, on one line: a store error in SQLite's own words (without
    SQLAlchemy's statement and link), no bare exception names, control characters escaped."""
    from tension_desk.export.files import shown

    orig = getattr(exc, "orig", None)  # sqlalchemy.exc.DBAPIError wraps the driver's error
    if isinstance(orig, BaseException):
        text = f"the store could not be changed: {orig}"
    elif isinstance(exc, MemoryError):
        text = "there is not enough memory to finish this"
    elif isinstance(exc, OverflowError):
        text = f"a number is too large ({exc})"
    elif isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror + (f" ({exc.filename})" if exc.filename else "")
    else:
        text = str(exc) or type(exc).__name__
    return shown(" ".join(text.split()))
