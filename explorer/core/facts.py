"""The facts a screening rule can test, and which profile fields each comes from.

A rule in db/services/*.toml names one of these facts (`fact = "age"`). Most are profile fields as
given, described once in core.fields; a few are computed (`income_share` is income over the
standard median income for the year and household size; `business_age_years` is the screening year
less the year the business opened). How each value is derived, and from what, is core.screening's
`derive_facts`.

Every fact carries the question that would settle it, in Korean and English: when a profile leaves
a fact out, screening says "maybe" and asks the questions of the fields it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.fields import BOOL, CHOICE, EMPLOYMENT, FIELD, GENDERS, NUMBER

__all__ = [
    "BENEFIT_KINDS",
    "BENEFIT_PERIODS",
    "BOOL",
    "CHOICE",
    "EMPLOYMENT",
    "FACTS",
    "GENDERS",
    "NUMBER",
    "OPERATORS",
    "Fact",
]


@dataclass(frozen=True)
class Fact:
    """One testable fact: its kind, allowed values, what it is called and the question that settles it."""

    name: str
    kind: str
    label: dict[str, str]
    question: dict[str, str]
    #: Profile fields it comes from (the questions to ask when it is unknown).
    inputs: tuple[str, ...]
    choices: tuple[str, ...] = ()
    #: How a value is shown in a reason: "years", "krw", "share", "count", "people", "year" or "".
    unit: str = ""


def _given(name: str, key: str | None = None) -> Fact:
    """A fact that is a profile field as given (`key` when the field's key differs)."""
    spec = FIELD[key or name]
    return Fact(name, spec.kind, spec.label, spec.question, (spec.key,), spec.choices, spec.unit)


def _computed(name: str, kind: str, label: tuple[str, str], inputs: tuple[str, ...], unit: str = "") -> Fact:
    """A fact computed from other fields; its question is the first input's."""
    question = FIELD[inputs[0]].question
    if len(inputs) > 1:
        question = {lang: " ".join(FIELD[key].question[lang] for key in inputs) for lang in ("ko", "en")}
    return Fact(name, kind, {"ko": label[0], "en": label[1]}, question, inputs, (), unit)


FACTS: dict[str, Fact] = {
    fact.name: fact
    for fact in (
        _given("age"),
        _given("gender"),
        _given("seoul_resident"),
        _given("household_size"),
        _given("monthly_household_income_krw"),
        _given("household_assets_krw"),
        _computed(
            "income_share",
            NUMBER,
            ("기준 중위소득 대비 가구 소득", "household income as a share of the standard median income"),
            ("monthly_household_income_krw", "household_size"),
            unit="share",
        ),
        _given("lives_alone"),
        _given("disability"),
        _given("pregnant"),
        _given("needs_care"),
        _computed("has_children", BOOL, ("함께 사는 자녀", "children at home"), ("children_ages",)),
        _computed(
            "youngest_child_age",
            NUMBER,
            ("막내 자녀 나이", "youngest child's age"),
            ("children_ages",),
            unit="years",
        ),
        _given("employment"),
        _given("employment_insurance"),
        _given("basic_livelihood_recipient"),
        _given("homeless"),
        _computed("runs_business", BOOL, ("사업 운영", "runs a business"), ("business",)),
        _given("business_annual_sales_krw", "business.annual_sales_krw"),
        _given("business_employees", "business.employees"),
        _given("business_opened_year", "business.opened_year"),
        _computed(
            "business_age_years",
            NUMBER,
            ("사업 운영 기간", "years in business"),
            ("business.opened_year",),
            unit="years_plain",
        ),
        _given("business_closed", "business.closed"),
    )
}

#: Comparison operators a condition may use, by fact kind.
OPERATORS: dict[str, tuple[str, ...]] = {
    NUMBER: ("<", "<=", ">", ">=", "==", "!="),
    BOOL: ("==",),
    CHOICE: ("==", "!=", "in", "not_in"),
}

#: Benefit estimate kinds: a fixed amount, or (a part of) the gap up to a share of the median income.
BENEFIT_KINDS = ("fixed", "gap_to_median_share", "text")
BENEFIT_PERIODS = ("once", "month", "year")
