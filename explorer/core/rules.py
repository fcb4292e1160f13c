"""Screening rules as data: conditions, paths, each service's rules, and the whole set read once.

Rules are `[[screening]]` tables in each service's TOML, stored in the catalogue (db/README.md). A
service has zero or more *paths* (ways to qualify); a path holds conditions that must all hold. A
condition is a fact test, a defined term, a question the person can answer (`ask`) or what only the
agency decides (`residual`). `load_rules` reads every service's rules, the median income table and
the legal definitions into a `RuleSet`; core.compiled_rules turns a RuleSet into the form screening
runs fast on (`RuleSet.compiled()`), and core.screening screens a profile against it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer.core.catalog import Catalogue
from explorer.core.current import screening_status
from explorer.core.definitions import Term, terms_from_dict
from explorer.core.parameters import MedianIncome

if TYPE_CHECKING:
    from explorer.core.compiled_rules import CompiledRules

__all__ = [
    "Benefit",
    "Condition",
    "Path",
    "RuleSet",
    "ServiceRules",
    "ask_id",
    "ask_questions",
    "load_rules",
    "paths_from_data",
]

Text = dict[str, str]


def _ask_words(text: Text) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text["en"].lower()).strip("-")[:60].strip("-")


def ask_id(service_id: str, condition: Condition) -> str:
    """The stable id of a service's question (`ask`): the service id and its criterion's words.

    A profile answers it under `answers` ("uos-half-price-tuition:studies-at-the-university-of-seoul").
    """
    return f"{service_id}:{_ask_words(condition.text) or 'question'}"


@dataclass(frozen=True)
class Condition:
    """One criterion: a fact test, a defined term, a question (`ask`) or what the agency decides."""

    text: Text
    fact: str | None = None
    op: str | None = None
    value: Any = None
    ask: Text | None = None
    term: str | None = None
    residual: Text | None = None
    source: dict[str, str] = field(default_factory=dict)
    #: For an ask: its id, worked out once when the rules are loaded.
    ask_key: str = ""


@dataclass(frozen=True)
class Benefit:
    """What a path pays or gives, and how its estimate is worked out (core.estimates)."""

    kind: str
    text: Text
    amount_krw: int | None = None
    share: float | None = None
    period: str | None = None
    #: The part of the gap paid (gap_to_median_share): 0.5 pays half.
    rate: float = 1.0
    source: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Path:
    """One way to qualify for a service."""

    conditions: tuple[Condition, ...]
    label: Text | None = None
    benefit: Benefit | None = None


def paths_from_data(data: Iterable[dict[str, Any]], service_id: str | None = None) -> tuple[Path, ...]:
    """Rules as stored (the validated `[[screening]]` tables) to Path objects.

    With `service_id`, each ask's id is worked out here, once (`ask_id`).
    """
    out = []
    for path in data:
        conditions = []
        for c in path["conditions"]:
            ask = c.get("ask")
            key = ""
            if ask is not None and service_id is not None:
                key = f"{service_id}:{_ask_words(c['text']) or 'question'}"
            conditions.append(
                Condition(
                    c["text"],
                    c.get("fact"),
                    c.get("op"),
                    c.get("value"),
                    ask,
                    c.get("term"),
                    c.get("residual"),
                    c.get("source", {}),
                    key,
                )
            )
        b = path.get("benefit")
        benefit = (
            Benefit(
                b["kind"],
                b["text"],
                b.get("amount_krw"),
                b.get("share"),
                b.get("period"),
                b.get("rate", 1.0),
                b.get("source", {}),
            )
            if b
            else None
        )
        out.append(Path(tuple(conditions), path.get("label"), benefit))
    return tuple(out)


@dataclass(frozen=True)
class ServiceRules:
    """One service's rules and state, as screening needs them."""

    id: str
    names: Text
    paths: tuple[Path, ...]
    status: str = "active"
    as_of: str = ""
    end_year: int | None = None


@dataclass
class RuleSet:
    """Every service's rules, the median income table and the legal definitions; built once.

    Treat it as read-only: to screen with other rules, make another (`dataclasses.replace`), which
    starts without the compiled form of this one.
    """

    services: list[ServiceRules]
    median: MedianIncome
    terms: dict[str, Term] = field(default_factory=dict)
    _asks: dict[str, dict[str, Any]] | None = None
    _compiled: CompiledRules | None = field(default=None, init=False, repr=False, compare=False)

    def asks(self) -> dict[str, dict[str, Any]]:
        """Every service's own question by id (worked out once)."""
        if self._asks is None:
            self._asks = ask_questions(self)
        return self._asks

    def compiled(self) -> CompiledRules:
        """The rules compiled for screening (core.compiled_rules), compiled on first use."""
        from explorer.core.compiled_rules import compile_rules

        compiled = self._compiled
        if compiled is None or not compiled.compiled_from(self):
            compiled = self._compiled = compile_rules(self)
        return compiled


def load_rules(catalogue: Catalogue) -> RuleSet:
    """Every service's rules, the median income table and the definitions, read once from the catalogue.

    Screening programs read them through a core.compiled_rules.RuleCache, which reads a catalogue's
    rules once for every screening of it.
    """
    services = [
        ServiceRules(
            row["id"],
            row["names"],
            paths_from_data(row["paths"], row["id"]),
            screening_status(
                {"state": row["current_state"]} if row["current_state"] else None, row["status"]
            ),
            row["current_since"] or row["as_of"],
            row["end_year"],
        )
        for row in catalogue.screening_rules()
    ]
    terms = terms_from_dict(catalogue.parameter("definitions"))
    return RuleSet(services, MedianIncome.from_dict(catalogue.parameter("median_income")), terms)


def ask_questions(rules: RuleSet) -> dict[str, dict[str, Any]]:
    """Every service's own question (`ask`) by id: the question and the service's names."""
    out: dict[str, dict[str, Any]] = {}
    for service in rules.services:
        for path in service.paths:
            for condition in path.conditions:
                if condition.ask is not None:
                    out.setdefault(
                        condition.ask_key or ask_id(service.id, condition),
                        {"question": condition.ask, "service": service.names},
                    )
    return out
