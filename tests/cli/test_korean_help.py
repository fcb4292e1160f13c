"""`--help` in the person's language: every command's and option's help has its Korean words, and
the help printed follows --lang (Korean by default), click's own words included."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator

import click
import pytest

from explorer.cli import cli
from explorer.core.i18n import Localizer, _, set_localizer
from explorer.core.paths import Paths

HANGUL = re.compile(r"[가-힣]")


def commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `group`, with the words that call it."""
    for name, command in group.commands.items():
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


def test_every_command_and_option_help_has_korean_words(paths: Paths) -> None:
    set_localizer(Localizer("ko", paths.translations))
    found = list(commands(cli))
    assert len(found) >= 24  # the walk saw the commands and groups
    untranslated = []
    for path, command in [((), cli), *found]:
        texts = [command.help, *(getattr(param, "help", None) for param in command.params)]
        for text in texts:
            if text and not HANGUL.search(_(inspect.cleandoc(text))):
                untranslated.append(f"{' '.join(path) or 'explorer'}: {inspect.cleandoc(text)[:60]}")
    assert untranslated == []


@pytest.fixture
def helped(command_line):
    """`explorer ARGS --help` through the real entry point: what it printed."""

    def run(*args: str) -> str:
        code, printed = command_line(*args, "--help")
        assert code == 0, printed
        return printed

    return run


def test_help_is_korean_by_default_and_english_with_lang_en(helped) -> None:
    korean = helped("search")
    assert korean.startswith("사용법: explorer search")
    assert "서비스를 찾습니다" in korean and "옵션:" in korean
    assert "이 분야의 서비스만. 다음 중 하나: care" in re.sub(r"\s+", " ", korean)
    assert "이 도움말을 보여 주고 끝냅니다." in korean  # click's own --help line
    english = helped("--lang", "en", "search")
    assert english.startswith("Usage: explorer search") and "Find services" in english
    assert "Only services in this category. One of: care" in re.sub(r"\s+", " ", english)
    listing = helped()
    assert "명령:" in listing and "카탈로그를 만들고 검사합니다." in listing  # the commands' short help
