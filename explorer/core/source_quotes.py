"""Every quote in the catalogue sources occurs, verbatim but for white space, in its seed document."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.source_checkers import Problems, _q
from explorer.core.source_set import SourceSet


def normalise_quote_text(text: str) -> str:
    """Fold runs of white space so a quote can span the seed's line breaks."""
    return re.sub(r"\s+", " ", text).strip()


class _Seed:
    """A seed document's text, white space folded, and the quotes already looked for in it."""

    #: The most answers kept for one seed; past it they are forgotten (and found again if asked).
    MAX_ANSWERS = 4096

    def __init__(self, text: str) -> None:
        self.text = text
        self._answers: dict[str, bool] = {}

    def holds(self, quote: str) -> bool:
        """Whether the folded `quote` occurs in the text."""
        found = self._answers.get(quote)
        if found is None:
            if len(self._answers) >= self.MAX_ANSWERS:
                self._answers.clear()
            found = self._answers[quote] = quote in self.text
        return found


@lru_cache(maxsize=8)
def _folded_seed(data: bytes) -> _Seed:
    """The seed whose file holds `data` (UnicodeDecodeError when it is not UTF-8).

    Keyed by the bytes themselves, so a seed that changed is a new one: a build, `db check` and
    every rebuild in one process (the tests build the catalogue dozens of times) look each quote
    up in the text of a seed once, not once each.
    """
    return _Seed(normalise_quote_text(data.decode("utf-8")))


def _seed(path: Path) -> _Seed | None:
    """A seed document; None when it is not a readable UTF-8 regular file."""
    try:
        if not path.is_file():
            return None
        return _folded_seed(path.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def check_quotes(sources: SourceSet, seeds_dir: Path) -> Problems:
    """Every quote must occur, verbatim but for white space, in the seed document it cites."""
    problems: Problems = []
    seeds: dict[str, _Seed | None] = {}
    for label, src in sources.all_sources():
        if "url" in src:
            continue  # a public source outside the seeds: shown with its link, not checked here
        document = src.get("document", "")
        if document not in seeds:
            seeds[document] = _seed(seeds_dir / document)
        seed = seeds[document]
        if seed is None:
            problems.append(
                _("{where}: seed document {document} not found in {folder}").format(
                    where=label, document=excerpt(document), folder=seeds_dir
                )
            )
        elif not seed.holds(normalise_quote_text(src.get("quote", ""))):
            problems.append(
                _("{where}: quote not found in {document}: {quote}").format(
                    where=label, document=excerpt(document), quote=_q(src.get("quote", ""))
                )
            )
    return problems
