"""What a path's benefit would come to for one person: a fixed amount, part of the gap up to a share
of the standard median income, or words only, each with how it was worked out in both languages."""

from __future__ import annotations

from typing import Any

from explorer.core.derived_facts import Facts
from explorer.core.i18n import LANGUAGES, N_, Messages, both
from explorer.core.rules import Benefit
from explorer.core.values import UNKNOWN

__all__ = ["estimate"]

#: A fixed amount's period, in words.
PERIOD = Messages({"month": N_("a month"), "year": N_("a year"), "once": N_("once")})


def estimate(benefit: Benefit, facts: Facts) -> dict[str, Any]:
    """The benefit estimate and how it was computed, in both languages."""
    period = benefit.period
    external = _external(benefit.source)
    if benefit.kind == "fixed":
        amount = benefit.amount_krw
        assert amount is not None
        when = PERIOD.get(period or "", {lang: "" for lang in LANGUAGES})
        how = both.gettext("{text} (₩{amount} {when})", text=benefit.text, amount=f"{amount:,}", when=when)
        return {"amount_krw": amount, "period": period, "explanation": how, "source": external}
    if benefit.kind == "gap_to_median_share":
        return _gap_estimate(benefit, facts) | {"source": external}
    return {"amount_krw": None, "period": period, "explanation": dict(benefit.text), "source": external}


def _gap_estimate(benefit: Benefit, facts: Facts) -> dict[str, Any]:
    share = benefit.share or 0.0
    income = facts.get("monthly_household_income_krw")
    size = facts.get("household_size")
    period = benefit.period
    if facts.median_amount is None or income is UNKNOWN or size is UNKNOWN:
        how = both.gettext("{text}. The amount needs the household's income and size.", text=benefit.text)
        return {"amount_krw": None, "period": period, "explanation": how}
    target = round(facts.median_amount * share)
    gap = max(0, target - income)
    amount = round(gap * benefit.rate)
    pct = f"{share * 100:g}"
    year = facts.median_table.year
    rate = {lang: "" for lang in LANGUAGES}
    if benefit.rate != 1.0:
        rate = both.gettext(", times {rate}", rate=f"{benefit.rate * 100:g}%")
    how = both.gettext(
        "{share} of the {year} standard median income for a household of {size}, ₩{median}, is ₩{target};"
        " less income ₩{income} is ₩{gap}{rate} = ₩{amount}. {text}",
        share=f"{pct}%",
        year=year,
        size=size,
        median=f"{facts.median_amount:,}",
        target=f"{target:,}",
        income=f"{income:,}",
        gap=f"{gap:,}",
        rate=rate,
        amount=f"{amount:,}",
        text=benefit.text,
    )
    return {"amount_krw": amount, "period": period, "explanation": how}


def _external(source: dict[str, Any]) -> dict[str, Any] | None:
    """An external (non-seed) source as shown beside an estimate; None for a seed quote."""
    if not source or "url" not in source:
        return None
    return {key: source[key] for key in ("publisher", "title", "published", "url", "quote") if key in source}
