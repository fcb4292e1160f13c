"""`explorer export`: the catalogue as open data.

- `explorer export hsds DIR` writes it as Open Referral HSDS 3.0 JSON (explorer.core.hsds);
- `explorer export datasette-metadata FILE` writes Datasette metadata for it, so that
  `datasette -i services.db -m FILE` serves it read-only (explorer.core.datasette_meta).

Both read the catalogue the program uses (built or refreshed first when needed, or `--catalogue`).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click

from explorer.cli import LANG_OPTION, Context, echo, guarded, pass_context
from explorer.cli_help import LocalizedGroup
from explorer.cli_types import PlacePath
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.limits import PATH_CHARS, excerpt


@click.group("export", cls=LocalizedGroup)
def export() -> None:
    """Publish the catalogue as open data (HSDS 3, Datasette)."""


@export.command("hsds")
@click.argument("folder", type=PlacePath(file_okay=False))
@LANG_OPTION
@pass_context
@guarded
def export_hsds(obj: Context, folder: str, lang: str | None) -> None:
    """Write the catalogue as Open Referral HSDS 3.0 JSON files into FOLDER.

    One file per service, organization, taxonomy and term, and a list of each, shaped like the HSDS
    API's answers. The text is in the language of --lang (Korean by default); each name in the other
    language is the alternate_name. FOLDER must be new, empty or an earlier export (replaced).
    """
    from explorer.core.hsds import HSDS_VERSION, build_export
    from explorer.core.hsds_files import write_export

    chosen = obj.localize(lang)
    with obj.open() as catalogue:
        made = build_export(catalogue, chosen)
    written = write_export(made, Path(folder))
    echo(
        _(
            "Wrote {services} services, {organizations} organizations and {terms} taxonomy terms"
            " as HSDS {version} to {path}"
        ).format(
            services=written.counts["services"],
            organizations=written.counts["organizations"],
            terms=written.counts["taxonomy_terms"],
            version=HSDS_VERSION,
            path=excerpt(str(written.folder), PATH_CHARS),
        )
    )


@export.command("datasette-metadata")
@click.argument("file", type=PlacePath(dir_okay=False, allow_dash=True))
@click.option(
    "--database",
    help="The database name Datasette serves the catalogue under (default: the catalogue file's name"
    " without .db, as Datasette names it).",
)
@click.option("--license", "license_name", help="The licence to state (default: the project's, MIT).")
@click.option("--license-url", help="A link to the licence's text.")
@LANG_OPTION
@pass_context
@guarded
def export_datasette_metadata(
    obj: Context,
    file: str,
    database: str | None,
    license_name: str | None,
    license_url: str | None,
    lang: str | None,
) -> None:
    """Write Datasette metadata for the catalogue to FILE (`-` for standard output).

    Then `datasette -i services.db -m FILE` serves the catalogue read-only with its title,
    description, licence, sources, a description of every table and column, and canned queries.
    """
    from explorer.core.datasette_meta import LICENSE, datasette_metadata

    obj.localize(lang)
    with obj.open() as catalogue:
        name = database or catalogue.path.stem
        metadata = datasette_metadata(catalogue, name, license_name or LICENSE, license_url)
    text = json.dumps(metadata, ensure_ascii=False, indent=2) + "\n"
    if file == "-":
        echo(text, nl=False)
        return
    _write_file(Path(file), text)
    echo(
        _("Wrote Datasette metadata for the database {name} to {path}").format(
            name=name, path=excerpt(file, PATH_CHARS)
        )
    )


def _write_file(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (a temporary file renamed over it); only a regular
    file is replaced."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ExplorerError(
            _("{path} is not a regular file; give a file name for the metadata").format(
                path=excerpt(str(path), PATH_CHARS)
            )
        )
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # say which file could not be written, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
