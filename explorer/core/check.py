"""`explorer db check`: the sources, the quotes and the built catalogue, one line per problem."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from explorer.core.catalog import Catalogue, connect_read_only, read_meta
from explorer.core.current import STATES
from explorer.core.errors import CatalogueError
from explorer.core.paths import Paths
from explorer.core.schema_version import SCHEMA_VERSION
from explorer.core.sources import REQUIRED_LANGUAGES, STATUSES, check_quotes, read_sources


def _texts_missing(value: str | None) -> list[str]:
    try:
        texts = json.loads(value) if value else {}
    except json.JSONDecodeError:
        return list(REQUIRED_LANGUAGES)
    return [lang for lang in REQUIRED_LANGUAGES if not (texts.get(lang) or "").strip()]


def check_catalogue_file(path: Path) -> list[str]:
    """Integrity, schema version and content rules of a built catalogue file."""
    try:
        conn = connect_read_only(path)
    except CatalogueError as exc:
        return [exc.message]
    try:
        return _check_open(conn, path)
    except sqlite3.DatabaseError as exc:
        return [f"{path}: damaged ({exc})"]
    finally:
        conn.close()


def _check_open(conn: sqlite3.Connection, path: Path) -> list[str]:
    problems = [
        f"{path}: integrity: {row[0]}"
        for row in conn.execute("PRAGMA integrity_check").fetchall()
        if row[0] != "ok"
    ]
    if problems:
        return problems
    try:
        meta = read_meta(conn, path)
    except CatalogueError as exc:
        return [exc.message]
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        return [f"{path}: schema version {meta.get('schema_version')}, expected {SCHEMA_VERSION}"]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    if user_version != SCHEMA_VERSION:
        problems.append(f"{path}: PRAGMA user_version is {user_version}, expected {SCHEMA_VERSION}")
    for table, rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{path}: {table} row {rowid} points to a missing {parent}")

    ids = [row[0] for row in conn.execute("SELECT id FROM services").fetchall()]
    if not ids:
        problems.append(f"{path}: holds no services")
    sourced = {row[0] for row in conn.execute("SELECT owner_id FROM sources WHERE owner_type = 'service'")}
    linked = {row[0] for row in conn.execute("SELECT service_id FROM service_actions")}
    rows = conn.execute("SELECT id, status, as_of, name, summary, outside_strategy FROM services").fetchall()
    for sid, status, as_of, name, summary, outside in rows:
        for field, value in (("name", name), ("summary", summary)):
            for lang in _texts_missing(value):
                problems.append(f"service {sid}: no {lang} {field}")
        if status not in STATUSES:
            problems.append(f"service {sid}: status {status!r} is not one of {', '.join(STATUSES)}")
        if not as_of:
            problems.append(f"service {sid}: no as-of date")
        if sid not in sourced:
            problems.append(f"service {sid}: no source")
        if sid not in linked and not outside:
            problems.append(f"service {sid}: not linked to a strategy action nor marked outside it")
    for table in ("service_categories", "service_audiences"):
        have = {row[0] for row in conn.execute(f"SELECT service_id FROM {table}")}
        for sid in sorted(set(ids) - have):
            problems.append(f"service {sid}: no {table.split('_')[1][:-1]}")
    unsourced_actions = conn.execute(
        "SELECT id FROM actions WHERE id NOT IN (SELECT owner_id FROM sources WHERE owner_type = 'action')"
    ).fetchall()
    problems.extend(f"action {row[0]}: no source" for row in unsourced_actions)
    fts_rows = conn.execute("SELECT count(DISTINCT service_id) FROM services_fts").fetchone()[0]
    if fts_rows != len(ids):
        problems.append(f"{path}: the search index covers {fts_rows} of {len(ids)} services")
    return problems


def check_everything(paths: Paths) -> list[str]:
    """Everything `explorer db check` checks, as one line per problem (empty when all is well)."""
    problems: list[str] = []
    if paths.has_sources:
        sources = read_sources(paths.sources, problems)
        if paths.seeds.is_dir():
            problems.extend(check_quotes(sources, paths.seeds))
        else:
            problems.append(f"seed documents not found at {paths.seeds}; quotes cannot be verified")
    problems.extend(check_catalogue_file(paths.catalogue))
    return problems


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
