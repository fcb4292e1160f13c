"""The command line in the person's language: `--help`, click's own words, the language asked for.

A command's help is its function's docstring and each option's `help=` text, written in English in
the code as usual. `LocalizedCommand` and `LocalizedGroup` translate them when help is shown (click's
own words, "Usage:" and "Options", come from the `click` domain: see `speak_click`).

`extract` is the Babel extraction method that finds them for the catalogues (translations/babel.cfg
names it for the command modules): every `_()`, `ngettext()` and `N_()` message as the Python method
finds them, plus each click command's docstring (cleaned as click cleans it) and each `help="..."`
text given to a click option or command.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import os
import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import click

from explorer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, _


def _words(text: str | None) -> str | None:
    """`text` (a docstring or a help text) in the interface language, as click would show it."""
    return _(inspect.cleandoc(text)) if text else text


@contextlib.contextmanager
def _translated(command: click.Command) -> Iterator[None]:
    """The command's help, short help and its parameters' help in the interface language, put back
    afterwards (commands are module-level objects: the next call may want another language)."""
    saved = [(command, "help", command.help), (command, "short_help", command.short_help)]
    saved += [(param, "help", getattr(param, "help", None)) for param in command.params]
    try:
        for owner, attribute, text in saved:
            if text:
                setattr(owner, attribute, _words(text))
        yield
    finally:
        for owner, attribute, text in saved:
            setattr(owner, attribute, text)


def display_width(text: str) -> int:
    """The columns `text` takes in a terminal: two for each East Asian wide or fullwidth character
    (Hangul, its jamo, Han), none for a combining mark, one for the rest."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wrap_columns(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal columns, broken at spaces only (never inside a
    hyphenated id; a word wider than a line is broken where it must); each blank-line-separated
    paragraph wrapped on its own. Two spaces between words stay two ("...  [default: auto]")."""
    lines: list[str] = []
    for number, paragraph in enumerate(text.split("\n\n")):
        if number:
            lines.append("")
        line, used = "", 0
        for gap, word in re.findall(r"(\s*)(\S+)", paragraph):
            space = "  " if gap == "  " else " "
            size = display_width(word)
            if line and used + len(space) + size <= width:
                line, used = f"{line}{space}{word}", used + len(space) + size
                continue
            if line:
                lines.append(line)
            line, used = "", 0
            for char in word:  # the word starts a line; wider than a line, it is cut where it must
                step = display_width(char)
                if used + step > width and line:
                    lines.append(line)
                    line, used = "", 0
                line, used = line + char, used + step
        if line:
            lines.append(line)
    return lines


class WideHelpFormatter(click.HelpFormatter):
    """Click's help layout measured in terminal columns, not characters: a Korean option's words
    start in the same column as an English one's, and no Korean line runs past the width (click
    counts 파일 as two columns where a terminal shows four)."""

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width = min(max((display_width(row[0]) for row in rows), default=0), col_max)
        column = self.current_indent + first_width + col_spacing
        text_width = max(self.width - (first_width + col_spacing) - 2, 10)
        for row in rows:
            first, second = row[0], row[1] if len(row) > 1 else ""
            self.write(" " * self.current_indent + first)
            if not second:
                self.write("\n")
                continue
            used = display_width(first)
            if used <= first_width:
                self.write(" " * (first_width + col_spacing - used))
            else:  # a long option: its words go under, in the column
                self.write("\n" + " " * column)
            lines = wrap_columns(second, text_width) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write((" " * column + line if line else "") + "\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for number, paragraph in enumerate(text.split("\n\n")):
            if number:
                self.write("\n")
            if paragraph.startswith("\b\n"):  # click's mark for a paragraph kept as written
                kept = paragraph[2:].splitlines()
            else:
                kept = wrap_columns(paragraph, max(self.width - self.current_indent, 11))
            for line in kept:
                self.write(indent + line + "\n")


class _Context(click.Context):
    formatter_class = WideHelpFormatter


class _Localized(click.Command):
    """What a localized command and group share: help in the interface language when shown, laid
    out in terminal columns (`WideHelpFormatter`)."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # Click keeps a command's --help option once made, with its words in the language of that
        # moment; it is made again, so that a later call in another language reads its own words.
        self._help_option = None
        return super().get_help_option(ctx)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)


class LocalizedCommand(_Localized):
    """A command whose `--help` (and line in its group's list) is in the interface language."""


class LocalizedGroup(_Localized, click.Group):
    """A group of commands, each localized like `LocalizedCommand` (subgroups too)."""

    command_class = LocalizedCommand
    group_class = type  # a subgroup made with @group.group() is a LocalizedGroup as well


def refresh_click_words(group: click.Group) -> None:
    """Words click fixed when the commands were defined, before the language was known: a path
    option's kind ("file", "directory", "path"), said again in click's current language."""
    from gettext import gettext

    for command in [group, *_all_commands(group)]:
        for param in command.params:
            kind = param.type
            if isinstance(kind, click.Path):
                word = "file" if kind.file_okay and not kind.dir_okay else "path"
                word = "directory" if kind.dir_okay and not kind.file_okay else word
                kind.name = gettext(word)


def _all_commands(group: click.Group) -> Iterator[click.Command]:
    for command in group.commands.values():
        yield command
        if isinstance(command, click.Group):
            yield from _all_commands(command)


def language_asked(argv: list[str]) -> str:
    """The language `--lang` names in `argv` (before click has parsed it), else the default."""
    chosen = DEFAULT_LANGUAGE
    for number, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and number + 1 < len(argv):
            chosen = argv[number + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def speak_click(lang: str, translations: Path) -> None:
    """Click's own words (usage errors, "Usage:", "Options") in `lang`.

    Click translates them with Python's gettext in the global domain; the program binds that domain
    to its own catalogue `click` (translations/ko/LC_MESSAGES/click.mo) and names the language. A
    usage error is found while the command line is parsed, before `--lang` reaches any command, so
    the language is read from the arguments first (`language_asked`).
    """
    import gettext

    gettext.bindtextdomain("click", str(translations))
    gettext.textdomain("click")
    os.environ["LANGUAGE"] = lang  # gettext's choice of catalogue (this process and its children)


# --- extraction ------------------------------------------------------------------------------------

_CLICK_DECORATORS = ("command", "group")


def _is_click_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in _CLICK_DECORATORS:
            return True
    return False


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: dict[str, Any],
) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    """Babel extraction method: the Python method's messages, plus commands' help texts."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _is_click_command(node):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, None, doc, []
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg == "help" and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    yield value.lineno, None, inspect.cleandoc(value.value), []
