"""Only services write: the UI reaches the store through the services' methods, never through the desk's unit
of work or its engine (which would let it open a transaction of its own)."""
from __future__ import annotations

import ast
from pathlib import Path

import tension_desk

UI = Path(tension_desk.__file__).parent / "ui"
FORBIDDEN = {"unit", "engine"}


def _desk_reaches(tree: ast.AST) -> list[tuple[int, str]]:
    """``<…>.desk.unit`` / ``<…>.desk.engine`` (and a bare ``desk.unit``): the attribute read on a desk."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN:
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ""
            if name == "desk":
                found.append((node.lineno, f"desk.{node.attr}"))
    return found


def test_no_ui_module_reaches_the_desks_unit_of_work_or_engine():
    reaches = [f"{path.relative_to(UI.parent)}:{line}: {what}"
               for path in sorted(UI.rglob("*.py"))
               for line, what in _desk_reaches(ast.parse(path.read_text(encoding="utf-8")))]
    assert reaches == []


def test_the_guard_sees_a_reach_into_the_desk():
    assert _desk_reaches(ast.parse("seats.set_done(self.desk.unit, 1, side)\nurl = w.ctx.desk.engine.url")) == [
        (1, "desk.unit"), (2, "desk.engine")]
