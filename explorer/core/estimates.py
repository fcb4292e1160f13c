"""What a path's benefit would come to for one person: a fixed amount, part of the gap up to a share
of the standard median income, or words only, each with how it was worked out in both languages."""

from __future__ import annotations

from typing import Any

from explorer.core.derived_facts import Facts, Text
from explorer.core.rules import Benefit
from explorer.core.values import UNKNOWN

__all__ = ["estimate"]

PERIOD: dict[str, Text] = {
    "month": {"ko": "매달", "en": "a month"},
    "year": {"ko": "해마다", "en": "a year"},
    "once": {"ko": "한 번", "en": "once"},
}
_NO_PERIOD: Text = {"ko": "", "en": ""}


def estimate(benefit: Benefit, facts: Facts) -> dict[str, Any]:
    """The benefit estimate and how it was computed, in both languages."""
    period = benefit.period
    external = _external(benefit.source)
    if benefit.kind == "fixed":
        amount = benefit.amount_krw
        assert amount is not None
        when = PERIOD.get(period or "", _NO_PERIOD)
        how = {
            "ko": f"{benefit.text['ko']} ({when['ko']} {amount:,}원)",
            "en": f"{benefit.text['en']} (₩{amount:,} {when['en']})",
        }
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
        how = {
            "ko": f"{benefit.text['ko']}. 금액을 계산하려면 가구 소득과 가구원 수가 필요합니다.",
            "en": f"{benefit.text['en']}. The amount needs the household's income and size.",
        }
        return {"amount_krw": None, "period": period, "explanation": how}
    target = round(facts.median_amount * share)
    gap = max(0, target - income)
    amount = round(gap * benefit.rate)
    pct = f"{share * 100:g}"
    year = facts.median_table.year
    rate_ko = f" × {benefit.rate * 100:g}%" if benefit.rate != 1.0 else ""
    rate_en = f", times {benefit.rate * 100:g}%" if benefit.rate != 1.0 else ""
    how = {
        "ko": (
            f"({year}년 {size}인 가구 기준 중위소득 {facts.median_amount:,}원의 {pct}%({target:,}원)"
            f" − 가구 소득 {income:,}원){rate_ko} = {amount:,}원. {benefit.text['ko']}"
        ),
        "en": (
            f"{pct}% of the {year} standard median income for a household of {size}"
            f", ₩{facts.median_amount:,}, is ₩{target:,}; less income ₩{income:,}"
            f" is ₩{gap:,}{rate_en} = ₩{amount:,}. {benefit.text['en']}"
        ),
    }
    return {"amount_krw": amount, "period": period, "explanation": how}


def _external(source: dict[str, Any]) -> dict[str, Any] | None:
    """An external (non-seed) source as shown beside an estimate; None for a seed quote."""
    if not source or "url" not in source:
        return None
    return {key: source[key] for key in ("publisher", "title", "published", "url", "quote") if key in source}
