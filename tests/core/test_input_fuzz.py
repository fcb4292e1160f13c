"""Random inputs against everything the program reads: profiles, TOML sources, kiosk configs, settings.

Each test asserts only the contract: the input is used, or refused with the one exception that
carries clear lines (ProfileError, SourceError, KioskConfigError; settings fall back to the
defaults); never another exception, never a hang, and never a message with a control character or
a runaway length. CI runs a few examples of each; `make fuzz` sets EXPLORER_FUZZ_EXAMPLES to run
that many examples of every test instead.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from explorer.core.errors import KioskConfigError, ProfileError, SourceError
from explorer.core.i18n import LANGUAGES
from explorer.core.kiosk import KIOSK_KEYS, KioskConfig, load_kiosk_config
from explorer.core.limits import MAX_DEPTH
from explorer.core.paths import Paths
from explorer.core.profile import BUSINESS_KEYS, PROFILE_KEYS, Profile, parse_profile, parse_profile_bytes
from explorer.core.settings import FILE_NAME, Settings, SettingsStore
from explorer.core.sources import SourceSet, check_quotes, load_sources, read_sources

#: Examples per test: EXPLORER_FUZZ_EXAMPLES when set (the longer `make fuzz` run), else each test's few.
FUZZ_EXAMPLES = int(os.environ.get("EXPLORER_FUZZ_EXAMPLES") or 0)


def fuzz(default: int) -> Any:
    """Hypothesis settings for one fuzz test: `default` examples in CI, no deadline, quiet."""
    return settings(
        max_examples=FUZZ_EXAMPLES or default,
        deadline=None,
        print_blob=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.function_scoped_fixture,  # each example rewrites its own file in tmp_path
        ],
    )


def _clean(message: str, longest: int = 5000) -> None:
    """A message fit for a terminal: one line, no control or escape characters, not runaway long."""
    assert message and len(message) <= longest, message[:300]
    assert all(ch.isprintable() for ch in message), message[:300]


# --- strategies -----------------------------------------------------------------------------------

#: A long run of one character: a few MB at most, cheap to make.
_huge_text = st.builds(lambda ch, n: ch * n, st.characters(), st.integers(0, 3_000_000))
_odd_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["\x1b[2J", "\x00", "\u202e", "\ud800", "\x9b31m", "\r\n", "ko", "en", "female"]),
    _huge_text,
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    _odd_text,
)
_profile_keys = st.one_of(
    st.sampled_from([*PROFILE_KEYS, "answers", "business", *BUSINESS_KEYS]),
    st.text(max_size=30),
    st.builds(lambda ch, n: ch * n, st.characters(), st.integers(0, 20_000)),
)


def _json_values(leaves: int = 20) -> st.SearchStrategy[Any]:
    return st.recursive(
        _scalars,
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_profile_keys, kids, max_size=4),
        max_leaves=leaves,
    )


def _dump(value: Any, ascii_only: bool) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


# --- profiles ---------------------------------------------------------------------------------------


def _check_profile(call: Any) -> None:
    try:
        profile = call()
    except ProfileError as exc:
        event("refused")
        assert exc.problems
        _clean(exc.message, 20_000)
        for problem in exc.lines():
            _clean(problem, 2_000)
    else:
        event("used")
        assert isinstance(profile, Profile)
        json.dumps(profile.values)


@fuzz(60)
@given(st.dictionaries(_profile_keys, _json_values(), max_size=8), st.booleans())
def test_random_profiles_are_used_or_refused_in_clear_lines(data: dict[str, Any], ascii_only: bool) -> None:
    _check_profile(lambda: parse_profile(_dump(data, ascii_only)))


@fuzz(60)
@given(st.lists(st.tuples(_profile_keys, _json_values(6)), max_size=6))
def test_duplicate_keys_in_raw_json_are_refused_naming_the_key(pairs: list[tuple[str, Any]]) -> None:
    text = "{" + ", ".join(f"{json.dumps(key)}: {json.dumps(value)}" for key, value in pairs) + "}"
    seen: set[str] = set()
    twice = next((key for key, _value in pairs if key in seen or seen.add(key)), None)  # type: ignore[func-returns-value]
    if twice is None:
        _check_profile(lambda: parse_profile(text))
        return
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert len(caught.value.problems) == 1 and "the key is given twice" in caught.value.lines()[0]
    _clean(caught.value.message, 1_000)  # 60 characters of the key, each escaped as at most 10


@fuzz(60)
@given(
    st.one_of(
        st.binary(max_size=2_000),
        st.builds(
            lambda good, at, junk: good[:at] + junk + good[at:],
            st.sampled_from([b'{"age": 30, "gender": "female"}', '{"gender": "여성"}'.encode(), b"{}"]),
            st.integers(0, 40),
            st.binary(min_size=1, max_size=8),
        ),
    )
)
def test_profile_bytes_of_any_kind_are_used_or_refused(data: bytes) -> None:
    _check_profile(lambda: parse_profile_bytes(data))


#: Openings that nest one level each, with what closes them.
_NESTS = {"[": "]", '{"age": ': "}", '{"answers": ': "}", '{"business": ': "}", '{"x": [': "]}"}


@fuzz(40)
@given(st.sampled_from(sorted(_NESTS)), st.integers(1, 100_000))
def test_nesting_of_any_depth_is_refused_without_recursion(opening: str, depth: int) -> None:
    text = opening * depth + "1" + _NESTS[opening] * depth
    levels = depth * (2 if opening == '{"x": [' else 1)
    if levels > MAX_DEPTH:
        with pytest.raises(ProfileError, match=f"nested more than {MAX_DEPTH} deep"):
            parse_profile(text)
    else:
        _check_profile(lambda: parse_profile(text))


@fuzz(40)
@given(st.integers(1, 6_000), st.sampled_from(["age", "answers", "business", "monthly_household_income_krw"]))
def test_long_numbers_are_refused_with_a_short_line(digits: int, key: str) -> None:
    _check_profile(lambda: parse_profile(f'{{"{key}": {"7" * digits}}}'))


# --- TOML sources -----------------------------------------------------------------------------------

#: The services kept in the fuzzed copy of db/ (screening, figures, contacts, current facts and outside
#: sources among them); the others are removed and `related` lines dropped, so one load is fast.
_KEPT = ("zero-pay", "microbusiness-insurance-subsidy", "youth-allowance", "ansimi", "seoul-safety-income")


@pytest.fixture
def small_sources(source_copy: Paths) -> Iterator[tuple[Paths, list[Path]]]:
    """The copy of db/ with only the _KEPT services, without their `related` lines; it loads cleanly."""
    kept = []
    for path in sorted((source_copy.sources / "services").glob("*.toml")):
        if path.stem not in _KEPT:
            path.unlink()
            continue
        lines = path.read_text("utf-8").split("\n")
        path.write_text("\n".join(line for line in lines if not line.startswith("related = ")), "utf-8")
        kept.append(path)
    assert len(kept) == len(_KEPT)
    load_sources(source_copy.sources)
    yield source_copy, kept


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_odd_toml_values = st.one_of(
    st.integers().map(str),
    st.integers(1, 6_000).map(lambda n: "9" * n),
    st.sampled_from(
        [
            "nan",
            "-inf",
            "1e999",
            "true",
            "1979-05-27",
            "07:32:00",
            "1979-05-27T07:32:00Z",
            "[]",
            "{}",
            '""',
            "'  '",
            "0x_1",
            "[1, 'a', {x = 1}]",
            '{ko = "가", en = ""}',
            '{ko = "가", xx = "b"}',
            '["p99-a9"]',
            '"2019-02-30"',
        ]
    ),
    _odd_text.map(_toml_string),
    st.integers(0, 100_000).map(lambda n: "[" * n + "]" * n),
    st.integers(0, 40_000).map(lambda n: "{a = " * n + "1" + "}" * n),
)
_odd_toml_keys = st.one_of(
    st.sampled_from(["id", "status", "figures", "source", "current", "screening", "sources", "name.ko"]),
    st.text(min_size=1, max_size=20).map(_toml_string),
    st.integers(2, 100_000).map(lambda n: ".".join(["a"] * n)),
)
_headers = st.sampled_from(
    [
        "[figures.source]",
        "[[figures]]",
        "[current]",
        "[[current.facts]]",
        "[[screening]]",
        "[x]",
        "[[sources]]",
    ]
)


@st.composite
def _mutation(draw: st.DrawFn, text: str) -> bytes:
    """A real service file with one to three random changes: lines, values, keys, headers or bytes."""
    lines = text.split("\n")
    for _step in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        kind = draw(st.sampled_from(["delete", "copy", "swap", "value", "key", "header"]))
        if kind == "delete" and lines:
            del lines[at]
        elif kind == "copy" and lines:
            lines.insert(at, lines[at])
        elif kind == "swap" and lines:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind in ("value", "key"):
            assigned = [i for i, line in enumerate(lines) if " = " in line]
            if assigned:
                i = draw(st.sampled_from(assigned))
                key, value = lines[i].split(" = ", 1)
                if kind == "value":
                    lines[i] = f"{key} = {draw(_odd_toml_values)}"
                else:
                    lines[i] = f"{draw(_odd_toml_keys)} = {value}"
        else:
            lines.insert(at, draw(_headers))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    change = draw(st.sampled_from(["none", "none", "insert", "cut", "flip"]))
    at = draw(st.integers(0, len(data)))
    if change == "insert":
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif change == "cut":
        data = data[:at]
    elif change == "flip" and at < len(data):
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    return data


def _reading_problem(problem: str) -> str:
    """What kind of problem stopped the load, for hypothesis's statistics."""
    for words in ("not valid TOML", "not UTF-8", "nested more than", "whole number has more", "larger than"):
        if words in problem:
            return words
    return "invalid content"


@fuzz(15)
@given(data=st.data())
def test_mutated_service_files_load_or_raise_source_error(
    small_sources: tuple[Paths, list[Path]], data: st.DataObject
) -> None:
    paths, services = small_sources
    path = data.draw(st.sampled_from(services))
    original = path.read_bytes()
    path.write_bytes(data.draw(_mutation(original.decode("utf-8"))))
    try:
        try:
            sources = load_sources(paths.sources)
        except SourceError as exc:
            event("refused: " + _reading_problem(exc.problems[0]))
            assert exc.problems
            _clean(exc.message)
            for problem in exc.problems:
                _clean(problem)
        else:
            event("loaded")
            assert isinstance(sources, SourceSet)
        # `db check` reads what it can and checks the quotes even when there are problems.
        problems: list[str] = []
        check_quotes(read_sources(paths.sources, problems), paths.seeds)
    finally:
        path.write_bytes(original)


# --- kiosk configs ------------------------------------------------------------------------------------

_kiosk_keys = st.one_of(st.sampled_from(KIOSK_KEYS), st.text(min_size=1, max_size=20))
_kiosk_values = st.one_of(
    st.integers(-100, 5_000).map(str),
    st.sampled_from(['"ko"', '"en"', "true", "false", '""', '"  "', '"HP_LaserJet"', "90.5", "1979-05-27"]),
    _odd_toml_values,
)


@st.composite
def _kiosk_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["pairs", "pairs", "bytes", "deep-key"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2_000))
    if kind == "deep-key":
        return (".".join(["a"] * draw(st.integers(1, 100_000))) + " = 1\n").encode()
    pairs = draw(st.lists(st.tuples(_kiosk_keys, _kiosk_values), max_size=8))
    return "\n".join(f"{_toml_string(key)} = {value}" for key, value in pairs).encode(
        "utf-8", "surrogatepass"
    )


@fuzz(80)
@given(content=_kiosk_files())
def test_random_kiosk_configs_are_used_or_refused_in_clear_lines(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_bytes(content)
    try:
        config = load_kiosk_config(path)
    except KioskConfigError as exc:
        event("refused")
        assert exc.problems
        _clean(exc.message)
    else:
        event("used")
        assert isinstance(config, KioskConfig)


# --- settings.json ------------------------------------------------------------------------------------

_settings_keys = st.one_of(
    st.sampled_from(["language", "sheet_language", "zoom", "filters", "category", "audience", "status"]),
    st.text(max_size=10),
)


@st.composite
def _settings_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["object", "object", "pairs", "bytes", "deep"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2_000))
    if kind == "deep":
        depth = draw(st.integers(1, 100_000))
        return b'{"filters": ' * depth + b"{}" + b"}" * depth
    if kind == "pairs":
        pairs = draw(st.lists(st.tuples(_settings_keys, _json_values(6)), max_size=6))
        return ("{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in pairs) + "}").encode()
    value = draw(st.dictionaries(_settings_keys, _json_values(10), max_size=6) | _json_values(6))
    return json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


@fuzz(80)
@given(content=_settings_files())
def test_random_settings_files_give_usable_settings_or_are_set_aside(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "config"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / FILE_NAME).write_bytes(content)
    loaded = SettingsStore(folder).load()
    assert isinstance(loaded, Settings)
    assert loaded.language in LANGUAGES and loaded.sheet_language in LANGUAGES
    assert 1.0 <= loaded.zoom <= 2.0
    assert set(loaded.filters) == {"category", "audience", "status"}
    assert all(v is None or (isinstance(v, str) and 0 < len(v) <= 64) for v in loaded.filters.values())
    bad = folder / (FILE_NAME + ".bad")
    if (folder / FILE_NAME).exists():
        event("read")
        assert not bad.exists()
        assert isinstance(json.loads(content.decode("utf-8")), dict)  # kept: it was a usable object
    else:
        event("set aside")
        assert bad.read_bytes() == content
    assert SettingsStore(folder).save(loaded)
