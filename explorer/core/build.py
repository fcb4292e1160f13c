"""Build the SQLite catalogue from the TOML sources (`explorer db build`).

The build writes to a temporary file beside the target, checks it, and only then renames it over
the target, so a good catalogue is never replaced by a bad one. It never destroys anything else:

- Only a catalogue this program built is ever replaced (`check_target`): never a symbolic link (nor
  the file it points to), a folder, a device, a FIFO, a text file, an empty file or another
  program's SQLite database. `force` allows replacing one of our catalogues that a plain build
  leaves alone (one made by a newer program, or damaged so that its `meta` table cannot be read).
- The temporary file (`.services-*.tmp`) is removed on every failure path. While a build writes
  it, it holds an exclusive `flock` on it; a build removes the leftovers of killed builds (and
  their SQLite journals) whose lock it can take, never the file of a build still running.
- Any SQLite or file-system error while writing (a full disk included) is one `CatalogueError`.
- The finished catalogue is readable by others (mode 0644 less the umask), like any file SQLite
  makes, and carries the digest of its content in `meta` (see explorer.core.catalog).

This module holds the entry points (`build_catalogue`, `write_catalogue`) and the order of the
steps; the steps live beside it: what may be replaced (explorer.core.build_target), the temporary
file and leftovers (build_temporary), the reference and strategy rows (build_records), the
services and their links (build_services) and the search indexes (build_search).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from explorer import __version__
from explorer.core.build_records import Rows, json_text, write_reference, write_strategy
from explorer.core.build_search import write_vocabulary as _write_vocabulary
from explorer.core.build_services import write_service_links, write_service_rows
from explorer.core.build_target import cannot_write, check_target
from explorer.core.build_temporary import remove_leftovers, temporary
from explorer.core.catalogue_file import BUILT_BY_PREFIX, DIGEST_KEY, content_digest
from explorer.core.errors import CatalogueError, SourceError
from explorer.core.i18n import _
from explorer.core.schema import SCHEMA_VERSION, create_schema
from explorer.core.sources import SourceSet, check_quotes, load_sources

__all__ = ["BuildResult", "build_catalogue", "check_target", "remove_leftovers", "write_catalogue"]


@dataclass
class BuildResult:
    """What a build made and how long it took."""

    path: Path
    services: int
    actions: int
    sources: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    #: Leftover temporary files of earlier, killed builds that this build removed.
    removed: list[Path] = field(default_factory=list)


def build_catalogue(
    source_dir: Path, output: Path, seeds_dir: Path | None = None, force: bool = False
) -> BuildResult:
    """Validate the sources, write the catalogue to `output` atomically and return a summary.

    Raises SourceError when the sources are invalid (including quotes not found in the seeds,
    when `seeds_dir` exists) and CatalogueError when the file cannot be written, or when something
    other than a catalogue of this program is at `output` (see `check_target`; `force` allows
    replacing one of our catalogues of a newer schema version or with an unreadable `meta`).
    """
    started = time.perf_counter()
    # The folder is resolved, never the file: a symbolic link at `output` is refused, not followed.
    try:
        output = Path(output).parent.resolve() / Path(output).name
    except (OSError, RuntimeError) as exc:
        raise CatalogueError(cannot_write(output, exc)) from exc
    check_target(output, force)
    sources = load_sources(source_dir)
    warnings: list[str] = []
    if seeds_dir is not None and seeds_dir.is_dir():
        problems = check_quotes(sources, seeds_dir)
        if problems:
            raise SourceError(problems)
    else:
        warnings.append(f"seed documents not found at {seeds_dir}; quotes were not verified")

    folder = output.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CatalogueError(cannot_write(folder, exc, folder=True)) from exc
    removed = remove_leftovers(folder)
    with temporary(folder) as temp:
        try:
            counts = write_catalogue(temp, sources)
            # Imported here: the checker reads catalogues, and reading imports nothing from building.
            from explorer.core.check import check_catalogue_file

            problems = check_catalogue_file(temp)
            if problems:
                raise CatalogueError(
                    _("The new catalogue failed its check: {problem}").format(problem=problems[0])
                )
            _install(temp, output, force)
        except (sqlite3.Error, OSError) as exc:
            raise CatalogueError(cannot_write(output, exc)) from exc
    return BuildResult(
        path=output,
        services=counts["services"],
        actions=counts["actions"],
        sources=counts["sources"],
        seconds=time.perf_counter() - started,
        warnings=warnings,
        removed=removed,
    )


def _install(temp: Path, output: Path, force: bool) -> None:
    """Put the finished catalogue `temp` at `output`, checking once more what is there first.

    Where nothing is, a hard link puts it there only if nothing appeared meanwhile; else (or where
    the file system has no hard links) it is renamed over the catalogue it replaces. Then the
    folder is synced, so the new name survives a power cut.
    """
    check_target(output, force)
    placed = False
    if not os.path.lexists(output):
        try:
            os.link(temp, output, follow_symlinks=False)
            placed = True
        except FileExistsError:
            check_target(output, force)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.EXDEV):
                raise
    if not placed:
        os.replace(temp, output)
    with contextlib.suppress(OSError):
        fd = os.open(output.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_catalogue(path: Path, sources: SourceSet, max_pages: int | None = None) -> dict[str, int]:
    """Write `sources` (already validated) into a new SQLite file at `path`; return row counts.

    `build_catalogue` is the safe way in (validation, quotes, atomic rename); this is the step it
    uses, open for benchmarks that write generated catalogues. The rollback journal is kept in
    memory (the file is thrown away if anything fails), so a killed build leaves no journal.
    `max_pages` caps the file's size in pages (`PRAGMA max_page_count`), which tests use to make
    the disk look full.
    """
    db = Database(path)
    try:
        db.execute("PRAGMA journal_mode = MEMORY")
        if max_pages is not None:
            db.execute(f"PRAGMA max_page_count = {int(max_pages)}")
        create_schema(db)
        with db.atomic():
            rows = Rows()
            write_reference(rows, sources)
            write_strategy(rows, sources)
            services = write_service_rows(rows, sources)
            rows.write(db)
            # Called by this module's name, between the services and their links, so that a build
            # can be made to fail (or wait) in the middle of writing (tests replace it).
            _write_vocabulary(db, services)
            # Links are written once every service exists, so `related` can point forwards.
            write_service_links(db, services)
            db["parameters"].insert_all(
                {"name": name, "value": json_text(value)} for name, value in sources.parameters.items()
            )
            db["meta"].insert_all(
                [
                    {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                    {"key": "sources_digest", "value": sources.digest},
                    {"key": "built_at", "value": datetime.now(UTC).isoformat()},
                    {"key": "built_by", "value": f"{BUILT_BY_PREFIX}{__version__}"},
                ]
            )
        db.execute("INSERT INTO services_fts(services_fts) VALUES ('optimize')")
        db.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        db.vacuum()
        # Last: the digest of everything above, as it now stands in the file.
        with db.conn:
            db.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)", (DIGEST_KEY, content_digest(db.conn))
            )
        return {
            "services": db["services"].count,
            "actions": db["actions"].count,
            "sources": db["sources"].count,
        }
    finally:
        db.close()
