"""What screening gives back: one result per service, the report, its order and its next question.

Results are ranked: eligible by how closely the person matched, then by the size of the benefit;
maybes by how few answers would settle them; then the ineligible and the services not assessed,
each group in catalogue order where nothing else tells them apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
STATUSES = (ELIGIBLE, MAYBE, INELIGIBLE, NOT_ASSESSED)


@dataclass(slots=True)
class ServiceResult:
    """The screening outcome for one service.

    Results of one screening share the question entries of `missing` and the texts they hold:
    read them, do not change them.
    """

    id: str
    names: Text
    status: str
    #: The reasons, or how to word them when first read (most results are never shown).
    _reasons: list[dict[str, Any]] | Callable[[], list[dict[str, Any]]]
    missing: list[dict[str, Any]]
    benefit: dict[str, Any] | None
    path: Text | None = None
    #: What the agency still decides or the person still has to do (residuals, a plan's state).
    also_needed: list[Text] = field(default_factory=list)
    #: How many conditions of the chosen path the person met (closeness of the match).
    matched: int = 0

    @property
    def reasons(self) -> list[dict[str, Any]]:
        """Each reason: {"outcome", "criterion", "text": {ko, en}, "from"}."""
        if callable(self._reasons):
            self._reasons = self._reasons()
        return self._reasons

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
    return (len(result.missing), -result.matched)


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
        missing = result.missing
        only = len({m["id"] for m in missing}) == 1
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
