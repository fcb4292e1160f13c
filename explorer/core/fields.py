"""The one table of profile fields: what a person's situation holds, and how each piece is asked.

Validation (core.profile), the facts screening tests (core.facts), the caseworker's form
(ui.views.screening) and easy mode's one-question-at-a-time interview (core.easy) all read this
table, so a field is described once: its key in the profile, its kind and allowed range or choices,
the form section it sits in, its label, the caseworker's question and easy mode's plainer question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.core.i18n import N_, Messages, Text, both, localizer_for

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
SECTIONS = Messages(
    {
        "screening": Messages.pgettext("a section of the screening form", "Screening"),
        "person": N_("Person"),
        "household": N_("Household and income"),
        "work": N_("Work"),
        "business": N_("Business"),
    }
)


class Labelled:
    """The label of a field or a fact in every language, from its message ids `label_id` and
    `short_label_id` (the label without its unit; "" when it has none)."""

    label_id: str
    short_label_id: str

    @property
    def label(self) -> Text:
        """What it is called: "나이" / "Age"."""
        return both.gettext(self.label_id)

    @property
    def short_label(self) -> Text:
        """The label without its unit, for a reason that shows the amount: "가구 재산" / "Household
        assets"."""
        return both.gettext(self.short_label_id or self.label_id)


@dataclass(frozen=True)
class Field(Labelled):
    """One profile field.

    `key` is the profile key ("age") or a business key ("business.annual_sales_krw"). `low` and
    `high` bound numbers and ages; `unit` says how a number reads ("years", "krw", "people",
    "year", "count"). The words are message ids (their English, marked with `N_`), read in every
    language from the catalogues when asked for (`label`, `question`, ...): `question_id` is the
    caseworker's (and the command line's), `easy_question_id` easy mode's, addressed to the person.
    `choice_ids` names each choice for a reader; `easy_choice_ids` as the person would say it on a
    big button. `short_label_id` is the label without its unit, where it has one ("Household
    assets" beside "Household assets (won)"), for a reason that shows the amount. `easy_answer_ids`
    are easy mode's yes and no buttons in words, for a question asked in the negative, where a bare
    "Yes" is unclear (in Korean, 네 to "집이 없으세요?" agrees that there is none).
    """

    key: str
    kind: str
    section: str
    label_id: str
    question_id: str
    easy_question_id: str
    low: int | None = None
    high: int | None = None
    unit: str = ""
    choices: tuple[str, ...] = ()
    choice_ids: dict[str, str] = field(default_factory=dict)
    easy_choice_ids: dict[str, str] = field(default_factory=dict)
    #: Easy mode does not ask it (the screening year).
    easy: bool = True
    short_label_id: str = ""
    #: Easy mode's yes and no buttons in words (message ids), where a bare Yes / No is unclear.
    easy_answer_ids: tuple[str, str] | tuple[()] = ()

    @property
    def question(self) -> Text:
        """The caseworker's question."""
        return both.gettext(self.question_id)

    @property
    def easy_question(self) -> Text:
        """Easy mode's question, addressed to the person."""
        return both.gettext(self.easy_question_id)

    @property
    def choice_words(self) -> dict[str, Text]:
        """Each choice as a reader would say it: female -> {"ko": "여성", "en": "female"}."""
        return {choice: both.gettext(message) for choice, message in self.choice_ids.items()}

    @property
    def easy_choice_words(self) -> dict[str, Text]:
        """Each choice as the person would say it on a big button."""
        return {choice: both.gettext(message) for choice, message in self.easy_choice_ids.items()}


FIELDS: tuple[Field, ...] = (
    Field(
        "year",
        NUMBER,
        "screening",
        N_("Screening year"),
        N_("Which year should screening use?"),
        N_("Which year?"),
        low=MIN_YEAR,
        high=MAX_YEAR,
        unit="year",
        easy=False,
    ),
    Field(
        "age",
        NUMBER,
        "person",
        N_("Age"),
        N_("How old is the person?"),
        N_("How old are you?"),
        low=0,
        high=MAX_AGE,
        unit="years",
    ),
    Field(
        "gender",
        CHOICE,
        "person",
        N_("Gender"),
        N_("What is the person's gender?"),
        N_("Are you a woman or a man?"),
        choices=GENDERS,
        choice_ids={
            "female": N_("female"),
            "male": N_("male"),
            "other": N_("other"),
        },
        easy_choice_ids={
            "female": N_("Woman"),
            "male": N_("Man"),
            "other": N_("Other"),
        },
    ),
    Field(
        "seoul_resident",
        BOOL,
        "person",
        N_("Lives in Seoul"),
        N_("Does the person live in Seoul?"),
        N_("Do you live in Seoul?"),
    ),
    Field(
        "disability",
        BOOL,
        "person",
        N_("Registered disability"),
        N_("Does the person have a registered disability?"),
        N_("Do you have a registered disability?"),
    ),
    Field(
        "pregnant",
        BOOL,
        "person",
        N_("Pregnant"),
        N_("Is the person pregnant?"),
        N_("Are you pregnant now?"),
    ),
    Field(
        "needs_care",
        BOOL,
        "person",
        N_("Needs care now"),
        N_(
            "Does the person need help with daily life now (illness, injury, disability or frailty, "
            "or a carer who cannot care)?"
        ),
        N_("Do you need help at home or to get to hospital because you are ill or frail?"),
    ),
    Field(
        "homeless",
        BOOL,
        "person",
        N_("Homeless (no home now)"),
        N_("Is the person without a home?"),
        N_("Are you without a home now?"),
        easy_answer_ids=(N_("Yes, I have no home now"), N_("No, I have a place to live")),
    ),
    Field(
        "household_size",
        NUMBER,
        "household",
        N_("Household size (people)"),
        N_("How many people live in the household, the person included?"),
        N_("How many people live in your home, you included?"),
        low=1,
        high=MAX_HOUSEHOLD,
        unit="people",
        short_label_id=N_("Household size"),
    ),
    Field(
        "lives_alone",
        BOOL,
        "household",
        N_("Lives alone"),
        N_("Does the person live alone?"),
        N_("Do you live alone?"),
    ),
    Field(
        "monthly_household_income_krw",
        NUMBER,
        "household",
        N_("Monthly household income (won)"),
        N_("What is the household's monthly income?"),
        N_("How much does your household earn a month? (in 10,000 won)"),
        low=0,
        high=MAX_KRW,
        unit="krw",
        short_label_id=N_("Monthly household income"),
    ),
    Field(
        "household_assets_krw",
        NUMBER,
        "household",
        N_("Household assets (won)"),
        N_("What are the household's assets (home, savings, car and the like, less debts)?"),
        N_("What is everything your household owns, less debts? (in 10,000 won)"),
        low=0,
        high=MAX_KRW,
        unit="krw",
        short_label_id=N_("Household assets"),
    ),
    Field(
        "children_ages",
        AGES,
        "household",
        N_("Ages of the children at home"),
        N_("Do children live in the household, and how old are they?"),
        N_("Do children live with you? How old is the youngest?"),
        low=0,
        high=MAX_AGE,
        unit="years",
    ),
    Field(
        "basic_livelihood_recipient",
        BOOL,
        "household",
        N_("Basic livelihood security recipient"),
        N_("Does the person receive basic livelihood security?"),
        N_("Do you receive basic livelihood security?"),
    ),
    Field(
        "employment",
        CHOICE,
        "work",
        N_("Employment"),
        N_("Is the person working, self-employed, looking for work, retired or a student?"),
        N_("What do you do now?"),
        choices=EMPLOYMENT,
        choice_ids={
            "employed": N_("employed"),
            "unemployed": N_("looking for work"),
            "self_employed": N_("self-employed"),
            "retired": N_("retired"),
            "student": N_("student"),
        },
        easy_choice_ids={
            "employed": N_("I have a job"),
            "unemployed": N_("I am looking for work"),
            "self_employed": N_("I run my own business"),
            "retired": N_("I am retired"),
            "student": N_("I am a student"),
        },
    ),
    Field(
        "employment_insurance",
        BOOL,
        "work",
        N_("Employment insurance"),
        N_("Is the person covered by employment insurance?"),
        N_("Do you have employment insurance?"),
    ),
    Field(
        "business",
        BUSINESS,
        "business",
        N_("Runs or ran a business"),
        N_("Does (or did) the person run a shop or business?"),
        N_("Do you run a shop or a business (or did you)?"),
    ),
    Field(
        "business.annual_sales_krw",
        NUMBER,
        "business",
        N_("Business's annual sales (won)"),
        N_("What are the business's annual sales?"),
        N_("What are your shop's sales in a year? (in 10,000 won)"),
        low=0,
        high=MAX_KRW,
        unit="krw",
        short_label_id=N_("Business's annual sales"),
    ),
    Field(
        "business.employees",
        NUMBER,
        "business",
        N_("Regular employees (people)"),
        N_("How many regular employees does the business have, the owner aside?"),
        N_("How many people work for you regularly, not counting you?"),
        low=0,
        high=MAX_EMPLOYEES,
        unit="count",
        short_label_id=N_("Regular employees"),
    ),
    Field(
        "business.opened_year",
        NUMBER,
        "business",
        N_("Year the business opened"),
        N_("In which year did the business open?"),
        N_("In which year did you open your shop?"),
        low=1900,
        high=MAX_YEAR,
        unit="year",
    ),
    Field(
        "business.closed",
        BOOL,
        "business",
        N_("Business closed"),
        N_("Has the business closed?"),
        N_("Have you closed your shop?"),
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
    message = FIELD[key].choice_ids.get(value)
    return localizer_for(lang).gettext(message) if message else value
