"""The `explorer` command run through its real entry point (`explorer.cli.main`), in this process."""

from __future__ import annotations

import contextlib
import gettext
import io
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explorer.cli import cli, main
from explorer.cli_help import refresh_click_words

#: (exit code, standard output, standard error) of one command.
Outcome = tuple[int, str, str]


@contextlib.contextmanager
def _entry_point(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., Outcome]]:
    """`run(args, stdin=None, env=None)`: the entry point with `explorer ARGS` as its command line and
    `stdin` (text) as standard input, `env` set (None: removed) for that one call. What the entry
    point sets for the whole process (Python's gettext domain, LANGUAGE, click's path words) is put
    back afterwards."""
    domain = gettext.textdomain()
    monkeypatch.setenv("LANGUAGE", "")  # restored (to unset, if it was) when the test ends

    def run(
        args: tuple[str, ...], stdin: str | None = None, env: dict[str, str | None] | None = None
    ) -> Outcome:
        with monkeypatch.context() as call:
            call.setattr(sys, "argv", ["explorer", *args])
            for name, value in (env or {}).items():
                if value is None:
                    call.delenv(name, raising=False)
                else:
                    call.setenv(name, value)
            if stdin is not None:
                call.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), "utf-8"))
            with pytest.raises(SystemExit) as exited:
                main()
        printed = capsys.readouterr()
        return int(exited.value.code or 0), printed.out, printed.err

    try:
        yield run
    finally:
        gettext.textdomain(domain)
        refresh_click_words(cli)  # the path options' words back in the suite's own language


@pytest.fixture
def command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., tuple[int, str]]]:
    """`run(*args, stdin=None)`: `explorer ARGS` as a person runs it, without a new process; returns
    (exit code, what it printed: standard error, then standard output). `stdin` is what standard input
    holds."""
    with _entry_point(monkeypatch, capsys) as entry:

        def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
            code, out, err = entry(args, stdin)
            return code, err + out

        yield run


@pytest.fixture
def explorer_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., subprocess.CompletedProcess[str]]]:
    """`run(*args, catalogue=None, env=None, stdin=None)`: `explorer [--catalogue CATALOGUE] ARGS`
    without a new process, with `env` set for the call and EXPLORER_DEBUG unset (as a person runs it);
    returns what a process would: the exit code and standard output and error apart."""
    with _entry_point(monkeypatch, capsys) as entry:

        def run(
            *args: str,
            catalogue: Path | None = None,
            env: dict[str, str] | None = None,
            stdin: str | None = None,
        ) -> subprocess.CompletedProcess[str]:
            full = (*(("--catalogue", str(catalogue)) if catalogue is not None else ()), *args)
            code, out, err = entry(full, stdin, {"EXPLORER_DEBUG": None, **(env or {})})
            return subprocess.CompletedProcess(["explorer", *full], code, out, err)

        yield run
