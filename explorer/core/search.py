"""Korean-first search over the catalogue: FTS5 finds candidates, a precise pass ranks and explains.

1. The query is normalised and turned into the same tokens the index holds (textnorm): Korean
   bigrams of each word with and without its particle, of the unspaced phrase, initial consonants,
   jamo trigrams for typos, Latin words as prefixes (English and romanized Korean).
2. One FTS5 MATCH (all tokens OR'ed, bm25 weighted by column, filters applied in SQL) returns at
   most CANDIDATES services.
3. Each candidate is scored by what it matched: names before keywords before descriptions, exact
   before partial before initials/romanization before typo; the result says why it matched.
Any input is safe: the FTS query is built from tokens only, never from the user's syntax.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from explorer.core import textnorm
from explorer.core.catalog import Catalogue
from explorer.core.errors import CatalogueError
from explorer.core.hangul import choseong, is_choseong_query, jamo, romanize

CANDIDATES = 200
# bm25 weights: service_id, names, keywords, body, cho, roman, jamo
_WEIGHTS = (0.0, 10.0, 5.0, 1.0, 6.0, 6.0, 1.5)

# Points by what matched; the field order is names > keywords > text (issue: ranking).
_POINTS = {
    ("name", "exact"): 1000,
    ("name", "partial"): 800,
    ("name", "mentioned"): 760,
    ("name", "initials"): 700,
    ("name", "romanization"): 680,
    ("name", "words"): 650,
    ("name", "typo"): 560,
    ("keyword", "exact"): 540,
    ("keyword", "partial"): 480,
    ("keyword", "mentioned"): 470,
    ("keyword", "initials"): 440,
    ("keyword", "words"): 420,
    ("keyword", "typo"): 360,
    ("text", "partial"): 250,
    ("text", "words"): 200,
}
#: Results scoring under this share of the best result's score are dropped as noise.
RELATIVE_CUTOFF = 0.5


@dataclass
class Match:
    """Why a service matched: the field, the language, the matching text and how it matched."""

    field: str
    lang: str
    text: str
    how: str


@dataclass
class Result:
    """One search result."""

    id: str
    names: dict[str, str]
    score: float
    matched: list[Match] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The result as `explorer search --json` prints it."""
        return {
            "id": self.id,
            "names": self.names,
            "score": round(self.score, 2),
            "matched": [asdict(m) for m in self.matched],
        }


@dataclass
class Query:
    """A query taken apart into the forms the index and the ranker compare."""

    text: str
    words: list[str]
    korean_words: list[str]
    korean_stems: list[str]
    latin: list[str]
    compact: str
    stem_compact: str
    initials: str | None

    @classmethod
    def parse(cls, raw: str) -> Query:
        """Normalise `raw` (any text at all) into a Query."""
        text = textnorm.normalise(raw)
        words = textnorm.words(text)
        korean = [w for w in words if textnorm.is_korean(w)]
        meaningful = [w for w in korean if w not in textnorm.KOREAN_STOPWORDS] or korean
        stems = [textnorm.safe_stem(w) for w in meaningful]
        latin = [w for w in words if not textnorm.is_korean(w)]
        initials = "".join(text.split()) if is_choseong_query(text) else None
        return cls(
            text=text,
            words=words,
            korean_words=meaningful,
            korean_stems=stems,
            latin=latin,
            compact="".join(words),
            stem_compact="".join(stems) + "".join(latin),
            initials=initials,
        )

    def fts(self) -> str:
        """The FTS5 MATCH expression: only tokens, each quoted; empty when there is nothing to find."""
        gram: set[str] = set()
        prefixes: set[str] = set()
        cho: set[str] = set()
        jamo3: set[str] = set()
        roman: set[str] = set()
        for word, stem in zip(self.korean_words, self.korean_stems, strict=True):
            if self.initials:
                continue
            for form in {word, stem, textnorm.stem_korean(word)}:
                if len(form) == 1:
                    prefixes.add(form)
                gram.update(textnorm.bigrams(form) if len(form) > 1 else [])
            jamo3.update(textnorm.jamo_trigrams(stem))
        if len(self.korean_stems) > 1 and not self.initials:
            gram.update(textnorm.bigrams("".join(self.korean_stems)))
        if self.initials:
            cho.add(self.initials)
            cho.update(textnorm.bigrams(self.initials))
        for word in self.latin:
            prefixes.add(word)
            roman.add(word[:5] if len(word) > 5 else word)
        parts = []
        if gram or prefixes:
            tokens = [_quote(t) for t in sorted(gram)] + [_quote(t) + "*" for t in sorted(prefixes)]
            parts.append("{names keywords body}: (" + " OR ".join(tokens) + ")")
        if cho:
            parts.append("cho: (" + " OR ".join(_quote(t) + "*" for t in sorted(cho)) + ")")
        if roman:
            parts.append("roman: (" + " OR ".join(_quote(t) + "*" for t in sorted(roman)) + ")")
        if jamo3:
            parts.append("jamo: (" + " OR ".join(_quote(t) for t in sorted(jamo3)) + ")")
        return " OR ".join(parts)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _texts(value: str | None) -> dict[str, Any]:
    return json.loads(value) if value else {}


class Searcher:
    """Searches one open catalogue. Cheap to make; holds no state between queries."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue

    def search(
        self,
        query: str,
        limit: int = 20,
        category: str | None = None,
        audience: str | None = None,
        status: str | None = None,
    ) -> list[Result]:
        """Services matching `query` (any text), best first, within the filters."""
        limit = max(1, min(int(limit), 500))
        parsed = Query.parse(query)
        filters, params = _filters(category, audience, status)
        expression = parsed.fts()
        if not expression:
            if not parsed.words and filters:
                return self._listing(category, audience, status, limit)
            return []
        sql = (
            f"SELECT service_id, bm25(search_fts, {', '.join(map(str, _WEIGHTS))}) AS rank"
            f" FROM search_fts WHERE search_fts MATCH ?{filters} ORDER BY rank LIMIT {CANDIDATES}"
        )
        try:
            rows = self._catalogue.connection.execute(sql, [expression, *params]).fetchall()
        except sqlite3.OperationalError as exc:
            raise CatalogueError(f"Search failed in {self._catalogue.path}: {exc}") from exc
        if not rows:
            return []
        ranks = {sid: rank for sid, rank in rows}
        results = [self._score(parsed, row, ranks[row["id"]]) for row in self._rows(list(ranks))]
        results = [r for r in results if r.matched]
        results.sort(key=lambda r: (-r.score, r.names.get("ko", "")))
        if results:
            floor = results[0].score * RELATIVE_CUTOFF
            results = [r for r in results if r.score >= floor]
        return results[:limit]

    def _rows(self, ids: list[str]) -> list[dict[str, Any]]:
        marks = ", ".join("?" * len(ids))
        return self._catalogue.query(
            f"SELECT id, name, alt_names, keywords, summary, description FROM services WHERE id IN ({marks})",
            ids,
        )

    def _listing(
        self, category: str | None, audience: str | None, status: str | None, limit: int
    ) -> list[Result]:
        """Every service within the filters, by name, for an empty query."""
        filters, params = _filters(category, audience, status, column="id")
        rows = self._catalogue.query(
            f"SELECT id, name FROM services WHERE 1{filters} ORDER BY position LIMIT {limit}", params
        )
        return [
            Result(row["id"], _texts(row["name"]), 0.0, [Match("filter", "", "", "filter")]) for row in rows
        ]

    def _score(self, query: Query, row: dict[str, Any], rank: float) -> Result:
        names = _texts(row["name"])
        candidates: list[tuple[str, str, str]] = [("name", lang, text) for lang, text in names.items()]
        for lang, alts in _texts(row["alt_names"]).items():
            candidates.extend(("name", lang, text) for text in alts)
        candidates.extend(
            ("keyword", lang, text) for lang, kws in _texts(row["keywords"]).items() for text in kws
        )
        for key in ("summary", "description"):
            candidates.extend(("text", lang, text) for lang, text in _texts(row[key]).items())

        best: tuple[float, Match] | None = None
        for field_name, lang, text in candidates:
            found = _match(query, field_name, text)
            if found is None:
                continue
            how, quality = found
            base = _POINTS[(field_name, how)]
            points = base * (0.5 + 0.5 * quality) if how == "words" else base + 50 * quality
            if best is None or points > best[0]:
                best = (points, Match(field_name, lang, text, how))
        if best is None:
            return Result(row["id"], names, 0.0, [])
        # bm25 is negative; better matches are more negative. It only breaks ties.
        return Result(row["id"], names, best[0] + min(20.0, -rank), [best[1]])


def _match(query: Query, field_name: str, text: str) -> tuple[str, float] | None:
    """How `text` matches `query` and how well (0..1), or None."""
    target = textnorm.compact(text)
    if not target:
        return None
    needle = query.stem_compact
    if field_name != "text" and target in (query.compact, needle):
        return "exact", 1.0
    if len(needle) >= 2 and needle in target:
        return "partial", 0.5 * len(needle) / len(target) + 0.5 * target.startswith(needle)
    if len(query.compact) >= 2 and query.compact in target:
        return "partial", 0.5 * len(query.compact) / len(target) + 0.5 * target.startswith(query.compact)
    if field_name != "text" and len(target) >= 2 and target in query.compact:
        return "mentioned", len(target) / len(query.compact)
    if field_name != "text" and query.initials:
        initials = choseong(target)
        if query.initials in initials:
            return "initials", len(query.initials) / max(1, len(initials))
    if field_name == "name" and query.latin and not query.korean_stems:
        roman = romanize(target)
        latin = "".join(query.latin)
        if len(latin) >= 3 and (latin in roman or fuzz.partial_ratio(latin, roman) >= 90):
            return "romanization", 1.0 if latin in roman else 0.5
    hits, total = _word_hits(query, text, target)
    if hits and (hits == total or hits / total >= 0.5):
        return "words", hits / total
    typo = _typo(query, field_name, text)
    if typo is not None:
        return "typo", typo
    return None


def _typo(query: Query, field_name: str, text: str) -> float | None:
    """Similarity (0..1) when a Korean query is one or two jamo edits from a stretch of a word.

    The query is compared, letter by letter, with windows of syllables of the same length (±1)
    in each word of `text`: "센타" is one jamo from "센터" in "돌봄센터".
    """
    needle = "".join(query.korean_stems)
    if field_name == "text" or len(needle) < 2:
        return None
    query_jamo = jamo(needle)
    allowed = 1 if len(needle) <= 3 else 2
    best: float | None = None
    for word in textnorm.words(textnorm.normalise(text)):
        if not textnorm.is_korean(word):
            continue
        for size in {len(needle) - 1, len(needle), len(needle) + 1} - {0}:
            for start in range(max(1, len(word) - size + 1)):
                window = word[start : start + size]
                distance = Levenshtein.distance(query_jamo, jamo(window), score_cutoff=allowed)
                if distance <= allowed and window != needle:
                    similarity = 1 - distance / max(len(query_jamo), 1)
                    best = similarity if best is None else max(best, similarity)
    return best


def _word_hits(query: Query, text: str, target: str) -> tuple[int, int]:
    """How many of the query's words occur in `text`: Korean stems inside the unspaced text,
    English words as whole (lightly stemmed) words; common English words do not count."""
    english = [textnorm.stem_english(w) for w in query.latin if w not in textnorm.STOPWORDS]
    total = len(query.korean_stems) + len(english)
    if not total:
        return 0, 0
    hits = sum(1 for stem in query.korean_stems if stem in target)
    if english:
        present = textnorm.english_words(text)
        hits += sum(1 for word in english if word in present)
    return hits, total


def _filters(
    category: str | None, audience: str | None, status: str | None, column: str = "service_id"
) -> tuple[str, list[str]]:
    sql, params = "", []
    if category:
        sql += f" AND {column} IN (SELECT service_id FROM service_categories WHERE category_id = ?)"
        params.append(category)
    if audience:
        sql += f" AND {column} IN (SELECT service_id FROM service_audiences WHERE audience_id = ?)"
        params.append(audience)
    if status:
        sql += f" AND {column} IN (SELECT id FROM services WHERE status = ?)"
        params.append(status)
    return sql, params
