"""Search quality on a set of realistic queries: recall@1, recall@5 and mean reciprocal rank."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from explorer.core.search import Searcher


@dataclass
class Outcome:
    """Where the expected service came for one query (0 when not in the results)."""

    query: str
    expected: str
    kind: str
    rank: int
    first: str | None


@dataclass
class Quality:
    """The figures for a set of outcomes."""

    count: int
    recall_at_1: float
    recall_at_5: float
    mrr: float


def load_queries(path: Path) -> list[dict[str, str]]:
    """The [[queries]] of a TOML file: query, expected, kind."""
    with path.open("rb") as handle:
        return list(tomllib.load(handle)["queries"])


def evaluate(searcher: Searcher, queries: Iterable[dict[str, str]], depth: int = 10) -> list[Outcome]:
    """Run every query and note the rank of its expected service."""
    outcomes = []
    for item in queries:
        results = searcher.search(item["query"], limit=depth)
        ids = [r.id for r in results]
        rank = ids.index(item["expected"]) + 1 if item["expected"] in ids else 0
        outcomes.append(Outcome(item["query"], item["expected"], item["kind"], rank, ids[0] if ids else None))
    return outcomes


def summarise(outcomes: list[Outcome]) -> Quality:
    """recall@1, recall@5 and MRR of `outcomes`."""
    count = len(outcomes)
    if not count:
        return Quality(0, 0.0, 0.0, 0.0)
    return Quality(
        count=count,
        recall_at_1=sum(o.rank == 1 for o in outcomes) / count,
        recall_at_5=sum(1 <= o.rank <= 5 for o in outcomes) / count,
        mrr=sum(1 / o.rank for o in outcomes if o.rank) / count,
    )


def report(outcomes: list[Outcome]) -> list[str]:
    """Lines for people: the totals, each kind, and every query that missed the top spot."""
    total = summarise(outcomes)
    lines = [
        f"{'kind':<14}{'queries':>8}{'recall@1':>10}{'recall@5':>10}{'MRR':>8}",
    ]
    kinds = sorted({o.kind for o in outcomes})
    for kind in [*kinds, "all"]:
        chosen = outcomes if kind == "all" else [o for o in outcomes if o.kind == kind]
        q = summarise(chosen) if kind != "all" else total
        lines.append(f"{kind:<14}{q.count:>8}{q.recall_at_1:>10.2f}{q.recall_at_5:>10.2f}{q.mrr:>8.2f}")
    misses = [o for o in outcomes if o.rank != 1]
    if misses:
        lines.append("not first:")
        lines.extend(
            f"  {o.query!r}: expected {o.expected} at {o.rank or '-'}, first {o.first}" for o in misses
        )
    return lines
