"""PySide6 asks, of every module imported after it, whether its source says "PySide6". The app answers that from
the file's bytes: the source of SQLAlchemy, SQLModel, pydantic and the views (imported after the first window)
is not kept in memory, and PySide6 gets the same answer as from its own check."""
from __future__ import annotations

import linecache
import sys

import pytest

from tension_desk.app import make_application
from tension_desk.desktop import ByteCheck, uses_pyside_by_bytes


@pytest.fixture
def fresh_module(tmp_path, monkeypatch):
    """Write a module into a folder on sys.path; returns (name, path). The module is forgotten afterwards."""
    monkeypatch.syspath_prepend(str(tmp_path))
    written: list[str] = []

    def write(name: str, text: str):
        path = tmp_path / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        written.append(name)
        return name, path

    yield write
    for name in written:
        sys.modules.pop(name, None)


def test_a_module_imported_after_the_app_starts_leaves_no_source_in_memory(qapp, fresh_module):
    make_application()
    feature = sys.modules["shibokensupport.feature"]
    plain, plain_path = fresh_module("td_probe_plain", "ANSWER = 42\n" * 500)
    qt, qt_path = fresh_module("td_probe_qt", "from PySide6.QtCore import QObject\n\nTHING = QObject\n")

    __import__(plain)  # through builtins.__import__, as an import statement: the hook PySide6 put there
    __import__(qt)

    assert str(plain_path) not in linecache.cache and str(qt_path) not in linecache.cache
    # PySide6 still knows which of them uses it (the default of its __feature__ switching: 0; -1 = ignore)
    assert feature.pyside_feature_dict[plain] == -1
    assert feature.pyside_feature_dict[qt] == 0


def test_the_byte_check_answers_as_pyside6s_own_check_for_every_loaded_module(qapp):
    make_application()
    import sqlalchemy.orm  # noqa: F401  (a package of many modules, as the app loads)

    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert isinstance(check, ByteCheck)
    pyside_check = check.pyside_check
    modules = [m for m in list(sys.modules.values()) if isinstance(getattr(m, "__file__", None), str)]
    assert len(modules) > 300
    said = {m.__name__: uses_pyside_by_bytes(m, pyside_check) for m in modules}
    assert said == {m.__name__: pyside_check(m) for m in modules}
    assert said["sqlalchemy.orm"] is False and said["tension_desk.render.fonts"] is True


def test_the_source_lines_kept_before_the_app_starts_are_let_go_and_made_up_ones_kept(qapp, fresh_module):
    _, path = fresh_module("td_probe_before", "BEFORE = 1\n" * 500)
    assert len(linecache.getlines(str(path))) == 500  # what PySide6's own check kept of a module imported before
    linecache.cache["<td made-up source>"] = (6, None, ["pass\n"], "<td made-up source>")  # e.g. generated code

    make_application()

    assert str(path) not in linecache.cache
    assert linecache.getline(str(path), 1) == "BEFORE = 1\n"  # read again when a traceback asks
    assert linecache.cache.pop("<td made-up source>")[2] == ["pass\n"]
