"""Screening speed: one profile against the whole catalogue, at the real size and at generated sizes.

The generated catalogues are the search benchmark's (real services repeated with numbered names,
rules included), so both benchmarks share build/bench/. Profiles are the reviewable test cases'.
The baseline beside each figure is the bare cost of reading every service's rules from SQLite.

Beside the screening times are the times to read the rules from the catalogue and compile them
(once per catalogue, `RuleCache`), and to take them from the cache the second time (a second
controller, or the second face, over the same catalogue). A long run says what it is doing on
stderr as it goes, so a person sees that it is working.

The generated catalogues repeat the real services' rules, so many of their conditions and paths
are the same test, judged once per profile: a catalogue of 10,000 services with all different
rules would screen more slowly.
"""

from __future__ import annotations

import statistics
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from explorer.core.catalog import open_catalogue
from explorer.core.compiled_rules import RuleCache, collector_paused
from explorer.core.profile import Profile, validate_profile
from explorer.core.screening import MAYBE, NOT_ASSESSED, load_rules, screen
from explorer.core.search_bench import catalogue_of, generated_exists
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


def say_progress(line: str) -> None:
    """Say what a long run is doing, on stderr (the report itself goes to stdout)."""
    print(line, file=sys.stderr, flush=True)


def run_screening_bench(
    source_dir: Path,
    real_catalogue: Path,
    folder: Path,
    profiles: list[Profile],
    sizes: list[int],
    repeats: int,
    today: date,
    progress: Callable[[str], None] = say_progress,
) -> Iterator[str]:
    """Yield report lines: reading, compiling and cached rules, then median and p95 of screening one
    profile, per size. `progress` is told what is being done before each long stage."""
    sources = load_sources(source_dir)
    yield f"{len(profiles)} profiles x {repeats} repeats; times in ms"
    yield (
        f"{'services':>9}{'read rules':>12}{'compile':>9}{'cached':>8}{'screen med':>12}{'screen p95':>12}"
        f"{'read rows med':>15}{'read rows p95':>15}"
    )
    for size in sizes:
        if size and not generated_exists(size, sources, folder):
            progress(
                f"generating a catalogue of {size:,} services in {folder}"
                f" (about {size * 28 // 1000:,} MB; this takes a while)…"
            )
        path = real_catalogue if size == 0 else catalogue_of(size, sources, folder)
        with open_catalogue(path) as catalogue:
            count = catalogue.query("SELECT count(*) AS n FROM services")[0]["n"]
            progress(f"reading and compiling the rules of {count:,} services…")
            # Cold, as a RuleCache reads a catalogue's rules the first time; then taken from it.
            started = time.perf_counter()
            with collector_paused():
                rules = load_rules(catalogue)
            read = _ms(started)
            started = time.perf_counter()
            rules.compiled()
            compile_ms = _ms(started)
            cache = RuleCache()
            cache.rules(catalogue)
            started = time.perf_counter()
            cache.rules(catalogue)  # what a second controller over the same catalogue waits
            cached = _ms(started)
            progress(f"screening {len(profiles)} profiles × {repeats} against {count:,} services…")
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
            f"{count:>9}{read:>12.1f}{compile_ms:>9.1f}{cached:>8.3f}"
            f"{statistics.median(times):>12.2f}{percentile(times, 0.95):>12.2f}"
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
