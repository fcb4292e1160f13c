"""Screening against the real catalogue: statuses, reasons in both languages, estimates, parameters."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from explorer.core.catalog import open_catalogue
from explorer.core.facts import FACTS, NUMBER
from explorer.core.parameters import MedianIncome
from explorer.core.profile import validate_profile
from explorer.core.screening import (
    _OPS,
    ELIGIBLE,
    INELIGIBLE,
    MAYBE,
    NOT_APPLICABLE,
    NOT_ASSESSED,
    STATUSES,
    UNKNOWN,
    Condition,
    RuleSet,
    ServiceRules,
    derive_facts,
    load_rules,
    screen,
)
from explorer.core.screening import (
    Path as RulePath,
)
from tests.conftest import ROOT, as_running

CASES_DIR = ROOT / "tests" / "data" / "screening_cases"
TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def rules(built_db: Path) -> RuleSet:
    with open_catalogue(built_db) as catalogue:
        return load_rules(catalogue)


SAFETY = "seoul-safety-income"


@pytest.fixture(scope="module")
def ran(rules: RuleSet) -> RuleSet:
    """The rules with Seoul Safety Income screened as if its pilot still ran (it ended in 2025)."""
    return as_running(rules, SAFETY)


def test_safety_income_ended_so_no_one_is_eligible_and_the_reason_says_so(rules: RuleSet) -> None:
    profile = {
        "year": 2026,
        "lives_alone": True,
        "monthly_household_income_krw": 500_000,
        "household_assets_krw": 0,
        "seoul_resident": True,
    }
    result = next(r for r in screen(validate_profile(profile), rules, TODAY).results if r.id == SAFETY)
    assert result.status == INELIGIBLE and result.benefit is None
    assert "ended" in result.reasons[0]["text"]["en"] and "끝났" in result.reasons[0]["text"]["ko"]


def _cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            for case in tomllib.load(handle)["cases"]:
                cases.append({**case, "file": path.name})
    return cases


CASES = _cases()


def test_every_service_gets_a_result_with_reasons_in_both_languages(rules: RuleSet) -> None:
    report = screen(validate_profile({"age": 72, "lives_alone": True}), rules, TODAY)
    assert len(report.results) == len(rules.services)
    assert {r.id for r in report.results} == {service.id for service in rules.services}
    for result in report.results:
        assert result.status in STATUSES
        assert result.reasons or result.also_needed, result.id
        for reason in result.reasons:
            assert reason["text"]["ko"] and reason["text"]["en"], result.id
        for question in result.missing:
            assert question["question"]["ko"] and question["question"]["en"]
        if result.status == MAYBE:
            assert result.missing, f"{result.id} is maybe but asks nothing"
    assert any(r.status == NOT_ASSESSED for r in report.results)


def test_results_come_grouped_best_first(rules: RuleSet) -> None:
    report = screen(validate_profile({"age": 30}), rules, TODAY)
    order = [STATUSES.index(r.status) for r in report.results]
    assert order == sorted(order)


def test_eligible_closest_match_first_and_maybes_by_fewest_open_questions(rules: RuleSet) -> None:
    profile = {"year": 2026, "age": 72, "gender": "female", "lives_alone": True, "seoul_resident": True}
    report = screen(validate_profile(profile), rules, TODAY)
    groups = report.by_status()
    matched = [r.matched for r in groups[ELIGIBLE]]
    assert matched == sorted(matched, reverse=True) and matched[0] >= 2
    open_questions = [len(r.missing) for r in groups[MAYBE]]
    assert open_questions == sorted(open_questions)
    # The question that settles the most maybes is one of theirs, and says how many it bears on.
    question = report.next_question
    assert question is not None and question["settles"] >= 2
    bearing = [r for r in groups[MAYBE] if any(m["id"] == question["id"] for m in r.missing)]
    assert len(bearing) == question["settles"]
    for other in {m["id"] for r in groups[MAYBE] for m in r.missing}:
        assert sum(any(m["id"] == other for m in r.missing) for r in groups[MAYBE]) <= question["settles"]


def test_enough_services_have_rules(rules: RuleSet) -> None:
    with_rules = [service.id for service in rules.services if service.paths]
    assert len(with_rules) >= 30, with_rules


def test_safety_income_pays_half_the_gap_to_85_percent_as_run(ran: RuleSet) -> None:
    rules = ran
    profile = validate_profile(
        {
            "year": 2026,
            "household_size": 2,
            "monthly_household_income_krw": 2_000_000,
            "household_assets_krw": 200_000_000,
            "seoul_resident": True,
        }
    )
    result = next(r for r in screen(profile, rules, TODAY).results if r.id == "seoul-safety-income")
    target = round(4_199_292 * 0.85)
    # Every checkable condition holds: eligible, with the random selection as what is also needed.
    assert result.status == ELIGIBLE
    assert result.also_needed and "random" in result.also_needed[0]["en"]
    assert result.benefit is not None
    assert result.benefit["amount_krw"] == round((target - 2_000_000) * 0.5)
    assert result.benefit["period"] == "month"
    assert "4,199,292" in result.benefit["explanation"]["en"] and "50%" in result.benefit["explanation"]["en"]
    assert "4,199,292원" in result.benefit["explanation"]["ko"]
    assert result.benefit["source"]["publisher"] and result.benefit["source"]["url"].startswith("https://")


def test_safety_income_asset_limit(ran: RuleSet) -> None:
    rules = ran
    base = {
        "year": 2026,
        "lives_alone": True,
        "monthly_household_income_krw": 900_000,
        "seoul_resident": True,
    }
    status = {}
    for assets in (326_000_000, 326_000_001):
        profile = validate_profile({**base, "household_assets_krw": assets})
        status[assets] = next(
            r for r in screen(profile, rules, TODAY).results if r.id == "seoul-safety-income"
        )
    assert status[326_000_000].status == ELIGIBLE
    assert status[326_000_001].status == INELIGIBLE
    assert "326" in status[326_000_001].reasons[0]["text"]["en"]


def test_safety_income_above_85_percent_names_the_failed_criterion(ran: RuleSet) -> None:
    rules = ran
    income = round(2_564_238 * 0.85) + 1
    profile = validate_profile({"year": 2026, "lives_alone": True, "monthly_household_income_krw": income})
    result = next(r for r in screen(profile, rules, TODAY).results if r.id == "seoul-safety-income")
    assert result.status == INELIGIBLE
    assert result.benefit is None
    assert len(result.reasons) == 1
    assert "85%" in result.reasons[0]["text"]["en"] and result.reasons[0]["outcome"] == "not_met"
    assert result.reasons[0]["from"] == "given"


def test_missing_facts_become_questions(ran: RuleSet) -> None:
    rules = ran
    result = next(
        r for r in screen(validate_profile({}), rules, TODAY).results if r.id == "seoul-safety-income"
    )
    assert result.status == MAYBE
    facts_asked = {q["fact"] for q in result.missing}
    assert {"monthly_household_income_krw", "household_size"} <= facts_asked
    assert result.benefit is not None and result.benefit["amount_krw"] is None


def test_a_year_past_the_newest_table_uses_the_newest_and_warns(rules: RuleSet) -> None:
    report = screen(validate_profile({"year": 2031, "household_size": 3}), rules, TODAY)
    assert report.year == 2031
    assert report.parameters["median_income"]["year"] == 2026
    assert report.parameters["median_income"]["amount_krw"] == 5_359_036
    assert report.warnings and "2026" in report.warnings[0]["en"] and "2031" in report.warnings[0]["ko"]


def test_year_defaults_to_today_and_the_table_carries_its_source(rules: RuleSet) -> None:
    report = screen(validate_profile({}), rules, date(2025, 3, 1))
    median = report.parameters["median_income"]
    assert report.year == 2025 and median["year"] == 2025 and not report.warnings
    assert median["amounts_krw"]["1"] == 2_392_013
    assert median["source"]["publisher"]["ko"] == "보건복지부"
    assert "2025" in median["source"]["title"]["ko"]


@pytest.mark.parametrize(
    ("year", "size", "expected"),
    [
        (2024, 1, 2_228_445),
        (2024, 4, 5_729_913),
        (2025, 6, 8_064_805),
        (2026, 1, 2_564_238),
        (2026, 2, 4_199_292),
        (2026, 3, 5_359_036),
        (2026, 4, 6_494_738),
        (2026, 5, 7_556_719),
        (2026, 6, 8_555_952),
        (2026, 7, 8_555_952 + (8_555_952 - 7_556_719)),
        (2026, 9, 8_555_952 + 3 * (8_555_952 - 7_556_719)),
    ],
)
def test_median_income_by_year_and_household_size(
    rules: RuleSet, year: int, size: int, expected: int
) -> None:
    table, _ = rules.median.table_for(year)
    assert MedianIncome.amount(table, size) == expected


def test_derived_facts(rules: RuleSet) -> None:
    facts = derive_facts(
        validate_profile(
            {"lives_alone": True, "children_ages": [], "business": False, "employment": "retired"}
        ),
        2026,
        rules.median,
    )
    assert facts.get("household_size") == 1
    assert facts.get("has_children") is False
    assert facts.get("youngest_child_age") is NOT_APPLICABLE
    assert facts.get("runs_business") is False
    assert facts.get("business_annual_sales_krw") is NOT_APPLICABLE
    assert facts.get("age") is UNKNOWN
    shop = derive_facts(
        validate_profile({"business": {"opened_year": 2024, "closed": False}}), 2026, rules.median
    )
    assert shop.get("runs_business") is True and shop.get("business_age_years") == 2
    assert shop.get("business_annual_sales_krw") is UNKNOWN
    assert derive_facts(validate_profile({"employment": "self_employed"}), 2026, rules.median).get(
        "runs_business"
    )
    # A business named without saying whether it still runs: not known, unless the job settles it.
    assert (
        derive_facts(validate_profile({"business": {}}), 2026, rules.median).get("runs_business") is UNKNOWN
    )


@pytest.mark.parametrize(
    ("profile", "fact", "value"),
    [
        ({"gender": "male"}, "pregnant", False),
        ({"lives_alone": True}, "has_children", False),
        ({"household_size": 1}, "youngest_child_age", NOT_APPLICABLE),
        ({"household_size": 1}, "lives_alone", True),
        ({"employment": "unemployed"}, "runs_business", False),
        ({"employment": "retired"}, "runs_business", False),
        ({"employment": "student"}, "runs_business", False),
        ({"employment": "retired", "business": {"annual_sales_krw": 1}}, "business_closed", True),
        ({"employment": "self_employed", "business": {}}, "runs_business", True),
    ],
)
def test_certain_facts_are_derived_and_say_why(
    rules: RuleSet, profile: dict, fact: str, value: object
) -> None:
    facts = derive_facts(validate_profile(profile), 2026, rules.median)
    assert facts.get(fact) is value or facts.get(fact) == value
    assert facts.derived[fact]["ko"] and facts.derived[fact]["en"]


@pytest.mark.parametrize(
    "profile",
    [{"gender": "female"}, {"employment": "employed"}, {"household_size": 2}, {"age": 80}],
)
def test_nothing_uncertain_is_derived(rules: RuleSet, profile: dict) -> None:
    facts = derive_facts(validate_profile(profile), 2026, rules.median)
    for fact in ("pregnant", "has_children", "runs_business"):
        assert facts.get(fact) is UNKNOWN, fact


def test_a_derived_fact_is_named_in_the_reason(rules: RuleSet) -> None:
    report = screen(validate_profile({"year": 2026, "age": 17, "employment": "student"}), rules, TODAY)
    umbrella = next(r for r in report.results if r.id == "yellow-umbrella-support")
    assert umbrella.status == INELIGIBLE
    assert any(
        reason["from"] == "derived" and "derived" in reason["text"]["en"] for reason in umbrella.reasons
    )


def test_a_service_takes_its_best_path(rules: RuleSet) -> None:
    def cond(fact: str, op: str, value: object) -> Condition:
        return Condition(text={"ko": fact, "en": fact}, fact=fact, op=op, value=value)

    young = RulePath((cond("age", "<", 30),), {"ko": "청년", "en": "young"})
    old = RulePath((cond("age", ">=", 65),), {"ko": "노인", "en": "old"})
    mini = RuleSet([ServiceRules("x", {"ko": "엑스", "en": "X"}, (young, old))], rules.median)
    assert screen(validate_profile({"age": 70}), mini, TODAY).results[0].status == ELIGIBLE
    assert screen(validate_profile({"age": 70}), mini, TODAY).results[0].path == {"ko": "노인", "en": "old"}
    assert screen(validate_profile({"age": 40}), mini, TODAY).results[0].status == INELIGIBLE
    # An ineligible result names each path's failed criterion.
    assert len(screen(validate_profile({"age": 40}), mini, TODAY).results[0].reasons) == 2
    assert screen(validate_profile({}), mini, TODAY).results[0].status == MAYBE


# --- the reviewable cases in tests/data/screening_cases/*.toml ---------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[f"{c['file']}:{c['name']}" for c in CASES])
def test_screening_case(rules: RuleSet, case: dict) -> None:
    # `running` screens services as if they ran today, to test the rule of one that has ended.
    report = screen(validate_profile(case["profile"]), as_running(rules, *case.get("running", [])), TODAY)
    got = {r.id: r for r in report.results}
    for service_id, expected in case["expect"].items():
        assert service_id in got, f"unknown service {service_id}"
        result = got[service_id]
        why = [reason["text"]["en"] for reason in result.reasons]
        assert result.status == expected, f"{service_id}: {result.status}, expected {expected}: {why}"


def test_cases_have_unique_names() -> None:
    assert len(CASES) >= 60
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))


def test_every_numeric_threshold_has_a_case_on_each_side(rules: RuleSet) -> None:
    """For every number a rule compares with, some case passes the condition and some case fails it."""
    seen: dict[tuple[str, int, int], set[bool]] = {}
    for case in CASES:
        profile = validate_profile(case["profile"])
        year = case["profile"].get("year", TODAY.year)
        facts = derive_facts(profile, year, rules.median)
        for service in rules.services:
            sid = service.id
            if sid not in case["expect"]:
                continue
            for p, path in enumerate(service.paths):
                for c, condition in enumerate(path.conditions):
                    if condition.fact is None or FACTS[condition.fact].kind != NUMBER:
                        continue
                    value = facts.get(condition.fact)
                    if value is UNKNOWN or value is NOT_APPLICABLE:
                        continue
                    seen.setdefault((sid, p, c), set()).add(bool(_OPS[condition.op](value, condition.value)))
    missing = []
    for service in rules.services:
        sid = service.id
        for p, path in enumerate(service.paths):
            for c, condition in enumerate(path.conditions):
                if condition.fact is not None and FACTS[condition.fact].kind == NUMBER:
                    sides = seen.get((sid, p, c), set())
                    if sides != {True, False}:
                        missing.append(
                            f"{sid} path {p} {condition.fact} {condition.op} {condition.value}: {sides}"
                        )
    assert not missing, "thresholds without a case on each side:\n" + "\n".join(missing)


def test_choice_values_read_as_words(rules: RuleSet) -> None:
    report = screen(validate_profile({"gender": "female", "employment": "self_employed"}), rules, TODAY)
    texts = [reason["text"] for result in report.results for reason in result.reasons]
    korean = " ".join(t["ko"] for t in texts)
    assert "성별: 여성" in korean and "female" not in korean
