"""What a person reads in a screening result agrees with the verdict beside it (the real catalogue).

Each test here is a case an audit found: a line that said "Met" beside a limit the income was above,
a service open to non-residents its own source limits to Seoul citizens, a way to qualify with
nothing to check that made everyone eligible, and ended services that did not say they ended.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from explorer.core.catalog import open_catalogue
from explorer.core.profile import validate_profile
from explorer.core.screening import (
    ELIGIBLE,
    INELIGIBLE,
    MAYBE,
    MET,
    NOT_ASSESSED,
    Condition,
    RuleSet,
    ServiceResult,
    ServiceRules,
    load_rules,
    screen,
)
from explorer.core.screening import Path as RulePath
from tests.conftest import ROOT

TODAY = date(2026, 11, 30)
SERVICES = ROOT / "db" / "services"


@pytest.fixture(scope="module")
def rules(built_db: Path) -> RuleSet:
    with open_catalogue(built_db) as catalogue:
        return load_rules(catalogue)


def _result(rules: RuleSet, profile: dict, service_id: str) -> ServiceResult:
    report = screen(validate_profile(profile, TODAY), rules, TODAY)
    return next(result for result in report.results if result.id == service_id)


def _lines(result: ServiceResult, lang: str = "en") -> list[str]:
    return [reason["text"][lang] for reason in result.reasons]


# --- 1. an income limit in words that the test does not use -------------------------------------------

BASIC = "seoul-basic-livelihood-security"


def test_basic_security_never_says_met_beside_an_amount_the_income_is_above(rules: RuleSet) -> None:
    """The audit's profile: ₩1,200,000 is 46.8% of the 2026 median for one person (within 48%), but
    the line cited the 2025 amount, ₩1,148,166, which it is above, and said "Met"."""
    profile = {
        "year": 2026,
        "age": 72,
        "gender": "female",
        "seoul_resident": True,
        "household_size": 1,
        "monthly_household_income_krw": 1_200_000,
        "household_assets_krw": 150_000_000,
        "basic_livelihood_recipient": False,
    }
    result = _result(rules, profile, BASIC)
    assert result.status == ELIGIBLE
    [line] = [line for line in _lines(result) if "median" in line]
    assert line == "Met: Household income at or under 48% of the standard median income (46.8% of the median)"
    [korean] = [line for line in _lines(result, "ko") if "중위소득" in line]
    assert "48%" in korean and "1,148,166" not in korean and "46.8%" in korean


def _conditions() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(SERVICES.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for way in data.get("screening", []):
            out += [(data["id"], condition) for condition in way["conditions"]]
    return out


_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\s*(?:won|KRW|원|만\s*원)")


def test_no_share_of_the_median_is_worded_with_one_year_amount() -> None:
    """A share of the median is compared with the median of the screening year; an amount in its
    words is one year's and can be above or below the line actually used, so none is written."""
    worded = [
        (service, condition["text"][lang])
        for service, condition in _conditions()
        if condition.get("fact") == "income_share"
        for lang in ("ko", "en")
        if _AMOUNT.search(condition["text"][lang])
    ]
    assert worded == []


def test_every_met_share_of_the_median_names_the_share_it_was_compared_with(rules: RuleSet) -> None:
    """Across the catalogue, a met income test shows the person's share of the median beside the
    rule's share, and nothing else in money."""
    profile = {"year": 2026, "seoul_resident": True, "household_size": 1, "monthly_household_income_krw": 100}
    report = screen(validate_profile(profile, TODAY), rules, TODAY)
    shown = [
        reason["text"]["en"]
        for result in report.results
        for reason in result.reasons
        if reason["outcome"] == MET and "median" in reason["text"]["en"]
    ]
    assert shown
    for line in shown:
        assert "0% of the median" in line and not _AMOUNT.search(line), line


# --- 2. a Seoul-only service open to everyone ----------------------------------------------------------

BORAM = "boram-jobs"


def test_gachi_donghaeng_jobs_are_for_seoul_citizens(rules: RuleSet) -> None:
    """Its source: "신청일 기준 40세 이상 서울시민이면 누구나 지원할 수 있다" (Seoul citizens aged 40+)."""
    outside = _result(rules, {"age": 45, "seoul_resident": False}, BORAM)
    assert outside.status == INELIGIBLE
    assert _lines(outside) == ["Not met: Lives in Seoul (Lives in Seoul: no)"]
    assert _lines(outside, "ko") == ["충족 안 됨: 서울 시민 (서울 거주: 아니요)"]
    unknown = _result(rules, {"age": 45}, BORAM)
    assert unknown.status == MAYBE
    assert [question["id"] for question in unknown.missing] == ["seoul_resident"]
    assert "Not known: Lives in Seoul" in _lines(unknown)
    inside = _result(rules, {"age": 45, "seoul_resident": True}, BORAM)
    assert inside.status == ELIGIBLE
    assert "Met: Lives in Seoul (Lives in Seoul: yes)" in _lines(inside)


# --- 3. a way to qualify with nothing to check ----------------------------------------------------------

RENTAL = "rental-housing-community-programs"


def test_nobody_is_eligible_for_anything_when_nothing_is_known(rules: RuleSet) -> None:
    """An empty profile made everyone eligible for the rental housing community programmes (and
    Zero-Pay) through a way to qualify that holds only what the agency decides."""
    report = screen(validate_profile({}, TODAY), rules, TODAY)
    assert [result.id for result in report.results if result.status == ELIGIBLE] == []
    rental = next(result for result in report.results if result.id == RENTAL)
    assert rental.status == MAYBE
    assert _lines(rental) == [
        "[Residents of public rental housing] To check: A resident of public rental housing"
    ]
    assert [question["question"]["en"] for question in rental.missing] == [
        "Do you live in public rental housing?"
    ]


def test_a_way_with_only_what_the_agency_decides_is_not_assessed(rules: RuleSet) -> None:
    """Not in public rental housing: the programmes' plan to reach other housing is the City's to
    decide, so the result is not assessed, says why, and says whom to ask; never eligible."""
    answers = {"answers": {f"{RENTAL}:a-resident-of-public-rental-housing": False}}
    rental = _result(rules, answers, RENTAL)
    assert rental.status == NOT_ASSESSED
    assert _lines(rental) == [
        "[Other housing and residential areas (planned)] Decided by the agency:"
        " The plan to extend to other housing and residential areas",
        "[Other housing and residential areas (planned)] Decided by the agency:"
        " The proposed community programme has been selected",
        "[Residents of public rental housing] Not met: A resident of public rental housing (answered no)",
    ]
    assert any("Ask 120 whether it covers where you live" in text["en"] for text in rental.also_needed)
    yes = {"answers": {f"{RENTAL}:a-resident-of-public-rental-housing": True}}
    assert _result(rules, yes, RENTAL).status == ELIGIBLE


def test_zero_pay_is_not_open_to_everyone_through_its_shopper_way(rules: RuleSet) -> None:
    shop = {"employment": "self_employed", "business": {"annual_sales_krw": 100_000_000}}
    assert _result(rules, shop, "zero-pay").status == ELIGIBLE
    no_shop = _result(rules, {"business": False}, "zero-pay")
    assert no_shop.status == NOT_ASSESSED
    assert _lines(no_shop)[0] == (
        "[Shoppers: 30% income deduction] Decided by the agency: A shopper who pays with Zero-Pay"
    )


def test_the_engine_never_makes_a_way_with_nothing_to_check_eligible(rules: RuleSet) -> None:
    """Rules as data, apart from the catalogue: a way that holds only residuals is not assessed."""
    words = {"ko": "추첨", "en": "A lottery"}
    drawn = {"ko": "추첨합니다. 120에 물어보세요.", "en": "A lottery. Ask 120."}
    lottery = Condition(text=words, residual=drawn)
    old = Condition(text={"ko": "65세 이상", "en": "Aged 65 or over"}, fact="age", op=">=", value=65)
    only = RulePath((lottery,), {"ko": "누구나", "en": "Anyone"})
    aged = RulePath((old, lottery), {"ko": "어르신", "en": "Older people"})
    names = {"ko": "엑스", "en": "X"}

    def status(paths: tuple[RulePath, ...], profile: dict) -> ServiceResult:
        mini = RuleSet([ServiceRules("x", names, paths)], rules.median)
        return screen(validate_profile(profile, TODAY), mini, TODAY).results[0]

    alone = status((only,), {"age": 70})
    assert alone.status == NOT_ASSESSED
    assert _lines(alone) == ["Decided by the agency: A lottery"]
    assert alone.also_needed == [drawn]
    assert status((aged, only), {"age": 70}).status == ELIGIBLE
    assert status((aged, only), {}).status == MAYBE
    assert status((aged, only), {"age": 40}).status == NOT_ASSESSED
    assert status((aged,), {"age": 40}).status == INELIGIBLE


def test_not_assessed_results_without_rules_come_first(rules: RuleSet) -> None:
    """Those not assessed share one reason, said once for the group (the screening view): the
    ones with a way that only the agency decides, each with its own reasons, come after them."""
    report = screen(validate_profile({"business": False}, TODAY), rules, TODAY)
    group = report.by_status()[NOT_ASSESSED]
    kinds = [result.reasons[0]["outcome"] is None for result in group]
    assert kinds == sorted(kinds, reverse=True) and kinds[0] and not kinds[-1]


# --- 5. an ended service says so, whatever its conditions ----------------------------------------------

ENDED_TODAY = {
    # id: when it ended (its [current] record), as a person reads it
    "village-community": ("December 2022", "2022년 12월"),
    "metaverse-seoul": ("October 16, 2024", "2024년 10월 16일"),
    "metaverse-seoul-easy-mode": ("October 2024", "2024년 10월"),
    "seoul-safety-app": ("March 15, 2024", "2024년 3월 15일"),
    "mini-solar-panels": ("2022", "2022년"),
    "one-less-nuclear-power-plant": ("2022", "2022년"),
    "seoul-safety-income": ("2025", "2025년"),
}


def test_the_services_that_ended_are_the_ones_listed_here() -> None:
    ended = set()
    for path in SERVICES.glob("*.toml"):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        if data["current"]["state"] in ("ended", "never_started"):
            ended.add(data["id"])
    assert ended == set(ENDED_TODAY)


@pytest.mark.parametrize("profile", [{}, {"age": 30, "seoul_resident": True, "household_size": 1}])
def test_an_ended_service_says_it_ended_with_or_without_conditions(rules: RuleSet, profile: dict) -> None:
    """Five of them have no screening rules and read "not assessed: our sources give no conditions"
    with no word that they ended; Seoul Safety Income, with rules, said so."""
    report = screen(validate_profile(profile, TODAY), rules, TODAY)
    results = {result.id: result for result in report.results}
    for service_id, (en, ko) in ENDED_TODAY.items():
        result = results[service_id]
        assert result.status == INELIGIBLE, service_id
        assert result.missing == [] and result.also_needed == [] and result.benefit is None
        assert _lines(result) == [
            f"This service has ended ({en}); the sources are in the service's “Today” part."
            " Ask 120 about similar help."
        ], service_id
        assert _lines(result, "ko")[0].startswith(f"이 서비스는 끝났습니다({ko})"), _lines(result, "ko")
