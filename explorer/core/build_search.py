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


def write_search(db: Database, rows: Rows, service: dict[str, Any]) -> None:
    """One row of the Korean-aware index (see explorer.core.textnorm), and its search entries (to `rows`)."""
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
    db.execute(
        "INSERT INTO search_fts(service_id, names, keywords, body, cho, roman, jamo)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            service["id"],
            textnorm.gram_tokens(names),
            textnorm.gram_tokens(keywords),
            textnorm.gram_tokens(body, phrases=False),
            textnorm.choseong_tokens(korean + service["keywords"].get("ko", [])),
            textnorm.roman_tokens(korean),
            textnorm.jamo_tokens(korean + service["keywords"].get("ko", [])),
        ],
    )
    entries = [textnorm.search_entry("name", lang, text) for lang, text in service["name"].items()]
    entries += [
        textnorm.search_entry("name", lang, text)
        for lang, texts in service.get("alt_names", {}).items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("name", lang, text)
        for lang in ("ko", "en")
        for text in current_names(service, lang)
    ]
    entries += [
        textnorm.search_entry("keyword", lang, text)
        for lang, texts in service["keywords"].items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("text", lang, text)
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
            vocabulary.update(
                w for w in textnorm.words(textnorm.normalise(text)) if textnorm.is_korean(w) and len(w) > 1
            )
    db.conn.executemany(
        "INSERT INTO search_vocab(word, jamo) VALUES (?, ?)",
        [(word, " ".join(textnorm.jamo_trigrams(word))) for word in sorted(vocabulary)],
    )


def write_fts(db: Database, service: dict[str, Any]) -> None:
    """The service's rows of the plain full-text index, one per language it has a name or summary in."""
    languages = set(service["name"]) | set(service["summary"])
    for lang in sorted(languages):
        db.execute(
            "INSERT INTO services_fts(service_id, lang, name, alt_names, keywords, summary, description)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                service["id"],
                lang,
                service["name"].get(lang, ""),
                " | ".join([*service.get("alt_names", {}).get(lang, []), *current_names(service, lang)]),
                " | ".join(service["keywords"].get(lang, [])),
                service["summary"].get(lang, ""),
                service["description"].get(lang, ""),
            ],
        )
