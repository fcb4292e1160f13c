"""`--help` in the person's language: every command's and option's help has its Korean words, and
the help printed follows --lang (Korean by default), click's own words included."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.cli import cli
from explorer.cli_help import display_width, wrap_columns
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


@pytest.mark.parametrize("args", [(), ("search",), ("catalogue", "update"), ("kiosk-pin",)])
def test_korean_help_is_laid_out_in_terminal_columns(helped, args: tuple[str, ...]) -> None:
    """A Hangul letter takes two columns in a terminal: each option's words start in one column
    whatever its name holds (--catalogue 파일 and --lang [ko|en] alike), and no line runs past 80."""
    printed = helped("--lang", "ko", *args)
    starts = set()
    for line in printed.splitlines():
        assert display_width(line) <= 80, line
        found = re.match(r"(  -\S.*?\S)( {2,})(\S.*)$", line)  # an option, two spaces or more, its words
        if found:
            starts.add(display_width(found.group(1) + found.group(2)))
    assert len(starts) == 1, (starts, printed)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("가나다라 abc-  \n()ㅈ"), max_size=200), st.integers(2, 40))
def test_wrapped_help_keeps_every_word_and_no_line_is_too_wide(text: str, width: int) -> None:
    lines = wrap_columns(text, width)
    assert all(display_width(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost, nothing added
