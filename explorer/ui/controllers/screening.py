"""The screening controller: checks a profile and screens it against every service, for the views.

The views import the names they need about profiles and results (limits, choices, statuses) from
here, so that only controllers reach into the core.

The rules are read from the catalogue and compiled once per catalogue (a `RuleCache` keyed by its
content digest: a second controller, or the second face, over the same catalogue takes them from
the cache). A profile is checked at once, on the GUI thread, and a bad one is refused at once; a
good one is screened in a worker thread (well under a millisecond at the real catalogue, tens of
milliseconds at 10,000 services), and the report comes back as a signal. Each screening asked for
has a number: a screening asked for before the newest is skipped or its report dropped, so the
views only ever see the answer to the last form.

The controller takes a plain profile dict (the JSON form of README "Screening profiles") and emits
the core's own objects: a `Report`, or the list of problems `validate_profile` found, one line each
naming the key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from explorer.core.catalog import Catalogue
from explorer.core.compiled_rules import RuleCache, shared_cache
from explorer.core.errors import ProfileError
from explorer.core.fields import (
    AGES,
    BOOL,
    BUSINESS,
    CHOICE,
    EMPLOYMENT,
    FIELD,
    FIELDS,
    GENDERS,
    MAX_AGE,
    MAX_HOUSEHOLD,
    MAX_KRW,
    MAX_YEAR,
    MIN_YEAR,
    NUMBER,
    SECTIONS,
    Field,
)
from explorer.core.present import status_group_label
from explorer.core.problems import Problem
from explorer.core.profile import BUSINESS_KEYS, PROFILE_KEYS, Profile, validate_profile
from explorer.core.screening import (
    ELIGIBLE,
    INELIGIBLE,
    MAYBE,
    MET,
    NOT_ASSESSED,
    NOT_MET,
    STATUSES,
    UNKNOWN_OUTCOME,
    Report,
    RuleSet,
    ServiceResult,
    screen,
)

__all__ = [
    "AGES",
    "BOOL",
    "BUSINESS",
    "BUSINESS_KEYS",
    "CHOICE",
    "ELIGIBLE",
    "EMPLOYMENT",
    "FIELD",
    "FIELDS",
    "GENDERS",
    "INELIGIBLE",
    "MAX_AGE",
    "MAX_HOUSEHOLD",
    "MAX_KRW",
    "MAX_YEAR",
    "MAYBE",
    "MET",
    "MIN_YEAR",
    "NOT_ASSESSED",
    "NOT_MET",
    "NUMBER",
    "PROFILE_KEYS",
    "SECTIONS",
    "STATUSES",
    "UNKNOWN_OUTCOME",
    "Field",
    "Problem",
    "Report",
    "ScreeningController",
    "ServiceResult",
    "status_group_label",
]


class _Relay(QObject):
    """Carries a worker's answer back to the GUI thread (a queued signal)."""

    #: (request number, the Report or the exception screening raised)
    answered = Signal(int, object)


class ScreeningController(QObject):
    """Screens profiles against the catalogue's rules, read and compiled once per catalogue.

    `today` gives the screening year when a profile names none. A catalogue that cannot be read
    raises the core's `CatalogueError` here, at construction, not later on a button press. `cache`
    keeps compiled rules by catalogue (None: the process's own, `shared_cache()`); `rules` screens
    with these rules instead (tests).
    """

    #: A profile was screened: the core's `Report` (results in catalogue order within each status).
    screened = Signal(object)
    #: A profile was refused: the core's problems (`Problem` values: the key each names, and its words).
    refused = Signal(list)

    def __init__(
        self,
        catalogue: Catalogue,
        today: date,
        parent: QObject | None = None,
        rules: RuleSet | None = None,
        cache: RuleCache | None = None,
    ) -> None:
        super().__init__(parent)
        if rules is None:
            rules = (cache or shared_cache()).rules(catalogue)
        rules.compiled()  # here, on the GUI thread, never half-way in a worker
        self._rules = rules
        self._asks = self._rules.asks()
        self.today = today
        self.last_report: Report | None = None
        #: The newest request's number (also read by the worker: an int, written whole).
        self._number = 0
        self._answered = 0
        # One worker thread: screenings run one at a time, in order. Made before the relay, so that
        # when the controller goes the pool (waiting for a running screening) goes first.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.answered.connect(self._answered_in_worker)

    @property
    def rules(self) -> RuleSet:
        """Every service's rules and the median income table, as read at construction."""
        return self._rules

    def ask_question(self, question_id: str) -> dict[str, Any] | None:
        """A service's own question by id: {"question": {ko, en}, "service": names}, or None."""
        return self._asks.get(question_id)

    @property
    def service_count(self) -> int:
        """How many services every screening covers."""
        return len(self._rules.services)

    @property
    def pending(self) -> bool:
        """True while the newest screening asked for has not been answered yet."""
        return self._answered != self._number

    def default_year(self) -> int:
        """The year screened when a profile names none (this year)."""
        return self.today.year

    def screen(self, profile: dict[str, Any]) -> None:
        """Validate `profile` and screen it: emits `refused(problems)` at once, or `screened(Report)`
        when the worker has screened it (unless another screening was asked for meanwhile)."""
        self._number += 1
        number = self._number
        try:
            checked = validate_profile(profile)
        except ProfileError as exc:
            self._answered = number
            self.last_report = None
            self.refused.emit(list(exc.problems))
            return
        self._pool.start(lambda: self._work(number, checked))

    def _work(self, number: int, profile: Profile) -> None:
        """Screen in the worker thread (touches nothing of the controller's but what it reads)."""
        if number < self._number:
            return  # a newer screening was asked for before this one started
        answer: Report | BaseException
        try:
            answer = screen(profile, self._rules, self.today)
        except Exception as exc:  # raised again on the GUI thread, where it belongs
            answer = exc
        self._relay.answered.emit(number, answer)

    @Slot(int, object)
    def _answered_in_worker(self, number: int, answer: Report | BaseException) -> None:
        if number != self._number:
            return  # the answer to an older form: a newer screening is on its way
        self._answered = number
        if isinstance(answer, BaseException):
            raise answer
        self.last_report = answer
        self.screened.emit(answer)

    def wait(self, msecs: int = 5000) -> bool:
        """Wait (blocking) until the worker is idle; the answer is delivered when events are next
        processed. For callers that must not go on without it (tests, pictures)."""
        return self._pool.waitForDone(msecs)
