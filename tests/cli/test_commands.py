"""The `explorer` command as scripts and people use it: real files, exit codes, standard output and
error apart. Through the real entry point in this process (the `explorer` fixture) where a process of
its own is not the point; in real processes for building, the self-tests, starting without a screen,
reading a PIN from a pipe and the start-up benchmark."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from explorer.core.paths import Paths
from tests.conftest import FIRST_SERVICES, ROOT


def run(*args: str, catalogue: Path | None = None, env: dict[str, str] | None = None):
    """Run `python -m explorer ARGS` and return the completed process."""
    command = [sys.executable, "-m", "explorer"]
    if catalogue is not None:
        command += ["--catalogue", str(catalogue)]
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    full_env.pop("EXPLORER_DEBUG", None)
    return subprocess.run(
        [*command, *args], cwd=ROOT, capture_output=True, text=True, env=full_env, timeout=120
    )


@pytest.fixture
def explorer(explorer_command: Callable[..., subprocess.CompletedProcess[str]]) -> Callable[..., Any]:
    """`explorer(*args, catalogue=None, env=None, stdin=None)`: `explorer ARGS` in this process,
    answering as `run` does (tests/cli/conftest.py)."""
    return explorer_command


def test_list_json_lists_the_first_services_with_names_and_sources(explorer, paths: Paths) -> None:
    result = explorer("list", "--json", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    services = {s["id"]: s for s in json.loads(result.stdout)}
    for sid in FIRST_SERVICES:
        service = services[sid]
        assert service["names"]["ko"] and service["names"]["en"]
        assert service["sources"] and service["sources"][0]["quote"]
        assert service["status"] in ("active", "planned", "ended", "unknown")
        assert service["as_of"]


def test_show_json_gives_every_field(explorer, paths: Paths) -> None:
    result = explorer("show", "ansimi", "--json", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    ansimi = json.loads(result.stdout)
    assert ansimi["id"] == "ansimi"
    for key in (
        "names",
        "summary",
        "description",
        "eligibility",
        "benefits",
        "how_to_apply",
        "keywords",
        "alt_names",
        "documents",
        "contacts",
        "schedules",
        "channels",
        "strategy",
        "related",
        "notes",
        "sources",
        "categories",
        "audiences",
    ):
        assert key in ansimi, key


def test_readable_text_follows_lang(explorer, paths: Paths) -> None:
    korean = explorer("show", "zero-pay", "--lang", "ko", catalogue=paths.catalogue)
    english = explorer("show", "zero-pay", "--lang", "en", catalogue=paths.catalogue)
    assert korean.returncode == english.returncode == 0
    assert "누가 받을 수 있나요" in korean.stdout and "800" in korean.stdout
    assert "Who can get it" in english.stdout and "Who can get it" not in korean.stdout
    assert "Zero-Pay" in english.stdout.splitlines()[0]
    listing = explorer("list", "--lang", "en", catalogue=paths.catalogue)
    assert "Zero-Pay" in listing.stdout and "services" in listing.stdout.splitlines()[-1]


def test_list_says_each_service_s_state_today_not_its_2019_status(explorer, paths: Paths) -> None:
    """Seoul Safety Income was a running pilot in the seeds (2019) and has ended since: the list says
    ended, as `show` and both windows do; a service running today says so."""
    for lang, ended, running in (("en", "ended", "running"), ("ko", "끝남", "운영 중")):
        lines = explorer("list", "--lang", lang, catalogue=paths.catalogue).stdout.splitlines()
        by_id = {line.split()[0]: line for line in lines[:-1]}
        assert by_id["seoul-safety-income"].endswith(f"[{ended}]"), by_id["seoul-safety-income"]
        assert by_id["ansimi"].endswith(f"[{running}]"), by_id["ansimi"]


def test_unknown_facts_point_to_120(explorer, paths: Paths) -> None:
    result = explorer("show", "homeless-shelters", "--lang", "en", catalogue=paths.catalogue)
    assert "120 Dasan Call Center" in result.stdout


def test_unknown_id_is_exit_1_with_a_clear_message(explorer, paths: Paths) -> None:
    result = explorer("show", "no-such-service", "--lang", "en", catalogue=paths.catalogue)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "explorer: No service has the id 'no-such-service'; `explorer list` shows them all"
    )


@pytest.mark.parametrize("content", [b"", b"\x00garbage" * 100, b"SQLite format 3\x00" + b"\x01" * 500])
def test_damaged_catalogue_is_exit_2_and_one_line(explorer, paths: Paths, content: bytes) -> None:
    paths.catalogue.write_bytes(content)
    for args in (("list", "--json"), ("show", "zero-pay")):
        result = explorer(*args, catalogue=paths.catalogue)
        assert result.returncode == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("explorer: 카탈로그 "), lines  # Korean by default
    check = explorer("db", "check", catalogue=paths.catalogue)
    assert check.returncode == 2
    assert "Traceback" not in check.stderr + check.stdout
    assert str(paths.catalogue) in check.stdout


def test_missing_managed_catalogue_is_rebuilt(explorer, tmp_path: Path) -> None:
    target = tmp_path / "fresh" / "services.db"
    result = explorer("list", "--json", env={"EXPLORER_CATALOGUE": str(target)})
    assert result.returncode == 0, result.stderr
    assert target.exists() and len(json.loads(result.stdout)) >= len(FIRST_SERVICES)


def test_invalid_sources_are_exit_2_and_leave_the_catalogue(explorer, source_copy: Paths) -> None:
    env = {"EXPLORER_SOURCES": str(source_copy.sources), "EXPLORER_CATALOGUE": str(source_copy.catalogue)}
    assert explorer("list", env=env).returncode == 0
    good = source_copy.catalogue.read_bytes()
    (source_copy.sources / "services" / "zero-pay.toml").write_text('id = "zero-pay"\n', encoding="utf-8")
    result = explorer("--lang", "en", "list", env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("explorer: The catalogue sources are invalid: db/services/zero-pay.toml")
    assert len(result.stderr.strip().splitlines()) == 1
    assert source_copy.catalogue.read_bytes() == good


def test_db_check_passes_on_the_real_catalogue(explorer, paths: Paths) -> None:
    result = explorer("--lang", "en", "db", "check", env={"EXPLORER_CATALOGUE": str(paths.catalogue)})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("OK")
    # How many services are in each state today, and how many facts come from outside the seeds.
    # Each state in words; its id (what db/services/*.toml writes) in brackets where the words differ.
    assert lines[0].startswith("Services today: running ") and "without a record 0" in lines[0]
    assert ", never started (never_started) " in lines[0] and "running (running)" not in lines[0]
    assert lines[1].startswith("Facts from outside the seeds: ")


def test_db_check_lists_each_problem_and_fails(explorer, paths: Paths) -> None:
    import sqlite3

    conn = sqlite3.connect(paths.catalogue)
    conn.execute("UPDATE services SET summary = '{\"ko\": \"요약\"}' WHERE id = 'ansimi'")
    conn.execute("DELETE FROM service_audiences WHERE service_id = 'zero-pay'")
    conn.commit()
    conn.close()
    result = explorer("--lang", "en", "db", "check", catalogue=paths.catalogue)
    assert result.returncode == 1
    assert "service ansimi: no en summary" in result.stdout.splitlines()
    assert "service zero-pay: no audience" in result.stdout.splitlines()


def test_db_build_writes_where_told(tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    result = run("--lang", "en", "db", "build", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Built {target}")
    assert run("list", "--json", catalogue=target).returncode == 0


def test_db_build_and_check_speak_korean_without_lang(tmp_path: Path) -> None:
    """Korean is the default language: the maintainer's commands say what they did in Korean too."""
    target = tmp_path / "out.db"
    built = run("db", "build", "--output", str(target))
    assert built.returncode == 0 and f"{target}을(를) 만들었습니다: 서비스 " in built.stdout, built.stderr
    checked = run("db", "check", env={"EXPLORER_CATALOGUE": str(target)})
    lines = checked.stdout.splitlines()
    assert checked.returncode == 0 and lines[-1] == f"이상 없음: {target}", checked.stdout
    assert lines[0].startswith("오늘의 서비스 상태: 운영 중 (running) ") and lines[1].startswith(
        "원자료 밖의 사실: "
    )
    states = re.findall(r"([^,:;]+) \((\w+)\) (\d+)", lines[0])
    assert [state for _words, state, _count in states] == [
        "running",
        "renamed",
        "changed",
        "ended",
        "never_started",
        "unknown",
    ], lines[0]
    assert all(re.search("[가-힣]", words) for words, _state, _count in states), lines[0]


def test_self_test_renders_and_exits_0(paths: Paths, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = run("--self-test", "--screenshot", str(shot), catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("self-test OK") and "NanumGothic" in lines[-1]
    assert shot.stat().st_size > 10_000
    # What the package must carry, one line each: text-to-speech (the engines found, Qt's mock engine
    # made, the speech-dispatcher backend loading) and printing (a referral PDF, the CUPS backend).
    speech = next(line for line in lines if line.startswith("self-test: text-to-speech: engines "))
    assert "mock made" in speech and "default " in speech
    if sys.platform.startswith("linux"):
        assert "speechd backend loads" in speech
    printing = next(line for line in lines if line.startswith("self-test: printing: referral PDF "))
    assert "bytes" in printing


def test_easy_self_test_types_on_the_touch_keyboard(paths: Paths) -> None:
    result = run("--self-test", "--easy", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("self-test OK") and "touch keyboard loaded" in lines[-1]
    keyboard = next(line for line in lines if line.startswith("self-test: touch keyboard: QML loaded"))
    assert "ko_KR" in keyboard and "en_US" in keyboard and "typed '돌봄'" in keyboard


def test_gui_without_a_screen_says_so(paths: Paths) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--catalogue", str(paths.catalogue)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no screen found" in result.stderr and "Traceback" not in result.stderr


def test_programs_json_and_text(explorer, paths: Paths) -> None:
    result = explorer("programs", "--json", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    strategy = json.loads(result.stdout)
    action = strategy[0]["programs"][0]["actions"][0]
    for key in (
        "names",
        "kind",
        "period",
        "budget_krw",
        "budget_text",
        "departments",
        "partners",
        "services",
    ):
        assert key in action
    english = explorer("programs", "--lang", "en", catalogue=paths.catalogue).stdout
    korean = explorer("programs", "--lang", "ko", catalogue=paths.catalogue).stdout
    assert "₩2.07T" in english and "Programme 7 Stable and Affordable Housing for All" in english
    assert "2.07조 원" in korean and "프로그램 7" in korean


def test_search_json_and_text(explorer, paths: Paths) -> None:
    result = explorer("search", "제로 페이", "--json", "--limit", "3", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)
    assert results[0]["id"] == "zero-pay" and len(results) <= 3
    assert set(results[0]) >= {"id", "names", "score", "matched"}
    assert results[0]["matched"][0]["field"] == "name"
    text = explorer("search", "ㅈㄹㅍㅇ", "--lang", "en", catalogue=paths.catalogue).stdout
    assert text.splitlines()[0].startswith(" 1. Zero-Pay")
    nothing = explorer("search", "qqqqzzzz", "--lang", "ko", catalogue=paths.catalogue)
    assert nothing.returncode == 0 and "120" in nothing.stdout
    # Why each was found, in the person's language; a service that has ended says so beside its name.
    korean = explorer("search", "ㅈㄹㅍㅇ", catalogue=paths.catalogue).stdout.splitlines()
    assert korean[:2] == [" 1. 제로페이  (zero-pay)", "    이름, 초성: 제로페이"], korean
    ended = explorer("search", "서울 안심소득", "--lang", "en", catalogue=paths.catalogue).stdout.splitlines()
    assert ended[:2] == [
        " 1. Seoul Didimdol Income  (seoul-safety-income)  [ended]",
        "    name, as typed: 서울 안심소득",
    ], ended
    listing = explorer("search", "", "--status", "ended", "--lang", "en", catalogue=paths.catalogue).stdout
    lines = listing.splitlines()
    assert lines and all(line.startswith(" ") and line.endswith("[ended]") for line in lines), lines


def test_search_quality_report(explorer, paths: Paths) -> None:
    result = explorer("bench", "search-quality", env={"EXPLORER_CATALOGUE": str(paths.catalogue)})
    assert result.returncode == 0, result.stderr
    assert "recall@5" in result.stdout.splitlines()[0]
    assert any(line.startswith("all") for line in result.stdout.splitlines())


def test_whole_number_figures_are_grouped_for_the_reader(explorer, paths: Paths) -> None:
    english = explorer("show", "zero-pay", "--lang", "en", catalogue=paths.catalogue).stdout
    assert "800,000,000" in english and "800000000" not in english


def _screen(
    explorer: Callable[..., Any], paths: Paths, profile: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """`explorer screen --profile -` with `profile` on standard input."""
    return explorer("screen", "--profile", "-", *args, catalogue=paths.catalogue, stdin=profile)


def test_screen_json_answers_for_every_service(explorer, paths: Paths) -> None:
    profile = '{"year": 2026, "age": 72, "lives_alone": true, "monthly_household_income_krw": 1200000}'
    result = _screen(explorer, paths, profile, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["year"] == 2026 and report["warnings"] == []
    assert report["parameters"]["median_income"]["amount_krw"] == 2564238
    listed = json.loads(explorer("list", "--json", catalogue=paths.catalogue).stdout)
    assert {r["id"] for r in report["results"]} == {s["id"] for s in listed}
    for item in report["results"]:
        assert set(item) >= {"id", "names", "status", "reasons", "missing", "benefit", "also_needed"}
        for reason in item["reasons"]:
            assert reason["from"] in ("given", "derived", "definition", "catalogue", None)
    safety = next(r for r in report["results"] if r["id"] == "seoul-safety-income")
    # Its pilot ended in 2025: never eligible, and the reason says so.
    assert safety["status"] == "ineligible" and safety["benefit"] is None
    assert "ended" in safety["reasons"][0]["text"]["en"] and safety["reasons"][0]["from"] == "catalogue"
    # Living alone: no child at home, derived and said so.
    assert "has_children" in report["derived"]
    assert report["next_question"]["settles"] >= 1


def test_screen_text_follows_lang_and_groups_results(explorer, paths: Paths, tmp_path: Path) -> None:
    profile = tmp_path / "client.json"
    profile.write_text('{"age": 30, "household_size": 2, "monthly_household_income_krw": 9000000}', "utf-8")
    ko = explorer("screen", "--profile", str(profile), catalogue=paths.catalogue)
    en = explorer("screen", "--profile", str(profile), "--lang", "en", catalogue=paths.catalogue)
    assert ko.returncode == 0 and en.returncode == 0, ko.stderr + en.stderr
    # Services go by the names they have today (Seoul Safety Income was renamed in 2024).
    assert "받을 수 없음" in ko.stdout and "서울디딤돌소득" in ko.stdout and "서울 안심소득" not in ko.stdout
    assert "Not eligible" in en.stdout and "Seoul Didimdol Income" in en.stdout


@pytest.mark.parametrize(
    ("profile", "words"),
    [
        ('{"age": -3}', "age: -3 is impossible"),
        ('{"household_size": 0}', "household_size: 0 is impossible"),
        ('{"monthly_household_income_krw": "lots"}', "monthly_household_income_krw"),
        ('{"favourite_colour": "blue"}', "favourite_colour: unknown key"),
        ('{"age": 7', "not valid JSON"),
        ("", "not valid JSON"),
    ],
)
def test_screen_refuses_bad_profiles_with_one_line(explorer, paths: Paths, profile: str, words: str) -> None:
    # In Korean: tests/cli/test_korean_errors.py.
    result = _screen(explorer, paths, profile, "--json", "--lang", "en")
    assert result.returncode == 2
    assert result.stdout == ""
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_screen_missing_profile_file_is_clear(explorer, paths: Paths, tmp_path: Path) -> None:
    result = explorer("screen", "--profile", str(tmp_path / "nope.json"), catalogue=paths.catalogue)
    assert result.returncode == 2 and "nope.json" in result.stderr and "Traceback" not in result.stderr


# --- kiosk-pin and kiosk-check ----------------------------------------------------------------------


@pytest.fixture
def kiosk_runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """A CliRunner whose settings folder is a fresh temporary one; the interface language is restored."""
    from click.testing import CliRunner

    from explorer.core import i18n

    monkeypatch.setattr(i18n._Active, "localizer", i18n._Active.localizer)
    monkeypatch.setenv("EXPLORER_CONFIG", str(tmp_path / "config"))
    monkeypatch.delenv("EXPLORER_DEBUG", raising=False)
    return CliRunner()


def test_kiosk_pin_prints_one_line_to_paste(kiosk_runner, tmp_path: Path) -> None:
    from explorer.cli import cli
    from explorer.core.kiosk import load_kiosk_config
    from explorer.core.kiosk_pin import verify_pin

    result = kiosk_runner.invoke(cli, ["kiosk-pin", "--lang", "en"], input="258013\n258013\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith('pin_hash = "scrypt$16384$8$1$')
    assert "258013" not in result.output
    assert str(tmp_path / "config" / "kiosk.toml") in result.stderr
    # The line is valid TOML for the kiosk config, and the hash verifies the PIN.
    config_file = tmp_path / "kiosk.toml"
    config_file.write_text(lines[0] + "\n", encoding="utf-8")
    stored = load_kiosk_config(config_file).pin_hash
    assert stored is not None and verify_pin("258013", stored) and not verify_pin("258014", stored)


@pytest.mark.parametrize(
    ("pin", "words"),
    [
        ("12a4", "digits only"),
        ("123", "6 to 12 digits"),
        ("2580", "6 to 12 digits"),
        ("1234567890123", "6 to 12 digits"),
        ("777777", "one digit repeated"),
        ("123456", "digits in a row"),
        ("654321", "digits in a row"),
    ],
)
def test_kiosk_pin_refuses_bad_pins_with_exit_2(kiosk_runner, pin: str, words: str) -> None:
    from explorer.cli import cli

    result = kiosk_runner.invoke(cli, ["kiosk-pin", "--lang", "en"], input=f"{pin}\n{pin}\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert words in result.stderr and "Traceback" not in result.output


def test_kiosk_pin_asks_again_when_the_two_differ(kiosk_runner) -> None:
    from explorer.cli import cli

    result = kiosk_runner.invoke(cli, ["kiosk-pin", "--lang", "en"], input="258013\n258014\n135792\n135792\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.stderr and result.stdout.startswith("pin_hash = ")
    # Running out of input is a plain abort (exit 1), not an unexpected error.
    aborted = kiosk_runner.invoke(cli, ["kiosk-pin", "--lang", "en"], input="2580\n2581\n")
    assert aborted.exit_code == 1 and "unexpected error" not in aborted.output
    assert "pin_hash" not in aborted.stdout


def test_kiosk_pin_reads_standard_input_in_a_real_process(tmp_path: Path) -> None:
    env = dict(os.environ, EXPLORER_CONFIG=str(tmp_path))
    env.pop("EXPLORER_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "kiosk-pin"],
        cwd=ROOT,
        input="482916\n482916\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('pin_hash = "scrypt$') and len(result.stdout.splitlines()) == 1
    assert "482916" not in result.stdout + result.stderr


def test_kiosk_check_without_a_file_prints_the_defaults(kiosk_runner, tmp_path: Path) -> None:
    from explorer.cli import cli

    result = kiosk_runner.invoke(cli, ["kiosk-check", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "config" / "kiosk.toml") in result.stdout and "defaults" in result.stdout
    settings = dict(line.split(None, 1) for line in result.stdout.splitlines()[1:])
    assert settings["idle_seconds"] == "90" and settings["warning_seconds"] == "20"
    assert settings["language"] == "ko" and settings["easy"] == "yes"
    assert settings["pin_hash"].startswith("not set") and settings["printer"].startswith("not set")


def test_kiosk_check_reads_the_settings_folder_and_never_shows_the_hash(kiosk_runner, tmp_path: Path) -> None:
    from explorer.cli import cli
    from explorer.core.kiosk_pin import hash_pin

    stored = hash_pin("2580")
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "kiosk.toml").write_text(
        f'idle_seconds = 120\nlanguage = "en"\npin_hash = "{stored}"\nprinter = "Front desk"\n',
        encoding="utf-8",
    )
    result = kiosk_runner.invoke(cli, ["kiosk-check", "--lang", "en"])
    assert result.exit_code == 0, result.output
    settings = dict(line.split(None, 1) for line in result.stdout.splitlines()[1:])
    assert settings["idle_seconds"] == "120" and settings["language"] == "en"
    assert settings["pin_hash"] == "set" and settings["printer"] == "Front desk" and settings["easy"] == "yes"
    assert stored not in result.output and stored.split("$")[4] not in result.output


def test_kiosk_check_config_option_and_bad_files(kiosk_runner, tmp_path: Path) -> None:
    from explorer.cli import cli

    good = tmp_path / "good.toml"
    good.write_text("idle_seconds = 60\nwarning_seconds = 10\n", encoding="utf-8")
    result = kiosk_runner.invoke(cli, ["kiosk-check", "--config", str(good), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert str(good) in result.stdout and "60" in result.stdout

    bad = tmp_path / "bad.toml"
    bad.write_text('idle_seconds = 10\nlanguage = "fr"\n', encoding="utf-8")
    result = kiosk_runner.invoke(cli, ["kiosk-check", "--config", str(bad), "--lang", "en"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "idle_seconds: 10" in result.stderr and "language" in result.stderr and str(bad) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr

    broken = tmp_path / "broken.toml"
    broken.write_text("idle_seconds = \n", encoding="utf-8")
    result = kiosk_runner.invoke(cli, ["kiosk-check", "--config", str(broken)])
    # kiosk-check speaks Korean by default: tomllib's English is said in our words, with its place.
    assert result.exit_code == 2 and "올바른 TOML이 아닙니다: 1번째 줄" in result.stderr

    missing = tmp_path / "nope.toml"
    result = kiosk_runner.invoke(cli, ["kiosk-check", "--config", str(missing), "--lang", "en"])
    assert result.exit_code == 2 and str(missing) in result.stderr


def test_bench_startup_measures_both_windows(paths: Paths) -> None:
    """`explorer bench startup` runs both real windows beside a bare one, says how far it is, and
    prints a figure for each."""
    result = run("bench", "startup", "--runs", "1", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "round 1 of 1" in result.stderr
    rows = {line[:28].strip(): line[28:].split() for line in result.stdout.splitlines()}
    labels = ("bare Qt window (baseline)", "bare + touch keyboard", "standard window", "easy mode")
    for label in (*labels, "easy mode + touch keyboard"):
        paint_ms, _p95, _times_bare, settled_ms, mib, _mib_times = rows[label]
        assert 0 < float(paint_ms) <= float(settled_ms) and float(mib) > 20, label
    assert rows["bare Qt window (baseline)"][2] == "1.00"
    assert "easy mode + touch keyboard beside the bare window with the same keyboard" in result.stdout
