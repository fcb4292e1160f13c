"""Building the catalogue: schema, contents, atomic replacement."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from explorer.core.build import build_catalogue
from explorer.core.check import check_catalogue_file
from explorer.core.errors import SourceError
from explorer.core.paths import Paths
from explorer.core.schema import SCHEMA_VERSION
from explorer.core.sources import load_sources


def test_built_catalogue_records_schema_version_and_migrations(built_db: Path) -> None:
    conn = sqlite3.connect(built_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    applied = conn.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert len(applied) == SCHEMA_VERSION


def test_built_catalogue_holds_every_source_service_and_passes_its_check(
    built_db: Path, repo_paths: Paths
) -> None:
    sources = load_sources(repo_paths.sources)
    conn = sqlite3.connect(built_db)
    ids = {row[0] for row in conn.execute("SELECT id FROM services")}
    assert ids == {s["id"] for s in sources.services}
    assert check_catalogue_file(built_db) == []


def test_fts_index_finds_services_by_korean_and_english_words(built_db: Path) -> None:
    conn = sqlite3.connect(built_db)
    found = {
        row[0]
        for row in conn.execute(
            "SELECT service_id FROM services_fts WHERE services_fts MATCH ?", ["제로페이"]
        )
    }
    assert "zero-pay" in found
    found = {
        row[0] for row in conn.execute("SELECT service_id FROM services_fts WHERE services_fts MATCH 'QR'")
    }
    assert "zero-pay" in found


def test_bad_sources_never_replace_a_good_catalogue(source_copy: Paths) -> None:
    target = source_copy.catalogue
    build_catalogue(source_copy.sources, target, source_copy.seeds)
    good = hashlib.sha256(target.read_bytes()).hexdigest()
    (source_copy.sources / "services" / "zero-pay.toml").write_text("not = [toml", encoding="utf-8")
    with pytest.raises(SourceError):
        build_catalogue(source_copy.sources, target, source_copy.seeds)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == good
    assert not list(target.parent.glob(".services-*.tmp")), "the temporary file was left behind"


def test_check_catches_a_service_without_a_source(paths: Paths) -> None:
    conn = sqlite3.connect(paths.catalogue)
    conn.execute("DELETE FROM sources WHERE owner_type = 'service' AND owner_id = 'zero-pay'")
    conn.commit()
    conn.close()
    assert "service zero-pay: no source" in check_catalogue_file(paths.catalogue)


def test_check_catches_a_broken_cross_reference(paths: Paths) -> None:
    conn = sqlite3.connect(paths.catalogue)
    conn.execute("UPDATE service_actions SET action_id = 'p99-a1' WHERE service_id = 'zero-pay'")
    conn.commit()
    conn.close()
    problems = check_catalogue_file(paths.catalogue)
    assert any("service_actions" in p and "missing actions" in p for p in problems)
