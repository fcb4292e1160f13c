"""`explorer db`: the catalogue built from the sources in db/ (`db build`), and the sources, their
quotes and the built catalogue checked (`db check`: one line per problem; exit 1 when there are
problems, 2 when the catalogue cannot be read at all).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from explorer.cli import MESSAGE_CHARS, Context, echo, guarded, pass_context
from explorer.cli_help import LocalizedGroup
from explorer.cli_types import PlacePath
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _, ngettext
from explorer.core.limits import PATH_CHARS, excerpt


@click.group("db", cls=LocalizedGroup)
def db() -> None:
    """Build and check the catalogue."""


@db.command("build")
@click.option(
    "--output",
    type=PlacePath(dir_okay=False),
    help="Where to write the catalogue (default: the catalogue the program uses).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Also replace a catalogue built by this program that a plain build leaves alone: one made by a"
    " newer program, or one too damaged to read. Never replaces anything that is not a catalogue.",
)
@pass_context
@guarded
def db_build(obj: Context, output: str | None, force: bool) -> None:
    """Build the SQLite catalogue from the sources in db/."""
    from explorer.core.build import build_catalogue

    if not obj.paths.has_sources:
        raise ExplorerError(_("No catalogue sources at {path}").format(path=obj.paths.sources))
    target = Path(output) if output else obj.paths.catalogue
    if output and target.is_dir():
        raise ExplorerError(
            _("Cannot use {path}: {why}").format(
                path=excerpt(output, PATH_CHARS), why=_("a folder, not a file")
            )
        )
    result = build_catalogue(obj.paths.sources, target, obj.paths.seeds, force=force)
    for path in result.removed:
        left = _("removed {path}, left by an interrupted build").format(
            path=excerpt(str(path), MESSAGE_CHARS)
        )
        echo(_("explorer: warning: {warning}").format(warning=left), err=True)
    for warning in result.warnings:
        shown = excerpt(str(warning), MESSAGE_CHARS)
        echo(_("explorer: warning: {warning}").format(warning=shown), err=True)
    echo(
        _("Built {path}: {services} services, {actions} actions, {sources} sources in {seconds} s").format(
            path=result.path,
            services=result.services,
            actions=result.actions,
            sources=result.sources,
            seconds=f"{result.seconds:.2f}",
        )
    )


def _state_count(state: str, count: int) -> str:
    """A state today and its count, in words: "운영 중 (running) 46". The id (what db/services/*.toml
    writes) follows in brackets where the words do not already say it."""
    from explorer.core.current import state_words

    words = state_words(state)
    return f"{words} {count}" if words == state else f"{words} ({state}) {count}"


@db.command("check")
@pass_context
@guarded
def db_check(obj: Context) -> None:
    """Check the sources, their quotes and the built catalogue; one line per problem.

    Exit 0 when all is well, 1 when there are problems, 2 when the catalogue cannot be read at all.
    """
    from explorer.core.catalog import open_catalogue
    from explorer.core.check import catalogue_statistics, check_everything
    from explorer.core.errors import CatalogueError, SourceError
    from explorer.core.refresh import needs_build

    rebuild_error = None
    try:
        if needs_build(obj.paths):
            obj.open().close()
    except (SourceError, CatalogueError) as exc:
        rebuild_error = exc.message  # check_everything lists each problem, and says why it is stale
    problems = check_everything(obj.paths, rebuild_error=rebuild_error)
    for problem in problems:
        echo(problem)
    if not problems:
        with open_catalogue(obj.paths.catalogue) as catalogue:
            stats = catalogue_statistics(catalogue)
        states = ", ".join(_state_count(state, count) for state, count in stats["states"].items())
        echo(
            _("Services today: {states}; without a record {count}").format(
                states=states, count=stats["without_record"]
            )
        )
        echo(
            _("Facts from outside the seeds: {facts}, from {documents} sources").format(
                facts=stats["outside_facts"], documents=stats["outside_documents"]
            )
        )
        echo(_("OK: {path}").format(path=obj.paths.catalogue))
        return
    echo(ngettext("{count} problem", "{count} problems", len(problems)).format(count=len(problems)), err=True)
    try:
        open_catalogue(obj.paths.catalogue).close()
    except CatalogueError:
        sys.exit(2)
    sys.exit(1)
