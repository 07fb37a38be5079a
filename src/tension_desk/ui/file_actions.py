"""The File menu's work with files: import priorities from CSV, export a session, the decision log or a
quarter's review, verify a record, and restore a backup. A file is written whole or not at all, and how it went
is said in one line."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tension_desk.ui import commands as cmd
from tension_desk.ui import menus
from tension_desk.ui.errors import Prompts, confirm, show_error, store_trouble

if TYPE_CHECKING:
    from tension_desk.ui.main_window import MainWindow


class FileActions:
    def __init__(self, window: MainWindow):
        self.window = window
        self.ctx = window.ctx

    def _say(self, text: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def import_csv(self) -> None:
        from tension_desk.domain.csv_import import CsvFormatError
        from tension_desk.services.importing import read_csv_file

        s = self.window.session_view.session
        if s is None:
            return
        path = Prompts.ask_csv_file(self.window)
        if not path:
            return
        name = Path(path).name
        try:
            parsed = read_csv_file(Path(path))
        except CsvFormatError as exc:
            show_error(self.window, CsvFormatError(f"{name}: {exc}"))
            return
        drafts = [d for _line, d in parsed.rows]
        if parsed.errors:
            listing = "\n".join(f"• {e}" for e in parsed.errors[:20])
            more = f"\n… and {len(parsed.errors) - 20} more" if len(parsed.errors) > 20 else ""
            if not drafts:
                show_error(self.window, CsvFormatError(f"{name}: no row can be imported.\n{listing}{more}"))
                return
            if not confirm(self.window, "Import priorities",
                           f"{name} has {len(parsed.errors)} bad row(s):\n{listing}{more}\n\n"
                           f"Import the {len(drafts)} valid row(s) anyway?", f"Import {len(drafts)} rows"):
                return
        if drafts and self.ctx.run(self.window, cmd.AddPriorities, s.id, drafts,
                                   f"Import {len(drafts)} priorities from {name}", not_done="nothing was imported"):
            self._say(f"Imported {len(drafts)} priorities from {name}", 5000)

    def export_session(self, fmt: str) -> None:
        from tension_desk.export.documents import export_session

        s = self.window.session_view.session
        if s is None or not self.window.session_view.notes_tab.save_pending():  # the notes on screen are exported
            return
        filters = next(f for key, _t, f, _s in menus.EXPORT_FORMATS if key == fmt)
        safe = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in s.title).strip() or "session"
        self.save("Export session", f"{safe}.{fmt}", filters, fmt,
                  lambda path: export_session(self.ctx.desk, s.id, fmt, path))

    def export_log(self, fmt: str) -> None:
        from tension_desk.export.documents import export_log

        self.save("Export decision log", f"decision-log.{fmt}", "PDF (*.pdf)" if fmt == "pdf" else "Markdown (*.md)",
                  fmt, lambda path: export_log(self.ctx.desk, fmt, path))

    def export_review(self, quarter: str) -> None:
        from tension_desk.export.documents import export_review

        if quarter:
            self.save("Export quarterly review", f"review-{quarter}.pdf", "PDF (*.pdf)", "pdf",
                      lambda path: export_review(self.ctx.desk, quarter, path))

    def save(self, title: str, suggested: str, filters: str, ext: str, write: Callable[[Path], object]) -> None:
        """Ask where, write (atomically), and say how it went. Nothing half-written is ever left behind."""
        path = Prompts.ask_save_file(self.window, title, suggested, filters)
        if not path:
            return
        if not path.lower().endswith(f".{ext}"):
            path += f".{ext}"
        try:
            write(Path(path))
        except Exception as exc:  # shown to the user in one message: the store's trouble in its one line
            show_error(self.window, store_trouble(exc, self.ctx.desk.store_file) or exc)
            return
        self._say(f"Exported {Path(path).name}")

    def verify_record(self) -> None:
        from tension_desk.ui.dialogs.verify import verify_record

        verify_record(self.window, self.ctx.desk)

    def restore_backup(self) -> None:
        """Restore a backup in place: the current store is backed up first; undo history starts afresh."""
        from tension_desk.ui.dialogs.backups import BackupsDialog

        if self.window.store_path is None:
            return
        data_dir = self.window.store_path.parent
        chosen = BackupsDialog.ask(self.window, data_dir)
        if chosen is None or not confirm(self.window, "Restore backup", f"Replace the store with the backup "
                                         f"{chosen.name}? The current store is backed up first.", "Restore"):
            return
        try:
            self.ctx.desk.workspace.restore_backup(data_dir, chosen)
        except Exception as exc:  # the store was left as it was; say why
            show_error(self.window, exc)
            return
        self.ctx.undo_stack.clear()
        self.window.session_view.session = None
        self.window.refresh_sessions()
        self.ctx.notifier.leaders_changed.emit()
        self._say(f"Restored {chosen.name}")
