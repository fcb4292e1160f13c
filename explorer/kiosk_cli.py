"""`explorer kiosk-pin` and `explorer kiosk-check`: the community-centre kiosk's staff PIN hash
(asked twice, never shown; standard output holds only the line for the config file, and a hash
that cannot be written there is an error, exit 2), and its config file checked.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import click

from explorer.cli import (
    LANG_OPTION,
    Context,
    OutputError,
    _flush_stdout,
    _shown,
    _silence_stdout,
    _why,
    echo,
    guarded,
    pass_context,
)
from explorer.cli_help import LocalizedCommand
from explorer.cli_types import PlacePath
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _


def _kiosk_config_path() -> Path:
    from explorer.core.kiosk import FILE_NAME
    from explorer.core.settings import default_config_folder

    return default_config_folder() / FILE_NAME


@click.command("kiosk-pin", cls=LocalizedCommand)
@LANG_OPTION
@pass_context
@guarded
def kiosk_pin(obj: Context, lang: str | None) -> None:
    """Make the hash of a new staff PIN (6 to 12 digits, not 111111 or 123456) for the kiosk config file.

    The PIN is asked twice and never shown; the one line printed goes into kiosk.toml.
    """
    from explorer.core.kiosk_pin import check_pin_format, hash_pin

    obj.localize(lang)
    pin = _read_new_pin()
    problem = check_pin_format(pin)
    if problem:
        raise ExplorerError(problem)
    try:
        echo(f'pin_hash = "{hash_pin(pin)}"')
        _flush_stdout()
    except (OutputError, BrokenPipeError) as exc:
        # Never a quiet stop here: the hash would be lost and the kiosk left without a staff exit.
        _silence_stdout()
        cause = exc.cause if isinstance(exc, OutputError) else exc
        raise ExplorerError(
            _("The PIN's hash could not be written to standard output: {why}").format(why=_why(cause))
        ) from None
    echo(_("Put this line in {path}").format(path=_shown(_kiosk_config_path())), err=True)


#: The longest line read as a PIN; anything longer is refused without reading on.
PIN_LINE_CHARS = 64


def _read_new_pin() -> str:
    """The new PIN, asked twice until both agree; prompts go to standard error, so standard output
    holds only the line to paste (or append with >>).

    On a terminal the PIN is not shown. From a pipe or a file it is read line by line directly,
    without Python's getpass (which warns, with its own source lines, that it cannot hide input
    that is not typed anyway). Running out of input aborts (exit 1).
    """
    stdin = sys.stdin
    if stdin is None:
        raise ExplorerError(_("Standard input is closed: the PIN cannot be read"))
    first_prompt, again_prompt = _("New staff PIN (6 to 12 digits)"), _("The same PIN again")
    try:
        interactive = stdin.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if interactive:
        import getpass

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", getpass.GetPassWarning)
            return str(
                click.prompt(first_prompt, hide_input=True, confirmation_prompt=again_prompt, err=True)
            )
    while True:
        pin = _read_pin_line(stdin, first_prompt)
        if _read_pin_line(stdin, again_prompt) == pin:
            return pin
        echo(_("Error: The two PINs do not match."), err=True)


def _read_pin_line(stdin: Any, prompt: str) -> str:
    from explorer.core.kiosk_pin import check_pin_format

    echo(f"{prompt}: ", nl=False, err=True)
    raw = getattr(stdin, "buffer", None)
    if raw is not None:  # bytes, so input that is not UTF-8 is a wrong PIN, not a decoding error
        line = raw.readline(PIN_LINE_CHARS + 1).decode("utf-8", "replace")
    else:
        line = stdin.readline(PIN_LINE_CHARS + 1)
    echo(err=True)
    if not line:
        raise click.Abort()
    pin = line.rstrip("\r\n")
    if len(line) > PIN_LINE_CHARS:
        raise ExplorerError(check_pin_format(pin) or _("The PIN is too long"))
    return pin


@click.command("kiosk-check", cls=LocalizedCommand)
@click.option(
    "--config",
    "config_file",
    type=PlacePath(dir_okay=False),
    help="Kiosk config file to check (default: kiosk.toml in the settings folder).",
)
@LANG_OPTION
@pass_context
@guarded
def kiosk_check(obj: Context, config_file: str | None, lang: str | None) -> None:
    """Check the kiosk config file and print the settings the kiosk will use.

    The update key (update_key) must be a readable Ed25519 public key; its key id is printed.
    """
    from explorer.core.kiosk import load_kiosk_config

    obj.localize(lang)
    path = Path(config_file) if config_file else _kiosk_config_path()
    if config_file and not path.exists():
        raise ExplorerError(_("No kiosk config file at {path}").format(path=_shown(path)))
    config = load_kiosk_config(path)
    update_key = _update_key_row(path, config.update_key)  # refused before anything is printed
    if path.exists():
        echo(_("Kiosk config: {path}").format(path=_shown(path)))
    else:
        echo(_("Kiosk config: {path} (no such file: the defaults)").format(path=_shown(path)))
    yes, no = _("yes"), _("no")
    rows = [
        ("idle_seconds", str(config.idle_seconds)),
        ("warning_seconds", str(config.warning_seconds)),
        ("language", config.language),
        ("pin_hash", _("set") if config.pin_hash else _("not set (staff exit disabled)")),
        ("printer", config.printer or _("not set (no printing; QR code only)")),
        ("speech_engine", config.speech_engine or _("not set (Qt's default)")),
        ("easy", yes if config.easy else no),
        ("update_url", config.update_url or _("not set (the kiosk does not look for newer catalogues)")),
        ("update_key", update_key),
        (
            "update_hours",
            str(config.update_hours)
            if config.update_url
            else _("{hours} (not used without update_url)").format(hours=config.update_hours),
        ),
    ]
    for key, value in rows:
        echo(f"  {key:<16} {value}")


def _update_key_row(config_path: Path, key_file: str | None) -> str:
    """What kiosk-check says of update_key: the key's file and id; ExplorerError (one line) when the
    file is not a readable Ed25519 public key, since no newer catalogue could be checked with it."""
    if key_file is None:
        return _("not set (the keys the program carries)")
    from explorer.core.bundle_manifest import BundleError, key_id, load_public_key

    try:
        key = load_public_key(Path(key_file))
    except BundleError as exc:
        message = _("The kiosk configuration {path}: update_key: {why}; newer catalogues cannot be checked")
        raise ExplorerError(message.format(path=_shown(config_path), why=exc.message)) from None
    return _("{path} (key {id})").format(path=_shown(key_file), id=key_id(key))
