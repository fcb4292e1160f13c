"""`explorer bench`: measurements of the program (start-up, search, screening, search quality);
they print figures and assert nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from explorer.cli import Context, echo, guarded, pass_context
from explorer.cli_help import LocalizedGroup
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _


@click.group("bench", cls=LocalizedGroup)
def bench() -> None:
    """Measure the program (benchmarks print figures; nothing is asserted)."""


def _sizes(text: str) -> list[int]:
    try:
        return [int(size) for size in text.split(",")]
    except ValueError as exc:
        raise click.BadParameter("give sizes as numbers separated by commas, e.g. 0,10000") from exc


@bench.command("startup")
@click.option("--runs", default=7, show_default=True, type=click.IntRange(1, 100))
@pass_context
@guarded
def bench_startup(obj: Context, runs: int) -> None:
    """Time from process start to the first painted window, and peak memory, for both faces beside a
    bare Qt window."""
    from explorer.bench import run_startup_bench

    # Build first, so every run measures start-up and not the one-off build.
    obj.open().close()
    echo(_("Starting each window {runs} times (and once more to warm up)…").format(runs=runs), err=True)
    for line in run_startup_bench(obj.paths, runs, progress=lambda text: echo(text, err=True)):
        echo(line)


@bench.command("search")
@click.option(
    "--sizes", default="0,10000,100000", show_default=True, help="Catalogue sizes; 0 = the real one."
)
@click.option("--repeats", default=5, show_default=True, type=click.IntRange(1, 100))
@pass_context
@guarded
def bench_search(obj: Context, sizes: str, repeats: int) -> None:
    """Search latency (median, p95) at the real and generated catalogues, beside plain FTS5."""
    from explorer.core.search_bench import run_search_bench
    from explorer.core.search_quality import load_queries

    wanted = _sizes(sizes)
    obj.open().close()
    queries = [q["query"] for q in load_queries(obj.paths.root / "tests" / "data" / "search_queries.toml")]
    folder = obj.paths.catalogue.parent / "bench"
    for line in run_search_bench(obj.paths.sources, obj.paths.catalogue, folder, queries, wanted, repeats):
        echo(line)


@bench.command("screen")
@click.option("--sizes", default="0,10000", show_default=True, help="Catalogue sizes; 0 = the real one.")
@click.option("--repeats", default=5, show_default=True, type=click.IntRange(1, 100))
@pass_context
@guarded
def bench_screen(obj: Context, sizes: str, repeats: int) -> None:
    """Screening one profile against the whole catalogue (median, p95), beside reading the rules."""
    from datetime import date

    from explorer.core.screening_bench import (
        decisiveness,
        load_case_profiles,
        load_personas,
        run_screening_bench,
    )

    wanted = _sizes(sizes)
    obj.open().close()
    profiles = load_case_profiles(obj.paths.root / "tests" / "data" / "screening_cases")
    if not profiles:
        raise ExplorerError("No screening cases found under tests/data/screening_cases")
    folder = obj.paths.catalogue.parent / "bench"
    personas = load_personas(obj.paths.root / "tests" / "data" / "personas")
    for line in decisiveness(obj.paths.catalogue, personas, repeats, date.today()):
        echo(line)
    echo()
    for line in run_screening_bench(
        obj.paths.sources, obj.paths.catalogue, folder, profiles, wanted, repeats, date.today()
    ):
        echo(line)


@bench.command("search-quality")
@click.option(
    "--queries",
    type=click.Path(exists=True, dir_okay=False),
    help="TOML file of [[queries]] (default: tests/data/search_queries.toml).",
)
@pass_context
@guarded
def bench_search_quality(obj: Context, queries: str | None) -> None:
    """Recall@1, recall@5 and MRR of search on a set of realistic queries."""
    from explorer.core.search import Searcher
    from explorer.core.search_quality import evaluate, load_queries, report

    path = Path(queries) if queries else obj.paths.root / "tests" / "data" / "search_queries.toml"
    if not path.is_file():
        raise ExplorerError(f"No query set at {path}")
    with obj.open() as catalogue:
        outcomes = evaluate(Searcher(catalogue), load_queries(path))
    for line in report(outcomes):
        echo(line)
