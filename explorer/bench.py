"""Benchmarks that print figures (medians, p95, the baseline beside them). Nothing here asserts a time."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

from explorer.core.paths import Paths
from explorer.core.stats import percentile

#: The probes, in the order they run, and how the report names them.
PROBES = (
    ("bare", "bare Qt window (baseline)"),
    ("keyboard", "bare + touch keyboard"),
    ("standard", "standard window"),
    ("easy", "easy mode"),
    ("touch", "easy mode + touch keyboard"),
)


def _probe(kind: str, paths: Paths) -> tuple[float, float, float]:
    """One start of `kind`: (ms to first paint, ms to settled, peak MiB)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    # As an installed program runs: with its modules' compiled bytecode cached (the first, unmeasured
    # run writes it where the environment forbade it).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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
    return (
        (report["painted_at"] - started) * 1000,
        (report["settled_at"] - started) * 1000,
        report["maxrss_kb"] / 1024,
    )


def run_startup_bench(
    paths: Paths, runs: int, progress: Callable[[str], None] | None = None
) -> Iterator[str]:
    """Start a bare Qt window and each of the program's faces `runs` times, alternating; yield the
    report's lines. `progress` hears a line before each round."""
    kinds = [kind for kind, _label in PROBES]
    paint: dict[str, list[float]] = {kind: [] for kind in kinds}
    settled: dict[str, list[float]] = {kind: [] for kind in kinds}
    memory: dict[str, list[float]] = {kind: [] for kind in kinds}
    for kind in kinds:  # warm the file cache and write bytecode, so no first run is an outlier
        _probe(kind, paths)
    for number in range(runs):
        if progress is not None:
            progress(f"round {number + 1} of {runs}: {', '.join(kinds)}")
        for kind in kinds:
            ms, settle_ms, mib = _probe(kind, paths)
            paint[kind].append(ms)
            settled[kind].append(settle_ms)
            memory[kind].append(mib)
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    yield f"start-up, {runs} runs each, QT_QPA_PLATFORM={platform}, bytecode cached"
    yield (
        f"{'':<28}{'paint ms':>10}{'p95 ms':>9}{'× bare':>8}{'settled ms':>12}{'peak MiB':>10}{'× bare':>8}"
    )
    base_ms = statistics.median(paint["bare"])
    base_mib = max(memory["bare"])
    for kind, label in PROBES:
        ms = statistics.median(paint[kind])
        mib = max(memory[kind])
        yield (
            f"{label:<28}{ms:>10.0f}{percentile(paint[kind], 0.95):>9.0f}{ms / base_ms:>8.2f}"
            f"{statistics.median(settled[kind]):>12.0f}{mib:>10.1f}{mib / base_mib:>8.2f}"
        )
    touch_ms, keyboard_ms = statistics.median(paint["touch"]), statistics.median(paint["keyboard"])
    touch_mib, keyboard_mib = max(memory["touch"]), max(memory["keyboard"])
    yield (
        f"easy mode + touch keyboard beside the bare window with the same keyboard: paint"
        f" {touch_ms / keyboard_ms:.2f}×, peak memory {touch_mib / keyboard_mib:.2f}×"
    )
    yield "standard and easy: as `--touch-keyboard auto` opens them here (touch keyboard only with a"
    yield "touch screen); easy mode + touch keyboard: as the kiosk and touch screens open it."
    yield "paint: process start to the first painted window (median); settled: the work left for after"
    yield "the first paint is done (icons, hidden panels, touch keyboard); peak memory by then."
