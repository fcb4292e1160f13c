"""The search indexes of the catalogue: the plain full-text index, the Korean-aware index
(see explorer.core.textnorm) with each service's search entries, and the Hangul vocabulary.

A service is searchable by the names it goes by today beside its seed names (`current_names`).
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from explorer.core import textnorm
from explorer.core.build_records import Rows, json_text


def current_names(service: dict[str, Any], lang: str | None = None) -> list[str]:
    """The names a service goes by today, in `lang` or all languages (searchable beside its seed names)."""
    current = service.get("current") or {}
    names = [v for k, v in (current.get("name") or {}).items() if lang in (None, k)]
    for k, words in (current.get("alt_names") or {}).items():
        if lang in (None, k):
            names.extend(words)
    return names


def search_row(service: dict[str, Any], split: textnorm.Split = textnorm.indexed_words) -> tuple[Any, ...]:
    """The service's row of the Korean-aware index (see explorer.core.textnorm), in `SEARCH_FTS`'s
    columns; `split` as in textnorm (a `WordsMemo` shares each text's words with `search_entries`)."""
    names = list(service["name"].values())
    for words in service.get("alt_names", {}).values():
        names.extend(words)
    names.extend(current_names(service))
    keywords = [w for words in service["keywords"].values() for w in words]
    body = list(service["summary"].values()) + list(service["description"].values())
    korean = [
        service["name"].get("ko", ""),
        *service.get("alt_names", {}).get("ko", []),
        *current_names(service, "ko"),
    ]
    korean_keywords = korean + service["keywords"].get("ko", [])
    return (
        service["id"],
        textnorm.gram_tokens(names, split=split),
        textnorm.gram_tokens(keywords, split=split),
        textnorm.gram_tokens(body, phrases=False, split=split),
        textnorm.choseong_tokens(korean_keywords, split=split),
        textnorm.roman_tokens(korean, split=split),
        textnorm.jamo_tokens(korean_keywords, split=split),
    )


#: The statement that writes a `search_row`.
SEARCH_FTS = (
    "INSERT INTO search_fts(service_id, names, keywords, body, cho, roman, jamo) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def search_entries(
    rows: Rows, service: dict[str, Any], split: textnorm.Split = textnorm.indexed_words
) -> None:
    """The service's search entries (textnorm.search_entry of each name, keyword and text), to `rows`."""
    entries = [textnorm.search_entry("name", lang, text, split) for lang, text in service["name"].items()]
    entries += [
        textnorm.search_entry("name", lang, text, split)
        for lang, texts in service.get("alt_names", {}).items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("name", lang, text, split)
        for lang in ("ko", "en")
        for text in current_names(service, lang)
    ]
    entries += [
        textnorm.search_entry("keyword", lang, text, split)
        for lang, texts in service["keywords"].items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("text", lang, text, split)
        for key in ("summary", "description")
        for lang, text in service[key].items()
    ]
    rows.add("search_docs", {"service_id": service["id"], "entries": json_text(entries)})


def write_vocabulary(db: Database, services: list[dict[str, Any]]) -> None:
    """Every distinct Hangul word of the names and keywords, with its jamo trigrams."""
    vocabulary: set[str] = set()
    for service in services:
        texts = [service["name"].get("ko", ""), *service.get("alt_names", {}).get("ko", [])]
        texts += service["keywords"].get("ko", []) + current_names(service)
        for text in texts:
            vocabulary.update(w for w in textnorm.korean_words(textnorm.normalise(text)) if len(w) > 1)
    db.conn.executemany(
        "INSERT INTO search_vocab(word, jamo) VALUES (?, ?)",
        [(word, textnorm.trigram_text(word)) for word in sorted(vocabulary)],
    )


#: The statement that writes one of `fts_rows`.
SERVICES_FTS = (
    "INSERT INTO services_fts(service_id, lang, name, alt_names, keywords, summary, description)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def fts_rows(service: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The service's rows of the plain full-text index (`SERVICES_FTS`), one per language it has a
    name or summary in."""
    languages = set(service["name"]) | set(service["summary"])
    return [
        (
            service["id"],
            lang,
            service["name"].get(lang, ""),
            " | ".join([*service.get("alt_names", {}).get(lang, []), *current_names(service, lang)]),
            " | ".join(service["keywords"].get(lang, [])),
            service["summary"].get(lang, ""),
            service["description"].get(lang, ""),
        )
        for lang in sorted(languages)
    ]
