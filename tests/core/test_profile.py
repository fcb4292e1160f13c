"""Profiles: every key optional; unknown keys and impossible values get a message naming the key."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.errors import ProfileError
from explorer.core.profile import NO_BUSINESS, PROFILE_KEYS, parse_profile, validate_profile

FULL = {
    "year": 2026,
    "age": 72,
    "gender": "female",
    "seoul_resident": True,
    "household_size": 1,
    "monthly_household_income_krw": 1200000,
    "lives_alone": True,
    "disability": False,
    "pregnant": False,
    "children_ages": [],
    "employment": "retired",
    "employment_insurance": False,
    "basic_livelihood_recipient": False,
    "homeless": False,
    "business": {"annual_sales_krw": 150000000, "opened_year": 2020, "closed": True},
}


def test_the_issue_example_is_accepted() -> None:
    profile = validate_profile(FULL)
    assert profile.get("age") == 72
    assert profile.get("children_ages") == []
    assert profile.get("business") == {"annual_sales_krw": 150000000, "opened_year": 2020, "closed": True}


def test_every_key_is_optional_and_null_means_unknown() -> None:
    assert validate_profile({}).values == {}
    assert validate_profile({"age": None}).values == {}
    assert validate_profile({"business": None}).get("business") == NO_BUSINESS
    assert validate_profile({"business": False}).get("business") == NO_BUSINESS
    assert validate_profile({"age": 40.0}).get("age") == 40


@pytest.mark.parametrize(
    ("profile", "key", "words"),
    [
        ({"age": -1}, "age", "impossible"),
        ({"age": 200}, "age", "impossible"),
        ({"age": "seventy"}, "age", "whole number"),
        ({"age": True}, "age", "whole number"),
        ({"age": 7.5}, "age", "whole number"),
        ({"household_size": 0}, "household_size", "impossible"),
        ({"monthly_household_income_krw": "1,200,000"}, "monthly_household_income_krw", "whole number"),
        ({"monthly_household_income_krw": -5}, "monthly_household_income_krw", "impossible"),
        ({"gender": "f"}, "gender", "not one of"),
        ({"employment": "working"}, "employment", "not one of"),
        ({"lives_alone": "yes"}, "lives_alone", "true or false"),
        ({"children_ages": 3}, "children_ages", "list"),
        ({"children_ages": [1, -2]}, "children_ages[1]", "impossible"),
        ({"business": {"sales": 1}}, "business.sales", "unknown key"),
        ({"business": "shop"}, "business", "object"),
        ({"business": {"opened_year": 2030}, "year": 2026}, "business.opened_year", "after"),
        ({"income": 1}, "income", "unknown key"),
        ({"lives_alone": True, "household_size": 3}, "lives_alone", "household of 1"),
        ({"age": 30, "children_ages": [30]}, "children_ages", "cannot"),
        ({"year": 1066}, "year", "impossible"),
    ],
)
def test_bad_values_name_the_key(profile: dict, key: str, words: str) -> None:
    with pytest.raises(ProfileError) as caught:
        validate_profile(profile)
    lines = caught.value.lines()
    assert any(p.startswith(f"{key}:") and words in p for p in lines), lines
    assert key in {problem.key for problem in caught.value.problems}  # the key, not read from the words


def test_a_business_opened_after_this_year_is_refused_when_no_year_is_given() -> None:
    """Without `year`, screening goes by this year; a business cannot have opened after it (a 2099
    opening was accepted unless `year` was given, and made someone eligible for start-up help)."""
    future = {"business": {"opened_year": 2099, "closed": False}, "employment": "self_employed"}
    with pytest.raises(ProfileError) as caught:
        validate_profile(future)
    assert caught.value.lines() == [
        f"business.opened_year: 2099 is after the screening year {date.today().year}"
    ]
    today = date(2026, 11, 30)
    next_year = {"business": {"opened_year": 2027, "closed": False}, "employment": "self_employed"}
    with pytest.raises(ProfileError):
        validate_profile(next_year, today)
    this_year = {"business": {"opened_year": 2026, "closed": False}, "employment": "self_employed"}
    assert validate_profile(this_year, today).get("business") == {"opened_year": 2026, "closed": False}
    # A year given is the screening year, whatever today is.
    assert validate_profile({**next_year, "year": 2027}, today).get("year") == 2027


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(ProfileError) as caught:
        validate_profile({"age": -1, "household_size": 0, "nickname": "x"})
    assert len(caught.value.problems) == 3


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "42", '"age"', "{'age': 3}", "[" * 100000])
def test_malformed_json_is_a_clear_problem(text: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert caught.value.problems and "\n" not in str(caught.value)


@pytest.mark.parametrize("key", ["{", "{x}", "}{", "{0}", "{words}"])
def test_braces_in_a_key_given_twice_are_quoted_not_formatted(key: str) -> None:
    """The JSON checks word their reason (quoting the key); showing it must not format it again, which
    raised KeyError or IndexError for a key such as "{x}" (found by hypothesis)."""
    text = json.dumps(key)
    with pytest.raises(ProfileError) as caught:
        parse_profile(f"{{{text}: 1, {text}: 2}}")
    [problem] = caught.value.problems
    assert key in problem.line()


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=int(os.environ.get("EXPLORER_FUZZ_EXAMPLES") or 100), deadline=None)
@given(st.dictionaries(st.sampled_from([*PROFILE_KEYS, "other"]), _json, max_size=8))
def test_any_json_object_is_accepted_or_refused_cleanly(data: dict) -> None:
    try:
        profile = validate_profile(data)
    except ProfileError as exc:
        assert exc.problems
    else:
        json.dumps(profile.values)
