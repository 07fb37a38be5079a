"""Command line: ``tension-desk [--data-dir DIR] [COMMAND ...]``. With no command, starts the app.

Errors go to stderr as one line with a non-zero exit code, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tension_desk import __version__

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import CheckedStore

EXIT_ERROR = 1
Command = Callable[[argparse.Namespace], int]  # runs one command; returns the exit code


class CliError(Exception):
    """A failure to report as one line on stderr."""


def _add_data_dir(parser: argparse.ArgumentParser, top: bool) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR", default=None if top else argparse.SUPPRESS,
        help="folder of the store (default: TENSION_DESK_DATA_DIR, else the user data dir)",
    )
    parser.add_argument(
        "--store", metavar="URL", default=None if top else argparse.SUPPRESS,
        help="a shared workspace on PostgreSQL, e.g. postgresql+psycopg://maya@db.example/tension "
             "(default: TENSION_DESK_STORE, else the one this machine remembers; 'local' for the embedded store)",
    )


def _session_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 2**31 - 1:  # domain/limits.INTEGER (not imported to parse a number): either store's id
        raise argparse.ArgumentTypeError(f"{text!r} is not a session id (see `tension-desk sessions`)")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tension-desk", description="The monthly roadmap tension session.")
    parser.add_argument("--version", action="version", version=f"tension-desk {__version__}")
    _add_data_dir(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("sample", help="add a realistic sample workspace and print the new session ids")
    _add_data_dir(p, top=False)

    p = sub.add_parser("sessions", help="list sessions (id, title, date, status)")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_data_dir(p, top=False)

    p = sub.add_parser("import-csv", help="import priorities from a CSV file into a session")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--session", required=True, type=_session_id, metavar="ID")
    _add_data_dir(p, top=False)

    p = sub.add_parser("export", help="export a session record (pdf, md, csv or json)")
    p.add_argument("--session", required=True, type=_session_id, metavar="ID")
    p.add_argument("--format", required=True, choices=["pdf", "md", "csv", "json"])
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="the file to write (- for standard output)")
    _add_data_dir(p, top=False)

    p = sub.add_parser("outcomes", help="time from idea to customer value per quarter")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_data_dir(p, top=False)

    p = sub.add_parser("export-review", help="export the quarterly review of the capacity split as PDF")
    p.add_argument("--quarter", required=True, metavar="QUARTER", help="e.g. 2026-Q4")
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="the file to write (- for standard output)")
    _add_data_dir(p, top=False)

    p = sub.add_parser("export-workspace", help="the whole workspace as JSON (backup, move to another machine)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.json",
                   help="the file to write (- for standard output)")
    _add_data_dir(p, top=False)

    p = sub.add_parser("import-workspace", help="fill an empty store from a workspace JSON file")
    p.add_argument("file", metavar="FILE.json")
    _add_data_dir(p, top=False)

    p = sub.add_parser("backups", help="list the automatic backups of the store")
    _add_data_dir(p, top=False)

    p = sub.add_parser("restore", help="restore a backup (the current store is backed up first)")
    p.add_argument("backup", metavar="BACKUP", help="a file name from `backups`, or a path")
    _add_data_dir(p, top=False)

    p = sub.add_parser("verify", help="check a session record PDF against its embedded record (and the store)")
    p.add_argument("file", metavar="FILE.pdf")
    _add_data_dir(p, top=False)

    p = sub.add_parser("copy-store", help="copy the whole workspace between this machine's store and an empty "
                                          "shared one (ids kept; all or nothing)")
    way = p.add_mutually_exclusive_group(required=True)
    way.add_argument("--to", metavar="URL", help="copy the local store into the empty database at URL")
    way.add_argument("--from", dest="source", metavar="URL", help="copy the workspace at URL into an empty local store")
    _add_data_dir(p, top=False)

    sub.add_parser("install-desktop", help="add Tension Desk (launcher entry and icon) to your desktop's menu")

    p = sub.add_parser("init-server", help="on a shared workspace: the seats' roles, grants and row-level security "
                                           "(run as the login that created the workspace)")
    p.add_argument("--product-login", required=True, metavar="NAME", help="the product leader's PostgreSQL login")
    p.add_argument("--engineering-login", required=True, metavar="NAME",
                   help="the engineering leader's PostgreSQL login")
    p.add_argument("--viewer-login", metavar="NAME", help="a login that reads revealed sessions only")
    _add_data_dir(p, top=False)

    p = sub.add_parser("export-log", help="export the decision log across sessions (pdf or md)")
    p.add_argument("--format", required=True, choices=["pdf", "md"])
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="the file to write (- for standard output)")
    _add_data_dir(p, top=False)
    return parser


class _Engine(Protocol):
    def dispose(self) -> None: ...


_opened: list[_Engine] = []  # the engines a command opened


def _desk(args: argparse.Namespace, checked: CheckedStore | None = None) -> Desk:
    """The store the arguments name, opened; ``checked``: this machine's store, checked already."""
    from tension_desk.paths import resolve_data_dir, resolve_store_url
    from tension_desk.services.desk import Desk
    from tension_desk.services.shared import daily_backup
    from tension_desk.store.engine import open_checked, open_store

    data_dir = resolve_data_dir(args.data_dir)
    url = resolve_store_url(args.store, data_dir)
    desk = Desk(open_store(data_dir, url=url) if checked is None else open_checked(checked))
    _opened.append(desk.engine)  # closed when the command ends (a server connection says goodbye)
    if url is not None:
        daily_backup(desk, data_dir, warn=lambda message: print(f"tension-desk: warning: {message}", file=sys.stderr))
    return desk


def _writes(command: Command, beside_app: bool = False) -> Command:
    """A command that writes holds the store's lock for its run; while the app has the store open it
    refuses ("the app has this store open; use File → Backups there") and touches nothing, unless it is
    ``beside_app`` (its writes are transactions, which the open window picks up: ``_transactions``)."""
    def run(args: argparse.Namespace) -> int:
        from tension_desk.lock import held
        from tension_desk.paths import resolve_data_dir, resolve_store_url

        data_dir = resolve_data_dir(args.data_dir)
        if resolve_store_url(args.store, data_dir) is not None:  # a server takes concurrent writers itself
            return command(args)
        with held(data_dir, beside_app=beside_app):
            return command(args)
    return run


def _transactions(command: Command) -> Command:
    """A command that writes in transactions only: it runs even while the app has the store open."""
    return _writes(command, beside_app=True)


def _terminal_safe(data: bytes) -> bytes:
    """Text with its control characters (but line ends and tabs) escaped as ``\\x1b``, as ``sessions`` does."""
    import unicodedata

    text = data.decode("utf-8", errors="replace")
    return "".join(ch.encode("unicode_escape").decode("ascii")
                   if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" else ch for ch in text).encode("utf-8")


def _emit(desk: Desk, output: str, data: bytes) -> None:
    """Write an export to ``output`` (``-`` is standard output, bytes as they are)."""
    from tension_desk.services.maintenance import store_files

    _write(output, data, store_files(desk))


def _write(output: str, data: bytes, keep_off: list[Path]) -> None:
    """``_emit`` with the files the export must not replace (``keep_off``) given."""
    from tension_desk.export.files import shown, write_atomically

    if output == "-":
        if not data.startswith(b"%PDF"):  # text reaching a terminal: a stored escape must not drive it
            data = _terminal_safe(data)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomically(Path(output), data, keep_off)
    print(f"wrote {shown(output)}")


@_transactions
def cmd_sample(args: argparse.Namespace) -> int:
    from tension_desk.services.sample import add_sample

    for sid in add_sample(_desk(args)):
        print(sid)
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    sessions = _desk(args).sessions.list()
    if args.json:
        print(json.dumps([{"id": s.id, "title": s.title, "date": s.date.isoformat(), "quarter": s.quarter,
                           "status": s.status.value} for s in sessions], indent=2, ensure_ascii=False))
    else:
        from tension_desk.export.files import shown

        for s in sessions:  # stored text printed with its control characters escaped: it cannot drive the terminal
            print(f"{s.id}\t{s.date.isoformat()}\t{s.status.value}\t{shown(s.title)}")
    return 0


@_transactions
def cmd_import_csv(args: argparse.Namespace) -> int:
    from tension_desk.domain.csv_import import CsvFormatError
    from tension_desk.export.files import shown
    from tension_desk.services.importing import import_priorities_csv, read_csv_file

    name = shown(args.file)
    desk = _desk(args)
    desk.sessions.get(args.session)  # an unknown session is reported before the file is read
    try:
        parsed = read_csv_file(Path(args.file))
    except CsvFormatError as exc:
        raise CliError(f"{name}: {exc}") from None
    if parsed.errors:
        print(f"{name}: nothing imported; {len(parsed.errors)} bad row(s):", file=sys.stderr)
        for err in parsed.errors:
            print(f"  {name}:{shown(str(err))}", file=sys.stderr)
        return EXIT_ERROR
    added = import_priorities_csv(desk, args.session, parsed)
    print(f"imported {len(added)} priorities into session {args.session}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """A closed session's documents are made from its sealed record alone: on this machine's store that row
    is read without the ORM (store/sealed.py), so the export imports neither SQLAlchemy nor pydantic."""
    from tension_desk.export.documents import record_document, session_document
    from tension_desk.paths import resolve_data_dir, resolve_store_url
    from tension_desk.services.canonical import sealed_dict
    from tension_desk.store.engine import check_local_store, store_files_in
    from tension_desk.store.sealed import sealed_record

    data_dir = resolve_data_dir(args.data_dir)
    checked = None
    if resolve_store_url(args.store, data_dir) is None:
        checked = check_local_store(data_dir)
        sealed = sealed_record(checked, args.session)
        if sealed is not None:
            _write(args.output, record_document(sealed_dict(sealed), args.format), store_files_in(data_dir))
            return 0
    desk = _desk(args, checked)
    desk.sessions.get(args.session)  # an unknown session is reported before anything is written
    _emit(desk, args.output, session_document(desk, args.session, args.format))
    return 0


def cmd_outcomes(args: argparse.Namespace) -> int:
    from tension_desk.domain.outcomes import outcomes_by_quarter

    rows = outcomes_by_quarter(_desk(args).priorities.list())
    if args.json:
        print(json.dumps([{"quarter": o.quarter, "delivered_count": o.delivered_count, "median_days": o.median_days}
                          for o in rows], indent=2))
    else:
        print("quarter\tdelivered\tmedian days from idea")
        for o in rows:
            print(f"{o.quarter}\t{o.delivered_count}\t{'-' if o.median_days is None else f'{o.median_days:g}'}")
    return 0


def cmd_export_review(args: argparse.Namespace) -> int:
    from tension_desk.export.documents import review_document

    desk = _desk(args)
    _emit(desk, args.output, review_document(desk, args.quarter))
    return 0


def cmd_export_workspace(args: argparse.Namespace) -> int:
    from tension_desk.services.workspace_io import workspace_file

    desk = _desk(args)
    _emit(desk, args.output, workspace_file(desk))
    return 0


@_transactions
def cmd_import_workspace(args: argparse.Namespace) -> int:
    from tension_desk.export.files import shown
    from tension_desk.services.importing import MAX_WORKSPACE_BYTES, UnreadableFile, read_limited
    from tension_desk.services.workspace_io import WorkspaceFileError, import_workspace

    try:
        data = read_limited(Path(args.file), MAX_WORKSPACE_BYTES)
        counts = import_workspace(_desk(args), data)
    except (UnreadableFile, WorkspaceFileError) as exc:  # the file's own problem: the line names it
        raise CliError(f"{shown(args.file)}: {exc}") from None
    print(f"imported {counts['sessions']} sessions, {counts['priorities']} priorities, "
          f"{counts['decisions']} decisions")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    """One line per backup; file names printed escaped (export/files.py shown): a name cannot drive the terminal."""
    from tension_desk.export.files import shown
    from tension_desk.paths import resolve_data_dir, resolve_store_url
    from tension_desk.store.backup import list_backups

    data_dir = resolve_data_dir(args.data_dir)
    if resolve_store_url(args.store, data_dir) is not None:  # a shared workspace: its daily JSON copies here
        from tension_desk.services.shared import shared_backups_dir

        files = sorted(shared_backups_dir(data_dir).glob("*.json"))
        print("\n".join(f"{f.stat().st_size // 1024} KB\t{shown(f)}" for f in files) if files else "no backups yet")
        return 0
    found = list_backups(data_dir)
    if not found:
        print("no backups yet")
    for b in found:
        print(f"{b.taken_at:%Y-%m-%d %H:%M:%S}\t{b.size // 1024} KB\t{shown(b.reason)}\t{shown(b.path.name)}")
    return 0


@_writes
def cmd_restore(args: argparse.Namespace) -> int:
    from tension_desk.export.files import shown
    from tension_desk.paths import resolve_data_dir, resolve_store_url
    from tension_desk.store.recovery import resolve_backup, restore_backup

    data_dir = resolve_data_dir(args.data_dir)
    if resolve_store_url(args.store, data_dir) is not None:
        raise CliError("restore puts back a backup of this machine's own store; a shared workspace's daily backup "
                       "(backups/shared/*.json) goes into an empty database with import-workspace --store URL")
    backup = resolve_backup(data_dir, args.backup)
    kept = restore_backup(data_dir, backup)
    print(f"restored {shown(backup.name)}" + (f"; the previous store was kept as {shown(kept)}" if kept else ""))
    return 0


def cmd_export_log(args: argparse.Namespace) -> int:
    from tension_desk.export.documents import log_document

    desk = _desk(args)
    _emit(desk, args.output, log_document(desk, args.format))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """One line: ``verified: …`` (exit 0), or what differs (exit 1). The store is read only if it exists."""
    from tension_desk.export.files import shown
    from tension_desk.export.verify import NotARecord, verify_file
    from tension_desk.paths import resolve_data_dir, resolve_store_url
    from tension_desk.store.engine import store_path

    data_dir = resolve_data_dir(args.data_dir)
    shared = resolve_store_url(args.store, data_dir) is not None
    desk = _desk(args) if shared or store_path(data_dir).exists() else None
    try:
        verdict = verify_file(Path(args.file), desk)
    except NotARecord as exc:
        raise CliError(f"{shown(args.file)}: {exc}") from None
    print(shown(verdict.line), file=sys.stdout if verdict.ok else sys.stderr)
    return 0 if verdict.ok else EXIT_ERROR


def cmd_copy_store(args: argparse.Namespace) -> int:
    """The local store (in the data dir) to or from a shared workspace; the local store's lock is held."""
    from tension_desk.lock import held
    from tension_desk.paths import resolve_data_dir
    from tension_desk.services.desk import Desk
    from tension_desk.services.shared import copy_workspace
    from tension_desk.store.engine import open_store, store_path

    data_dir = resolve_data_dir(args.data_dir)
    if args.to and not store_path(data_dir).exists():
        raise CliError(f"there is no store in {data_dir} to copy (give its folder with --data-dir)")
    with held(data_dir):
        local = Desk(open_store(data_dir))
        _opened.append(local.engine)
        shared = Desk(open_store(data_dir, url=args.to or args.source))
        _opened.append(shared.engine)
        counts = copy_workspace(*((local, shared) if args.to else (shared, local)))
    where = f"to {args.to}" if args.to else f"from {args.source} into {data_dir}"
    print(f"copied {counts['sessions']} sessions, {counts['priorities']} priorities, {counts['decisions']} "
          f"decisions {where}")
    return 0


def cmd_init_server(args: argparse.Namespace) -> int:
    """Seats on a shared workspace: one line per seat with its login and group role."""
    from tension_desk.paths import resolve_data_dir, resolve_store_url
    from tension_desk.store.engine import open_store
    from tension_desk.store.rls import Logins, init_server

    data_dir = resolve_data_dir(args.data_dir)
    url = resolve_store_url(args.store, data_dir)
    if url is None:
        raise CliError("init-server sets up a shared workspace on PostgreSQL: give --store URL")
    engine = open_store(data_dir, url=url)
    _opened.append(engine)
    logins = Logins(args.product_login, args.engineering_login, args.viewer_login)
    for seat, group in init_server(engine, logins).items():
        login = logins.by_group()[seat]
        print(f"{seat}: {login} (in {group})" if login else f"{seat}: no login (the role {group} is empty)")
    return 0


def cmd_install_desktop(args: argparse.Namespace) -> int:
    """The .desktop file and icon under $XDG_DATA_HOME (~/.local/share), one line per file written."""
    from tension_desk.desktop import install_desktop

    try:
        written = install_desktop()
    except OSError as exc:
        raise CliError(f"could not install the desktop entry: {exc.strerror or exc} ({exc.filename})") from None
    for path in written:
        print(f"wrote {path}")
    return 0


COMMANDS: dict[str, Command] = {
    "sample": cmd_sample, "sessions": cmd_sessions, "import-csv": cmd_import_csv, "export": cmd_export,
    "export-log": cmd_export_log, "outcomes": cmd_outcomes, "export-review": cmd_export_review,
    "backups": cmd_backups, "restore": cmd_restore, "export-workspace": cmd_export_workspace,
    "import-workspace": cmd_import_workspace, "verify": cmd_verify, "install-desktop": cmd_install_desktop,
    "copy-store": cmd_copy_store, "init-server": cmd_init_server}


EXIT_INTERRUPTED = 130


def no_display() -> str | None:
    """On Linux without a display (and no QT_QPA_PLATFORM chosen), the one line that says how to get one."""
    import os

    if not sys.platform.startswith("linux") or any(os.environ.get(v) for v in
                                                    ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return ("no display to show the window on: start Tension Desk from a desktop session (DISPLAY or "
            "WAYLAND_DISPLAY set), or set QT_QPA_PLATFORM=offscreen for a headless check; "
            "the commands (tension-desk --help) need no display")


def _start_gui(data_dir: str | None, store: str | None = None) -> int:
    from tension_desk import logs

    problem = no_display()
    if problem:
        print(f"tension-desk: {problem}", file=sys.stderr)
        return EXIT_ERROR

    from tension_desk.app import run_gui, show_unexpected

    logs.install_excepthook(show_unexpected)
    logs.install_qt_message_handler()
    return run_gui(data_dir, store)


def _run(args: argparse.Namespace) -> int:
    """Run one command; every failure becomes one line on stderr (unexpected ones also go to the log).
    Nothing is imported here that a command does not need (the logs, the services' errors: on failure only)."""
    import sqlite3

    from tension_desk.store.engine import StoreError, store_errors

    expected = (CliError, StoreError, ValueError, OSError, sqlite3.OperationalError, OverflowError, MemoryError)
    try:
        with store_errors():
            code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        raise
    except Exception as exc:
        from tension_desk import logs

        if isinstance(exc, expected) or _not_found(exc):
            print(f"tension-desk: {logs.error_text(exc)}", file=sys.stderr)
        else:  # the last resort: one line and the log's path, never a traceback
            path = logs.log_unexpected(exc, f"tension-desk {args.command}")
            print(f"tension-desk: unexpected error ({logs.error_text(exc)}); details are in {path}", file=sys.stderr)
    finally:
        while _opened:
            _opened.pop().dispose()
    return EXIT_ERROR


def _not_found(exc: Exception) -> bool:
    """A row the command names does not exist: the services' NotFound (imported here, after the fact, so a
    command that never loaded the services does not pay for importing them)."""
    from tension_desk.services.unit import NotFound

    return isinstance(exc, NotFound)


def _process_ends() -> None:
    """The command is done and the process is about to end: every object is frozen out of the garbage
    collector, so the interpreter's shutdown does not trace them all again (about 0.2 s of CPU once SQLAlchemy,
    SQLModel and pydantic are loaded, a sixth of an export). Objects are still freed when their last reference
    goes; the output is written and synced, the store's engines disposed (``_run``), so nothing waits on a
    collection. Never in a process that goes on (a test calling ``main`` with its arguments)."""
    import gc

    gc.freeze()


def _fill_closed_stdout() -> bool:
    """Standard output closed (``>&-``): Python has no sys.stdout, and the next file opened (the store!) would
    get its descriptor, 1, where anything printed would land. /dev/null takes that place. True if it was closed."""
    import os

    if sys.stdout is not None:
        return False
    fd = os.open(os.devnull, os.O_WRONLY)  # the lowest free descriptor: 1
    if fd != 1:
        os.dup2(fd, 1)
        os.close(fd)
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv``; None: this process's own (the console script, ``python -m``), which ends
    when a command returns."""
    import os

    try:
        if os.name == "posix":
            os.umask(0o077)  # the store, its WAL, backups and exports: readable by their owner only
        closed = _fill_closed_stdout()
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _start_gui(args.data_dir, args.store)
        if closed:  # refused before anything is opened or written
            print("tension-desk: standard output is closed, so the command would print nowhere; "
                  "run it with its output open (or > /dev/null)", file=sys.stderr)
            return EXIT_ERROR
        code = _run(args)
        if argv is None:
            _process_ends()
        return code
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, with the shell's code for it
        print("tension-desk: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `tension-desk backups | head`: the reader has gone, so stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
