"""The screening controller: checks a profile and screens it against every service, for the views.

The views import the names they need about profiles and results (limits, choices, statuses) from
here, so that only controllers reach into the core.

The rules are read from the catalogue once, when the controller is made; each screening after that
takes about a millisecond at the real catalogue, so it runs on the GUI thread. The controller takes
a plain profile dict (the JSON form of README "Screening profiles") and emits the core's own
objects: a `Report`, or the list of problems `validate_profile` found, one line each naming the key.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal

from explorer.core.catalog import Catalogue
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
from explorer.core.profile import BUSINESS_KEYS, PROFILE_KEYS, validate_profile
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
    load_rules,
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
    "Report",
    "ScreeningController",
    "ServiceResult",
]


class ScreeningController(QObject):
    """Screens profiles against the catalogue's rules, read once.

    `today` gives the screening year when a profile names none. A catalogue that cannot be read
    raises the core's `CatalogueError` here, at construction, not later on a button press.
    """

    #: A profile was screened: the core's `Report` (results in catalogue order within each status).
    screened = Signal(object)
    #: A profile was refused: the core's problems, one line each, starting with the key it names.
    refused = Signal(list)

    def __init__(
        self, catalogue: Catalogue, today: date, parent: QObject | None = None, rules: RuleSet | None = None
    ) -> None:
        super().__init__(parent)
        self._rules = rules if rules is not None else load_rules(catalogue)
        self._asks = self._rules.asks()
        self.today = today
        self.last_report: Report | None = None

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

    def default_year(self) -> int:
        """The year screened when a profile names none (this year)."""
        return self.today.year

    def screen(self, profile: dict[str, Any]) -> None:
        """Validate `profile` and screen it: emits `screened(Report)` or `refused(problems)`."""
        try:
            checked = validate_profile(profile)
        except ProfileError as exc:
            self.last_report = None
            self.refused.emit(list(exc.problems))
            return
        report = screen(checked, self._rules, self.today)
        self.last_report = report
        self.screened.emit(report)
