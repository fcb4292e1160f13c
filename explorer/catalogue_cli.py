"""`explorer catalogue`: publish signed catalogue bundles, install newer ones, roll back, say which is in use.

Every problem is one line on standard error through `guarded` (explorer.cli): a refused bundle is a
BundleError (exit 2), a bundle older than the catalogue in use exits 1, and nothing is changed.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from explorer.cli import LANG_OPTION, Context, echo, guarded, pass_context
from explorer.cli_help import LocalizedGroup
from explorer.cli_types import PlacePath
from explorer.core.i18n import _
from explorer.core.limits import PATH_CHARS, excerpt
from explorer.core.paths import CATALOGUE_ENV


def _shown(path: Path | str) -> str:
    return excerpt(str(path), PATH_CHARS)


def _how(obj: Context) -> str:
    if not obj.paths.managed:
        return "explicit"
    if os.environ.get(CATALOGUE_ENV):
        return "moved"
    if obj.paths.has_sources:
        return "sources"
    return "bundled"


def _describe_how(how: str) -> str:
    return {
        "explicit": _("given with --catalogue; opened as it is, updates are not used"),
        "moved": _("named by {env}; updates are not used").format(env=CATALOGUE_ENV),
        "sources": _("built from the sources in db/; a source checkout does not use updates"),
        "update": _("an installed update"),
        "bundled": _("the catalogue that came with the program"),
    }[how]


@click.group("catalogue", cls=LocalizedGroup)
def catalogue() -> None:
    """Keep many machines up to date: signed catalogue bundles (publish, update, rollback)."""


@catalogue.command("keygen")
@click.option(
    "--output",
    required=True,
    type=PlacePath(file_okay=False),
    help="Folder for the new key pair (catalogue-signing.key and catalogue-signing.pub).",
)
@LANG_OPTION
@pass_context
@guarded
def keygen(obj: Context, output: str, lang: str | None) -> None:
    """Make a new Ed25519 key pair for signing catalogue bundles (never overwrites a key)."""
    from explorer.core.bundle_manifest import generate_key_pair

    obj.localize(lang)
    private, public, ident = generate_key_pair(Path(output))
    echo(
        _("Private key: {path} (keep it secret, on the publishing machine only)").format(path=_shown(private))
    )
    echo(_("Public key: {path} (key {id})").format(path=_shown(public), id=ident))
    echo(
        _(
            "Programs trust bundles signed with it once the public key is in resources/keys/ "
            "(or given with --key)"
        )
    )


@catalogue.command("publish")
@click.option("--key", "key_file", required=True, type=PlacePath(dir_okay=False), help="The private key.")
@click.option(
    "--output", required=True, type=PlacePath(file_okay=False), help="The folder a web server serves."
)
@LANG_OPTION
@pass_context
@guarded
def publish(obj: Context, key_file: str, output: str, lang: str | None) -> None:
    """Write the built catalogue as a signed bundle into a folder, and point its latest.json at it."""
    from explorer.core.bundle_manifest import BundleError, key_id
    from explorer.core.bundles import publish as publish_bundle
    from explorer.core.bundles import trusted_keys

    obj.localize(lang)
    obj.open().close()  # built (or rebuilt from db/) first when needed
    result = publish_bundle(obj.paths.catalogue, Path(key_file), Path(output))
    manifest = result.manifest
    if result.new:
        echo(
            _("Published {version} in {path} ({size:,} bytes, signed with key {id})").format(
                version=manifest.version, path=_shown(result.folder), size=manifest.size, id=manifest.key_id
            )
        )
    else:
        echo(
            _("{version} was published already in {path}").format(
                version=manifest.version, path=_shown(result.folder)
            )
        )
    echo(
        _("{index} points to it; serve {path} with any web server, or copy it to a USB stick").format(
            index=_shown(Path(output) / "latest.json"), path=_shown(output)
        )
    )
    try:
        trusted = {key_id(key) for key in trusted_keys(obj.paths.resources)}
    except BundleError:
        trusted = set()
    if manifest.key_id not in trusted:
        echo(
            _(
                "explorer: warning: this program does not trust key {id}; programs need its public key "
                "in resources/keys/ (or --key) to install this bundle"
            ).format(id=manifest.key_id),
            err=True,
        )


@catalogue.command("update")
@click.argument("source")
@click.option(
    "--key",
    "key_file",
    type=PlacePath(dir_okay=False),
    help="Public key to check the bundle with (default: the program's own, in resources/keys/).",
)
@click.option(
    "--allow-rolled-back", is_flag=True, help="Install a version even though it was rolled back here."
)
@LANG_OPTION
@pass_context
@guarded
def update(
    obj: Context, source: str, key_file: str | None, allow_rolled_back: bool, lang: str | None
) -> None:
    """Install a newer signed catalogue from SOURCE: an http(s) address or a folder (a USB stick).

    The bundle is checked (signature, SHA-256, schema version, SQLite's integrity check, newer than
    the catalogue in use) before it replaces anything; the one in use before is kept for rollback.
    """
    from explorer.core.bundle_store import Store, default_store_folder
    from explorer.core.bundles import trusted_keys
    from explorer.core.bundles import update as update_bundle

    obj.localize(lang)
    keys = trusted_keys(obj.paths.resources, Path(key_file) if key_file else None)
    result = update_bundle(
        source, Store(default_store_folder()), obj.paths.bundled, keys, allow_rolled_back=allow_rolled_back
    )
    if not result.installed:
        echo(_("Already up to date: {version} is in use").format(version=result.offered.version))
        return
    before = result.before.version.name if result.before.version else _("none")
    echo(
        _("Installed {version} (was {before}); programs use it from their next start").format(
            version=result.offered.version, before=before
        )
    )
    if _how(obj) != "bundled":
        echo(_("Note: this program's catalogue is {how}").format(how=_describe_how(_how(obj))), err=True)


@catalogue.command("rollback")
@LANG_OPTION
@pass_context
@guarded
def rollback(obj: Context, lang: str | None) -> None:
    """Go back to the catalogue in use before the last update (the newer one is not installed again)."""
    from explorer.core.bundle_store import Store, default_store_folder
    from explorer.core.bundles import rollback as roll_back

    obj.localize(lang)
    left, now = roll_back(Store(default_store_folder()), obj.paths.bundled)
    version = now.version.name if now.version else _("unknown")
    what = _("an installed update") if now.is_update else _("the catalogue that came with the program")
    echo(
        _("Rolled back from {left}; now in use: {version} ({what}), from the programs' next start").format(
            left=left.version, version=version, what=what
        )
    )


@catalogue.command("status")
@LANG_OPTION
@pass_context
@guarded
def status(obj: Context, lang: str | None) -> None:
    """Which catalogue the program uses, its version and where it came from."""
    from explorer.core.bundle_store import Store, default_store_folder
    from explorer.core.bundles import status as catalogue_status

    obj.localize(lang)
    info = catalogue_status(obj.paths.catalogue, _how(obj), Store(default_store_folder()), obj.paths.bundled)
    echo(_("In use: {path} ({how})").format(path=_shown(info.in_use), how=_describe_how(info.how)))
    if info.version is not None:
        built = info.version.built_at.strftime("%Y-%m-%d %H:%M UTC")
        echo(_("Version: {version} (built {built})").format(version=info.version.name, built=built))
    else:
        echo(_("Version: unknown (the catalogue is missing or cannot be opened)"))
    chosen = info.chosen.installed
    if chosen is not None:
        label = _("Installed update") if info.how == "update" else _("Newest installed update (not in use)")
        echo(
            _("{label}: {version}, from {source}, installed {when}").format(
                label=label,
                version=chosen.version,
                source=excerpt(chosen.source, PATH_CHARS),
                when=chosen.installed_at,
            )
        )
    if info.how == "update":
        if info.previous is not None:
            echo(_("Rollback returns to: {version}").format(version=info.previous.version))
        else:
            echo(_("Rollback returns to: the catalogue that came with the program"))
    if info.bundled is not None:
        own = info.bundled_version.name if info.bundled_version else _("missing or cannot be opened")
        echo(
            _("The program's own catalogue: {path} ({version})").format(
                path=_shown(info.bundled), version=own
            )
        )
    echo(_("Updates folder: {path}").format(path=_shown(info.store)))
    if info.damaged_record:
        echo(
            _(
                "explorer: warning: the record of installed updates is damaged; "
                "the program's own catalogue is used"
            ),
            err=True,
        )
