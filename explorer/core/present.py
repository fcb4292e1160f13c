"""Turn a service record into titled sections in one language, for the terminal and the window.

Both faces show the same facts in the same order, and both say plainly when a fact is not known,
pointing to 120 or the community centre instead of leaving a gap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.core.current import GONE, RUNS, current_name, fact_lines, line, state_of
from explorer.core.i18n import _, active


@dataclass
class Section:
    """A heading and its paragraphs; `unknown` marks a fact our sources do not give."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    unknown: bool = False
    #: How the first paragraph reads at a glance: "eligible" (runs), "ineligible" (ended), "maybe".
    tone: str = ""


def pick(texts: dict[str, str] | None, lang: str) -> str:
    """The text in `lang`, else Korean, else English, marked as a fallback; "" when there is none."""
    if not texts:
        return ""
    if texts.get(lang):
        return texts[lang]
    for other in ("ko", "en"):
        if texts.get(other):
            return f"[{other}] {texts[other]}"
    return next(iter(texts.values()), "")


def status_label(status: str) -> str:
    """A service status in words."""
    return {
        "active": _("Running"),
        "planned": _("Planned"),
        "ended": _("Ended"),
        "unknown": _("Status unknown"),
    }.get(status, status)


def today_filter_label(status: str) -> str:
    """A status filter's words: the filter goes by what is known today."""
    return {
        "active": _("Running today"),
        "planned": _("A plan, not known to run today"),
        "ended": _("Ended"),
        "unknown": _("Not known today"),
    }.get(status, status)


def status_group_label(status: str) -> str:
    """A screening outcome as a group heading."""
    return {
        "eligible": _("Eligible"),
        "maybe": _("Maybe: questions to settle"),
        "ineligible": _("Not eligible"),
        "not_assessed": _("Not assessed (nothing in our sources that can be checked)"),
    }.get(status, status)


def ask_120() -> str:
    """What to do when a fact is not known."""
    return _(
        "Not given in our sources. Call the 120 Dasan Call Center or ask at your local "
        "community service centre."
    )


def _figure(value: str) -> str:
    """A figure as the source gives it; a bare whole number gets the locale's grouping (800,000,000)."""
    localizer = active()
    if value.isdigit() and localizer is not None:
        return localizer.format_number(int(value))
    return value


def service_sections(
    service: dict[str, Any],
    lang: str,
    labels: dict[str, dict[str, dict[str, str]]],
    documents: dict[str, dict[str, str]] | None = None,
) -> list[Section]:
    """Every field of `service` as sections in `lang`.

    `labels` maps "categories" and "audiences" to {id: {lang: label}}; `documents` maps a seed file
    to its title in each language.
    """
    documents = documents or {}
    sections: list[Section] = []

    def add(key: str, title: str, paragraphs: list[str], unknown_ok: bool = False) -> None:
        paragraphs = [p for p in paragraphs if p]
        if paragraphs:
            sections.append(Section(key, title, paragraphs))
        elif unknown_ok:
            sections.append(Section(key, title, [ask_120()], unknown=True))

    current = service.get("current")
    today = pick(line(current, service["as_of"]), lang)
    name = current_name(current)
    if name and pick(name, lang) != pick(service.get("seed_names") or service["names"], lang):
        today += " " + _("Name today: {name}").format(name=pick(name, lang))
    add("today", _("Today"), [today, *fact_lines(current, lang)])
    state = state_of(current)
    sections[-1].tone = "eligible" if state in RUNS else "ineligible" if state in GONE else "maybe"
    as_of = _("as of {date}").format(date=service["as_of"])
    history = [f"{status_label(service['status'])} · {as_of}"]
    seed_name = pick(service.get("seed_names"), lang)
    if seed_name and seed_name != pick(service["names"], lang):
        history.append(_("Its name in those sources: {name}").format(name=seed_name))
    add("status", _("History: what the sources of {year} said").format(year=service["as_of"][:4]), history)
    add("summary", _("In short"), [pick(service["summary"], lang)])
    add("description", _("What it is"), [pick(service["description"], lang)])
    add("eligibility", _("Who can get it"), [pick(service["eligibility"], lang)])
    add("benefits", _("What you get"), [pick(service["benefits"], lang)])
    apply = [pick(service["how_to_apply"], lang)]
    for channel in service.get("channels", []):
        name = pick(channel["names"], lang)
        apply.append(f"{name}: {channel['value']}" if channel.get("value") else name)
    add("how_to_apply", _("How to apply"), apply)
    add("documents", _("Documents to bring"), [pick(d, lang) for d in service["documents"]], True)
    add("fees", _("Cost"), [pick(service.get("fees"), lang)], True)
    contacts = [f"{pick(c['label'], lang)}: {c['value']}" for c in service.get("contacts", [])]
    add("contacts", _("Contact"), contacts, True)
    add("schedules", _("Opening hours"), [pick(s, lang) for s in service["schedules"]], True)
    add(
        "figures",
        _("Figures from the sources"),
        [f"{pick(f['label'], lang)}: {_figure(f['value'])}" for f in service.get("figures", [])],
    )
    strategy = service["strategy"]
    if strategy["outside_strategy"]:
        place = [_("Not part of the Resilient Seoul strategy (2019).")]
    else:
        place = [
            " → ".join(
                (
                    _("Goal {n}").format(n=a["goal"]["number"]) + " " + pick(a["goal"]["names"], lang),
                    _("Programme {n}").format(n=a["program"]["number"])
                    + " "
                    + pick(a["program"]["names"], lang),
                    pick(a["names"], lang),
                )
            )
            for a in strategy["actions"]
        ]
    add("strategy", _("Part of Resilient Seoul"), place)
    for key, title in (("categories", _("Categories")), ("audiences", _("For"))):
        names = [pick(labels.get(key, {}).get(i, {i: i}), lang) for i in service[key]]
        add(key, title, [", ".join(names)])
    add("related", _("Related services"), [pick(r["names"], lang) for r in service["related"]])
    add("notes", _("Notes"), [pick(n, lang) for n in service["notes"]])
    add(
        "sources",
        _("Sources"),
        [
            f"{pick(documents.get(s['document']), lang) or s['document']} — {s['section']}: "
            + (s["quote"] if s["quote"][0] in "“\"'‘" else f"“{s['quote']}”")
            for s in service["sources"]
        ],
    )
    return sections
