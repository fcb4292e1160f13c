"""How screening says things: a fact's value, a legal range, and each kind of reason, in both languages.

Kept apart from the engine (core.screening) so that the wording can change without touching the
logic. Every function returns a {"ko": ..., "en": ...} text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from explorer.core.definitions import Range, Term
from explorer.core.facts import FACTS, Fact
from explorer.core.fields import FIELD

Text = dict[str, str]
LANGS = ("ko", "en")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _pct(share: float) -> str:
    return f"{share * 100:.1f}".rstrip("0").rstrip(".")


_UNIT_SUFFIX = re.compile(r"\s*\((?:원|won|명|people)\)$")


@cache
def _bare(name: str) -> Fact:
    """The fact with its label's unit taken off ("Household assets (won)" -> "Household assets")."""
    fact = FACTS[name]
    return replace(fact, label={k: _UNIT_SUFFIX.sub("", v) for k, v in fact.label.items()})


def show(fact: Fact, value: Any, lang: str) -> str:
    """A fact's value as a reader would say it (age 72, 47% of the median, 1,200,000 won)."""
    fact = _bare(fact.name)
    if fact.kind == "bool":
        yes = {"ko": "예", "en": "yes"} if value else {"ko": "아니요", "en": "no"}
        return f"{fact.label[lang]}: {yes[lang]}"
    if fact.unit == "share":
        pct = _pct(value)
        return f"기준 중위소득의 {pct}%" if lang == "ko" else f"{pct}% of the median"
    if fact.unit == "krw":
        return f"{fact.label[lang]} {value:,}원" if lang == "ko" else f"{fact.label[lang]} ₩{value:,}"
    if fact.name == "age":
        return f"{value}세" if lang == "ko" else f"age {value}"
    if fact.unit == "years":
        return f"{fact.label[lang]} {value}세" if lang == "ko" else f"{fact.label[lang]}: {value}"
    if fact.unit == "years_plain":
        return f"{fact.label[lang]} {value}년" if lang == "ko" else f"{fact.label[lang]}: {value} years"
    if fact.unit == "people":
        return f"{value}명" if lang == "ko" else f"{value} people"
    if fact.unit == "count":
        return f"{fact.label[lang]} {value}명" if lang == "ko" else f"{fact.label[lang]}: {value}"
    if fact.kind == "choice":
        key = fact.inputs[0]
        word = FIELD[key].choice_words.get(value, {}).get(lang, value) if key in FIELD else value
        return f"{fact.label[lang]}: {word}"
    return f"{fact.label[lang]}: {value}"


def _bound(value: float, unit: str, lang: str) -> str:
    if unit == "share":
        return f"{_pct(value)}%"
    if unit == "krw":
        return f"{_number(value)}원" if lang == "ko" else f"₩{_number(value)}"
    if unit in ("years", "years_plain"):
        return f"{_number(value)}세" if lang == "ko" else _number(value)
    if unit in ("count", "people"):
        return f"{_number(value)}명" if lang == "ko" else _number(value)
    return _number(value)


def range_text(fact_name: str, rng: Range, lang: str) -> str:
    """A legal range in words: "19~34세", "65세 이상", "기준 중위소득의 50% 이하" / "aged 19 to 34"."""
    fact = FACTS[fact_name]
    unit = fact.unit
    low = _bound(rng.min, unit, lang) if rng.min is not None else None
    high = _bound(rng.max, unit, lang) if rng.max is not None else None
    if lang == "ko":
        if low and high:
            body = f"{low}~{high}"
        elif low:
            body = f"{low} 이상"
        else:
            body = f"{high} 이하"
        if unit == "share":
            return f"기준 중위소득의 {body}"
        return f"{fact.label['ko']} {body}" if fact.name != "age" else body
    if low and high:
        body = f"{low} to {high}"
    elif low:
        body = f"{low} or over"
    else:
        body = f"{high} or under" if unit not in ("count", "people") else f"{high} or fewer"
    if unit == "share":
        return f"{body} of the standard median income"
    return f"{fact.label['en'].lower()} {body}" if fact.name != "age" else f"aged {body}"


def ranges_text(ranges: dict[str, Range], lang: str) -> str:
    joiner = ", " if lang == "ko" else "; "
    return joiner.join(range_text(fact, rng, lang) for fact, rng in ranges.items())


# --- reasons ------------------------------------------------------------------------------------


def answered(answer: bool, lang: str) -> str:
    """How an answer to a service's own question reads in a reason."""
    if lang == "ko":
        return "답: 예" if answer else "답: 아니요"
    return "answered yes" if answer else "answered no"


def met(text: Text, shown: Text) -> Text:
    return {"ko": f"충족: {text['ko']} ({shown['ko']})", "en": f"Met: {text['en']} ({shown['en']})"}


def not_met(text: Text, shown: Text) -> Text:
    return {
        "ko": f"충족 안 됨: {text['ko']} ({shown['ko']})",
        "en": f"Not met: {text['en']} ({shown['en']})",
    }


def not_known(text: Text) -> Text:
    return {"ko": f"모름: {text['ko']}", "en": f"Not known: {text['en']}"}


def to_check(text: Text) -> Text:
    return {"ko": f"확인 필요: {text['ko']}", "en": f"To check: {text['en']}"}


def agency_decides(text: Text) -> Text:
    return {"ko": f"기관이 정함: {text['ko']}", "en": f"Decided by the agency: {text['en']}"}


def with_derivation(reason: Text, why: Text) -> Text:
    """A reason whose value was derived, with how: "… — 추론: 남성은 임신하지 않음"."""
    return {"ko": f"{reason['ko']} — 추론: {why['ko']}", "en": f"{reason['en']} — derived: {why['en']}"}


def term_met(text: Text, term: Term, shown: Text) -> Text:
    assert term.core is not None
    rng = {lang: ranges_text(term.core, lang) for lang in LANGS}
    return {
        "ko": (
            f"충족: {text['ko']} — 법률상 정의에 따름 ({term.laws('ko', False)}: {rng['ko']}; {shown['ko']})."
            " 사업 자체의 기준은 다를 수 있습니다."
        ),
        "en": (
            f"Met: {text['en']} — by the legal definition ({term.laws('en', False)}: {rng['en']};"
            f" {shown['en']}); the programme's own rule may differ."
        ),
    }


def term_outside(text: Text, term: Term, shown: Text) -> Text:
    rng = {lang: ranges_text(term.outer, lang) for lang in LANGS}
    return {
        "ko": (
            f"충족 안 됨: {text['ko']} — 어떤 법률상 정의에도 해당하지 않음"
            f" (가장 넓은 정의: {rng['ko']}, {term.laws('ko', True)}; {shown['ko']})"
        ),
        "en": (
            f"Not met: {text['en']} — not under any legal definition"
            f" (the widest: {rng['en']}, {term.laws('en', True)}; {shown['en']})"
        ),
    }


def term_between(text: Text, term: Term, shown: Text) -> Text:
    outer = {lang: ranges_text(term.outer, lang) for lang in LANGS}
    if term.core is None:
        return {
            "ko": (
                f"모름: {text['ko']} — {shown['ko']}. 법률상 {term.name['ko']}인지는"
                f" 이것만으로 알 수 없습니다 ({term.laws('ko', True)})."
            ),
            "en": (
                f"Not known: {text['en']} — {shown['en']}; that alone does not settle whether it is"
                f" a {term.name['en']} in law ({term.laws('en', True)})."
            ),
        }
    core = {lang: ranges_text(term.core, lang) for lang in LANGS}
    return {
        "ko": (
            f"모름: {text['ko']} — {shown['ko']}: 주된 법률상 정의"
            f"({term.laws('ko', False)}: {core['ko']})에는 들지 않지만"
            f" 가장 넓은 정의({outer['ko']}, {term.laws('ko', True)})에는 듭니다."
            " 사업 자체의 기준에 따라 다릅니다."
        ),
        "en": (
            f"Not known: {text['en']} — {shown['en']} is outside the main legal definition"
            f" ({term.laws('en', False)}: {core['en']}) but inside the widest ({outer['en']},"
            f" {term.laws('en', True)}); it depends on the programme's own rule."
        ),
    }


def term_met_if(text: Text, term: Term) -> Text:
    assert term.met_if is not None
    law = term.met_if.citation.law
    return {
        "ko": f"충족: {text['ko']} — 추론: {term.met_if.reason['ko']} ({law.get('ko', '')})",
        "en": f"Met: {text['en']} — derived: {term.met_if.reason['en']} ({law.get('en', law.get('ko', ''))})",
    }


#: Why a fact that does not apply fails every test.
NOT_APPLICABLE_WHY: dict[str, Text] = {
    "youngest_child_age": {"ko": "함께 사는 자녀 없음", "en": "no child at home"},
}
NO_BUSINESS_WHY: Text = {"ko": "운영하는 사업체 없음", "en": "no business"}


def not_applicable(text: Text, fact: str) -> Text:
    why = NOT_APPLICABLE_WHY.get(fact, NO_BUSINESS_WHY)
    return {
        "ko": f"충족 안 됨: {text['ko']} ({why['ko']})",
        "en": f"Not met: {text['en']} ({why['en']})",
    }


def service_ended(when: str) -> Text:
    """Why an ended service is not eligible: when, and where the state today is written."""
    return {
        "ko": (
            f"이 서비스는 끝났습니다({when}). 출처는 서비스 정보의 ‘지금’ 부분에 있습니다."
            " 비슷한 도움은 120에 물어보세요."
        ),
        "en": (
            f"This service has ended ({when}); the sources are in the service's “Today” part."
            " Ask 120 about similar help."
        ),
    }


def service_not_known_running(status: str, as_of: str) -> Text:
    """One sentence (easy mode shows the first sentence only): what is not known, and whom to ask."""
    if status == "planned":
        return {
            "ko": f"{as_of}년 자료에서 계획이었던 서비스라, 지금 운영되는지 120에 확인하세요.",
            "en": f"A plan in our {as_of} sources: check with 120 that it runs now.",
        }
    return {
        "ko": f"{as_of}년 이후 지금도 운영되는지 알 수 없으니 120에 확인하세요.",
        "en": f"Whether it still runs after {as_of} is not known: check with 120.",
    }


NOT_ASSESSED: Text = {
    "ko": "출처에 받을 수 있는 사람의 조건이 없어 판단하지 않았습니다. 120이나 주민센터에 물어보세요.",
    "en": (
        "Our sources give no conditions for who can use it, so it was not assessed."
        " Ask 120 or the community centre."
    ),
}
