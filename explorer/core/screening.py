"""Screening: which services fit a person's situation, which might, which do not, and why.

Rules are data (`[[screening]]` in each service's TOML, stored in the catalogue). Each service has
zero or more *paths* (ways to qualify); a path holds conditions that must all hold. A condition is
one of four kinds (db/README.md):

- a **fact** test of the profile: met, not met, or unknown when the profile does not say;
- a **term** ("older person") placed against its cited legal definitions (core.definitions): met
  inside the core range, not met outside the widest, unknown in between;
- an **ask**: a question the person can answer that no profile field holds (unknown until answered);
- a **residual**: what only the agency decides (a lottery, a selection). It never makes a result
  "maybe"; an eligible result lists it as "also needed".

A path is `ineligible` if any condition is not met, else `maybe` if any is unknown, else `eligible`;
a service takes its best path; a service with no paths is `not_assessed`, never dropped; a service
known to have ended is never eligible. Facts that follow for certain from the profile are derived
(a man is not pregnant) and each reason says where its value came from: `given`, `derived` or
`definition`. Results are ranked: eligible by how closely the person matched, then by the size of
the benefit; maybes by how few answers would settle them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from explorer.core import reasons as say
from explorer.core.catalog import Catalogue
from explorer.core.current import screening_status
from explorer.core.definitions import (
    BETWEEN,
    IN_CORE,
    MET_IF,
    NOT_KNOWN,
    NOT_THERE,
    OUTSIDE,
    Term,
    judge,
    terms_from_dict,
)
from explorer.core.facts import FACTS
from explorer.core.fields import FIELD, NO_BUSINESS_EMPLOYMENTS
from explorer.core.parameters import MedianIncome, MedianYear
from explorer.core.profile import NO_BUSINESS, Profile
from explorer.core.values import NOT_APPLICABLE, UNKNOWN

__all__ = [
    "ELIGIBLE",
    "INELIGIBLE",
    "MAYBE",
    "MET",
    "NOT_APPLICABLE",
    "NOT_ASSESSED",
    "NOT_MET",
    "RESIDUAL",
    "STATUSES",
    "UNKNOWN",
    "UNKNOWN_OUTCOME",
    "Condition",
    "Facts",
    "Path",
    "Report",
    "RuleSet",
    "ServiceResult",
    "ServiceRules",
    "ask_id",
    "ask_questions",
    "derive_facts",
    "load_rules",
    "screen",
    "settling_question",
]

ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED = "eligible", "maybe", "ineligible", "not_assessed"
STATUSES = (ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED)
MET, NOT_MET, UNKNOWN_OUTCOME, RESIDUAL = "met", "not_met", "unknown", "residual"
#: Where a reason's value came from.
GIVEN, DERIVED, DEFINITION = "given", "derived", "definition"

Text = dict[str, str]


def _t(ko: str, en: str) -> Text:
    return {"ko": ko, "en": en}


# --- facts ------------------------------------------------------------------------------------------


@dataclass
class Facts:
    """The facts of one profile for one screening year, and why each derived one holds."""

    values: dict[str, Any]
    year: int
    median_table: MedianYear
    median_amount: int | None
    #: Facts that were not given but follow for certain from what was, with the reason.
    derived: dict[str, Text] = field(default_factory=dict)
    #: Answers to particular services' questions, by question id.
    answers: dict[str, bool] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.values.get(name, UNKNOWN)


_PLAIN = (
    "age",
    "gender",
    "seoul_resident",
    "monthly_household_income_krw",
    "household_assets_krw",
    "disability",
    "pregnant",
    "needs_care",
    "employment",
    "employment_insurance",
    "basic_livelihood_recipient",
    "homeless",
)


def derive_facts(profile: Profile, year: int, median: MedianIncome) -> Facts:
    """Every fact of facts.FACTS from the profile: a value, UNKNOWN or NOT_APPLICABLE.

    Only what follows for certain is derived: a household of one lives alone and has no child at
    home; a man is not pregnant; someone unemployed, retired or a student who names no business runs
    none (and a business they name has closed).
    """
    p = profile.values
    v: dict[str, Any] = {name: p.get(name, UNKNOWN) for name in _PLAIN}
    derived: dict[str, Text] = {}
    size = p.get("household_size")
    if size is None and p.get("lives_alone") is True:
        size = 1
        derived["household_size"] = _t(
            "혼자 사는 사람은 1인 가구", "someone living alone is a household of 1"
        )
    v["household_size"] = size if size is not None else UNKNOWN
    if "lives_alone" in p:
        v["lives_alone"] = p["lives_alone"]
    elif size is not None:
        v["lives_alone"] = size == 1
        derived["lives_alone"] = _t(f"가구원 {size}명", f"a household of {size}")
    else:
        v["lives_alone"] = UNKNOWN
    if p.get("gender") == "male" and "pregnant" not in p:
        v["pregnant"] = False
        derived["pregnant"] = _t("남성은 임신하지 않음", "a man is not pregnant")
    table, _warnings = median.table_for(year)
    median_amount = None
    income = p.get("monthly_household_income_krw")
    if size is not None:
        median_amount = median.amount(table, size)
        if income is not None:
            v["income_share"] = income / median_amount
    v.setdefault("income_share", UNKNOWN)
    _derive_children(p, size, v, derived)
    _derive_business(p, year, v, derived)
    return Facts(v, year, table, median_amount, derived, dict(p.get("answers", {})))


def _derive_children(
    p: dict[str, Any], size: int | None, v: dict[str, Any], derived: dict[str, Text]
) -> None:
    children = p.get("children_ages")
    if children is None and size == 1:
        children = []
        why = _t("1인 가구에는 함께 사는 자녀가 없음", "a household of one has no child at home")
        derived["has_children"] = derived["youngest_child_age"] = why
    if children is None:
        v["has_children"] = v["youngest_child_age"] = UNKNOWN
    else:
        v["has_children"] = bool(children)
        v["youngest_child_age"] = min(children) if children else NOT_APPLICABLE


def _derive_business(p: dict[str, Any], year: int, v: dict[str, Any], derived: dict[str, Text]) -> None:
    business = p.get("business")
    employment = p.get("employment")
    details = (
        "business_annual_sales_krw",
        "business_employees",
        "business_opened_year",
        "business_age_years",
    )
    if business == NO_BUSINESS:
        v["runs_business"] = False
        for key in (*details, "business_closed"):
            v[key] = NOT_APPLICABLE
        return
    no_business_job = employment in NO_BUSINESS_EMPLOYMENTS
    why = (
        _t(
            f"{FIELD['employment'].choice_words[employment]['ko']}이고 운영하는 사업체를 말하지 않음",
            f"{FIELD['employment'].choice_words[employment]['en']}, with no business named",
        )
        if no_business_job
        else None
    )
    if business is None:
        if employment == "self_employed":
            v["runs_business"] = True
            derived["runs_business"] = _t("자영업", "self-employed")
        elif why is not None:
            v["runs_business"] = False
            derived["runs_business"] = why
        else:
            v["runs_business"] = UNKNOWN
        for key in (*details, "business_closed"):
            v[key] = UNKNOWN
        return
    closed = business.get("closed")
    if closed is None and no_business_job:
        closed = True
        derived["business_closed"] = derived["runs_business"] = _t(
            f"{FIELD['employment'].choice_words[employment]['ko']}이므로 말한 사업체는 닫은 것",
            f"{FIELD['employment'].choice_words[employment]['en']}, so the business named has closed",
        )
    elif closed is None and employment == "self_employed":
        closed = False
        derived["business_closed"] = derived["runs_business"] = _t("자영업", "self-employed")
    v["business_closed"] = closed if closed is not None else UNKNOWN
    v["runs_business"] = (not closed) if closed is not None else UNKNOWN
    v["business_annual_sales_krw"] = business.get("annual_sales_krw", UNKNOWN)
    v["business_employees"] = business.get("employees", UNKNOWN)
    opened = business.get("opened_year")
    v["business_opened_year"] = opened if opened is not None else UNKNOWN
    v["business_age_years"] = year - opened if opened is not None else UNKNOWN


# --- rules ------------------------------------------------------------------------------------------


def ask_id(service_id: str, condition: Condition) -> str:
    """The stable id of a service's question (`ask`): the service id and its criterion's words.

    A profile answers it under `answers` ("uos-half-price-tuition:studies-at-the-university-of-seoul").
    """
    words = re.sub(r"[^a-z0-9]+", "-", condition.text["en"].lower()).strip("-")[:60].strip("-")
    return f"{service_id}:{words or 'question'}"


@dataclass(frozen=True)
class Condition:
    """One criterion: a fact test, a defined term, a question (`ask`) or what the agency decides."""

    text: Text
    fact: str | None = None
    op: str | None = None
    value: Any = None
    ask: Text | None = None
    term: str | None = None
    residual: Text | None = None
    source: dict[str, str] = field(default_factory=dict)
    #: For an ask: its id, worked out once when the rules are loaded.
    ask_key: str = ""


@dataclass(frozen=True)
class Benefit:
    kind: str
    text: Text
    amount_krw: int | None = None
    share: float | None = None
    period: str | None = None
    #: The part of the gap paid (gap_to_median_share): 0.5 pays half.
    rate: float = 1.0
    source: dict[str, str] = field(default_factory=dict)


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
                term=c.get("term"),
                residual=c.get("residual"),
                source=c.get("source", {}),
            )
            for c in path["conditions"]
        )
        b = path.get("benefit")
        benefit = (
            Benefit(
                b["kind"],
                b["text"],
                b.get("amount_krw"),
                b.get("share"),
                b.get("period"),
                b.get("rate", 1.0),
                b.get("source", {}),
            )
            if b
            else None
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


@dataclass
class ConditionResult:
    """A condition's outcome; its reason is worded only when a result shows it (most are not)."""

    condition: Condition
    outcome: str
    questions: list[dict[str, Any]]
    render: Callable[[], Text]
    #: Where the deciding value came from: given, derived or definition (None while unknown).
    origin: str | None = None

    @property
    def reason(self) -> Text:
        """The reason in both languages."""
        return self.render()


def _unknown_inputs(fact_name: str, facts: Facts) -> list[str]:
    """The facts behind `fact_name` that are still unknown (income_share: income, size or both)."""
    fact = FACTS[fact_name]
    missing = []
    for key in fact.inputs:
        source = _FACT_OF_FIELD.get(key, key)
        if facts.get(source) is UNKNOWN:
            missing.append(source)
    return missing or [fact_name]


#: The fact that holds a profile field's value, where the names differ.
_FACT_OF_FIELD = {
    "children_ages": "has_children",
    "business": "runs_business",
    "business.annual_sales_krw": "business_annual_sales_krw",
    "business.employees": "business_employees",
    "business.opened_year": "business_opened_year",
    "business.closed": "business_closed",
}


def _field_questions(fact_name: str, facts: Facts) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for name in _unknown_inputs(fact_name, facts):
        for key in FACTS[name].inputs:
            if key not in seen:
                seen.add(key)
                out.append({"id": key, "fact": key, "question": FIELD[key].question})
    return out


def evaluate_condition(
    condition: Condition, facts: Facts, terms: dict[str, Term], service_id: str = ""
) -> ConditionResult:
    """Met, not met, unknown or residual, with a reason in both languages and the questions for unknowns."""
    text = condition.text
    if condition.residual is not None:
        return ConditionResult(condition, RESIDUAL, [], lambda: say.agency_decides(text))
    if condition.ask is not None:
        key = condition.ask_key or ask_id(service_id, condition)
        answer = facts.answers.get(key)
        if answer is not None:

            def answered() -> Text:
                shown = {lang: say.answered(bool(answer), lang) for lang in say.LANGS}
                return say.met(text, shown) if answer else say.not_met(text, shown)

            return ConditionResult(condition, MET if answer else NOT_MET, [], answered, GIVEN)
        question = {"id": key, "fact": None, "question": condition.ask}
        return ConditionResult(condition, UNKNOWN_OUTCOME, [question], lambda: say.to_check(text))
    if condition.term is not None:
        return _evaluate_term(condition, terms[condition.term], facts)
    assert condition.fact is not None and condition.op is not None
    fact = FACTS[condition.fact]
    value = facts.get(condition.fact)
    if value is UNKNOWN:
        return ConditionResult(
            condition, UNKNOWN_OUTCOME, _field_questions(condition.fact, facts), lambda: say.not_known(text)
        )
    origin = DERIVED if condition.fact in facts.derived else GIVEN
    if value is NOT_APPLICABLE:
        return ConditionResult(
            condition, NOT_MET, [], lambda: _not_applicable(text, fact.name, facts), origin
        )
    met = bool(_OPS[condition.op](value, condition.value))

    def compared() -> Text:
        shown = {lang: say.show(fact, value, lang) for lang in say.LANGS}
        reason = say.met(text, shown) if met else say.not_met(text, shown)
        if origin == DERIVED:
            reason = say.with_derivation(reason, facts.derived[fact.name])
        return reason

    return ConditionResult(condition, MET if met else NOT_MET, [], compared, origin)


def _not_applicable(text: Text, fact_name: str, facts: Facts) -> Text:
    reason = say.not_applicable(text, fact_name)
    if fact_name in facts.derived:
        reason = say.with_derivation(reason, facts.derived[fact_name])
    return reason


def _evaluate_term(condition: Condition, term: Term, facts: Facts) -> ConditionResult:
    text = condition.text
    values = {name: facts.get(name) for name in term.facts}
    if term.met_if is not None:
        values[term.met_if.fact] = facts.get(term.met_if.fact)
    verdict = judge(term, values)
    if verdict.where == MET_IF:
        return ConditionResult(condition, MET, [], lambda: say.term_met_if(text, term), DEFINITION)
    if verdict.where == NOT_KNOWN:
        assert verdict.fact is not None
        questions = _field_questions(verdict.fact, facts)
        key = FACTS[term.met_if.fact].inputs[0] if term.met_if is not None else ""
        if key and facts.get(term.met_if.fact) is UNKNOWN and all(q["id"] != key for q in questions):
            questions.append({"id": key, "fact": key, "question": FIELD[key].question})
        return ConditionResult(condition, UNKNOWN_OUTCOME, questions, lambda: say.not_known(text))
    assert verdict.fact is not None
    fact_name = verdict.fact
    if verdict.where == NOT_THERE:
        return ConditionResult(
            condition, NOT_MET, [], lambda: _not_applicable(text, fact_name, facts), DEFINITION
        )

    def shown() -> Text:
        return {lang: say.show(FACTS[fact_name], verdict.value, lang) for lang in say.LANGS}

    if verdict.where == IN_CORE:
        return ConditionResult(condition, MET, [], lambda: say.term_met(text, term, shown()), DEFINITION)
    if verdict.where == OUTSIDE:
        return ConditionResult(
            condition, NOT_MET, [], lambda: say.term_outside(text, term, shown()), DEFINITION
        )
    assert verdict.where == BETWEEN
    question = term.question or _t(
        f"{term.name['ko']}에 해당하는지 120이나 주민센터에 물어보세요.",
        f"Ask 120 or the community centre whether the person counts as a {term.name['en']} here.",
    )
    entry = {"id": f"term:{term.id}", "fact": None, "question": question}
    return ConditionResult(
        condition, UNKNOWN_OUTCOME, [entry], lambda: say.term_between(text, term, shown()), DEFINITION
    )


# --- results ----------------------------------------------------------------------------------------


@dataclass
class ServiceResult:
    """The screening outcome for one service."""

    id: str
    names: Text
    status: str
    #: The reasons, or how to word them when first read (most results are never shown).
    _reasons: list[dict[str, Any]] | Callable[[], list[dict[str, Any]]]
    missing: list[dict[str, Any]]
    benefit: dict[str, Any] | None
    path: Text | None = None
    #: What the agency still decides or the person still has to do (residuals, a plan's state).
    also_needed: list[Text] = field(default_factory=list)
    #: How many conditions of the chosen path the person met (closeness of the match).
    matched: int = 0

    @property
    def reasons(self) -> list[dict[str, Any]]:
        """Each reason: {"outcome", "criterion", "text": {ko, en}, "from"}."""
        if callable(self._reasons):
            self._reasons = self._reasons()
        return self._reasons

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": self.names,
            "status": self.status,
            "path": self.path,
            "reasons": self.reasons,
            "missing": [{"id": m["id"], "fact": m["fact"], "question": m["question"]} for m in self.missing],
            "also_needed": self.also_needed,
            "benefit": self.benefit,
        }


@dataclass
class Report:
    """Screening one profile against the catalogue."""

    year: int
    parameters: dict[str, Any]
    warnings: list[Text]
    results: list[ServiceResult]
    #: The one question that would settle the most "maybe" results, and how many it bears on.
    next_question: dict[str, Any] | None = None
    derived: dict[str, Text] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "parameters": self.parameters,
            "warnings": self.warnings,
            "derived": self.derived,
            "next_question": self.next_question,
            "results": [r.to_json() for r in self.results],
        }

    def by_status(self) -> dict[str, list[ServiceResult]]:
        groups: dict[str, list[ServiceResult]] = {status: [] for status in STATUSES}
        for result in self.results:
            groups[result.status].append(result)
        return groups


_RANK = {ELIGIBLE: 0, MAYBE: 1, INELIGIBLE: 2}
_PERIOD = {
    "month": _t("매달", "a month"),
    "year": _t("해마다", "a year"),
    "once": _t("한 번", "once"),
}


def _screen_path(
    path: Path, facts: Facts, terms: dict[str, Term], service_id: str
) -> tuple[str, list[ConditionResult]]:
    results = [evaluate_condition(c, facts, terms, service_id) for c in path.conditions]
    outcomes = {r.outcome for r in results}
    if NOT_MET in outcomes:
        return INELIGIBLE, results
    if UNKNOWN_OUTCOME in outcomes:
        return MAYBE, results
    return ELIGIBLE, results


def _estimate(benefit: Benefit, facts: Facts) -> dict[str, Any]:
    """The benefit estimate and how it was computed, in both languages."""
    period = benefit.period
    external = _external(benefit.source)
    if benefit.kind == "fixed":
        amount = benefit.amount_krw
        assert amount is not None
        when = _PERIOD.get(period or "", _t("", ""))
        how = {
            "ko": f"{benefit.text['ko']} ({when['ko']} {amount:,}원)",
            "en": f"{benefit.text['en']} (₩{amount:,} {when['en']})",
        }
        return {"amount_krw": amount, "period": period, "explanation": how, "source": external}
    if benefit.kind == "gap_to_median_share":
        return _gap_estimate(benefit, facts) | {"source": external}
    return {"amount_krw": None, "period": period, "explanation": dict(benefit.text), "source": external}


def _gap_estimate(benefit: Benefit, facts: Facts) -> dict[str, Any]:
    share = benefit.share or 0.0
    income = facts.get("monthly_household_income_krw")
    size = facts.get("household_size")
    period = benefit.period
    if facts.median_amount is None or income is UNKNOWN or size is UNKNOWN:
        how = {
            "ko": f"{benefit.text['ko']}. 금액을 계산하려면 가구 소득과 가구원 수가 필요합니다.",
            "en": f"{benefit.text['en']}. The amount needs the household's income and size.",
        }
        return {"amount_krw": None, "period": period, "explanation": how}
    target = round(facts.median_amount * share)
    gap = max(0, target - income)
    amount = round(gap * benefit.rate)
    pct = f"{share * 100:g}"
    year = facts.median_table.year
    rate_ko = f" × {benefit.rate * 100:g}%" if benefit.rate != 1.0 else ""
    rate_en = f", times {benefit.rate * 100:g}%" if benefit.rate != 1.0 else ""
    how = {
        "ko": (
            f"({year}년 {size}인 가구 기준 중위소득 {facts.median_amount:,}원의 {pct}%({target:,}원)"
            f" − 가구 소득 {income:,}원){rate_ko} = {amount:,}원. {benefit.text['ko']}"
        ),
        "en": (
            f"{pct}% of the {year} standard median income for a household of {size}"
            f", ₩{facts.median_amount:,}, is ₩{target:,}; less income ₩{income:,}"
            f" is ₩{gap:,}{rate_en} = ₩{amount:,}. {benefit.text['en']}"
        ),
    }
    return {"amount_krw": amount, "period": period, "explanation": how}


def _external(source: dict[str, Any]) -> dict[str, Any] | None:
    """An external (non-seed) source as shown beside an estimate; None for a seed quote."""
    if not source or "url" not in source:
        return None
    return {key: source[key] for key in ("publisher", "title", "published", "url", "quote") if key in source}


@dataclass(frozen=True)
class ServiceRules:
    """One service's rules and state, as screening needs them."""

    id: str
    names: Text
    paths: tuple[Path, ...]
    status: str = "active"
    as_of: str = ""
    end_year: int | None = None


def screen_service(rules: ServiceRules, facts: Facts, terms: dict[str, Term]) -> ServiceResult:
    """Screen one service: its best path decides the status; reasons come from that path."""
    if not rules.paths:
        return ServiceResult(
            rules.id,
            rules.names,
            NOT_ASSESSED,
            [{"outcome": None, "text": say.NOT_ASSESSED, "from": None}],
            [],
            None,
        )
    if rules.status == "ended":
        reason = {
            "outcome": NOT_MET,
            "criterion": None,
            "text": say.service_ended(rules.as_of),
            "from": "catalogue",
        }
        return ServiceResult(rules.id, rules.names, INELIGIBLE, [reason], [], None)
    scored = [(path, *_screen_path(path, facts, terms, rules.id)) for path in rules.paths]
    best_rank = min(_RANK[status] for _, status, _ in scored)
    best = [(path, status, results) for path, status, results in scored if _RANK[status] == best_rank]
    status = best[0][1]
    if status == MAYBE:  # the path nearest to settled first
        best.sort(key=lambda item: sum(r.outcome == UNKNOWN_OUTCOME for r in item[2]))
    shown = best if status != ELIGIBLE else best[:1]
    pending: list[tuple[ConditionResult, Text | None]] = []
    missing: list[dict[str, Any]] = []
    also: list[Text] = []
    seen_questions: set[str] = set()
    many = len(rules.paths) > 1
    for path, _, results in shown:
        for r in results:
            if status == INELIGIBLE and r.outcome != NOT_MET:
                continue  # an ineligible result names the criteria that failed
            if r.outcome == RESIDUAL:
                assert r.condition.residual is not None
                if r.condition.residual not in also and path is shown[0][0]:
                    also.append(r.condition.residual)
                continue
            pending.append((r, path.label if many else None))
            for q in r.questions:
                if q["id"] not in seen_questions:
                    seen_questions.add(q["id"])
                    missing.append(q)
    if status != INELIGIBLE and rules.status in ("planned", "unknown"):
        also.append(say.service_not_known_running(rules.status, rules.as_of))
    chosen, _, chosen_results = shown[0]
    benefit = _estimate(chosen.benefit, facts) if chosen.benefit and status != INELIGIBLE else None
    label = chosen.label if many and status != INELIGIBLE else None
    matched = sum(r.outcome == MET for r in chosen_results)
    return ServiceResult(
        rules.id, rules.names, status, lambda: _word(pending), missing, benefit, label, also, matched
    )


def _word(pending: list[tuple[ConditionResult, Text | None]]) -> list[dict[str, Any]]:
    """The reasons of a result, worded (a path's label first where a service has several)."""
    out = []
    for r, label in pending:
        text = r.reason
        if label:
            text = {lang: f"[{label[lang]}] {text[lang]}" for lang in say.LANGS}
        out.append({"outcome": r.outcome, "criterion": r.condition.text, "text": text, "from": r.origin})
    return out


@dataclass
class RuleSet:
    """Every service's rules, the median income table and the legal definitions; built once."""

    services: list[ServiceRules]
    median: MedianIncome
    terms: dict[str, Term] = field(default_factory=dict)
    _asks: dict[str, dict[str, Any]] | None = None

    def asks(self) -> dict[str, dict[str, Any]]:
        """Every service's own question by id (worked out once)."""
        if self._asks is None:
            self._asks = ask_questions(self)
        return self._asks


def load_rules(catalogue: Catalogue) -> RuleSet:
    """Every service's rules, the median income table and the definitions, read once from the catalogue."""
    services = [
        ServiceRules(
            row["id"],
            row["names"],
            _with_ask_keys(row["id"], paths_from_data(row["paths"])),
            screening_status(
                {"state": row["current_state"]} if row["current_state"] else None, row["status"]
            ),
            row["current_since"] or row["as_of"],
            row["end_year"],
        )
        for row in catalogue.screening_rules()
    ]
    terms = terms_from_dict(catalogue.parameter("definitions"))
    return RuleSet(services, MedianIncome.from_dict(catalogue.parameter("median_income")), terms)


def _with_ask_keys(service_id: str, paths: tuple[Path, ...]) -> tuple[Path, ...]:
    """The paths with each ask's id worked out once."""
    return tuple(
        replace(
            path,
            conditions=tuple(
                replace(c, ask_key=ask_id(service_id, c)) if c.ask is not None else c for c in path.conditions
            ),
        )
        for path in paths
    )


def ask_questions(rules: RuleSet) -> dict[str, dict[str, Any]]:
    """Every service's own question (`ask`) by id: the question and the service's names."""
    out: dict[str, dict[str, Any]] = {}
    for service in rules.services:
        for path in service.paths:
            for condition in path.conditions:
                if condition.ask is not None:
                    out.setdefault(
                        condition.ask_key or ask_id(service.id, condition),
                        {"question": condition.ask, "service": service.names},
                    )
    return out


def screening_year(profile: Profile, today: date) -> int:
    year = profile.get("year")
    return int(year) if year is not None else today.year


def _monthly(result: ServiceResult) -> float:
    benefit = result.benefit or {}
    amount = benefit.get("amount_krw") or 0
    return amount / 12 if benefit.get("period") in ("year", "once") else amount


def rank(results: list[ServiceResult]) -> list[ServiceResult]:
    """Eligible first, the closest match (most conditions met) and then the largest benefit first;
    maybes by how few answers would settle them; then the rest. Ties keep catalogue order."""
    order = {status: i for i, status in enumerate(STATUSES)}

    def key(indexed: tuple[int, ServiceResult]) -> tuple[Any, ...]:
        position, r = indexed
        if r.status == ELIGIBLE:
            return (order[r.status], -r.matched, -_monthly(r), position)
        if r.status == MAYBE:
            return (order[r.status], len(r.missing), -r.matched, position)
        return (order[r.status], 0, 0, position)

    return [r for _, r in sorted(enumerate(results), key=key)]


def settling_question(results: Iterable[ServiceResult], skip: Iterable[str] = ()) -> dict[str, Any] | None:
    """The open question that the most "maybe" results wait for, with how many (`settles`).

    Ties go to the question that alone settles the most services (their only open question).
    """
    skipped = set(skip)
    count: dict[str, int] = {}
    alone: dict[str, int] = {}
    first: dict[str, dict[str, Any]] = {}
    for result in results:
        if result.status != MAYBE:
            continue
        ids = {m["id"] for m in result.missing}
        for m in result.missing:
            if m["id"] in skipped:
                continue
            count[m["id"]] = count.get(m["id"], 0) + 1
            alone[m["id"]] = alone.get(m["id"], 0) + (len(ids) == 1)
            first.setdefault(m["id"], m)
    if not count:
        return None
    best = max(count, key=lambda k: (count[k], alone[k]))
    return {
        "id": best,
        "fact": first[best]["fact"],
        "question": first[best]["question"],
        "settles": count[best],
    }


def screen(profile: Profile, rules: RuleSet, today: date) -> Report:
    """Screen one profile against every service. `today` gives the year when the profile has none."""
    year = screening_year(profile, today)
    facts = derive_facts(profile, year, rules.median)
    table, warnings = rules.median.table_for(year)
    unknown = sorted(set(facts.answers) - set(rules.asks()))
    if unknown:
        listed = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        warnings = [
            *warnings,
            {
                "ko": f"어느 서비스의 질문도 아닌 답은 쓰지 않았습니다: {listed}",
                "en": f"Answers to questions no service asks were not used: {listed}",
            },
        ]
    results = rank([screen_service(service, facts, rules.terms) for service in rules.services])
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
    return Report(year, parameters, warnings, results, settling_question(results), dict(facts.derived))
