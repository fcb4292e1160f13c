"""Kiosk mode's settings, without Qt: the config file (the staff PIN itself: explorer.core.kiosk_pin).

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

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from explorer.core.errors import KioskConfigError
from explorer.core.i18n import LANGUAGES, _
from explorer.core.kiosk_pin import HASH_FORMAT, parse_hash
from explorer.core.limits import (
    MAX_CONFIG_BYTES,
    InputError,
    check_regular,
    excerpt,
    parse_toml,
)
from explorer.core.os_words import os_reason
from explorer.core.problems import N_

FILE_NAME = "kiosk.toml"

#: Bounds of the idle time and of the warning before the reset, in seconds.
MIN_IDLE, MAX_IDLE = 30, 3600
MIN_WARNING = 5

#: Bounds of the hours between two checks for a newer catalogue (`update_hours`).
MIN_UPDATE_HOURS, MAX_UPDATE_HOURS = 1, 48


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
        if isinstance(pin_hash, str) and parse_hash(pin_hash) is not None:
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
        if exc.key == "missing":
            return KioskConfig()
        raise KioskConfigError(path, [exc.reason]) from None
    except FileNotFoundError:
        return KioskConfig()
    except IsADirectoryError:
        raise KioskConfigError(path, [_("a folder, not a file")]) from None
    except OSError as exc:
        raise KioskConfigError(path, [_("cannot be read: {why}").format(why=os_reason(exc))]) from None
    if len(raw) > MAX_CONFIG_BYTES:  # it grew since it was looked at
        raise KioskConfigError(path, [_("larger than {size} bytes").format(size=f"{MAX_CONFIG_BYTES:,}")])
    try:
        data = parse_toml(raw, digits=None)  # numbers are checked against their ranges, shown short
    except InputError as exc:
        raise KioskConfigError(path, [exc.reason]) from None
    return validate_kiosk_config(data, path)
