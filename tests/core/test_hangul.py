"""Hangul helpers behave as Korean readers expect."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.hangul import choseong, is_choseong_query, jamo, romanize


@pytest.mark.parametrize(
    ("word", "roman"),
    [
        ("돌봄", "dolbom"),
        ("따릉이", "ttareungi"),
        ("안심이", "ansimi"),
        ("청년수당", "cheongnyeonsudang"),
        ("서울런", "seoulleon"),
        ("올빼미버스", "olppaemibeoseu"),
        ("국물", "gungmul"),
        ("한라산", "hallasan"),
        ("신라", "silla"),
        ("제로페이", "jeropei"),
    ],
)
def test_revised_romanization(word: str, roman: str) -> None:
    assert romanize(word) == roman


def test_choseong_and_jamo() -> None:
    assert choseong("제로페이") == "ㅈㄹㅍㅇ"
    assert choseong("돌봄 SOS 센터") == "ㄷㅂㅅㅌ"
    assert jamo("센터") == "ㅅㅔㄴㅌㅓ"
    assert jamo("닭") == "ㄷㅏㄹㄱ", "a cluster is split into letters"
    assert is_choseong_query("ㅈㄹ ㅍㅇ") and not is_choseong_query("ㅈ") and not is_choseong_query("제로")


@given(st.text(max_size=200))
def test_helpers_accept_any_text(text: str) -> None:
    romanize(text)
    assert len(choseong(text)) <= len(text)
    assert len(jamo(text)) >= len(text)
