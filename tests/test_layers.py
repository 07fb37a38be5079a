"""The layers stay honest: no Qt in domain/store/services, no widgets in render/export, ui never uses store."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tension_desk"


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


RULES = [
    ("domain", ("PySide6", "sqlalchemy", "sqlmodel", "tension_desk.store", "tension_desk.services", "tension_desk.ui")),
    ("store", ("PySide6", "tension_desk.ui", "tension_desk.services")),
    ("services", ("PySide6", "tension_desk.ui")),
    ("render", ("PySide6.QtWidgets", "tension_desk.ui", "tension_desk.store", "sqlalchemy")),
    ("export", ("PySide6.QtWidgets", "tension_desk.ui", "tension_desk.store")),
    ("ui", ("tension_desk.store", "sqlalchemy", "sqlmodel")),
]


@pytest.mark.parametrize("layer, forbidden", RULES, ids=[r[0] for r in RULES])
def test_layer_imports(layer, forbidden):
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offenders, "\n".join(offenders)
