"""How each kind of condition is judged against one person's facts, and how its reason is worded.

A condition is judged to a `Verdict`: met, not met, unknown (with the questions that would settle
it) or residual (what only the agency decides), and where the deciding value came from (`given`,
`derived` or `definition`). Its reason is worded only when a result is shown (most are not), and
with the criterion's own words passed in, so that one verdict serves every condition that tests
the same thing ("age >= 65" in many services) in one screening.

Tests are the distinct things a condition can test, made once per rule set (core.compiled_rules):
a fact compared with a value, a defined term (core.definitions), a service's own question, or a
residual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from explorer.core import reasons as say
from explorer.core.definitions import BETWEEN, IN_CORE, MET_IF, NOT_KNOWN, NOT_THERE, OUTSIDE, Term, judge
from explorer.core.derived_facts import Facts, Text
from explorer.core.facts import FACTS
from explorer.core.fields import FIELD
from explorer.core.i18n import both
from explorer.core.screening_results import MET, NOT_MET, RESIDUAL, UNKNOWN_OUTCOME
from explorer.core.values import NOT_APPLICABLE, UNKNOWN

__all__ = [
    "DEFINITION",
    "DERIVED",
    "GIVEN",
    "MET",
    "NOT_MET",
    "OPS",
    "RESIDUAL",
    "UNKNOWN_OUTCOME",
    "AskTest",
    "FactTest",
    "ResidualTest",
    "TermTest",
    "Test",
    "Verdict",
]

# The outcomes live with the results (explorer.core.screening_results), which easy mode reads at start.
#: Where a reason's value came from.
GIVEN, DERIVED, DEFINITION = "given", "derived", "definition"

OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "in": lambda a, b: a in b,
    "not_in": lambda a, b: a not in b,
}

Question = dict[str, Any]
Words = Callable[[Text], Text]


class Verdict:
    """A test's outcome for one person; `word(text)` words the reason for a criterion's `text`.

    The questions are shared by every result that waits for them: read them, do not change them.
    """

    __slots__ = ("_words", "origin", "outcome", "questions")

    def __init__(
        self, outcome: str, questions: tuple[Question, ...], origin: str | None, words: Words
    ) -> None:
        self.outcome = outcome
        self.questions = questions
        #: Where the deciding value came from: given, derived or definition (None while unknown).
        self.origin = origin
        self._words = words

    def word(self, text: Text) -> Text:
        """The reason, in both languages, for the criterion worded `text`."""
        return self._words(text)


class Test:
    """One distinct thing conditions test; `judge` gives its verdict on a person's facts."""

    def judge(self, facts: Facts, terms: dict[str, Term]) -> Verdict:
        raise NotImplementedError


class ResidualTest(Test):
    """What only the agency decides: never met or unknown, always listed as also needed."""

    VERDICT = Verdict(RESIDUAL, (), None, say.agency_decides)

    def judge(self, facts: Facts, terms: dict[str, Term]) -> Verdict:
        return self.VERDICT


def _answered_yes(text: Text) -> Text:
    return say.met(text, {lang: say.answered(True, lang) for lang in say.LANGS})


def _answered_no(text: Text) -> Text:
    return say.not_met(text, {lang: say.answered(False, lang) for lang in say.LANGS})


class AskTest(Test):
    """A service's own question (`ask`), answered under the profile's `answers` by its id."""

    YES = Verdict(MET, (), GIVEN, _answered_yes)
    NO = Verdict(NOT_MET, (), GIVEN, _answered_no)

    def __init__(self, key: str, question: Text) -> None:
        self.key = key
        self.unanswered = Verdict(
            UNKNOWN_OUTCOME, ({"id": key, "fact": None, "question": question},), None, say.to_check
        )

    def judge(self, facts: Facts, terms: dict[str, Term]) -> Verdict:
        answer = facts.answers.get(self.key)
        if answer is None:
            return self.unanswered
        return self.YES if answer else self.NO


class FactTest(Test):
    """A fact of the profile compared with a value ("age >= 65")."""

    def __init__(self, fact: str, op: str, value: Any) -> None:
        self.fact = FACTS[fact]
        self.name = fact
        self.compare = OPS[op]
        self.value = value

    def judge(self, facts: Facts, terms: dict[str, Term]) -> Verdict:
        name = self.name
        value = facts.get(name)
        if value is UNKNOWN:
            return Verdict(UNKNOWN_OUTCOME, field_questions(name, facts), None, say.not_known)
        origin = DERIVED if name in facts.derived else GIVEN
        if value is NOT_APPLICABLE:
            return Verdict(NOT_MET, (), origin, lambda text: _not_applicable(text, name, facts))
        met = bool(self.compare(value, self.value))
        fact = self.fact

        def compared(text: Text) -> Text:
            shown = {lang: say.show(fact, value, lang) for lang in say.LANGS}
            reason = say.met(text, shown) if met else say.not_met(text, shown)
            if origin == DERIVED:
                reason = say.with_derivation(reason, facts.derived[name])
            return reason

        return Verdict(MET if met else NOT_MET, (), origin, compared)


class TermTest(Test):
    """A defined term ("older person") placed against its cited legal definitions."""

    def __init__(self, term_id: str) -> None:
        self.term_id = term_id

    def judge(self, facts: Facts, terms: dict[str, Term]) -> Verdict:
        term = terms[self.term_id]
        values = {name: facts.get(name) for name in term.facts}
        if term.met_if is not None:
            values[term.met_if.fact] = facts.get(term.met_if.fact)
        verdict = judge(term, values)
        if verdict.where == MET_IF:
            return Verdict(MET, (), DEFINITION, lambda text: say.term_met_if(text, term))
        if verdict.where == NOT_KNOWN:
            assert verdict.fact is not None
            questions = list(field_questions(verdict.fact, facts))
            key = FACTS[term.met_if.fact].inputs[0] if term.met_if is not None else ""
            if key and facts.get(term.met_if.fact) is UNKNOWN and all(q["id"] != key for q in questions):
                questions.append({"id": key, "fact": key, "question": FIELD[key].question})
            return Verdict(UNKNOWN_OUTCOME, tuple(questions), None, say.not_known)
        assert verdict.fact is not None
        fact_name = verdict.fact
        if verdict.where == NOT_THERE:
            return Verdict(NOT_MET, (), DEFINITION, lambda text: _not_applicable(text, fact_name, facts))

        def shown() -> Text:
            return {lang: say.show(FACTS[fact_name], verdict.value, lang) for lang in say.LANGS}

        if verdict.where == IN_CORE:
            return Verdict(MET, (), DEFINITION, lambda text: say.term_met(text, term, shown()))
        if verdict.where == OUTSIDE:
            return Verdict(NOT_MET, (), DEFINITION, lambda text: say.term_outside(text, term, shown()))
        assert verdict.where == BETWEEN
        question = term.question or both.gettext(
            "Ask 120 or the community centre whether the person counts as a {term} here.", term=term.name
        )
        entry = {"id": f"term:{term.id}", "fact": None, "question": question}
        return Verdict(
            UNKNOWN_OUTCOME, (entry,), DEFINITION, lambda text: say.term_between(text, term, shown())
        )


def _not_applicable(text: Text, fact_name: str, facts: Facts) -> Text:
    reason = say.not_applicable(text, fact_name)
    if fact_name in facts.derived:
        reason = say.with_derivation(reason, facts.derived[fact_name])
    return reason


#: The fact that holds a profile field's value, where the names differ.
_FACT_OF_FIELD = {
    "children_ages": "has_children",
    "business": "runs_business",
    "business.annual_sales_krw": "business_annual_sales_krw",
    "business.employees": "business_employees",
    "business.opened_year": "business_opened_year",
    "business.closed": "business_closed",
}


def _unknown_inputs(fact_name: str, facts: Facts) -> list[str]:
    """The facts behind `fact_name` that are still unknown (income_share: income, size or both)."""
    missing = []
    for key in FACTS[fact_name].inputs:
        source = _FACT_OF_FIELD.get(key, key)
        if facts.get(source) is UNKNOWN:
            missing.append(source)
    return missing or [fact_name]


def field_questions(fact_name: str, facts: Facts) -> tuple[Question, ...]:
    """The questions of the profile fields that would settle `fact_name`, each once."""
    out: list[Question] = []
    seen: set[str] = set()
    for name in _unknown_inputs(fact_name, facts):
        for key in FACTS[name].inputs:
            if key not in seen:
                seen.add(key)
                out.append({"id": key, "fact": key, "question": FIELD[key].question})
    return tuple(out)
