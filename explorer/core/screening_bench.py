"""Screening speed: one profile against the whole catalogue, at the real size and at generated sizes.

The generated catalogues are the search benchmark's (real services repeated with numbered names,
rules included), so both benchmarks share build/bench/. Profiles are the reviewable test cases'.
The baseline beside each figure is the bare cost of reading every service's rules from SQLite.
"""

from __future__ import annotations

import statistics
import time
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from explorer.core.catalog import open_catalogue
from explorer.core.profile import Profile, validate_profile
from explorer.core.screening import MAYBE, NOT_ASSESSED, load_rules, screen
from explorer.core.search_bench import catalogue_of
from explorer.core.sources import load_sources
from explorer.core.stats import percentile


def load_case_profiles(folder: Path) -> list[Profile]:
    """Every profile of the test cases in `folder` (*.toml with [[cases]])."""
    profiles = []
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as handle:
            profiles += [validate_profile(case["profile"]) for case in tomllib.load(handle).get("cases", [])]
    return profiles


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def run_screening_bench(
    source_dir: Path,
    real_catalogue: Path,
    folder: Path,
    profiles: list[Profile],
    sizes: list[int],
    repeats: int,
    today: date,
) -> Iterator[str]:
    """Yield report lines: rule loading, then median and p95 of screening one profile, per size."""
    sources = load_sources(source_dir)
    yield f"{len(profiles)} profiles x {repeats} repeats; times in ms"
    yield (
        f"{'services':>9}{'load rules':>12}{'screen med':>12}{'screen p95':>12}"
        f"{'read rows med':>15}{'read rows p95':>15}"
    )
    for size in sizes:
        path = real_catalogue if size == 0 else catalogue_of(size, sources, folder)
        with open_catalogue(path) as catalogue:
            count = catalogue.query("SELECT count(*) AS n FROM services")[0]["n"]
            started = time.perf_counter()
            rules = load_rules(catalogue)
            load = _ms(started)
            times: list[float] = []
            base: list[float] = []
            for _ in range(repeats):
                for profile in profiles:
                    started = time.perf_counter()
                    screen(profile, rules, today)
                    times.append(_ms(started))
                started = time.perf_counter()
                rows: list[Any] = catalogue.query("SELECT service_id, paths FROM screening")
                base.append(_ms(started))
        del rows
        yield (
            f"{count:>9}{load:>12.1f}{statistics.median(times):>12.2f}{percentile(times, 0.95):>12.2f}"
            f"{statistics.median(base):>15.2f}{percentile(base, 0.95):>15.2f}"
        )


def load_personas(path: Path) -> list[tuple[str, Profile]]:
    """The fully described people of tests/data/personas/*.toml: (id, profile)."""
    out = []
    for file in sorted(path.glob("*.toml")):
        with file.open("rb") as handle:
            for persona in tomllib.load(handle).get("personas", []):
                out.append((persona["id"], validate_profile(persona["profile"])))
    return out


def decisiveness(
    real_catalogue: Path, personas: list[tuple[str, Profile]], repeats: int, today: date
) -> Iterator[str]:
    """Yield, per persona, how many assessed services stay "maybe" and how long screening takes.

    The share that stays maybe is the figure to watch: a fully described person should mostly get
    definite answers (aim: median 20% or less). Times are medians over `repeats`.
    """
    with open_catalogue(real_catalogue) as catalogue:
        rules = load_rules(catalogue)
    yield f"decisiveness on {len(personas)} fully described people (the real catalogue); times in ms"
    yield f"{'person':<32}{'eligible':>9}{'maybe':>7}{'not':>6}{'assessed':>10}{'maybe %':>9}{'ms':>8}"
    shares: list[float] = []
    times: list[float] = []
    for name, profile in personas:
        spent = []
        for _ in range(repeats):
            started = time.perf_counter()
            report = screen(profile, rules, today)
            spent.append(_ms(started))
        groups = report.by_status()
        assessed = len(report.results) - len(groups[NOT_ASSESSED])
        share = len(groups[MAYBE]) / assessed if assessed else 0.0
        shares.append(share)
        times += spent
        yield (
            f"{name:<32}{len(groups['eligible']):>9}{len(groups[MAYBE]):>7}{len(groups['ineligible']):>6}"
            f"{assessed:>10}{share * 100:>8.0f}%{statistics.median(spent):>8.2f}"
        )
    yield (
        f"median maybe share {statistics.median(shares) * 100:.0f}% (range {min(shares) * 100:.0f}%"
        f" to {max(shares) * 100:.0f}%; aim 20% or less); screening median {statistics.median(times):.2f} ms,"
        f" p95 {percentile(times, 0.95):.2f} ms per profile"
    )
