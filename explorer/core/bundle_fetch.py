"""Where a catalogue bundle comes from: an http(s) address (urllib) or a folder (a USB stick).

`Origin` finds the bundle (through a published folder's latest.json, or a bundle's own folder),
reads its small files with a size limit, and downloads its catalogue into a temporary file with a
size limit, a timeout per network operation and a deadline for the whole, checking its size and
SHA-256 as it goes. Every problem is one BundleError line; nothing here touches the catalogue in use.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from explorer import __version__
from explorer.core.bundle_manifest import (
    INDEX_NAME,
    MANIFEST_NAME,
    MAX_SMALL_BYTES,
    BundleError,
    Manifest,
    parse_index,
    shown,
)
from explorer.core.i18n import _, ngettext
from explorer.core.limits import InputError, excerpt, read_limited
from explorer.core.os_words import os_reason

#: Seconds a network operation (connecting, each read) may take before the download is given up.
TIMEOUT = 30.0
#: Seconds a whole download may take.
DEADLINE = 15 * 60.0
_CHUNK = 1 << 16
#: A read that timed out this close to the deadline timed out because of it.
_SLACK = 0.05


def duration(seconds: float) -> str:
    """A length of time as a message says it: "15 minutes", "90 seconds", "0.5 seconds"."""
    if seconds >= 60 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    if seconds == int(seconds):
        whole = int(seconds)
        return ngettext("{count} second", "{count} seconds", whole).format(count=f"{whole:,}")
    return _("{count} seconds").format(count=f"{seconds:.1f}")


def _socket_of(stream: BinaryIO) -> socket.socket | None:
    """The socket an http.client response reads from (its buffered reader's raw SocketIO holds it),
    so each read's timeout can be cut to the time left; None for a file or another kind of stream."""
    raw = getattr(getattr(stream, "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


class Origin:
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
            if not os.path.lexists(path):
                raise BundleError(
                    _("No catalogue bundle at {source}: it does not exist").format(source=shown(path))
                )
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
        elif isinstance(reason, OSError) and (reason.strerror or reason.errno):
            why = os_reason(reason)
        else:
            why = excerpt(str(reason) or type(reason).__name__, 120)
        return BundleError(
            _("Cannot download {url}: {why}; the catalogue in use was not changed").format(
                url=shown(url), why=why
            )
        )

    def _chunks(self, stream: BinaryIO, where: str, limit: int) -> Iterator[bytes]:
        """The stream's bytes in chunks, refusing more than `limit` or a download over the deadline.

        Each read returns what has arrived (`read1`: one read of the socket, not a wait for a whole
        chunk), and waits at most until the deadline: a server that sends a byte now and then is
        given up at the deadline, not when it has sent a whole chunk.
        """
        deadline = time.monotonic() + DEADLINE
        read = getattr(stream, "read1", None) or stream.read
        sock = _socket_of(stream)
        total = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise self._too_slow(where)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.settimeout(min(TIMEOUT, left))
            try:
                chunk = read(_CHUNK)
            except (http.client.HTTPException, OSError, ValueError) as exc:
                if isinstance(exc, TimeoutError) and time.monotonic() >= deadline - _SLACK:
                    raise self._too_slow(where) from None
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
            if time.monotonic() > deadline:
                raise self._too_slow(where)
            yield chunk

    def _too_slow(self, where: str) -> BundleError:
        return BundleError(
            _("Downloading {what} took longer than {limit}; it was given up").format(
                what=shown(where), limit=duration(DEADLINE)
            )
        )

    @contextlib.contextmanager
    def stream(self, where: str) -> Iterator[BinaryIO]:
        """The catalogue file, open for reading."""
        if self.path is not None:
            try:
                handle = open(where, "rb")  # noqa: SIM115
            except OSError as exc:
                raise BundleError(
                    _("Cannot read {path}: {why}").format(path=shown(where), why=os_reason(exc))
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
                    write_all(fd, chunk)
                except OSError as exc:
                    raise BundleError(
                        _(
                            "Cannot save the download in {path}: {why}; the catalogue in use was not changed"
                        ).format(path=shown(into.parent), why=os_reason(exc))
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
                    path=shown(into.parent), why=os_reason(exc)
                )
            ) from None


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
