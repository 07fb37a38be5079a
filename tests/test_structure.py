"""No class grows into a hub: each stays under about 300 lines and 25 public methods (issue 12), so a change
has one small place to go. A class over either limit fails here, named with its size."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tension_desk"
MAX_LINES = 300
MAX_PUBLIC_METHODS = 25


@dataclass(frozen=True)
class ClassSize:
    where: str
    lines: int
    public_methods: int

    def __str__(self) -> str:
        return f"{self.where}: {self.lines} lines, {self.public_methods} public methods"


def class_sizes(source: str, module: str) -> list[ClassSize]:
    """Every class in ``source`` (nested ones too) with its length in lines and its public methods (names not
    starting with an underscore, Qt's camelCase overrides included)."""
    sizes = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            public = [f for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                      and not f.name.startswith("_")]
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            sizes.append(ClassSize(f"{module}:{node.lineno} {node.name}", lines, len(public)))
    return sizes


def oversized(sizes: list[ClassSize]) -> list[ClassSize]:
    return [s for s in sizes if s.lines > MAX_LINES or s.public_methods > MAX_PUBLIC_METHODS]


def test_no_class_is_over_300_lines_or_25_public_methods():
    sizes = [size for path in sorted(SRC.rglob("*.py"))
             for size in class_sizes(path.read_text(encoding="utf-8"), str(path.relative_to(SRC.parent)))]
    assert sizes, f"no classes found under {SRC}"
    too_big = oversized(sizes)
    assert not too_big, "split these classes along a real seam:\n" + "\n".join(map(str, too_big))


@pytest.mark.parametrize(("body", "expected"), [
    ("    x = 1\n" * 299, []),
    ("    x = 1\n" * 300, ["m.py:1 Big: 301 lines, 0 public methods"]),
    ("".join(f"    def m{i}(self): ...\n" for i in range(25)), []),
    ("".join(f"    def m{i}(self): ...\n" for i in range(26)), ["m.py:1 Big: 27 lines, 26 public methods"]),
    ("".join(f"    def _m{i}(self): ...\n" for i in range(40)), []),
])
def test_the_check_names_a_class_over_either_limit(body, expected):
    assert [str(s) for s in oversized(class_sizes("class Big:\n" + body, "m.py"))] == expected
