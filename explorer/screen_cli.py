"""`explorer screen --profile FILE`: a person's situation (a JSON profile from a regular file or
standard input, at most MAX_PROFILE_BYTES) screened against every service, as text or JSON.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from explorer.cli import LANG_OPTION, Context, _dump, _shown, echo, guarded, pass_context
from explorer.cli_help import LocalizedCommand
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.limits import MAX_PROFILE_BYTES, InputError, read_limited, read_stream


def _read_profile_bytes(source: str) -> bytes:
    """The profile's bytes from a regular file, or from standard input for `-`; at most
    MAX_PROFILE_BYTES either way, so `/dev/zero`, a FIFO or a folder cannot hang or exhaust it."""
    if source == "-":
        if sys.stdin is None:
            raise ExplorerError(
                _("Standard input is closed: give the profile as a file, or send it to standard input")
            )
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream without bytes under it (some embedders)
            return sys.stdin.read(MAX_PROFILE_BYTES + 1).encode("utf-8", "surrogateescape")
        return read_stream(stream, MAX_PROFILE_BYTES, "the profile")
    path = Path(source)
    if not os.path.lexists(path):
        raise ExplorerError(_("No profile file at {path}").format(path=_shown(path)))
    try:
        return read_limited(path, MAX_PROFILE_BYTES, "the profile")
    except InputError as exc:
        # Said again with the whole path (escaped): a short excerpt of a long path loses its file name.
        why = getattr(exc, "reason", exc.message)
        raise ExplorerError(
            _("Cannot use the profile {path}: {why}").format(path=_shown(path), why=why)
        ) from None


@click.command("screen", cls=LocalizedCommand)
@click.option(
    "--profile", "profile_source", required=True, help="Profile JSON file, or - for standard input."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@LANG_OPTION
@pass_context
@guarded
def screen_profile(obj: Context, profile_source: str, as_json: bool, lang: str | None) -> None:
    """Which services fit a person's situation (eligible, maybe, not eligible, not assessed) and why."""
    from datetime import date

    from explorer.core.present import pick, status_group_label
    from explorer.core.profile import parse_profile_bytes
    from explorer.core.screening import load_rules, screen

    lang = obj.localize(lang)
    profile = parse_profile_bytes(_read_profile_bytes(profile_source))
    with obj.open() as catalogue:
        report = screen(profile, load_rules(catalogue), date.today())
    if as_json:
        _dump(report.to_json())
        return
    for warning in report.warnings:
        echo(_("Warning: {text}").format(text=pick(warning, lang)))
    if report.next_question:
        echo(
            _("The question that would settle the most (bears on {n}): {question}").format(
                n=report.next_question["settles"], question=pick(report.next_question["question"], lang)
            )
        )
    for status, results in report.by_status().items():
        if not results:
            continue
        echo()
        echo(click.style(f"{status_group_label(status)} ({len(results)})", bold=True))
        if status == "not_assessed":
            echo("  " + ", ".join(pick(r.names, lang) for r in results))
            continue
        for result in results:
            echo(f"  {pick(result.names, lang)}  ({result.id})")
            for reason in result.reasons:
                echo(f"      {pick(reason['text'], lang)}")
            for question in result.missing:
                echo("      ? " + pick(question["question"], lang))
            for needed in result.also_needed:
                echo("      + " + _("Also needed: {text}").format(text=pick(needed, lang)))
            if result.benefit:
                echo("      ₩ " + pick(result.benefit["explanation"], lang))
