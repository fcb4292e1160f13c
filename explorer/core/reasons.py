"""How screening says things: a fact's value, a legal range, and each kind of reason, in both languages.

Kept apart from the engine (core.screening) so that the wording can change without touching the
logic. The wording is in the gettext catalogues (explorer.core.i18n): a reason is a
{"ko": ..., "en": ...} text (`both`), a value or a range is said in one language (`localizer_for`).
"""

from __future__ import annotations

from typing import Any

from explorer.core.current import format_date
from explorer.core.definitions import Range, Term
from explorer.core.facts import FACTS, Fact
from explorer.core.fields import FIELD
from explorer.core.i18n import LANGUAGES, N_, Messages, Text, both, localizer_for

LANGS = LANGUAGES


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _pct(share: float) -> str:
    return f"{share * 100:.1f}".rstrip("0").rstrip(".")


def _how_many(value: float) -> int:
    """The count a plural form is chosen by: the value, or (for a fraction, never singular) 2."""
    return int(value) if float(value).is_integer() else 2


def _label(fact: Fact, lang: str) -> str:
    """The fact's label without its unit ("Household assets", not "Household assets (won)")."""
    return localizer_for(lang).gettext(fact.short_label_id or fact.label_id)


def show(fact: Fact, value: Any, lang: str) -> str:
    """A fact's value as a reader would say it (age 72, 47% of the median, 1,200,000 won)."""
    words = localizer_for(lang)
    label = _label(fact, lang)
    if fact.kind == "bool":
        said = words.gettext("{label}: yes") if value else words.gettext("{label}: no")
        return said.format(label=label)
    if fact.unit == "share":
        return words.gettext("{percent} of the median").format(percent=f"{_pct(value)}%")
    if fact.unit == "krw":
        return words.gettext("{label} ₩{amount}").format(label=label, amount=f"{value:,}")
    if fact.name == "age":
        return words.gettext("age {age}").format(age=value)
    if fact.unit == "years":
        return words.pgettext("an age in years", "{label}: {value}").format(label=label, value=value)
    if fact.unit == "years_plain":
        said = words.ngettext("{label}: {count} year", "{label}: {count} years", _how_many(value))
        return said.format(label=label, count=value)
    if fact.unit == "people":
        return words.ngettext("{count} person", "{count} people", _how_many(value)).format(count=value)
    if fact.unit == "count":
        return words.pgettext("a number of people", "{label}: {value}").format(label=label, value=value)
    if fact.kind == "choice":
        key = fact.inputs[0]
        message = FIELD[key].choice_ids.get(value) if key in FIELD else None
        return f"{label}: {words.gettext(message) if message else value}"
    return f"{label}: {value}"


def _bound(value: float, unit: str, lang: str) -> str:
    words = localizer_for(lang)
    if unit == "share":
        return f"{_pct(value)}%"
    if unit == "krw":
        return words.gettext("₩{amount}").format(amount=_number(value))
    if unit in ("years", "years_plain"):
        return words.pgettext("a bound in years", "{number}").format(number=_number(value))
    if unit in ("count", "people"):
        return words.pgettext("a bound in people", "{number}").format(number=_number(value))
    return _number(value)


def range_text(fact_name: str, rng: Range, lang: str) -> str:
    """A legal range in words: "19~34세", "65세 이상", "기준 중위소득의 50% 이하" / "aged 19 to 34"."""
    words = localizer_for(lang)
    fact = FACTS[fact_name]
    unit = fact.unit
    low = _bound(rng.min, unit, lang) if rng.min is not None else None
    high = _bound(rng.max, unit, lang) if rng.max is not None else None
    if low and high:
        body = words.gettext("{low} to {high}").format(low=low, high=high)
    elif low:
        body = words.gettext("{low} or over").format(low=low)
    elif unit in ("count", "people"):
        body = words.gettext("{high} or fewer").format(high=high)
    else:
        body = words.gettext("{high} or under").format(high=high)
    if unit == "share":
        return words.gettext("{range} of the standard median income").format(range=body)
    if fact.name == "age":
        return words.gettext("aged {range}").format(range=body)
    label = words.gettext(fact.label_id)
    # English writes the label in small letters inside a sentence; Korean has no case.
    return f"{label.lower()} {body}"


def ranges_text(ranges: dict[str, Range], lang: str) -> str:
    joiner = localizer_for(lang).pgettext("between two ranges", "; ")
    return joiner.join(range_text(fact, rng, lang) for fact, rng in ranges.items())


# --- reasons ------------------------------------------------------------------------------------


def answered(answer: bool, lang: str) -> str:
    """How an answer to a service's own question reads in a reason."""
    words = localizer_for(lang)
    return words.gettext("answered yes") if answer else words.gettext("answered no")


def met(text: Text, shown: Text) -> Text:
    return both.gettext("Met: {text} ({shown})", text=text, shown=shown)


def not_met(text: Text, shown: Text) -> Text:
    return both.gettext("Not met: {text} ({shown})", text=text, shown=shown)


def not_known(text: Text) -> Text:
    return both.gettext("Not known: {text}", text=text)


def to_check(text: Text) -> Text:
    return both.gettext("To check: {text}", text=text)


def agency_decides(text: Text) -> Text:
    return both.gettext("Decided by the agency: {text}", text=text)


def with_derivation(reason: Text, why: Text) -> Text:
    """A reason whose value was derived, with how: "… — 추론: 남성은 임신하지 않음"."""
    return both.gettext("{reason} — derived: {why}", reason=reason, why=why)


def _laws(term: Term, widest: bool) -> Text:
    return {lang: term.laws(lang, widest) for lang in LANGS}


def _ranges(ranges: dict[str, Range]) -> Text:
    return {lang: ranges_text(ranges, lang) for lang in LANGS}


def term_met(text: Text, term: Term, shown: Text) -> Text:
    assert term.core is not None
    return both.gettext(
        "Met: {text} — by the legal definition ({laws}: {ranges}; {shown});"
        " the programme's own rule may differ.",
        text=text,
        laws=_laws(term, False),
        ranges=_ranges(term.core),
        shown=shown,
    )


def term_outside(text: Text, term: Term, shown: Text) -> Text:
    return both.gettext(
        "Not met: {text} — not under any legal definition (the widest: {ranges}, {laws}; {shown})",
        text=text,
        ranges=_ranges(term.outer),
        laws=_laws(term, True),
        shown=shown,
    )


def term_between(text: Text, term: Term, shown: Text) -> Text:
    if term.core is None:
        return both.gettext(
            "Not known: {text} — {shown}; that alone does not settle whether it is a {term} in law ({laws}).",
            text=text,
            shown=shown,
            term=term.name,
            laws=_laws(term, True),
        )
    return both.gettext(
        "Not known: {text} — {shown} is outside the main legal definition ({laws}: {core}) but inside the"
        " widest ({outer}, {widest_laws}); it depends on the programme's own rule.",
        text=text,
        shown=shown,
        laws=_laws(term, False),
        core=_ranges(term.core),
        outer=_ranges(term.outer),
        widest_laws=_laws(term, True),
    )


def term_met_if(text: Text, term: Term) -> Text:
    assert term.met_if is not None
    law = term.met_if.citation.law
    return both.gettext(
        "Met: {text} — derived: {reason} ({law})",
        text=text,
        reason=term.met_if.reason,
        law={"ko": law.get("ko", ""), "en": law.get("en", law.get("ko", ""))},
    )


#: Why a fact that does not apply fails every test.
NOT_APPLICABLE_WHY = Messages({"youngest_child_age": N_("no child at home")})
NO_BUSINESS_WHY = N_("no business")


def not_applicable(text: Text, fact: str) -> Text:
    why = NOT_APPLICABLE_WHY[fact] if fact in NOT_APPLICABLE_WHY else both.gettext(NO_BUSINESS_WHY)
    return not_met(text, why)


def service_ended(when: str) -> Text:
    """Why an ended service is not eligible: when (YYYY[-MM[-DD]], said in each language), and where
    the state today is written."""
    return both.gettext(
        "This service has ended ({when}); the sources are in the service's “Today” part."
        " Ask 120 about similar help.",
        when={lang: format_date(when, lang) for lang in LANGS},
    )


def service_not_known_running(status: str, as_of: str) -> Text:
    """One sentence (easy mode shows the first sentence only): what is not known, and whom to ask."""
    if status == "planned":
        return both.gettext("A plan in our {as_of} sources: check with 120 that it runs now.", as_of=as_of)
    return both.gettext("Whether it still runs after {as_of} is not known: check with 120.", as_of=as_of)


def not_assessed() -> Text:
    """Why a service without screening rules was not assessed."""
    return both.gettext(
        "Our sources give no conditions for who can use it, so it was not assessed."
        " Ask 120 or the community centre."
    )
