"""Korean-first search over the catalogue: FTS5 finds candidates, a precise pass ranks and explains.

1. The query is normalised and turned into the same tokens the index holds (textnorm; the parsed
   query and its MATCH expressions are explorer.core.search_query): Korean bigrams of each word with
   and without its particle, of the unspaced phrase, initial consonants, Latin words as prefixes
   (English and romanized Korean).
2. FTS5 returns at most CANDIDATES services from the cheapest stage that gives enough: every word
   in names or keywords, then any word in them, then any word anywhere (bm25 weighted by column,
   filters applied in SQL).
3. Each candidate is scored by what it matched: names before keywords before descriptions, exact
   before partial before initials/romanization before typo; the result says why it matched.
4. When nothing matched by name or keyword, each Korean word is corrected against the vocabulary
   of names and keywords (jamo trigrams, then jamo edit distance), each Latin word against the
   names' romanizations and English words (edit distance), and the corrected query is searched the
   same way; its results rank as typo matches.
Any input is safe: the FTS query is built from tokens only, never from the user's syntax.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from explorer.core import textnorm
from explorer.core.catalog import Catalogue
from explorer.core.current import GONE, RUNS
from explorer.core.errors import CatalogueError
from explorer.core.hangul import jamo, romanize
from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.search_query import Query, quote_token

CANDIDATES = 60
#: Decoded ranking entries kept in memory (the catalogue is read-only, so they never go stale): at
#: most this many services, and at most DOC_CACHE_BYTES of their stored text (a service's entries
#: hold up to textnorm.MAX_INDEXED characters of each long text, so the count alone is no bound).
DOC_CACHE = 5000
DOC_CACHE_BYTES = 32_000_000
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


def _texts(value: str | None) -> dict[str, Any]:
    return json.loads(value) if value else {}


class Searcher:
    """Searches one open catalogue. Cheap to make; holds no state between queries."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._cache: OrderedDict[str, tuple[dict[str, str], list[dict[str, Any]]]] = OrderedDict()
        #: The size of each cached service's stored text, and their sum (the cache's bound in bytes).
        self._sizes: dict[str, int] = {}
        self._cache_bytes = 0
        self._gone: frozenset[str] | None = None
        self._latin: list[str] | None = None

    def _ended(self) -> frozenset[str]:
        """Services that have ended (or never started), read once."""
        if self._gone is None:
            self._gone = frozenset(self._catalogue.ended_services())
        return self._gone

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
        broad = parsed.fts("broad")
        if not broad:
            if not parsed.words and filters:
                return self._listing(category, audience, status, limit)
            return []
        # Every word in names or keywords first; then any word in them; the long text only when
        # they give too few candidates.
        rows = self._staged(parsed, filters, params)
        ranks = {sid: rank for sid, rank in rows}
        docs = self._docs(list(ranks))
        results = [self._score(parsed, sid, docs[sid], ranks[sid]) for sid in docs]
        strong = [r for r in results if r.matched and r.score >= _POINTS[("keyword", "initials")]]
        if not strong and len(parsed.korean_stems) <= 2:
            # Nothing matched by name or keyword as typed: now (and only now) look for typos, by
            # correcting the words against the vocabulary of names and keywords.
            corrected = self._corrected(parsed)
            if corrected is not None:
                rows = self._staged(corrected, filters, params)
                ranks = {sid: rank for sid, rank in rows}
                docs = self._docs(list(ranks))
                results = [_as_typo(self._score(corrected, sid, docs[sid], ranks[sid])) for sid in docs]
        results = [r for r in results if r.matched]
        gone = self._ended()
        # A service that has ended comes after every one that runs (its page says it ended), unless
        # its name (today's, the seeds' or a former one) was typed in full: the person is asking
        # about that service ("what happened to 서울 안심소득?").
        results.sort(key=lambda r: (r.id in gone and not _named(r), -r.score, r.names.get("ko", "")))
        if results:
            floor = results[0].score * RELATIVE_CUTOFF
            results = [r for r in results if r.score >= floor]
        return results[:limit]

    def _staged(self, query: Query, filters: str, params: list[str]) -> list[tuple[str, float]]:
        """Candidates from the cheapest stage that gives enough: every word in names or keywords,
        then any word in them, then any word anywhere."""
        rows = self._candidates(query.fts_all(), filters, params)
        if len(rows) < CANDIDATES // 2:
            rows = self._candidates(query.fts("names"), filters, params)
        if len(rows) < CANDIDATES // 2:
            rows = self._candidates(query.fts("broad"), filters, params)
        return rows

    def _candidates(self, expression: str, filters: str, params: list[str]) -> list[tuple[str, float]]:
        if not expression:
            return []
        sql = (
            f"SELECT service_id, bm25(search_fts, {', '.join(map(str, _WEIGHTS))}) AS rank"
            f" FROM search_fts WHERE search_fts MATCH ?{filters} ORDER BY rank LIMIT {CANDIDATES}"
        )
        try:
            return self._catalogue.connection.execute(sql, [expression, *params]).fetchall()
        except sqlite3.Error as exc:  # the whole family: a damaged index page is a DatabaseError
            raise self._failed(exc) from exc

    def _failed(self, why: BaseException | str) -> CatalogueError:
        """The one-line error for a search the catalogue could not answer (a damaged index or stored
        text): `why` is SQLite's error, or what was wrong already said in the interface language."""
        if not isinstance(why, str):  # SQLite's own words stay as SQLite writes them, quoted as data
            detail = excerpt(str(why) or type(why).__name__, 120)
            why = _("SQLite reports “{detail}”").format(detail=detail)
        return CatalogueError(
            _(
                "Search failed in {path}: {why}; the catalogue may be damaged"
                " (check it with `explorer db check`, rebuild it with `explorer db build`)"
            ).format(path=self._catalogue.path, why=why)
        )

    def _corrected(self, query: Query) -> Query | None:
        """The query with each Korean word replaced by the closest stretch of a vocabulary word
        (one or two jamo apart), and each Latin word of four letters or more by the closest Latin form
        of a service's name (one letter apart, two from eight letters on: "zerpay" → zeropay,
        "anshimi" → ansimi); None when no word has a near neighbour."""
        changed = False
        words: list[str] = []
        for stem in query.korean_stems:
            fixed = self._nearest(stem) if len(stem) >= 2 else None
            changed = changed or (fixed is not None and fixed != stem)
            words.append(fixed or stem)
        for word in query.latin:
            fixed = self._nearest_latin(word) if len(word) >= 4 and not word.isdigit() else None
            changed = changed or (fixed is not None and fixed != word)
            words.append(fixed or word)
        if not changed:
            return None
        return Query.parse(" ".join(words))

    def _nearest_latin(self, word: str) -> str | None:
        """The Latin form of a service's name closest to `word`, within one letter (two from eight
        letters on): its romanization (ansimi, jeropei) or one of its English words (zeropay, care)."""
        if self._latin is None:  # read once: the names of every service, from the ranking entries
            forms: set[str] = set()
            for _names, entries in self._docs(self._catalogue.service_ids()).values():
                for entry in entries:
                    if entry["f"] == "name":
                        forms.update(w for w in [entry.get("r") or "", *entry["w"]] if len(w) >= 4)
            self._latin = sorted(forms)
        found = process.extractOne(
            word, self._latin, scorer=Levenshtein.distance, score_cutoff=1 if len(word) < 8 else 2
        )
        return str(found[0]) if found else None

    def _nearest(self, stem: str) -> str | None:
        grams = textnorm.jamo_trigrams(stem)
        if not grams:
            return None
        try:
            rows = self._catalogue.connection.execute(
                "SELECT word FROM search_vocab WHERE search_vocab MATCH ? ORDER BY rank LIMIT 40",
                ["jamo: (" + " OR ".join(quote_token(g) for g in dict.fromkeys(grams)) + ")"],
            ).fetchall()
        except sqlite3.Error as exc:
            raise self._failed(exc) from exc
        best: tuple[int, str] | None = None
        wanted = jamo(stem)
        allowed = 1 if len(stem) <= 3 else 2
        for (word,) in rows:
            for size in {len(stem) - 1, len(stem), len(stem) + 1} - {0, 1}:
                for start in range(max(1, len(word) - size + 1)):
                    window = word[start : start + size]
                    distance = Levenshtein.distance(wanted, jamo(window), score_cutoff=allowed)
                    if distance <= allowed and (best is None or distance < best[0]):
                        best = (distance, window)
        return best[1] if best else None

    def _docs(self, ids: list[str]) -> dict[str, tuple[dict[str, str], list[dict[str, Any]]]]:
        cache = self._cache
        missing = [sid for sid in ids if sid not in cache]
        if missing:
            marks = ", ".join("?" * len(missing))
            rows = self._catalogue.query(
                "SELECT s.id, s.name, d.entries FROM services s JOIN search_docs d ON d.service_id = s.id"
                f" WHERE s.id IN ({marks})",
                missing,
            )
            for row in rows:
                sid = row["id"]
                try:
                    cache[sid] = (_texts(row["name"]), json.loads(row["entries"]))
                except (ValueError, TypeError, RecursionError) as exc:  # damaged stored text
                    raise self._failed(
                        _("the search entry of {id} is not valid JSON (“{detail}”)").format(
                            id=excerpt(sid), detail=excerpt(str(exc), 80)
                        )
                    ) from None
                size = len(row["entries"] or "") + len(row["name"] or "")
                self._cache_bytes += size - self._sizes.get(sid, 0)
                self._sizes[sid] = size
        found = {}
        for sid in ids:
            if sid in cache:
                cache.move_to_end(sid)
                found[sid] = cache[sid]
        # The least recently used go first; the services of this search are always kept.
        while len(cache) > len(found) and (len(cache) > DOC_CACHE or self._cache_bytes > DOC_CACHE_BYTES):
            dropped, _doc = cache.popitem(last=False)
            self._cache_bytes -= self._sizes.pop(dropped, 0)
        return found

    def _listing(
        self, category: str | None, audience: str | None, status: str | None, limit: int
    ) -> list[Result]:
        """Every service within the filters, by name, for an empty query."""
        filters, params = _filters(category, audience, status, column="id")
        rows = self._catalogue.query(
            f"SELECT id, name FROM services WHERE 1{filters} ORDER BY position LIMIT {limit}", params
        )
        try:
            return [
                Result(row["id"], _texts(row["name"]), 0.0, [Match("filter", "", "", "filter")])
                for row in rows
            ]
        except (ValueError, TypeError, RecursionError) as exc:  # damaged stored text
            raise self._failed(
                _("a stored name is not valid JSON (“{detail}”)").format(detail=excerpt(str(exc), 80))
            ) from None

    def _score(
        self,
        query: Query,
        sid: str,
        doc: tuple[dict[str, str], list[dict[str, Any]]],
        rank: float,
    ) -> Result:
        names, entries = doc
        best: tuple[float, Match] | None = None
        for entry in entries:
            found = _match(query, entry)
            if found is None:
                continue
            how, quality = found
            base = _POINTS[(entry["f"], how)]
            points = base * (0.5 + 0.5 * quality) if how == "words" else base + 50 * quality
            if best is None or points > best[0]:
                best = (points, Match(entry["f"], entry["l"], entry["t"], how))
        if best is None:
            return Result(sid, names, 0.0, [])
        # bm25 is negative; better matches are more negative. It only breaks ties.
        return Result(sid, names, best[0] + min(20.0, -rank), [best[1]])


def _named(result: Result) -> bool:
    """True when the query is one of the service's names, typed in full."""
    return bool(result.matched) and (result.matched[0].field, result.matched[0].how) == ("name", "exact")


def _as_typo(result: Result) -> Result:
    """A result found through a corrected word: it ranks as a typo match of its field, and says so."""
    if not result.matched:
        return result
    match = result.matched[0]
    base = _POINTS.get((match.field, "typo"), _POINTS[("text", "words")] * 0.8)
    bonus = result.score - _POINTS[(match.field, match.how)] if (match.field, match.how) in _POINTS else 0.0
    match.how = "typo"
    result.score = base + max(0.0, min(bonus, 70.0))
    return result


def _match(query: Query, entry: dict[str, Any]) -> tuple[str, float] | None:
    """How one precomputed entry (textnorm.search_entry) matches `query`, and how well (0..1)."""
    field_name, target = entry["f"], entry["c"]
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
    if field_name != "text" and query.initials and query.initials in entry["i"]:
        return "initials", len(query.initials) / max(1, len(entry["i"]))
    if field_name == "name" and query.latin and not query.korean_stems:
        roman = entry.get("r") or romanize(target)
        latin = "".join(query.latin)
        if len(latin) >= 3 and (latin in roman or fuzz.partial_ratio(latin, roman) >= 90):
            return "romanization", 1.0 if latin in roman else 0.5
    hits, total = _word_hits(query, entry)
    if hits and (hits == total or hits / total >= 0.5):
        return "words", hits / total
    return None


def _word_hits(query: Query, entry: dict[str, Any]) -> tuple[int, int]:
    """How many of the query's words occur in the entry: Korean stems inside its unspaced text,
    English words as whole (lightly stemmed) words; common English words do not count."""
    english = query.english
    total = len(query.korean_stems) + len(english)
    if not total:
        return 0, 0
    target = entry["c"]
    hits = sum(1 for stem in query.korean_stems if stem in target)
    if english:
        present = entry["w"]
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
        # The state today where it is known; "planned" is a seed plan not known to have started.
        known = "SELECT service_id FROM current_state WHERE state != 'unknown'"
        if status == "active":
            sql += f" AND {column} IN (SELECT service_id FROM current_state WHERE state IN ({_RUNS_SQL}))"
        elif status == "ended":
            sql += f" AND {column} IN (SELECT service_id FROM current_state WHERE state IN ({_GONE_SQL}))"
        elif status == "planned":
            sql += (
                f" AND {column} IN (SELECT id FROM services WHERE status = ?) AND {column} NOT IN ({known})"
            )
            params.append(status)
        else:
            sql += f" AND {column} NOT IN ({known})"
    return sql, params


_RUNS_SQL = ", ".join(f"'{state}'" for state in RUNS)
_GONE_SQL = ", ".join(f"'{state}'" for state in GONE)
