"""Hangul helpers for search: jamo, initial consonants (choseong) and Revised Romanization.

A Hangul syllable U+AC00..U+D7A3 is (initial × 21 + medial) × 28 + final. Everything here is
arithmetic on that formula. Romanization follows the Revised Romanization of Korean (2000) for the
letters and the commonest sound changes (ㄹㄹ → ll, a final consonant carried over before ㅇ,
nasalisation before ㄴ/ㅁ); it is for matching what people type ("dolbom", "ttareungi"), not for
printing official spellings. (The maintained romanizer on PyPI is GPL-3.0, which this program's
licence cannot take, so this small table-driven version is written here.)
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import update_wrapper
from typing import NamedTuple

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3

# Compatibility jamo, as people type them on a keyboard.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ",
          "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]  # fmt: skip
# Clusters split into single letters, so a typo inside a cluster costs one letter, not two.
_SPLIT = {
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ", "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ",
    "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
}  # fmt: skip

_ROMAN_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
                  "p", "h"]  # fmt: skip
_ROMAN_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
                 "we", "wi", "yu", "eu", "ui", "i"]  # fmt: skip
# The sound a final consonant makes at the end of a syllable (representative sound).
_ROMAN_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p", "p",
                "t", "t", "ng", "t", "t", "k", "t", "p", "t"]  # fmt: skip
# The initial a final consonant becomes when the next syllable starts with silent ㅇ (liaison).
_CARRY = {1: 0, 2: 1, 4: 2, 7: 3, 8: 5, 16: 6, 17: 7, 19: 9, 20: 10, 22: 12, 23: 14, 24: 15, 25: 16, 26: 17}


#: Text longer than this is not cached: a long query or a pasted paragraph is seen once, and caching
#: it would only hold memory.
CACHE_MAX_CHARS = 64
#: The most bytes (keys, values and bookkeeping, as sys.getsizeof counts them) each cache holds.
CACHE_MAX_BYTES = 4_000_000
# What one entry costs beyond its key and value: the dictionary slot and the ordering link.
_ENTRY_OVERHEAD = 128


class CacheInfo(NamedTuple):
    """A cache's figures, like functools' CacheInfo with the bytes held."""

    hits: int
    misses: int
    currsize: int
    bytes: int
    max_bytes: int


class TextCache:
    """A least-recently-used cache of a function of one short text, bounded in bytes.

    Inputs longer than `max_chars` are computed every time and never stored, so memory does not
    grow with long unique inputs; the entries kept never take more than `max_bytes`.
    """

    def __init__(
        self, func: Callable[[str], str], max_bytes: int = CACHE_MAX_BYTES, max_chars: int = CACHE_MAX_CHARS
    ) -> None:
        self._func = func
        self._max_bytes = max_bytes
        self._max_chars = max_chars
        self._data: OrderedDict[str, str] = OrderedDict()
        self._bytes = 0
        self._hits = 0
        self._misses = 0
        self._lock = threading.Lock()
        update_wrapper(self, func)

    def __call__(self, text: str) -> str:
        if len(text) > self._max_chars:
            return self._func(text)
        with self._lock:
            value = self._data.get(text)
            if value is not None:
                self._data.move_to_end(text)
                self._hits += 1
                return value
            self._misses += 1
        value = self._func(text)
        size = sys.getsizeof(text) + sys.getsizeof(value) + _ENTRY_OVERHEAD
        with self._lock:
            if text not in self._data and size <= self._max_bytes:
                self._data[text] = value
                self._bytes += size
                while self._bytes > self._max_bytes:
                    old_key, old_value = self._data.popitem(last=False)
                    self._bytes -= sys.getsizeof(old_key) + sys.getsizeof(old_value) + _ENTRY_OVERHEAD
        return value

    def cache_info(self) -> CacheInfo:
        """Hits, misses, entries and bytes held."""
        with self._lock:
            return CacheInfo(self._hits, self._misses, len(self._data), self._bytes, self._max_bytes)

    def cache_clear(self) -> None:
        """Forget every entry and the figures."""
        with self._lock:
            self._data.clear()
            self._bytes = self._hits = self._misses = 0


def text_cache(func: Callable[[str], str]) -> TextCache:
    """Decorate a function of one text with a TextCache (short inputs only, bounded in bytes)."""
    return TextCache(func)


def is_syllable(char: str) -> bool:
    """True for a precomposed Hangul syllable (가..힣)."""
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def is_hangul(char: str) -> bool:
    """True for a Hangul syllable or a compatibility jamo."""
    return is_syllable(char) or 0x3131 <= ord(char) <= 0x318E


def split_syllable(char: str) -> tuple[int, int, int]:
    """(initial, medial, final) indexes of a Hangul syllable."""
    offset = ord(char) - SYLLABLE_FIRST
    return offset // 588, (offset % 588) // 28, offset % 28


@text_cache
def jamo(text: str) -> str:
    """Hangul spelled out letter by letter ("센터" → "ㅅㅔㄴㅌㅓ"); other characters are kept."""
    out: list[str] = []
    for char in text:
        if is_syllable(char):
            initial, medial, final = split_syllable(char)
            out.append(INITIALS[initial])
            out.append(_SPLIT.get(MEDIALS[medial], MEDIALS[medial]))
            if final:
                out.append(_SPLIT.get(FINALS[final], FINALS[final]))
        else:
            out.append(_SPLIT.get(char, char))
    return "".join(out)


def choseong(text: str) -> str:
    """The initial consonant of each Hangul syllable ("제로페이" → "ㅈㄹㅍㅇ"); other characters dropped."""
    return "".join(INITIALS[split_syllable(c)[0]] for c in text if is_syllable(c))


def is_choseong_query(text: str) -> bool:
    """True when `text` (spaces aside) is two or more initial consonants only, as in "ㅈㄹㅍㅇ"."""
    letters = [c for c in text if not c.isspace()]
    return len(letters) >= 2 and all(c in INITIALS for c in letters)


@text_cache
def romanize(text: str) -> str:
    """Revised Romanization, lower case ("따릉이" → "ttareungi"); other characters are kept."""
    out: list[str] = []
    chars = list(text)
    carried: int | None = None  # an initial taken over from the previous syllable's final
    for i, char in enumerate(chars):
        if not is_syllable(char):
            out.append(char.lower())
            carried = None
            continue
        initial, medial, final = split_syllable(char)
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        next_initial = split_syllable(nxt)[0] if nxt and is_syllable(nxt) else None
        if carried is not None and initial == 11:  # silent ㅇ takes the carried consonant
            initial = carried
        start = _ROMAN_INITIAL[initial]
        if initial == 5 and carried is None and out and out[-1].endswith("l"):
            start = "l"  # ㄹㄹ is written "ll": 서울런 → seoulleon
        carried = None
        end = _ROMAN_FINAL[final]
        if final and next_initial == 11 and final in _CARRY:
            carried = _CARRY[final]
            end = ""
        elif final == 4 and next_initial == 5:
            end = "l"  # ㄴㄹ sounds ㄹㄹ: 한라산 → hallasan, 신라 → silla
        elif final and next_initial in (2, 6) and end in ("k", "t", "p"):
            end = {"k": "ng", "t": "n", "p": "m"}[end]  # nasalisation: 국물 → gungmul
        out.append(start + _ROMAN_MEDIAL[medial] + end)
    return "".join(out)
