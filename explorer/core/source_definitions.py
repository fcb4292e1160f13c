"""The legal definitions of the vague words in the sources (db/parameters/definitions.toml): the
fields of a term, and the checks across them (each range by fact, the core inside the outer range).
"""

from __future__ import annotations

import math
from typing import Any

from explorer.core.facts import BOOL, FACTS, NUMBER
from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.problems import N_
from explorer.core.source_checkers import (
    Problems,
    Spec,
    _any,
    _as_of,
    _list_of,
    _number,
    _one_of,
    _q,
    _record,
    _str,
    _table,
    _text,
    _unique,
)

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
        problems.append(_("{where}: expected a fact name or a list of them").format(where=where))
        return None
    for name in names:
        if name not in FACTS or FACTS[name].kind != NUMBER:
            problems.append(_("{where}: {fact} is not a number fact").format(where=where, fact=_q(name)))
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
            problems.append(
                _("{where}: needs {min}, {max} or both").format(where=where, min="min", max="max")
            )
        return {facts[0]: {k: table[k] for k in ("min", "max") if k in table}}
    ranges = table.get("ranges")
    if not isinstance(ranges, dict) or set(ranges) - set(facts):
        problems.append(
            _("{where}: expected a table of {facts}").format(where=f"{where}.ranges", facts=", ".join(facts))
        )
        return {}
    out: dict[str, Any] = {}
    for fact, rng in ranges.items():
        bounds = _record(rng, f"{where}.ranges.{excerpt(fact)}", problems, _BOUNDS)
        if bounds:
            out[fact] = bounds
    return out


def check_terms(terms: list[dict[str, Any]], where: str, problems: Problems) -> None:
    """Each term's id is unique, its ranges test its facts, its core lies inside its outer range."""
    _unique((term["id"] for term in terms if "id" in term), N_("term"), problems, where)
    for term in terms:
        label = _("{file}: term {id}").format(file=where, id=excerpt(term.get("id")))
        facts = term.get("fact")
        facts = facts if isinstance(facts, list) else [facts]
        core = _term_ranges(term["core"], facts, f"{label}.core", problems) if "core" in term else None
        outer = _term_ranges(term.get("outer", {}), facts, f"{label}.outer", problems)
        for fact, rng in (core or {}).items():
            wide = outer.get(fact, {})
            if ("min" in wide and rng.get("min", -math.inf) < wide["min"]) or (
                "max" in wide and rng.get("max", math.inf) > wide["max"]
            ):
                problems.append(
                    _("{where}: the core range of {fact} is not inside the outer range").format(
                        where=label, fact=fact
                    )
                )
        met_if = term.get("met_if")
        if met_if and (met_if.get("fact") not in FACTS or FACTS[met_if["fact"]].kind != BOOL):
            problems.append(_("{where}: expected a true/false fact").format(where=f"{label}.met_if.fact"))
