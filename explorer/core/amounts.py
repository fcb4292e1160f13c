"""Read amounts and periods the way the seed documents write them ("53.31 billion", "2019~")."""

from __future__ import annotations

import re
from decimal import Decimal

_UNITS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_BUDGET = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion)?", re.IGNORECASE)
_PERIOD = re.compile(r"((?:19|20)\d\d)\s*(?:[-–~]\s*((?:19|20)\d\d)?)")


def parse_budget_text(text: str) -> int | None:
    """The whole number of won in a budget as the seed writes it ("53.31 billion" → 53310000000)."""
    match = _BUDGET.search(text)
    if not match:
        return None
    number = Decimal(match.group(1).replace(",", ""))
    unit = _UNITS[match.group(2).lower()] if match.group(2) else 1
    value = number * unit
    return int(value) if value == value.to_integral_value() else None


def find_period(text: str) -> tuple[int, int | None] | None:
    """The first period written like "2019-2022" or "2019~" in `text`, as (start, end or None)."""
    match = _PERIOD.search(text)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None
