"""Keep the catalogue in step with its sources: build it when missing, rebuild it when they change."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.catalogue_file import DIGEST_KEY, connect_read_only, read_meta
from explorer.core.paths import Paths
from explorer.core.schema_version import SCHEMA_VERSION

if TYPE_CHECKING:
    from explorer.core.build import BuildResult


@dataclass
class Opened:
    """An open catalogue and, when it had to be (re)built first, what the build did."""

    catalogue: Catalogue
    build: BuildResult | None


def needs_build(paths: Paths) -> bool:
    """True when the catalogue is missing or was built from other sources than those in db/.

    A catalogue of an older schema version (made before the program was updated) is rebuilt too,
    and so is one built before catalogues carried the digest of their content. A damaged file, or
    one of a newer schema version (made by a newer program), is not rebuilt silently: opening it
    raises CatalogueError with a clear message instead.
    """
    if not paths.has_sources or not paths.managed:
        return False
    if not paths.catalogue.exists():
        return True
    conn = connect_read_only(paths.catalogue)
    try:
        meta = read_meta(conn, paths.catalogue)
    finally:
        conn.close()
    version = meta.get("schema_version", "")
    if version.isdigit() and int(version) < SCHEMA_VERSION:
        return True
    if DIGEST_KEY not in meta:
        return True
    from explorer.core.source_digest import sources_digest  # hashlib: only where there are sources

    return meta.get("sources_digest") != sources_digest(paths.sources)


def ensure_catalogue(paths: Paths) -> Opened:
    """Build the catalogue if it is missing or stale, then open it read-only."""
    build = None
    if needs_build(paths):
        # Imported only when a build is due: sqlite-utils is for building, and slow to import.
        from explorer.core.build import build_catalogue

        build = build_catalogue(paths.sources, paths.catalogue, paths.seeds)
    return Opened(open_catalogue(paths.catalogue), build)


class Opening:
    """`ensure_catalogue(paths)` on a thread of its own, started at once; `result()` waits for it.

    The program starts it as soon as the interface language is set and loads its window's modules
    meanwhile: SQLite's check of every page (most of the opening, done in C without holding Python's
    lock) then costs the start-up nothing. Whatever ensure_catalogue raises, `result()` raises in
    the caller's thread, worded in the language active when the opening started.
    """

    def __init__(self, paths: Paths) -> None:
        self._opened: Opened | None = None
        self._error: Exception | None = None
        self._thread = threading.Thread(
            target=self._open, args=(paths,), name="catalogue-opening", daemon=True
        )
        self._thread.start()

    def _open(self, paths: Paths) -> None:
        try:
            self._opened = ensure_catalogue(paths)
        except Exception as exc:  # handed to the caller of result(), in its thread
            self._error = exc

    def result(self) -> Opened:
        """The opened catalogue, once the thread has finished; raises what opening it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._opened is not None
        return self._opened
