"""`explorer db check` checks the index search reads (search_fts), not only the benchmark's table."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.core.check import check_catalogue_file
from explorer.core.paths import Paths


@pytest.mark.parametrize(
    ("table", "what"), [("search_fts", "the search index"), ("services_fts", "plain index")]
)
def test_an_index_that_lost_a_service_is_reported(
    paths: Paths, tmp_path: Path, table: str, what: str
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(paths.catalogue, copy)
    assert check_catalogue_file(copy) == []
    with sqlite3.connect(copy) as conn:
        conn.execute(f"DELETE FROM {table} WHERE service_id = 'zero-pay'")
    problems = check_catalogue_file(copy)
    assert any(what in problem and table in problem and "covers" in problem for problem in problems), problems
