"""Korean-first search on the real catalogue: what people type finds what they mean, and any input is safe."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.search import Searcher
from explorer.core.search_quality import evaluate, load_queries, summarise
from tests.conftest import ROOT

QUERIES = ROOT / "tests" / "data" / "search_queries.toml"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory, built_db) -> Iterator[Catalogue]:
    with open_catalogue(built_db) as opened:
        yield opened


@pytest.fixture(scope="module")
def searcher(catalogue: Catalogue) -> Searcher:
    return Searcher(catalogue)


def ids(searcher: Searcher, query: str, **filters) -> list[str]:
    return [r.id for r in searcher.search(query, **filters)]


def test_query_set_is_broad_and_recall_at_5_is_at_least_090(searcher: Searcher) -> None:
    queries = load_queries(QUERIES)
    kinds = Counter(q["kind"] for q in queries)
    assert len(queries) >= 60
    expected_kinds = {"name", "spacing", "particle", "initials", "typo", "romanization", "english",
                      "everyday", "elderly", "short"}  # fmt: skip
    assert expected_kinds <= set(kinds) and min(kinds.values()) >= 5
    quality = summarise(evaluate(searcher, queries))
    assert quality.recall_at_5 >= 0.9, quality


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("제로 페이", "zero-pay"),
        ("제로페이", "zero-pay"),
        ("ㅈㄹㅍㅇ", "zero-pay"),
        ("돌봄을", "dolbom-sos-center"),
        ("dolbom", "dolbom-sos-center"),
        ("밤에 집에 가기 무서워요", "ansimi"),
        ("card fees for my shop", "zero-pay"),
        ("ｚｅｒｏ ｐａｙ", "zero-pay"),
    ],
)
def test_what_people_type_comes_first(searcher: Searcher, query: str, expected: str) -> None:
    assert ids(searcher, query)[0] == expected


def test_each_result_says_why_it_matched(searcher: Searcher) -> None:
    first = searcher.search("ㅈㄹㅍㅇ")[0]
    assert first.matched[0].how == "initials" and first.matched[0].field == "name"
    assert searcher.search("제로페이")[0].matched[0].how == "exact"
    typo = searcher.search("센타")
    assert typo and all(r.matched[0].how == "typo" for r in typo)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("zerpay", "zero-pay"), ("anshimi", "ansimi"), ("Ttareungi", "ttareungyi"), ("jeropai", "zero-pay")],
)
def test_a_misspelt_latin_name_is_found_as_a_typo(searcher: Searcher, query: str, expected: str) -> None:
    """A name typed in Latin letters one letter off (an English name, or Korean romanized by ear) is
    corrected against the names' Latin forms, and the result says it was a typo."""
    first = searcher.search(query)[0]
    assert first.id == expected
    assert first.matched[0].how in ("typo", "romanization")


@pytest.mark.parametrize("query", ["zzzzqqqq", "qwertyuiop", "xkcdxkcd"])
def test_latin_gibberish_is_corrected_to_nothing(searcher: Searcher, query: str) -> None:
    assert searcher.search(query) == []


def test_names_rank_before_keywords_before_descriptions(searcher: Searcher) -> None:
    results = searcher.search("돌봄", limit=50)
    fields = [r.matched[0].field for r in results]
    order = {"name": 0, "keyword": 1, "text": 2}
    assert fields == sorted(fields, key=order.__getitem__)
    assert fields[0] == "name"


@pytest.mark.parametrize("query", ["서울 안심소득", "Seoul Safety Income", "서울디딤돌소득"])
def test_an_ended_service_named_in_full_comes_first(
    searcher: Searcher, catalogue: Catalogue, query: str
) -> None:
    """A caseworker asking "what happened to 서울 안심소득?" finds it first (its page says it ended),
    by its former names as by today's; ended services matched less closely still come last."""
    assert "seoul-safety-income" in catalogue.ended_services()
    assert ids(searcher, query)[0] == "seoul-safety-income"


def test_ended_services_matched_in_part_come_after_every_running_one(
    searcher: Searcher, catalogue: Catalogue
) -> None:
    gone = set(catalogue.ended_services())
    found = ids(searcher, "서울", limit=200)
    assert gone & set(found), "the query should reach some ended service"
    first = min(i for i, sid in enumerate(found) if sid in gone)
    assert all(sid in gone for sid in found[first:]), found


def test_two_syllable_korean_queries_find_services(searcher: Searcher) -> None:
    for query in ("주거", "돌봄", "쉼터", "청년", "일자리"):
        assert ids(searcher, query), query


def test_filters_narrow_the_results(searcher: Searcher, catalogue: Catalogue) -> None:
    everything = ids(searcher, "주택", limit=100)
    housing_for_elderly = ids(searcher, "주택", limit=100, audience="older-people")
    assert housing_for_elderly and set(housing_for_elderly) < set(everything)
    for sid in housing_for_elderly:
        assert "older-people" in catalogue.get_service(sid)["audiences"]
    planned = ids(searcher, "", status="planned", limit=500)
    assert planned and all(catalogue.get_service(s)["status"] == "planned" for s in planned)
    assert ids(searcher, "제로페이", category="housing") == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"',
        "'",
        "*",
        "NEAR(제로 페이)",
        "제로 AND 페이 OR NOT 돌봄",
        "(((",
        "names: 제로",
        "{names keywords}: x",
        "^제로",
        "제로페이\x00\x1b[31m",
        "😀🏠👵",
        "Zero페이ゼロ零",
        "돌봄" * 5000,
        "a" * 10000,
        "\u200b\ufeff제로\u202e페이",
    ],
)
def test_hostile_input_is_safe(searcher: Searcher, query: str) -> None:
    results = searcher.search(query)
    assert isinstance(results, list)
    assert all(r.id and r.matched for r in results)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_arbitrary_text_never_breaks_search(searcher: Searcher, query: str) -> None:
    for result in searcher.search(query, limit=5):
        assert result.matched


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.sampled_from(list('제로페이돌봄 ㅈㄹㅍㅇ"*():^-+ORANDNEAR')), max_size=40),
    st.sampled_from([None, "housing", "care"]),
)
def test_fts_syntax_soup_never_breaks_search(searcher: Searcher, query: str, category: str | None) -> None:
    for result in searcher.search(query, category=category):
        assert result.matched


def test_long_descriptions_are_indexed_to_the_end() -> None:
    from explorer.core.textnorm import gram_tokens

    text = "가나다 " * 300 + "마지막낱말"
    assert "낱말" in gram_tokens([text], phrases=False).split()
