"""Every quote in the catalogue sources occurs, verbatim but for white space, in its seed document."""

from __future__ import annotations

import re
from pathlib import Path

from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.source_checkers import Problems, _q
from explorer.core.source_set import SourceSet


def normalise_quote_text(text: str) -> str:
    """Fold runs of white space so a quote can span the seed's line breaks."""
    return re.sub(r"\s+", " ", text).strip()


def _seed_text(path: Path) -> str | None:
    """A seed document's text, white space folded; None when it is not a readable UTF-8 regular file."""
    try:
        if not path.is_file():
            return None
        return normalise_quote_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def check_quotes(sources: SourceSet, seeds_dir: Path) -> Problems:
    """Every quote must occur, verbatim but for white space, in the seed document it cites."""
    problems: Problems = []
    texts: dict[str, str | None] = {}
    for label, src in sources.all_sources():
        if "url" in src:
            continue  # a public source outside the seeds: shown with its link, not checked here
        document = src.get("document", "")
        if document not in texts:
            texts[document] = _seed_text(seeds_dir / document)
        text = texts[document]
        if text is None:
            problems.append(
                _("{where}: seed document {document} not found in {folder}").format(
                    where=label, document=excerpt(document), folder=seeds_dir
                )
            )
        elif normalise_quote_text(src.get("quote", "")) not in text:
            problems.append(
                _("{where}: quote not found in {document}: {quote}").format(
                    where=label, document=excerpt(document), quote=_q(src.get("quote", ""))
                )
            )
    return problems
