"""The rules compiled for screening, and a cache that compiles a catalogue's rules once.

Screening a profile against 10,000 services has to be quick, so the rules as read (core.rules) are
compiled once per rule set:

- every distinct test (a fact compared with a value, a term, a service's own question, a residual)
  becomes one `Test`, judged once per screening however many services' conditions share it;
- every distinct list of tests a path makes (its *shape*) is numbered, so a path's status, open
  questions and matches are counted once per screening and shape;
- every distinct benefit is numbered, so its estimate is worked out once per screening;
- each service keeps what its result needs without looking again: its paths' shapes, the words of
  their conditions, what only the agency decides (once each, in order), and the note for a service
  not known to run.

`RuleCache` keeps compiled rule sets by the catalogue's content digest (the `meta` table's, which
the build writes and `explorer db check` verifies), so a second controller or the second face over
the same catalogue neither reads nor compiles them again, and a rebuilt, changed catalogue gets its
own. Whoever opens catalogues can pass one cache around; `shared_cache()` is the process's own.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from explorer.core import reasons as say
from explorer.core.catalog import Catalogue
from explorer.core.catalogue_file import DIGEST_KEY
from explorer.core.definitions import Term
from explorer.core.derived_facts import Text
from explorer.core.rules import Benefit, Condition, RuleSet, ServiceRules, ask_id, load_rules
from explorer.core.verdicts import AskTest, FactTest, ResidualTest, TermTest, Test

__all__ = [
    "ENDED",
    "NO_RULES",
    "WITH_PATHS",
    "CompiledPath",
    "CompiledRules",
    "CompiledService",
    "RuleCache",
    "collector_paused",
    "compile_rules",
    "shared_cache",
]

#: What kind of result a service gets before its paths are looked at.
NO_RULES, ENDED, WITH_PATHS = 0, 1, 2


@dataclass(frozen=True, slots=True)
class CompiledPath:
    """One way to qualify, compiled: its shape, its conditions' words and tests, what it pays."""

    #: The number of its distinct list of tests (CompiledRules.shapes).
    shape: int
    #: Each condition's words, in order (the numbers of their tests are CompiledRules.shapes[shape]).
    texts: tuple[Text, ...]
    label: Text | None
    #: The number of its benefit (CompiledRules.benefits), or None.
    benefit: int | None
    #: What an eligible or maybe result on this path also needs: what only the agency decides, each
    #: once and in order, then the note on a service not known to run today.
    also: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class CompiledService:
    """One service's rules, compiled."""

    id: str
    names: Text
    kind: int
    as_of: str
    paths: tuple[CompiledPath, ...]


class CompiledRules:
    """A rule set compiled for screening (see the module's docstring); read-only once made."""

    def __init__(self, rules: RuleSet) -> None:
        self.tests: list[Test] = []
        self.shapes: list[tuple[int, ...]] = []
        self.benefits: list[Benefit] = []
        self._test_numbers: dict[Any, int] = {}
        self._shape_numbers: dict[tuple[int, ...], int] = {}
        self._benefit_numbers: dict[Any, int] = {}
        self.services = [self._service(service) for service in rules.services]
        self.terms: dict[str, Term] = rules.terms
        #: Every service's own question id (answers to any other are said not used).
        self.ask_ids = frozenset(rules.asks())
        self._source = rules.services
        self._count = len(rules.services)
        # The compiling tables are not needed once the services are compiled.
        del self._test_numbers, self._shape_numbers, self._benefit_numbers

    def compiled_from(self, rules: RuleSet) -> bool:
        """Whether these are `rules` compiled (the same services, unchanged in number, and terms)."""
        return (
            self._source is rules.services
            and self._count == len(rules.services)
            and self.terms is rules.terms
        )

    # --- compiling -------------------------------------------------------------------------------

    def _service(self, service: ServiceRules) -> CompiledService:
        if service.status == "ended":  # whatever its rules: a service that ended says so first
            kind = ENDED
        elif not service.paths:
            kind = NO_RULES
        else:
            kind = WITH_PATHS
        note = None
        if service.status in ("planned", "unknown"):
            note = say.service_not_known_running(service.status, service.as_of)
        paths = tuple(
            self._path(service.id, path.conditions, path.label, path.benefit, note) for path in service.paths
        )
        return CompiledService(service.id, service.names, kind, service.as_of, paths)

    def _path(
        self,
        service_id: str,
        conditions: tuple[Condition, ...],
        label: Text | None,
        benefit: Benefit | None,
        note: Text | None,
    ) -> CompiledPath:
        numbers = tuple(self._test(service_id, condition) for condition in conditions)
        shape = self._shape_numbers.setdefault(numbers, len(self.shapes))
        if shape == len(self.shapes):
            self.shapes.append(numbers)
        residuals: list[Text] = []
        for condition in conditions:
            if condition.residual is not None and condition.residual not in residuals:
                residuals.append(condition.residual)
        return CompiledPath(
            shape,
            tuple(condition.text for condition in conditions),
            label,
            self._benefit(benefit),
            (*residuals, note) if note is not None else tuple(residuals),
        )

    def _test(self, service_id: str, condition: Condition) -> int:
        """The number of the condition's test, made the first time it is seen."""
        test: Test
        if condition.residual is not None:
            key: Any = ("residual",)
            make = ResidualTest
        elif condition.ask is not None:
            ask_key = condition.ask_key or ask_id(service_id, condition)
            key = ("ask", ask_key, _frozen(condition.ask))
            question = condition.ask

            def make() -> Test:
                return AskTest(ask_key, question)
        elif condition.term is not None:
            key = ("term", condition.term)
            term_id = condition.term

            def make() -> Test:
                return TermTest(term_id)
        else:
            assert condition.fact is not None and condition.op is not None
            key = ("fact", condition.fact, condition.op, _frozen(condition.value))
            fact, op, value = condition.fact, condition.op, condition.value

            def make() -> Test:
                return FactTest(fact, op, value)

        number = self._test_numbers.get(key)
        if number is None:
            test = make()
            number = self._test_numbers[key] = len(self.tests)
            self.tests.append(test)
        return number

    def _benefit(self, benefit: Benefit | None) -> int | None:
        if benefit is None:
            return None
        key = _frozen(
            [
                benefit.kind,
                benefit.text,
                benefit.amount_krw,
                benefit.share,
                benefit.period,
                benefit.rate,
                benefit.source,
            ]
        )
        number = self._benefit_numbers.setdefault(key, len(self.benefits))
        if number == len(self.benefits):
            self.benefits.append(benefit)
        return number


def _frozen(value: Any) -> Any:
    """A value as a key: equal keys only for values that test and read the same (1, 1.0 and True
    differ; a list and a dict are taken apart)."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("list", tuple(_frozen(v) for v in value))
    return (type(value).__name__, value)


def compile_rules(rules: RuleSet) -> CompiledRules:
    """`rules` compiled for screening (`RuleSet.compiled()` keeps them on the rule set)."""
    with collector_paused():
        return CompiledRules(rules)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many objects are made (rules compiled, results made).

    Left running, the collector walks every object of the process each time enough new ones have
    been made; making the rules of 10,000 services, or one screening's results, it did so many
    times over, which took most of the time. Nothing made then holds a reference cycle, and
    reference counting frees what is dropped as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# --- the cache ---------------------------------------------------------------------------------------


class RuleCache:
    """Compiled rule sets by catalogue: read and compiled once for every screening of a catalogue.

    A catalogue is known by its schema version and content digest (its `meta` table), so the same
    catalogue opened twice shares its rules, and a rebuilt catalogue with other content does not. A
    catalogue without a digest (made by hand) is read each time. The `keep` newest are kept.
    Safe to use from several threads.
    """

    def __init__(self, keep: int = 2) -> None:
        self.keep = keep
        self._rules: OrderedDict[str, RuleSet] = OrderedDict()
        self._lock = threading.Lock()
        #: How many times rules were read and compiled (not taken from the cache).
        self.reads = 0

    @staticmethod
    def key(catalogue: Catalogue) -> str | None:
        """What the cache knows `catalogue` by, or None when it cannot tell it from another."""
        digest = catalogue.meta.get(DIGEST_KEY)
        if not digest:
            return None
        return f"{catalogue.meta.get('schema_version', '')}:{digest}"

    def rules(self, catalogue: Catalogue) -> RuleSet:
        """The catalogue's rules, compiled; read from it only when not already here.

        Raises the core's CatalogueError when they cannot be read.
        """
        key = self.key(catalogue)
        with self._lock:
            if key is not None and key in self._rules:
                self._rules.move_to_end(key)
                return self._rules[key]
            with collector_paused():
                rules = load_rules(catalogue)
                rules.compiled()
            self.reads += 1
            if key is not None:
                self._rules[key] = rules
                while len(self._rules) > self.keep:
                    self._rules.popitem(last=False)
            return rules

    def clear(self) -> None:
        """Forget every rule set."""
        with self._lock:
            self._rules.clear()


_SHARED = RuleCache()


def shared_cache() -> RuleCache:
    """The process's own cache (keyed by content digest, so safe to share between catalogues)."""
    return _SHARED
