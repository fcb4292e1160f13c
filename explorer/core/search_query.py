"""A search query taken apart (`Query`): the forms the FTS5 index and the ranker compare, and the
MATCH expressions built from them (explorer.core.search runs them). Built from tokens only, each
quoted (`quote_token`): the user's own FTS5 syntax never reaches SQLite.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core import textnorm
from explorer.core.hangul import is_choseong_query


@dataclass
class Query:
    """A query taken apart into the forms the index and the ranker compare."""

    text: str
    words: list[str]
    korean_words: list[str]
    korean_stems: list[str]
    latin: list[str]
    #: The English words, lightly stemmed, without common words (compared with entries' words).
    english: list[str]
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
            english=[textnorm.stem_english(w) for w in latin if w not in textnorm.STOPWORDS],
            compact="".join(words),
            stem_compact="".join(stems) + "".join(latin),
            initials=initials,
        )

    def fts_all(self) -> str:
        """Every word of the query in names or keywords (AND): the precise first stage.

        Empty when the query has fewer than two terms (the names stage is as precise then).
        """
        if self.initials:
            return ""
        terms: list[str] = []
        for stem in self.korean_stems:
            if len(stem) == 1:
                terms.append(quote_token(stem) + "*")
            else:
                terms += [quote_token(gram) for gram in textnorm.bigrams(stem)]
        terms += [
            quote_token(word) + "*"
            for word in self.latin
            if word not in textnorm.STOPWORDS or len(self.latin) == 1
        ]
        if len(terms) < 2:
            return ""
        return "{names keywords}: (" + " AND ".join(dict.fromkeys(terms)) + ")"

    def fts(self, stage: str = "broad") -> str:
        """The FTS5 MATCH expression: only tokens, each quoted; empty when there is nothing to find.

        Stages go from cheap to costly: "names" looks in names, keywords, whole initials and
        romanization; "broad" adds the long text and initials bigrams. (Typos are corrected against
        the vocabulary first, see Searcher._corrected, then searched through these stages.)
        """
        gram: set[str] = set()
        prefixes: set[str] = set()
        cho: set[str] = set()
        roman: set[str] = set()
        for word, stem in zip(self.korean_words, self.korean_stems, strict=True):
            if self.initials:
                continue
            for form in {word, stem, textnorm.stem_korean(word)}:
                if len(form) == 1 and len(self.korean_words) == 1:
                    prefixes.add(form)  # a lone syllable ("집") as a prefix; in a phrase it is noise
                gram.update(textnorm.bigrams(form) if len(form) > 1 else [])
        if len(self.korean_stems) > 1 and not self.initials:
            gram.update(textnorm.bigrams("".join(self.korean_stems)))
        if self.initials:
            cho.add(self.initials)
            if stage != "names":
                cho.update(textnorm.bigrams(self.initials))
        for word in self.latin:
            if word in textnorm.STOPWORDS and len(self.latin) > 1:
                continue
            prefixes.add(word)
            roman.add(word[:5] if len(word) > 5 else word)
        columns = "{names keywords}" if stage == "names" else "{names keywords body}"
        parts = []
        if gram or prefixes:
            tokens = [quote_token(t) for t in sorted(gram)] + [quote_token(t) + "*" for t in sorted(prefixes)]
            parts.append(columns + ": (" + " OR ".join(tokens) + ")")
        if cho:
            parts.append("cho: (" + " OR ".join(quote_token(t) + "*" for t in sorted(cho)) + ")")
        if roman:
            parts.append("roman: (" + " OR ".join(quote_token(t) + "*" for t in sorted(roman)) + ")")
        return " OR ".join(parts)


def quote_token(token: str) -> str:
    """One token as an FTS5 string: the only way the user's text reaches a MATCH expression."""
    return '"' + token.replace('"', '""') + '"'
