"""Fuzz the `explorer` command line: random command lines built from hostile arguments.

Each run picks a command (list, show, search, screen, programs, kiosk-pin, kiosk-check, db check)
and gives it random arguments and options from a pool of hostile strings: FTS5 and SQL syntax,
control characters and terminal escapes, emoji, 10,000 characters, lone surrogates (what an argument
that is not valid UTF-8 becomes), very long numbers, odd paths (a folder, a FIFO, /dev/zero, a
missing file) and random options. Commands run in-process through click's CliRunner (fast), or with
--subprocess as real processes. Every run must end with exit 0, 1 or 2 and no traceback; a
traceback, an "unexpected error" line or a run that hangs is a failure.

    python scripts/fuzz_cli.py --runs 2000 [--seed 14] [--subprocess]

Prints the figures (runs, exit codes, failures, time) and exits 1 when any run failed.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]

#: Arguments that have broken, or could break, a command line program.
HOSTILE: tuple[str, ...] = (
    # FTS5 query syntax and SQL
    '"',
    '""',
    "NEAR(a b)",
    "a OR b AND NOT c",
    "*",
    "^제로",
    "names: 제로",
    "{names keywords}: x",
    "(((",
    ")",
    "' OR 1=1 --",
    "'; DROP TABLE services; --",
    "%",
    "_",
    "\\",
    # control characters, terminal escapes, direction marks
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
    "\r\n",
    "\t",
    "\x7f",
    "\u202e뒤집기",
    "\ufeff",
    "\u200b",
    # emoji and other planes
    "🏠",
    "👩‍👩‍👧‍👦" * 20,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    # long text
    "가" * 10_000,
    "a" * 10_000,
    "제로페이 " * 2_000,
    # lone surrogates: an argument that was not valid UTF-8 ($'\xff')
    "\udcff",
    "\udc80abc",
    "zero-pay\udcff",
    # numbers
    "9" * 5_000,
    "-1",
    "0",
    "1e309",
    "NaN",
    "-0",
    "18446744073709551617",
    # plain words that are real
    "제로페이",
    "ㅈㄹㅍㅇ",
    "돌봄을",
    "dolbom",
    "housing",
    "zero-pay",
    "ansimi",
    "care",
    "older-people",
    "",
    " ",
    "-",
    "--",
)

#: Profile contents for `screen --profile -` (bytes on standard input).
PROFILES: tuple[bytes, ...] = (
    b"",
    b"{}",
    b'{"age": 72, "lives_alone": true}',
    b'{"age": -3}',
    b'{"age": ' + b"9" * 5_000 + b"}",
    b"[" * 100_000,
    b'{"a": ' * 50_000,
    b"\xff\xfe\x00",
    b"\xef\xbb\xbf{}",
    b'{"age": 1, "age": 2}',
    b"null",
    b'"\\ud800"',
    b'{"favourite_colour": "\x1b[31m"}',
    b"{" + b'"k": 1, ' * 20_000 + b'"z": 2}',
)

COMMANDS = ("list", "show", "search", "screen", "programs", "kiosk-pin", "kiosk-check", "db-check")
OPTIONS = ("--json", "--lang", "--limit", "--category", "--audience", "--status", "--help", "--profile",
           "--config", "--catalogue", "--nosuch", "-x")  # fmt: skip


@dataclass
class Places:
    """Odd files to point options at, in a temporary folder."""

    folder: Path
    catalogue: Path
    fifo: Path
    paths: tuple[str, ...] = field(default=())


def make_places(folder: Path, catalogue: Path) -> Places:
    """A copy of `catalogue` and odd files (a FIFO, a folder, a binary file) in `folder`."""
    copy = folder / "services.db"
    shutil.copyfile(catalogue, copy)
    fifo = folder / "fifo"
    if hasattr(os, "mkfifo") and not fifo.exists():
        os.mkfifo(fifo)
    (folder / "dir.json").mkdir(exist_ok=True)
    (folder / "binary.json").write_bytes(bytes(range(256)) * 10)
    (folder / "deep.toml").write_text("a = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    paths = (
        str(fifo),
        str(folder / "dir.json"),
        str(folder / "binary.json"),
        str(folder / "deep.toml"),
        str(folder / "missing.json"),
        "/dev/zero",
        "/dev/null",
        "/",
        str(folder / "\udcff.json"),
    )
    return Places(folder, copy, fifo, paths)


def _word(rng: random.Random, places: Places) -> str:
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(HOSTILE)
    if roll < 0.75:
        return rng.choice(places.paths)
    if roll < 0.9:
        return "".join(chr(rng.choice((rng.randint(1, 0x7F), rng.randint(0x80, 0x10FFFF)))) for _ in range(8))
    return rng.choice(HOSTILE) + rng.choice(HOSTILE)


def _clean(text: str) -> str:
    # Characters no command line can carry (NUL) or no OS string can hold (lone surrogates that
    # surrogateescape cannot give back) are replaced; in-process runs take them as they are.
    return text.replace("\x00", "0")


def command_line(rng: random.Random, places: Places) -> tuple[list[str], bytes | None]:
    """A random command line (without the program name) and what standard input holds, if anything."""
    command = rng.choice(COMMANDS)
    args: list[str] = ["db", "check"] if command == "db-check" else [command]
    stdin: bytes | None = None
    if command == "show":
        args.append(_word(rng, places) if rng.random() < 0.8 else rng.choice(("zero-pay", "ansimi")))
    elif command == "search":
        args.append(_word(rng, places))
    elif command == "screen":
        if rng.random() < 0.6:
            args += ["--profile", "-"]
            stdin = rng.choice(PROFILES)
        else:
            args += ["--profile", _word(rng, places)]
    elif command == "kiosk-pin":
        pin = rng.choice(("1234", "2580", "12a4", "", "9" * 5_000, "\x1b[31m", "１２３４"))
        other = pin if rng.random() < 0.7 else rng.choice(("1234", ""))
        stdin = rng.choice((f"{pin}\n{other}\n".encode(), b"", b"\x00" * 1_000, pin.encode()))
    elif command == "kiosk-check" and rng.random() < 0.7:
        args += ["--config", rng.choice((*places.paths, _word(rng, places)))]
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        option = rng.choice(OPTIONS)
        args.append(option)
        if option in ("--lang", "--limit", "--category", "--audience", "--status") and rng.random() < 0.9:
            if option == "--lang":
                args.append(rng.choice(("ko", "en", "fr", _word(rng, places))))
            elif option == "--limit":
                args.append(rng.choice(("1", "500", "501", "0", "-5", "9" * 5_000, _word(rng, places))))
            elif option == "--status":
                args.append(rng.choice(("active", "ended", "nosuch", _word(rng, places))))
            else:
                args.append(rng.choice(("care", "older-people", "nosuch", "elderly", _word(rng, places))))
    rng.shuffle(args[1 if command != "db-check" else 2 :])
    return args, stdin


@dataclass
class Outcome:
    """What one run did."""

    args: list[str]
    exit_code: int | None
    output: str
    seconds: float
    failure: str = ""


class Hang(BaseException):
    """A run took longer than allowed (BaseException, so no command's guard can swallow it)."""


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _judge(outcome: Outcome) -> Outcome:
    if outcome.failure:
        return outcome
    if outcome.exit_code not in (0, 1, 2):
        outcome.failure = f"exit code {outcome.exit_code}"
    elif "Traceback (most recent call last)" in outcome.output:
        outcome.failure = "traceback"
    elif "unexpected error" in outcome.output:
        outcome.failure = "unexpected error"
    return outcome


def run_in_process(args: list[str], stdin: bytes | None, places: Places, timeout: int = 60) -> Outcome:
    """Run one command line through click's CliRunner."""
    from click.testing import CliRunner

    from explorer.cli import cli

    runner = CliRunner()
    start = time.perf_counter()
    try:
        with _deadline(timeout):
            result = runner.invoke(
                cli, ["--catalogue", str(places.catalogue), *args], input=stdin, prog_name="explorer"
            )
    except Hang:
        return Outcome(args, None, "", time.perf_counter() - start, f"no answer in {timeout} s")
    seconds = time.perf_counter() - start
    output = result.output
    failure = ""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        failure = f"traceback: {type(exc).__name__}: {str(exc)[:200]}"
    return _judge(Outcome(args, result.exit_code, output, seconds, failure))


def run_subprocess(args: list[str], stdin: bytes | None, places: Places, timeout: int = 60) -> Outcome:
    """Run one command line as a real `python -m explorer` process."""
    env = dict(os.environ, EXPLORER_CONFIG=str(places.folder / "config"), QT_QPA_PLATFORM="offscreen")
    env.pop("EXPLORER_DEBUG", None)
    command = [sys.executable, "-m", "explorer", "--catalogue", str(places.catalogue)]
    command += [_clean(a) for a in args]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return Outcome(args, None, "", time.perf_counter() - start, f"no answer in {timeout} s")
    except (UnicodeEncodeError, ValueError) as exc:
        # A lone surrogate that no file-system name can hold (\ud800), or a NUL: no shell could pass it.
        return Outcome(args, 0, f"not passed: {exc}", 0.0)
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    return _judge(Outcome(args, done.returncode, output, time.perf_counter() - start))


def fuzz(runs: int, seed: int, catalogue: Path, in_process: bool = True, timeout: int = 60) -> list[Outcome]:
    """`runs` random command lines against a copy of `catalogue`; the outcome of each."""
    rng = random.Random(seed)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="explorer-fuzz-") as temp:
        places = make_places(Path(temp), catalogue)
        previous = os.environ.get("EXPLORER_CONFIG")
        os.environ["EXPLORER_CONFIG"] = str(places.folder / "config")
        try:
            for _ in range(runs):
                args, stdin = command_line(rng, places)
                run = run_in_process if in_process else run_subprocess
                outcomes.append(run(args, stdin, places, timeout))
        finally:
            if previous is None:
                os.environ.pop("EXPLORER_CONFIG", None)
            else:
                os.environ["EXPLORER_CONFIG"] = previous
    return outcomes


def report(outcomes: list[Outcome], seconds: float) -> list[str]:
    """The figures of a fuzz run, one line each; failures listed last."""
    codes = collections.Counter(o.exit_code for o in outcomes)
    by_command = collections.Counter(o.args[0] if o.args[0] != "db" else "db check" for o in outcomes)
    failures = [o for o in outcomes if o.failure]
    slowest = max(outcomes, key=lambda o: o.seconds, default=None)
    lines = [
        f"runs: {len(outcomes)} in {seconds:.1f} s ({len(outcomes) / max(seconds, 1e-9):.1f} per second)",
        "exit codes: " + ", ".join(f"{code}: {count}" for code, count in sorted(codes.items(), key=str)),
        "commands: " + ", ".join(f"{name} {count}" for name, count in sorted(by_command.items())),
        f"tracebacks or unexpected errors: {sum(1 for o in failures if 'no answer' not in o.failure)}",
        f"hangs: {sum(1 for o in failures if 'no answer' in o.failure)}",
    ]
    if slowest is not None:
        shown = " ".join(ascii(a)[:40] for a in slowest.args)
        lines.append(f"slowest run: {slowest.seconds:.2f} s: {shown}")
    for outcome in failures[:20]:
        shown = " ".join(ascii(a)[:60] for a in outcome.args)
        last = outcome.output.strip().splitlines()[-1:] or [""]
        lines.append(f"FAILED ({outcome.failure}): explorer {shown} -> {ascii(last[0])[:200]}")
    return lines


def _default_catalogue(folder: Path) -> Path:
    """A catalogue built from the checkout's sources into `folder`."""
    from explorer.core.build import build_catalogue
    from explorer.core.paths import Paths

    paths = Paths.discover()
    target = folder / "services.db"
    build_catalogue(paths.sources, target, paths.seeds)
    return target


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz and print its figures; 1 when any run failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--timeout", type=int, default=60, help="seconds one run may take")
    parser.add_argument("--catalogue", type=Path, help="catalogue to copy (default: build one)")
    parser.add_argument("--subprocess", action="store_true", help="real processes (slower)")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="explorer-fuzz-catalogue-") as temp:
        catalogue = options.catalogue or _default_catalogue(Path(temp))
        start = time.perf_counter()
        outcomes = fuzz(options.runs, options.seed, catalogue, not options.subprocess, options.timeout)
        seconds = time.perf_counter() - start
    mode = "real processes" if options.subprocess else "in-process (CliRunner)"
    print(f"explorer command-line fuzz: seed {options.seed}, {mode}")
    for line in report(outcomes, seconds):
        print(line)
    return 1 if any(o.failure for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
