"""A damaged catalogue is found, and refused or reported in one clear line, never with a traceback.

A real catalogue is built into a temporary folder and then damaged the ways a disk, a copy or a
person can: bytes flipped in data, index and schema pages (found with SQLite's `dbstat`), a served
text changed with a plain UPDATE done outside the program, the file cut short, a page zeroed, a
search index's settings changed, stored text that is not JSON or not UTF-8. Then a seeded run of
random single-byte corruptions of data pages: each is either reported by `check_catalogue_file`
(what `explorer db check` runs) or changes nothing that the program serves.

EXPLORER_CORRUPTIONS sets how many random corruptions the loops try: 100 by default (CI's run, the
same seeded corruptions every time), more in `make fuzz` (1,000).
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explorer.core.catalog import open_catalogue
from explorer.core.check import check_catalogue_file
from explorer.core.errors import CatalogueError, ExplorerError
from explorer.core.search import Searcher
from tests.conftest import ROOT

RUNS = int(os.environ.get("EXPLORER_CORRUPTIONS", "100"))
QUERIES = ("제로페이", "돌봄", "housing", "안심", "ㅈㄹㅍㅇ", "제로패이", "청년 주거")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory, built_db: Path) -> Path:
    """A private copy of the real catalogue, never damaged (each test damages its own copy)."""
    path = tmp_path_factory.mktemp("pristine") / "services.db"
    shutil.copyfile(built_db, path)
    assert check_catalogue_file(path) == []
    return path


@pytest.fixture(scope="module")
def served_before(pristine: Path) -> str:
    return served(pristine)


@pytest.fixture
def copy(tmp_path: Path, pristine: Path) -> Path:
    path = tmp_path / "services.db"
    shutil.copyfile(pristine, path)
    return path


def served(path: Path) -> str:
    """Everything the program shows from the catalogue at `path`, as one JSON text: the list, every
    service in full, screening rules, labels, documents and a few searches."""
    with open_catalogue(path) as catalogue:
        out = {
            "list": catalogue.list_services(),
            "services": [catalogue.get_service(sid) for sid in catalogue.service_ids()],
            "rules": catalogue.screening_rules(),
            "labels": catalogue.all_labels(),
            "documents": catalogue.documents(),
        }
        searcher = Searcher(catalogue)
        out["search"] = [[r.to_json() for r in searcher.search(q)] for q in QUERIES]
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def read_everything(path: Path) -> None:
    """Open and read every service; only the program's own one-line errors may come out."""
    with open_catalogue(path) as catalogue:
        catalogue.list_services()
        catalogue.screening_rules()
        for sid in catalogue.service_ids():
            catalogue.get_service(sid)


def page_size(path: Path) -> int:
    size = int.from_bytes(path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def pages(path: Path, where: str) -> list[int]:
    """Page numbers from `dbstat` (name, pagetype, and the object's type as `kind`) matching `where`."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT d.pageno FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name"
            f" WHERE {where} ORDER BY d.pageno"
        ).fetchall()
    finally:
        conn.close()
    assert rows, where
    return [row[0] for row in rows]


def change_bytes(path: Path, offset: int, new: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(new)


def flip(path: Path, offset: int, mask: int = 0x01) -> None:
    data = path.read_bytes()
    change_bytes(path, offset, bytes([data[offset] ^ mask]))


@contextlib.contextmanager
def one_byte_changed(path: Path, original: bytes, offset: int, mask: int) -> Iterator[None]:
    """`path` (a copy of `original`) with the byte at `offset` XORed with `mask`, then put back: one
    corruption after another without writing the whole file each time. The file is `original` again
    afterwards (checked), so no corruption carries into the next."""
    change_bytes(path, offset, bytes([original[offset] ^ mask]))
    try:
        yield
    finally:
        change_bytes(path, offset, original[offset : offset + 1])
    assert path.stat().st_size == len(original), "reading the damaged copy changed its size"


def find_in_pages(path: Path, needle: bytes, page_numbers: list[int]) -> int:
    """The file offset of `needle` inside one of the pages given."""
    data = path.read_bytes()
    size = page_size(path)
    for page in page_numbers:
        start = (page - 1) * size
        found = data.find(needle, start, start + size)
        if found >= 0:
            return found
    raise AssertionError(f"{needle!r} is in none of the pages")


def assert_reported(path: Path, *expected: str) -> list[str]:
    """`check_catalogue_file` reports a problem (each one line, naming the way out)."""
    problems = check_catalogue_file(path)
    assert problems, "the damage went unnoticed"
    for problem in problems:
        assert "\n" not in problem and "Traceback" not in problem
    assert "explorer db build" in " ".join(problems)
    for words in expected:
        assert any(words in p for p in problems), (words, problems)
    return problems


def assert_refused_on_open(path: Path, *expected: str) -> str:
    with pytest.raises(CatalogueError) as exc:
        read_everything(path)
    message = exc.value.message
    assert "\n" not in message and "explorer db build" in message
    for words in expected:
        assert words in message, message
    return message


# --- a served text changed ---------------------------------------------------------------------


def test_a_space_that_became_an_exclamation_mark_is_found(copy: Path) -> None:
    # Done outside the program with a plain UPDATE: SQLite sees a well-formed file.
    conn = sqlite3.connect(copy)
    (text,) = conn.execute("SELECT description FROM services WHERE id = 'ansimi'").fetchone()
    changed = text.replace(" ", "!", 1)
    assert changed != text
    conn.execute("UPDATE services SET description = ? WHERE id = 'ansimi'", (changed,))
    conn.commit()
    conn.close()
    problems = assert_reported(copy, "the content digest does not match")
    assert problems[0].startswith(f"{copy}: its content differs from what was built")


def test_a_flipped_bit_inside_a_stored_text_is_found(copy: Path) -> None:
    conn = sqlite3.connect(copy)
    (text,) = conn.execute("SELECT summary FROM services WHERE id = 'zero-pay'").fetchone()
    conn.close()
    needle = text.encode()[:40]
    offset = find_in_pages(copy, needle, pages(copy, "d.name = 'services'"))
    space = copy.read_bytes().index(b" ", offset)
    change_bytes(copy, space, b"!")
    assert_reported(copy, "content digest")


# --- flipped bytes in index and schema pages -----------------------------------------------------


def test_a_flipped_byte_in_an_index_key_is_found(copy: Path) -> None:
    offset = find_in_pages(copy, b"zero-pay", pages(copy, "d.name = 'sqlite_autoindex_services_1'"))
    flip(copy, offset + 2)
    assert_reported(copy, "integrity")


@pytest.mark.parametrize(
    ("needle", "delta", "new", "expected"),
    [
        (b'CREATE TABLE "services"', 1, b"X", "malformed database schema"),
        (b'CREATE TABLE "meta"', 15, b"\xff", "malformed database schema"),
        (b'CREATE TABLE "services"', 15, b"\xff", "malformed database schema"),
        # A column name that is no longer UTF-8: Python's decoder fails (UnicodeDecodeError).
        (b'"summary" TEXT', 2, b"\xff", "codec can't decode"),
        (b"CREATE VIRTUAL TABLE search_fts USING fts5", 35, b"X", "malformed database schema"),
        (b"CREATE VIRTUAL TABLE search_fts USING fts5", 40, b"X", "no such module: ftX5"),
    ],
    ids=["keyword", "meta name", "services name", "column not utf-8", "fts syntax", "fts module"],
)
def test_a_damaged_schema_text_is_one_clear_line(
    copy: Path, needle: bytes, delta: int, new: bytes, expected: str
) -> None:
    offset = find_in_pages(copy, needle, pages(copy, "d.name IN ('sqlite_schema', 'sqlite_master')"))
    change_bytes(copy, offset + delta, new)
    problems = assert_reported(copy)
    assert any(expected in p for p in problems), problems
    assert_refused_on_open(copy)


def test_random_bytes_of_the_schema_pages(copy: Path, served_before: str) -> None:
    schema_pages = pages(copy, "d.name IN ('sqlite_schema', 'sqlite_master')")
    size = page_size(copy)
    original = copy.read_bytes()
    rng = random.Random(1414)
    outcomes = collections.Counter()
    for _ in range(max(RUNS // 8, 10)):
        page = rng.choice(schema_pages)
        offset = (page - 1) * size + rng.randrange(100 if page == 1 else 0, size)
        with one_byte_changed(copy, original, offset, rng.randrange(1, 256)):
            outcomes[_outcome(copy, served_before)[0]] += 1
    assert outcomes["missed"] == 0, outcomes


# --- cut short, zeroed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "keep",
    [lambda n: 0, lambda n: 100, lambda n: 4096, lambda n: n // 2, lambda n: n - 4096, lambda n: n - 1],
    ids=["empty", "header", "one page", "half", "one page short", "one byte short"],
)
def test_a_truncated_catalogue_is_found_and_refused(copy: Path, keep: Callable[[int], int]) -> None:
    size = copy.stat().st_size
    with copy.open("r+b") as handle:
        handle.truncate(keep(size))
    assert_reported(copy)
    assert_refused_on_open(copy)


@pytest.mark.parametrize(
    ("where", "refused"),
    [
        ("d.pageno = 1", True),
        ("d.name = 'services' AND d.pagetype = 'leaf'", True),
        ("d.name = 'services' AND d.pagetype = 'internal'", True),
        ("d.name = 'search_fts_data' AND d.pagetype = 'leaf'", True),
        ("d.name = 'sqlite_autoindex_services_1'", True),
        ("d.name = 'search_docs' AND d.pagetype = 'overflow'", True),
        ("d.name = 'meta'", True),
    ],
    ids=["first page", "service data", "service interior", "search index data", "index", "overflow", "meta"],
)
def test_a_zeroed_page_is_found_and_refused(copy: Path, where: str, refused: bool) -> None:
    page = pages(copy, where)[0]
    size = page_size(copy)
    change_bytes(copy, (page - 1) * size, b"\x00" * size)
    assert_reported(copy)
    if refused:
        assert_refused_on_open(copy)


# --- damaged values that SQLite reads without complaint -----------------------------------------


def _update(path: Path, sql: str, *params: object) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_search_index_whose_settings_are_damaged_is_refused_on_open(copy: Path) -> None:
    # The reported "vtable constructor failed" class: FTS5 cannot even start reading the index.
    _update(copy, "UPDATE search_fts_config SET v = 99 WHERE k = 'version'")
    assert_reported(copy, "content digest", "the search index search_fts is damaged")
    assert_refused_on_open(copy, "is damaged")


def test_a_damaged_search_index_page_is_found(copy: Path) -> None:
    _update(
        copy,
        "UPDATE search_fts_data SET block = zeroblob(length(block))"
        " WHERE id = (SELECT max(id) FROM search_fts_data)",
    )
    assert_reported(copy, "search index search_fts is damaged")


def test_a_control_byte_inside_a_stored_json_text_is_one_clear_line(copy: Path) -> None:
    _update(copy, "UPDATE services SET summary = ? WHERE id = 'ansimi'", '{"ko": "a\x01b", "en": "x"}')
    assert_reported(copy, "content digest")
    assert_refused_on_open(copy, "is damaged", "not valid JSON")


def test_stored_text_that_is_not_utf8_is_one_clear_line(copy: Path) -> None:
    _update(copy, "UPDATE services SET summary = CAST(x'7b226b6f223a2022ff227d' AS TEXT) WHERE id = 'ansimi'")
    assert_reported(copy, "content digest")
    assert_refused_on_open(copy, "is damaged")


def test_deeply_nested_stored_json_is_one_clear_line(copy: Path) -> None:
    _update(copy, "UPDATE services SET notes = ? WHERE id = 'ansimi'", "[" * 100_000 + "]" * 100_000)
    assert_reported(copy, "content digest")
    assert_refused_on_open(copy, "is damaged")


# --- the command line ------------------------------------------------------------------------------


def _explorer(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("EXPLORER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_db_check_and_list_on_damaged_catalogues(copy: Path, tmp_path: Path) -> None:
    cases: dict[str, Path] = {}
    for name in ("schema", "digest", "fts"):
        cases[name] = tmp_path / f"{name}.db"
        shutil.copyfile(copy, cases[name])
    offset = find_in_pages(
        cases["schema"], b'"summary" TEXT', pages(cases["schema"], "d.name = 'sqlite_schema'")
    )
    change_bytes(cases["schema"], offset + 2, b"\xff")
    conn = sqlite3.connect(cases["digest"])
    (name,) = conn.execute("SELECT name FROM services WHERE id = 'zero-pay'").fetchone()
    names = json.loads(name)
    names["en"] = names["en"].replace(" ", "!", 1) if " " in names["en"] else names["en"] + "!"
    conn.execute(
        "UPDATE services SET name = ? WHERE id = 'zero-pay'", (json.dumps(names, ensure_ascii=False),)
    )
    conn.commit()
    conn.close()
    _update(cases["fts"], "UPDATE services_fts_config SET v = 99 WHERE k = 'version'")
    # exit codes of `db check`: 1 when it reads but has problems, 2 when it cannot be opened at all
    expected_check = {"schema": 1, "digest": 1, "fts": 2}
    expected_list = {"schema": 2, "digest": 0, "fts": 2}
    for name, path in cases.items():
        check = _explorer("--catalogue", str(path), "db", "check")
        assert check.returncode == expected_check[name], (name, check.stdout, check.stderr)
        assert "OK" not in check.stdout and "Traceback" not in check.stderr + check.stdout
        assert "unexpected error" not in check.stderr
        listed = _explorer("--catalogue", str(path), "list", "--json")
        assert listed.returncode == expected_list[name], (name, listed.stderr)
        assert "Traceback" not in listed.stderr and "unexpected error" not in listed.stderr
        if listed.returncode:
            assert len(listed.stderr.strip().splitlines()) == 1 and "explorer db build" in listed.stderr


# --- random single-byte corruptions ---------------------------------------------------------------


def _outcome(path: Path, served_before: str, read: bool = True) -> tuple[str, list[str]]:
    """ "detected" when the check reports it (reading it then gives only one-line errors; tried when
    `read`), "harmless" when it passes and everything served is byte-identical, else "missed"."""
    problems = check_catalogue_file(path)
    if problems:
        assert all("\n" not in p for p in problems)
        if read:
            try:
                read_everything(path)
            except ExplorerError as exc:
                assert "\n" not in exc.message
        return "detected", problems
    try:
        return ("harmless" if served(path) == served_before else "missed"), problems
    except ExplorerError:
        return "missed", problems


def _first_kind(problems: list[str]) -> str:
    first = problems[0]
    if "integrity:" in first:
        return "integrity_check"
    if "content digest" in first:
        return "digest"
    if "search index" in first:
        return "fts"
    if "damaged" in first or "not an SQLite" in first:
        return "unreadable"
    return "content rules"


@pytest.mark.slow
def test_random_corruptions_of_data_pages_are_found_or_harmless(
    tmp_path: Path, pristine: Path, served_before: str
) -> None:
    data_pages = pages(pristine, "m.type = 'table' AND d.pagetype IN ('leaf', 'overflow')")
    size = page_size(pristine)
    original = pristine.read_bytes()
    work = tmp_path / "services.db"
    work.write_bytes(original)
    rng = random.Random(14)
    outcomes: collections.Counter[str] = collections.Counter()
    found_by: collections.Counter[str] = collections.Counter()
    missed = []
    for run in range(RUNS):
        page = rng.choice(data_pages)
        offset = (page - 1) * size + rng.randrange(size)
        mask = rng.randrange(1, 256)
        with one_byte_changed(work, original, offset, mask):
            # Reading a detected one (only one-line errors) is tried on every fourth, to keep it quick.
            outcome, problems = _outcome(work, served_before, read=run % 4 == 0)
        outcomes[outcome] += 1
        if outcome == "detected":
            found_by[_first_kind(problems)] += 1
        elif outcome == "missed":
            missed.append((page, offset, mask))
    print(
        f"\n{RUNS} random single-byte corruptions of data pages: {dict(outcomes)}; found by {dict(found_by)}"
    )
    assert not missed, f"served content changed but the check said OK: {missed}"
    assert outcomes["detected"] > RUNS // 2


@pytest.mark.slow
def test_random_corruptions_of_index_and_interior_pages_are_found_or_harmless(
    tmp_path: Path, pristine: Path, served_before: str
) -> None:
    other_pages = pages(pristine, "m.type IS NOT 'table' OR d.pagetype = 'internal'")
    size = page_size(pristine)
    original = pristine.read_bytes()
    work = tmp_path / "services.db"
    work.write_bytes(original)
    rng = random.Random(41)
    outcomes: collections.Counter[str] = collections.Counter()
    for run in range(max(RUNS // 4, 10)):
        page = rng.choice(other_pages)
        offset = (page - 1) * size + rng.randrange(100 if page == 1 else 0, size)
        with one_byte_changed(work, original, offset, rng.randrange(1, 256)):
            outcomes[_outcome(work, served_before, read=run % 4 == 0)[0]] += 1
    print(f"\nrandom single-byte corruptions of index, interior and schema pages: {dict(outcomes)}")
    assert outcomes["missed"] == 0, outcomes
