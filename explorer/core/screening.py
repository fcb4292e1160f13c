"""Screening: which services fit a person's situation, which might, which do not, and why.

Rules are data (`[[screening]]` in each service's TOML, stored in the catalogue; core.rules). Each
service has zero or more *paths* (ways to qualify); a path holds conditions that must all hold. A
condition is one of four kinds (db/README.md; judged in core.verdicts):

- a **fact** test of the profile: met, not met, or unknown when the profile does not say;
- a **term** ("older person") placed against its cited legal definitions (core.definitions): met
  inside the core range, not met outside the widest, unknown in between;
- an **ask**: a question the person can answer that no profile field holds (unknown until answered);
- a **residual**: what only the agency decides (a lottery, a selection). It never makes a result
  "maybe"; an eligible result lists it as "also needed".

A path is `ineligible` if any condition is not met, else `maybe` if any is unknown, else `eligible`;
a path with nothing to check (only what the agency decides) is `not_assessed`, never eligible. A
service takes its best path (eligible, maybe, not assessed, ineligible, in that order); a service
with no paths is `not_assessed`, never dropped; a service known to have ended is never eligible, and
says so whatever its rules. Facts that follow for certain from the profile are derived
(a man is not pregnant; core.derived_facts) and each reason says where its value came from: `given`,
`derived` or `definition`. Results are ranked (core.screening_results): eligible by how closely the
person matched, then by the size of the benefit; maybes by how few answers would settle them.

Screening runs on the rules compiled once per rule set (core.compiled_rules): each distinct test and
each distinct path is judged once per profile, and a result's reasons are worded only when read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from explorer.core import reasons as say
from explorer.core.compiled_rules import (
    ENDED,
    NO_RULES,
    CompiledPath,
    CompiledRules,
    CompiledService,
    collector_paused,
    compile_rules,
)
from explorer.core.definitions import Term
from explorer.core.derived_facts import Facts, Text, derive_facts
from explorer.core.estimates import estimate
from explorer.core.i18n import both
from explorer.core.profile import Profile
from explorer.core.rules import (
    Benefit,
    Condition,
    Path,
    RuleSet,
    ServiceRules,
    ask_id,
    ask_questions,
    load_rules,
    paths_from_data,
)
from explorer.core.screening_results import (
    ELIGIBLE,
    INELIGIBLE,
    MAYBE,
    NOT_ASSESSED,
    STATUSES,
    Report,
    ServiceResult,
    rank,
    ranked_groups,
    settling_question,
)
from explorer.core.values import NOT_APPLICABLE, UNKNOWN
from explorer.core.verdicts import (
    DEFINITION,
    DERIVED,
    GIVEN,
    MET,
    NOT_MET,
    RESIDUAL,
    UNKNOWN_OUTCOME,
)
from explorer.core.verdicts import OPS as _OPS

__all__ = [
    "DEFINITION",
    "DERIVED",
    "ELIGIBLE",
    "GIVEN",
    "INELIGIBLE",
    "MAYBE",
    "MET",
    "NOT_APPLICABLE",
    "NOT_ASSESSED",
    "NOT_MET",
    "RESIDUAL",
    "STATUSES",
    "UNKNOWN",
    "UNKNOWN_OUTCOME",
    "_OPS",
    "Benefit",
    "Condition",
    "ConditionResult",
    "Facts",
    "Path",
    "Report",
    "RuleSet",
    "ServiceResult",
    "ServiceRules",
    "ask_id",
    "ask_questions",
    "derive_facts",
    "evaluate_condition",
    "load_rules",
    "paths_from_data",
    "rank",
    "screen",
    "screen_service",
    "screening_year",
    "settling_question",
]

_CODE = {MET: 0, NOT_MET: 1, UNKNOWN_OUTCOME: 2, RESIDUAL: 3}
#: A path's status by its rank, best first: a path with nothing to check (only what the agency
#: decides) is not assessed, better than a path the person fails, never eligible.
_RANK_STATUS = (ELIGIBLE, MAYBE, NOT_ASSESSED, INELIGIBLE)
_NOT_ASSESSED_RANK, _INELIGIBLE_RANK = 2, 3


def screening_year(profile: Profile, today: date) -> int:
    year = profile.get("year")
    return int(year) if year is not None else today.year


def screen(profile: Profile, rules: RuleSet, today: date) -> Report:
    """Screen one profile against every service. `today` gives the year when the profile has none."""
    year = screening_year(profile, today)
    facts = derive_facts(profile, year, rules.median)
    table, warnings = rules.median.table_for(year)
    compiled = rules.compiled()
    unknown = sorted(set(facts.answers) - compiled.ask_ids)
    if unknown:
        listed = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        warnings = [
            *warnings,
            both.gettext("Answers to questions no service asks were not used: {listed}", listed=listed),
        ]
    with collector_paused():
        results = ranked_groups(_Screening(compiled, facts).groups())
    parameters = {
        "median_income": {
            "name": rules.median.name,
            "year": table.year,
            "amounts_krw": {str(i + 1): amount for i, amount in enumerate(table.amounts_krw)},
            "larger_households": rules.median.larger_households,
            "source": table.source,
            "household_size": facts.get("household_size") if facts.median_amount is not None else None,
            "amount_krw": facts.median_amount,
        }
    }
    return Report(year, parameters, warnings, results, settling_question(results), dict(facts.derived))


class _Screening:
    """One profile's facts against compiled rules: each test and each path shape judged once."""

    def __init__(self, compiled: CompiledRules, facts: Facts) -> None:
        self.compiled = compiled
        self.facts = facts
        terms = compiled.terms
        self.verdicts = verdicts = [test.judge(facts, terms) for test in compiled.tests]
        codes = [_CODE[v.outcome] for v in verdicts]
        #: Per path shape: its rank (_RANK_STATUS: 0 eligible, 1 maybe, 2 nothing to check, 3
        #: ineligible); how many open; how many met.
        self.ranks: list[int] = []
        self.open: list[int] = []
        self.met: list[int] = []
        for shape in compiled.shapes:
            met = unknown = 0
            failed = False
            for number in shape:
                code = codes[number]
                if code == 0:
                    met += 1
                elif code == 1:
                    failed = True
                elif code == 2:
                    unknown += 1
            if failed:
                rank = _INELIGIBLE_RANK
            elif unknown:
                rank = 1
            elif met:
                rank = 0
            else:  # only what the agency decides: nothing here says the person qualifies
                rank = _NOT_ASSESSED_RANK
            self.ranks.append(rank)
            self.open.append(unknown)
            self.met.append(met)
        self._estimates: dict[int, dict[str, Any]] = {}
        self._open_questions: dict[int, tuple[dict[str, Any], ...]] = {}

    def groups(self) -> dict[str, list[ServiceResult]]:
        """Every service's result, grouped by status, each group in catalogue order.

        Nothing a result may never show is made here: its reasons are worded by this object when
        first read (`__call__`), and its empty lists when first read (ServiceResult). Services not
        assessed because a way to qualify holds only what the agency decides come after those
        without rules, which all share one reason (said once for the group by the screening view).
        """
        groups: dict[str, list[ServiceResult]] = {status: [] for status in _RANK_STATUS}
        eligible, maybe, ineligible, not_assessed = (
            groups[s] for s in (ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED)
        )
        agency_only: list[ServiceResult] = []
        ranks, met = self.ranks, self.met
        for service in self.compiled.services:
            kind = service.kind
            if kind == NO_RULES:
                not_assessed.append(
                    ServiceResult(
                        service.id, service.names, NOT_ASSESSED, self, None, None, None, None, 0, service
                    )
                )
                continue
            if kind == ENDED:
                ineligible.append(
                    ServiceResult(
                        service.id, service.names, INELIGIBLE, self, None, None, None, None, 0, service
                    )
                )
                continue
            paths = service.paths
            if len(paths) > 1:
                result = self._result(service, paths)
                (agency_only if result.status == NOT_ASSESSED else groups[result.status]).append(result)
                continue
            # One path (the most common case): its shape's status is the service's.
            path = paths[0]
            shape = path.shape
            rank = ranks[shape]
            if rank == _NOT_ASSESSED_RANK:
                agency_only.append(
                    ServiceResult(
                        service.id,
                        service.names,
                        NOT_ASSESSED,
                        self,
                        None,
                        None,
                        None,
                        path.also,
                        0,
                        service,
                    )
                )
                continue
            if rank == _INELIGIBLE_RANK:
                ineligible.append(
                    ServiceResult(
                        service.id,
                        service.names,
                        INELIGIBLE,
                        self,
                        None,
                        None,
                        None,
                        None,
                        met[shape],
                        service,
                    )
                )
                continue
            benefit = None if path.benefit is None else self._estimate(path.benefit)
            (eligible if rank == 0 else maybe).append(
                ServiceResult(
                    service.id,
                    service.names,
                    _RANK_STATUS[rank],
                    self,
                    None if rank == 0 else self._questions(shape),
                    benefit,
                    None,
                    path.also,
                    met[shape],
                    service,
                )
            )
        not_assessed += agency_only
        return groups

    def _shown(self, paths: tuple[CompiledPath, ...], status: str) -> list[CompiledPath]:
        """The paths a result with `status` is about: the first eligible one, the maybes nearest to
        settled first, every ineligible one, or (not assessed) those with nothing to check and
        then the ineligible ones."""
        rank = _RANK_STATUS.index(status)
        ranks = self.ranks
        if status == NOT_ASSESSED:
            unchecked = [path for path in paths if ranks[path.shape] == _NOT_ASSESSED_RANK]
            return unchecked + [path for path in paths if ranks[path.shape] == _INELIGIBLE_RANK]
        shown = [path for path in paths if ranks[path.shape] == rank]
        if status == MAYBE:
            shown.sort(key=lambda path: self.open[path.shape])
        elif status == ELIGIBLE:
            del shown[1:]
        return shown

    def _result(self, service: CompiledService, paths: tuple[CompiledPath, ...]) -> ServiceResult:
        """A service's result: its best path decides the status; reasons come from that path."""
        status = _RANK_STATUS[min(self.ranks[path.shape] for path in paths)]
        shown = self._shown(paths, status)
        chosen = shown[0]
        if status == INELIGIBLE:  # an ineligible result names the criteria that failed, nothing else
            return ServiceResult(
                service.id,
                service.names,
                status,
                self,
                None,
                None,
                None,
                None,
                self.met[chosen.shape],
                service,
            )
        if status == NOT_ASSESSED:  # what the agency decides, and whom to ask, for each unchecked way
            also: list[Text] = []
            for path in shown:
                if self.ranks[path.shape] == _NOT_ASSESSED_RANK:
                    also += [text for text in path.also if text not in also]
            return ServiceResult(
                service.id, service.names, status, self, None, None, chosen.label, also, 0, service
            )
        missing: list[dict[str, Any]] | None = None
        if status == MAYBE:
            missing = []
            seen: set[str] = set()
            for path in shown:
                for question in self._questions(path.shape):
                    if question["id"] not in seen:
                        seen.add(question["id"])
                        missing.append(question)
        benefit = self._estimate(chosen.benefit) if chosen.benefit is not None else None
        return ServiceResult(
            service.id,
            service.names,
            status,
            self,
            missing,
            benefit,
            chosen.label,
            chosen.also,
            self.met[chosen.shape],
            service,
        )

    def __call__(self, service: CompiledService, status: str) -> list[dict[str, Any]]:
        """The reasons of `service`'s result, worded (a result calls this when first read)."""
        if service.kind == NO_RULES:
            return [{"outcome": None, "text": say.not_assessed(), "from": None}]
        if service.kind == ENDED:
            reason = say.service_ended(service.as_of)
            return [{"outcome": NOT_MET, "criterion": None, "text": reason, "from": "catalogue"}]
        return _words(self._shown(service.paths, status), status, len(service.paths) > 1, self)

    def _questions(self, shape: int) -> tuple[dict[str, Any], ...]:
        """The open questions of path shape `shape` for this person, each once, worked out once."""
        made = self._open_questions.get(shape)
        if made is None:
            questions: list[dict[str, Any]] = []
            seen: set[str] = set()
            for number in self.compiled.shapes[shape]:
                for question in self.verdicts[number].questions:
                    if question["id"] not in seen:
                        seen.add(question["id"])
                        questions.append(question)
            made = self._open_questions[shape] = tuple(questions)
        return made

    def _estimate(self, number: int) -> dict[str, Any]:
        """The estimate of benefit `number` for this person, worked out once per screening."""
        made = self._estimates.get(number)
        if made is None:
            made = self._estimates[number] = estimate(self.compiled.benefits[number], self.facts)
        return dict(made)


def _words(shown: list[CompiledPath], status: str, many: bool, screening: _Screening) -> list[dict[str, Any]]:
    """The reasons of a result, worded (a path's label first where a service has several)."""
    out = []
    verdicts, shapes = screening.verdicts, screening.compiled.shapes
    for path in shown:
        label = path.label if many else None
        unchecked = screening.ranks[path.shape] == _NOT_ASSESSED_RANK
        for text, number in zip(path.texts, shapes[path.shape], strict=True):
            verdict = verdicts[number]
            if unchecked:
                pass  # a way with nothing to check: what the agency decides is why it was not assessed
            elif verdict.outcome == RESIDUAL or (
                status in (INELIGIBLE, NOT_ASSESSED) and verdict.outcome != NOT_MET
            ):
                continue  # an ineligible result names the criteria that failed
            words = verdict.word(text)
            if label:
                words = {lang: f"[{label[lang]}] {words[lang]}" for lang in say.LANGS}
            out.append({"outcome": verdict.outcome, "criterion": text, "text": words, "from": verdict.origin})
    return out


# --- one condition, one service (for callers and tests that look at one) ------------------------------


@dataclass
class ConditionResult:
    """A condition's outcome; its reason is worded only when read."""

    condition: Condition
    outcome: str
    questions: list[dict[str, Any]]
    render: Callable[[], Text]
    #: Where the deciding value came from: given, derived or definition (None while unknown).
    origin: str | None = None

    @property
    def reason(self) -> Text:
        """The reason in both languages."""
        return self.render()


def evaluate_condition(
    condition: Condition, facts: Facts, terms: dict[str, Term], service_id: str = ""
) -> ConditionResult:
    """Met, not met, unknown or residual, with a reason in both languages and the questions for unknowns."""
    compiled = compile_rules(_one(ServiceRules(service_id, {}, (Path((condition,)),)), terms))
    verdict = compiled.tests[0].judge(facts, terms)
    return ConditionResult(
        condition,
        verdict.outcome,
        list(verdict.questions),
        partial(verdict.word, condition.text),
        verdict.origin,
    )


def screen_service(rules: ServiceRules, facts: Facts, terms: dict[str, Term]) -> ServiceResult:
    """Screen one service: its best path decides the status; reasons come from that path."""
    groups = _Screening(compile_rules(_one(rules, terms)), facts).groups()
    return next(result for group in groups.values() for result in group)


def _one(service: ServiceRules, terms: dict[str, Term]) -> RuleSet:
    """A rule set of one service (no median table: what screens one service never needs it)."""
    return RuleSet([service], None, terms)  # type: ignore[arg-type]
