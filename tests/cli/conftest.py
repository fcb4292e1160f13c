"""The `explorer` command run through its real entry point (`explorer.cli.main`), in this process."""

from __future__ import annotations

import gettext
import io
import sys
from collections.abc import Callable, Iterator

import pytest

from explorer.cli import cli, main
from explorer.cli_help import refresh_click_words


@pytest.fixture
def command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., tuple[int, str]]]:
    """`run(*args, stdin=None)`: `explorer ARGS` as a person runs it, without a new process; returns
    (exit code, what it printed: standard error, then standard output). `stdin` is what standard input
    holds. What the entry point sets for the whole process (Python's gettext domain, LANGUAGE, click's
    path words) is put back afterwards."""
    domain = gettext.textdomain()
    monkeypatch.setenv("LANGUAGE", "")  # restored (to unset, if it was) when the test ends

    def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
        monkeypatch.setattr(sys, "argv", ["explorer", *args])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), "utf-8"))
        with pytest.raises(SystemExit) as exited:
            main()
        printed = capsys.readouterr()
        return int(exited.value.code or 0), printed.err + printed.out

    yield run
    gettext.textdomain(domain)
    refresh_click_words(cli)  # the path options' words back in the suite's own language
