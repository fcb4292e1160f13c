"""The field specs of each kind of record in the catalogue sources (db/README.md): which keys a
service, a programme, a channel, ... holds, each with its checker and whether it is required, and the
checkers of the tables that have rules of their own (a screening condition, a benefit, `current`).
"""

from __future__ import annotations

from typing import Any

from explorer.core.facts import BENEFIT_KINDS, BENEFIT_PERIODS, BOOL, CHOICE, FACTS, NUMBER, OPERATORS
from explorer.core.i18n import _
from explorer.core.source_checkers import (
    Problems,
    Spec,
    _any,
    _as_of,
    _bool,
    _ids,
    _int,
    _list_of,
    _number,
    _numbered,
    _one_of,
    _period,
    _q,
    _record,
    _required_words,
    _str,
    _table,
    _text,
    _words,
    _year,
)
from explorer.core.statuses import SERVICE_STATUSES

STATUSES = SERVICE_STATUSES
CONTACT_KINDS = ("phone", "web", "app", "place", "email")
ACTION_KINDS = ("action", "supporting")


def _source(value: Any, where: str, problems: Problems) -> dict[str, str] | None:
    return _record(value, where, problems, SOURCE_FIELDS)


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
            problems.append(_("{where}: expected an https:// link").format(where=f"{where}.url"))
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
            _(
                "{where}: a condition is one of a fact test ({test}), {term}, {ask} or {residual}, "
                "not several"
            ).format(where=where, test="fact, op, value", term="term", ask="ask", residual="residual")
        )
        return None
    if kinds:
        return condition
    fact_name, op = condition.get("fact"), condition.get("op")
    if fact_name is None or op is None or "value" not in condition:
        problems.append(
            _("{where}: needs {fact}, {op} and {value} (or {term}, {ask} or {residual})").format(
                where=where, fact="fact", op="op", value="value", term="term", ask="ask", residual="residual"
            )
        )
        return None
    fact = FACTS.get(fact_name)
    if fact is None:
        problems.append(
            _("{where}: unknown fact {fact}; known: {facts}").format(
                where=f"{where}.fact", fact=_q(fact_name), facts=", ".join(FACTS)
            )
        )
        return None
    if op not in OPERATORS[fact.kind]:
        problems.append(
            _("{where}: {op} cannot test {fact}; use one of {ops}").format(
                where=f"{where}.op", op=_q(op), fact=fact_name, ops=", ".join(OPERATORS[fact.kind])
            )
        )
        return None
    wanted = condition["value"]
    if fact.kind == NUMBER and (isinstance(wanted, bool) or not isinstance(wanted, int | float)):
        problems.append(
            _("{where}: {fact} is compared with a number").format(where=f"{where}.value", fact=fact_name)
        )
    elif fact.kind == BOOL and not isinstance(wanted, bool):
        problems.append(
            _("{where}: {fact} is compared with true or false").format(where=f"{where}.value", fact=fact_name)
        )
    elif fact.kind == CHOICE:
        values = wanted if op in ("in", "not_in") else [wanted]
        if not isinstance(values, list) or any(v not in fact.choices for v in values):
            message = (
                _("{where}: {fact} takes {choices} (a list for {ops})")
                if op in ("in", "not_in")
                else _("{where}: {fact} takes {choices}")
            )
            problems.append(
                message.format(
                    where=f"{where}.value", fact=fact_name, choices=", ".join(fact.choices), ops="in/not_in"
                )
            )
    return condition


def _benefit(value: Any, where: str, problems: Problems) -> dict[str, Any] | None:
    benefit = _record(value, where, problems, BENEFIT_FIELDS)
    if benefit is None:
        return None
    kind = benefit.get("kind")
    if kind == "fixed" and ("amount_krw" not in benefit or "period" not in benefit):
        problems.append(
            _("{where}: a {kind} benefit needs {amount} and {period}").format(
                where=where, kind=kind, amount="amount_krw", period="period"
            )
        )
    if kind == "gap_to_median_share":
        share = benefit.get("share")
        if share is None or not 0 < share <= 3 or "period" not in benefit:
            problems.append(
                _("{where}: {kind} needs a {share} between 0 and 3 and a {period}").format(
                    where=where, kind=kind, share="share", period="period"
                )
            )
    rate = benefit.get("rate")
    if rate is not None and (kind != "gap_to_median_share" or not 0 < rate <= 1):
        problems.append(
            _("{where}: {rate} is the part of the gap paid, between 0 and 1 ({kind} only)").format(
                where=where, rate="rate", kind="gap_to_median_share"
            )
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
            _("{where}: {key} {state} needs at least one fact with its source (or {unknown})").format(
                where=where, key="state", state=_q(state), unknown='state = "unknown"'
            )
        )
    if state == "renamed" and "name" not in current:
        problems.append(
            _("{where}: {key} {state} needs the current {name}").format(
                where=where, key="state", state='"renamed"', name="name"
            )
        )
    for i, fact in enumerate(facts):
        url = str(fact.get("source", {}).get("url", ""))
        if url and not url.startswith("https://"):
            problems.append(
                _("{where}: expected an https:// link").format(where=f"{where}.facts[{i}].source.url")
            )
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
