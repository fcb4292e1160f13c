"""Kiosk mode's settings and staff PIN, without Qt: the config file, PIN hashing and the PIN guard.

The kiosk reads `kiosk.toml` from the settings folder (see `explorer.core.settings`). A missing file
means the defaults; any problem in a present file is a `KioskConfigError` listing one line per
problem, naming the key. Only a regular file of at most MAX_CONFIG_BYTES is read (a FIFO or a device
such as /dev/zero is refused without being opened), nested at most MAX_DEPTH deep; values are quoted
short and escaped. The staff PIN is stored only as a salted scrypt hash
(`scrypt$16384$8$1$<salt base64>$<hash base64>`, made by `explorer kiosk-pin`); `PinGuard` slows
down wrong guesses; its failure count and next allowed time are kept in a small state file
(`PIN_STATE_FILE` in the kiosk account's state folder), so a restart gives no free tries. No PIN is
ever logged or kept.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import itertools
import json
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from explorer.core.errors import KioskConfigError
from explorer.core.i18n import LANGUAGES, _
from explorer.core.limits import (
    MAX_CONFIG_BYTES,
    InputError,
    check_regular,
    excerpt,
    parse_json,
    parse_toml,
    read_limited,
)
from explorer.core.problems import N_

FILE_NAME = "kiosk.toml"

#: Bounds of the idle time and of the warning before the reset, in seconds.
MIN_IDLE, MAX_IDLE = 30, 3600
MIN_WARNING = 5

#: Bounds of the hours between two checks for a newer catalogue (`update_hours`).
MIN_UPDATE_HOURS, MAX_UPDATE_HOURS = 1, 48

#: A new staff PIN is 6 to 12 digits (0-9), not one digit repeated and not a run such as 123456.
MIN_PIN, MAX_PIN = 6, 12

#: scrypt's cost parameters, the salt and key sizes; `verify_pin` accepts only these.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES, KEY_BYTES = 16, 32
HASH_SCHEME = "scrypt"
HASH_FORMAT = f"{HASH_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$<salt base64>$<hash base64>"

#: Wrong PINs allowed without a wait; then the wait doubles from FIRST_DELAY up to MAX_DELAY seconds.
FREE_ATTEMPTS = 2
FIRST_DELAY = 5.0
MAX_DELAY = 300.0


@dataclass(frozen=True)
class KioskConfig:
    """How a kiosk behaves; every field has a default, so a missing file is a working kiosk."""

    #: Seconds without a touch before everything is cleared and the first screen comes back.
    idle_seconds: int = 90
    #: The warning ("Do you need more time?") shows this many seconds before the reset.
    warning_seconds: int = 20
    #: The language after every reset: "ko" or "en".
    language: str = "ko"
    #: The staff PIN's salted hash (`explorer kiosk-pin`); None: staff exit is disabled.
    pin_hash: str | None = None
    #: The only printer the kiosk may print to; None: printing is off, a QR code is shown instead.
    printer: str | None = None
    #: The QTextToSpeech engine's name; None: Qt's default engine.
    speech_engine: str | None = None
    #: Start in easy mode (the only kiosk mode so far: false is refused).
    easy: bool = True
    #: Where newer signed catalogues are published (an http(s) address or a folder's full path);
    #: None: the kiosk never looks for one.
    update_url: str | None = None
    #: The public key file bundles are checked with; None: the keys the program carries.
    update_key: str | None = None
    #: Hours between two checks for a newer catalogue (the first is at start).
    update_hours: int = 4


KIOSK_KEYS = tuple(f.name for f in fields(KioskConfig))


# --- the config file ------------------------------------------------------------------------------


def _whole(data: dict[str, Any], key: str, problems: list[str]) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(
            f"{key}: " + _("expected a whole number of seconds, not {value}").format(value=_shown(value))
        )
        return None
    return value


def _name(data: dict[str, Any], key: str, problems: list[str], what: str, unset: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(
            f"{key}: " + _("expected {what} in quotes, not {value}").format(what=_(what), value=_shown(value))
        )
        return None
    if not value.strip():
        problems.append(f"{key}: " + _("empty; leave the key out {unset}").format(unset=_(unset)))
        return None
    return value


#: The most characters of a value a problem shows.
SHOWN_CHARS = 40


def _shown(value: Any) -> str:
    """A value as the problem message shows it: short, and with its TOML type when not a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, str):
        more = _("… ({count} characters)").format(count=f"{len(value):,}") if len(value) > SHOWN_CHARS else ""
        return f'"{excerpt(value[:SHOWN_CHARS])}"{more}'
    try:
        return excerpt(str(value), SHOWN_CHARS)
    except ValueError:  # a whole number of more digits than Python turns into text
        return _("a number of thousands of digits")


def validate_kiosk_config(data: dict[str, Any], path: Path | str = FILE_NAME) -> KioskConfig:
    """A KioskConfig from decoded TOML; raise KioskConfigError listing every problem."""
    problems: list[str] = []
    for key in data:
        if key not in KIOSK_KEYS:
            known = ", ".join(KIOSK_KEYS)
            problems.append(
                f"{excerpt(key)}: " + _("unknown key; the kiosk keys are {keys}").format(keys=known)
            )
    values: dict[str, Any] = {}

    idle = _whole(data, "idle_seconds", problems)
    if idle is not None:
        if MIN_IDLE <= idle <= MAX_IDLE:
            values["idle_seconds"] = idle
        else:
            problems.append(
                "idle_seconds: "
                + _("{value} is out of range (expected {low} to {high})").format(
                    value=_shown(idle), low=MIN_IDLE, high=MAX_IDLE
                )
            )

    warning = _whole(data, "warning_seconds", problems)
    if warning is not None:
        # Compared with the idle time in force; a bad idle_seconds is reported on its own.
        limit = values.get("idle_seconds") if "idle_seconds" in data else KioskConfig.idle_seconds
        if warning < MIN_WARNING:
            problems.append(
                "warning_seconds: "
                + _("{value} is too short (at least {least})").format(
                    value=_shown(warning), least=MIN_WARNING
                )
            )
        elif limit is not None and warning >= limit:
            problems.append(
                "warning_seconds: "
                + _("{value} must be shorter than idle_seconds ({limit})").format(
                    value=_shown(warning), limit=limit
                )
            )
        else:
            values["warning_seconds"] = warning

    language = data.get("language")
    if language is not None:
        if isinstance(language, str) and language in LANGUAGES:
            values["language"] = language
        else:
            problems.append(
                "language: "
                + _("{value} is not one of {choices}").format(
                    value=_shown(language), choices=", ".join(LANGUAGES)
                )
            )

    pin_hash = data.get("pin_hash")
    if pin_hash is not None:
        # Never show the value: it is a secret's hash.
        if isinstance(pin_hash, str) and _parse_hash(pin_hash) is not None:
            values["pin_hash"] = pin_hash
        else:
            problems.append(
                "pin_hash: "
                + _("not a PIN hash made by `explorer kiosk-pin` (expected {format})").format(
                    format=HASH_FORMAT
                )
            )

    for key, what, unset in (
        ("printer", N_("a printer's name"), N_("to turn printing off")),
        ("speech_engine", N_("an engine's name"), N_("for Qt's default engine")),
    ):
        name = _name(data, key, problems, what, unset)
        if name is not None:
            values[key] = name

    easy = data.get("easy")
    if easy is not None:
        if easy is False:
            problems.append(
                "easy: " + _("the kiosk opens easy mode only for now; remove the key or set it to true")
            )
        elif isinstance(easy, bool):
            values["easy"] = easy
        else:
            problems.append("easy: " + _("expected true or false, not {value}").format(value=_shown(easy)))

    _updates(data, values, problems)

    if problems:
        raise KioskConfigError(path, problems)
    return KioskConfig(**values)


def _text(data: dict[str, Any], key: str, problems: list[str]) -> str | None:
    """The non-empty text at `key`, or None (with a problem when it is there but not usable)."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{key}: " + _("expected text in quotes, not {value}").format(value=_shown(value)))
        return None
    if not value.strip():
        problems.append(f"{key}: " + _("empty; leave the key out instead"))
        return None
    return value


def _updates(data: dict[str, Any], values: dict[str, Any], problems: list[str]) -> None:
    """Check update_url, update_key and update_hours into `values`; one line per problem."""
    url = _text(data, "update_url", problems)
    if url is not None:
        scheme = url.split("://", 1)[0].lower() if "://" in url else ""
        address = scheme in ("http", "https") and len(url) > len(scheme) + 3
        if address or (not scheme and Path(url).is_absolute()):
            values["update_url"] = url
        else:
            problems.append(
                "update_url: "
                + _("expected an http:// or https:// address or a folder's full path, not {value}").format(
                    value=_shown(url)
                )
            )
    key = _text(data, "update_key", problems)
    if key is not None:
        if not Path(key).is_absolute():
            problems.append(
                "update_key: "
                + _("expected the public key file's full path, not {value}").format(value=_shown(key))
            )
        elif not Path(key).is_file():
            problems.append("update_key: " + _("no such file: {value}").format(value=_shown(key)))
        else:
            values["update_key"] = key
    hours = data.get("update_hours")
    if hours is not None:
        if isinstance(hours, bool) or not isinstance(hours, int):
            wrong = _("expected a whole number of hours, not {value}").format(value=_shown(hours))
            problems.append("update_hours: " + wrong)
        elif not MIN_UPDATE_HOURS <= hours <= MAX_UPDATE_HOURS:
            problems.append(
                "update_hours: "
                + _("{value} is out of range (expected {low} to {high})").format(
                    value=_shown(hours), low=MIN_UPDATE_HOURS, high=MAX_UPDATE_HOURS
                )
            )
        else:
            values["update_hours"] = hours


def load_kiosk_config(path: Path) -> KioskConfig:
    """The kiosk config in the TOML file at `path`; the defaults when there is no such file.

    Every other problem is a KioskConfigError, never another exception: not a regular file (a folder,
    a FIFO, a device, a broken link; checked before opening, so nothing blocks), larger than
    MAX_CONFIG_BYTES, not UTF-8, not TOML, nested deeper than MAX_DEPTH, or values of the wrong kind.
    """
    try:
        check_regular(path, MAX_CONFIG_BYTES, "the kiosk configuration")
        raw = path.read_bytes()
    except InputError as exc:
        if exc.reason == "does not exist":
            return KioskConfig()
        raise KioskConfigError(path, [exc.reason]) from None
    except FileNotFoundError:
        return KioskConfig()
    except IsADirectoryError:
        raise KioskConfigError(path, [_("a folder, not a file")]) from None
    except OSError as exc:
        raise KioskConfigError(path, [_("cannot be read: {why}").format(why=exc.strerror)]) from None
    if len(raw) > MAX_CONFIG_BYTES:  # it grew since it was looked at
        raise KioskConfigError(path, [_("larger than {size} bytes").format(size=f"{MAX_CONFIG_BYTES:,}")])
    try:
        data = parse_toml(raw, digits=None)  # numbers are checked against their ranges, shown short
    except InputError as exc:
        raise KioskConfigError(path, [exc.reason]) from None
    return validate_kiosk_config(data, path)


# --- the staff PIN ---------------------------------------------------------------------------------


def _is_run(pin: str) -> bool:
    """Whether every digit is one more (or every digit one less) than the one before: 123456, 654321,
    and the same across 9 and 0 (890123)."""
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return steps in ({1}, {9})


def check_pin_format(pin: str) -> str | None:
    """What is wrong with `pin` as a new staff PIN (a sentence for the user), or None when it is fine.

    Refused: anything but the digits 0-9, fewer than MIN_PIN or more than MAX_PIN digits, one digit
    repeated (111111) and a run up or down (123456, 654321), the first PINs anyone tries.
    """
    if not (pin.isascii() and pin.isdigit()):
        return _("The PIN must be digits only (0 to 9).")
    if not MIN_PIN <= len(pin) <= MAX_PIN:
        return _("The PIN must be {low} to {high} digits long.").format(low=MIN_PIN, high=MAX_PIN)
    if len(set(pin)) == 1:
        return _("The PIN must not be one digit repeated (like 111111): it is the first one people try.")
    if _is_run(pin):
        return _(
            "The PIN must not be digits in a row (like 123456 or 654321): it is the first one people try."
        )
    return None


def _scrypt(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _parse_hash(stored: str) -> tuple[bytes, bytes] | None:
    """(salt, key) from a stored hash in exactly the format `hash_pin` writes, or None."""
    parts = stored.split("$")
    if len(parts) != 6 or parts[:4] != [HASH_SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P)]:
        return None
    try:
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(salt) != SALT_BYTES or len(key) != KEY_BYTES:
        return None
    return salt, key


def hash_pin(pin: str) -> str:
    """The salted scrypt hash of `pin`, as the kiosk config's `pin_hash` holds it."""
    salt = secrets.token_bytes(SALT_BYTES)
    return "$".join(
        (HASH_SCHEME, str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(_scrypt(pin, salt)))
    )


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash; False (never an exception) for a malformed hash."""
    if not isinstance(stored, str) or not isinstance(pin, str):
        return False
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    salt, key = parsed
    return hmac.compare_digest(_scrypt(pin, salt), key)


#: Doublings of FIRST_DELAY after which the wait is MAX_DELAY (5 * 2**6 = 320 > 300): the exponent
#: never grows past this, so no count of failures overflows.
_MAX_DOUBLINGS = 6


def delay_after(failures: int) -> float:
    """Seconds to wait before the next attempt after `failures` wrong PINs in a row (any count)."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    doublings = min(failures - FREE_ATTEMPTS - 1, _MAX_DOUBLINGS)
    return min(MAX_DELAY, FIRST_DELAY * 2**doublings)


#: The PIN guard's state file in the kiosk account's state folder: the count of wrong PINs in a row
#: and the wall-clock time of the next allowed try. Nothing personal, never a PIN.
PIN_STATE_FILE = "kiosk-pin-state.json"
#: The largest state file read; anything larger is damaged.
MAX_STATE_BYTES = 1024
#: The count a damaged state file stands for: one at which the wait is MAX_DELAY.
DAMAGED_FAILURES = FREE_ATTEMPTS + 1 + _MAX_DOUBLINGS


def load_pin_state(path: Path, now: float) -> tuple[int, float]:
    """(failures, next allowed wall-clock time) from the state file at `path`.

    No file: (0, 0.0), a fresh start. A damaged file (not a regular file, too large, not JSON, wrong
    keys or values) counts as the maximum wait from `now`, never as no wait: breaking the file must
    not wipe the count. A next time more than MAX_DELAY ahead (a clock set back) is cut to MAX_DELAY.
    """
    try:
        data = parse_json(read_limited(path, MAX_STATE_BYTES, "the PIN state").decode("utf-8"))
    except InputError as exc:
        if exc.reason == "does not exist":
            return 0, 0.0
        data = None
    except (OSError, UnicodeDecodeError):
        data = None
    failures = data.get("failures") if isinstance(data, dict) else None
    next_allowed = data.get("next_allowed") if isinstance(data, dict) else None
    if (
        isinstance(failures, bool)
        or not isinstance(failures, int)
        or failures < 0
        or isinstance(next_allowed, bool)
        or not isinstance(next_allowed, int | float)
        or next_allowed != next_allowed  # NaN
    ):
        print("explorer kiosk: the PIN state file is damaged; the next PIN waits longest", file=sys.stderr)
        return DAMAGED_FAILURES, now + MAX_DELAY
    return failures, min(float(next_allowed), now + MAX_DELAY)


def save_pin_state(path: Path, failures: int, next_allowed: float) -> bool:
    """Write the state file (through a temporary file and a rename); False when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(prefix=".pin-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"failures": failures, "next_allowed": next_allowed}, out)
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except OSError as exc:
        print(f"explorer kiosk: the PIN state cannot be saved ({exc.strerror})", file=sys.stderr)
        return False
    return True


class PinGuard:
    """Checks staff PINs and slows down guessing: after each wrong PIN the next waits longer.

    No wait after the first and second wrong PIN, then 5, 10, 20, 40 ... seconds, at most 300, at
    any count. An attempt during the wait is refused without checking the PIN or counting it; the
    right PIN clears the count. With no `pin_hash` every attempt is refused. The PIN itself is never
    kept. With a `state` path the count and the next allowed time are read from it at the start and
    written after every wrong PIN and after the right one (only when the count changes), so they
    survive a restart; `clock` is then wall-clock time (the default), as the file outlives the process.
    """

    def __init__(
        self,
        pin_hash: str | None,
        clock: Callable[[], float] = time.time,
        state: Path | None = None,
    ) -> None:
        self._pin_hash = pin_hash
        self._clock = clock
        self._state = state
        self._failures = 0
        self._next_allowed = 0.0
        if state is not None:
            self._failures, self._next_allowed = load_pin_state(state, clock())

    @property
    def enabled(self) -> bool:
        """Whether a PIN is configured at all (otherwise staff exit is disabled)."""
        return self._pin_hash is not None

    @property
    def failures(self) -> int:
        """Wrong PINs in a row since the last right one."""
        return self._failures

    def wait_seconds(self) -> float:
        """Seconds until the next attempt is allowed; 0.0 when it is allowed now."""
        return max(0.0, self._next_allowed - self._clock())

    def attempt(self, pin: str) -> bool:
        """True for the right PIN; False for a wrong one, during the wait, or with no PIN configured."""
        if self._pin_hash is None or self.wait_seconds() > 0:
            return False
        if verify_pin(pin, self._pin_hash):
            changed = self._failures != 0
            self._failures = 0
            self._next_allowed = 0.0
            if changed:
                self._save()
            return True
        self._failures += 1
        self._next_allowed = self._clock() + delay_after(self._failures)
        self._save()
        return False

    def _save(self) -> None:
        if self._state is not None:
            save_pin_state(self._state, self._failures, self._next_allowed)
