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

from explorer.core.fields import BOOL, CHOICE, EMPLOYMENT, FIELD, GENDERS, NUMBER, Labelled
from explorer.core.i18n import LANGUAGES, N_, Text

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
class Fact(Labelled):
    """One testable fact: its kind, allowed values, what it is called and the question that settles it."""

    name: str
    kind: str
    #: What it is called: a message id (its English), read in every language as `label`.
    label_id: str
    #: Profile fields it comes from (the questions to ask when it is unknown).
    inputs: tuple[str, ...]
    choices: tuple[str, ...] = ()
    #: How a value is shown in a reason: "years", "krw", "share", "count", "people", "year" or "".
    unit: str = ""
    #: The label without its unit ("Household assets"), where the field's label has one.
    short_label_id: str = ""

    @property
    def question(self) -> Text:
        """The question that settles it: its fields' questions (the one field's, for a given fact)."""
        return {lang: " ".join(FIELD[key].question[lang] for key in self.inputs) for lang in LANGUAGES}


def _given(name: str, key: str | None = None) -> Fact:
    """A fact that is a profile field as given (`key` when the field's key differs)."""
    spec = FIELD[key or name]
    return Fact(name, spec.kind, spec.label_id, (spec.key,), spec.choices, spec.unit, spec.short_label_id)


def _computed(name: str, kind: str, label: str, inputs: tuple[str, ...], unit: str = "") -> Fact:
    """A fact computed from other fields; its question is its inputs'."""
    return Fact(name, kind, label, inputs, (), unit)


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
            N_("household income as a share of the standard median income"),
            ("monthly_household_income_krw", "household_size"),
            unit="share",
        ),
        _given("lives_alone"),
        _given("disability"),
        _given("pregnant"),
        _given("needs_care"),
        _computed("has_children", BOOL, N_("children at home"), ("children_ages",)),
        _computed(
            "youngest_child_age",
            NUMBER,
            N_("youngest child's age"),
            ("children_ages",),
            unit="years",
        ),
        _given("employment"),
        _given("employment_insurance"),
        _given("basic_livelihood_recipient"),
        _given("homeless"),
        _computed("runs_business", BOOL, N_("runs a business"), ("business",)),
        _given("business_annual_sales_krw", "business.annual_sales_krw"),
        _given("business_employees", "business.employees"),
        _given("business_opened_year", "business.opened_year"),
        _computed(
            "business_age_years",
            NUMBER,
            N_("years in business"),
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
