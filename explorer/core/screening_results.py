"""What screening gives back: one result per service, the report, its order and its next question.

Results are ranked: eligible by how closely the person matched, then by the size of the benefit;
maybes by how few answers would settle them; then the ineligible and the services not assessed,
each group in catalogue order where nothing else tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from explorer.core.derived_facts import Text

__all__ = [
    "ELIGIBLE",
    "INELIGIBLE",
    "MAYBE",
    "NOT_ASSESSED",
    "STATUSES",
    "Report",
    "ServiceResult",
    "rank",
    "ranked_groups",
    "settling_question",
]

ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED = "eligible", "maybe", "ineligible", "not_assessed"
#: What a condition came to.
MET, NOT_MET, UNKNOWN_OUTCOME, RESIDUAL = "met", "not_met", "unknown", "residual"
STATUSES = (ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED)


class ServiceResult:
    """The screening outcome for one service.

    Most of a large screening's results are never shown, so a result is made cheaply: `missing`
    and `also_needed` may start as a tuple several results share (or None: empty) and become the
    result's own list when first read, and the reasons are worded when first read. The question
    entries and texts inside are shared by the results of one screening: read them, do not change
    them.
    """

    __slots__ = (
        "_also_needed",
        "_missing",
        "_reasons",
        "_source",
        "benefit",
        "id",
        "matched",
        "names",
        "path",
        "status",
    )

    def __init__(
        self,
        id: str,
        names: Text,
        status: str,
        _reasons: list[dict[str, Any]] | Callable[..., list[dict[str, Any]]],
        missing: Sequence[dict[str, Any]] | None,
        benefit: dict[str, Any] | None,
        path: Text | None = None,
        also_needed: Sequence[Text] | None = None,
        matched: int = 0,
        _source: Any = None,
    ) -> None:
        self.id = id
        self.names = names
        self.status = status
        #: The reasons, or how to word them: called with no arguments, or with `_source` and the
        #: status when a source is given (how screening words them without a closure per result).
        self._reasons = _reasons
        self._missing = missing
        self.benefit = benefit
        #: The label of the path that decided the result, where a service has several.
        self.path = path
        self._also_needed = also_needed
        #: How many conditions of the chosen path the person met (closeness of the match).
        self.matched = matched
        self._source = _source

    @property
    def reasons(self) -> list[dict[str, Any]]:
        """Each reason: {"outcome", "criterion", "text": {ko, en}, "from"}."""
        made = self._reasons
        if callable(made):
            made = self._reasons = made() if self._source is None else made(self._source, self.status)
        return made

    @property
    def missing(self) -> list[dict[str, Any]]:
        """The questions that would settle a "maybe", most useful path first, each once."""
        made = self._missing
        if made.__class__ is not list:
            made = self._missing = list(made) if made else []
        return made  # type: ignore[return-value]

    @missing.setter
    def missing(self, value: list[dict[str, Any]]) -> None:
        self._missing = value

    @property
    def also_needed(self) -> list[Text]:
        """What the agency still decides or the person still has to do (residuals, a plan's state)."""
        made = self._also_needed
        if made.__class__ is not list:
            made = self._also_needed = list(made) if made else []
        return made  # type: ignore[return-value]

    @also_needed.setter
    def also_needed(self, value: list[Text]) -> None:
        self._also_needed = value

    def _values(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.names,
            self.status,
            self.reasons,
            self.missing,
            self.benefit,
            self.path,
            self.also_needed,
            self.matched,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, ServiceResult)
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment] - mutable, as a dataclass is

    def __repr__(self) -> str:
        return (
            f"ServiceResult(id={self.id!r}, status={self.status!r}, path={self.path!r},"
            f" matched={self.matched!r}, missing={self.missing!r}, benefit={self.benefit!r})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": self.names,
            "status": self.status,
            "path": self.path,
            "reasons": self.reasons,
            "missing": [{"id": m["id"], "fact": m["fact"], "question": m["question"]} for m in self.missing],
            "also_needed": self.also_needed,
            "benefit": self.benefit,
        }


@dataclass
class Report:
    """Screening one profile against the catalogue."""

    year: int
    parameters: dict[str, Any]
    warnings: list[Text]
    results: list[ServiceResult]
    #: The one question that would settle the most "maybe" results, and how many it bears on.
    next_question: dict[str, Any] | None = None
    derived: dict[str, Text] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "parameters": self.parameters,
            "warnings": self.warnings,
            "derived": self.derived,
            "next_question": self.next_question,
            "results": [r.to_json() for r in self.results],
        }

    def by_status(self) -> dict[str, list[ServiceResult]]:
        groups: dict[str, list[ServiceResult]] = {status: [] for status in STATUSES}
        for result in self.results:
            groups[result.status].append(result)
        return groups


def _monthly(result: ServiceResult) -> float:
    benefit = result.benefit or {}
    amount = benefit.get("amount_krw") or 0
    return amount / 12 if benefit.get("period") in ("year", "once") else amount


def _eligible_key(result: ServiceResult) -> tuple[int, float]:
    return (-result.matched, -_monthly(result))


def _maybe_key(result: ServiceResult) -> tuple[int, int]:
    return (len(result._missing or ()), -result.matched)


def ranked_groups(groups: dict[str, list[ServiceResult]]) -> list[ServiceResult]:
    """Results already grouped by status, each group in catalogue order, ranked as `rank` does.

    The groups' lists are sorted in place.
    """
    groups[ELIGIBLE].sort(key=_eligible_key)  # sorts are stable: ties keep catalogue order
    groups[MAYBE].sort(key=_maybe_key)
    return [*groups[ELIGIBLE], *groups[MAYBE], *groups[INELIGIBLE], *groups[NOT_ASSESSED]]


def rank(results: list[ServiceResult]) -> list[ServiceResult]:
    """Eligible first, the closest match (most conditions met) and then the largest benefit first;
    maybes by how few answers would settle them; then the rest. Ties keep catalogue order."""
    groups: dict[str, list[ServiceResult]] = {status: [] for status in STATUSES}
    for result in results:
        groups[result.status].append(result)
    return ranked_groups(groups)


def settling_question(results: Iterable[ServiceResult], skip: Iterable[str] = ()) -> dict[str, Any] | None:
    """The open question that the most "maybe" results wait for, with how many (`settles`).

    Ties go to the question that alone settles the most services (their only open question).
    """
    skipped = set(skip)
    count: dict[str, int] = {}
    alone: dict[str, int] = {}
    first: dict[str, dict[str, Any]] = {}
    for result in results:
        if result.status != MAYBE:
            continue
        missing = result._missing
        if not missing:
            continue
        only = len(missing) == 1 or len({m["id"] for m in missing}) == 1
        for m in missing:
            key = m["id"]
            if key in skipped:
                continue
            if key in count:
                count[key] += 1
                alone[key] += only
            else:
                count[key] = 1
                alone[key] = int(only)
                first[key] = m
    if not count:
        return None
    best = max(count, key=lambda k: (count[k], alone[k]))
    return {
        "id": best,
        "fact": first[best]["fact"],
        "question": first[best]["question"],
        "settles": count[best],
    }
