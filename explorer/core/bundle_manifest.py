"""Signed catalogue bundles, the part both ends share: keys, the manifest, its signature, versions.

A bundle is a folder holding `services.db` (a catalogue as `explorer db build` makes it),
`manifest.json` (what the catalogue is: its version, build time, schema version, size and SHA-256)
and `manifest.sig` (the Ed25519 signature of manifest.json's exact bytes, in base64). Only the
manifest is signed; it names the catalogue's SHA-256, so the signature covers the catalogue too.

A catalogue's version is its build time (UTC) and the start of the digest of its content, e.g.
`20261130T213239Z-30531acaeb90`. Versions are ordered by build time (to the microsecond, as the
catalogue's `built_at` records it); the digest tells two catalogues built in the same second apart,
and one catalogue (the same content) from another.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import stat
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.limits import PATH_CHARS, InputError, excerpt, parse_json, read_limited
from explorer.core.os_words import os_reason

#: The format of manifests and indexes this program writes and reads.
FORMAT = 1
#: What `kind` in a manifest says, so a manifest of anything else is refused by name.
KIND = "seoul-services-explorer catalogue"
CATALOGUE_NAME = "services.db"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
#: The index at the top of a published folder: which bundle is the newest.
INDEX_NAME = "latest.json"
PRIVATE_KEY_NAME = "catalogue-signing.key"
PUBLIC_KEY_NAME = "catalogue-signing.pub"
#: The largest manifest, signature, index or key file read, in bytes.
MAX_SMALL_BYTES = 64_000
#: The largest catalogue a bundle may carry (the real one is about 5 MB).
MAX_CATALOGUE_BYTES = 1 << 30

if TYPE_CHECKING:  # cryptography is imported where keys are used: start-up never needs it
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

_VERSION = re.compile(r"\d{8}T\d{6}Z-[0-9a-f]{12}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


class BundleError(ExplorerError):
    """A bundle that is refused, or a bundle operation that failed; the catalogue in use is unchanged."""


class NotNewerError(BundleError):
    """A bundle that is valid but not newer than the catalogue in use (exit 1: nothing to do)."""

    exit_code = 1


def shown(path: Path | str) -> str:
    """A path or address as a message quotes it: escaped, cut only when absurd."""
    return excerpt(str(path), PATH_CHARS)


def file_in_the_way(folder: Path) -> str | None:
    """Why `folder` cannot be used or made as a folder when a file stands where it or a folder above
    it should be ("it is a file, not a folder", "/etc/hostname is a file, not a folder"); else None."""
    for place in (folder, *folder.parents):
        if os.path.lexists(place):
            if place.is_dir():
                return None
            if place == folder:
                return _("it is a file, not a folder")
            return _("{file} is a file, not a folder").format(file=shown(place))
    return None


# --- versions --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """A catalogue's version: when it was built and the digest of its content."""

    built_at: datetime
    #: The hex digits of the catalogue's content digest (SHA-256).
    digest: str

    @property
    def name(self) -> str:
        """The version as people and folder names see it: 20261130T213239Z-30531acaeb90."""
        return f"{self.built_at.astimezone(UTC):%Y%m%dT%H%M%S}Z-{self.digest[:12]}"

    def newer_than(self, other: Version) -> bool:
        """True when this catalogue was built after `other`."""
        return self.built_at > other.built_at

    def same_as(self, other: Version) -> bool:
        """True for the same catalogue (same build time and content)."""
        return self.built_at == other.built_at and self.digest == other.digest

    def __str__(self) -> str:
        return self.name


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time with its time zone, or None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def version_of(meta: dict[str, str]) -> Version | None:
    """The version of a catalogue from its meta table; None when it lacks its build time or digest."""
    built_at = parse_time(meta.get("built_at"))
    digest = meta.get("content_digest", "").removeprefix("sha256:")
    if built_at is None or not _HEX64.fullmatch(digest):
        return None
    return Version(built_at, digest)


def is_version_name(text: str) -> bool:
    """True when `text` is written like a version (and so is safe as a file or folder name)."""
    return bool(_VERSION.fullmatch(text))


# --- keys ------------------------------------------------------------------------------------------


def key_id(key: Ed25519PublicKey) -> str:
    """A short name for a public key: the first 16 hex digits of the SHA-256 of its 32 bytes."""
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    import hashlib  # here: the window reads its catalogue's version from this module at start

    return hashlib.sha256(raw).hexdigest()[:16]


def _create_exclusive(path: Path, data: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, mode)
    try:
        with os.fdopen(fd, "wb") as out:
            fd = -1
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        if fd >= 0:
            os.close(fd)
        path.unlink(missing_ok=True)
        raise


def generate_key_pair(folder: Path) -> tuple[Path, Path, str]:
    """Make a new Ed25519 key pair in `folder`: (private key file, public key file, key id).

    The private key file is readable by its owner alone (mode 0600). Nothing is overwritten: when
    either file exists, BundleError and nothing is written.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private_path, public_path = folder / PRIVATE_KEY_NAME, folder / PUBLIC_KEY_NAME
    in_the_way = file_in_the_way(folder)
    if in_the_way is not None:
        raise BundleError(
            _("Cannot write the keys in {path}: {why}").format(path=shown(folder), why=in_the_way)
        )
    for path in (private_path, public_path):
        if os.path.lexists(path):
            raise BundleError(
                _("{path} already exists; a key is never overwritten (choose another --output)").format(
                    path=shown(path)
                )
            )
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _create_exclusive(private_path, private_pem, 0o600)
        try:
            _create_exclusive(public_path, public_pem, 0o644)
        except BaseException:
            private_path.unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise BundleError(
            _("{path} already exists; a key is never overwritten (choose another --output)").format(
                path=shown(folder)
            )
        ) from None
    except OSError as exc:
        raise BundleError(
            _("Cannot write the keys in {path}: {why}").format(path=shown(folder), why=os_reason(exc))
        ) from None
    return private_path, public_path, key_id(key.public_key())


def _read_key_file(path: Path, what: str) -> bytes:
    try:
        return read_limited(path, MAX_SMALL_BYTES, what)
    except InputError as exc:
        raise BundleError(
            _("Cannot use the key {path}: {why}").format(path=shown(path), why=exc.reason)
        ) from None


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 private key in the PEM file at `path`.

    Refused (BundleError): a file others can read (on systems with Unix permissions), or anything
    but an unencrypted Ed25519 private key in PEM.
    """
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = _read_key_file(path, "the private key")
    if os.name == "posix":
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & 0o077:
            raise BundleError(
                _(
                    "The private key {path} can be read by other accounts (mode {mode:o}); "
                    "make it private with `chmod 600`"
                ).format(path=shown(path), mode=mode)
            )
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError(
            _("{path} is not an Ed25519 private key (make one with `explorer catalogue keygen`)").format(
                path=shown(path)
            )
        )
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The Ed25519 public key in the PEM file at `path`; BundleError for anything else."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = _read_key_file(path, "the public key")
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise BundleError(_("{path} is not an Ed25519 public key").format(path=shown(path)))
    return key


# --- the manifest ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    """What a bundle says about its catalogue (signed)."""

    version: str
    built_at: str
    schema_version: int
    content_digest: str
    size: int
    sha256: str
    built_by: str
    published_at: str
    key_id: str
    format: int = FORMAT
    kind: str = KIND
    file: str = CATALOGUE_NAME

    @property
    def order(self) -> Version:
        """The catalogue's version, to compare with others."""
        built_at = parse_time(self.built_at)
        assert built_at is not None  # checked by parse_manifest and by publish
        return Version(built_at, self.content_digest.removeprefix("sha256:"))

    def to_bytes(self) -> bytes:
        """The manifest as the bytes that are signed."""
        return (json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def parse_manifest(data: bytes, where: str) -> Manifest:
    """The manifest in `data` (read from `where`); BundleError when it is not a whole, valid one.

    Only call this on bytes whose signature was checked.
    """

    def refuse(why: str) -> BundleError:
        return BundleError(
            _("The bundle at {where} has an unusable manifest: {why}").format(where=shown(where), why=why)
        )

    try:
        raw = parse_json(data.decode("utf-8"))
    except (InputError, UnicodeDecodeError) as exc:
        raise refuse(str(exc)) from None
    if not isinstance(raw, dict):
        raise refuse(_("not a JSON object"))
    if raw.get("kind") != KIND:
        raise refuse(_("it does not describe a catalogue of this program"))
    if raw.get("format") != FORMAT:
        raise refuse(
            _("format {found}, but this program reads format {wanted}").format(
                found=excerpt(raw.get("format"), 20), wanted=FORMAT
            )
        )
    texts = ("version", "built_at", "content_digest", "sha256", "built_by", "published_at", "key_id", "file")
    numbers = ("schema_version", "size", "format")
    fields: dict[str, Any] = {}
    for name in texts:
        value = raw.get(name)
        if not isinstance(value, str) or len(value) > 200:
            raise refuse(_("{field} is missing or not text").format(field=name))
        fields[name] = value
    for name in numbers:
        value = raw.get(name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise refuse(_("{field} is missing or not a whole number").format(field=name))
        if value < 0:
            raise refuse(_("{field} is a negative number").format(field=name))
        if name == "size" and value > MAX_CATALOGUE_BYTES:
            raise refuse(
                _("size is over the limit of {limit:,} bytes (1 GiB) that a catalogue may have").format(
                    limit=MAX_CATALOGUE_BYTES
                )
            )
        if value > MAX_CATALOGUE_BYTES:
            raise refuse(_("{field} is far larger than any this program knows").format(field=name))
        fields[name] = value
    fields["kind"] = KIND
    manifest = Manifest(**fields)
    built_at = parse_time(manifest.built_at)
    digest = manifest.content_digest.removeprefix("sha256:")
    if built_at is None or not _HEX64.fullmatch(digest) or not _HEX64.fullmatch(manifest.sha256):
        raise refuse(_("its build time or digests are not written as they should be"))
    if manifest.version != Version(built_at, digest).name or manifest.file != CATALOGUE_NAME:
        raise refuse(_("its version or file name does not match the catalogue it describes"))
    return manifest


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The signature file's content for `data`: the Ed25519 signature in base64, one line."""
    return base64.b64encode(key.sign(data)) + b"\n"


def verify(data: bytes, signature: bytes | None, keys: list[Ed25519PublicKey], where: str) -> Manifest:
    """The manifest in `data`, once its signature is found to be by one of `keys`; BundleError if not."""
    from cryptography.exceptions import InvalidSignature

    place = shown(where)
    if signature is None or not signature.strip():
        raise BundleError(_("The bundle at {where} is not signed; it was refused").format(where=place))
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 64:
        raise BundleError(
            _("The bundle at {where} has a damaged signature file; it was refused").format(where=place)
        )
    for key in keys:
        try:
            key.verify(raw, data)
        except InvalidSignature:
            continue
        return parse_manifest(data, where)
    trusted = ", ".join(key_id(key) for key in keys)
    claimed = _claimed_key(data)
    if claimed and claimed not in {key_id(key) for key in keys}:
        raise BundleError(
            _(
                "The bundle at {where} is signed with key {found}, not one this program trusts ({trusted}); "
                "it was refused"
            ).format(where=place, found=claimed, trusted=trusted)
        )
    raise BundleError(
        _(
            "The bundle at {where} does not match its signature: it was changed or damaged after it was "
            "signed; it was refused"
        ).format(where=place)
    )


def _claimed_key(data: bytes) -> str | None:
    """The key id an unverified manifest names, only to word the refusal."""
    try:
        raw = parse_json(data.decode("utf-8"))
    except (InputError, UnicodeDecodeError):
        return None
    value = raw.get("key_id") if isinstance(raw, dict) else None
    return excerpt(value, 20) if isinstance(value, str) else None


def parse_index(data: bytes, where: str) -> str:
    """The version an index (latest.json) names; BundleError when it cannot be used."""
    try:
        raw = parse_json(data.decode("utf-8"))
    except (InputError, UnicodeDecodeError):
        raw = None
    version = raw.get("version") if isinstance(raw, dict) and raw.get("format") == FORMAT else None
    if not isinstance(version, str) or not is_version_name(version):
        raise BundleError(
            _("The index {where} does not name a catalogue bundle this program can read").format(
                where=shown(where)
            )
        )
    return version


def index_bytes(manifest: Manifest) -> bytes:
    """The content of latest.json for the newest bundle."""
    index = {
        "format": FORMAT,
        "version": manifest.version,
        "manifest": f"{manifest.version}/{MANIFEST_NAME}",
        "built_at": manifest.built_at,
        "schema_version": manifest.schema_version,
    }
    return (json.dumps(index, indent=2) + "\n").encode()
