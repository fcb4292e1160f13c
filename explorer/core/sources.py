"""Read and validate the catalogue sources under db/ (TOML, one file per service or programme).

`load_sources` returns a `SourceSet` of plain, validated dictionaries, or raises `SourceError`
with one line per problem. Every problem names the file and the key, so an author can fix it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from explorer.core.amounts import parse_budget_text
from explorer.core.errors import SourceError
from explorer.core.facts import BENEFIT_KINDS, BENEFIT_PERIODS, BOOL, CHOICE, FACTS, NUMBER, OPERATORS
from explorer.core.limits import MAX_SOURCE_BYTES, PATH_CHARS, InputError, excerpt, parse_toml, read_limited
from explorer.core.source_digest import sources_digest

#: Languages every text field must have.
REQUIRED_LANGUAGES = ("ko", "en")
#: Languages a text field may have.
KNOWN_LANGUAGES = ("ko", "en", "ja", "zh", "vi", "ru", "mn")
STATUSES = ("active", "planned", "ended", "unknown")
CONTACT_KINDS = ("phone", "web", "app", "place", "email")
ACTION_KINDS = ("action", "supporting")
MAX_QUOTE = 400
#: Goals and programmes are numbered 1..MAX_NUMBER (action ids hold the programme as two digits).
MAX_NUMBER = 99

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ACTION_ID = re.compile(r"^p(\d{2})-([as])(\d+)$")
_AS_OF = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Problems = list[str]


def _q(value: Any) -> str:
    """A value as a problem quotes it: its repr, short and escaped (`limits.excerpt`)."""
    return excerpt(repr(value))


@dataclass
class SourceSet:
    """Everything under db/, validated. Each record is a plain dict ready for the builder."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    audiences: list[dict[str, Any]] = field(default_factory=list)
    tiles: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    programs: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    #: Dated parameters from outside the seeds (the standard median income), each with its source.
    parameters: dict[str, Any] = field(default_factory=dict)
    digest: str = ""

    def all_sources(self) -> Iterable[tuple[str, dict[str, Any]]]:
        """Every source citation with a label saying whose it is."""
        for kind, records, key in (
            ("channel", self.channels, "id"),
            ("goal", self.goals, "number"),
            ("program", self.programs, "number"),
            ("service", self.services, "id"),
        ):
            for record in records:
                # Records of sources with problems may lack keys (the problems name them); never index.
                label = f"{kind} {excerpt(record.get(key, record.get('_file', '?')))}"
                for src in record.get("sources", []):
                    yield label, src
                for figure in record.get("figures", []):
                    if figure.get("source"):
                        yield f"{label} figure", figure["source"]
                for contact in record.get("contacts", []):
                    if contact.get("source"):
                        yield f"{label} contact", contact["source"]
                for p, path in enumerate(record.get("screening", [])):
                    for c, condition in enumerate(path.get("conditions", [])):
                        if condition.get("source"):
                            yield f"{label} screening[{p}] condition[{c}]", condition["source"]
                    benefit = path.get("benefit") or {}
                    if benefit.get("source"):
                        yield f"{label} screening[{p}] benefit", benefit["source"]
        for program in self.programs:
            for action in program.get("actions", []):
                for src in action.get("sources", []):
                    yield f"action {excerpt(action.get('id', '?'))}", src


# --- field checkers -----------------------------------------------------------------------------
# Each checker takes (value, where, problems) and returns the cleaned value (or None on a problem).

Checker = Callable[[Any, str, Problems], Any]


def _text(value: Any, where: str, problems: Problems) -> dict[str, str] | None:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a table of languages (ko = ..., en = ...)")
        return None
    out: dict[str, str] = {}
    for lang, text in value.items():
        if lang not in KNOWN_LANGUAGES:
            problems.append(f"{where}: unknown language {_q(lang)}")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{where}.{lang}: empty or not text")
        else:
            out[lang] = text.strip()
    for lang in REQUIRED_LANGUAGES:
        if lang not in value:
            problems.append(f"{where}.{lang}: missing")
    return out


def _words(value: Any, where: str, problems: Problems) -> dict[str, list[str]] | None:
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a table of languages with lists of words")
        return None
    out: dict[str, list[str]] = {}
    for lang, words in value.items():
        if lang not in KNOWN_LANGUAGES:
            problems.append(f"{where}: unknown language {_q(lang)}")
        elif not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            problems.append(f"{where}.{lang}: expected a list of non-empty strings")
        else:
            out[lang] = [w.strip() for w in words]
    return out


def _required_words(value: Any, where: str, problems: Problems) -> dict[str, list[str]] | None:
    out = _words(value, where, problems)
    if out is not None:
        for lang in REQUIRED_LANGUAGES:
            if not out.get(lang):
                problems.append(f"{where}.{lang}: missing or empty")
    return out


def _str(value: Any, where: str, problems: Problems) -> str | None:
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: expected non-empty text")
        return None
    return value.strip()


def _int(value: Any, where: str, problems: Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(f"{where}: expected a whole number")
        return None
    return value


def _numbered(value: Any, where: str, problems: Problems) -> int | None:
    """A goal's or programme's number: 1 to MAX_NUMBER."""
    number = _int(value, where, problems)
    if number is not None and not 1 <= number <= MAX_NUMBER:
        problems.append(f"{where}: {number} is not a number from 1 to {MAX_NUMBER}")
        return None
    return number


def _year(value: Any, where: str, problems: Problems) -> int | None:
    year = _int(value, where, problems)
    if year is not None and not 1900 <= year <= 2100:
        problems.append(f"{where}: {year} is not a plausible year")
        return None
    return year


def _bool(value: Any, where: str, problems: Problems) -> bool | None:
    if not isinstance(value, bool):
        problems.append(f"{where}: expected true or false")
        return None
    return value


def _ids(value: Any, where: str, problems: Problems) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}: expected a list of ids")
        return None
    if len(set(value)) != len(value):
        problems.append(f"{where}: the same id is listed twice")
    return list(value)


def _one_of(choices: tuple[str, ...]) -> Checker:
    def check(value: Any, where: str, problems: Problems) -> str | None:
        if value not in choices:
            problems.append(f"{where}: {_q(value)} is not one of {', '.join(choices)}")
            return None
        return str(value)

    return check


def _as_of(value: Any, where: str, problems: Problems) -> str | None:
    match = _AS_OF.match(value) if isinstance(value, str) else None
    if not match:
        problems.append(f"{where}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {_q(value)}")
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        problems.append(f"{where}: {_q(value)} is not a real date")
        return None
    return str(value)


def _source(value: Any, where: str, problems: Problems) -> dict[str, str] | None:
    return _record(value, where, problems, SOURCE_FIELDS)


def _list_of(checker: Checker, minimum: int = 0) -> Checker:
    def check(value: Any, where: str, problems: Problems) -> list[Any] | None:
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list")
            return None
        if len(value) < minimum:
            problems.append(f"{where}: needs at least {minimum}")
        out = [checker(item, f"{where}[{i}]", problems) for i, item in enumerate(value)]
        return [item for item in out if item is not None]

    return check


def _period(value: Any, where: str, problems: Problems) -> dict[str, int | None] | None:
    period = _record(value, where, problems, {"start": (_year, True), "end": (_year, False)})
    if period is None:
        return None
    start, end = period.get("start"), period.get("end")
    if start is not None and end is not None and end < start:
        problems.append(f"{where}: ends ({end}) before it starts ({start})")
    return {"start": start, "end": end}


def _table(fields: dict[str, tuple[Checker, bool]]) -> Checker:
    def check(value: Any, where: str, problems: Problems) -> dict[str, Any] | None:
        return _record(value, where, problems, fields)

    return check


Spec = dict[str, tuple[Checker, bool]]


def _record(value: Any, where: str, problems: Problems, fields: Spec) -> dict[str, Any] | None:
    """Check a table against `fields` (key -> (checker, required)); unknown keys are problems."""
    if not isinstance(value, dict):
        problems.append(f"{where}: expected a table")
        return None
    out: dict[str, Any] = {}
    for key in value:
        if key not in fields:
            problems.append(f"{where}: unknown key {_q(key)}")
    for key, (checker, required) in fields.items():
        if key not in value:
            if required:
                problems.append(f"{where}.{key}: missing")
            continue
        cleaned = checker(value[key], f"{where}.{key}", problems)
        if cleaned is not None:
            out[key] = cleaned
    return out


SOURCE_FIELDS: Spec = {
    "document": (_str, True),
    "section": (_str, True),
    "quote": (_str, True),
}
_SOURCES = _list_of(_source, minimum=1)

DOCUMENT_FIELDS: Spec = {"id": (_str, True), "year": (_year, True), "title": (_text, True)}
CATEGORY_FIELDS: Spec = {"id": (_str, True), "label": (_text, True), "easy_tile": (_str, False)}
LABEL_FIELDS: Spec = {"id": (_str, True), "label": (_text, True)}
CHANNEL_FIELDS: Spec = {
    "id": (_str, True),
    "kind": (_one_of(CONTACT_KINDS), True),
    "value": (_str, False),
    "name": (_text, True),
    "description": (_text, True),
    "sources": (_SOURCES, True),
}
GOAL_FIELDS: Spec = {
    "number": (_numbered, True),
    "name": (_text, True),
    "description": (_text, False),
    "sources": (_SOURCES, True),
}
ACTION_FIELDS: Spec = {
    "id": (_str, True),
    "kind": (_one_of(ACTION_KINDS), True),
    "number": (_int, False),
    "name": (_text, True),
    "period": (_period, False),
    "budget_krw": (_int, False),
    "budget_text": (_str, False),
    "shocks_stresses": (_text, False),
    "resilience_goal": (_text, False),
    "explanation": (_text, False),
    "departments": (_list_of(_text), False),
    "partners": (_list_of(_text), False),
    "initiatives": (_list_of(_text), False),
    "notes": (_list_of(_text), False),
    "sources": (_SOURCES, True),
}
PROGRAM_FIELDS: Spec = {
    "number": (_numbered, True),
    "goal": (_numbered, True),
    "name": (_text, True),
    "description": (_text, False),
    "notes": (_list_of(_text), False),
    "sources": (_SOURCES, True),
    "actions": (_list_of(_table(ACTION_FIELDS), minimum=1), True),
}
CONTACT_FIELDS: Spec = {
    "kind": (_one_of(CONTACT_KINDS), True),
    "value": (_str, True),
    "label": (_text, True),
    "source": (_source, True),
}
FIGURE_FIELDS: Spec = {"value": (_str, True), "label": (_text, True), "source": (_source, True)}


def _any(value: Any, where: str, problems: Problems) -> Any:
    return value


def _number(value: Any, where: str, problems: Problems) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where}: expected a number")
        return None
    return value


EXTERNAL_RULE_SOURCE_FIELDS: Spec = {
    "publisher": (_str, True),
    "title": (_str, True),
    "published": (_as_of, True),
    "url": (_str, True),
    "quote": (_str, True),
}


def _rule_source(value: Any, where: str, problems: Problems) -> dict[str, str] | None:
    """A seed quote (document, section, quote), or a public source outside the seeds (with a url)."""
    if isinstance(value, dict) and "url" in value:
        source = _record(value, where, problems, EXTERNAL_RULE_SOURCE_FIELDS)
        if source is not None and not str(source.get("url", "")).startswith("https://"):
            problems.append(f"{where}.url: expected an https:// link")
        return source
    return _source(value, where, problems)


CONDITION_FIELDS: Spec = {
    "fact": (_str, False),
    "op": (_str, False),
    "value": (_any, False),
    "ask": (_text, False),
    "term": (_str, False),
    "residual": (_text, False),
    "text": (_text, True),
    "source": (_rule_source, True),
}
BENEFIT_FIELDS: Spec = {
    "kind": (_one_of(BENEFIT_KINDS), True),
    "amount_krw": (_int, False),
    "share": (_number, False),
    "rate": (_number, False),
    "period": (_one_of(BENEFIT_PERIODS), False),
    "text": (_text, True),
    "source": (_rule_source, True),
}
#: The kinds of condition: each condition holds exactly one of these (a fact test holds three keys).
_CONDITION_KINDS = ("ask", "term", "residual")


def _condition(value: Any, where: str, problems: Problems) -> dict[str, Any] | None:
    """A condition tests a fact (`fact`, `op`, `value`), names a defined `term`, asks a question the
    person can answer (`ask`), or states what only the agency decides (`residual`)."""
    condition = _record(value, where, problems, CONDITION_FIELDS)
    if condition is None:
        return None
    kinds = [key for key in _CONDITION_KINDS if key in condition]
    tests_fact = any(key in condition for key in ("fact", "op", "value"))
    if len(kinds) + tests_fact > 1:
        problems.append(
            f"{where}: a condition is one of a fact test, a term, an ask or a residual, not several"
        )
        return None
    if kinds:
        return condition
    fact_name, op = condition.get("fact"), condition.get("op")
    if fact_name is None or op is None or "value" not in condition:
        problems.append(f"{where}: needs fact, op and value (or term, ask or residual)")
        return None
    fact = FACTS.get(fact_name)
    if fact is None:
        problems.append(f"{where}.fact: unknown fact {_q(fact_name)}; known: {', '.join(FACTS)}")
        return None
    if op not in OPERATORS[fact.kind]:
        problems.append(
            f"{where}.op: {_q(op)} cannot test {fact_name}; use one of {', '.join(OPERATORS[fact.kind])}"
        )
        return None
    wanted = condition["value"]
    if fact.kind == NUMBER and (isinstance(wanted, bool) or not isinstance(wanted, int | float)):
        problems.append(f"{where}.value: {fact_name} is compared with a number")
    elif fact.kind == BOOL and not isinstance(wanted, bool):
        problems.append(f"{where}.value: {fact_name} is compared with true or false")
    elif fact.kind == CHOICE:
        values = wanted if op in ("in", "not_in") else [wanted]
        if not isinstance(values, list) or any(v not in fact.choices for v in values):
            problems.append(
                f"{where}.value: {fact_name} takes {', '.join(fact.choices)}"
                + (" (a list for in/not_in)" if op in ("in", "not_in") else "")
            )
    return condition


def _benefit(value: Any, where: str, problems: Problems) -> dict[str, Any] | None:
    benefit = _record(value, where, problems, BENEFIT_FIELDS)
    if benefit is None:
        return None
    kind = benefit.get("kind")
    if kind == "fixed" and ("amount_krw" not in benefit or "period" not in benefit):
        problems.append(f"{where}: a fixed benefit needs amount_krw and period")
    if kind == "gap_to_median_share":
        share = benefit.get("share")
        if share is None or not 0 < share <= 3 or "period" not in benefit:
            problems.append(f"{where}: gap_to_median_share needs a share between 0 and 3 and a period")
    rate = benefit.get("rate")
    if rate is not None and (kind != "gap_to_median_share" or not 0 < rate <= 1):
        problems.append(
            f"{where}: rate is the part of the gap paid, between 0 and 1 (gap_to_median_share only)"
        )
    return benefit


SCREENING_FIELDS: Spec = {
    "label": (_text, False),
    "conditions": (_list_of(_condition, minimum=1), True),
    "benefit": (_benefit, False),
}
EXTERNAL_SOURCE_FIELDS: Spec = {
    "publisher": (_text, True),
    "title": (_text, True),
    "published": (_as_of, True),
    "note": (_text, False),
}
MEDIAN_YEAR_FIELDS: Spec = {
    "year": (_year, True),
    "amounts_krw": (_list_of(_int, minimum=6), True),
    "source": (_table(EXTERNAL_SOURCE_FIELDS), True),
}
MEDIAN_INCOME_FIELDS: Spec = {
    "name": (_text, True),
    "larger_households": (_text, True),
    "years": (_list_of(_table(MEDIAN_YEAR_FIELDS), minimum=1), True),
}
CURRENT_STATES = ("running", "renamed", "changed", "ended", "never_started", "unknown")
CURRENT_TOPICS = (
    "status",
    "name",
    "eligibility",
    "amount",
    "operator",
    "how_to_apply",
    "replacement",
    "contact",
    "other",
)
CURRENT_FACT_FIELDS: Spec = {
    "topic": (_one_of(CURRENT_TOPICS), True),
    "text": (_text, True),
    "source": (_table(EXTERNAL_RULE_SOURCE_FIELDS), True),
}
CURRENT_FIELDS: Spec = {
    "state": (_one_of(CURRENT_STATES), True),
    "checked": (_as_of, True),
    "since": (_as_of, False),
    "name": (_text, False),
    "alt_names": (_words, False),
    "facts": (_list_of(_table(CURRENT_FACT_FIELDS)), False),
}


def _current(value: Any, where: str, problems: Problems) -> dict[str, Any] | None:
    """What the service is today: a state, when it was checked, and each fact with its outside source."""
    current = _record(value, where, problems, CURRENT_FIELDS)
    if current is None:
        return None
    state = current.get("state")
    facts = current.get("facts", [])
    if state and state != "unknown" and not facts:
        problems.append(
            f'{where}: state {_q(state)} needs at least one fact with its source (or state = "unknown")'
        )
    if state == "renamed" and "name" not in current:
        problems.append(f'{where}: state "renamed" needs the current name')
    for i, fact in enumerate(facts):
        url = str(fact.get("source", {}).get("url", ""))
        if url and not url.startswith("https://"):
            problems.append(f"{where}.facts[{i}].source.url: expected an https:// link")
    return current


SERVICE_FIELDS: Spec = {
    "id": (_str, True),
    "status": (_one_of(STATUSES), True),
    "as_of": (_as_of, True),
    "categories": (_ids, True),
    "audiences": (_ids, True),
    "actions": (_ids, False),
    "outside_strategy": (_bool, False),
    "channels": (_ids, False),
    "related": (_ids, False),
    "start_year": (_year, False),
    "end_year": (_year, False),
    "name": (_text, True),
    "alt_names": (_words, False),
    "keywords": (_required_words, True),
    "summary": (_text, True),
    "description": (_text, True),
    "eligibility": (_text, True),
    "benefits": (_text, True),
    "how_to_apply": (_text, True),
    "fees": (_text, False),
    "documents": (_list_of(_text), False),
    "contacts": (_list_of(_table(CONTACT_FIELDS)), False),
    "schedules": (_list_of(_text), False),
    "figures": (_list_of(_table(FIGURE_FIELDS)), False),
    "notes": (_list_of(_text), False),
    "sources": (_SOURCES, True),
    "screening": (_list_of(_table(SCREENING_FIELDS), minimum=1), False),
    "current": (_current, True),
}


# --- loading ------------------------------------------------------------------------------------


def _read_toml(path: Path, root: Path, problems: Problems) -> dict[str, Any] | None:
    """The parsed TOML file at `path`, or None with one problem naming the file.

    Read through `limits.read_limited` and `limits.parse_toml`: a folder, a FIFO, a device or a broken
    link is never opened (and never blocks), a file over MAX_SOURCE_BYTES is not read, and nesting
    deeper than MAX_DEPTH or whole numbers of more than MAX_INT_DIGITS digits are refused.
    """
    name = _rel(path, root) if path.is_relative_to(root.parent) else excerpt(str(path), PATH_CHARS)
    try:
        return parse_toml(read_limited(path, MAX_SOURCE_BYTES, "the source file"))
    except InputError as exc:
        problems.append(f"{name}: {'missing' if exc.reason == 'does not exist' else exc.reason}")
    return None


def _rel(path: Path, root: Path) -> str:
    """The file's name as problems give it ("db/services/x.toml"), escaped like any other input."""
    return excerpt(path.relative_to(root.parent).as_posix(), PATH_CHARS)


def _list_file(path: Path, root: Path, key: str, fields: Spec, problems: Problems) -> list[dict[str, Any]]:
    """Read a file holding `[[key]]` tables."""
    data = _read_toml(path, root, problems)
    if data is None:
        return []
    return _list_items(data, _rel(path, root), key, fields, problems)


def _list_items(
    data: dict[str, Any], where: str, key: str, fields: Spec, problems: Problems
) -> list[dict[str, Any]]:
    """The `[[key]]` tables of a parsed file, each checked against `fields`."""
    items = data.get(key)
    if not isinstance(items, list) or not items:
        problems.append(f"{where}: expected one or more [[{key}]] tables")
        return []
    out = []
    for i, item in enumerate(items):
        record = _record(item, f"{where}: {key}[{i}]", problems, fields)
        if record is not None:
            out.append(record)
    return out


def load_sources(source_dir: Path) -> SourceSet:
    """Read and validate every file under `source_dir`; raise SourceError listing every problem."""
    problems: Problems = []
    sources = read_sources(source_dir, problems)
    if problems:
        raise SourceError(problems)
    return sources


def _read_file_record(
    path: Path, root: Path, what: str, fields: Spec, problems: Problems
) -> dict[str, Any] | None:
    """A file that is one record (a service, a programme), checked against `fields`, with its `_file`.

    An empty file is one problem, not one per missing key. The record may lack keys whose problems
    were recorded; nothing reading it indexes them (`.get`), and `load_sources` refuses it anyway.
    """
    data = _read_toml(path, root, problems)
    if data is None:
        return None
    where = _rel(path, root)
    if not data:
        required = ", ".join(key for key, (_checker, needed) in fields.items() if needed)
        problems.append(f"{where}: empty; {what} needs {required}")
        return None
    record = _record(data, where, problems, fields)
    if record is not None:
        record["_file"] = where
    return record


def read_sources(source_dir: Path, problems: Problems) -> SourceSet:
    """Read and validate the sources, adding one line per problem to `problems`."""
    root = source_dir
    if not (root / "services").is_dir():
        problems.append(f"{root}: no services/ folder; is this the catalogue's db/ folder?")
        return SourceSet()
    result = SourceSet(digest=sources_digest(root))
    result.documents = _list_file(root / "documents.toml", root, "documents", DOCUMENT_FIELDS, problems)
    taxonomy_file = root / "taxonomy.toml"
    taxonomy = _read_toml(taxonomy_file, root, problems)  # read once: three lists, one problem at most
    if taxonomy is not None:
        where = _rel(taxonomy_file, root)
        result.categories = _list_items(taxonomy, where, "categories", CATEGORY_FIELDS, problems)
        result.audiences = _list_items(taxonomy, where, "audiences", LABEL_FIELDS, problems)
        result.tiles = _list_items(taxonomy, where, "tiles", LABEL_FIELDS, problems)
    result.channels = _list_file(root / "channels.toml", root, "channels", CHANNEL_FIELDS, problems)
    result.goals = _list_file(root / "strategy" / "goals.toml", root, "goals", GOAL_FIELDS, problems)
    for path in sorted((root / "strategy").glob("program-*.toml")):
        program = _read_file_record(path, root, "a programme", PROGRAM_FIELDS, problems)
        if program is not None:
            result.programs.append(program)
    for path in sorted((root / "services").glob("*.toml")):
        service = _read_file_record(path, root, "a service", SERVICE_FIELDS, problems)
        if service is None:
            continue
        if service.get("id") and service["id"] != path.stem:
            problems.append(f"{service['_file']}: id {_q(service['id'])} differs from the file name")
        result.services.append(service)
    if not result.services:
        problems.append(f"{_rel(root / 'services', root)}: holds no services")
    result.parameters = _read_parameters(root, problems)
    for service in result.services:
        paths = service.get("screening", [])
        if len(paths) > 1 and not all("label" in path for path in paths):
            problems.append(f"{service['_file']}: screening has {len(paths)} paths; each needs a label")
    _check_references(result, problems)
    return result


def _read_parameters(root: Path, problems: Problems) -> dict[str, Any]:
    """db/parameters/median-income.toml: the standard median income by year and household size."""
    path = root / "parameters" / "median-income.toml"
    where = _rel(path, root)
    data = _read_toml(path, root, problems)
    if data is None:
        return {}
    table = _record(data.get("median_income"), f"{where}: median_income", problems, MEDIAN_INCOME_FIELDS)
    if table is None:
        return {}
    years = [entry["year"] for entry in table.get("years", []) if "year" in entry]
    _unique(years, f"{where}: median income year", problems)
    for entry in table.get("years", []):
        amounts = entry.get("amounts_krw", [])
        if any(b <= a for a, b in itertools.pairwise(amounts)):
            problems.append(f"{where}: {entry.get('year')}: amounts must grow with the household size")
    table["years"] = sorted(table.get("years", []), key=lambda e: e.get("year", 0))
    return {"median_income": table, "definitions": _read_definitions(root, problems)}


# --- definitions (parameters/definitions.toml) ---------------------------------------------------

CONFIDENCE = ("high", "medium", "low")
_CITATION: Spec = {
    "law": (_text, True),
    "quote": (_str, True),
    "url": (_str, True),
    "checked": (_as_of, True),
    "confidence": (_one_of(CONFIDENCE), True),
    "note": (_text, False),
}
_BOUNDS: Spec = {"min": (_number, False), "max": (_number, False)}
CORE_FIELDS: Spec = {**_BOUNDS, "ranges": (_any, False), **_CITATION}
OUTER_SOURCE_FIELDS: Spec = {**_CITATION, "bound": (_one_of(("min", "max")), False)}
OUTER_FIELDS: Spec = {
    **_BOUNDS,
    "ranges": (_any, False),
    "sources": (_list_of(_table(OUTER_SOURCE_FIELDS), minimum=1), True),
}
MET_IF_FIELDS: Spec = {"fact": (_str, True), "reason": (_text, True), **_CITATION}


def _facts_list(value: Any, where: str, problems: Problems) -> str | list[str] | None:
    names = value if isinstance(value, list) else [value]
    if not names or not all(isinstance(n, str) for n in names):
        problems.append(f"{where}: expected a fact name or a list of them")
        return None
    for name in names:
        if name not in FACTS or FACTS[name].kind != NUMBER:
            problems.append(f"{where}: {_q(name)} is not a number fact")
    return value


TERM_FIELDS: Spec = {
    "id": (_str, True),
    "fact": (_facts_list, True),
    "name": (_text, True),
    "question": (_text, False),
    "core": (_table(CORE_FIELDS), False),
    "outer": (_table(OUTER_FIELDS), True),
    "met_if": (_table(MET_IF_FIELDS), False),
}


def _term_ranges(table: dict[str, Any], facts: list[str], where: str, problems: Problems) -> dict[str, Any]:
    """A core or outer table's ranges by fact: `ranges` for several facts, min/max for one."""
    if len(facts) == 1 and "ranges" not in table:
        if "min" not in table and "max" not in table:
            problems.append(f"{where}: needs min, max or both")
        return {facts[0]: {k: table[k] for k in ("min", "max") if k in table}}
    ranges = table.get("ranges")
    if not isinstance(ranges, dict) or set(ranges) - set(facts):
        problems.append(f"{where}.ranges: expected a table of {', '.join(facts)}")
        return {}
    out: dict[str, Any] = {}
    for fact, rng in ranges.items():
        bounds = _record(rng, f"{where}.ranges.{excerpt(fact)}", problems, _BOUNDS)
        if bounds:
            out[fact] = bounds
    return out


def _read_definitions(root: Path, problems: Problems) -> dict[str, Any]:
    """parameters/definitions.toml: cited legal definitions of the vague words in the sources."""
    path = root / "parameters" / "definitions.toml"
    where = _rel(path, root)
    terms = _list_file(path, root, "terms", TERM_FIELDS, problems)
    _unique((term["id"] for term in terms if "id" in term), f"{where}: term", problems)
    for term in terms:
        label = f"{where}: term {excerpt(term.get('id'))}"
        facts = term.get("fact")
        facts = facts if isinstance(facts, list) else [facts]
        core = _term_ranges(term["core"], facts, f"{label}.core", problems) if "core" in term else None
        outer = _term_ranges(term.get("outer", {}), facts, f"{label}.outer", problems)
        for fact, rng in (core or {}).items():
            wide = outer.get(fact, {})
            if ("min" in wide and rng.get("min", -math.inf) < wide["min"]) or (
                "max" in wide and rng.get("max", math.inf) > wide["max"]
            ):
                problems.append(f"{label}: the core range of {fact} is not inside the outer range")
        met_if = term.get("met_if")
        if met_if and (met_if.get("fact") not in FACTS or FACTS[met_if["fact"]].kind != BOOL):
            problems.append(f"{label}.met_if.fact: expected a true/false fact")
    return {"terms": terms}


def _unique(items: Iterable[Any], what: str, problems: Problems) -> set[Any]:
    seen: set[Any] = set()
    for item in items:
        if item in seen:
            problems.append(f"{what} {_q(item)} is defined twice")
        seen.add(item)
    return seen


def _check_references(sources: SourceSet, problems: Problems) -> None:
    """Ids are unique and every cross-reference points at something that exists."""
    documents = _unique((d["id"] for d in sources.documents if "id" in d), "document", problems)
    categories = _unique((c["id"] for c in sources.categories if "id" in c), "category", problems)
    audiences = _unique((a["id"] for a in sources.audiences if "id" in a), "audience", problems)
    tiles = _unique((t["id"] for t in sources.tiles if "id" in t), "tile", problems)
    channels = _unique((c["id"] for c in sources.channels if "id" in c), "channel", problems)
    goals = _unique((g["number"] for g in sources.goals if "number" in g), "goal", problems)
    _unique((p["number"] for p in sources.programs if "number" in p), "program", problems)
    action_ids = [a["id"] for p in sources.programs for a in p.get("actions", []) if "id" in a]
    actions = _unique(action_ids, "action", problems)
    services = _unique((s["id"] for s in sources.services if "id" in s), "service", problems)

    for category in sources.categories:
        tile = category.get("easy_tile")
        if tile and tile not in tiles:
            problems.append(f"category {excerpt(category.get('id'))}: easy_tile {_q(tile)} is not a tile")
    for label, src in sources.all_sources():
        if src.get("document") and src["document"] not in documents:
            problems.append(f"{label}: source document {_q(src['document'])} is not in documents.toml")
        if len(src.get("quote", "")) > MAX_QUOTE:
            problems.append(f"{label}: a quote is longer than {MAX_QUOTE} characters; quote less")
    for program in sources.programs:
        where = program["_file"]
        number = program.get("number")
        if program.get("goal") not in goals:
            problems.append(f"{where}: goal {_q(program.get('goal'))} is not in strategy/goals.toml")
        for action in program.get("actions", []):
            _check_action(action, number, where, problems)
    terms = {term.get("id") for term in sources.parameters.get("definitions", {}).get("terms", [])}
    for service in sources.services:
        for p, path in enumerate(service.get("screening", [])):
            for c, condition in enumerate(path.get("conditions", [])):
                if "term" in condition and condition["term"] not in terms:
                    problems.append(
                        f"{service['_file']}: screening[{p}] condition[{c}].term: {_q(condition['term'])}"
                        " is not defined in parameters/definitions.toml"
                    )
    for service in sources.services:
        where = service["_file"]
        for key, known in (
            ("categories", categories),
            ("audiences", audiences),
            ("actions", actions),
            ("channels", channels),
            ("related", services),
        ):
            for ref in service.get(key, []):
                if ref not in known:
                    problems.append(f"{where}: {key}: {_q(ref)} does not exist")
        if service.get("id") in service.get("related", []):
            problems.append(f"{where}: related: a service cannot be related to itself")
        for key in ("categories", "audiences"):
            if key in service and not service[key]:
                problems.append(f"{where}: {key}: name at least one")
        has_actions = bool(service.get("actions"))
        outside = service.get("outside_strategy", False)
        if has_actions == outside:
            problems.append(
                f"{where}: name the strategy actions that deliver it, or set outside_strategy = true"
                " (not both)"
            )
        start, end = service.get("start_year"), service.get("end_year")
        if start and end and end < start:
            problems.append(f"{where}: end_year {end} is before start_year {start}")
    _check_strategy_complete(sources, problems)


def _check_strategy_complete(sources: SourceSet, problems: Problems) -> None:
    """Goals and programmes are numbered 1..N; every goal has programmes, every programme actions."""
    for what, numbers in (
        ("goal", [g.get("number") for g in sources.goals]),
        ("program", [p.get("number") for p in sources.programs]),
    ):
        present = {n for n in numbers if isinstance(n, int)}
        if not present:
            problems.append(f"strategy/: no {what}s")
            continue
        gaps = sorted(set(range(1, max(present) + 1)) - present)
        if gaps:
            problems.append(f"strategy/: {what}s {', '.join(map(str, gaps))} are missing")
    with_programs = {p.get("goal") for p in sources.programs}
    for goal in sources.goals:
        if "number" in goal and goal["number"] not in with_programs:
            problems.append(f"strategy/goals.toml: goal {goal.get('number')} has no programmes")
    for program in sources.programs:
        if not any(a.get("kind") == "action" for a in program.get("actions", [])):
            problems.append(f"{program['_file']}: no numbered ACTION")


def _check_action(action: dict[str, Any], program: Any, where: str, problems: Problems) -> None:
    if "id" not in action:
        return  # its problem is already named ("actions[0].id: missing")
    action_id = action["id"]
    match = _ACTION_ID.match(action_id)
    if not match:
        problems.append(f"{where}: action id {_q(action_id)} is not pNN-aN or pNN-sN")
        return
    if program is not None and int(match.group(1)) != program:
        problems.append(f"{where}: action {action_id} is filed under program {program}")
    kind = "action" if match.group(2) == "a" else "supporting"
    if action.get("kind") and action["kind"] != kind:
        problems.append(f"{where}: action {action_id} has kind {_q(action['kind'])}; its id says {kind}")
    if kind == "action" and action.get("number") != int(match.group(3)):
        problems.append(f"{where}: action {action_id} needs number = {int(match.group(3))}")
    if ("budget_krw" in action) != ("budget_text" in action):
        problems.append(f"{where}: action {action_id} needs both budget_krw and budget_text, or neither")
    if action.get("budget_krw") is not None and action["budget_krw"] < 0:
        problems.append(f"{where}: action {action_id} has a negative budget")
    if "budget_text" in action and "budget_krw" in action:
        parsed = parse_budget_text(action["budget_text"])
        if parsed != action["budget_krw"]:
            problems.append(
                f"{where}: action {action_id}: budget_krw {action['budget_krw']} does not match "
                f"budget_text {_q(action['budget_text'])} ({parsed})"
            )
    if "period" not in action and not any(
        "period" in note.get("en", "").lower() for note in action.get("notes", [])
    ):
        problems.append(
            f"{where}: action {action_id} has no period; add one, or a note saying the seed gives none"
        )


def normalise_quote_text(text: str) -> str:
    """Fold runs of white space so a quote can span the seed's line breaks."""
    return re.sub(r"\s+", " ", text).strip()


def _seed_text(path: Path) -> str | None:
    """A seed document's text, white space folded; None when it is not a readable UTF-8 regular file."""
    try:
        if not path.is_file():
            return None
        return normalise_quote_text(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def check_quotes(sources: SourceSet, seeds_dir: Path) -> Problems:
    """Every quote must occur, verbatim but for white space, in the seed document it cites."""
    problems: Problems = []
    texts: dict[str, str | None] = {}
    for label, src in sources.all_sources():
        if "url" in src:
            continue  # a public source outside the seeds: shown with its link, not checked here
        document = src.get("document", "")
        if document not in texts:
            texts[document] = _seed_text(seeds_dir / document)
        text = texts[document]
        if text is None:
            problems.append(f"{label}: seed document {excerpt(document)} not found in {seeds_dir}")
        elif normalise_quote_text(src.get("quote", "")) not in text:
            problems.append(f"{label}: quote not found in {excerpt(document)}: {_q(src.get('quote', ''))}")
    return problems
