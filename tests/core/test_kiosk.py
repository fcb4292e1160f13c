"""Kiosk mode's Qt-free core: the config file, the staff PIN's hash and the guard against guessing."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core.errors import ExplorerError, KioskConfigError
from explorer.core.kiosk import KioskConfig, load_kiosk_config
from explorer.core.kiosk_pin import (
    DAMAGED_FAILURES,
    MAX_DELAY,
    PinGuard,
    check_pin_format,
    delay_after,
    hash_pin,
    load_pin_state,
    verify_pin,
)
from explorer.core.paths import Paths

# One hash for the whole module: scrypt is meant to be slow.
PIN = "2580"
STORED = hash_pin(PIN)


def _write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "kiosk.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- the config file ------------------------------------------------------------------------------


def test_core_kiosk_never_imports_qt() -> None:
    code = "import sys, explorer.core.kiosk; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_missing_file_gives_the_defaults(tmp_path: Path) -> None:
    config = load_kiosk_config(tmp_path / "kiosk.toml")
    assert config == KioskConfig()
    assert (config.idle_seconds, config.warning_seconds, config.language) == (90, 20, "ko")
    assert config.pin_hash is None and config.printer is None and config.speech_engine is None
    assert config.easy is True


def test_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    assert load_kiosk_config(_write(tmp_path, "")) == KioskConfig()


def test_config_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        KioskConfig().idle_seconds = 5  # type: ignore[misc]


def test_every_key_is_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f'idle_seconds = 120\nwarning_seconds = 30\nlanguage = "en"\npin_hash = "{STORED}"\n'
        'printer = "Front desk HP"\nspeech_engine = "speechd"\neasy = true\n',
    )
    assert load_kiosk_config(path) == KioskConfig(
        idle_seconds=120,
        warning_seconds=30,
        language="en",
        pin_hash=STORED,
        printer="Front desk HP",
        speech_engine="speechd",
        easy=True,
    )


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("colour = 1", "colour", "unknown key"),
        ("[kiosk]\nidle_seconds = 90", "kiosk", "unknown key"),
        ('idle_seconds = "90"', "idle_seconds", "whole number"),
        ("idle_seconds = 90.5", "idle_seconds", "whole number"),
        ("idle_seconds = true", "idle_seconds", "whole number"),
        ("idle_seconds = 29", "idle_seconds", "29 is out of range"),
        ("idle_seconds = 3601", "idle_seconds", "3601 is out of range"),
        ("warning_seconds = 4", "warning_seconds", "too short"),
        ("warning_seconds = 90", "warning_seconds", "shorter than idle_seconds (90)"),
        ("idle_seconds = 40\nwarning_seconds = 40", "warning_seconds", "shorter than idle_seconds (40)"),
        ("warning_seconds = [20]", "warning_seconds", "whole number"),
        ('language = "fr"', "language", "not one of ko, en"),
        ("language = 1", "language", "not one of ko, en"),
        ('pin_hash = "2580"', "pin_hash", "explorer kiosk-pin"),
        ("pin_hash = 2580", "pin_hash", "explorer kiosk-pin"),
        ('pin_hash = ""', "pin_hash", "explorer kiosk-pin"),
        ('printer = ""', "printer", "empty"),
        ("printer = false", "printer", "in quotes"),
        ('speech_engine = "  "', "speech_engine", "empty"),
        ("speech_engine = 3", "speech_engine", "in quotes"),
        ('easy = "yes"', "easy", "true or false"),
        ("easy = 1", "easy", "true or false"),
        ("easy = false", "easy", "easy mode only"),
    ],
)
def test_bad_values_name_the_key_and_the_file(tmp_path: Path, text: str, key: str, words: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path)
    error = caught.value
    assert isinstance(error, ExplorerError) and error.exit_code == 2
    assert len(error.problems) == 1
    assert error.problems[0].startswith(f"{key}: ") and words in error.problems[0]
    assert str(path) in error.message and "\n" not in error.message


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, 'idle_seconds = 10\nlanguage = "fr"\neasy = 1\nfoo = 2\n')
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path)
    keys = sorted(problem.split(":")[0] for problem in caught.value.problems)
    assert keys == ["easy", "foo", "idle_seconds", "language"]


def test_a_bad_idle_time_is_not_reported_twice(tmp_path: Path) -> None:
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(_write(tmp_path, "idle_seconds = 10\nwarning_seconds = 20\n"))
    assert [p.split(":")[0] for p in caught.value.problems] == ["idle_seconds"]


def test_the_hash_is_never_shown_in_a_problem(tmp_path: Path) -> None:
    broken = STORED[:-4] + "!!!!"
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(_write(tmp_path, f'pin_hash = "{broken}"'))
    assert broken not in caught.value.message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("idle_seconds = ", "not valid TOML"),
        ('language = "ko', "line 1"),
        ("idle_seconds = 90\nidle_seconds = 91", "not valid TOML"),
        (b"language = '\xff'", "not UTF-8"),
    ],
)
def test_malformed_files_are_one_clear_error(tmp_path: Path, content: str | bytes, words: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(path)
    assert words in caught.value.message and str(path) in caught.value.message


def test_toml_errors_give_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(KioskConfigError) as caught:
        load_kiosk_config(_write(tmp_path, 'idle_seconds = 90\nlanguage = "\\q"\n'))
    assert "line 2, column" in caught.value.message


def test_a_folder_is_not_a_config_file(tmp_path: Path) -> None:
    folder = tmp_path / "kiosk.toml"
    folder.mkdir()
    with pytest.raises(KioskConfigError, match="folder"):
        load_kiosk_config(folder)


def test_an_unreadable_file_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "easy = true")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # as root, chmod 0 would not stop the read
    with pytest.raises(KioskConfigError, match="cannot be read"):
        load_kiosk_config(path)


# --- PIN format and hash --------------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["258013", "000100", "123457", "135792", "123456789013", "482916"])
def test_good_pins(pin: str) -> None:
    assert check_pin_format(pin) is None


@pytest.mark.parametrize(
    ("pin", "words"),
    [
        ("", "digits only"),
        ("123", "6 to 12"),
        ("2580", "6 to 12"),
        ("25801", "6 to 12"),
        ("1234567890123", "6 to 12"),
        ("000000", "one digit repeated"),
        ("999999999999", "one digit repeated"),
        ("123456", "digits in a row"),
        ("654321", "digits in a row"),
        ("890123", "digits in a row"),
        ("3210987", "digits in a row"),
        ("12a4", "digits only"),
        ("12 34", "digits only"),
        ("-1234", "digits only"),
        ("١٢٣٤", "digits only"),  # Arabic-Indic digits are digits to str.isdigit, not to a keypad
        ("²²²²", "digits only"),
    ],
)
def test_bad_pins_say_why(pin: str, words: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from explorer.core import i18n

    monkeypatch.setattr(i18n._Active, "localizer", None)  # the messages in English, after any UI test
    problem = check_pin_format(pin)
    assert problem is not None and words in problem


def test_hash_has_the_documented_format() -> None:
    parts = STORED.split("$")
    assert parts[:4] == ["scrypt", "16384", "8", "1"] and len(parts) == 6
    assert PIN not in STORED


def test_right_pin_verifies_and_wrong_ones_do_not() -> None:
    assert verify_pin(PIN, STORED)
    for wrong in ("2581", "0258", "25800", "", "٢٥٨٠"):
        assert not verify_pin(wrong, STORED)


def test_two_hashes_of_the_same_pin_differ() -> None:
    other = hash_pin(PIN)
    assert other != STORED and other.split("$")[4] != STORED.split("$")[4]
    assert verify_pin(PIN, other)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "scrypt",
        "2580",
        STORED + "$",
        STORED.replace("scrypt$", "bcrypt$", 1),
        STORED.replace("$16384$", "$1024$", 1),
        STORED.replace("$8$1$", "$1$1$", 1),
        STORED[:-8] + "!!!!!!!=",  # not base64
        STORED.rsplit("$", 1)[0] + "$AAAA",  # a key of the wrong length
        "scrypt$16384$8$1$AAAA$" + STORED.rsplit("$", 1)[1],  # a salt of the wrong length
        "scrypt$16384$8$1$$",
    ],
    # Named, not shown: the salt is random, and parallel workers must collect the same test ids.
    ids=[
        "empty",
        "scheme only",
        "the PIN itself",
        "trailing field",
        "another scheme",
        "another cost",
        "another block size",
        "key not base64",
        "key of the wrong length",
        "salt of the wrong length",
        "empty salt and key",
    ],
)
def test_malformed_stored_hash_is_false_not_an_error(stored: str) -> None:
    assert verify_pin(PIN, stored) is False


def test_non_text_is_false_not_an_error() -> None:
    assert verify_pin(PIN, None) is False  # type: ignore[arg-type]
    assert verify_pin(None, STORED) is False  # type: ignore[arg-type]


# --- the guard ------------------------------------------------------------------------------------


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_delays_grow_and_are_capped() -> None:
    assert [delay_after(n) for n in range(11)] == [0, 0, 0, 5, 10, 20, 40, 80, 160, 300, 300]
    assert delay_after(1000) == 300


@pytest.mark.parametrize("failures", [1026, 1027, 1028, 2000, 10**6, 10**100])
def test_the_wait_holds_at_any_count(failures: int) -> None:
    """5 * 2**(failures - 3) overflowed a float at 1,027 failures and gave no wait at all."""
    assert delay_after(failures) == MAX_DELAY


def test_the_guard_still_waits_five_minutes_after_2000_failures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import explorer.core.kiosk_pin as core

    monkeypatch.setattr(core, "verify_pin", lambda pin, stored: pin == PIN)  # scrypt 2,000 times is slow
    clock = FakeClock()
    state = tmp_path / "state" / "kiosk-pin-state.json"
    guard = PinGuard(STORED, clock=clock, state=state)
    for _ in range(2000):
        clock.advance(guard.wait_seconds())
        assert not guard.attempt("9999")
    assert guard.failures == 2000 and guard.wait_seconds() == MAX_DELAY
    assert not guard.attempt(PIN)  # during the wait even the right PIN is refused


def test_the_count_and_the_wait_survive_a_restart(tmp_path: Path) -> None:
    clock = FakeClock()
    state = tmp_path / "state" / "kiosk-pin-state.json"
    guard = PinGuard(STORED, clock=clock, state=state)
    for _ in range(5):
        clock.advance(guard.wait_seconds())
        guard.attempt("9999")
    assert guard.wait_seconds() == 20
    clock.advance(3)
    again = PinGuard(STORED, clock=clock, state=state)  # the kiosk was restarted
    assert again.failures == 5 and again.wait_seconds() == 17
    assert not again.attempt(PIN)
    clock.advance(17)
    assert not again.attempt("9999") and again.wait_seconds() == 40  # no free tries after a restart
    text = state.read_text(encoding="utf-8")
    assert "9999" not in text and PIN not in text and set(json.loads(text)) == {"failures", "next_allowed"}
    clock.advance(40)
    assert again.attempt(PIN)
    third = PinGuard(STORED, clock=clock, state=state)
    assert third.failures == 0 and third.wait_seconds() == 0


def test_a_clean_start_writes_no_state(tmp_path: Path) -> None:
    state = tmp_path / "state" / "kiosk-pin-state.json"
    guard = PinGuard(STORED, clock=FakeClock(), state=state)
    assert guard.failures == 0 and guard.wait_seconds() == 0
    assert guard.attempt(PIN)
    assert not state.parent.exists()  # nothing written when nothing went wrong


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\xff\xfe",
        b"[]",
        b'{"failures": -1, "next_allowed": 0}',
        b'{"failures": "3", "next_allowed": 0}',
        b'{"failures": true, "next_allowed": 0}',
        b'{"failures": 3}',
        b'{"failures": 3, "next_allowed": NaN}',
        b'{"failures": 3, "failures": 0, "next_allowed": 0}',
        b"0" * 5000,
    ],
)
def test_a_damaged_state_file_means_the_longest_wait_not_none(tmp_path: Path, content: bytes) -> None:
    state = tmp_path / "kiosk-pin-state.json"
    state.write_bytes(content)
    clock = FakeClock()
    assert load_pin_state(state, clock()) == (DAMAGED_FAILURES, clock() + MAX_DELAY)
    guard = PinGuard(STORED, clock=clock, state=state)
    assert guard.wait_seconds() == MAX_DELAY and not guard.attempt(PIN)


def test_a_folder_as_the_state_file_means_the_longest_wait(tmp_path: Path) -> None:
    state = tmp_path / "kiosk-pin-state.json"
    state.mkdir()
    guard = PinGuard(STORED, clock=FakeClock(), state=state)
    assert guard.wait_seconds() == MAX_DELAY


def test_a_next_time_far_ahead_is_cut_to_five_minutes(tmp_path: Path) -> None:
    state = tmp_path / "kiosk-pin-state.json"
    state.write_text('{"failures": 4, "next_allowed": 1e300}', encoding="utf-8")
    clock = FakeClock()
    assert load_pin_state(state, clock()) == (4, clock() + MAX_DELAY)


def test_right_pin_opens() -> None:
    guard = PinGuard(STORED, clock=FakeClock())
    assert guard.enabled
    assert guard.attempt(PIN)
    assert guard.wait_seconds() == 0


def test_no_pin_configured_refuses_everything() -> None:
    guard = PinGuard(None, clock=FakeClock())
    assert not guard.enabled
    assert not guard.attempt(PIN) and not guard.attempt("")
    assert guard.failures == 0 and guard.wait_seconds() == 0


def test_wrong_pins_are_slowed_down_then_refused_during_the_wait() -> None:
    clock = FakeClock()
    guard = PinGuard(STORED, clock=clock)
    # The first two wrong PINs cost nothing.
    assert not guard.attempt("1111") and guard.wait_seconds() == 0
    assert not guard.attempt("2222") and guard.wait_seconds() == 0
    # The third: five seconds before the next try.
    assert not guard.attempt("3333")
    assert guard.failures == 3 and guard.wait_seconds() == 5
    # During the wait even the right PIN is refused, and not counted.
    assert not guard.attempt(PIN)
    assert guard.failures == 3
    clock.advance(4.5)
    assert guard.wait_seconds() == pytest.approx(0.5)
    assert not guard.attempt(PIN) and guard.failures == 3
    clock.advance(0.5)
    assert guard.wait_seconds() == 0
    # The fourth wrong PIN: ten seconds; the fifth: twenty.
    assert not guard.attempt("4444") and guard.wait_seconds() == 10
    clock.advance(10)
    assert not guard.attempt("5555") and guard.wait_seconds() == 20
    clock.advance(20)
    assert guard.attempt(PIN)


def test_success_resets_the_count() -> None:
    clock = FakeClock()
    guard = PinGuard(STORED, clock=clock)
    for _ in range(3):
        guard.attempt("0000")
    clock.advance(guard.wait_seconds())
    assert guard.attempt(PIN)
    assert guard.failures == 0 and guard.wait_seconds() == 0
    # The free attempts are back.
    assert not guard.attempt("0000") and guard.wait_seconds() == 0
    assert not guard.attempt("0000") and guard.wait_seconds() == 0
    assert not guard.attempt("0000") and guard.wait_seconds() == 5


def test_the_wait_never_exceeds_five_minutes() -> None:
    clock = FakeClock()
    guard = PinGuard(STORED, clock=clock)
    waits = []
    for _ in range(12):
        clock.advance(guard.wait_seconds())
        guard.attempt("9999")
        waits.append(guard.wait_seconds())
    assert max(waits) == 300 and waits[-1] == 300


def test_the_guard_keeps_no_pin() -> None:
    guard = PinGuard(STORED, clock=FakeClock())
    guard.attempt("1357")
    guard.attempt(PIN)
    assert all("1357" not in repr(value) and value != PIN for value in vars(guard).values())


def test_the_readme_example_is_a_valid_config(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.removeprefix("toml\n") for b in readme.split("```")[1::2] if b.startswith("toml\n")]
    example = next(b for b in blocks if "kiosk.toml" in b)
    config = load_kiosk_config(_write(tmp_path, example))
    assert config.pin_hash is not None and config.idle_seconds == 120


def test_no_pin_state_file_is_a_fresh_start_in_every_language(tmp_path: Path, paths: Paths) -> None:
    """The kiosk runs in Korean: a missing state file must still read as "no failures", not as a
    damaged one (which would make the staff wait the longest before their first PIN)."""
    from explorer.core.i18n import Localizer, active, set_localizer

    before = active()
    try:
        for lang in ("ko", "en"):
            set_localizer(Localizer(lang, paths.translations))
            assert load_pin_state(tmp_path / "nothing-here.json", now=1000.0) == (0, 0.0), lang
    finally:
        set_localizer(before)
