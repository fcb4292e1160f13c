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
    RuleSet,
    ServiceResult,
    load_rules,
    screen,
)
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
