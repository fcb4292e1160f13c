"""The catalogue file itself: opening it read-only, its meta, SQLite's checks and its content digest.

`connect_read_only` refuses, with a one-line `CatalogueError`, anything that is not a whole catalogue
of this program's schema version: a missing, empty, truncated or random file, another version. SQLite's
whole error family and undecodable stored text become that same kind of message (`damaged`).

`content_digest` is the digest of everything a catalogue serves; the build stores it in `meta` and
`explorer db check` verifies it (explorer.core.check). `Catalogue` (explorer.core.catalog) reads
services through a connection opened here.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from explorer.core.errors import CatalogueError
from explorer.core.i18n import _
from explorer.core.limits import excerpt, file_kind
from explorer.core.os_words import os_reason
from explorer.core.schema_version import SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
#: What to do about a damaged or outdated catalogue (worded when said: `rebuild_hint()`).
REBUILD_HINT = "rebuild it with `explorer db build`"


def rebuild_hint() -> str:
    """REBUILD_HINT in the active language."""
    return _("rebuild it with `explorer db build`")


#: The meta key that holds `content_digest` of the catalogue as built.
DIGEST_KEY = "content_digest"
#: What `built_by` in meta starts with in a catalogue this program built.
BUILT_BY_PREFIX = "explorer "
#: What can go wrong reading a damaged file: SQLite's whole error family, stored text that is not
#: UTF-8 or not JSON (both ValueError), and JSON nested too deeply to decode.
READ_ERRORS = (sqlite3.Error, ValueError, RecursionError)
#: The columns of a service's parts (contacts, figures, documents, schedules) that hold JSON.
JSON_PARTS = ("text", "label", "source")
#: The longest excerpt of SQLite's own words a message quotes.
_DETAIL_CHARS = 120


def damaged(path: Path, reason: BaseException | str) -> CatalogueError:
    """The one-line error for a catalogue that cannot be read as it should: why, and what to do."""
    detail = reason if isinstance(reason, str) else (str(reason) or type(reason).__name__)
    return CatalogueError(
        _("The catalogue {path} is damaged ({detail}); {hint}").format(
            path=path, detail=excerpt(detail, _DETAIL_CHARS), hint=rebuild_hint()
        )
    )


def loads_stored(value: str | None, path: Path) -> Any:
    """A JSON value stored in the catalogue at `path` (None stays None); CatalogueError when the
    stored text is not valid JSON."""
    if not value:
        return None
    try:
        return json.loads(value)
    except (ValueError, RecursionError) as exc:
        raise damaged(path, f"a stored value is not valid JSON: {exc}") from None


def connect_read_only(path: Path) -> sqlite3.Connection:
    """An SQLite connection that cannot write to `path`, after checking the file looks like SQLite.

    Only a regular file is opened (a FIFO or device would block or never end).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise CatalogueError(
            _("The catalogue {path} does not exist; build it with `explorer db build`").format(path=path)
        ) from None
    except OSError as exc:
        raise CatalogueError(
            _("The catalogue {path} cannot be read: {why}").format(path=path, why=os_reason(exc))
        ) from exc
    kind = file_kind(info.st_mode)
    if kind is not None:
        raise CatalogueError(
            _("The catalogue {path} is {kind}, not a catalogue file").format(path=path, kind=kind)
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise CatalogueError(
            _("The catalogue {path} cannot be read: {why}").format(path=path, why=os_reason(exc))
        ) from exc
    if header != SQLITE_HEADER:
        if not header:
            message = _("The catalogue {path} is empty; {hint}")
        else:
            message = _("The catalogue {path} is not an SQLite database; {hint}")
        raise CatalogueError(message.format(path=path, hint=rebuild_hint()))
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except READ_ERRORS as exc:
        raise CatalogueError(
            _("The catalogue {path} cannot be opened ({detail}); {hint}").format(
                path=path, detail=excerpt(str(exc), _DETAIL_CHARS), hint=rebuild_hint()
            )
        ) from exc
    try:
        conn.execute("PRAGMA query_only = ON")
    except READ_ERRORS as exc:
        conn.close()
        raise damaged(path, exc) from exc
    return conn


def read_meta(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
    """The catalogue's meta table, or CatalogueError when the file is damaged or not a catalogue."""
    try:
        rows = conn.execute("SELECT key, value FROM meta").fetchall()
    except READ_ERRORS as exc:
        detail = excerpt(str(exc) or type(exc).__name__, _DETAIL_CHARS)
        raise CatalogueError(
            _("The catalogue {path} is damaged or not a catalogue ({detail}); {hint}").format(
                path=path, detail=detail, hint=rebuild_hint()
            )
        ) from exc
    return {str(key): str(value) for key, value in rows}


def is_ours(meta: dict[str, str]) -> bool:
    """Whether a meta table is that of a catalogue this program built (any schema version)."""
    return "schema_version" in meta and meta.get("built_by", "").startswith(BUILT_BY_PREFIX)


def check_version(meta: dict[str, str], path: Path) -> None:
    version = meta.get("schema_version")
    if version != str(SCHEMA_VERSION):
        raise CatalogueError(
            _(
                "The catalogue {path} has schema version {found}, but this program reads version"
                " {wanted}; {hint}"
            ).format(
                path=path, found=excerpt(version or "none", 20), wanted=SCHEMA_VERSION, hint=rebuild_hint()
            )
        )


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's `PRAGMA quick_check` (every page's structure; a few ms on the real catalogue) and a
    look at each search index (its module and settings are read when it is first used);
    CatalogueError when either finds damage."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        if rows != [("ok",)]:
            raise damaged(path, str(rows[0][0]) if rows else "quick_check gave no answer")
        for name in virtual_tables(conn):
            conn.execute(f"SELECT rowid FROM {_quoted(name)} LIMIT 0").fetchall()
    except READ_ERRORS as exc:
        raise damaged(path, exc) from exc


def virtual_tables(conn: sqlite3.Connection) -> list[str]:
    """The names of the catalogue's virtual tables (its FTS5 search indexes)."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
        " ORDER BY name"
    ).fetchall()
    return [row[0] for row in rows]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- the content digest ---------------------------------------------------------------------------


def content_digest(conn: sqlite3.Connection) -> str:
    """The SHA-256 of everything the catalogue holds, as SQLite reads it ("sha256:" and hex).

    Covered: the schema (each object's type, name, table and SQL) and every row of every ordinary
    table, the full-text indexes' shadow tables included (their content and index as stored), in a
    fixed order (tables by name, rows by all their columns). Left out: the virtual tables themselves
    (they read their shadow tables, already covered), SQLite's own tables, and the digest's own row
    in `meta`. Text is hashed as its stored bytes, so one changed byte changes the digest; values
    keep their type (text, blob, integer, real, null). It sets the connection's text_factory while
    it runs: give it a connection no other thread is using.
    """
    previous = conn.text_factory
    conn.text_factory = _Text
    try:
        import hashlib  # only for the digest (db check, builds): not at every start

        digest = hashlib.sha256()
        schema = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name, tbl_name"
        ).fetchall()
        _feed(digest, b"schema", schema)
        for kind, name, _table, sql in schema:
            if kind != b"table" or name.startswith(b"sqlite_"):
                continue
            if sql is not None and sql.upper().startswith(b"CREATE VIRTUAL TABLE"):
                continue
            table = _quoted(name.decode("utf-8"))
            cursor = conn.execute(f"SELECT * FROM {table} LIMIT 0")
            order = ", ".join(str(i + 1) for i in range(len(cursor.description)))
            rows: Iterable[tuple[Any, ...]] = conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
            if name == b"meta":
                rows = (row for row in rows if row[0] != DIGEST_KEY.encode())
            _feed(digest, bytes(name), rows)
        return "sha256:" + digest.hexdigest()
    finally:
        conn.text_factory = previous


class _Text(bytes):
    """A text value as its stored bytes, told apart from a blob (plain bytes)."""

    __slots__ = ()


def _feed(digest: Any, label: bytes, rows: Iterable[tuple[Any, ...]]) -> None:
    """Each row as "R<n>" and its values, each marked with its type and length; given to the digest
    a few thousand pieces at a time (the same bytes as one row at a time, in a fraction of the time)."""
    digest.update(b"T%d:%s" % (len(label), label))
    pieces: list[bytes] = []
    add = pieces.append
    for row in rows:
        add(b"R%d" % len(row))
        for value in row:
            kind = type(value)
            if kind is _Text:
                add(b"S%d:" % len(value))
                add(value)
            elif value is None:
                add(b"N")
            elif kind is int:
                add(b"I%d;" % value)
            elif kind is bytes:
                add(b"B%d:" % len(value))
                add(value)
            else:
                add(b"F" + repr(value).encode() + b";")
        if len(pieces) > 4096:
            digest.update(b"".join(pieces))
            pieces.clear()
    digest.update(b"".join(pieces))
