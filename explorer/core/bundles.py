"""Signed catalogue bundles: publish one, install a newer one, roll back, say which is in use.

`publish` writes a bundle (see explorer.core.bundle_manifest) into a folder that any static web
server can serve, and points `latest.json` at it. `update` fetches a bundle from an http(s) address
or a folder (a USB stick), checks it (signature by a trusted key, SHA-256 and size, schema version,
SQLite's integrity check, the content digest, newer than the catalogue in use) and installs it
(explorer.core.bundle_store); anything wrong is refused with one BundleError line and the catalogue
in use is left as it was. Start-up asks `bundle_store.newest_catalogue` which catalogue to open.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.core import bundle_store
from explorer.core.bundle_fetch import Origin
from explorer.core.bundle_manifest import (
    CATALOGUE_NAME,
    INDEX_NAME,
    MANIFEST_NAME,
    MAX_CATALOGUE_BYTES,
    MAX_SMALL_BYTES,
    SIGNATURE_NAME,
    BundleError,
    Manifest,
    NotNewerError,
    Version,
    file_in_the_way,
    index_bytes,
    key_id,
    load_private_key,
    load_public_key,
    parse_index,
    parse_manifest,
    shown,
    sign,
    verify,
    version_of,
)
from explorer.core.bundle_store import (
    Choice,
    Installed,
    Store,
    fsync_folder,
    newest_catalogue,
    write_atomically,
)
from explorer.core.catalog import open_catalogue
from explorer.core.catalogue_file import READ_ERRORS, connect_read_only, content_digest, read_meta
from explorer.core.errors import CatalogueError
from explorer.core.i18n import _
from explorer.core.limits import InputError, excerpt, read_limited
from explorer.core.os_words import os_reason
from explorer.core.schema_version import SCHEMA_VERSION

#: Names a public key file to check bundles with instead of the ones in resources/keys/.
KEY_ENV = "EXPLORER_CATALOGUE_KEY"
_CHUNK = 1 << 16

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- keys the program trusts -----------------------------------------------------------------------


def trusted_keys(resources: Path, key: Path | None = None) -> list[Ed25519PublicKey]:
    """The public keys bundles are checked with: `key` when given, else $EXPLORER_CATALOGUE_KEY, else
    every `*.pub` in resources/keys/ (the program's own). BundleError when there is none."""
    named = key or (Path(os.environ[KEY_ENV]) if os.environ.get(KEY_ENV) else None)
    if named is not None:
        return [load_public_key(named)]
    folder = resources / "keys"
    files = sorted(folder.glob("*.pub")) if folder.is_dir() else []
    if not files:
        raise BundleError(
            _(
                "This program carries no key to check catalogue bundles with ({path}); give one with --key"
            ).format(path=shown(folder))
        )
    return [load_public_key(path) for path in files]


# --- checking a catalogue file ---------------------------------------------------------------------


def check_catalogue_file(path: Path, manifest: Manifest | None, what: str) -> Version:
    """Check the catalogue at `path` thoroughly: SQLite's integrity check, its schema version, its
    content digest recomputed, and (given a manifest) that it is the catalogue the manifest names.
    Returns its version; BundleError naming `what` when anything is wrong."""

    def refuse(why: str) -> BundleError:
        return BundleError(_("The catalogue {what} cannot be used: {why}").format(what=shown(what), why=why))

    try:
        conn = connect_read_only(path)
    except CatalogueError as exc:
        raise refuse(_("it is not a whole SQLite file")) from exc
    try:
        try:
            rows = conn.execute("PRAGMA integrity_check(1)").fetchall()
            ok = rows == [("ok",)]
            meta = read_meta(conn, path) if ok else {}
            digest = content_digest(conn) if ok else ""
        except (*READ_ERRORS, CatalogueError):
            ok = False
        if not ok:
            raise refuse(_("SQLite finds it damaged"))
    finally:
        conn.close()
    schema = meta.get("schema_version", "")
    if schema != str(SCHEMA_VERSION):
        raise refuse(
            _("it has schema version {found}, but this program reads version {wanted}").format(
                found=excerpt(schema or "none", 20), wanted=SCHEMA_VERSION
            )
        )
    version = version_of(meta)
    if version is None or meta.get("content_digest") != digest:
        raise refuse(_("its content does not match the digest it records"))
    if manifest is not None and not version.same_as(manifest.order):
        raise refuse(_("it is not the catalogue its manifest describes"))
    try:
        open_catalogue(path).close()
    except CatalogueError:
        raise refuse(_("SQLite finds it damaged")) from None
    return version


# --- publish ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    manifest: Manifest
    folder: Path
    #: False when this very bundle was there already (only latest.json was written).
    new: bool


def _published_version(output: Path) -> str | None:
    index = output / INDEX_NAME
    if not index.is_file():
        return None
    try:
        return parse_index(read_limited(index, MAX_SMALL_BYTES, "the index"), str(index))
    except (BundleError, InputError):
        return None


def publish(catalogue: Path, private_key: Path, output: Path) -> Published:
    """Write a signed bundle of `catalogue` into `output` (a folder for a static web server) and
    point its latest.json at it. Refused (BundleError): a catalogue that is damaged or of another
    schema version, a key that is not a private Ed25519 key, and a folder whose latest.json already
    names a newer catalogue. The bundle is written in a temporary folder and renamed, and latest.json
    last, so a web server never serves half a bundle."""
    key = load_private_key(private_key)
    version = check_catalogue_file(catalogue, None, str(catalogue))
    in_the_way = file_in_the_way(output)
    if in_the_way is not None:
        raise BundleError(
            _("Cannot write the bundle in {path}: {why}").format(path=shown(output), why=in_the_way)
        )
    latest = _published_version(output)
    if latest is not None:
        newer = parse_manifest_from(output / latest)
        if newer is not None and newer.order.newer_than(version):
            raise BundleError(
                _(
                    "{path} already offers a newer catalogue ({latest}) than {version}; nothing was written"
                ).format(path=shown(output), latest=latest, version=version.name)
            )
    folder = output / version.name
    try:
        output.mkdir(parents=True, exist_ok=True)
        existing = parse_manifest_from(folder)
        if existing is not None:
            write_atomically(output / INDEX_NAME, index_bytes(existing))
            return Published(existing, folder, new=False)
        staging = Path(tempfile.mkdtemp(dir=output, prefix=".publishing-"))
        try:
            # A bundle is published to be served: mkdtemp's folder is the owner's alone (0700), and a
            # web server running as another user (nginx as www-data) would answer 404 inside it.
            os.chmod(staging, 0o755)
            size, sha256 = _copy(catalogue, staging / CATALOGUE_NAME)
            with open_catalogue(catalogue) as opened:
                meta = opened.meta
            manifest = Manifest(
                version=version.name,
                built_at=version.built_at.isoformat(),
                schema_version=SCHEMA_VERSION,
                content_digest=meta["content_digest"],
                size=size,
                sha256=sha256,
                built_by=meta.get("built_by", ""),
                published_at=_now(),
                key_id=key_id(key.public_key()),
            )
            data = manifest.to_bytes()
            _write_new(staging / MANIFEST_NAME, data)
            _write_new(staging / SIGNATURE_NAME, sign(key, data))
            fsync_folder(staging)
            os.replace(staging, folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fsync_folder(output)
        write_atomically(output / INDEX_NAME, index_bytes(manifest))
    except OSError as exc:
        raise BundleError(
            _("Cannot write the bundle in {path}: {why}").format(path=shown(output), why=os_reason(exc))
        ) from None
    return Published(manifest, folder, new=True)


def parse_manifest_from(folder: Path) -> Manifest | None:
    """The manifest of a bundle this program published in `folder` (not checked against a key)."""
    try:
        return parse_manifest(
            read_limited(folder / MANIFEST_NAME, MAX_SMALL_BYTES, "the manifest"), str(folder)
        )
    except (BundleError, InputError):
        return None


def _copy(source: Path, target: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with source.open("rb") as src, target.open("xb") as out:
        while chunk := src.read(_CHUNK):
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    if size > MAX_CATALOGUE_BYTES:
        raise BundleError(_("The catalogue is larger than {limit:,} bytes").format(limit=MAX_CATALOGUE_BYTES))
    return size, digest.hexdigest()


def _write_new(path: Path, data: bytes) -> None:
    with path.open("xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


# --- update ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Updated:
    """What `update` did: the version offered, the one in use before, whether it was installed."""

    offered: Manifest
    before: Choice
    installed: bool


def update(
    source: str,
    store: Store,
    bundled: Path | None,
    keys: list[Ed25519PublicKey],
    allow_rolled_back: bool = False,
) -> Updated:
    """Install the bundle at `source` (an http(s) address or a folder) when it is valid and newer.

    The same version as the one in use: nothing is done (`installed` False). Refused with
    BundleError: unsigned, signed by another key, changed after signing, of another schema version,
    cut off, damaged, larger than its manifest says, a version rolled back on this machine (unless
    `allow_rolled_back`); older ones with NotNewerError. Whatever happens, the catalogue in use stays
    usable: see explorer.core.bundle_store.
    """
    origin = Origin(source)
    with store.locked():
        store.prune()  # leftovers of an update that was cut off
        base = origin.bundle_base()
        manifest_at = origin.file(base, MANIFEST_NAME)
        data = origin.read(manifest_at, MAX_SMALL_BYTES)
        assert data is not None
        signature = origin.read(origin.file(base, SIGNATURE_NAME), MAX_SMALL_BYTES, missing_ok=True)
        manifest = verify(data, signature, keys, manifest_at)
        if manifest.schema_version != SCHEMA_VERSION:
            raise BundleError(
                _(
                    "The catalogue {version} at {source} has schema version {found}, but this program reads "
                    "version {wanted}; it was refused"
                ).format(
                    version=manifest.version,
                    source=shown(origin.shown),
                    found=manifest.schema_version,
                    wanted=SCHEMA_VERSION,
                )
            )
        before = newest_catalogue(store.folder, bundled)
        if before.version is not None and manifest.order.same_as(before.version):
            return Updated(manifest, before, installed=False)
        if before.version is not None and not manifest.order.newer_than(before.version):
            raise NotNewerError(
                _(
                    "The catalogue at {source} ({offered}) is older than the one in use ({current}); "
                    "nothing was changed"
                ).format(source=shown(origin.shown), offered=manifest.version, current=before.version.name)
            )
        if manifest.version in store.read_state().rolled_back and not allow_rolled_back:
            raise BundleError(
                _(
                    "The catalogue {version} was rolled back on this machine; to install it again, "
                    "add --allow-rolled-back"
                ).format(version=manifest.version)
            )
        _check_space(store.folder, manifest.size)
        fd, temp = store.new_temp()
        try:
            try:
                origin.download(origin.file(base, manifest.file), manifest, fd, temp)
            finally:
                os.close(fd)
            bundle_store.checkpoint("downloaded")
            check_catalogue_file(temp, manifest, origin.file(base, manifest.file))
            bundle_store.checkpoint("verified")
            entry = Installed(
                version=manifest.version,
                built_at=manifest.built_at,
                sha256=manifest.sha256,
                size=manifest.size,
                source=origin.shown,
                installed_at=_now(),
            )
            try:
                store.install(temp, entry, before.installed)
            except OSError as exc:
                raise _cannot_install(store, exc) from None
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
    return Updated(manifest, before, installed=True)


def _cannot_install(store: Store, exc: OSError) -> BundleError:
    return BundleError(
        _("Cannot write in {path}: {why}; the catalogue in use was not changed").format(
            path=shown(store.folder), why=os_reason(exc)
        )
    )


def _check_space(folder: Path, size: int) -> None:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < size + (1 << 20):
        raise BundleError(
            _(
                "Not enough free space in {path} for the new catalogue ({size:,} bytes); "
                "the catalogue in use was not changed"
            ).format(path=shown(folder), size=size)
        )


# --- status and rollback ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """Which catalogue the program uses, and what this machine has."""

    in_use: Path
    #: "explicit" (--catalogue), "moved" ($EXPLORER_CATALOGUE), "sources" (a checkout: built from
    #: db/), "update" (an installed update) or "bundled" (the packaged program's own).
    how: str
    version: Version | None
    chosen: Choice
    bundled: Path | None
    bundled_version: Version | None
    previous: Installed | None
    store: Path
    damaged_record: bool


def rollback(store: Store, bundled: Path | None) -> tuple[Installed, Choice]:
    """Go back to the catalogue in use before the last update; (the one left, the one now in use)."""
    with store.locked():
        try:
            left, _target = store.rollback()
        except OSError as exc:
            raise _cannot_install(store, exc) from None
    return left, newest_catalogue(store.folder, bundled)


def status(catalogue: Path, how: str, store: Store, bundled: Path | None) -> Status:
    """The catalogue in use (`catalogue`, chosen as `how` says) and what this machine has."""
    from explorer.core.bundle_store import usable_version

    state = store.read_state()
    chosen = newest_catalogue(store.folder, bundled)
    version = usable_version(catalogue)
    bundled_version = usable_version(bundled) if bundled is not None else None
    if how == "bundled" and chosen.is_update and chosen.path == catalogue:
        how = "update"
    return Status(
        in_use=catalogue,
        how=how,
        version=version,
        chosen=chosen,
        bundled=bundled,
        bundled_version=bundled_version,
        previous=state.previous,
        store=store.folder,
        damaged_record=state.damaged,
    )
