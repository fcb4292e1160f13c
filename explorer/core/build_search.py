"""The search indexes of the catalogue: the plain full-text index, the Korean-aware index
(see explorer.core.textnorm) with each service's search entries, and the Hangul vocabulary.

A service is searchable by the names it goes by today beside its seed names (`current_names`).
Its search rows are pure functions of its texts (`search_inputs`), so they are made once for the
same texts and kept for the next build in the same process (`search_rows`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, NamedTuple

from sqlite_utils import Database

from explorer.core import textnorm
from explorer.core.build_records import json_text


def current_names(service: dict[str, Any], lang: str | None = None) -> list[str]:
    """The names a service goes by today, in `lang` or all languages (searchable beside its seed names)."""
    current = service.get("current") or {}
    names = [v for k, v in (current.get("name") or {}).items() if lang in (None, k)]
    for k, words in (current.get("alt_names") or {}).items():
        if lang in (None, k):
            names.extend(words)
    return names


def search_inputs(service: dict[str, Any]) -> dict[str, Any]:
    """What a service's search rows are made from: its id, names, keywords and texts, and the names
    it goes by today (`search_row` and `search_entries` read nothing else)."""
    current = service.get("current") or {}
    return {
        "id": service["id"],
        "name": service["name"],
        "alt_names": service.get("alt_names", {}),
        "keywords": service["keywords"],
        "summary": service["summary"],
        "description": service["description"],
        "current": {"name": current.get("name"), "alt_names": current.get("alt_names")},
    }


class SearchRows(NamedTuple):
    """A service's row of the Korean-aware index (`SEARCH_FTS`) and its search entries (JSON)."""

    row: tuple[Any, ...]
    entries: str


class _Kept:
    """Search rows made before, by the text of their inputs (the repr of `search_inputs`).

    A build, and every rebuild in one process (the tests build the catalogue dozens of times),
    makes the same rows from the same texts; they are pure functions of them. At most `BUDGET`
    characters (inputs and rows) are kept, the least recently used dropped first.
    """

    BUDGET = 4_000_000

    def __init__(self) -> None:
        self._items: OrderedDict[str, tuple[SearchRows, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> SearchRows | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: str, rows: SearchRows) -> None:
        size = len(key) + len(rows.entries) + sum(len(v) for v in rows.row if isinstance(v, str))
        if size > self.BUDGET // 8:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (rows, size)
            self._chars += size
            while self._chars > self.BUDGET:
                _oldest, (_rows, dropped) = self._items.popitem(last=False)
                self._chars -= dropped


_kept = _Kept()


def search_rows(service: dict[str, Any], split: textnorm.Split = textnorm.indexed_words) -> SearchRows:
    """The service's row of the Korean-aware index and its search entries, made once for the same
    `search_inputs` (see `_Kept`); `split` as in `search_row`."""
    inputs = search_inputs(service)
    key = repr(inputs)
    found = _kept.get(key)
    if found is None:
        found = SearchRows(search_row(inputs, split), json_text(search_entries(inputs, split)))
        _kept.put(key, found)
    return found


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
    service: dict[str, Any], split: textnorm.Split = textnorm.indexed_words
) -> list[dict[str, object]]:
    """The service's search entries: textnorm.search_entry of each name, keyword and text."""
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
    return entries


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
