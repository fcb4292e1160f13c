"""Datasette serves the real catalogue read-only with the metadata the program writes: its own test
client, the real built catalogue, the real metadata."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from explorer.core.catalog import open_catalogue
from explorer.core.datasette_meta import TITLE, datasette_metadata


@pytest.fixture(scope="module")
def metadata(built_db: Path) -> dict[str, Any]:
    with open_catalogue(built_db) as catalogue:
        made = datasette_metadata(catalogue, built_db.stem)
    # What the command writes is JSON: serve what a JSON round trip gives, as `-m metadata.json` does.
    return json.loads(json.dumps(made, ensure_ascii=False))


def serve(built_db: Path, metadata: dict[str, Any], *paths: str) -> list[Any]:
    """GET each path from Datasette serving the catalogue immutably (`datasette -i`)."""
    from datasette.app import Datasette  # here, not at collection: every xdist worker collects this file

    async def fetch() -> list[Any]:
        datasette = Datasette(immutables=[str(built_db)], metadata=metadata)
        return [await datasette.client.get(path) for path in paths]

    return asyncio.run(fetch())


def test_the_index_page_shows_the_title_licence_and_sources(built_db: Path, metadata: dict[str, Any]) -> None:
    (page,) = serve(built_db, metadata, "/")
    assert page.status_code == 200
    assert f"<h1>{TITLE}</h1>" in page.text
    assert "Data license:" in page.text and "MIT" in page.text
    assert "Resilient Seoul: A Strategy for Urban Resilience (2019)" in page.text
    with sqlite3.connect(built_db) as conn:
        outside = conn.execute("SELECT count(*) FROM documents WHERE kind = 'outside'").fetchone()[0]
    assert f"{outside} dated public sources" in page.text


def test_a_query_for_zero_pay_finds_it(built_db: Path, metadata: dict[str, Any]) -> None:
    sql = "select id from services where name like '%제로페이%'"
    canned, by_sql, english = serve(
        built_db,
        metadata,
        "/services/find_service.json?_shape=array&q=" + "%EC%A0%9C%EB%A1%9C%ED%8E%98%EC%9D%B4",
        "/services.json?_shape=array&sql=" + sql.replace(" ", "+").replace("%", "%25"),
        "/services/find_service.json?_shape=array&q=Zero-Pay",
    )
    assert canned.status_code == 200, canned.text
    found = canned.json()
    assert [row["id"] for row in found] == ["zero-pay"]
    assert found[0]["name_ko"] == "제로페이" and found[0]["state_today"] == "changed"
    assert by_sql.json() == [{"id": "zero-pay"}]
    assert [row["id"] for row in english.json()] == ["zero-pay"]


def test_tables_and_columns_are_described(built_db: Path, metadata: dict[str, Any]) -> None:
    tables = metadata["databases"]["services"]["tables"]
    with sqlite3.connect(built_db) as conn:
        for name in ("services", "current_state", "sources", "documents", "contacts", "schedules", "actions"):
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
            assert set(tables[name]["columns"]) == set(columns), name
            assert tables[name]["description"], name
    page, hidden = serve(built_db, metadata, "/services/current_state", "/services/search_docs.json")
    assert "What each service is today" in page.text
    assert "running, renamed, changed, ended, never_started or unknown" in page.text
    assert hidden.status_code == 200  # hidden from the index, still readable


def test_every_described_column_exists_in_the_catalogue(built_db: Path, metadata: dict[str, Any]) -> None:
    with sqlite3.connect(built_db) as conn:
        for name, entry in metadata["databases"]["services"]["tables"].items():
            columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')}
            assert set(entry.get("columns", {})) <= columns, name


def test_the_catalogue_cannot_be_changed_through_datasette(built_db: Path, metadata: dict[str, Any]) -> None:
    with sqlite3.connect(built_db) as conn:
        before = conn.execute("SELECT count(*) FROM services").fetchone()[0]
    (answer,) = serve(built_db, metadata, "/services.json?sql=delete+from+services")
    assert answer.status_code == 400
    with sqlite3.connect(built_db) as conn:
        assert conn.execute("SELECT count(*) FROM services").fetchone()[0] == before > 0
