"""The easy-mode controller: topics, services in three parts, and "What can I get?" one question at a time.

It shares the caseworker's controllers: searches go through the `CatalogueController` (its search
thread), screenings through the `ScreeningController`'s rules. What is easy-mode only (which services
a tile shows first, which question comes next) lives in `explorer.core.easy`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from explorer.core.current import GONE, line, state_of
from explorer.core.easy import (
    BUSINESS,
    CHILDREN,
    CHOICE_LABELS,
    MAX_CHOICES,
    NUMBER,
    QUESTIONS,
    VERDICTS,
    YES_NO,
    Interview,
    Question,
    Topic,
    also_needed,
    fitting,
    page,
    services_in,
    to_check,
    topics,
    why,
)
from explorer.core.errors import ExplorerError, ProfileError
from explorer.core.i18n import _
from explorer.core.present import pick
from explorer.core.referral import call_centre, contact_lines, load_channels, qr_payload, qr_png
from explorer.core.screening_results import ELIGIBLE, INELIGIBLE, MAYBE, MET, ServiceResult
from explorer.ui.controllers.catalogue import CatalogueController

if TYPE_CHECKING:
    from explorer.ui.controllers.screening import ScreeningController

__all__ = [
    "BUSINESS",
    "CHILDREN",
    "CHOICE_LABELS",
    "ELIGIBLE",
    "INELIGIBLE",
    "MAX_CHOICES",
    "MAYBE",
    "MET",
    "NUMBER",
    "QUESTIONS",
    "VERDICTS",
    "YES_NO",
    "EasyController",
    "Interview",
    "Question",
    "ServiceResult",
    "Topic",
    "also_needed",
    "fitting",
    "page",
    "to_check",
    "why",
]

#: The three parts of a service page, by the catalogue field that holds each.
PARTS = ("summary", "eligibility", "how_to_apply")


class EasyController(QObject):
    """What the easy screens need from the catalogue, read once; nothing about the person is kept
    beyond the current `interview`, which `reset()` forgets."""

    #: Search results for the typed words: (ids, the query).
    found = Signal(list, str)
    #: A message for the person (a read failed).
    problem = Signal(str)

    def __init__(
        self,
        catalogue: CatalogueController,
        screening: Callable[[], ScreeningController],
        parent: QObject | None = None,
    ) -> None:
        """`screening` makes the screening controller; it is called when one is first needed (the
        window's first paint comes before the rules are read and compiled)."""
        super().__init__(parent)
        self.catalogue = catalogue
        self._make_screening = screening
        self._screening: ScreeningController | None = None
        self._rules_ids: set[str] | None = None
        source = catalogue.catalogue
        self._services = catalogue.services  # read once, by the catalogue controller
        self._by_id = {s["id"]: s for s in self._services}
        self.topics: list[Topic] = topics(source.labels("tiles"), source.category_tiles())
        self.category_labels = source.labels("categories")
        self.channels = load_channels(source)
        self.interview: Interview | None = None
        catalogue.found.connect(self._results)

    @property
    def screening(self) -> ScreeningController:
        """The screening controller (made, and its rules read and compiled, on first use)."""
        if self._screening is None:
            self._screening = self._make_screening()
            self._screening.setParent(self)
        return self._screening

    @property
    def _with_rules(self) -> set[str]:
        """The services "What can I get?" can check: those with rules."""
        if self._rules_ids is None:
            self._rules_ids = {service.id for service in self.screening.rules.services if service.paths}
        return self._rules_ids

    # --- topics and services -----------------------------------------------------------------------

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def services_for(self, category_ids: tuple[str, ...] | list[str]) -> list[str]:
        running = [s for s in self._services if state_of(s.get("current")) not in GONE]
        return services_in(category_ids, running, self._with_rules)

    def today(self, service_id: str, lang: str) -> str:
        """One plain line on the service today ("지금도 운영 중이에요 (2025년 자료로 확인)")."""
        service = self._by_id.get(service_id, {})
        return pick(line(service.get("current"), str(service.get("as_of") or "")), lang)

    def names(self, service_id: str) -> dict[str, str]:
        return self.catalogue.names(service_id)

    def summary(self, service_id: str, lang: str) -> str:
        summary = self._by_id.get(service_id, {}).get("summary") or {}
        return str(summary.get(lang) or summary.get("ko") or "")

    def can_check(self, service_id: str) -> bool:
        """Whether the service has rules "What can I get?" can check (an ended one has nothing to get)."""
        current = self._by_id.get(service_id, {}).get("current")
        return service_id in self._with_rules and state_of(current) not in GONE

    def service(self, service_id: str) -> dict[str, Any] | None:
        """Every field of one service, or None (and a problem emitted) when it cannot be read."""
        try:
            return self.catalogue.service(service_id)
        except ExplorerError as exc:
            self.problem.emit(exc.message)
            return None

    def parts(self, service: dict[str, Any], lang: str) -> dict[str, str]:
        """The three parts in `lang`: what it is, who can get it, how to apply (with the contacts)."""
        # What is known today comes first, each fact in its part: who can get it and how to apply in
        # theirs, in place of what the older sources said (often that they did not say); the rest
        # before what it is, whose older words follow, said as such.
        today: dict[str, list[str]] = {}
        for fact in (service.get("current") or {}).get("facts", []):
            part = fact.get("topic") if fact.get("topic") in ("eligibility", "how_to_apply") else "summary"
            today.setdefault(part, []).append(pick(fact["text"], lang))
        out = {}
        for key in PARTS:
            value = service.get(key) or {}
            out[key] = (
                "\n".join(today[key])
                if key != "summary" and today.get(key)
                else str(value.get(lang) or value.get("ko") or "")
            )
        if today.get("summary"):
            year = str(service.get("as_of") or "")[:4]
            older = _("From the sources of {year}:").format(year=year)
            out["summary"] = "\n".join(today["summary"]) + f"\n\n{older}\n{out['summary']}"
        contacts = contact_lines(service, lang)
        if contacts:
            out["how_to_apply"] = out["how_to_apply"] + "\n\n" + "\n".join(contacts)
        return out

    def qr_code(self, service: dict[str, Any] | None) -> tuple[str, bytes]:
        """What the service's QR code holds (its web page, else its phone, else the call centre) and
        the code as PNG; the call centre's when the service could not be read."""
        payload = qr_payload(service, self.channels) if service else f"tel:{self.call_centre()}"
        return payload, qr_png(payload)

    def call_centre(self) -> str:
        """The call centre's number, from its channel record."""
        return call_centre(self.channels)[0]

    # --- search ------------------------------------------------------------------------------------

    def search(self, words: str) -> None:
        """Search in the catalogue controller's thread; the answer comes as `found`."""
        self.catalogue.set_query(words)  # easy mode never sets the caseworker's filters

    def _results(self, ids: list[str], query: str) -> None:
        self.found.emit(list(ids) if query.strip() else [], query)

    # --- "What can I get?" ------------------------------------------------------------------------

    def start_interview(self, scope: list[str]) -> None:
        """Begin asking about the services in `scope` (only those with rules matter)."""
        self.interview = Interview([sid for sid in scope if sid in self._with_rules] or list(scope))

    def next_question(self) -> Question | None:
        if self.interview is None:
            return None
        return self.interview.next_question(self.screening.rules, self.screening.today)

    def answer(self, key: str, value: Any) -> str | None:
        """Record an answer; returns a message when the answer does not fit the others, else None."""
        if self.interview is None:
            return None
        try:
            self.interview.answer(key, value)
        except ProfileError as exc:
            return "; ".join(exc.lines())
        return None

    def results(self) -> list[ServiceResult]:
        if self.interview is None:
            return []
        return self.interview.results(self.screening.rules, self.screening.today)

    def fitting(self) -> list[ServiceResult]:
        unsuitable = self.interview.unsuitable() if self.interview is not None else set()
        return fitting(self.results(), unsuitable)

    def reset(self) -> None:
        """Forget the interview and the search (the kiosk's reset)."""
        self.interview = None
        self.catalogue.set_query("")
