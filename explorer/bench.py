"""Benchmarks that print figures (medians, p95, the baseline beside them). Nothing here asserts a time."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

from explorer.core.paths import Paths
from explorer.core.stats import percentile


def _probe(kind: str, paths: Paths) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "explorer.ui.startup_probe", kind, str(paths.catalogue)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"the {kind} probe failed: {proc.stderr.strip()[-300:]}")
    report = json.loads(lines[-1])
    return (report["painted_at"] - started) * 1000, report["maxrss_kb"] / 1024


def run_startup_bench(paths: Paths, runs: int) -> Iterator[str]:
    """Start a bare Qt window and the program's window `runs` times each, alternating; yield report lines."""
    times: dict[str, list[float]] = {"bare": [], "app": []}
    memory: dict[str, list[float]] = {"bare": [], "app": []}
    _probe("bare", paths)  # warm the file cache so the first measured run is not an outlier
    for _ in range(runs):
        for kind in ("bare", "app"):
            ms, mib = _probe(kind, paths)
            times[kind].append(ms)
            memory[kind].append(mib)
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    yield f"start-up to first paint, {runs} runs each, QT_QPA_PLATFORM={platform}"
    yield f"{'':<28}{'median ms':>10}{'p95 ms':>10}{'min ms':>10}{'peak MiB':>10}"
    for kind, label in (("bare", "bare Qt window (baseline)"), ("app", "Seoul Services Explorer")):
        values = times[kind]
        yield (
            f"{label:<28}{statistics.median(values):>10.0f}{percentile(values, 0.95):>10.0f}"
            f"{min(values):>10.0f}{max(memory[kind]):>10.1f}"
        )
    extra = statistics.median(times["app"]) - statistics.median(times["bare"])
    more_memory = max(memory["app"]) - max(memory["bare"])
    yield f"the program costs {extra:.0f} ms and {more_memory:.1f} MiB over the baseline"
