"""Easy mode's logic without Qt: screens of at most six choices, and one question at a time."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.catalog import Catalogue
from explorer.core.easy import MAX_CHOICES, Interview, page
from explorer.core.errors import ProfileError
from explorer.core.paths import Paths
from explorer.core.screening import RuleSet, load_rules

TODAY = date(2026, 11, 21)


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=2, max_value=MAX_CHOICES))
def test_paging_shows_every_item_once_and_never_more_than_the_room(count: int, room: int) -> None:
    items = list(range(count))
    seen: list[int] = []
    number = 0
    while True:
        shown, more, screens = page(items, number, room)
        assert len(shown) + more <= room
        seen += shown
        number += 1
        if not more:
            break
    assert seen == items
    assert screens == number


def test_five_results_fit_on_one_screen_six_take_two() -> None:
    assert page(list(range(5)), 0, 5)[1:] == (False, 1)
    assert page(list(range(6)), 0, 5)[1:] == (True, 2)


@pytest.fixture
def rules(paths: Paths) -> RuleSet:
    from explorer.core.catalog import open_catalogue

    with open_catalogue(paths.catalogue) as opened:
        assert isinstance(opened, Catalogue)
        return load_rules(opened)


def test_questions_come_one_at_a_time_and_never_twice(rules: RuleSet) -> None:
    interview = Interview(["boram-jobs", "50-plus-internship", "seoul-safety-income"])
    asked = []
    while (question := interview.next_question(rules, TODAY)) is not None:
        assert question.key not in asked
        asked.append(question.key)
        interview.answer(question.key, None)
    assert "age" in asked
    assert interview.skipped == set(asked)


def test_living_alone_is_a_household_of_one_and_back_takes_it_back(rules: RuleSet) -> None:
    interview = Interview(["seoul-safety-income"])
    interview.answer("lives_alone", True)
    assert interview.profile == {"lives_alone": True, "household_size": 1}
    question = interview.next_question(rules, TODAY)
    assert question is not None and question.key != "household_size"
    assert interview.undo() == "lives_alone"
    assert interview.profile == {}


def test_an_impossible_answer_is_refused_and_changes_nothing() -> None:
    interview = Interview(["free-school-lunch"])
    interview.answer("age", 30)
    with pytest.raises(ProfileError):
        interview.answer("children_ages", [40])  # a child older than the parent
    assert interview.profile == {"age": 30}
    assert interview.asked == ["age"]


def test_no_pregnancy_question_for_a_man(rules: RuleSet) -> None:
    interview = Interview(["dolbom-sos-center"])
    interview.answer("gender", "male")
    keys = []
    while (question := interview.next_question(rules, TODAY)) is not None:
        keys.append(question.key)
        interview.answer(question.key, None)
    assert "pregnant" not in keys
