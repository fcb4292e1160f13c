"""Everything the program reads from outside is bounded: sources, profiles, settings, kiosk configs.

Each attack from issue 14 on the input side is one case here: what is not a regular file (a FIFO, a
folder, a broken link, a device, an unreadable file) is refused without blocking; sizes, nesting
depth and whole numbers have limits that the message names; a record missing a required key is one
line naming the file and key, never a KeyError; messages quote bad input only short and escaped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from explorer.core import limits
from explorer.core.errors import MAX_LISTED, KioskConfigError, ProfileError, SourceError
from explorer.core.kiosk import KioskConfig, load_kiosk_config
from explorer.core.limits import (
    MAX_CONFIG_BYTES,
    MAX_DEPTH,
    MAX_PROFILE_BYTES,
    MAX_SOURCE_BYTES,
    InputError,
    parse_json,
    parse_toml,
    read_limited,
    toml_nesting,
)
from explorer.core.paths import Paths
from explorer.core.problems import Problem
from explorer.core.profile import parse_profile, parse_profile_bytes
from explorer.core.settings import Settings, SettingsStore
from explorer.core.sources import check_quotes, load_sources, read_sources, sources_digest

ROOT = Path(__file__).resolve().parents[2]
DEEP = 100_000


def _within(seconds: float, call: Callable[[], Any]) -> Any:
    """Run `call`, failing (instead of hanging the suite) when it takes longer than `seconds`."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the test below
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s: it blocks"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _deep_toml(kind: str, depth: int = DEEP) -> str:
    if kind == "array":
        return "x = " + "[" * depth + "]" * depth + "\n"
    if kind == "inline":
        return "x = " + "{a = " * depth + "1" + "}" * depth + "\n"
    if kind == "dotted":
        return ".".join(["a"] * depth) + " = 1\n"
    return "[" + ".".join(["a"] * depth) + "]\n"


def _one_line(message: str) -> None:
    assert "\n" not in message and "\x1b" not in message and "\x00" not in message, message


# --- limits ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_read_limited_refuses_what_is_not_a_regular_file_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    cases = {
        _fifo(tmp_path / "fifo"): "a FIFO (named pipe), not a file",
        tmp_path / "folder": "a folder, not a file",
        tmp_path / "dangling": "a link to a file that does not exist",
        tmp_path / "missing": "does not exist",
        Path("/dev/zero"): "a device, not a file",
    }
    for path, reason in cases.items():
        with pytest.raises(InputError) as caught:
            _within(10, lambda path=path: read_limited(path, 100, "the thing"))
        assert caught.value.reason == reason
        assert caught.value.message == f"{path}: {reason}"  # the path, then what is wrong with it


def test_read_limited_reads_up_to_the_limit_and_no_further(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_limited(path, 100, "the thing") == b"x" * 100
    with pytest.raises(InputError, match="larger than 99 bytes"):
        read_limited(path, 99, "the thing")


def test_read_limited_names_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f"
    path.write_text("{}", "utf-8")

    def refuse(*args: Any, **kwargs: Any) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(limits.os, "open", refuse)  # as root, chmod 0 would not stop the read
    with pytest.raises(InputError) as caught:
        read_limited(path, 100, "the thing")
    assert caught.value.reason == "cannot be read: permission denied" and caught.value.key == "unreadable"


@pytest.mark.parametrize("kind", ["array", "inline", "dotted", "header"])
def test_toml_nested_100000_deep_is_refused_quickly_and_without_recursion(kind: str) -> None:
    # A dotted key of 100,000 parts would take tomllib gigabytes; the text is measured first.
    with pytest.raises(InputError, match=f"nested more than {MAX_DEPTH} deep"):
        _within(20, lambda: parse_toml(_deep_toml(kind).encode()))


@pytest.mark.parametrize("kind", ["array", "inline", "dotted", "header"])
def test_toml_nesting_just_within_the_limit_is_read(kind: str) -> None:
    assert parse_toml(_deep_toml(kind, MAX_DEPTH - 1).encode())


def test_toml_nesting_ignores_strings_and_comments() -> None:
    text = (
        'a = "[[[[ . . . . {{{{ \\" [[[["\n'
        "b = '[[[[....'\n"
        'c = """\n[[[[[[[[[[\n"""""\n'
        "d = '''[[[[[[''''\n"
        "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ ......................................\n"
        "e = 1.5\n"
    )
    assert toml_nesting(text * 40) == (0, 1)
    assert parse_toml(text.encode())["c"].startswith("[[[[")


def test_every_real_source_file_is_within_the_limits(repo_paths: Paths) -> None:
    for path in repo_paths.sources.rglob("*.toml"):
        data = read_limited(path, MAX_SOURCE_BYTES, "the source file")
        parse_toml(data)
        assert max(toml_nesting(data.decode())) < MAX_DEPTH // 4, path


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a = " + "9" * 5000, "a whole number has more than 18 digits"),
        ("a = " + "9" * 19, "a whole number has more than 18 digits: 9999999999999999999"),
        ("a = -" + "9" * 19, "a whole number has more than 18 digits"),
        ("a = ", "not valid TOML: a value is not valid at line 1, column 5"),
    ],
)
def test_toml_numbers_and_syntax(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_toml(text.encode())
    assert caught.value.reason.startswith(reason)
    assert parse_toml(b"a = 999999999999999999") == {"a": 999_999_999_999_999_999}


def test_toml_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte 6\)"):
        parse_toml(b"a = '\xff'")


def test_the_same_toml_read_twice_gives_two_copies_that_do_not_share_anything() -> None:
    text = 'id = "zero-pay"\n[name]\nko = "제로페이"\nlist = [[1, 2], {a = 3}]\n'.encode()
    first = parse_toml(text)
    first["name"]["ko"] = "changed"
    first["name"]["list"][0].append(99)
    again = parse_toml(text)
    assert again == {"id": "zero-pay", "name": {"ko": "제로페이", "list": [[1, 2], {"a": 3}]}}
    assert again["name"]["list"] is not first["name"]["list"]
    # Changed bytes are a new text: parsed afresh, never the earlier one's result.
    assert parse_toml(text.replace(b"zero-pay", b"zero-pay-2"))["id"] == "zero-pay-2"
    # Stricter limits are a different read: the same text that passed is refused within them.
    with pytest.raises(InputError, match="nested more than 1 deep"):
        parse_toml(text, depth=1)


def test_a_refused_toml_text_is_refused_every_time_in_the_language_of_the_moment(repo_paths: Paths) -> None:
    from explorer.core.i18n import Localizer, set_localizer

    bad = b"a = "
    with pytest.raises(InputError, match="a value is not valid at line 1"):
        parse_toml(bad)
    set_localizer(Localizer("ko", repo_paths.translations))
    with pytest.raises(InputError) as caught:
        parse_toml(bad)
    assert caught.value.reason == "올바른 TOML이 아닙니다: 1번째 줄 5번째 칸에서 값이 올바르지 않습니다"


def test_the_parsed_texts_kept_stay_within_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = limits._ParsedTexts()
    monkeypatch.setattr(limits._ParsedTexts, "BUDGET", 8_000)
    for i in range(40):
        kept.put((b"x" * 900 + str(i).encode(), MAX_DEPTH, None), {"i": i})
    assert kept._bytes <= 8_000
    assert kept.get((b"x" * 900 + b"39", MAX_DEPTH, None)) == {"i": 39}
    assert kept.get((b"x" * 900 + b"0", MAX_DEPTH, None)) is None  # the oldest went first
    kept.put((b"y" * 2_000, MAX_DEPTH, None), {"big": True})  # over an eighth of the budget: not kept
    assert kept.get((b"y" * 2_000, MAX_DEPTH, None)) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"a": 1, "a": 2}', "a: the key is given twice; give each key once"),
        ('{"b": {"c": 1, "c": 1}}', "c: the key is given twice"),
        ("[" * DEEP, f"nested more than {MAX_DEPTH} deep"),
        ('{"a":' * 40 + "1" + "}" * 40, f"nested more than {MAX_DEPTH} deep"),
        ("9" * 5000, "a whole number has more than 4,300 digits"),
        ('{"a": "\x01"}', "not valid JSON: a control character is inside a text at line 1, column 8"),
    ],
)
def test_json_limits(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_json(text)
    assert caught.value.reason.startswith(reason)


def test_messages_list_at_most_a_few_problems() -> None:
    error = ProfileError([Problem(f"k{i}", "bad") for i in range(50)])
    assert error.message.endswith(f"k{MAX_LISTED - 1}: bad; and {50 - MAX_LISTED} more")
    assert error.lines() == [f"k{i}: bad" for i in range(50)]


# --- sources (db/) --------------------------------------------------------------------------------


def _problems(paths: Paths) -> list[str]:
    """What `load_sources` and `db check` (read_sources, then check_quotes) say; never an exception."""
    problems: list[str] = []
    sources = _within(60, lambda: read_sources(paths.sources, problems))
    check_quotes(sources, paths.seeds)
    with pytest.raises(SourceError) as caught:
        load_sources(paths.sources)
    assert caught.value.problems == problems
    _one_line(caught.value.message)
    for problem in problems:
        _one_line(problem)
        assert len(problem) < 2000, problem[:200]
    return problems


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")


def _services(paths: Paths) -> Path:
    return paths.sources / "services"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_files_that_are_not_regular_files_are_skipped_and_named(source_copy: Paths) -> None:
    services = _services(source_copy)
    _fifo(services / "x.toml")
    (services / "folder.toml").mkdir()
    (services / "dangling.toml").symlink_to(services / "nowhere.toml")
    (services / "device.toml").symlink_to("/dev/zero")
    problems = _problems(source_copy)
    assert problems == [
        "db/services/dangling.toml: a link to a file that does not exist",
        "db/services/device.toml: a device, not a file",
        "db/services/folder.toml: a folder, not a file",
        "db/services/x.toml: a FIFO (named pipe), not a file",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_a_fixed_source_file_is_named(source_copy: Paths) -> None:
    (source_copy.sources / "taxonomy.toml").unlink()
    _fifo(source_copy.sources / "taxonomy.toml")
    problems = _problems(source_copy)
    assert problems[0] == "db/taxonomy.toml: a FIFO (named pipe), not a file"


def test_an_unreadable_source_file_is_named(source_copy: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("zero-pay.toml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(limits.os, "open", refuse)  # as root, chmod 0 would not stop the read
    assert "db/services/zero-pay.toml: cannot be read: permission denied" in _problems(source_copy)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_sources_digest_skips_what_it_cannot_read_and_still_changes(source_copy: Paths) -> None:
    before = sources_digest(source_copy.sources)
    fifo = _fifo(_services(source_copy) / "x.toml")
    (_services(source_copy) / "folder.toml").mkdir()
    (_services(source_copy) / "dangling.toml").symlink_to("nowhere")
    with_fifo = _within(30, lambda: sources_digest(source_copy.sources))
    assert with_fifo != before
    fifo.unlink()
    assert sources_digest(source_copy.sources) not in (before, with_fifo)


def _cut_section(path: Path, header: str) -> None:
    """Remove the first `header` table (up to the next header) from a TOML file."""
    lines = path.read_text("utf-8").split("\n")
    start = lines.index(header)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("["))
    path.write_text("\n".join(lines[:start] + lines[end:]), "utf-8")


def _first_file_with(paths: Paths, folder: str, line: str) -> Path:
    return next(p for p in sorted((paths.sources / folder).glob("*.toml")) if line in p.read_text("utf-8"))


def test_an_empty_service_file_is_one_line(source_copy: Paths) -> None:
    (_services(source_copy) / "empty.toml").write_text("# nothing yet\n", "utf-8")
    problems = _problems(source_copy)
    assert len(problems) == 1
    assert problems[0].startswith("db/services/empty.toml: empty; a service needs id, status, as_of")


def test_an_empty_programme_file_is_one_line_and_no_keyerror(source_copy: Paths) -> None:
    (source_copy.sources / "strategy" / "program-03.toml").write_text("", "utf-8")
    problems = _problems(source_copy)
    assert problems[0].startswith("db/strategy/program-03.toml: empty; a programme needs number, goal")


def test_a_service_without_id_names_the_file_and_key(source_copy: Paths) -> None:
    _edit(_services(source_copy) / "zero-pay.toml", 'id = "zero-pay"\n', "")
    assert "db/services/zero-pay.toml.id: missing" in _problems(source_copy)


def test_a_figure_without_a_source_names_the_file_and_key(source_copy: Paths) -> None:
    path = _first_file_with(source_copy, "services", "[figures.source]")
    _cut_section(path, "[figures.source]")
    assert f"db/services/{path.name}.figures[0].source: missing" in _problems(source_copy)


def test_a_contact_without_a_source_names_the_file_and_key(source_copy: Paths) -> None:
    path = _first_file_with(source_copy, "services", "[contacts.source]")
    _cut_section(path, "[contacts.source]")
    assert f"db/services/{path.name}.contacts[0].source: missing" in _problems(source_copy)


def test_a_condition_and_a_benefit_without_a_source_name_the_file_and_key(source_copy: Paths) -> None:
    path = _first_file_with(source_copy, "services", "[screening.benefit]")
    lines = path.read_text("utf-8").split("\n")
    path.write_text("\n".join(line for line in lines if not line.startswith("source.")), "utf-8")
    problems = _problems(source_copy)
    where = f"db/services/{path.name}.screening[0]"
    assert f"{where}.conditions[0].source: missing" in problems
    assert f"{where}.benefit.source: missing" in problems


def test_a_goal_without_a_number_names_the_file_and_key(source_copy: Paths) -> None:
    _edit(source_copy.sources / "strategy" / "goals.toml", "number = 2\n", "")
    problems = _problems(source_copy)
    assert "db/strategy/goals.toml: goals[1].number: missing" in problems
    assert not any("None" in p for p in problems), problems


def test_an_action_without_an_id_names_the_file_and_key(source_copy: Paths) -> None:
    path = source_copy.sources / "strategy" / "program-01.toml"
    text = path.read_text("utf-8")
    first_id = next(line for line in text.split("\n") if line.startswith('id = "p01-'))
    _edit(path, first_id + "\n", "")
    problems = _problems(source_copy)
    assert problems[0] == "db/strategy/program-01.toml.actions[0].id: missing"
    assert not any("action id" in p for p in problems), problems


def test_a_document_without_an_id_names_the_file_and_key(source_copy: Paths) -> None:
    path = source_copy.sources / "documents.toml"
    first_id = next(line for line in path.read_text("utf-8").split("\n") if line.startswith("id = "))
    _edit(path, first_id + "\n", "")
    assert "db/documents.toml: documents[0].id: missing" in _problems(source_copy)


@pytest.mark.parametrize("kind", ["array", "inline", "dotted", "header"])
def test_sources_nested_100000_deep_are_one_line(source_copy: Paths, kind: str) -> None:
    path = _services(source_copy) / "zero-pay.toml"
    path.write_text(path.read_text("utf-8") + "\n" + _deep_toml(kind), "utf-8")
    assert _problems(source_copy) == [f"db/services/zero-pay.toml: nested more than {MAX_DEPTH} deep"]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("9" * 5000, "a whole number has more than 18 digits"),
        ("9" * 19, "a whole number has more than 18 digits: 9999999999999999999"),
    ],
)
def test_sources_with_too_many_digits_are_one_line(source_copy: Paths, value: str, problem: str) -> None:
    path = _services(source_copy) / "zero-pay.toml"
    path.write_text(f"figure = {value}\n" + path.read_text("utf-8"), "utf-8")
    assert _problems(source_copy) == [f"db/services/zero-pay.toml: {problem}"]


def test_a_goal_numbered_absurdly_is_refused_without_counting_to_it(source_copy: Paths) -> None:
    _edit(source_copy.sources / "strategy" / "goals.toml", "number = 2\n", "number = 999999999999\n")
    problems = _within(30, lambda: _problems(source_copy))
    assert "db/strategy/goals.toml: goals[1].number: 999999999999 is not a number from 1 to 99" in problems


def test_an_oversized_source_file_is_not_read(source_copy: Paths) -> None:
    path = _services(source_copy) / "zero-pay.toml"
    path.write_text(path.read_text("utf-8") + "#" * MAX_SOURCE_BYTES, "utf-8")
    assert _problems(source_copy) == [f"db/services/zero-pay.toml: larger than {MAX_SOURCE_BYTES:,} bytes"]


def test_a_source_that_is_not_utf8_is_one_line(source_copy: Paths) -> None:
    path = _services(source_copy) / "zero-pay.toml"
    path.write_bytes(b"# \xff\n" + path.read_bytes())
    assert _problems(source_copy) == ["db/services/zero-pay.toml: not UTF-8 text (byte 3)"]


def test_source_problems_quote_keys_and_values_short_and_escaped(source_copy: Paths) -> None:
    path = _services(source_copy) / "zero-pay.toml"
    long_key = "k" * 10_000
    path.write_text(
        f'{long_key} = 1\n"\\u001b[31mred" = 2\nstatus = "{"s" * 1_000_000}"\n'
        + path.read_text("utf-8").replace('status = "active"\n', ""),
        "utf-8",
    )
    problems = _problems(source_copy)
    assert "db/services/zero-pay.toml: unknown key '\\x1b[31mred'" in problems
    assert any(
        p.startswith("db/services/zero-pay.toml: unknown key 'kkkk") and "10,002 characters" in p
        for p in problems
    )
    assert any(
        p.startswith("db/services/zero-pay.toml.status: 'sss") and "is not one of" in p for p in problems
    )


def test_a_file_name_with_an_escape_code_is_shown_escaped(source_copy: Paths) -> None:
    (_services(source_copy) / "\x1b[2Jx.toml").write_text("", "utf-8")
    assert _problems(source_copy)[0].startswith("db/services/\\x1b[2Jx.toml: empty")


# --- profiles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"age": 30, "age": 31}', "age: the key is given twice; give each key once"),
        ('{"business": {"employees": 1, "employees": 2}}', "employees: the key is given twice"),
        ('{"age": ' + "9" * 5000 + "}", "a whole number has more than 4,300 digits"),
        ('{"age": ' + "[" * DEEP, f"nested more than {MAX_DEPTH} deep"),
        ('{"answers": ' * 40 + "1" + "}" * 40, f"nested more than {MAX_DEPTH} deep"),
        ('{"age": ' + "9" * 40 + "}", "age: " + "9" * 40 + " is impossible for an age"),
        ("[" * DEEP, f"nested more than {MAX_DEPTH} deep"),
    ],
)
def test_profile_limits_are_one_line(text: str, problem: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert len(caught.value.problems) == 1 and caught.value.lines()[0].startswith(problem)
    _one_line(caught.value.message)


def test_a_50mb_value_and_a_terminal_escape_never_reach_the_terminal() -> None:
    text = json.dumps({"gender": "\x1b[2J\x00" + "x" * 50_000_000})
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    message = caught.value.message
    _one_line(message)
    assert len(message) < 300 and '"\\x1b[2J\\x00xxx' in message and "(50,000,005 characters)" in message


def test_a_long_unknown_key_is_shown_short() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(json.dumps({"k" * 10_000: 1, "business": {"\x1b" * 500: 1}, "answers": {"z" * 999: 1}}))
    problems = caught.value.lines()
    assert problems[0].startswith("k" * 60 + "… (10,000 characters): unknown key")
    assert problems[1].startswith("business." + "\\x1b" * 60 + "… (500 characters): unknown key")
    assert problems[2].startswith('answers: "' + "z" * 60 + '…" (999 characters) is not a question id')
    assert all(len(p) < 500 for p in problems)


def test_profile_bytes_are_utf8_within_the_limit() -> None:
    assert parse_profile_bytes(b'{"age": 30}').get("age") == 30
    assert parse_profile_bytes('\ufeff{"age": 30}'.encode()).get("age") == 30  # Notepad's byte order mark
    with pytest.raises(ProfileError, match=r"not UTF-8 text \(byte 10 cannot be read\)"):
        parse_profile_bytes(b'{"age": "\xff"}')
    with pytest.raises(ProfileError, match=f"larger than {MAX_PROFILE_BYTES:,} bytes"):
        parse_profile_bytes(b" " * (MAX_PROFILE_BYTES + 1))
    with pytest.raises(ProfileError, match="not valid JSON"):
        parse_profile_bytes(b"")


# --- settings.json ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"language": "\xff"}',
        b"[" * DEEP + b"]" * DEEP,
        b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        b'{"language": "en", "language": "ko"}',
        b'["en"]',
        b"42",
        b'{"zoom": ' + b"9" * 5000 + b"}",
        b" " * (MAX_CONFIG_BYTES + 1),
        b"",
    ],
    ids=[
        "syntax",
        "utf8",
        "deep-lists",
        "deep-objects",
        "duplicate",
        "list",
        "number",
        "digits",
        "large",
        "empty",
    ],
)
def test_a_bad_settings_file_is_set_aside_and_the_defaults_used(tmp_path: Path, content: bytes) -> None:
    store = SettingsStore(tmp_path)
    assert store.path is not None
    store.path.write_bytes(content)
    settings = _within(30, store.load)
    assert settings == Settings()
    assert not store.path.exists()
    assert store.path.with_name("settings.json.bad").read_bytes() == content
    assert store.save(settings) and store.load() == settings


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_folder_or_fifo_in_place_of_the_settings_is_left_alone(tmp_path: Path) -> None:
    for make in (lambda p: p.mkdir(), _fifo, lambda p: p.symlink_to("/dev/zero")):
        folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        store = SettingsStore(folder)
        assert store.path is not None
        make(store.path)
        assert _within(10, store.load) == Settings()
        assert not store.save(Settings(language="en"))
        assert os.path.lexists(store.path) and not store.path.with_name("settings.json.bad").exists()


def test_good_settings_are_still_read(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    assert store.save(Settings(language="en", zoom=1.5))
    assert store.load() == Settings(language="en", zoom=1.5)


# --- the kiosk config -------------------------------------------------------------------------------


def _kiosk_error(path: Path) -> KioskConfigError:
    with pytest.raises(KioskConfigError) as caught:
        _within(30, lambda: load_kiosk_config(path))
    _one_line(caught.value.message)
    assert len(caught.value.message) < 1000
    return caught.value


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (_deep_toml("array"), f"nested more than {MAX_DEPTH} deep"),
        (_deep_toml("inline", 40_000), f"nested more than {MAX_DEPTH} deep"),
        (_deep_toml("dotted"), f"nested more than {MAX_DEPTH} deep"),
        (_deep_toml("header"), f"nested more than {MAX_DEPTH} deep"),
        ("idle_seconds = " + "9" * 5000, "a whole number has more than 4,300 digits"),
        ("idle_seconds = " + "9" * 4000, "idle_seconds: " + "9" * 40),
        ("idle_seconds = 1979-05-27", "idle_seconds: expected a whole number of seconds, not 1979-05-27"),
        ("idle_seconds = nan", "idle_seconds: expected a whole number of seconds, not nan"),
        ("idle_seconds = [90]", "idle_seconds: expected a whole number of seconds, not a list"),
        ("language = {ko = true}", "language: a table is not one of ko, en"),
        ("language = ['ko']", "language: a list is not one of ko, en"),
        ("printer = 12:00:00", "printer: expected a printer's name in quotes, not 12:00:00"),
        ('language = "\\u001b[2J' + "p" * 100 + '"', 'language: "\\x1b[2Jppp'),
        ('"\\u001b[31m" = 1', "\\x1b[31m: unknown key"),
        ("k" * 10_000 + " = 1", "k" * 60 + "… (10,000 characters): unknown key"),
        (" " * (MAX_CONFIG_BYTES + 1), f"larger than {MAX_CONFIG_BYTES:,} bytes"),
    ],
)
def test_bad_kiosk_configs_are_one_clear_line(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(content, "utf-8")
    error = _kiosk_error(path)
    assert error.problems[0].startswith(problem), error.problems


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_kiosk_configs_that_are_not_regular_files_are_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "dangling.toml").symlink_to("nowhere")
    cases = {
        _fifo(tmp_path / "fifo.toml"): "a FIFO (named pipe), not a file",
        Path("/dev/zero"): "a device, not a file",
        tmp_path / "dangling.toml": "a link to a file that does not exist",
        tmp_path: "a folder, not a file",
    }
    for path, problem in cases.items():
        assert _kiosk_error(path).problems == [problem]
    assert load_kiosk_config(tmp_path / "none.toml") == KioskConfig()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("kind", ["deep", "fifo", "zero", "dotted"])
def test_the_kiosk_never_prints_a_traceback_for_a_bad_config(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        config = _fifo(tmp_path / "kiosk.toml")
    elif kind == "zero":
        config = Path("/dev/zero")
    else:
        config = tmp_path / "deep.toml"
        config.write_text(_deep_toml("array" if kind == "deep" else "dotted"), "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPLORER_CONFIG=str(tmp_path / "config"))
    env.pop("EXPLORER_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--lang", "en", "--kiosk", "--kiosk-config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"explorer: The kiosk configuration {config} cannot be used: ")
