"""The facts of one profile that screening tests, and which of them follow for certain from others.

`derive_facts` turns a validated profile into every fact of core.facts.FACTS for one screening
year: a value, UNKNOWN or NOT_APPLICABLE. Only what follows for certain is derived (a man is not
pregnant; a household of one has no child at home), and each derived fact keeps why, so a reason
can say "derived: ...". Screening (core.screening) derives the facts once per profile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.core.fields import FIELD, NO_BUSINESS_EMPLOYMENTS
from explorer.core.i18n import Text, both
from explorer.core.parameters import MedianIncome, MedianYear
from explorer.core.profile import NO_BUSINESS, Profile
from explorer.core.values import NOT_APPLICABLE, UNKNOWN

__all__ = ["Facts", "Text", "derive_facts"]


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
        derived["household_size"] = both.gettext("someone living alone is a household of 1")
    v["household_size"] = size if size is not None else UNKNOWN
    if "lives_alone" in p:
        v["lives_alone"] = p["lives_alone"]
    elif size is not None:
        v["lives_alone"] = size == 1
        derived["lives_alone"] = both.gettext("a household of {size}", size=size)
    else:
        v["lives_alone"] = UNKNOWN
    if p.get("gender") == "male" and "pregnant" not in p:
        v["pregnant"] = False
        derived["pregnant"] = both.gettext("a man is not pregnant")
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
        why = both.gettext("a household of one has no child at home")
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
        both.gettext(
            "{employment}, with no business named", employment=FIELD["employment"].choice_words[employment]
        )
        if no_business_job
        else None
    )
    if business is None:
        if employment == "self_employed":
            v["runs_business"] = True
            derived["runs_business"] = both.gettext("self-employed")
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
        derived["business_closed"] = derived["runs_business"] = both.gettext(
            "{employment}, so the business named has closed",
            employment=FIELD["employment"].choice_words[employment],
        )
    elif closed is None and employment == "self_employed":
        closed = False
        derived["business_closed"] = derived["runs_business"] = both.gettext("self-employed")
    v["business_closed"] = closed if closed is not None else UNKNOWN
    v["runs_business"] = (not closed) if closed is not None else UNKNOWN
    v["business_annual_sales_krw"] = business.get("annual_sales_krw", UNKNOWN)
    v["business_employees"] = business.get("employees", UNKNOWN)
    opened = business.get("opened_year")
    v["business_opened_year"] = opened if opened is not None else UNKNOWN
    v["business_age_years"] = year - opened if opened is not None else UNKNOWN
