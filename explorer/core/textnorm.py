"""Normalise what people type, and turn text into the tokens the Korean-aware index holds.

The same functions make the index (at build time) and the query (at search time), so the two
always agree. Korean has no spaces inside words people expect to match ("제로 페이" = "제로페이")
and glues particles to nouns ("돌봄을"), so Hangul runs are indexed as overlapping two-syllable
grams; Latin text is indexed as words (FTS5's porter stemmer folds "fees" to "fee").

A build splits each text into its words once (`indexed_words`, shared through a `WordsMemo`), and
the pure functions of one word (initials, stems, grams) are kept in small bounded caches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from explorer.core.hangul import choseong, is_syllable, jamo, romanize

#: Longest query that is looked at; the rest is ignored (10,000 pasted characters stay quick).
MAX_QUERY = 200
#: Longest catalogue text that is indexed (descriptions are far shorter; this only bounds the work).
MAX_INDEXED = 20000

# Particles and endings that attach to the end of a Korean word, longest first.
_ENDINGS = sorted(
    (
        "은 는 이 가 을 를 의 에 와 과 도 만 로 으로 에서 에게 한테 께 까지 부터 "
        "이나 나 랑 이랑 하고 처럼 보다 요 이요 예요 이에요 에요 입니다 합니다 "
        "해요 해 해주세요 주세요 세요 싶어요 싶다 있나요 없나요 인가요 나요 가요 "
        "는데 은데 인데 는지 은지 할래요 하려면 려면 으려면 할까요 까요 어요 아요 "
        "워요 와요 져요 거든요 죠 지요 고 면 으면 다"
    ).split(" "),
    key=len,
    reverse=True,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
# The kinds of letter a word is a run of: Latin letters and digits, Hangul (syllables and
# compatibility jamo, what `hangul.is_hangul` says of each letter), Han. Written once, here.
_LATIN = r"[0-9A-Za-z\u00c0-\u024f]+"
_HANGUL = "[\u3131-\u318e\uac00-\ud7a3]+"
_HAN = r"[\u4e00-\u9fff]+"
_WORD = re.compile(f"{_LATIN}|{_HANGUL}|{_HAN}")
#: A word of Hangul only.
_KOREAN_WORD = re.compile(_HANGUL)
#: A word of any other kind (what `indexed_words` keeps apart from the Hangul ones).
_OTHER_WORD = re.compile(f"{_LATIN}|{_HAN}")


_LEADING_JAMO = {0x1100 + i: c for i, c in enumerate("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")}


def _fold(char: str) -> str:
    """NFKC for one character, but typed jamo stay the keyboard's letters (ㅈ, not U+110C)."""
    if 0x3131 <= ord(char) <= 0x318E:
        return char
    if ord(char) in _LEADING_JAMO:
        return _LEADING_JAMO[ord(char)]
    return unicodedata.normalize("NFKC", char)


_JAMO = re.compile("[\u1100-\u1112\u3131-\u318e]")


def normalise(text: str, limit: int = MAX_QUERY) -> str:
    """NFKC (typed jamo kept), no control characters, single spaces, lower case, at most `limit` chars."""
    text = text[: limit * 4]
    if _JAMO.search(text):
        text = "".join(_fold(c) for c in unicodedata.normalize("NFC", text))
    else:
        text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text)
    return " ".join(text.lower().split())[:limit]


def words(text: str) -> list[str]:
    """Runs of Hangul, of Latin letters and digits, or of Han characters; everything else separates."""
    return _WORD.findall(text)


def stem_korean(word: str) -> str:
    """`word` without one trailing particle or ending, keeping at least one syllable ("돌봄을" → "돌봄")."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 1:
            return word[: -len(ending)]
    return word


def safe_stem(word: str) -> str:
    """The stem when it keeps two syllables or more, else the word ("제로" stays "제로", not "제")."""
    stem = stem_korean(word)
    return stem if len(stem) >= 2 else word


#: English words too common to tell services apart.
STOPWORDS = frozenset(
    (
        "a an and are at be by can do for from get give how i if in is it me my of on or our the to want we "
        "what where who with you your"
    ).split(" ")
)


#: Korean words that carry the speaker's mood, not the need ("싶어요", "어떡해요").
KOREAN_STOPWORDS = frozenset(
    (
        "싶어요 싶다 싶은데 있나요 없나요 있어요 어떡해요 어떻게 어떡하죠 너무 좀 정말 진짜 해요 하고 "
        "주세요 알려주세요 뭐 어디 무엇 어떤 저는 제가 나는 내가 우리 그냥 요즘 혹시 필요해요 받고"
    ).split(" ")
)


def stem_english(word: str) -> str:
    """A light English stem, only a plural "s": "fees" → "fee", "shops" → "shop", "bus" stays."""
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def bigrams(run: str) -> list[str]:
    """Overlapping two-syllable grams of a Hangul run ("제로페이" → 제로 로페 페이); one syllable stays."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def jamo_trigrams(run: str) -> list[str]:
    """Overlapping three-letter grams of a Hangul run spelled out in jamo, for typo-tolerant matching."""
    letters = jamo(run)
    if len(letters) < 3:
        return []
    return [letters[i : i + 3] for i in range(len(letters) - 2)]


def is_korean(word: str) -> bool:
    """True when the word is Hangul."""
    return _KOREAN_WORD.fullmatch(word) is not None


def korean_words(text: str) -> list[str]:
    """The Hangul words of `text`: the `words` that `is_korean` says are (the runs of Hangul)."""
    return _KOREAN_WORD.findall(text)


# --- the words of an indexed text ----------------------------------------------------------------


class TextWords(NamedTuple):
    """The words of one catalogue text as the index sees them (see `indexed_words`)."""

    #: Every word, in order.
    found: tuple[str, ...]
    #: The Hangul words among them (`is_korean`), in order.
    korean: tuple[str, ...]
    #: The others (Latin letters and digits, Han), in order.
    other: tuple[str, ...]


def indexed_words(text: str) -> TextWords:
    """The words of `text` normalised as an indexed text (up to MAX_INDEXED characters), Hangul
    and other apart: what every index column and search entry of the text is made from."""
    normal = normalise(text, limit=MAX_INDEXED)
    # `words` finds the longest runs of each kind of letter, so its Hangul words are the runs of
    # Hangul found alone, and the others the runs of the other kinds.
    return TextWords(tuple(words(normal)), tuple(korean_words(normal)), tuple(_OTHER_WORD.findall(normal)))


class WordsMemo:
    """`indexed_words` of each text, computed once: a build splits each name in five places.

    One memo serves one build; it holds every text it was given until it is dropped.
    """

    def __init__(self) -> None:
        self._seen: dict[str, TextWords] = {}

    def __call__(self, text: str) -> TextWords:
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = indexed_words(text)
        return found


#: How a text is split into its words: `indexed_words`, or a `WordsMemo` of it.
Split = Callable[[str], TextWords]

# Pure functions of one word, kept for the words seen most: a catalogue has a few thousand distinct
# words, nearly all of them of 16 letters or fewer. A longer word is computed every time, never kept.
# Grams are kept as the text they add to a column (joined by spaces), a tenth of a list's memory.
_WORD_CACHE_CHARS = 16
_WORD_CACHE_SIZE = 8192


@lru_cache(maxsize=_WORD_CACHE_SIZE)
def _cached_initials(word: str) -> str:
    return choseong(word)


@lru_cache(maxsize=_WORD_CACHE_SIZE)
def _cached_stem(word: str) -> str:
    return stem_english(word)


@lru_cache(maxsize=_WORD_CACHE_SIZE)
def _cached_bigrams(run: str) -> str:
    return " ".join(bigrams(run))


@lru_cache(maxsize=_WORD_CACHE_SIZE)
def _cached_trigrams(run: str) -> str:
    return " ".join(jamo_trigrams(run))


def _initials(korean: tuple[str, ...]) -> str:
    """`hangul.choseong` of the words joined (it goes letter by letter, so word by word is the same)."""
    return "".join(_cached_initials(w) if len(w) <= _WORD_CACHE_CHARS else choseong(w) for w in korean)


def _bigram_text(run: str) -> str:
    """`bigrams` of a Hangul run, joined by spaces (never empty for a word)."""
    return _cached_bigrams(run) if len(run) <= _WORD_CACHE_CHARS else " ".join(bigrams(run))


def trigram_text(run: str) -> str:
    """`jamo_trigrams` of a Hangul run, joined by spaces ("" for a run of fewer than three letters)."""
    return _cached_trigrams(run) if len(run) <= _WORD_CACHE_CHARS else " ".join(jamo_trigrams(run))


def search_entry(field: str, lang: str, text: str, split: Split = indexed_words) -> dict[str, object]:
    """What the ranker compares for one name, keyword or text, computed once at build time.

    t: the text as shown; c: compact form; i: initials of its Hangul; w: its English words;
    r: the romanization of a name. `split` gives the text's words (a build passes a `WordsMemo`,
    shared with the index columns).
    """
    found, korean, other = split(text)
    compact = "".join(found)
    return {
        "f": field,
        "l": lang,
        "t": text if field != "text" or len(text) <= 160 else text[:159] + "…",
        "c": compact,
        "i": _initials(korean),
        "w": sorted({_cached_stem(w) if len(w) <= _WORD_CACHE_CHARS else stem_english(w) for w in other}),
        # The romanization of a name, for romanized queries (dolbom); computed once, here.
        "r": romanize(compact) if field == "name" else "",
    }


# --- index columns -----------------------------------------------------------------------------
# Each takes the texts of one column and, as `split`, how to find a text's words (see search_entry).


def gram_tokens(texts: list[str], phrases: bool = True, split: Split = indexed_words) -> str:
    """The tokens of the grams column: Korean bigrams of each word, Latin words, and with `phrases`
    the bigrams of the unspaced phrase too ("제로 페이" also yields 로페: for names and keywords,
    not for long text, where grams across word breaks are noise)."""
    tokens: list[str] = []
    for text in texts:
        found, korean, _other = split(text)
        if not korean:
            tokens.extend(found)
            continue
        hangul = set(korean)  # a run `words` found is all Hangul or none
        tokens.extend(_bigram_text(word) if word in hangul else word for word in found)
        if phrases and len(korean) > 1:
            tokens.extend(bigrams("".join(korean)))
    return " ".join(tokens)


def choseong_tokens(texts: list[str], split: Split = indexed_words) -> str:
    """Initial-consonant bigrams of the Korean words, with the whole initials string as one token."""
    tokens: list[str] = []
    for text in texts:
        initials = _initials(split(text).korean)
        if initials:
            tokens.append(initials)
            tokens.extend(bigrams(initials))
    return " ".join(tokens)


def roman_tokens(texts: list[str], split: Split = indexed_words) -> str:
    """Romanized Korean words, each alone and the phrase joined ("dolbom sos senteo dolbomsossenteo")."""
    tokens: list[str] = []
    for text in texts:
        korean = [w for w in split(text).korean if any(is_syllable(c) for c in w)]
        tokens.extend(romanize(w) for w in korean)
        if len(korean) > 1:
            tokens.append(romanize("".join(korean)))
    return " ".join(tokens)


def jamo_tokens(texts: list[str], split: Split = indexed_words) -> str:
    """Jamo trigrams of the Korean words."""
    tokens: list[str] = []
    for text in texts:
        tokens.extend(grams for grams in map(trigram_text, split(text).korean) if grams)
    return " ".join(tokens)
