"""What the catalogue-bundle tests share: a local web server, an address where nothing listens, and
a newer catalogue in which a person can see the change (Zero-Pay's English name)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

from explorer.core.build import build_catalogue
from explorer.core.paths import Paths

#: Zero-Pay's English name in the changed catalogue.
NEW_NAME = "Zero-Pay (updated)"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Python's static file handler, without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type = QuietHandler, path: str = "") -> Iterator[str]:
    """A static web server on 127.0.0.1 (a free port) serving `folder`; yields its address (with
    `path` after it)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    # Polled every 20 ms (not Python's 0.5 s): `shutdown` waits for the next poll, once per test.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{path}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_address() -> str:
    """An address on this machine where nothing listens (a port bound, then let go)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def build_changed_catalogue(repo_paths: Paths, work: Path) -> Path:
    """The real sources with Zero-Pay's English name changed to NEW_NAME, built in `work`."""
    shutil.copytree(repo_paths.sources, work / "db")
    service = work / "db" / "services" / "zero-pay.toml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace('en = "Zero-Pay"', f'en = "{NEW_NAME}"', 1), encoding="utf-8")
    build_catalogue(work / "db", work / "services.db", repo_paths.seeds)
    return work / "services.db"
