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
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import secrets
import sqlite3
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from explorer import __version__
from explorer.core import textnorm
from explorer.core.catalogue_file import (
    BUILT_BY_PREFIX,
    DIGEST_KEY,
    READ_ERRORS,
    SQLITE_HEADER,
    connect_read_only,
    content_digest,
    is_ours,
)
from explorer.core.errors import CatalogueError, SourceError
from explorer.core.limits import excerpt, file_kind
from explorer.core.schema import SCHEMA_VERSION, create_schema
from explorer.core.schema_version import APPLICATION_ID
from explorer.core.sources import SourceSet, check_quotes, load_sources

#: Temporary catalogues are named TEMP_PREFIX + random + TEMP_SUFFIX, beside the target.
TEMP_PREFIX = ".services-"
TEMP_SUFFIX = ".tmp"
#: What SQLite may leave beside a database: its rollback journal, write-ahead log and shared memory.
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")
#: The mode of a new catalogue before the umask (what SQLite gives the files it creates).
CATALOGUE_MODE = 0o644


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


def _j(value: Any) -> str | None:
    """JSON for a text table or list; None stays NULL."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


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
        raise CatalogueError(f"Cannot write the catalogue {output}: {exc}") from exc
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
        raise CatalogueError(f"Cannot write the catalogue in {folder}: {_reason(exc)}") from exc
    removed = remove_leftovers(folder)
    with _temporary(folder) as temp:
        try:
            counts = write_catalogue(temp, sources)
            # Imported here: the checker reads catalogues, and reading imports nothing from building.
            from explorer.core.check import check_catalogue_file

            problems = check_catalogue_file(temp)
            if problems:
                raise CatalogueError(f"The new catalogue failed its check: {problems[0]}")
            _install(temp, output, force)
        except (sqlite3.Error, OSError) as exc:
            raise CatalogueError(f"Cannot write the catalogue {output}: {_reason(exc)}") from exc
    return BuildResult(
        path=output,
        services=counts["services"],
        actions=counts["actions"],
        sources=counts["sources"],
        seconds=time.perf_counter() - started,
        warnings=warnings,
        removed=removed,
    )


def _reason(exc: BaseException) -> str:
    """Why writing failed, in a few words."""
    if isinstance(exc, sqlite3.Error) and "disk is full" in str(exc):
        return "the disk is full"
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "the disk is full"
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


# --- what may be replaced ----------------------------------------------------------------------


def check_target(output: Path, force: bool = False) -> None:
    """Refuse, with CatalogueError, to replace anything at `output` but a catalogue of this program.

    Nothing there, or one of our catalogues of this or an older schema version, may be replaced.
    With `force`, so may one of ours of a newer schema version, or one whose header carries our
    application id but whose `meta` table cannot be read. Never, even with `force`: a symbolic
    link, a folder, a device, a FIFO, a socket, an empty or text file, another program's database.
    The check uses `os.lstat` and opens nothing that is not a regular file.
    """
    try:
        info = os.lstat(output)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise CatalogueError(f"Cannot write the catalogue {output}: {_reason(exc)}") from exc
    refuse = "refusing to replace it (remove it first or choose another file)"
    kind = file_kind(info.st_mode)
    if kind is not None:
        raise CatalogueError(f"{output} is {kind}, not a catalogue; {refuse}")
    header = _read_header(output, info)
    if not header:
        raise CatalogueError(f"{output} is an empty file, not a catalogue; {refuse}")
    if not header.startswith(SQLITE_HEADER):
        raise CatalogueError(f"{output} is not a catalogue (it is not an SQLite database); {refuse}")
    ours_by_header = len(header) >= 72 and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    meta, unreadable = _meta_of(output)
    if meta is not None and is_ours(meta):
        version = meta.get("schema_version", "")
        if force or (version.isdigit() and int(version) <= SCHEMA_VERSION):
            return
        raise CatalogueError(
            f"{output} is a catalogue of schema version {excerpt(version, 20)}, made by a newer "
            "program; replace it only with `explorer db build --force`"
        )
    if ours_by_header:
        if force:
            return
        why = unreadable or "its meta table does not say who built it"
        raise CatalogueError(
            f"{output} is a damaged catalogue of this program ({why}); "
            "replace it with `explorer db build --force`"
        )
    if meta is None:
        raise CatalogueError(
            f"{output} is an SQLite file that cannot be read ({unreadable}), not a catalogue known "
            f"to be built by this program; {refuse}"
        )
    raise CatalogueError(f"{output} is another program's SQLite database, not a catalogue; {refuse}")


def _meta_of(path: Path) -> tuple[dict[str, str] | None, str]:
    """The meta table of the SQLite file at `path` (read-only), or None and why it cannot be read."""
    try:
        conn = connect_read_only(path)
    except CatalogueError as exc:
        return None, exc.message
    try:
        rows = conn.execute("SELECT key, value FROM meta").fetchall()
        return {str(key): str(value) for key, value in rows}, ""
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("no such table"):
            return {}, ""  # a readable database without a meta table: not a catalogue
        return None, excerpt(str(exc), 120)
    except READ_ERRORS as exc:
        return None, excerpt(str(exc) or type(exc).__name__, 120)
    finally:
        conn.close()


def _read_header(path: Path, info: os.stat_result) -> bytes:
    """The first 100 bytes of the regular file at `path`, which must still be the file `info` describes."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise CatalogueError(f"Cannot read {path} to see what it is: {_reason(exc)}") from exc
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(now.st_mode):
            raise CatalogueError(f"{path} changed while it was being looked at; try again")
        return os.pread(fd, 100, 0)
    except OSError as exc:
        raise CatalogueError(f"Cannot read {path} to see what it is: {_reason(exc)}") from exc
    finally:
        os.close(fd)


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


# --- temporary files and leftovers -------------------------------------------------------------


@contextlib.contextmanager
def _temporary(folder: Path) -> Iterator[Path]:
    """A new, empty temporary catalogue file in `folder`, locked (flock) for as long as it is used,
    and removed with its SQLite journals however the block ends."""
    fd, path = _create_locked(folder)
    try:
        yield path
    finally:
        try:
            with contextlib.suppress(OSError):
                _remove_with_sidecars(path)
        finally:
            os.close(fd)


def _create_locked(folder: Path) -> tuple[int, Path]:
    """Create a new temporary file in `folder` (mode 0644 less the umask) and take its lock."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _attempt in range(100):
        path = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            fd = os.open(path, flags, CATALOGUE_MODE)
        except FileExistsError:
            continue
        except OSError as exc:
            raise CatalogueError(f"Cannot write the catalogue in {folder}: {_reason(exc)}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(path, fd):
                return fd, path
        except OSError:
            pass
        # Another build took it for a leftover between its creation and its lock: make another.
        os.close(fd)
    raise CatalogueError(f"Cannot make a temporary file in {folder}")


def _same_file(path: Path, fd: int) -> bool:
    """Whether `path` still names the file open as `fd`."""
    try:
        named = os.lstat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _remove_with_sidecars(path: Path) -> None:
    for name in (path.name, *(path.name + suffix for suffix in SQLITE_SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path.parent / name)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary catalogues of killed builds in `folder`; return what was removed.

    A temporary file is removed (with its SQLite journals) only if its lock can be taken, that is,
    no build is still writing it; a journal is removed only once its database is gone. Anything
    that is not a regular file, or cannot be removed, is left alone.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    removed: list[Path] = []
    for name in names:
        if (
            name.startswith(TEMP_PREFIX)
            and name.endswith(TEMP_SUFFIX)
            and _remove_if_abandoned(folder / name)
        ):
            removed.append(folder / name)
    for name in names:
        for suffix in SQLITE_SIDECARS:
            if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX + suffix)):
                continue
            path = folder / name
            if os.path.lexists(folder / name[: -len(suffix)]):
                continue
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)
                    removed.append(path)
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a build is writing it
        if not _same_file(path, fd):
            return False
        try:
            _remove_with_sidecars(path)
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


# --- writing -------------------------------------------------------------------------------------


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
            _write_reference(db, sources)
            _write_strategy(db, sources)
            _write_services(db, sources)
            db["parameters"].insert_all(
                {"name": name, "value": _j(value)} for name, value in sources.parameters.items()
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


def _write_reference(db: Database, sources: SourceSet) -> None:
    db["documents"].insert_all(
        {"id": d["id"], "year": d["year"], "title": _j(d["title"]), "kind": "seed"} for d in sources.documents
    )
    db["tiles"].insert_all(
        {"id": t["id"], "label": _j(t["label"]), "position": i} for i, t in enumerate(sources.tiles)
    )
    db["categories"].insert_all(
        {"id": c["id"], "label": _j(c["label"]), "easy_tile": c.get("easy_tile"), "position": i}
        for i, c in enumerate(sources.categories)
    )
    db["audiences"].insert_all(
        {"id": a["id"], "label": _j(a["label"]), "position": i} for i, a in enumerate(sources.audiences)
    )
    for channel in sources.channels:
        db["channels"].insert(
            {
                "id": channel["id"],
                "kind": channel["kind"],
                "value": channel.get("value"),
                "name": _j(channel["name"]),
                "description": _j(channel["description"]),
            }
        )
        _write_sources(db, "channel", channel["id"], channel["sources"])


def _write_sources(db: Database, owner_type: str, owner_id: Any, items: list[dict[str, str]]) -> None:
    db["sources"].insert_all(
        {
            "owner_type": owner_type,
            "owner_id": str(owner_id),
            "position": i,
            "document": s["document"],
            "section": s["section"],
            "quote": s["quote"],
        }
        for i, s in enumerate(items)
    )


def _write_strategy(db: Database, sources: SourceSet) -> None:
    for goal in sources.goals:
        db["goals"].insert(
            {
                "number": goal["number"],
                "name": _j(goal["name"]),
                "description": _j(goal.get("description")),
            }
        )
        _write_sources(db, "goal", goal["number"], goal["sources"])
    for program in sources.programs:
        db["programs"].insert(
            {
                "number": program["number"],
                "goal": program["goal"],
                "name": _j(program["name"]),
                "description": _j(program.get("description")),
            }
        )
        _write_sources(db, "program", program["number"], program["sources"])
        for position, action in enumerate(program["actions"]):
            period = action.get("period") or {}
            db["actions"].insert(
                {
                    "id": action["id"],
                    "program": program["number"],
                    "kind": action["kind"],
                    "number": action.get("number"),
                    "position": position,
                    "name": _j(action["name"]),
                    "period_start": period.get("start"),
                    "period_end": period.get("end"),
                    "budget_krw": action.get("budget_krw"),
                    "budget_text": action.get("budget_text"),
                    "shocks_stresses": _j(action.get("shocks_stresses")),
                    "resilience_goal": _j(action.get("resilience_goal")),
                    "explanation": _j(action.get("explanation")),
                    "departments": _j(action.get("departments", [])),
                    "partners": _j(action.get("partners", [])),
                    "initiatives": _j(action.get("initiatives", [])),
                    "notes": _j(action.get("notes", [])),
                }
            )
            _write_sources(db, "action", action["id"], action["sources"])


_TEXT_FIELDS = ("name", "summary", "description", "eligibility", "benefits", "how_to_apply", "fees")


def _write_services(db: Database, sources: SourceSet) -> None:
    ordered = sorted(sources.services, key=lambda s: (_name_today(s)["ko"], s["id"]))
    for position, service in enumerate(ordered):
        row: dict[str, Any] = {
            "id": service["id"],
            "position": position,
            "status": service["status"],
            "as_of": service["as_of"],
            "start_year": service.get("start_year"),
            "end_year": service.get("end_year"),
            "outside_strategy": int(service.get("outside_strategy", False)),
            "alt_names": _j(service.get("alt_names", {})),
            "keywords": _j(service["keywords"]),
            "notes": _j(service.get("notes", [])),
        }
        row.update({key: _j(service.get(key)) for key in _TEXT_FIELDS})
        row["name"] = _j(_name_today(service))
        row["seed_name"] = _j(service["name"])
        db["services"].insert(row)
    _write_vocabulary(db, ordered)
    # Links are written once every service exists, so `related` can point forwards.
    for service in ordered:
        sid = service["id"]
        for table, key, column in (
            ("service_categories", "categories", "category_id"),
            ("service_audiences", "audiences", "audience_id"),
            ("service_actions", "actions", "action_id"),
            ("service_channels", "channels", "channel_id"),
            ("service_related", "related", "related_id"),
        ):
            db[table].insert_all(
                {"service_id": sid, column: ref, "position": i} for i, ref in enumerate(service.get(key, []))
            )
        for table, key in (("required_documents", "documents"), ("schedules", "schedules")):
            db[table].insert_all(
                {"service_id": sid, "position": i, "text": _j(text)}
                for i, text in enumerate(service.get(key, []))
            )
        db["contacts"].insert_all(
            {
                "service_id": sid,
                "position": i,
                "kind": c["kind"],
                "value": c["value"],
                "label": _j(c["label"]),
                "source": _j(c["source"]),
            }
            for i, c in enumerate(service.get("contacts", []))
        )
        db["figures"].insert_all(
            {
                "service_id": sid,
                "position": i,
                "value": f["value"],
                "label": _j(f["label"]),
                "source": _j(f["source"]),
            }
            for i, f in enumerate(service.get("figures", []))
        )
        _write_sources(db, "service", sid, service["sources"])
        _write_current(db, sid, service.get("current"))
        if service.get("screening"):
            db["screening"].insert({"service_id": sid, "paths": _j(service["screening"])})
        _write_fts(db, service)
        _write_search(db, service)


def _name_today(service: dict[str, Any]) -> dict[str, str]:
    """The name a service goes by today: its current name where it changed, else the seeds' name."""
    current = (service.get("current") or {}).get("name")
    return {**service["name"], **current} if current else service["name"]


def outside_document_id(url: str) -> str:
    """The id of an outside source as a document: "outside:" and a short hash of its link."""
    return "outside:" + hashlib.sha256(url.encode()).hexdigest()[:16]


def _write_current(db: Database, sid: str, current: dict[str, Any] | None) -> None:
    """The service's state today, and each outside source as a document of kind "outside"."""
    if current is None:
        return
    db["current_state"].insert(
        {
            "service_id": sid,
            "state": current["state"],
            "checked": current["checked"],
            "since": current.get("since"),
            "name": _j(current.get("name")),
            "alt_names": _j(current.get("alt_names", {})),
            "facts": _j(current.get("facts", [])),
        }
    )
    for fact in current.get("facts", []):
        source = fact["source"]
        db["documents"].insert(
            {
                "id": outside_document_id(source["url"]),
                "year": int(source["published"][:4]),
                "title": _j({"ko": source["title"], "en": source["title"]}),
                "kind": "outside",
                "publisher": source["publisher"],
                "published": source["published"],
                "url": source["url"],
            },
            ignore=True,
        )


def _current_names(service: dict[str, Any], lang: str | None = None) -> list[str]:
    """The names a service goes by today, in `lang` or all languages (searchable beside its seed names)."""
    current = service.get("current") or {}
    names = [v for k, v in (current.get("name") or {}).items() if lang in (None, k)]
    for k, words in (current.get("alt_names") or {}).items():
        if lang in (None, k):
            names.extend(words)
    return names


def _write_search(db: Database, service: dict[str, Any]) -> None:
    """One row of the Korean-aware index (see explorer.core.textnorm)."""
    names = list(service["name"].values())
    for words in service.get("alt_names", {}).values():
        names.extend(words)
    names.extend(_current_names(service))
    keywords = [w for words in service["keywords"].values() for w in words]
    body = list(service["summary"].values()) + list(service["description"].values())
    korean = [
        service["name"].get("ko", ""),
        *service.get("alt_names", {}).get("ko", []),
        *_current_names(service, "ko"),
    ]
    db.execute(
        "INSERT INTO search_fts(service_id, names, keywords, body, cho, roman, jamo)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            service["id"],
            textnorm.gram_tokens(names),
            textnorm.gram_tokens(keywords),
            textnorm.gram_tokens(body, phrases=False),
            textnorm.choseong_tokens(korean + service["keywords"].get("ko", [])),
            textnorm.roman_tokens(korean),
            textnorm.jamo_tokens(korean + service["keywords"].get("ko", [])),
        ],
    )
    entries = [textnorm.search_entry("name", lang, text) for lang, text in service["name"].items()]
    entries += [
        textnorm.search_entry("name", lang, text)
        for lang, texts in service.get("alt_names", {}).items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("name", lang, text)
        for lang in ("ko", "en")
        for text in _current_names(service, lang)
    ]
    entries += [
        textnorm.search_entry("keyword", lang, text)
        for lang, texts in service["keywords"].items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("text", lang, text)
        for key in ("summary", "description")
        for lang, text in service[key].items()
    ]
    db["search_docs"].insert({"service_id": service["id"], "entries": _j(entries)})


def _write_vocabulary(db: Database, services: list[dict[str, Any]]) -> None:
    """Every distinct Hangul word of the names and keywords, with its jamo trigrams."""
    vocabulary: set[str] = set()
    for service in services:
        texts = [service["name"].get("ko", ""), *service.get("alt_names", {}).get("ko", [])]
        texts += service["keywords"].get("ko", []) + _current_names(service)
        for text in texts:
            vocabulary.update(
                w for w in textnorm.words(textnorm.normalise(text)) if textnorm.is_korean(w) and len(w) > 1
            )
    db.conn.executemany(
        "INSERT INTO search_vocab(word, jamo) VALUES (?, ?)",
        [(word, " ".join(textnorm.jamo_trigrams(word))) for word in sorted(vocabulary)],
    )


def _write_fts(db: Database, service: dict[str, Any]) -> None:
    languages = set(service["name"]) | set(service["summary"])
    for lang in sorted(languages):
        db.execute(
            "INSERT INTO services_fts(service_id, lang, name, alt_names, keywords, summary, description)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                service["id"],
                lang,
                service["name"].get(lang, ""),
                " | ".join([*service.get("alt_names", {}).get(lang, []), *_current_names(service, lang)]),
                " | ".join(service["keywords"].get(lang, [])),
                service["summary"].get(lang, ""),
                service["description"].get(lang, ""),
            ],
        )
