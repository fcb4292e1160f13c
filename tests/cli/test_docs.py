"""Every command and option the `explorer` command offers is documented in the README."""

from __future__ import annotations

import click

from explorer.cli import cli
from tests.conftest import ROOT


def _commands(group: click.Group, prefix: str = "explorer") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # A command counts as documented when it appears in backquotes, alone or with arguments.
    missing = [path for path, _ in _commands(cli) if f"`{path}`" not in readme and f"`{path} " not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_every_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = []
    for path, command in [("explorer", cli), *_commands(cli)]:
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help",) and opt not in readme:
                    missing.append(f"{path} {opt}")
    assert not missing, f"options not documented in README.md: {missing}"


def test_readme_starts_with_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_blocks = readme.split("```")[1:4:2]
    assert "make run" in first_blocks[0]
    assert "make test" in first_blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
