"""The layers hold: views talk to controllers (never the core), and SQL stays out of the UI and CLI."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPLORER = ROOT / "explorer"
#: Where the windows are laid out: the caseworker's views and easy mode's screens.
VIEWS = (EXPLORER / "ui" / "views", EXPLORER / "ui" / "easy")
SQL = re.compile(
    r"^\s*(SELECT\b.*\bFROM\b|INSERT INTO\b|UPDATE \w+ SET\b|DELETE FROM\b|PRAGMA \w|"
    r"CREATE (TABLE|INDEX|VIRTUAL)\b|DROP (TABLE|INDEX)\b)",
    re.DOTALL,
)


def modules(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*.py"))


def imported(path: Path) -> list[str]:
    """Every module `path` imports, at the top or inside a function."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_view_imports_the_core() -> None:
    found = {
        str(path.relative_to(ROOT)): [name for name in imported(path) if name.startswith("explorer.core")]
        for path in modules(*VIEWS)
    }
    assert {path: names for path, names in found.items() if names} == {}
    assert len(found) > 20  # the scan saw the views


def test_no_sql_in_the_ui_or_the_commands() -> None:
    places = [*modules(EXPLORER / "ui"), *EXPLORER.glob("*_cli.py"), EXPLORER / "cli.py"]
    found = []
    for path in places:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]}")
    assert found == []
    assert len(places) > 40


def test_the_scan_would_see_a_crossing(tmp_path: Path) -> None:
    """The checks above are not vacuous: a view importing the core and a query in the UI are found."""
    view = tmp_path / "view.py"
    view.write_text(
        "def f():\n    from explorer.core.catalog import Catalogue\n    return 'SELECT id FROM services'\n",
        encoding="utf-8",
    )
    assert imported(view) == ["explorer.core.catalog"]
    tree = ast.parse(view.read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.Constant) and SQL.match(str(n.value)) for n in ast.walk(tree))
