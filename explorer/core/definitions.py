"""Cited legal definitions of the vague words in the sources ("older person", "newborn", ...).

Each term (db/parameters/definitions.toml) has a *core* range, its main definition in Korean law,
and an *outer* range, the widest definition in any Korean law or Seoul ordinance, each with its
citations. `judge` places a person's facts against them:

- inside the core: met "by the legal definition" (the programme's own rule may differ);
- outside the outer range: not met "under every legal definition";
- in between (or no core range can be stated in our facts): not known, and the term's question
  says what would settle it;
- a `met_if` fact that is true (a basic livelihood recipient is within the 차상위 line) meets it.

The numbers are the laws', never guessed; the reasons name the laws.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.core.values import NOT_APPLICABLE, UNKNOWN

Text = dict[str, str]

IN_CORE, BETWEEN, OUTSIDE, NOT_KNOWN, NOT_THERE, MET_IF = (
    "core",
    "between",
    "outside",
    "unknown",
    "not_applicable",
    "met_if",
)


@dataclass(frozen=True)
class Range:
    """An inclusive range; a missing bound is open."""

    min: float | None = None
    max: float | None = None

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def within(self, other: Range) -> bool:
        """Whether this range lies inside `other`."""
        low_ok = other.min is None or (self.min is not None and self.min >= other.min)
        high_ok = other.max is None or (self.max is not None and self.max <= other.max)
        return low_ok and high_ok


@dataclass(frozen=True)
class Citation:
    """Where a definition is written: the law and article, a short quote, a link and when it was checked."""

    law: Text
    quote: str
    url: str
    checked: str
    confidence: str
    bound: str | None = None
    note: Text | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "law": self.law,
            "quote": self.quote,
            "url": self.url,
            "checked": self.checked,
            "confidence": self.confidence,
        }
        if self.bound:
            out["bound"] = self.bound
        return out


@dataclass(frozen=True)
class MetIf:
    """A true/false fact that meets the term by law, with the reason and where it is written."""

    fact: str
    reason: Text
    citation: Citation


@dataclass(frozen=True)
class Term:
    """One defined word: the facts its ranges test, the core and outer ranges and their citations."""

    id: str
    name: Text
    facts: tuple[str, ...]
    core: dict[str, Range] | None
    outer: dict[str, Range]
    core_source: Citation | None
    outer_sources: tuple[Citation, ...]
    question: Text | None = None
    met_if: MetIf | None = None

    def laws(self, lang: str, outer: bool) -> str:
        """The laws behind the core, or every law behind the outer range, as one phrase."""
        cites = self.outer_sources if outer else ((self.core_source,) if self.core_source else ())
        names: list[str] = []
        for cite in cites:
            name = cite.law.get(lang) or cite.law.get("ko", "")
            if name and name not in names:
                names.append(name)
        return ", ".join(names)


@dataclass(frozen=True)
class Judgement:
    """Where a person's facts fall against a term; `fact` names the fact that decided it."""

    where: str
    fact: str | None = None
    value: Any = None


def _range(data: dict[str, Any]) -> Range:
    return Range(data.get("min"), data.get("max"))


def _citation(data: dict[str, Any]) -> Citation:
    return Citation(
        law=dict(data["law"]),
        quote=str(data.get("quote", "")),
        url=str(data.get("url", "")),
        checked=str(data.get("checked", "")),
        confidence=str(data.get("confidence", "")),
        bound=data.get("bound"),
        note=dict(data["note"]) if data.get("note") else None,
    )


def _ranges(table: dict[str, Any], facts: tuple[str, ...]) -> dict[str, Range]:
    if "ranges" in table:
        return {fact: _range(table["ranges"][fact]) for fact in facts if fact in table["ranges"]}
    return {facts[0]: _range(table)}


def term_from_dict(data: dict[str, Any]) -> Term:
    """A term as stored (validated by core.sources) to a Term."""
    facts = tuple(data["fact"]) if isinstance(data["fact"], list) else (data["fact"],)
    core_table = data.get("core")
    outer_table = data["outer"]
    met_if = None
    if data.get("met_if"):
        m = data["met_if"]
        met_if = MetIf(m["fact"], dict(m["reason"]), _citation(m))
    return Term(
        id=data["id"],
        name=dict(data["name"]),
        facts=facts,
        core=_ranges(core_table, facts) if core_table else None,
        outer=_ranges(outer_table, facts),
        core_source=_citation(core_table) if core_table else None,
        outer_sources=tuple(_citation(s) for s in outer_table.get("sources", [])),
        question=dict(data["question"]) if data.get("question") else None,
        met_if=met_if,
    )


def terms_from_dict(data: dict[str, Any]) -> dict[str, Term]:
    """Every term of the definitions parameter, by id."""
    return {term["id"]: term_from_dict(term) for term in data.get("terms", [])}


def judge(term: Term, values: dict[str, Any]) -> Judgement:
    """Place the facts (`values[fact]`: a value, UNKNOWN or NOT_APPLICABLE) against the term.

    Outside the outer range on any fact decides "outside" even when another fact is unknown: no
    answer could bring it back. A fact that does not apply (no business, no child at home) is
    "not_applicable": the term cannot hold.
    """
    if term.met_if is not None and values.get(term.met_if.fact) is True:
        return Judgement(MET_IF, term.met_if.fact, True)
    unknown: str | None = None
    between: str | None = None
    for fact in term.facts:
        value = values.get(fact, UNKNOWN)
        if value is NOT_APPLICABLE:
            return Judgement(NOT_THERE, fact)
        if value is UNKNOWN:
            unknown = unknown or fact
            continue
        if fact in term.outer and not term.outer[fact].contains(value):
            return _unless_met_if_open(term, values, Judgement(OUTSIDE, fact, value))
        core = term.core.get(fact) if term.core is not None else None
        if term.core is None or (core is not None and not core.contains(value)):
            between = between or fact
    if unknown is not None:
        return Judgement(NOT_KNOWN, unknown)
    if between is not None:
        return _unless_met_if_open(term, values, Judgement(BETWEEN, between, values.get(between)))
    return Judgement(IN_CORE, term.facts[0], values.get(term.facts[0]))


def _unless_met_if_open(term: Term, values: dict[str, Any], verdict: Judgement) -> Judgement:
    """A term that a true/false fact would meet is not settled against the person while that fact is
    unknown (a basic livelihood recipient's raw income can be above the line its recognised income
    is under): the question is the fact."""
    if term.met_if is not None and values.get(term.met_if.fact, UNKNOWN) is UNKNOWN:
        return Judgement(NOT_KNOWN, term.met_if.fact)
    return verdict
