"""Hostile input to the command line: each case gives one clear line and its exit code, never a
traceback, a hang or a silent loss (issue 14).

The table runs real processes (`python -m explorer`), since closed and full standard streams,
arguments that are not UTF-8 and FIFOs only behave truly there. The random command lines of
scripts/fuzz_cli.py run in-process; EXPLORER_FUZZ_EXAMPLES sets how many (`make fuzz` runs more).
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.paths import Paths
from tests.conftest import ROOT

FUZZ_EXAMPLES = int(os.environ.get("EXPLORER_FUZZ_EXAMPLES", "30"))
PROFILE_LIMIT = 1_000_000

Arg = str | bytes


@dataclasses.dataclass(frozen=True)
class Case:
    """One command line, what its standard streams are, and what it must answer."""

    name: str
    args: tuple[Arg, ...]
    code: int
    #: Words that must be in the one line on standard error ("" when it must be empty).
    words: tuple[str, ...] = ()
    #: Bytes on standard input; "closed" closes it; a path string reads that file.
    stdin: bytes | str | None = None
    #: "pipe" (captured), "closed", "full" (/dev/full) or "readonly" (a descriptor open for reading).
    stdout: str = "pipe"


def run_case(case: Case, catalogue: Path, places: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m explorer --catalogue CATALOGUE ARGS --lang en` with the case's streams.

    A closed stream is closed by the shell (`>&-`, `<&-`), which is safe to do from many threads.
    """
    args = [a.format(**places) if isinstance(a, str) else a for a in case.args]
    command: list[Arg] = [
        sys.executable,
        "-m",
        "explorer",
        "--catalogue",
        str(catalogue),
        *args,
        "--lang",
        "en",
    ]
    closing = ("<&- " if case.stdin == "closed" else "") + (">&-" if case.stdout == "closed" else "")
    if closing:
        command = ["sh", "-c", f'exec "$@" {closing}', "sh", *command]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPLORER_CONFIG=places["config"])
    env.pop("EXPLORER_DEBUG", None)
    with contextlib.ExitStack() as stack:
        stdin: Any = subprocess.PIPE
        data: bytes | None = case.stdin if isinstance(case.stdin, bytes) else b""
        if isinstance(case.stdin, str) and case.stdin != "closed":
            stdin, data = stack.enter_context(open(case.stdin.format(**places), "rb")), None
        stdout: Any = subprocess.PIPE
        if case.stdout == "full":
            stdout = stack.enter_context(open("/dev/full", "wb"))
        elif case.stdout == "readonly":
            stdout = stack.enter_context(open(os.devnull, "rb"))
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, env=env
        )
        out, err = process.communicate(data, timeout=60)
    return subprocess.CompletedProcess(command, process.returncode, out or b"", err)


LONG_ID = "\x1b[31m" + "x" * 10_000
NESTED = b"[" * 100_000

CASES = [
    # screen --profile: only regular files, at most MAX_PROFILE_BYTES, UTF-8
    Case("profile /dev/zero", ("screen", "--profile", "/dev/zero"), 2, ("/dev/zero", "a device, not a file")),
    Case("profile FIFO", ("screen", "--profile", "{fifo}"), 2, ("fifo", "a FIFO")),
    Case("profile folder", ("screen", "--profile", "{folder}"), 2, ("folder", "a folder, not a file")),
    Case(
        "profile missing", ("screen", "--profile", "{folder}/nope.json"), 2, ("No profile file", "nope.json")
    ),
    Case("profile too big", ("screen", "--profile", "{big}"), 2, ("larger than 1,000,000 bytes",)),
    Case("profile not UTF-8", ("screen", "--profile", "{latin}"), 2, ("not UTF-8",)),
    Case("profile - closed", ("screen", "--profile", "-"), 2, ("Standard input is closed",), stdin="closed"),
    Case(
        "profile - /dev/zero", ("screen", "--profile", "-"), 2, ("larger than 1,000,000",), stdin="/dev/zero"
    ),
    Case("profile - too big", ("screen", "--profile", "-"), 2, ("larger than",), stdin=b" " * 2_000_000),
    Case("profile - nested", ("screen", "--profile", "-"), 2, ("nested",), stdin=NESTED),
    Case("profile - not UTF-8", ("screen", "--profile", "-"), 2, ("not UTF-8",), stdin=b'{"age": "\xff"}'),
    Case("profile - BOM", ("screen", "--profile", "-", "--json"), 0, (), stdin=b'\xef\xbb\xbf{"age": 30}'),
    Case("profile path not UTF-8", ("screen", "--profile", b"/tmp/\xff.json"), 2, ("\\udcff.json",)),
    # standard output full, closed or unwritable
    Case(
        "list to /dev/full",
        ("list",),
        2,
        ("Cannot write to standard output", "the disk is full"),
        stdout="full",
    ),
    Case("show --json to /dev/full", ("show", "ansimi", "--json"), 2, ("the disk is full",), stdout="full"),
    Case("search to /dev/full", ("search", "제로페이"), 2, ("the disk is full",), stdout="full"),
    Case("list, output closed", ("list",), 2, ("Standard output is closed",), stdout="closed"),
    Case("list, output read-only", ("list",), 2, ("Cannot write to standard output",), stdout="readonly"),
    # arguments that are not valid UTF-8, or long and raw: an unknown id, quoted short and escaped
    Case("show \\xff", ("show", b"\xff"), 1, ("No service has the id '\\udcff'",)),
    Case("show long escape", ("show", LONG_ID), 1, ("\\x1b[31mxxx", "(10,005 characters)")),
    Case("search \\xff", ("search", b"\xff\x1b[31m"), 0, ()),
    Case("search FTS syntax", ("search", 'NEAR("a" b) OR *', "--json"), 0, ()),
    # filters: unknown values refused with the valid ids
    Case("unknown category", ("search", "집", "--category", "nosuch"), 2, ("'nosuch'", "housing", "care")),
    Case("unknown audience", ("search", "집", "--audience", "elderly"), 2, ("'elderly'", "older-people")),
    Case("category \\xff", ("search", "", "--category", b"\xff"), 2, ("'\\udcff'", "housing")),
    Case("empty category", ("search", "집", "--category", ""), 2, ("''", "housing")),
    Case("unknown status", ("search", "집", "--status", "nosuch"), 2, ("nosuch",)),
    # kiosk-pin: the hash is never silently lost
    Case(
        "pin, output closed",
        ("kiosk-pin",),
        2,
        ("Standard output is closed",),
        b"258013\n258013\n",
        "closed",
    ),
    Case("pin to /dev/full", ("kiosk-pin",), 2, ("hash could not be written",), b"258013\n258013\n", "full"),
    Case(
        "pin, output read-only",
        ("kiosk-pin",),
        2,
        ("hash could not be written",),
        b"258013\n258013\n",
        "readonly",
    ),
    Case("pin, input closed", ("kiosk-pin",), 2, ("Standard input is closed",), stdin="closed"),
    Case("pin from /dev/zero", ("kiosk-pin",), 2, ("digits",), stdin="/dev/zero"),
]


@pytest.fixture(scope="module")
def odd_places(tmp_path_factory: pytest.TempPathFactory, built_db: Path) -> tuple[Path, dict[str, str]]:
    """A copy of the catalogue, and odd files to point at: a FIFO, a folder, a big file, one not UTF-8."""
    folder = tmp_path_factory.mktemp("bad-inputs")
    catalogue = folder / "services.db"
    shutil.copyfile(built_db, catalogue)
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    (folder / "folder").mkdir()
    (folder / "big.json").write_bytes(b" " * (PROFILE_LIMIT + 1))
    (folder / "latin.json").write_bytes('{"age": "é"}'.encode("latin-1"))
    places = {
        "fifo": str(fifo),
        "folder": str(folder / "folder"),
        "big": str(folder / "big.json"),
        "latin": str(folder / "latin.json"),
        "config": str(folder / "config"),
    }
    return catalogue, places


# Each case runs its own process in its own test (they were run all at once in one fixture, which
# every parallel worker that got a case ran again in full).
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_one_clear_line_and_its_exit_code(
    case: Case, odd_places: tuple[Path, dict[str, str]]
) -> None:
    result = run_case(case, *odd_places)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == case.code, stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    assert "\x1b" not in stderr, "a terminal escape reached the terminal"
    for word in case.words:
        assert word in stderr, (word, stderr)
    if case.words:
        lines = [line for line in stderr.splitlines() if line.startswith(("explorer:", "Error:"))]
        assert len(lines) == 1, stderr
        assert len(stderr) < 2_500, "the message quotes too much"
    if case.code != 0 and case.stdout == "pipe":
        assert result.stdout == b""


def test_kiosk_pin_from_a_pipe_prints_one_line_and_no_python_warning(tmp_path: Path) -> None:
    env = dict(os.environ, EXPLORER_CONFIG=str(tmp_path))
    env.pop("EXPLORER_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "kiosk-pin", "--lang", "en"],
        cwd=ROOT,
        input="839201\n839201\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r'pin_hash = "scrypt\$[^"\n]+"\n', result.stdout), result.stdout
    for word in ("GetPassWarning", "warnings.warn", "getpass", "may be echoed", "839201"):
        assert word not in result.stderr, result.stderr


def test_search_help_lists_the_valid_filter_values(paths: Paths) -> None:
    runner = CliRunner()
    from explorer.cli import cli

    result = runner.invoke(cli, ["--catalogue", str(paths.catalogue), "search", "--help"])
    assert result.exit_code == 0, result.output
    help_text = " ".join(result.output.split())
    assert "housing" in help_text and "older-people" in help_text.replace("- ", "-")
    assert "active|planned|ended|unknown" in help_text


def test_search_help_works_when_the_catalogue_cannot_be_opened(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a catalogue")
    env = dict(os.environ, EXPLORER_SOURCES=str(tmp_path / "no-sources"))
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--catalogue", str(broken), "search", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0 and "--category ID" in result.stdout, result.stderr
    assert result.stderr == ""


def test_filters_that_exist_still_filter(paths: Paths) -> None:
    from explorer.cli import cli

    result = CliRunner().invoke(
        cli, ["--catalogue", str(paths.catalogue), "search", "", "--category", "housing", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout), "an empty query with a filter lists the category"


# --- guarded: the known surprises are clear lines with exit 2; anything else is a bug (exit 1) -------


@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (RecursionError("maximum recursion depth exceeded"), 2, "nested too deeply"),
        (MemoryError(), 2, "Not enough memory"),
        (OSError(28, "No space left on device"), 2, "the disk is full"),  # said by errno, in our words
        (PermissionError(13, "Permission denied", "/root/x\x1b[2J"), 2, "Cannot use /root/x\\x1b[2J"),
        (KeyError("\x1b[2J" + "k" * 5_000), 1, "unexpected error: KeyError"),
    ],
)
def test_guarded_turns_surprises_into_one_line(
    monkeypatch: pytest.MonkeyPatch, paths: Paths, error: BaseException, code: int, words: str
) -> None:
    from explorer.cli import cli
    from explorer.core import search

    def explode(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.delenv("EXPLORER_DEBUG", raising=False)
    monkeypatch.setattr(search.Searcher, "search", explode)
    result = CliRunner().invoke(cli, ["--catalogue", str(paths.catalogue), "search", "x", "--lang", "en"])
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], lines
    assert "\x1b" not in lines[0] and len(lines[0]) < 400


# --- show: long text is wrapped in linear time ------------------------------------------------------


def test_wrapping_matches_click_and_keeps_every_character() -> None:
    from explorer.cli import wrap_paragraphs

    rng = random.Random(14)
    words = ["가", "안심이는", "word", "서비스로,", "well-known", "x" * 99, "y" * 100, "abc  def"]
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        if rng.random() < 0.3:
            text = "  " + text + "\n\n" + text + "\nnext"
        ours, theirs = wrap_paragraphs(text), click.wrap_text(text, width=100, preserve_paragraphs=True)
        assert max(map(len, ours.splitlines()), default=0) <= 100
        assert "".join(ours.split()) == "".join(theirs.split())
        # textwrap gives a full line one more character before a long word (101); otherwise the same.
        if max(map(len, theirs.splitlines()), default=0) <= 100:
            assert ours == theirs
    for text in ("z" * 1_000 + " a " + "가" * 777, "가" * 1_000_000):
        wrapped = wrap_paragraphs(text)
        assert max(map(len, wrapped.splitlines())) <= 100
        assert "".join(wrapped.split()) == "".join(text.split())


@pytest.mark.slow
def test_show_prints_a_service_with_a_10_mb_description_quickly(
    source_copy: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.core import sources
    from explorer.core.build import build_catalogue

    service = source_copy.sources / "services" / "ansimi.toml"
    text = service.read_text(encoding="utf-8")
    # 10 MB without a space: what made textwrap quadratic (137 s). The sources' own size limit is
    # lifted for this build; the point is how `show` prints a long text, however it got there.
    huge = "가" * (10_000_000 // 3)
    text = re.sub(r'(\[description\]\nko = ")[^"]*"', lambda m: m.group(1) + huge + '"', text, count=1)
    service.write_text(text, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 20_000_000, raising=False)
    build_catalogue(source_copy.sources, source_copy.catalogue, source_copy.seeds)
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--catalogue", str(source_copy.catalogue), "show", "ansimi"],
        cwd=ROOT,
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "EXPLORER_DEBUG"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-500:]
    lines = result.stdout.decode("utf-8").splitlines()
    assert max(len(line) for line in lines) <= 100
    assert sum(line.count("가") for line in lines) >= len(huge)


# --- caches: bounded in bytes, long inputs never kept ------------------------------------------------


def test_hangul_caches_keep_no_long_input_and_stay_within_their_bytes() -> None:
    from explorer.core import hangul

    rng = random.Random(14)
    for func in (hangul.jamo, hangul.romanize):
        func.cache_clear()
        for _ in range(200):
            func("".join(chr(rng.randint(0xAC00, 0xD7A3)) for _ in range(500)))
        assert func.cache_info().currsize == 0, "a long input was cached"
        small = hangul.TextCache(hangul.jamo.__wrapped__, max_bytes=50_000)
        for n in range(5_000):
            small(f"제로페이{n}")
        info = small.cache_info()
        assert 0 < info.bytes <= 50_000 and info.currsize < 5_000
        assert small("제로페이4999") == hangul.jamo("제로페이4999")
        assert small.cache_info().hits == 1
    assert hangul.jamo("센터") == "ㅅㅔㄴㅌㅓ" and hangul.romanize("따릉이") == "ttareungi"


# --- random command lines (scripts/fuzz_cli.py) ----------------------------------------------------


def _fuzz_module() -> Any:
    spec = importlib.util.spec_from_file_location("fuzz_cli", ROOT / "scripts" / "fuzz_cli.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_cli", module)
    spec.loader.exec_module(module)
    return module


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(seed=st.integers(0, 2**32 - 1))
def test_random_command_lines_never_give_a_traceback(
    seed: int, paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fuzz = _fuzz_module()
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    places = fuzz.make_places(folder, paths.catalogue)
    monkeypatch.setenv("EXPLORER_CONFIG", str(folder / "config"))
    monkeypatch.delenv("EXPLORER_DEBUG", raising=False)
    args, stdin = fuzz.command_line(random.Random(seed), places)
    outcome = fuzz.run_in_process(args, stdin, places, timeout=60)
    assert not outcome.failure, (outcome.failure, [ascii(a)[:80] for a in args], outcome.output[-500:])
    assert outcome.exit_code in (0, 1, 2)


def test_the_searchers_document_cache_is_bounded_in_bytes(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from explorer.core import search
    from explorer.core.catalog import open_catalogue

    monkeypatch.setattr(search, "DOC_CACHE_BYTES", 20_000)
    with open_catalogue(paths.catalogue) as catalogue:
        searcher = search.Searcher(catalogue)
        for query in ("돌봄", "주거", "일자리", "안전", "청년", "어르신", "housing", "care"):
            results = searcher.search(query)
            held = sum(searcher._sizes.values())
            assert held == searcher._cache_bytes
            # What this search needs is kept; the rest goes once the bound is passed.
            assert held <= 20_000 or len(searcher._cache) <= search.CANDIDATES
        assert results and searcher.search("제로페이")[0].id == "zero-pay"


def test_a_damaged_search_entry_is_a_clear_line_and_exit_2(paths: Paths) -> None:
    import sqlite3

    from explorer.cli import cli

    conn = sqlite3.connect(paths.catalogue)
    conn.execute("UPDATE search_docs SET entries = '[{\x01' WHERE service_id = 'zero-pay'")
    conn.commit()
    conn.close()
    result = CliRunner().invoke(
        cli, ["--catalogue", str(paths.catalogue), "search", "제로페이", "--lang", "en"]
    )
    assert result.exit_code == 2, result.output
    assert "Search failed" in result.stderr and "zero-pay" in result.stderr
    assert "\x01" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_any_sqlite_error_in_search_is_a_clear_line_and_exit_2(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from explorer.cli import cli
    from explorer.core.catalog import Catalogue

    class Damaged:
        def execute(self, *args: Any) -> None:
            raise sqlite3.DatabaseError("vtable constructor failed")

    monkeypatch.setattr(Catalogue, "connection", property(lambda self: Damaged()))
    result = CliRunner().invoke(cli, ["--catalogue", str(paths.catalogue), "search", "돌봄", "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "Search failed" in result.stderr and "vtable constructor failed" in result.stderr
