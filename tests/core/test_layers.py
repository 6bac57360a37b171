"""The layers a newcomer can rely on: the domain never imports the UI, rooms stand on core.

Read from the source with Python's own parser, so a stray import fails here before it makes a
tablet load Flask to fold an event.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
DOMAIN = ["shared/core", "shared/participants", "shared/deals", "shared/conflicts"]
DOMAIN += ["shared/schedule", "shared/stage", "shared/journal.py", "shared/evening.py"]
UI = ("flask", "flask_htmx", "jinja2", "werkzeug", "shared.web", "shared.i18n", "hub", "kiosk")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(place: str) -> list[Path]:
    path = ROOT / place
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


@pytest.mark.parametrize("place", DOMAIN)
def test_the_domain_does_not_import_the_ui(place):
    for module in modules(place):
        ui = {name for name in imports_of(module) if name.split(".")[0] in UI or name in UI}
        ui |= {
            name for name in imports_of(module) if name.startswith(("shared.web", "shared.i18n"))
        }
        assert not ui, f"{module.relative_to(ROOT)} imports {sorted(ui)}"


def test_core_stands_on_no_room():
    rooms = ("shared.participants", "shared.deals", "shared.conflicts", "shared.schedule")
    rooms += ("shared.stage", "shared.evening")
    for module in modules("shared/core"):
        reached = {name for name in imports_of(module) if name.startswith(rooms)}
        assert not reached, f"{module.relative_to(ROOT)} imports {sorted(reached)}"


def test_no_product_module_is_longer_than_one_sitting():
    too_long = [
        (str(path.relative_to(ROOT)), lines)
        for folder in ("shared", "hub", "kiosk", "bors")
        for path in (ROOT / folder).rglob("*.py")
        if (lines := len(path.read_text().splitlines())) > 420
    ]
    assert too_long == []
