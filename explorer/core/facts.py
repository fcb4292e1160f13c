"""The facts a screening rule can test, and how each is derived from a profile.

A rule in db/services/*.toml names one of these facts (`fact = "age"`). Most are profile keys as
given; a few are derived (`income_share` is income over the standard median income for the year
and household size; `business_age_years` is the screening year less the year the business opened).

Every fact carries the question that would settle it, in Korean and English: when a profile leaves
a fact out, screening says "maybe" and asks these questions.
"""

from __future__ import annotations

from dataclasses import dataclass

NUMBER = "number"
BOOL = "bool"
CHOICE = "choice"

GENDERS = ("female", "male", "other")
EMPLOYMENT = ("employed", "unemployed", "self_employed", "retired", "student")


@dataclass(frozen=True)
class Fact:
    """One testable fact: its kind, allowed values, what it is called and the question that settles it."""

    name: str
    kind: str
    label: dict[str, str]
    question: dict[str, str]
    #: Profile keys it comes from (the questions to ask when it is unknown).
    inputs: tuple[str, ...]
    choices: tuple[str, ...] = ()
    #: How a value is shown in a reason: "years", "krw", "share", "count", "year" or "".
    unit: str = ""


def _f(
    name: str,
    kind: str,
    label: tuple[str, str],
    question: tuple[str, str],
    inputs: tuple[str, ...] | None = None,
    choices: tuple[str, ...] = (),
    unit: str = "",
) -> Fact:
    return Fact(
        name=name,
        kind=kind,
        label={"ko": label[0], "en": label[1]},
        question={"ko": question[0], "en": question[1]},
        inputs=inputs if inputs is not None else (name,),
        choices=choices,
        unit=unit,
    )


FACTS: dict[str, Fact] = {
    fact.name: fact
    for fact in (
        _f("age", NUMBER, ("나이", "age"), ("나이가 어떻게 되세요?", "How old is the person?"), unit="years"),
        _f(
            "gender",
            CHOICE,
            ("성별", "gender"),
            ("성별이 어떻게 되세요?", "What is the person's gender?"),
            choices=GENDERS,
        ),
        _f(
            "seoul_resident",
            BOOL,
            ("서울 거주", "lives in Seoul"),
            ("서울에 사세요?", "Does the person live in Seoul?"),
        ),
        _f(
            "household_size",
            NUMBER,
            ("가구원 수", "household size"),
            (
                "함께 사는 가족은 본인을 포함해 몇 명인가요?",
                "How many people live in the household, counting the person?",
            ),
            unit="count",
        ),
        _f(
            "monthly_household_income_krw",
            NUMBER,
            ("가구 월소득", "monthly household income"),
            ("가구의 한 달 소득은 얼마인가요?", "What is the household's monthly income?"),
            unit="krw",
        ),
        _f(
            "income_share",
            NUMBER,
            ("기준 중위소득 대비 가구 소득", "household income as a share of the standard median income"),
            (
                "가구의 한 달 소득과 가구원 수를 알려 주세요.",
                "What are the household's monthly income and size?",
            ),
            inputs=("monthly_household_income_krw", "household_size"),
            unit="share",
        ),
        _f(
            "lives_alone",
            BOOL,
            ("혼자 삶", "lives alone"),
            ("혼자 사세요?", "Does the person live alone?"),
        ),
        _f(
            "disability",
            BOOL,
            ("장애", "disability"),
            ("등록된 장애가 있으세요?", "Does the person have a registered disability?"),
        ),
        _f(
            "pregnant",
            BOOL,
            ("임신", "pregnant"),
            ("지금 임신 중이세요?", "Is the person pregnant?"),
        ),
        _f(
            "has_children",
            BOOL,
            ("자녀", "has children"),
            ("자녀가 있으세요? 있다면 몇 살인가요?", "Does the person have children, and how old are they?"),
            inputs=("children_ages",),
        ),
        _f(
            "youngest_child_age",
            NUMBER,
            ("막내 자녀 나이", "youngest child's age"),
            ("자녀가 있으세요? 있다면 몇 살인가요?", "Does the person have children, and how old are they?"),
            inputs=("children_ages",),
            unit="years",
        ),
        _f(
            "employment",
            CHOICE,
            ("일자리 상황", "employment"),
            (
                "지금 일을 하세요? (직장, 자영업, 구직 중, 은퇴, 학생)",
                "Is the person working, self-employed, looking for work, retired or a student?",
            ),
            choices=EMPLOYMENT,
        ),
        _f(
            "employment_insurance",
            BOOL,
            ("고용보험 가입", "employment insurance"),
            ("고용보험에 가입되어 있으세요?", "Is the person covered by employment insurance?"),
        ),
        _f(
            "basic_livelihood_recipient",
            BOOL,
            ("기초생활수급", "basic livelihood security recipient"),
            ("기초생활수급자이세요?", "Does the person receive basic livelihood security?"),
        ),
        _f(
            "homeless",
            BOOL,
            ("노숙", "homeless"),
            ("지금 머물 집이 없으세요?", "Is the person without a home?"),
        ),
        _f(
            "runs_business",
            BOOL,
            ("사업 운영", "runs a business"),
            ("가게나 사업체를 운영하세요?", "Does the person run a shop or business?"),
            inputs=("business",),
        ),
        _f(
            "business_annual_sales_krw",
            NUMBER,
            ("사업체 연 매출", "business's annual sales"),
            ("가게의 한 해 매출은 얼마인가요?", "What are the business's annual sales?"),
            inputs=("business.annual_sales_krw",),
            unit="krw",
        ),
        _f(
            "business_opened_year",
            NUMBER,
            ("사업 시작 연도", "year the business opened"),
            ("가게를 몇 년에 열었나요?", "In which year did the business open?"),
            inputs=("business.opened_year",),
            unit="year",
        ),
        _f(
            "business_age_years",
            NUMBER,
            ("사업 운영 기간", "years in business"),
            ("가게를 몇 년에 열었나요?", "In which year did the business open?"),
            inputs=("business.opened_year",),
            unit="years",
        ),
        _f(
            "business_closed",
            BOOL,
            ("폐업", "business closed"),
            ("가게를 닫으셨나요(폐업)?", "Has the business closed?"),
            inputs=("business.closed",),
        ),
    )
}

#: Comparison operators a condition may use, by fact kind.
OPERATORS: dict[str, tuple[str, ...]] = {
    NUMBER: ("<", "<=", ">", ">=", "==", "!="),
    BOOL: ("==",),
    CHOICE: ("==", "!=", "in", "not_in"),
}

#: Benefit estimate kinds: a fixed amount, or the gap up to a share of the median income.
BENEFIT_KINDS = ("fixed", "gap_to_median_share", "text")
BENEFIT_PERIODS = ("once", "month", "year")
