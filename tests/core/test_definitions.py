"""Cited legal definitions, residual conditions, the service's own state, and one property: a fact
added to a profile only settles answers, never turns a yes into a no or a no into a yes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.catalog import open_catalogue
from explorer.core.definitions import BETWEEN, IN_CORE, NOT_KNOWN, OUTSIDE, Range, judge
from explorer.core.errors import ProfileError
from explorer.core.facts import FACTS
from explorer.core.fields import AGES, BOOL, BUSINESS, CHOICE, FIELDS, NUMBER
from explorer.core.profile import validate_profile
from explorer.core.screening import (
    ELIGIBLE,
    INELIGIBLE,
    MAYBE,
    Condition,
    RuleSet,
    ServiceRules,
    derive_facts,
    load_rules,
    screen,
)
from explorer.core.screening import Path as RulePath
from explorer.core.values import NOT_APPLICABLE, UNKNOWN
from tests.conftest import as_running

TODAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def rules(built_db: Path) -> RuleSet:
    with open_catalogue(built_db) as catalogue:
        return load_rules(catalogue)


EXPECTED_TERMS = {
    "older_person",
    "young_person",
    "child",
    "adult",
    "preschool_child",
    "newborn",
    "postpartum",
    "microbusiness",
    "low_income",
}


def test_every_term_is_cited_and_its_core_lies_inside_its_widest_definition(rules: RuleSet) -> None:
    assert set(rules.terms) >= EXPECTED_TERMS
    for term in rules.terms.values():
        cites = [*term.outer_sources, *([term.core_source] if term.core_source else [])]
        assert cites, term.id
        for cite in cites:
            assert cite.law["ko"] and cite.law["en"], term.id
            assert cite.url.startswith("https://www.law.go.kr/"), term.id
            assert cite.checked and cite.confidence in ("high", "medium", "low"), term.id
        for fact in term.facts:
            assert FACTS[fact].kind == "number"
            if term.core is not None and fact in term.core:
                assert term.core[fact].within(term.outer[fact]), term.id


def _edges(rng: Range) -> list[tuple[float, bool]]:
    """Values at each bound of a range (inside) and one step beyond it (outside)."""
    step = 0.01 if any(isinstance(b, float) and not b.is_integer() for b in (rng.min, rng.max) if b) else 1
    out = []
    if rng.min is not None:
        out += [(rng.min, True), (rng.min - step, False)]
    if rng.max is not None:
        out += [(rng.max, True), (rng.max + step, False)]
    return out


def _other_facts_inside(term: Any, fact: str) -> dict[str, Any]:
    """Values for a term's other facts that lie inside its core (or outer) range."""
    values: dict[str, Any] = {}
    for other in term.facts:
        if other == fact:
            continue
        rng = (term.core or term.outer)[other]
        values[other] = rng.min if rng.min is not None else (rng.max if rng.max is not None else 0)
    if term.met_if is not None:
        values[term.met_if.fact] = False
    return values


def test_a_case_at_each_edge_of_every_core_and_outer_range(rules: RuleSet) -> None:
    checked = 0
    for term in rules.terms.values():
        for fact in term.facts:
            base = _other_facts_inside(term, fact)
            for value, inside in _edges(term.outer[fact]):
                where = judge(term, {**base, fact: value}).where
                if inside:
                    assert where in (IN_CORE, BETWEEN), (term.id, fact, value, where)
                else:
                    assert where == OUTSIDE, (term.id, fact, value, where)
                checked += 1
            if term.core is None or fact not in term.core:
                continue
            for value, inside in _edges(term.core[fact]):
                where = judge(term, {**base, fact: value}).where
                if inside:
                    assert where == IN_CORE, (term.id, fact, value, where)
                else:
                    assert where in (BETWEEN, OUTSIDE), (term.id, fact, value, where)
                    if term.outer[fact].contains(value):
                        assert where == BETWEEN, (term.id, fact, value, where)
                checked += 1
    assert checked >= 20


def test_an_unknown_fact_leaves_the_term_open_and_no_child_means_no_newborn(rules: RuleSet) -> None:
    assert judge(rules.terms["older_person"], {"age": UNKNOWN}).where == NOT_KNOWN
    assert judge(rules.terms["newborn"], {"youngest_child_age": NOT_APPLICABLE}).where == "not_applicable"
    assert judge(rules.terms["newborn"], {"youngest_child_age": 0}).where == BETWEEN
    assert judge(rules.terms["newborn"], {"youngest_child_age": 1}).where == OUTSIDE


def test_a_recipient_is_low_income_by_law_and_an_unknown_status_keeps_the_question_open(
    rules: RuleSet,
) -> None:
    term = rules.terms["low_income"]
    assert judge(term, {"income_share": 0.7, "basic_livelihood_recipient": True}).where == "met_if"
    assert judge(term, {"income_share": 0.7, "basic_livelihood_recipient": False}).where == OUTSIDE
    # Raw income can be above the line that a recipient's recognised income is under: ask first.
    assert judge(term, {"income_share": 0.7, "basic_livelihood_recipient": UNKNOWN}).where == NOT_KNOWN
    assert judge(term, {"income_share": 0.3, "basic_livelihood_recipient": UNKNOWN}).where == IN_CORE


def _one(rules: RuleSet, *conditions: Condition, status: str = "active", profile: dict | None = None) -> Any:
    service = ServiceRules("x", {"ko": "엑스", "en": "X"}, (RulePath(conditions),), status, "2019")
    mini = RuleSet([service], rules.median, rules.terms)
    return screen(validate_profile(profile or {}), mini, TODAY).results[0]


def _term(term: str) -> Condition:
    return Condition(text={"ko": term, "en": term}, term=term)


def test_term_reasons_name_the_law(rules: RuleSet) -> None:
    inside = _one(rules, _term("older_person"), profile={"age": 70})
    assert inside.status == ELIGIBLE
    reason = inside.reasons[0]
    assert reason["from"] == "definition" and "by the legal definition" in reason["text"]["en"]
    assert rules.terms["older_person"].core_source.law["en"] in reason["text"]["en"]
    assert "법률상 정의" in reason["text"]["ko"]
    outside = _one(rules, _term("older_person"), profile={"age": 40})
    assert (
        outside.status == INELIGIBLE and "not under any legal definition" in outside.reasons[0]["text"]["en"]
    )
    between = _one(rules, _term("older_person"), profile={"age": 60})
    assert between.status == MAYBE and "outside the main legal definition" in between.reasons[0]["text"]["en"]
    assert between.missing and between.missing[0]["question"]["ko"]


def test_a_residual_never_makes_a_result_maybe(rules: RuleSet) -> None:
    lottery = Condition(
        text={"ko": "추첨", "en": "lottery"},
        residual={"ko": "추첨으로 뽑습니다.", "en": "Chosen by lottery."},
    )
    woman = Condition(text={"ko": "여성", "en": "a woman"}, fact="gender", op="==", value="female")
    result = _one(rules, woman, lottery, profile={"gender": "female"})
    assert result.status == ELIGIBLE
    assert result.also_needed == [{"ko": "추첨으로 뽑습니다.", "en": "Chosen by lottery."}]
    assert _one(rules, woman, lottery, profile={"gender": "male"}).status == INELIGIBLE
    assert _one(rules, woman, lottery).status == MAYBE  # the gender is still open


def test_an_ended_service_is_never_eligible_and_a_plan_says_so(rules: RuleSet) -> None:
    woman = Condition(text={"ko": "여성", "en": "a woman"}, fact="gender", op="==", value="female")
    ended = _one(rules, woman, status="ended", profile={"gender": "female"})
    assert ended.status == INELIGIBLE and "ended" in ended.reasons[0]["text"]["en"]
    planned = _one(rules, woman, status="planned", profile={"gender": "female"})
    assert planned.status == ELIGIBLE
    assert any("plan" in text["en"] and "120" in text["en"] for text in planned.also_needed)


def test_real_services_that_only_the_agency_decides_come_back_eligible(rules: RuleSet) -> None:
    """The Safety Income household that meets every checkable condition is told what is also needed."""
    profile = {
        "year": 2026,
        "lives_alone": True,
        "monthly_household_income_krw": 800_000,
        "household_assets_krw": 50_000_000,
        "seoul_resident": True,
    }
    report = screen(validate_profile(profile), as_running(rules, "seoul-safety-income"), TODAY)
    safety = next(r for r in report.results if r.id == "seoul-safety-income")
    assert safety.status == ELIGIBLE and safety.also_needed  # screened as if its pilot still ran


# --- the property: added facts only settle ---------------------------------------------------------


def _value(spec: Any) -> st.SearchStrategy[Any]:
    if spec.kind == BOOL:
        return st.booleans()
    if spec.kind == CHOICE:
        return st.sampled_from(spec.choices)
    if spec.kind == NUMBER:
        if spec.unit == "krw":
            return st.integers(0, 3_000_000_000)
        high = {"age": 100, "household_size": 6, "year": 2027, "business.employees": 30}.get(
            spec.key, spec.high
        )
        low = max(spec.low or 0, 2024 if spec.key == "year" else spec.low or 0)
        if spec.key == "business.opened_year":
            low, high = 2000, 2026
        return st.integers(low, high)
    if spec.kind == AGES:
        return st.lists(st.integers(0, 20), max_size=3)
    assert spec.kind == BUSINESS
    return st.just(False)


_TOP = [spec for spec in FIELDS if "." not in spec.key and spec.kind != BUSINESS]
_BUSINESS_FIELDS = [spec for spec in FIELDS if spec.key.startswith("business.")]


@st.composite
def _profiles(draw: st.DrawFn) -> dict[str, Any]:
    profile: dict[str, Any] = {}
    for spec in _TOP:
        if draw(st.booleans()):
            profile[spec.key] = draw(_value(spec))
    kind = draw(st.sampled_from(["unknown", "none", "some"]))
    if kind == "none":
        profile["business"] = False
    elif kind == "some":
        profile["business"] = {
            spec.key.split(".", 1)[1]: draw(_value(spec)) for spec in _BUSINESS_FIELDS if draw(st.booleans())
        }
    return profile


def _valid(profile: dict[str, Any]) -> Any:
    try:
        return validate_profile(profile)
    except ProfileError:
        return None


def _statuses(rules: RuleSet, profile: Any) -> dict[str, str]:
    return {r.id: r.status for r in screen(profile, rules, TODAY).results}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_adding_a_known_fact_never_turns_yes_into_no_or_no_into_yes(
    rules: RuleSet, data: st.DataObject
) -> None:
    profile = data.draw(_profiles())
    before = _valid(profile)
    if before is None:
        return
    # The screening year is not a fact about the person: it picks the year's thresholds (a year whose
    # median income is not in the table leaves income tests open), so adding it is no added fact.
    unknown_top = [spec for spec in _TOP if spec.key not in profile and spec.key != "year"]
    choices: list[tuple[str, Any]] = [(spec.key, spec) for spec in unknown_top]
    business = profile.get("business")
    if isinstance(business, dict):
        choices += [
            (spec.key, spec) for spec in _BUSINESS_FIELDS if spec.key.split(".", 1)[1] not in business
        ]
    elif "business" not in profile:
        choices.append(("business", None))
    if not choices:
        return
    key, spec = data.draw(st.sampled_from(choices))
    extended = {k: (dict(v) if isinstance(v, dict) else v) for k, v in profile.items()}
    if key == "business":
        extended["business"] = data.draw(st.sampled_from([False, {}, {"closed": False}, {"closed": True}]))
    elif key.startswith("business."):
        extended["business"][key.split(".", 1)[1]] = data.draw(_value(spec))
    else:
        extended[key] = data.draw(_value(spec))
    after = _valid(extended)
    if after is None:
        return
    old, new = _statuses(rules, before), _statuses(rules, after)
    for service_id, status in old.items():
        if status == ELIGIBLE:
            assert new[service_id] != INELIGIBLE, (service_id, profile, key, extended)
        if status == INELIGIBLE:
            assert new[service_id] != ELIGIBLE, (service_id, profile, key, extended)
        if status in (ELIGIBLE, INELIGIBLE):
            assert new[service_id] == status, (service_id, status, new[service_id], profile, key, extended)


def test_derived_facts_agree_with_what_a_full_profile_says(rules: RuleSet) -> None:
    """A derivation never contradicts the same fact given: profiles that would are refused."""
    for profile in (
        {"gender": "male", "pregnant": True},
        {"lives_alone": True, "children_ages": [3]},
        {"household_size": 2, "children_ages": [3, 5]},
        {"employment": "retired", "business": {"closed": False}},
        {"employment": "student", "business": {"closed": False}},
    ):
        with pytest.raises(ProfileError):
            validate_profile(profile)
    facts = derive_facts(validate_profile({"gender": "female"}), 2026, rules.median)
    assert facts.get("pregnant") is UNKNOWN


def test_an_answer_to_a_question_no_service_asks_is_said_not_used(rules: RuleSet) -> None:
    report = screen(validate_profile({"answers": {"no-such-service:no-such-question": True}}), rules, TODAY)
    assert any("no-such-service:no-such-question" in w["en"] for w in report.warnings)
    known = next(iter(rules.asks()))
    assert not screen(validate_profile({"answers": {known: True}}), rules, TODAY).warnings
