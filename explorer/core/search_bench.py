"""Search latency at the real catalogue and at generated ones of 10,000 and 100,000 services.

The generated catalogues repeat the real services with numbered names ("제로페이 17"), so their
words, lengths and Korean are real. Each is written once to build/bench/ and reused while the
sources and the indexing code are unchanged. The baseline is a plain FTS5 search on the same
database in the same run: the query's words as prefixes, OR'ed, ranked by bm25, on the unicode61
index of the catalogue.
"""

from __future__ import annotations

import copy
import hashlib
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from explorer.core.build import write_catalogue
from explorer.core.catalog import open_catalogue
from explorer.core.search import Searcher
from explorer.core.sources import SourceSet, load_sources
from explorer.core.stats import percentile


def generate(sources: SourceSet, size: int) -> SourceSet:
    """A copy of `sources` with `size` services, made by numbering repeats of the real ones."""
    real = sources.services
    grown = copy.copy(sources)
    grown.services = []
    for i in range(size):
        base = real[i % len(real)]
        if i < len(real):
            grown.services.append(base)
            continue
        copy_number = i // len(real)
        service = dict(base)
        service["id"] = f"{base['id']}-{copy_number}"
        service["name"] = {lang: f"{text} {copy_number}" for lang, text in base["name"].items()}
        service["related"] = []
        grown.services.append(service)
    return grown


def _index_code_digest() -> str:
    """A hash of the code that shapes a built catalogue, so a change to it makes new bench files."""
    digest = hashlib.sha256()
    core = Path(__file__).parent
    for name in ("build.py", "schema.py", "textnorm.py", "hangul.py"):
        digest.update((core / name).read_bytes())
    return digest.hexdigest()[:10]


def _generated_path(size: int, sources: SourceSet, folder: Path) -> Path:
    key = hashlib.sha256((sources.digest + _index_code_digest()).encode()).hexdigest()[:10]
    return folder / f"services-{size}-{key}.db"


def generated_exists(size: int, sources: SourceSet, folder: Path) -> bool:
    """Whether the generated catalogue of `size` services is already written and current."""
    return _generated_path(size, sources, folder).exists()


def catalogue_of(size: int, sources: SourceSet, folder: Path) -> Path:
    """A generated catalogue of `size` services in `folder`, written if missing or stale.

    The file name carries a hash of the sources and of the indexing code; older files of the same
    size are removed when a new one is written.
    """
    path = _generated_path(size, sources, folder)
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"services-{size}-*.db"):
        old.unlink()
    temp = path.with_suffix(".tmp")
    temp.unlink(missing_ok=True)
    write_catalogue(temp, generate(sources, size))
    temp.rename(path)
    return path


def _time(run: Callable[[str], object], queries: list[str], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            run(query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def run_search_bench(
    source_dir: Path, real_catalogue: Path, folder: Path, queries: list[str], sizes: list[int], repeats: int
) -> Iterator[str]:
    """Yield report lines: median and p95 of search and of the plain FTS5 baseline, per size."""
    sources = load_sources(source_dir)
    yield (
        f"{len(queries)} queries; 'cold' is each query's first run, the rest {repeats} repeats; times in ms"
    )
    yield (
        f"{'services':>9}{'cold p95':>10}{'search med':>12}{'search p95':>12}{'fts5 med':>10}"
        f"{'fts5 p95':>10}{'p95 ratio':>11}"
    )
    for size in sizes:
        if size and not generated_exists(size, sources, folder):
            # Said before the wait: a generated catalogue takes minutes and about 28 KB per service.
            yield (
                f"(writing a generated catalogue of {size:,} services to {folder},"
                f" about {size * 28 // 1000:,} MB; this takes a while)"
            )
        path = real_catalogue if size == 0 else catalogue_of(size, sources, folder)
        with open_catalogue(path) as catalogue:
            count = catalogue.query("SELECT count(*) AS n FROM services")[0]["n"]
            searcher = Searcher(catalogue)
            conn = catalogue.connection

            def plain(query: str, conn: sqlite3.Connection = conn) -> object:
                # What a plain FTS5 search does: each word as a prefix, OR'ed, best bm25 first.
                terms = ['"' + w.replace('"', '""') + '"*' for w in query.split()]
                if not terms:
                    return []
                return conn.execute(
                    "SELECT service_id FROM services_fts WHERE services_fts MATCH ? ORDER BY rank LIMIT 20",
                    [" OR ".join(terms)],
                ).fetchall()

            cold = _time(searcher.search, queries, 1)  # first sight of every query: nothing cached
            ours = _time(searcher.search, queries, repeats)
            base = _time(plain, queries, repeats)
        ratio = percentile(ours, 0.95) / max(percentile(base, 0.95), 1e-9)
        yield (
            f"{count:>9}{percentile(cold, 0.95):>10.2f}"
            f"{statistics.median(ours):>12.2f}{percentile(ours, 0.95):>12.2f}"
            f"{statistics.median(base):>10.2f}{percentile(base, 0.95):>10.2f}{ratio:>10.1f}x"
        )
