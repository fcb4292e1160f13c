"""The kit the catalogue sources are checked with: one checker per kind of field, and `_record`.

Each checker takes (value, where, problems) and returns the cleaned value (or None on a problem),
adding one line per problem to `problems`, in the interface language of the moment (`i18n._`);
`where` names the file and the key, which stay as written. The field specs built from them are in
`source_specs`; `sources` reads the files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.problems import Msg

#: Languages every text field must have.
REQUIRED_LANGUAGES = ("ko", "en")
#: Languages a text field may have.
KNOWN_LANGUAGES = ("ko", "en", "ja", "zh", "vi", "ru", "mn")
#: Goals and programmes are numbered 1..MAX_NUMBER (action ids hold the programme as two digits).
MAX_NUMBER = 99

_AS_OF = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Problems = list[str]


def _q(value: Any) -> str:
    """A value as a problem quotes it: its repr, short and escaped (`limits.excerpt`)."""
    return excerpt(repr(value))


Checker = Callable[[Any, str, Problems], Any]


def _text(value: Any, where: str, problems: Problems) -> dict[str, str] | None:
    if not isinstance(value, dict):
        problems.append(_("{where}: expected a table of languages (ko = ..., en = ...)").format(where=where))
        return None
    out: dict[str, str] = {}
    for lang, text in value.items():
        if lang not in KNOWN_LANGUAGES:
            problems.append(_("{where}: unknown language {lang}").format(where=where, lang=_q(lang)))
        elif not isinstance(text, str) or not text.strip():
            problems.append(_("{where}: empty or not text").format(where=f"{where}.{lang}"))
        else:
            out[lang] = text.strip()
    for lang in REQUIRED_LANGUAGES:
        if lang not in value:
            problems.append(_("{where}: missing").format(where=f"{where}.{lang}"))
    return out


def _words(value: Any, where: str, problems: Problems) -> dict[str, list[str]] | None:
    if not isinstance(value, dict):
        problems.append(_("{where}: expected a table of languages with lists of words").format(where=where))
        return None
    out: dict[str, list[str]] = {}
    for lang, words in value.items():
        if lang not in KNOWN_LANGUAGES:
            problems.append(_("{where}: unknown language {lang}").format(where=where, lang=_q(lang)))
        elif not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            problems.append(
                _("{where}: expected a list of non-empty strings").format(where=f"{where}.{lang}")
            )
        else:
            out[lang] = [w.strip() for w in words]
    return out


def _required_words(value: Any, where: str, problems: Problems) -> dict[str, list[str]] | None:
    out = _words(value, where, problems)
    if out is not None:
        for lang in REQUIRED_LANGUAGES:
            if not out.get(lang):
                problems.append(_("{where}: missing or empty").format(where=f"{where}.{lang}"))
    return out


def _str(value: Any, where: str, problems: Problems) -> str | None:
    if not isinstance(value, str) or not value.strip():
        problems.append(_("{where}: expected non-empty text").format(where=where))
        return None
    return value.strip()


def _int(value: Any, where: str, problems: Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(_("{where}: expected a whole number").format(where=where))
        return None
    return value


def _numbered(value: Any, where: str, problems: Problems) -> int | None:
    """A goal's or programme's number: 1 to MAX_NUMBER."""
    number = _int(value, where, problems)
    if number is not None and not 1 <= number <= MAX_NUMBER:
        problems.append(
            _("{where}: {number} is not a number from 1 to {highest}").format(
                where=where, number=number, highest=MAX_NUMBER
            )
        )
        return None
    return number


def _year(value: Any, where: str, problems: Problems) -> int | None:
    year = _int(value, where, problems)
    if year is not None and not 1900 <= year <= 2100:
        problems.append(_("{where}: {year} is not a plausible year").format(where=where, year=year))
        return None
    return year


def _bool(value: Any, where: str, problems: Problems) -> bool | None:
    if not isinstance(value, bool):
        problems.append(_("{where}: expected true or false").format(where=where))
        return None
    return value


def _ids(value: Any, where: str, problems: Problems) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(_("{where}: expected a list of ids").format(where=where))
        return None
    if len(set(value)) != len(value):
        problems.append(_("{where}: the same id is listed twice").format(where=where))
    return list(value)


def _one_of(choices: tuple[str, ...]) -> Checker:
    def check(value: Any, where: str, problems: Problems) -> str | None:
        if value not in choices:
            problems.append(
                _("{where}: {value} is not one of {choices}").format(
                    where=where, value=_q(value), choices=", ".join(choices)
                )
            )
            return None
        return str(value)

    return check


def _as_of(value: Any, where: str, problems: Problems) -> str | None:
    match = _AS_OF.match(value) if isinstance(value, str) else None
    if not match:
        problems.append(
            _("{where}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value}").format(
                where=where, value=_q(value)
            )
        )
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        problems.append(_("{where}: {value} is not a real date").format(where=where, value=_q(value)))
        return None
    return str(value)


def _list_of(checker: Checker, minimum: int = 0) -> Checker:
    def check(value: Any, where: str, problems: Problems) -> list[Any] | None:
        if not isinstance(value, list):
            problems.append(_("{where}: expected a list").format(where=where))
            return None
        if len(value) < minimum:
            problems.append(_("{where}: needs at least {minimum}").format(where=where, minimum=minimum))
        out = [checker(item, f"{where}[{i}]", problems) for i, item in enumerate(value)]
        return [item for item in out if item is not None]

    return check


def _period(value: Any, where: str, problems: Problems) -> dict[str, int | None] | None:
    period = _record(value, where, problems, {"start": (_year, True), "end": (_year, False)})
    if period is None:
        return None
    start, end = period.get("start"), period.get("end")
    if start is not None and end is not None and end < start:
        problems.append(
            _("{where}: ends ({end}) before it starts ({start})").format(where=where, end=end, start=start)
        )
    return {"start": start, "end": end}


def _table(fields: dict[str, tuple[Checker, bool]]) -> Checker:
    def check(value: Any, where: str, problems: Problems) -> dict[str, Any] | None:
        return _record(value, where, problems, fields)

    return check


Spec = dict[str, tuple[Checker, bool]]


def _record(value: Any, where: str, problems: Problems, fields: Spec) -> dict[str, Any] | None:
    """Check a table against `fields` (key -> (checker, required)); unknown keys are problems."""
    if not isinstance(value, dict):
        problems.append(_("{where}: expected a table").format(where=where))
        return None
    out: dict[str, Any] = {}
    for key in value:
        if key not in fields:
            problems.append(_("{where}: unknown key {key}").format(where=where, key=_q(key)))
    for key, (checker, required) in fields.items():
        if key not in value:
            if required:
                problems.append(_("{where}: missing").format(where=f"{where}.{key}"))
            continue
        cleaned = checker(value[key], f"{where}.{key}", problems)
        if cleaned is not None:
            out[key] = cleaned
    return out


def _any(value: Any, where: str, problems: Problems) -> Any:
    return value


def _number(value: Any, where: str, problems: Problems) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(_("{where}: expected a number").format(where=where))
        return None
    return value


def _unique(items: Iterable[Any], what: Msg, problems: Problems, where: str = "") -> set[Any]:
    """The items as a set; one problem for each given twice, naming it as `what` (a word marked with
    `N_`, such as "service") after `where` (the file, when the items are from one)."""
    seen: set[Any] = set()
    for item in items:
        if item in seen:
            line = _("{what} {id} is defined twice").format(what=_(what), id=_q(item))
            problems.append(f"{where}: {line}" if where else line)
        seen.add(item)
    return seen
