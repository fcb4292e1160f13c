"""Every `explorer bench` command runs in a tiny mode here, so a broken benchmark fails CI instead of
rotting until someone needs its figures (`make bench` runs them at full size)."""

from __future__ import annotations

from explorer.core.catalog import open_catalogue
from explorer.core.paths import Paths
from tests.cli.test_commands import run


def test_bench_search_at_the_real_and_a_tiny_generated_catalogue(paths: Paths) -> None:
    result = run("bench", "search", "--sizes", "0,40", "--repeats", "1", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "queries" in lines[0] and "search med" in lines[1]
    # One row per catalogue, ending in the ratio to plain FTS5 measured beside it.
    rows = [line.split() for line in lines[2:] if line.split()[-1].endswith("x")]
    with open_catalogue(paths.catalogue) as catalogue:
        real = len(catalogue.service_ids())
    assert [int(row[0]) for row in rows] == [real, 40], result.stdout
    assert (paths.catalogue.parent / "bench").is_dir()


def test_bench_screen_prints_decisiveness_and_times(paths: Paths) -> None:
    result = run("bench", "screen", "--sizes", "0,40", "--repeats", "1", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "maybe" in result.stdout and "ms" in result.stdout
    assert result.stderr.strip(), "a long benchmark says what it is doing"
