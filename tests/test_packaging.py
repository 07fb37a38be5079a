"""What an install gives a user: both commands, every dependency the code imports, Qt pinned only where it must be."""
from __future__ import annotations

import ast
import sys
from importlib.metadata import distribution, entry_points, packages_distributions
from pathlib import Path

from packaging.requirements import Requirement

import tension_desk
from tension_desk import cli

SRC = Path(tension_desk.__file__).resolve().parent
DIST = distribution("tension-desk")


def requirements(python_version: str) -> dict[str, Requirement]:
    """The install requirements (no extras) that apply on that Python version, by normalised name."""
    env = {"python_version": python_version, "python_full_version": f"{python_version}.0", "extra": ""}
    found = {}
    for req in map(Requirement, DIST.requires or []):
        if req.marker is None or req.marker.evaluate(env):
            found[req.name.lower().replace("_", "-")] = req
    return found


def test_the_command_line_and_the_gui_launcher_are_both_installed():
    console = {ep.name: ep for ep in entry_points(group="console_scripts")}
    gui = {ep.name: ep for ep in entry_points(group="gui_scripts")}
    assert console["tension-desk"].load() is cli.main
    assert gui["tension-desk-gui"].load() is cli.main


def test_the_pyside6_cap_applies_only_before_python_3_12():
    assert "6.12.0" not in requirements("3.11")["pyside6-essentials"].specifier
    for newer in ("3.12", "3.13"):
        assert "6.12.0" in requirements(newer)["pyside6-essentials"].specifier


def test_every_third_party_package_the_code_imports_is_declared():
    imported = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"tension_desk", "__future__"}
    owners = packages_distributions()
    declared = {name for v in ("3.11", "3.12") for name in requirements(v)}
    missing = sorted(f"{mod} ({', '.join(owners.get(mod, ['?']))})" for mod in third_party
                     if not {d.lower().replace("_", "-") for d in owners.get(mod, [mod])} & declared)
    assert not missing, f"imported but not declared in pyproject dependencies: {missing}"
