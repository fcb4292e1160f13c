"""A Korean user reads Korean everywhere, errors included: every way a profile can be refused says so
in Korean with `--lang ko` (only the profile's own keys and values stay as written)."""

from __future__ import annotations

import json
import re

import pytest

from explorer.core.fields import FIELDS
from explorer.core.kiosk import KIOSK_KEYS
from explorer.core.kiosk_pin import HASH_FORMAT
from explorer.core.paths import Paths

#: One profile for each way validation refuses one, with the key the message must name.
BAD_PROFILES = [
    ({"age": -3}, "age"),
    ({"age": 7.5}, "age"),
    ({"gender": "f"}, "gender"),
    ({"lives_alone": "yes"}, "lives_alone"),
    ({"children_ages": 3}, "children_ages"),
    ({"children_ages": [1, -2]}, "children_ages[1]"),
    ({"business": "shop"}, "business"),
    ({"business": {"sales": 1}}, "business.sales"),
    ({"income": 1}, "income"),
    ({"answers": [1]}, "answers"),
    ({"answers": {"nope": True}}, "answers"),
    ({"lives_alone": True, "household_size": 3}, "lives_alone"),
    ({"lives_alone": False, "household_size": 1}, "lives_alone"),
    ({"age": 30, "children_ages": [30]}, "children_ages"),
    ({"household_size": 2, "children_ages": [3, 5]}, "children_ages"),
    ({"household_size": 1, "children_ages": [3]}, "children_ages"),
    ({"gender": "male", "pregnant": True}, "pregnant"),
    ({"business": {"opened_year": 2030}, "year": 2026}, "business.opened_year"),
    ({"employment": "self_employed", "business": False}, "business"),
    ({"employment": "self_employed", "business": {"closed": True}}, "business.closed"),
    ({"employment": "retired", "business": {"closed": False}}, "employment"),
    ([1, 2], ""),
]

#: What may stay in Latin letters: the profile's keys and values, as the person wrote them.
_WRITTEN = sorted(
    {
        *(part for spec in FIELDS for part in re.split(r"[.\[\]]", spec.key) if part),
        *(choice for spec in FIELDS for choice in spec.choices),
        "answers",
        "true",
        "false",
        "JSON",
        "UTF-8",
        "sales",
        "income",
        "nope",
        "shop",
        "yes",
        "annual_sales_krw",
        "campus-town",
    },
    key=len,
    reverse=True,
)


def _english_left(line: str) -> str | None:
    """The first run of three English words left once keys and values are taken out, or None."""
    rest = line
    for word in _WRITTEN:
        rest = re.sub(rf"(?<![A-Za-z_]){re.escape(word)}(?![A-Za-z_])", " ", rest)
    found = re.search(r"[A-Za-z]{2,}(?:\W+[A-Za-z]{2,}){2,}", rest)
    return found.group(0) if found else None


@pytest.mark.parametrize(("profile", "key"), BAD_PROFILES)
def test_a_refused_profile_is_explained_in_korean(
    command_line, paths: Paths, profile: object, key: str
) -> None:
    code, printed = command_line(
        "--catalogue",
        str(paths.catalogue),
        "screen",
        "--profile",
        "-",
        "--lang",
        "ko",
        stdin=json.dumps(profile),
    )
    assert code == 2, printed
    line = printed.strip()
    assert "프로필은 쓸 수 없습니다" in line
    assert key in line
    assert _english_left(line) is None, line


def test_catalogue_and_lookup_errors_are_in_korean(command_line, paths: Paths, tmp_path) -> None:
    """A file that is not a catalogue, a service id no one has, a profile that is not JSON."""
    not_a_catalogue = tmp_path / "notes.db"
    not_a_catalogue.write_text("hello", encoding="utf-8")
    cases = [
        (["--catalogue", str(not_a_catalogue), "list"], None, "SQLite 데이터베이스가 아닙니다"),
        (["--catalogue", str(paths.catalogue), "show", "no-such-service"], None, "서비스가 없습니다"),
        (
            ["--catalogue", str(paths.catalogue), "screen", "--profile", "-"],
            '{"age": 7',
            "올바른 JSON이 아닙니다",
        ),
    ]
    for args, given, korean in cases:
        code, printed = command_line(*args, "--lang", "ko", stdin=given or "")
        line = printed.strip()
        assert code in (1, 2) and korean in line, line


def test_a_kiosk_configuration_that_cannot_be_used_is_explained_in_korean(command_line, tmp_path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        'idle_seconds = 5\nwarning_seconds = "x"\ncolour = "red"\nprinter = ""\nlanguage = "fr"\n'
        'pin_hash = "1234"\neasy = false\nupdate_hours = 99\n',
        encoding="utf-8",
    )
    code, printed = command_line("kiosk-check", "--config", str(config), "--lang", "ko")
    line = printed.strip()
    assert code == 2 and "키오스크 설정" in line, line
    for key in ("idle_seconds", "warning_seconds", "colour", "printer", "language", "pin_hash", "easy"):
        assert f"{key}: " in line, key
    # The keys, the values quoted and the PIN hash format stay as written; no English sentence is left.
    shown = line.replace(str(config), " ").replace("`explorer kiosk-pin`", " ").replace(HASH_FORMAT, " ")
    for key in sorted(KIOSK_KEYS, key=len, reverse=True):
        shown = shown.replace(key, " ")
    assert _english_left(shown) is None, line


@pytest.mark.parametrize(
    "text", ['{"age": 7', "", "{", '{"age" 7}', '{"gender": "female', '{"age": 7} x', '{"gender": "\\q"}']
)
def test_a_profile_that_is_not_json_is_explained_in_korean(command_line, paths: Paths, text: str) -> None:
    code, printed = command_line("--catalogue", str(paths.catalogue), "screen", "--profile", "-", stdin=text)
    line = printed.strip()
    assert code == 2 and "올바른 JSON이 아닙니다" in line, line
    assert _english_left(line.replace("JSON", " ")) is None, line


@pytest.mark.parametrize(
    ("args", "korean"),
    [
        (["search"], "인수가 빠졌습니다 'QUERY'"),
        (["nosuch"], "'nosuch'이라는 명령은 없습니다"),
        (["db", "check", "--catalogue", "x"], "'--catalogue'이라는 옵션은 없습니다"),
        (["--touch-keyboard", "maybe"], "'auto', 'on', 'off' 중 하나가 아닙니다"),
        (["search", "care", "--limit", "0"], "범위"),
        (["show", "--lang", "ko"], "인수가 빠졌습니다 'SERVICE_ID'"),
        (["--screenshot", "/"], "파일 '/'은(는) 폴더입니다"),
    ],
)
def test_a_command_line_click_refuses_is_explained_in_korean(
    command_line, args: list[str], korean: str
) -> None:
    code, err = command_line(*args)
    assert code == 2 and "사용법: explorer" in err and "오류: " in err and korean in err, err
    for english in ("Usage:", "Error:", "Try ", "Missing", "No such", "is not"):
        assert english not in err, err


def test_a_command_line_error_is_in_english_with_lang_en(command_line) -> None:
    code, err = command_line("--lang", "en", "nosuch")
    assert code == 2 and "Usage: explorer" in err and "No such command 'nosuch'." in err, err


@pytest.mark.parametrize(
    ("args", "korean"),
    [
        (["screen", "--profile", "/"], "프로필 /을(를) 사용할 수 없습니다: 파일이 아니라 폴더입니다"),
        (["catalogue", "update", "http://127.0.0.1:9/"], "연결이 거부되었습니다"),
    ],
)
def test_the_systems_own_errors_are_said_in_korean(command_line, args: list[str], korean: str) -> None:
    """A folder where a file should be, a closed port: the system's English words ("Is a directory",
    "Connection refused") never reach a Korean user."""
    code, err = command_line(*args)
    assert code == 2 and korean in err, err
    assert _english_left(err.replace("http://127.0.0.1:9/latest.json", " ")) is None, err


@pytest.mark.parametrize(
    "args", [["--catalogue", "/", "list"], ["--catalogue", "/"], ["db", "build", "--output", "/"]]
)
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ko", "explorer: /을(를) 사용할 수 없습니다: 파일이 아니라 폴더입니다"),
        ("en", "explorer: Cannot use /: a folder, not a file"),
    ],
)
def test_a_folder_for_the_catalogue_file_is_one_line(
    command_line, args: list[str], lang: str, said: str
) -> None:
    """--catalogue and db build --output name a file: a folder is refused by the program in one line
    (exit 2, before any window or build), not by click's usage error of four lines."""
    code, err = command_line("--lang", lang, *args)
    assert code == 2 and err.strip() == said, err


def test_a_damaged_page_is_reported_in_korean_by_db_check(command_line, paths: Paths, tmp_path) -> None:
    """SQLite's integrity check names the damaged structure in its own words, quoted; the line that
    carries them is Korean."""
    import shutil

    from tests.core.test_corruption import find_in_pages, flip, pages

    damaged = tmp_path / "damaged.db"
    shutil.copyfile(paths.catalogue, damaged)
    flip(
        damaged,
        find_in_pages(damaged, b"zero-pay", pages(damaged, "d.name = 'sqlite_autoindex_services_1'")) + 2,
    )
    code, printed = command_line("--lang", "ko", "--catalogue", str(damaged), "db", "check")
    lines = [line for line in printed.splitlines() if line.startswith(f"{damaged}: ")]
    assert code == 1 and lines, printed
    integrity = [line for line in lines if "무결성 검사: SQLite가 알린 손상 “" in line]
    assert integrity and all(line.endswith("”") for line in integrity), printed
    for line in lines:
        # Left out: SQLite's words (quoted) and the command to type (`explorer db build`).
        words = re.sub(r"“[^”]*”|`[^`]*`", " ", line.removeprefix(f"{damaged}: "))
        assert _english_left(words) is None, line
    english = command_line("--lang", "en", "--catalogue", str(damaged), "db", "check")[1]
    assert f"{damaged}: integrity: SQLite reports “" in english


def test_a_changed_catalogue_is_reported_in_korean_by_db_check(
    command_line, paths: Paths, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import sqlite3

    changed = tmp_path / "changed.db"
    shutil.copyfile(paths.catalogue, changed)
    with sqlite3.connect(changed) as conn:  # someone edited a name by hand
        conn.execute(
            "UPDATE services SET name = replace(name, '제로페이', '제로 페이') WHERE id = 'zero-pay'"
        )
    conn.close()
    monkeypatch.setenv("EXPLORER_CATALOGUE", str(changed))
    code, err = command_line("db", "check")
    assert code == 1, err
    assert f"{changed}: 내용이 만들 때와 다릅니다" in err and "문제 1건" in err, err


def test_db_check_reports_broken_sources_in_korean(
    command_line, paths: Paths, source_copy: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A maintainer's mistakes in the TOML sources (a wrong type, an unknown key, a missing language,
    a reference to nothing) are each one line of `db check` in Korean; only the file, the keys and
    the quoted values stay as written. The catalogue, built from the sources before the mistakes,
    is out of date, and the line saying so is Korean too."""
    service = source_copy.sources / "services" / "zero-pay.toml"
    text = service.read_text(encoding="utf-8")
    for old, new in (
        ("start_year = 2019\n", 'start_year = "2019"\ncolour = "blue"\n'),
        ('categories = ["payments", "business"]', 'categories = ["payments", "nonsense"]'),
        ('[name]\nko = "제로페이"\nen = "Zero-Pay"\n', '[name]\nko = "제로페이"\n'),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    service.write_text(text, encoding="utf-8")
    monkeypatch.setenv("EXPLORER_SOURCES", str(source_copy.sources))
    monkeypatch.setenv("EXPLORER_CATALOGUE", str(paths.catalogue))
    code, printed = command_line("db", "check")
    lines = printed.strip().splitlines()
    assert code == 1 and "문제 5건" in lines, printed
    file = "db/services/zero-pay.toml"
    for expected in (
        f"{file}: 'colour'은(는) 알 수 없는 항목입니다",
        f"{file}.start_year: 정수여야 합니다",
        f"{file}.name.en: 빠져 있습니다",
        f"{file}: categories: 'nonsense'은(는) 없는 id입니다",
    ):
        assert expected in lines, printed
    stale = next(line for line in lines if line.startswith(f"{paths.catalogue}: "))
    assert "최신이 아닙니다" in stale and "원본에 문제가 있습니다" in stale, stale
    for line in lines:
        rest = line.replace(str(paths.catalogue), " ").replace(str(source_copy.sources), " ")
        rest = re.sub(r"'[^']*'", " ", rest.replace(file, " "))  # the file and the quoted values
        assert _english_left(rest) is None, line


def test_a_search_the_damaged_catalogue_cannot_answer_is_said_in_korean(command_line, paths: Paths) -> None:
    """The search index's stored entry is not JSON: the search fails in one Korean line, SQLite's or
    Python's own words quoted, the commands to type as they are."""
    import sqlite3

    conn = sqlite3.connect(paths.catalogue)
    conn.execute("UPDATE search_docs SET entries = '[{\x01' WHERE service_id = 'zero-pay'")
    conn.commit()
    conn.close()
    code, err = command_line("--catalogue", str(paths.catalogue), "search", "제로페이")
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "검색하지 못했습니다" in err and "손상" in err, err
    words = re.sub(r"“[^”]*”|`[^`]*`", " ", err.split(": ", 1)[1].replace(str(paths.catalogue), " "))
    assert _english_left(words) is None, err
    code, english = command_line("--lang", "en", "--catalogue", str(paths.catalogue), "search", "제로페이")
    assert code == 2 and "Search failed in" in english, english
