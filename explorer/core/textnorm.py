"""Normalise what people type, and turn text into the tokens the Korean-aware index holds.

The same functions make the index (at build time) and the query (at search time), so the two
always agree. Korean has no spaces inside words people expect to match ("제로 페이" = "제로페이")
and glues particles to nouns ("돌봄을"), so Hangul runs are indexed as overlapping two-syllable
grams; Latin text is indexed as words (FTS5's porter stemmer folds "fees" to "fee").
"""

from __future__ import annotations

import re
import unicodedata

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
_WORD = re.compile(r"[0-9A-Za-z\u00c0-\u024f]+|[\u3131-\u318e\uac00-\ud7a3]+|[\u4e00-\u9fff]+")
#: A word of Hangul only: syllables and compatibility jamo (what `hangul.is_hangul` says of each letter).
_KOREAN_WORD = re.compile("[\u3131-\u318e\uac00-\ud7a3]+")


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


def search_entry(field: str, lang: str, text: str) -> dict[str, object]:
    """What the ranker compares for one name, keyword or text, computed once at build time.

    t: the text as shown; c: compact form; i: initials of its Hangul; w: its English words;
    r: the romanization of a name.
    """
    normal = normalise(text, limit=MAX_INDEXED)
    found = words(normal)
    return {
        "f": field,
        "l": lang,
        "t": text if field != "text" or len(text) <= 160 else text[:159] + "…",
        "c": "".join(found),
        "i": choseong("".join(w for w in found if is_korean(w))),
        "w": sorted({stem_english(w) for w in found if not is_korean(w)}),
        # The romanization of a name, for romanized queries (dolbom); computed once, here.
        "r": romanize("".join(found)) if field == "name" else "",
    }


# --- index columns -----------------------------------------------------------------------------


def gram_tokens(texts: list[str], phrases: bool = True) -> str:
    """The tokens of the grams column: Korean bigrams of each word, Latin words, and with `phrases`
    the bigrams of the unspaced phrase too ("제로 페이" also yields 로페: for names and keywords,
    not for long text, where grams across word breaks are noise)."""
    tokens: list[str] = []
    for text in texts:
        found = words(normalise(text, limit=MAX_INDEXED))
        korean = [w for w in found if is_korean(w)]
        for word in found:
            if is_korean(word):
                tokens.extend(bigrams(word))
            else:
                tokens.append(word)
        if phrases and len(korean) > 1:
            tokens.extend(bigrams("".join(korean)))
    return " ".join(tokens)


def choseong_tokens(texts: list[str]) -> str:
    """Initial-consonant bigrams of the Korean words, with the whole initials string as one token."""
    tokens: list[str] = []
    for text in texts:
        initials = choseong("".join(w for w in words(normalise(text, limit=MAX_INDEXED)) if is_korean(w)))
        if initials:
            tokens.append(initials)
            tokens.extend(bigrams(initials))
    return " ".join(tokens)


def roman_tokens(texts: list[str]) -> str:
    """Romanized Korean words, each alone and the phrase joined ("dolbom sos senteo dolbomsossenteo")."""
    tokens: list[str] = []
    for text in texts:
        korean = [w for w in words(normalise(text, limit=MAX_INDEXED)) if any(is_syllable(c) for c in w)]
        tokens.extend(romanize(w) for w in korean)
        if len(korean) > 1:
            tokens.append(romanize("".join(korean)))
    return " ".join(tokens)


def jamo_tokens(texts: list[str]) -> str:
    """Jamo trigrams of the Korean words."""
    tokens: list[str] = []
    for text in texts:
        for word in words(normalise(text, limit=MAX_INDEXED)):
            if is_korean(word):
                tokens.extend(jamo_trigrams(word))
    return " ".join(tokens)
