"""The kiosk's staff PIN, without Qt: its rules, its salted scrypt hash and the guard against guessing.

A new PIN is 6 to 12 digits, neither one digit repeated nor a run such as 123456 (`check_pin_format`).
It is stored only as a salted scrypt hash (`scrypt$16384$8$1$<salt base64>$<hash base64>`, made by
`explorer kiosk-pin`). `PinGuard` slows down wrong guesses; its failure count and next allowed time
are kept in a small state file (`PIN_STATE_FILE` in the kiosk account's state folder), so a restart
gives no free tries. No PIN is ever logged or kept.
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
from pathlib import Path

from explorer.core.i18n import _
from explorer.core.limits import (
    InputError,
    parse_json,
    read_limited,
)

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


def parse_hash(stored: str) -> tuple[bytes, bytes] | None:
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
    parsed = parse_hash(stored)
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
        if exc.key == "missing":
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
        from explorer.core.os_words import os_reason

        why = _("the PIN state cannot be saved ({why})").format(why=os_reason(exc))
        print(f"explorer kiosk: {why}", file=sys.stderr)
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
