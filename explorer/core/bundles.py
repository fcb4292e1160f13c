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
import http.client
import os
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from explorer import __version__
from explorer.core import bundle_store
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
from explorer.core.catalog import READ_ERRORS, connect_read_only, content_digest, open_catalogue, read_meta
from explorer.core.errors import CatalogueError
from explorer.core.i18n import _
from explorer.core.limits import InputError, excerpt, read_limited
from explorer.core.schema_version import SCHEMA_VERSION

#: Seconds a network operation (connecting, each read) may take before the download is given up.
TIMEOUT = 30.0
#: Seconds a whole download may take.
DEADLINE = 15 * 60.0
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


# --- where a bundle comes from ---------------------------------------------------------------------


class _Origin:
    """A published folder or bundle, on a web server or on this machine."""

    def __init__(self, source: str) -> None:
        self.source = source
        parsed = urllib.parse.urlsplit(source)
        scheme = parsed.scheme.lower()
        if scheme in ("http", "https"):
            self.url: str | None = source
            self.path: Path | None = None
            # What is recorded and shown: the address without any user name or password.
            host = parsed.hostname or ""
            netloc = host + (f":{parsed.port}" if parsed.port else "")
            self.shown = urllib.parse.urlunsplit((scheme, netloc, parsed.path, parsed.query, ""))
        elif scheme == "file":
            self.url = None
            self.path = Path(urllib.request.url2pathname(parsed.path))
            self.shown = str(self.path)
        elif "://" in source:
            raise BundleError(
                _("{source}: give an http:// or https:// address, or a folder").format(source=shown(source))
            )
        else:
            self.url = None
            self.path = Path(source).absolute()
            self.shown = str(self.path)

    def _join(self, base: str, name: str) -> str:
        return urllib.parse.urljoin(base if base.endswith("/") else base + "/", name)

    def bundle_base(self) -> str:
        """Where the bundle's files are: the folder (or address) holding manifest.json."""
        if self.path is not None:
            path = self.path
            if path.name == INDEX_NAME or (path / INDEX_NAME).is_file():
                index = path if path.name == INDEX_NAME else path / INDEX_NAME
                version = parse_index(self._read_local(index), str(index))
                return str(index.parent / version)
            if path.name == MANIFEST_NAME:
                return str(path.parent)
            if (path / MANIFEST_NAME).is_file():
                return str(path)
            raise BundleError(
                _("No catalogue bundle at {source}: it holds neither {index} nor {manifest}").format(
                    source=shown(path), index=INDEX_NAME, manifest=MANIFEST_NAME
                )
            )
        assert self.url is not None
        bare = self.url.split("?", 1)[0]
        if bare.endswith("/" + MANIFEST_NAME):
            return self.url.rsplit("/", 1)[0]
        index_url = self.url if bare.endswith("/" + INDEX_NAME) else self._join(self.url, INDEX_NAME)
        data = self.read(index_url, MAX_SMALL_BYTES, missing_ok=True)
        if data is None:  # no index: perhaps the address of one bundle
            if self.read(self._join(self.url, MANIFEST_NAME), MAX_SMALL_BYTES, missing_ok=True) is None:
                raise BundleError(
                    _("No catalogue bundle at {source}: it holds neither {index} nor {manifest}").format(
                        source=shown(self.shown), index=INDEX_NAME, manifest=MANIFEST_NAME
                    )
                )
            return self.url
        version = parse_index(data, index_url)
        return self._join(index_url.rsplit("/", 1)[0], version)

    def file(self, base: str, name: str) -> str:
        return str(Path(base) / name) if self.path is not None else self._join(base, name)

    def _read_local(self, path: Path, limit: int = MAX_SMALL_BYTES) -> bytes:
        try:
            return read_limited(path, limit, "the file")
        except InputError as exc:
            raise BundleError(
                _("Cannot read {path}: {why}").format(path=shown(path), why=exc.reason)
            ) from None

    def read(self, where: str, limit: int, missing_ok: bool = False) -> bytes | None:
        """A small file (at most `limit` bytes); None when it does not exist and `missing_ok`."""
        if self.path is not None:
            if missing_ok and not os.path.lexists(where):
                return None
            return self._read_local(Path(where), limit)
        chunks = []
        with self._open(where, missing_ok) as response:
            if response is None:
                return None
            for chunk in self._chunks(response, where, limit):
                chunks.append(chunk)
        return b"".join(chunks)

    @contextlib.contextmanager
    def _open(self, url: str, missing_ok: bool = False) -> Iterator[BinaryIO | None]:
        request = urllib.request.Request(
            url, headers={"User-Agent": f"seoul-services-explorer/{__version__}", "Cache-Control": "no-cache"}
        )
        try:
            response = urllib.request.urlopen(request, timeout=TIMEOUT)
        except urllib.error.HTTPError as exc:
            exc.close()
            if missing_ok and exc.code in (403, 404, 410):
                yield None
                return
            raise BundleError(
                _("The server refused {url}: {code} {reason}").format(
                    url=shown(url), code=exc.code, reason=excerpt(str(exc.reason), 80)
                )
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            raise self._network_error(url, exc) from None
        with response:
            yield response

    def _network_error(self, url: str, exc: BaseException) -> BundleError:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, socket.timeout | TimeoutError):
            why = _("no answer within {seconds:.0f} s").format(seconds=TIMEOUT)
        elif isinstance(reason, OSError) and reason.strerror:
            why = reason.strerror
        else:
            why = excerpt(str(reason) or type(reason).__name__, 120)
        return BundleError(
            _("Cannot download {url}: {why}; the catalogue in use was not changed").format(
                url=shown(url), why=why
            )
        )

    def _chunks(self, stream: BinaryIO, where: str, limit: int) -> Iterator[bytes]:
        """The stream's bytes in chunks, refusing more than `limit` or a download over the deadline."""
        started = time.monotonic()
        total = 0
        while True:
            try:
                chunk = stream.read(_CHUNK)
            except (http.client.HTTPException, OSError, ValueError) as exc:
                raise self._network_error(where, exc) from None
            if not chunk:
                return
            total += len(chunk)
            if total > limit:
                raise BundleError(
                    _("{what} is larger than its bundle says ({limit:,} bytes); it was refused").format(
                        what=shown(where), limit=limit
                    )
                )
            if time.monotonic() - started > DEADLINE:
                raise BundleError(
                    _("Downloading {what} took more than {minutes:.0f} minutes; it was given up").format(
                        what=shown(where), minutes=DEADLINE / 60
                    )
                )
            yield chunk

    @contextlib.contextmanager
    def stream(self, where: str) -> Iterator[BinaryIO]:
        """The catalogue file, open for reading."""
        if self.path is not None:
            try:
                handle = open(where, "rb")  # noqa: SIM115
            except OSError as exc:
                raise BundleError(
                    _("Cannot read {path}: {why}").format(path=shown(where), why=exc.strerror)
                ) from None
            with handle:
                yield handle
            return
        with self._open(where) as response:
            assert response is not None
            yield response

    def download(self, where: str, manifest: Manifest, fd: int, into: Path) -> None:
        """Copy the catalogue into the open temporary file `fd`, checking its size and SHA-256."""
        digest = hashlib.sha256()
        size = 0
        with self.stream(where) as source:
            for chunk in self._chunks(source, where, manifest.size):
                try:
                    _write_all(fd, chunk)
                except OSError as exc:
                    raise BundleError(
                        _(
                            "Cannot save the download in {path}: {why}; the catalogue in use was not changed"
                        ).format(path=shown(into.parent), why=exc.strerror or exc)
                    ) from None
                digest.update(chunk)
                size += len(chunk)
        if size != manifest.size:
            raise BundleError(
                _(
                    "The catalogue {what} is cut off: {got:,} of {size:,} bytes arrived; "
                    "the catalogue in use was not changed"
                ).format(what=shown(where), got=size, size=manifest.size)
            )
        if digest.hexdigest() != manifest.sha256:
            raise BundleError(
                _(
                    "The catalogue {what} does not match its signed SHA-256 (damaged or changed); "
                    "it was refused"
                ).format(what=shown(where))
            )
        try:
            os.fsync(fd)
        except OSError as exc:
            raise BundleError(
                _("Cannot save the download in {path}: {why}; the catalogue in use was not changed").format(
                    path=shown(into.parent), why=exc.strerror or exc
                )
            ) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


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
            _("Cannot write the bundle in {path}: {why}").format(path=shown(output), why=exc.strerror or exc)
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
    origin = _Origin(source)
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
            path=shown(store.folder), why=exc.strerror or exc
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
