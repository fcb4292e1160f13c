"""The one table of profile fields: what a person's situation holds, and how each piece is asked.

Validation (core.profile), the facts screening tests (core.facts), the caseworker's form
(ui.views.screening) and easy mode's one-question-at-a-time interview (core.easy) all read this
table, so a field is described once: its key in the profile, its kind and allowed range or choices,
the form section it sits in, its label, the caseworker's question and easy mode's plainer question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Text = dict[str, str]

# Kinds of field.
NUMBER = "number"
BOOL = "bool"
CHOICE = "choice"
#: A list of whole ages: the children living in the household.
AGES = "ages"
#: A table of business facts, or false for none.
BUSINESS = "business"

GENDERS = ("female", "male", "other")
EMPLOYMENT = ("employed", "unemployed", "self_employed", "retired", "student")
#: Employments that, with no business named, mean the person runs no business now.
NO_BUSINESS_EMPLOYMENTS = ("unemployed", "retired", "student")

#: Oldest plausible age, largest plausible household: beyond these a value is a typing mistake.
MAX_AGE = 130
MAX_HOUSEHOLD = 30
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_KRW = 10**15
MAX_EMPLOYEES = 1_000_000

#: The form's sections, in screen order.
SECTIONS: dict[str, Text] = {
    "screening": {"ko": "심사", "en": "Screening"},
    "person": {"ko": "사람", "en": "Person"},
    "household": {"ko": "가구와 소득", "en": "Household and income"},
    "work": {"ko": "일", "en": "Work"},
    "business": {"ko": "사업", "en": "Business"},
}


@dataclass(frozen=True)
class Field:
    """One profile field.

    `key` is the profile key ("age") or a business key ("business.annual_sales_krw"). `low` and
    `high` bound numbers and ages; `unit` says how a number reads ("years", "krw", "people",
    "year", "count"). `question` is the caseworker's (and the command line's), `easy_question` easy
    mode's, addressed to the person. `choice_words` names each choice for a reader;
    `easy_choice_words` as the person would say it on a big button.
    """

    key: str
    kind: str
    section: str
    label: Text
    question: Text
    easy_question: Text
    low: int | None = None
    high: int | None = None
    unit: str = ""
    choices: tuple[str, ...] = ()
    choice_words: dict[str, Text] = field(default_factory=dict)
    easy_choice_words: dict[str, Text] = field(default_factory=dict)
    #: Easy mode does not ask it (the screening year).
    easy: bool = True


def _t(ko: str, en: str) -> Text:
    return {"ko": ko, "en": en}


FIELDS: tuple[Field, ...] = (
    Field(
        "year",
        NUMBER,
        "screening",
        _t("심사 연도", "Screening year"),
        _t("어느 해를 기준으로 볼까요?", "Which year should screening use?"),
        _t("어느 해를 기준으로 볼까요?", "Which year?"),
        low=MIN_YEAR,
        high=MAX_YEAR,
        unit="year",
        easy=False,
    ),
    Field(
        "age",
        NUMBER,
        "person",
        _t("나이", "Age"),
        _t("나이가 몇 살인가요?", "How old is the person?"),
        _t("나이가 몇 살이세요?", "How old are you?"),
        low=0,
        high=MAX_AGE,
        unit="years",
    ),
    Field(
        "gender",
        CHOICE,
        "person",
        _t("성별", "Gender"),
        _t("성별은 무엇인가요?", "What is the person's gender?"),
        _t("성별을 골라 주세요.", "Are you a woman or a man?"),
        choices=GENDERS,
        choice_words={
            "female": _t("여성", "female"),
            "male": _t("남성", "male"),
            "other": _t("기타", "other"),
        },
        easy_choice_words={
            "female": _t("여성", "Woman"),
            "male": _t("남성", "Man"),
            "other": _t("다른 성별", "Other"),
        },
    ),
    Field(
        "seoul_resident",
        BOOL,
        "person",
        _t("서울 거주", "Lives in Seoul"),
        _t("서울에 사나요?", "Does the person live in Seoul?"),
        _t("서울에 사세요?", "Do you live in Seoul?"),
    ),
    Field(
        "disability",
        BOOL,
        "person",
        _t("등록 장애", "Registered disability"),
        _t("등록된 장애가 있나요?", "Does the person have a registered disability?"),
        _t("등록된 장애가 있으세요?", "Do you have a registered disability?"),
    ),
    Field(
        "pregnant",
        BOOL,
        "person",
        _t("임신", "Pregnant"),
        _t("지금 임신 중인가요?", "Is the person pregnant?"),
        _t("지금 임신 중이세요?", "Are you pregnant now?"),
    ),
    Field(
        "needs_care",
        BOOL,
        "person",
        _t("돌봄 필요", "Needs care now"),
        _t(
            "아프거나 다치거나 장애·노쇠로, 또는 돌보던 가족이 돌볼 수 없어"
            " 지금 일상생활에 도움이 필요한가요?",
            "Does the person need help with daily life now (illness, injury, disability or frailty, "
            "or a carer who cannot care)?",
        ),
        _t(
            "아프거나 몸이 불편해서 지금 집안일이나 병원 가는 데 도움이 필요하세요?",
            "Do you need help at home or to get to hospital because you are ill or frail?",
        ),
    ),
    Field(
        "homeless",
        BOOL,
        "person",
        _t("노숙 (지금 머물 집이 없음)", "Homeless (no home now)"),
        _t("지금 머물 집이 없나요?", "Is the person without a home?"),
        _t("지금 지낼 집이 없으세요?", "Are you without a home now?"),
    ),
    Field(
        "household_size",
        NUMBER,
        "household",
        _t("가구원 수 (명)", "Household size (people)"),
        _t(
            "함께 사는 가구원은 본인을 포함해 몇 명인가요?",
            "How many people live in the household, the person included?",
        ),
        _t(
            "함께 사는 사람은 나를 포함해 모두 몇 명이에요?",
            "How many people live in your home, you included?",
        ),
        low=1,
        high=MAX_HOUSEHOLD,
        unit="people",
    ),
    Field(
        "lives_alone",
        BOOL,
        "household",
        _t("혼자 삶", "Lives alone"),
        _t("혼자 사나요?", "Does the person live alone?"),
        _t("혼자 사세요?", "Do you live alone?"),
    ),
    Field(
        "monthly_household_income_krw",
        NUMBER,
        "household",
        _t("가구 월소득 (원)", "Monthly household income (won)"),
        _t("가구의 한 달 소득은 얼마인가요?", "What is the household's monthly income?"),
        _t(
            "집안 식구 모두의 한 달 소득은 얼마예요? (만 원 단위)",
            "How much does your household earn a month? (in 10,000 won)",
        ),
        low=0,
        high=MAX_KRW,
        unit="krw",
    ),
    Field(
        "household_assets_krw",
        NUMBER,
        "household",
        _t("가구 재산 (원)", "Household assets (won)"),
        _t(
            "가구의 재산(집, 예금, 자동차 등에서 빚을 뺀 금액)은 얼마인가요?",
            "What are the household's assets (home, savings, car and the like, less debts)?",
        ),
        _t(
            "집, 예금, 자동차를 모두 합친 재산에서 빚을 빼면 얼마예요? (만 원 단위)",
            "What is everything your household owns, less debts? (in 10,000 won)",
        ),
        low=0,
        high=MAX_KRW,
        unit="krw",
    ),
    Field(
        "children_ages",
        AGES,
        "household",
        _t("함께 사는 자녀의 나이", "Ages of the children at home"),
        _t(
            "함께 사는 자녀가 있나요? 있다면 몇 살인가요?",
            "Do children live in the household, and how old are they?",
        ),
        _t(
            "함께 사는 아이가 있으세요? 막내는 몇 살이에요?",
            "Do children live with you? How old is the youngest?",
        ),
        low=0,
        high=MAX_AGE,
        unit="years",
    ),
    Field(
        "basic_livelihood_recipient",
        BOOL,
        "household",
        _t("기초생활수급", "Basic livelihood security recipient"),
        _t("기초생활수급자인가요?", "Does the person receive basic livelihood security?"),
        _t("기초생활수급자이세요?", "Do you receive basic livelihood security?"),
    ),
    Field(
        "employment",
        CHOICE,
        "work",
        _t("일자리 상황", "Employment"),
        _t(
            "지금 일을 하나요? (직장, 자영업, 구직 중, 은퇴, 학생)",
            "Is the person working, self-employed, looking for work, retired or a student?",
        ),
        _t("지금 어떻게 지내세요?", "What do you do now?"),
        choices=EMPLOYMENT,
        choice_words={
            "employed": _t("직장에 다님", "employed"),
            "unemployed": _t("일자리를 찾는 중", "looking for work"),
            "self_employed": _t("자영업", "self-employed"),
            "retired": _t("은퇴", "retired"),
            "student": _t("학생", "student"),
        },
        easy_choice_words={
            "employed": _t("직장에 다녀요", "I have a job"),
            "unemployed": _t("일자리를 찾고 있어요", "I am looking for work"),
            "self_employed": _t("내 가게·사업을 해요", "I run my own business"),
            "retired": _t("은퇴했어요", "I am retired"),
            "student": _t("학생이에요", "I am a student"),
        },
    ),
    Field(
        "employment_insurance",
        BOOL,
        "work",
        _t("고용보험 가입", "Employment insurance"),
        _t("고용보험에 가입되어 있나요?", "Is the person covered by employment insurance?"),
        _t("고용보험에 가입되어 있으세요?", "Do you have employment insurance?"),
    ),
    Field(
        "business",
        BUSINESS,
        "business",
        _t("사업체 운영 (지금 또는 예전)", "Runs or ran a business"),
        _t(
            "가게나 사업체를 운영하나요(또는 운영했나요)?", "Does (or did) the person run a shop or business?"
        ),
        _t("가게나 사업체를 하세요? (또는 하셨어요?)", "Do you run a shop or a business (or did you)?"),
    ),
    Field(
        "business.annual_sales_krw",
        NUMBER,
        "business",
        _t("사업체 연 매출 (원)", "Business's annual sales (won)"),
        _t("가게의 한 해 매출은 얼마인가요?", "What are the business's annual sales?"),
        _t(
            "가게의 한 해 매출은 얼마예요? (만 원 단위)",
            "What are your shop's sales in a year? (in 10,000 won)",
        ),
        low=0,
        high=MAX_KRW,
        unit="krw",
    ),
    Field(
        "business.employees",
        NUMBER,
        "business",
        _t("상시 근로자 수 (명)", "Regular employees (people)"),
        _t(
            "사장님을 빼고 늘 일하는 직원은 몇 명인가요?",
            "How many regular employees does the business have, the owner aside?",
        ),
        _t(
            "사장님 말고 늘 함께 일하는 직원은 몇 명이에요?",
            "How many people work for you regularly, not counting you?",
        ),
        low=0,
        high=MAX_EMPLOYEES,
        unit="count",
    ),
    Field(
        "business.opened_year",
        NUMBER,
        "business",
        _t("사업 시작 연도", "Year the business opened"),
        _t("가게를 몇 년에 열었나요?", "In which year did the business open?"),
        _t("가게를 몇 년에 열었어요?", "In which year did you open your shop?"),
        low=1900,
        high=MAX_YEAR,
        unit="year",
    ),
    Field(
        "business.closed",
        BOOL,
        "business",
        _t("폐업", "Business closed"),
        _t("가게를 닫았나요(폐업)?", "Has the business closed?"),
        _t("가게를 닫으셨어요(폐업)?", "Have you closed your shop?"),
    ),
)

#: Every field by its key.
FIELD: dict[str, Field] = {f.key: f for f in FIELDS}
#: The top-level profile keys, in table order.
PROFILE_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS if "." not in f.key)
#: The keys of `business`, in table order.
BUSINESS_KEYS: tuple[str, ...] = tuple(
    f.key.split(".", 1)[1] for f in FIELDS if f.key.startswith("business.")
)


def sections() -> list[tuple[str, list[Field]]]:
    """The form's sections in order, each with its fields in table order."""
    return [(name, [f for f in FIELDS if f.section == name]) for name in SECTIONS]


def choice_word(key: str, value: str, lang: str) -> str:
    """A choice value as a reader would say it (gender: female → 여성)."""
    return FIELD[key].choice_words.get(value, {}).get(lang, value)
