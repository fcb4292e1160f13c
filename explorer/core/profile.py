"""A person's situation for screening: read, validate and normalise a profile (a JSON object).

Every key is optional; a missing key is simply not known. Unknown keys and impossible values are
problems, one line each naming the key (`ProfileError`), never a traceback. Problems quote keys and
values only as short, escaped excerpts (`limits.excerpt`); JSON that nests deeper than MAX_DEPTH,
gives a key twice or holds a whole number beyond Python's limit is refused (`limits.parse_json`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from explorer.core.errors import ProfileError
from explorer.core.fields import (
    AGES,
    BOOL,
    BUSINESS,
    BUSINESS_KEYS,
    CHOICE,
    FIELD,
    MAX_AGE,
    MAX_HOUSEHOLD,
    MAX_KRW,
    MAX_YEAR,
    MIN_YEAR,
    NO_BUSINESS_EMPLOYMENTS,
    NUMBER,
    PROFILE_KEYS,
)
from explorer.core.i18n import _
from explorer.core.limits import (
    EXCERPT_CHARS,
    MAX_DEPTH,
    MAX_PROFILE_BYTES,
    InputError,
    check_depth,
    excerpt,
    parse_json,
)
from explorer.core.problems import N_, Problem

__all__ = [
    "ANSWERS",
    "BUSINESS_KEYS",
    "MAX_AGE",
    "MAX_HOUSEHOLD",
    "MAX_KRW",
    "MAX_YEAR",
    "MIN_YEAR",
    "NO_BUSINESS",
    "PROFILE_KEYS",
    "Profile",
    "parse_profile",
    "parse_profile_bytes",
    "validate_profile",
]

#: `business` may be False/None: the person has no business (distinct from not saying).
NO_BUSINESS = "none"
#: Answers to the questions particular services ask (`ask` conditions), by the question's id
#: ("uos-half-price-tuition:studies-at-the-university-of-seoul"), each true or false.
ANSWERS = "answers"
MAX_ANSWERS = 500
_ANSWER_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$")

#: What each number field is, in a problem ("age: 200 is impossible for an age").
_WHAT = {
    "year": N_("the year"),
    "age": N_("an age"),
    "household_size": N_("a household size"),
    "monthly_household_income_krw": N_("an income in won"),
    "household_assets_krw": N_("assets in won"),
    "business.annual_sales_krw": N_("annual sales in won"),
    "business.employees": N_("a number of employees"),
    "business.opened_year": N_("the year it opened"),
    "children_ages": N_("a child's age"),
}


@dataclass
class Profile:
    """A validated profile: only known keys, right types; absent keys are unknown."""

    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def has(self, key: str) -> bool:
        return key in self.values


def _is_int(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value) and value.is_integer()


def _number_text(number: int) -> str:
    try:
        return excerpt(str(number))
    except ValueError:  # more digits than Python will convert to text
        return _("a number of thousands of digits")


def _shown(value: Any) -> str:
    """A value as a problem quotes it: as JSON, but short and escaped (`limits.excerpt`)."""
    if isinstance(value, str):
        if len(value) > EXCERPT_CHARS:
            return f'"{excerpt(value[:EXCERPT_CHARS])}…" ({len(value):,} characters)'
        return f'"{excerpt(value)}"'
    if isinstance(value, int) and not isinstance(value, bool):
        return _number_text(value)
    try:
        return excerpt(json.dumps(value, ensure_ascii=False, default=repr))
    except (ValueError, TypeError, RecursionError):
        return excerpt(type(value).__name__)


def _whole(value: Any, key: str, low: int, high: int, problems: list[Problem], what: str) -> int | None:
    if not _is_int(value):
        problems.append(
            Problem(key, "{what} must be a whole number, not {value}", {"what": what, "value": _shown(value)})
        )
        return None
    number = int(value)
    if not low <= number <= high:
        problems.append(
            Problem(
                key,
                "{number} is impossible for {what} (expected {low} to {high})",
                {"number": _number_text(number), "what": what, "low": low, "high": high},
            )
        )
        return None
    return number


def _bool(value: Any, key: str, problems: list[Problem]) -> bool | None:
    if not isinstance(value, bool):
        problems.append(Problem(key, "expected true or false, not {value}", {"value": _shown(value)}))
        return None
    return value


def _choice(value: Any, key: str, choices: tuple[str, ...], problems: list[Problem]) -> str | None:
    if not isinstance(value, str) or value not in choices:
        problems.append(
            Problem(
                key,
                "{value} is not one of {choices}",
                {"value": _shown(value), "choices": ", ".join(choices)},
            )
        )
        return None
    return str(value)


def validate_profile(data: Any, today: date | None = None) -> Profile:
    """Check a decoded profile and return it cleaned; raise ProfileError listing every problem.

    `today` (by default the real today) gives the screening year when the profile gives no `year`,
    as screening does: a business cannot have opened after it.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise ProfileError(
            [Problem("", "the profile must be a JSON object ({{...}}) of facts about the person")]
        )
    if not check_depth(data, MAX_DEPTH):
        raise ProfileError([Problem("", "nested more than {depth} deep", {"depth": MAX_DEPTH})])
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == ANSWERS:
            answers = _check_answers(value, problems)
            if answers:
                out[key] = answers
            continue
        if not isinstance(key, str) or key not in PROFILE_KEYS:
            problems.append(
                Problem(
                    excerpt(key),
                    "unknown key; the profile's keys are {keys}",
                    {"keys": ", ".join([*PROFILE_KEYS, ANSWERS])},
                )
            )
            continue
        if value is None and key != "business":
            continue  # null means "not known", the same as leaving the key out
        cleaned = _check_key(key, value, problems)
        if cleaned is not None:
            out[key] = cleaned
    _check_consistency(out, problems, (today or date.today()).year)
    if problems:
        raise ProfileError(problems)
    return Profile(out)


def _check_answers(value: Any, problems: list[Problem]) -> dict[str, bool] | None:
    """`answers`: {question id: true or false}; null answers are not known and dropped."""
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(
            Problem(
                ANSWERS,
                'expected an object of question ids and true or false, such as {{"campus-town:x": true}}',
            )
        )
        return None
    if len(value) > MAX_ANSWERS:
        problems.append(
            Problem(ANSWERS, "{count} answers; at most {most}", {"count": len(value), "most": MAX_ANSWERS})
        )
        return None
    out: dict[str, bool] = {}
    for key, answer in value.items():
        if not isinstance(key, str) or not _ANSWER_ID.match(key):
            problems.append(
                Problem(ANSWERS, "{value} is not a question id (service:question)", {"value": _shown(key)})
            )
        elif answer is not None:
            checked = _bool(answer, f"answers.{excerpt(key)}", problems)
            if checked is not None:
                out[key] = checked
    return out


def _check_key(key: str, value: Any, problems: list[Problem]) -> Any:
    """One top-level key's value, checked against its row of the field table."""
    spec = FIELD[key]
    if spec.kind == NUMBER:
        assert spec.low is not None and spec.high is not None
        return _whole(value, key, spec.low, spec.high, problems, _WHAT[key])
    if spec.kind == CHOICE:
        return _choice(value, key, spec.choices, problems)
    if spec.kind == BOOL:
        return _bool(value, key, problems)
    if spec.kind == AGES:
        if not isinstance(value, list):
            problems.append(Problem(key, "expected a list of ages, such as [0, 8]"))
            return None
        ages = [_whole(age, f"{key}[{i}]", 0, MAX_AGE, problems, _WHAT[key]) for i, age in enumerate(value)]
        return None if any(age is None for age in ages) else sorted(ages)  # type: ignore[type-var]
    if spec.kind == BUSINESS:
        return _check_business(value, problems)
    return None


def _check_business(value: Any, problems: list[Problem]) -> Any:
    if value is None or value is False:
        return NO_BUSINESS
    if not isinstance(value, dict):
        problems.append(
            Problem(
                "business",
                'expected an object such as {{"annual_sales_krw": 150000000}}, or false for none',
            )
        )
        return None
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str) or key not in BUSINESS_KEYS:
            problems.append(
                Problem(
                    f"business.{excerpt(key)}",
                    "unknown key; business keys are {keys}",
                    {"keys": ", ".join(BUSINESS_KEYS)},
                )
            )
            continue
        where = f"business.{key}"
        if item is None:
            continue
        spec = FIELD[where]
        if spec.kind == NUMBER:
            assert spec.low is not None and spec.high is not None
            checked = _whole(item, where, spec.low, spec.high, problems, _WHAT[where])
        else:
            checked = _bool(item, where, problems)
        if checked is not None:
            out[key] = checked
    return out


def _check_consistency(values: dict[str, Any], problems: list[Problem], this_year: int) -> None:
    """Values that are each possible but impossible together (`this_year`: the screening year when
    the profile gives none)."""
    size = values.get("household_size")
    if values.get("lives_alone") is True and size is not None and size > 1:
        problems.append(
            Problem(
                "lives_alone",
                "yes, but the household is of {size} people; a person living alone is a household of 1",
                {"size": size},
            )
        )
    if values.get("lives_alone") is False and size == 1:
        problems.append(Problem("lives_alone", "no, but the household is of 1 person"))
    children = values.get("children_ages")
    age = values.get("age")
    if children and age is not None and max(children) >= age:
        problems.append(
            Problem(
                "children_ages",
                "a child of {child} cannot have a parent aged {age}",
                {"child": max(children), "age": age},
            )
        )
    if children and size is not None and len(children) >= size:
        problems.append(
            Problem(
                "children_ages",
                "{count} children at home, but household_size is {size}; the household counts the person too",
                {"count": len(children), "size": size},
            )
        )
    if children and (size == 1 or values.get("lives_alone") is True):
        problems.append(Problem("children_ages", "a person living alone has no child at home"))
    if values.get("gender") == "male" and values.get("pregnant") is True:
        problems.append(Problem("pregnant", "yes, but the gender is male"))
    business = values.get("business")
    year = values.get("year", this_year)  # the year screening goes by: today's when none is given
    if isinstance(business, dict) and business.get("opened_year", 0) > year:
        problems.append(
            Problem(
                "business.opened_year",
                "{opened} is after the screening year {year}",
                {"opened": business["opened_year"], "year": year},
            )
        )
    employment = values.get("employment")
    if employment == "self_employed" and business == NO_BUSINESS:
        problems.append(
            Problem(
                "business",
                "no business, but the work is self-employed; a self-employed person runs a business",
            )
        )
    if employment == "self_employed" and isinstance(business, dict) and business.get("closed") is True:
        problems.append(
            Problem(
                "business.closed",
                "closed, but the work is self-employed; describe the business the person runs now",
            )
        )
    if (
        isinstance(business, dict)
        and business.get("closed") is not True
        and "closed" in business
        and employment in NO_BUSINESS_EMPLOYMENTS
    ):
        problems.append(
            Problem(
                "employment",
                "{employment}, but the business is open; someone running a business is"
                " self_employed (or employed beside it)",
                {"employment": employment},
            )
        )


def parse_profile(text: str) -> Profile:
    """Decode JSON text and validate it; raise ProfileError with one line per problem.

    A syntax error gives its line and column; a key given twice in one object, nesting deeper than
    MAX_DEPTH (however deep: never a RecursionError) and whole numbers beyond Python's limit of 4,300
    digits are refused, each with one line that says so.
    """
    try:
        data = parse_json(text, MAX_DEPTH)
    except InputError as exc:
        raise ProfileError([Problem.worded("", exc.reason)]) from None
    return validate_profile(data)


def parse_profile_bytes(data: bytes) -> Profile:
    """`parse_profile` for the bytes of a file or of standard input: at most MAX_PROFILE_BYTES, UTF-8
    (a byte order mark is allowed), each refusal one clear line."""
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError([Problem("", "larger than {size} bytes", {"size": f"{MAX_PROFILE_BYTES:,}"})])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProfileError(
            [Problem("", "not UTF-8 text (byte {byte} cannot be read)", {"byte": f"{exc.start + 1:,}"})]
        ) from None
    return parse_profile(text)
