"""Screening: which services fit a person's situation, which might, which do not, and why.

Rules are data (`[[screening]]` in each service's TOML, stored in the catalogue). Each service has
zero or more *paths* (ways to qualify); a path holds conditions that must all hold. A condition is
met, not met, or unknown (the profile lacks the fact, or it is a question no profile can answer):

- a path is `ineligible` if any condition is not met, else `maybe` if any is unknown, else `eligible`;
- a service takes its best path; a service with no paths is `not_assessed`, never dropped.

Every result carries reasons in Korean and English, the questions that would settle a "maybe", and a
benefit estimate where the source gives an amount or a formula, with how it was reached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from explorer.core.catalog import Catalogue
from explorer.core.facts import FACTS, Fact
from explorer.core.parameters import MedianIncome, MedianYear
from explorer.core.profile import NO_BUSINESS, Profile

ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED = "eligible", "maybe", "ineligible", "not_assessed"
STATUSES = (ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED)
MET, NOT_MET, UNKNOWN_OUTCOME = "met", "not_met", "unknown"

Text = dict[str, str]


class _Sentinel:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: The profile does not say.
UNKNOWN = _Sentinel("UNKNOWN")
#: The fact does not apply (the youngest child of a person without children): every test fails.
NOT_APPLICABLE = _Sentinel("NOT_APPLICABLE")

_NA_REASON: dict[str, Text] = {
    "youngest_child_age": {"ko": "자녀 없음", "en": "no children"},
}
_NO_BUSINESS: Text = {"ko": "운영하는 사업체 없음", "en": "no business"}
#: Choice values as a reader would say them.
CHOICE_WORDS: dict[str, Text] = {
    "female": {"ko": "여성", "en": "female"},
    "male": {"ko": "남성", "en": "male"},
    "other": {"ko": "기타", "en": "other"},
    "employed": {"ko": "직장에 다님", "en": "employed"},
    "unemployed": {"ko": "일자리를 찾는 중", "en": "looking for work"},
    "self_employed": {"ko": "자영업", "en": "self-employed"},
    "retired": {"ko": "은퇴", "en": "retired"},
    "student": {"ko": "학생", "en": "student"},
}


@dataclass
class Facts:
    """The facts derived from one profile for one screening year."""

    values: dict[str, Any]
    year: int
    median_table: MedianYear
    median_amount: int | None

    def get(self, name: str) -> Any:
        return self.values.get(name, UNKNOWN)


def derive_facts(profile: Profile, year: int, median: MedianIncome) -> Facts:
    """Every fact of facts.FACTS from the profile: a value, UNKNOWN or NOT_APPLICABLE."""
    p = profile.values
    v: dict[str, Any] = {}
    for name in (
        "age",
        "gender",
        "seoul_resident",
        "monthly_household_income_krw",
        "disability",
        "pregnant",
        "employment",
        "employment_insurance",
        "basic_livelihood_recipient",
        "homeless",
    ):
        v[name] = p.get(name, UNKNOWN)
    size = p.get("household_size")
    if size is None and p.get("lives_alone") is True:
        size = 1
    v["household_size"] = size if size is not None else UNKNOWN
    if "lives_alone" in p:
        v["lives_alone"] = p["lives_alone"]
    else:
        v["lives_alone"] = (size == 1) if size is not None else UNKNOWN
    table, _warnings = median.table_for(year)
    median_amount = None
    income = p.get("monthly_household_income_krw")
    if size is not None:
        median_amount = median.amount(table, size)
        if income is not None:
            v["income_share"] = income / median_amount
    v.setdefault("income_share", UNKNOWN)
    children = p.get("children_ages")
    if children is None:
        v["has_children"] = v["youngest_child_age"] = UNKNOWN
    else:
        v["has_children"] = bool(children)
        v["youngest_child_age"] = min(children) if children else NOT_APPLICABLE
    _derive_business(p, year, v)
    return Facts(v, year, table, median_amount)


def _derive_business(p: dict[str, Any], year: int, v: dict[str, Any]) -> None:
    business = p.get("business")
    keys = ("business_annual_sales_krw", "business_opened_year", "business_age_years", "business_closed")
    if business == NO_BUSINESS:
        v["runs_business"] = False
        for key in keys:
            v[key] = NOT_APPLICABLE
        return
    if business is None:
        v["runs_business"] = True if p.get("employment") == "self_employed" else UNKNOWN
        for key in keys:
            v[key] = UNKNOWN
        return
    closed = bool(business.get("closed", False))
    v["runs_business"] = not closed
    v["business_closed"] = closed
    v["business_annual_sales_krw"] = business.get("annual_sales_krw", UNKNOWN)
    opened = business.get("opened_year")
    v["business_opened_year"] = opened if opened is not None else UNKNOWN
    v["business_age_years"] = year - opened if opened is not None else UNKNOWN


# --- rules ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One criterion: a test of a fact, or a question (`ask`) no profile fact can settle."""

    text: Text
    fact: str | None = None
    op: str | None = None
    value: Any = None
    ask: Text | None = None
    source: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Benefit:
    kind: str
    text: Text
    amount_krw: int | None = None
    share: float | None = None
    period: str | None = None


@dataclass(frozen=True)
class Path:
    """One way to qualify for a service."""

    conditions: tuple[Condition, ...]
    label: Text | None = None
    benefit: Benefit | None = None


def paths_from_data(data: Iterable[dict[str, Any]]) -> tuple[Path, ...]:
    """Rules as stored (the validated `[[screening]]` tables) to Path objects."""
    out = []
    for path in data:
        conditions = tuple(
            Condition(
                text=c["text"],
                fact=c.get("fact"),
                op=c.get("op"),
                value=c.get("value"),
                ask=c.get("ask"),
                source=c.get("source", {}),
            )
            for c in path["conditions"]
        )
        b = path.get("benefit")
        benefit = (
            Benefit(b["kind"], b["text"], b.get("amount_krw"), b.get("share"), b.get("period")) if b else None
        )
        out.append(Path(conditions, path.get("label"), benefit))
    return tuple(out)


_OPS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "in": lambda a, b: a in b,
    "not_in": lambda a, b: a not in b,
}


def _show(fact: Fact, value: Any, lang: str) -> str:
    """A fact's value as a reader would say it (age 72, 47% of the median, 1,200,000 won)."""
    if fact.kind == "bool":
        yes = {"ko": "예", "en": "yes"} if value else {"ko": "아니요", "en": "no"}
        return f"{fact.label[lang]}: {yes[lang]}"
    if fact.unit == "share":
        pct = f"{value * 100:.1f}".rstrip("0").rstrip(".")
        return f"기준 중위소득의 {pct}%" if lang == "ko" else f"{pct}% of the median"
    if fact.unit == "krw":
        return f"{fact.label[lang]} {value:,}원" if lang == "ko" else f"{fact.label[lang]} ₩{value:,}"
    if fact.unit == "years" and fact.name == "age":
        return f"{value}세" if lang == "ko" else f"age {value}"
    if fact.unit == "years":
        return f"{fact.label[lang]} {value}년" if lang == "ko" else f"{fact.label[lang]}: {value} years"
    if fact.unit == "count":
        return f"{value}명" if lang == "ko" else f"{value} people"
    if fact.kind == "choice":
        return f"{fact.label[lang]}: {CHOICE_WORDS.get(value, {}).get(lang, value)}"
    return f"{fact.label[lang]}: {value}"


@dataclass
class ConditionResult:
    condition: Condition
    outcome: str
    questions: list[dict[str, Any]]
    reason: Text


def evaluate_condition(condition: Condition, facts: Facts) -> ConditionResult:
    """Met, not met or unknown, with a reason in both languages and the questions for unknowns."""
    text = condition.text
    if condition.ask is not None:
        reason = {"ko": f"확인 필요: {text['ko']}", "en": f"To check: {text['en']}"}
        return ConditionResult(
            condition, UNKNOWN_OUTCOME, [{"fact": None, "question": condition.ask}], reason
        )
    assert condition.fact is not None and condition.op is not None
    fact = FACTS[condition.fact]
    value = facts.get(condition.fact)
    if value is UNKNOWN:
        questions = [
            {"fact": name, "question": FACTS[_fact_of_input(name)].question}
            for name in fact.inputs
            if facts.get(_fact_of_input(name)) is UNKNOWN
        ] or [{"fact": fact.name, "question": fact.question}]
        reason = {"ko": f"모름: {text['ko']}", "en": f"Not known: {text['en']}"}
        return ConditionResult(condition, UNKNOWN_OUTCOME, questions, reason)
    if value is NOT_APPLICABLE:
        why = _NA_REASON.get(fact.name, _NO_BUSINESS)
        reason = {
            "ko": f"충족 안 됨: {text['ko']} ({why['ko']})",
            "en": f"Not met: {text['en']} ({why['en']})",
        }
        return ConditionResult(condition, NOT_MET, [], reason)
    met = bool(_OPS[condition.op](value, condition.value))
    shown = {lang: _show(fact, value, lang) for lang in ("ko", "en")}
    if met:
        reason = {"ko": f"충족: {text['ko']} ({shown['ko']})", "en": f"Met: {text['en']} ({shown['en']})"}
    else:
        reason = {
            "ko": f"충족 안 됨: {text['ko']} ({shown['ko']})",
            "en": f"Not met: {text['en']} ({shown['en']})",
        }
    return ConditionResult(condition, MET if met else NOT_MET, [], reason)


def _fact_of_input(profile_key: str) -> str:
    """The fact whose question asks for a profile key (business.annual_sales_krw -> its fact)."""
    mapping = {
        "children_ages": "has_children",
        "business": "runs_business",
        "business.annual_sales_krw": "business_annual_sales_krw",
        "business.opened_year": "business_opened_year",
        "business.closed": "business_closed",
    }
    return mapping.get(profile_key, profile_key)


# --- results --------------------------------------------------------------------------------------


@dataclass
class ServiceResult:
    """The screening outcome for one service."""

    id: str
    names: Text
    status: str
    reasons: list[dict[str, Any]]
    missing: list[dict[str, Any]]
    benefit: dict[str, Any] | None
    path: Text | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": self.names,
            "status": self.status,
            "path": self.path,
            "reasons": self.reasons,
            "missing": self.missing,
            "benefit": self.benefit,
        }


@dataclass
class Report:
    """Screening one profile against the catalogue."""

    year: int
    parameters: dict[str, Any]
    warnings: list[Text]
    results: list[ServiceResult]

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "parameters": self.parameters,
            "warnings": self.warnings,
            "results": [r.to_json() for r in self.results],
        }

    def by_status(self) -> dict[str, list[ServiceResult]]:
        groups: dict[str, list[ServiceResult]] = {status: [] for status in STATUSES}
        for result in self.results:
            groups[result.status].append(result)
        return groups


_RANK = {ELIGIBLE: 0, MAYBE: 1, INELIGIBLE: 2}
_PERIOD = {
    "month": {"ko": "매달", "en": "a month"},
    "year": {"ko": "해마다", "en": "a year"},
    "once": {"ko": "한 번", "en": "once"},
}
_NOT_ASSESSED_REASON = {
    "ko": "출처에 받을 수 있는 사람의 조건이 없어 판단하지 않았습니다. 120이나 주민센터에 물어보세요.",
    "en": (
        "Our sources give no conditions for who can use it, so it was not assessed."
        " Ask 120 or the community centre."
    ),
}


def _screen_path(path: Path, facts: Facts) -> tuple[str, list[ConditionResult]]:
    results = [evaluate_condition(c, facts) for c in path.conditions]
    outcomes = {r.outcome for r in results}
    if NOT_MET in outcomes:
        return INELIGIBLE, results
    if UNKNOWN_OUTCOME in outcomes:
        return MAYBE, results
    return ELIGIBLE, results


def _estimate(benefit: Benefit, facts: Facts) -> dict[str, Any]:
    """The benefit estimate and how it was computed, in both languages."""
    period = benefit.period
    if benefit.kind == "fixed":
        amount = benefit.amount_krw
        assert amount is not None
        when = _PERIOD.get(period or "", {"ko": "", "en": ""})
        how = {
            "ko": f"{benefit.text['ko']} ({when['ko']} {amount:,}원)",
            "en": f"{benefit.text['en']} (₩{amount:,} {when['en']})",
        }
        return {"amount_krw": amount, "period": period, "explanation": how}
    if benefit.kind == "gap_to_median_share":
        share = benefit.share or 0.0
        income = facts.get("monthly_household_income_krw")
        size = facts.get("household_size")
        if facts.median_amount is None or income is UNKNOWN or size is UNKNOWN:
            how = {
                "ko": f"{benefit.text['ko']}. 금액을 계산하려면 가구 소득과 가구원 수가 필요합니다.",
                "en": f"{benefit.text['en']}. The amount needs the household's income and size.",
            }
            return {"amount_krw": None, "period": period, "explanation": how}
        target = round(facts.median_amount * share)
        amount = max(0, target - income)
        pct = f"{share * 100:g}"
        year = facts.median_table.year
        how = {
            "ko": (
                f"{year}년 {size}인 가구 기준 중위소득 {facts.median_amount:,}원의 {pct}%({target:,}원)"
                f" − 가구 소득 {income:,}원 = {amount:,}원. {benefit.text['ko']}"
            ),
            "en": (
                f"{pct}% of the {year} standard median income for a household of {size}"
                f", ₩{facts.median_amount:,}, is ₩{target:,}; "
                f"less income ₩{income:,} = ₩{amount:,}. {benefit.text['en']}"
            ),
        }
        return {"amount_krw": amount, "period": period, "explanation": how}
    return {"amount_krw": None, "period": period, "explanation": dict(benefit.text)}


def screen_service(service_id: str, names: Text, paths: tuple[Path, ...], facts: Facts) -> ServiceResult:
    """Screen one service: its best path decides the status; reasons come from that path."""
    if not paths:
        return ServiceResult(
            service_id, names, NOT_ASSESSED, [{"outcome": None, "text": _NOT_ASSESSED_REASON}], [], None
        )
    scored = [(path, *_screen_path(path, facts)) for path in paths]
    best_rank = min(_RANK[status] for _, status, _ in scored)
    best = [(path, status, results) for path, status, results in scored if _RANK[status] == best_rank]
    status = best[0][1]
    shown = best if status != ELIGIBLE else best[:1]
    reasons: list[dict[str, Any]] = []
    missing: list[dict[str, Any]] = []
    seen_questions: set[str] = set()
    for path, _, results in shown:
        for r in results:
            if status == INELIGIBLE and r.outcome != NOT_MET:
                continue  # an ineligible result names the criteria that failed
            text = r.reason
            if path.label and len(paths) > 1:
                text = {lang: f"[{path.label[lang]}] {text[lang]}" for lang in ("ko", "en")}
            reasons.append({"outcome": r.outcome, "criterion": r.condition.text, "text": text})
            for q in r.questions:
                key = q["question"]["en"]
                if key not in seen_questions:
                    seen_questions.add(key)
                    missing.append(q)
    chosen = shown[0][0]
    benefit = _estimate(chosen.benefit, facts) if chosen.benefit and status != INELIGIBLE else None
    label = chosen.label if len(paths) > 1 and status != INELIGIBLE else None
    return ServiceResult(service_id, names, status, reasons, missing, benefit, label)


@dataclass
class RuleSet:
    """Every service's names and screening paths, in catalogue order; built once, screened many times."""

    services: list[tuple[str, Text, tuple[Path, ...]]]
    median: MedianIncome


def load_rules(catalogue: Catalogue) -> RuleSet:
    """Every service's rules and the median income table, read once from the catalogue."""
    services = [(sid, names, paths_from_data(paths)) for sid, names, paths in catalogue.screening_rules()]
    return RuleSet(services, MedianIncome.from_dict(catalogue.parameter("median_income")))


def screening_year(profile: Profile, today: date) -> int:
    year = profile.get("year")
    return int(year) if year is not None else today.year


def screen(profile: Profile, rules: RuleSet, today: date) -> Report:
    """Screen one profile against every service. `today` gives the year when the profile has none."""
    year = screening_year(profile, today)
    facts = derive_facts(profile, year, rules.median)
    table, warnings = rules.median.table_for(year)
    results = [screen_service(sid, names, paths, facts) for sid, names, paths in rules.services]
    order = {status: i for i, status in enumerate(STATUSES)}
    results.sort(key=lambda r: order[r.status])  # stable: catalogue order within each group
    parameters = {
        "median_income": {
            "name": rules.median.name,
            "year": table.year,
            "amounts_krw": {str(i + 1): amount for i, amount in enumerate(table.amounts_krw)},
            "larger_households": rules.median.larger_households,
            "source": table.source,
            "household_size": facts.get("household_size") if facts.median_amount is not None else None,
            "amount_krw": facts.median_amount,
        }
    }
    return Report(year, parameters, warnings, results)
