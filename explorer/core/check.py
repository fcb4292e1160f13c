"""`explorer db check`: the sources, the quotes and the built catalogue, one line per problem.

A catalogue is checked thoroughly: SQLite's `integrity_check`, its schema version, the digest of its
content stored when it was built (so a changed byte in what it serves is found even where SQLite
sees a well-formed file), each full-text index's own integrity check, and the content rules. A file
that cannot be read at all is one line, never a traceback. `check_everything` also reports a
catalogue that is out of date with its sources and could not be rebuilt.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from explorer.core.catalog import Catalogue
from explorer.core.catalogue_file import (
    DIGEST_KEY,
    READ_ERRORS,
    connect_read_only,
    content_digest,
    damaged,
    read_meta,
    rebuild_hint,
    virtual_tables,
)
from explorer.core.current import STATES
from explorer.core.errors import CatalogueError, ExplorerError
from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.paths import Paths
from explorer.core.problems import N_
from explorer.core.refresh import needs_build
from explorer.core.schema_version import SCHEMA_VERSION
from explorer.core.sources import REQUIRED_LANGUAGES, STATUSES, check_quotes, read_sources

#: The most problems SQLite's integrity_check reports (each is a line of `db check`).
MAX_INTEGRITY_LINES = 20


def _texts_missing(value: str | None) -> list[str]:
    try:
        texts = json.loads(value) if value else {}
    except (ValueError, RecursionError):
        return list(REQUIRED_LANGUAGES)
    if not isinstance(texts, dict):
        return list(REQUIRED_LANGUAGES)
    return [lang for lang in REQUIRED_LANGUAGES if not str(texts.get(lang) or "").strip()]


def check_catalogue_file(path: Path) -> list[str]:
    """Integrity, content digest, search indexes, schema version and content rules of a built
    catalogue file, one line per problem (empty when all is well); never raises for a bad file."""
    try:
        conn = connect_read_only(path)
    except CatalogueError as exc:
        return [exc.message]
    try:
        return _check_open(conn, path)
    except CatalogueError as exc:
        return [exc.message]
    except READ_ERRORS as exc:
        return [damaged(path, exc).message]
    finally:
        conn.close()


def _check_open(conn: sqlite3.Connection, path: Path) -> list[str]:
    rows = conn.execute(f"PRAGMA integrity_check({MAX_INTEGRITY_LINES})").fetchall()
    # SQLite's own words for each damaged page stay as SQLite writes them (they name its structures),
    # quoted as data in the person's language.
    problems = [
        _("{path}: integrity: SQLite reports “{detail}”").format(path=path, detail=excerpt(str(row[0]), 200))
        for row in rows
        if row[0] != "ok"
    ]
    if problems:
        return [*problems, _("{path}: the file is damaged; {hint}").format(path=path, hint=rebuild_hint())]
    meta = read_meta(conn, path)
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        version = excerpt(str(meta.get("schema_version")), 20)
        return [
            _("{path}: schema version {found}, expected {wanted}; {hint}").format(
                path=path, found=version, wanted=SCHEMA_VERSION, hint=rebuild_hint()
            )
        ]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    if user_version != SCHEMA_VERSION:
        problems.append(
            _("{path}: PRAGMA user_version is {found}, expected {wanted}").format(
                path=path, found=user_version, wanted=SCHEMA_VERSION
            )
        )
    # Each stage on its own: a damaged value that stops one still lets the others report.
    for stage in (_digest_problems, _fts_problems, _content_problems):
        try:
            problems.extend(stage(conn, path, meta))
        except READ_ERRORS as exc:
            problems.append(damaged(path, exc).message)
    return problems


def _digest_problems(conn: sqlite3.Connection, path: Path, meta: dict[str, str]) -> list[str]:
    """The content digest stored at build time against the content as it reads now."""
    stored = meta.get(DIGEST_KEY)
    if not stored:
        return [
            _("{path}: has no content digest (built by an older program); {hint}").format(
                path=path, hint=rebuild_hint()
            )
        ]
    if content_digest(conn) != stored:
        return [
            _(
                "{path}: its content differs from what was built (the content digest does not match): "
                "it was changed or damaged; {hint}"
            ).format(path=path, hint=rebuild_hint())
        ]
    return []


def _fts_problems(conn: sqlite3.Connection, path: Path, meta: dict[str, str]) -> list[str]:
    """Each search index's (FTS5 table's) own integrity check, its index against its content, run
    on a copy in memory: the check is an INSERT, which the read-only connection refuses."""
    names = virtual_tables(conn)
    if not names:
        return [_("{path}: has no search index; {hint}").format(path=path, hint=rebuild_hint())]
    memory = sqlite3.connect(":memory:")
    try:
        conn.backup(memory)
        problems = []
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                memory.execute(f"INSERT INTO {quoted}({quoted}) VALUES ('integrity-check')")
            except READ_ERRORS as exc:
                detail = excerpt(str(exc) or type(exc).__name__, 120)
                problems.append(
                    _("{path}: the search index {name} is damaged ({detail}); {hint}").format(
                        path=path, name=excerpt(name), detail=detail, hint=rebuild_hint()
                    )
                )
        return problems
    finally:
        memory.close()


def _content_problems(conn: sqlite3.Connection, path: Path, meta: dict[str, str]) -> list[str]:
    """The catalogue's own rules: every service named, summarised, sourced, linked and indexed."""
    problems = []
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(
            _("{path}: {table} row {row} points to a missing {parent}").format(
                path=path, table=table, row=rowid, parent=parent
            )
        )

    ids = [row[0] for row in conn.execute("SELECT id FROM services").fetchall()]
    if not ids:
        problems.append(_("{path}: holds no services").format(path=path))
    sourced = {row[0] for row in conn.execute("SELECT owner_id FROM sources WHERE owner_type = 'service'")}
    linked = {row[0] for row in conn.execute("SELECT service_id FROM service_actions")}
    rows = conn.execute("SELECT id, status, as_of, name, summary, outside_strategy FROM services").fetchall()
    for sid, status, as_of, name, summary, outside in rows:
        shown = excerpt(str(sid))
        for value, missing in (
            (name, N_("service {id}: no {lang} name")),
            (summary, N_("service {id}: no {lang} summary")),
        ):
            for lang in _texts_missing(value):
                problems.append(_(missing).format(id=shown, lang=lang))
        if status not in STATUSES:
            problems.append(
                _("service {id}: status {status} is not one of {statuses}").format(
                    id=shown, status=excerpt(repr(status)), statuses=", ".join(STATUSES)
                )
            )
        if not as_of:
            problems.append(_("service {id}: no as-of date").format(id=shown))
        if sid not in sourced:
            problems.append(_("service {id}: no source").format(id=shown))
        if sid not in linked and not outside:
            problems.append(
                _("service {id}: not linked to a strategy action nor marked outside it").format(id=shown)
            )
    for table, missing in (
        ("service_categories", N_("service {id}: no category")),
        ("service_audiences", N_("service {id}: no audience")),
    ):
        have = {row[0] for row in conn.execute(f"SELECT service_id FROM {table}")}
        for sid in sorted(set(ids) - have, key=str):
            problems.append(_(missing).format(id=excerpt(str(sid))))
    unsourced_actions = conn.execute(
        "SELECT id FROM actions WHERE id NOT IN (SELECT owner_id FROM sources WHERE owner_type = 'action')"
    ).fetchall()
    problems.extend(_("action {id}: no source").format(id=excerpt(str(row[0]))) for row in unsourced_actions)
    # search_fts is the index search reads; services_fts is the plain FTS5 table `bench search` times
    # beside it (its baseline). Both must cover every service.
    for table, covers in (
        ("search_fts", N_("{path}: the search index ({table}) covers {covered} of {count} services")),
        (
            "services_fts",
            N_("{path}: the benchmark's plain index ({table}) covers {covered} of {count} services"),
        ),
    ):
        covered = conn.execute(f"SELECT count(DISTINCT service_id) FROM {table}").fetchone()[0]
        if covered != len(ids):
            problems.append(_(covers).format(path=path, table=table, covered=covered, count=len(ids)))
    return problems


def check_everything(paths: Paths, rebuild_error: str | None = None) -> list[str]:
    """Everything `explorer db check` checks, as one line per problem (empty when all is well).

    `rebuild_error` is why an attempt to bring the catalogue up to date just failed (the message
    of the error), if one was made; it is quoted when the catalogue is still out of date and the
    sources themselves have no problems (when they have, those are why, and they are listed already).
    """
    problems: list[str] = []
    source_problems = 0
    if paths.has_sources:
        sources = read_sources(paths.sources, problems)
        if paths.seeds.is_dir():
            problems.extend(check_quotes(sources, paths.seeds))
        else:
            problems.append(
                _("seed documents not found at {path}; quotes cannot be verified").format(path=paths.seeds)
            )
        source_problems = len(problems)
    problems.extend(check_catalogue_file(paths.catalogue))
    problems.extend(_staleness(paths, rebuild_error, source_problems))
    return problems


def _staleness(paths: Paths, rebuild_error: str | None, source_problems: int) -> list[str]:
    """A line when the program's own catalogue is out of date with its sources (and so could not
    be rebuilt): `list` and the window would try to rebuild it and fail."""
    if not (paths.managed and paths.has_sources and paths.catalogue.is_file()):
        return []
    try:
        stale = needs_build(paths)
    except (ExplorerError, OSError, ValueError):
        return []  # the catalogue or the sources cannot be read: already a problem above
    if not stale:
        return []
    if source_problems:  # the rebuild failed on them: they are listed, each in the person's language
        why = _("the sources have problems, listed above")
    elif rebuild_error:
        why = excerpt(rebuild_error, 200)
    elif not os.access(paths.catalogue.parent, os.W_OK):
        why = _("its folder {folder} is not writable").format(folder=paths.catalogue.parent)
    else:
        why = _("run `explorer db build` to see why")
    return [
        _(
            "{path}: out of date: it was built from other sources than those in {sources}, "
            "and it could not be rebuilt ({why})"
        ).format(path=paths.catalogue, sources=paths.sources, why=why)
    ]


def catalogue_statistics(catalogue: Catalogue) -> dict[str, Any]:
    """How many services are in each state today, how many have no record, and how many facts and
    documents come from outside the seeds."""
    states = {state: 0 for state in STATES}
    missing = 0
    facts = 0
    records = catalogue.current_states()
    for sid in catalogue.service_ids():
        record = records.get(sid)
        if record is None:
            missing += 1
            continue
        states[record["state"]] = states.get(record["state"], 0) + 1
        facts += len(record["facts"])
    outside = catalogue.query("SELECT count(*) AS n FROM documents WHERE kind = 'outside'")[0]["n"]
    return {"states": states, "without_record": missing, "outside_facts": facts, "outside_documents": outside}
