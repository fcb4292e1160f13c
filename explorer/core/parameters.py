"""Dated parameters screening needs: the standard median income by year and household size.

The table comes from db/parameters/median-income.toml (through the built catalogue), each year with
the Ministry notice it was published in. A year past the newest table uses the newest and says so;
a year before the oldest uses the oldest and says so. Nothing fails when a date passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from explorer.core.i18n import both


@dataclass(frozen=True)
class MedianYear:
    """One year's table: amounts_krw[0] is a household of 1, [5] of 6."""

    year: int
    amounts_krw: tuple[int, ...]
    source: dict[str, Any]


@dataclass(frozen=True)
class MedianIncome:
    """The standard median income tables, oldest first, with the rule for households beyond the table."""

    years: tuple[MedianYear, ...]
    name: dict[str, str]
    larger_households: dict[str, str]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MedianIncome:
        years = tuple(
            MedianYear(int(y["year"]), tuple(int(a) for a in y["amounts_krw"]), dict(y.get("source", {})))
            for y in sorted(data["years"], key=lambda y: y["year"])
        )
        if not years:
            raise ValueError("the median income table holds no year")
        return cls(years, dict(data.get("name", {})), dict(data.get("larger_households", {})))

    def table_for(self, year: int) -> tuple[MedianYear, list[dict[str, str]]]:
        """The table to use for `year`, and warnings (ko/en) when it is another year's."""
        for entry in self.years:
            if entry.year == year:
                return entry, []
        newest, oldest = self.years[-1], self.years[0]
        if year > newest.year:
            return newest, [
                both.gettext(
                    "No standard median income table for {year} yet; {used}'s table was used.",
                    year=year,
                    used=newest.year,
                )
            ]
        if year < oldest.year:
            return oldest, [
                both.gettext(
                    "No standard median income table for {year}; the oldest ({used}) was used.",
                    year=year,
                    used=oldest.year,
                )
            ]
        # A gap between years: the latest table before it.
        earlier = max((e for e in self.years if e.year < year), key=lambda e: e.year)
        return earlier, [
            both.gettext(
                "No standard median income table for {year}; {used}'s was used.", year=year, used=earlier.year
            )
        ]

    @staticmethod
    def amount(table: MedianYear, household_size: int) -> int:
        """The monthly median income for a household size, by the Ministry's rule beyond 6 people.

        For 7 or more, each extra person adds the difference between the 6- and 5-person amounts.
        """
        amounts = table.amounts_krw
        if household_size <= len(amounts):
            return amounts[household_size - 1]
        step = amounts[-1] - amounts[-2]
        return amounts[-1] + step * (household_size - len(amounts))
