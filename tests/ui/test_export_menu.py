"""File → Export, as a user does it; a failure is one message and leaves nothing behind."""
from __future__ import annotations

from pypdf import PdfReader

from tension_desk.services.sample import add_sample


def test_export_the_session_record_and_the_log_from_the_file_menu(make_window, desk, monkeypatch, no_dialogs, tmp_path):
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[1])
    target = tmp_path / "october"  # no extension: the app adds it
    monkeypatch.setattr(no_dialogs, "ask_save_file", staticmethod(lambda *a: str(target)))
    w.export_actions["pdf"].trigger()
    pdf = tmp_path / "october.pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "October tension session" in text and "Split the billing monolith" in text
    assert "Exported october.pdf" in w.statusBar().currentMessage()
    w.export_log_actions["md"].trigger()
    assert (tmp_path / "october.md").read_text().startswith("# Decision log")


def test_an_export_to_a_missing_folder_says_so(make_window, desk, monkeypatch, no_dialogs, tmp_path):
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[0])
    shown = []
    monkeypatch.setattr(no_dialogs, "ask_save_file", staticmethod(lambda *a: str(tmp_path / "gone" / "x.csv")))
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: shown.append(str(exc))))
    w.export_actions["csv"].trigger()
    assert shown and "does not exist" in shown[0]
    assert not (tmp_path / "gone").exists()
