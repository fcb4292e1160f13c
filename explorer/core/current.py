"""What a service is today: its state, how to say it in one plain line, and its sourced facts.

Each service keeps two records: the seed-based one (what the 2019 strategy and the other seeds
said: the history) and `current` (db/README.md "Today"), checked against dated public sources.
Both faces show the current state first. A service with no record, or whose record says
"unknown", is never presented as running: "unknown as of <date>, ask 120" is the honest answer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from explorer.core.i18n import LANGUAGES, N_, Text, _, both

RUNNING, RENAMED, CHANGED, ENDED, NEVER_STARTED, UNKNOWN = (
    "running",
    "renamed",
    "changed",
    "ended",
    "never_started",
    "unknown",
)
#: States in which the service runs today.
RUNS = (RUNNING, RENAMED, CHANGED)
#: States in which it does not (easy mode does not offer these; search ranks them last).
GONE = (ENDED, NEVER_STARTED)
STATES = (RUNNING, RENAMED, CHANGED, ENDED, NEVER_STARTED, UNKNOWN)
#: Each state in words (its id is what db/services/*.toml writes).
STATE_WORDS = {
    RUNNING: N_("running"),
    RENAMED: N_("renamed"),
    CHANGED: N_("changed"),
    ENDED: N_("ended"),
    NEVER_STARTED: N_("never started"),
    UNKNOWN: N_("unknown"),
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def state_of(current: dict[str, Any] | None) -> str:
    """The state today; a service without a record is "unknown"."""
    return str((current or {}).get("state") or UNKNOWN)


def state_words(state: str) -> str:
    """A state today in words, in the active language: "운영 중" / "running"."""
    return _(STATE_WORDS[state]) if state in STATE_WORDS else state


def screening_status(current: dict[str, Any] | None, seed_status: str) -> str:
    """The status screening goes by: what is known today, else what the seeds said.

    Ended (or never started) today is "ended" (never eligible); running today is "active"; not known
    today keeps the seeds' "planned", else "unknown" (eligible only with "check with 120").
    """
    state = state_of(current)
    if state in GONE:
        return "ended"
    if state in RUNS:
        return "active"
    return "planned" if seed_status == "planned" else "unknown"


def format_date(value: str | None, lang: str) -> str:
    """A YYYY[-MM[-DD]] date in the reader's language: "2024년 3월" / "March 2024"."""
    match = _DATE.match(value or "")
    if not match:
        return value or ""
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    from babel import dates  # loaded on the first date shown, not at start-up

    try:
        if day is not None and month is not None:
            return dates.format_date(date(year, month, day), format="long", locale=lang)
        if month is not None:
            return dates.format_skeleton("yMMMM", date(year, month, 1), locale=lang)
        return dates.format_skeleton("y", date(year, 1, 1), locale=lang)
    except ValueError:
        return value or ""


def latest_source(current: dict[str, Any] | None) -> str | None:
    """The date of the newest source behind the record (what "checked against" means to a reader)."""
    published = [f["source"]["published"] for f in (current or {}).get("facts", []) if f.get("source")]
    return max(published) if published else None


def current_name(current: dict[str, Any] | None) -> Text | None:
    """The name used today, where it changed."""
    name = (current or {}).get("name")
    return dict(name) if name else None


def line(current: dict[str, Any] | None, as_of: str) -> Text:
    """One plain sentence on the service today, in both languages (easy mode's line, the detail's
    first words). `as_of` is the seed record's date, said when nothing newer is known."""
    state = state_of(current)
    record = current or {}
    seen = {lang: format_date(latest_source(current), lang) for lang in LANGUAGES}
    if state == RUNNING:
        return both.gettext("Still running (confirmed by a source of {seen}).", seen=seen)
    if state == RENAMED:
        name = current_name(current) or {}
        today = {"ko": name.get("ko", ""), "en": name.get("en", name.get("ko", ""))}
        return both.gettext(
            "Runs today as “{name}” (confirmed by a source of {seen}).", name=today, seen=seen
        )
    if state == CHANGED:
        return both.gettext(
            "Still runs, but it has changed (source of {seen}). Read what changed first.", seen=seen
        )
    if state == ENDED:
        if record.get("since"):
            since = {lang: format_date(record.get("since"), lang) for lang in LANGUAGES}
            return both.gettext("Ended in {since}. Ask 120 about similar help.", since=since)
        return both.gettext("This service has ended. Ask 120 about similar help.")
    if state == NEVER_STARTED:
        return both.gettext("This was a plan; we found no record that it started. Ask 120.")
    plan = {lang: format_date(as_of, lang) for lang in LANGUAGES}
    if record.get("checked"):
        checked = {lang: format_date(record.get("checked"), lang) for lang in LANGUAGES}
        return both.gettext(
            "From sources of {as_of}. Whether it still runs could not be confirmed ({checked}). Ask 120.",
            as_of=plan,
            checked=checked,
        )
    return both.gettext("From sources of {as_of}. Ask 120 whether it still runs.", as_of=plan)


def fact_lines(current: dict[str, Any] | None, lang: str) -> list[str]:
    """Each sourced fact as a line: its words, then publisher, title, date and link."""
    out = []
    for fact in (current or {}).get("facts", []):
        text = fact["text"].get(lang) or fact["text"].get("ko", "")
        source = fact["source"]
        when = format_date(source["published"], lang)
        cited = f"{source['publisher']}, “{source['title']}”, {when}, {source['url']}"
        out.append(f"{text} ({cited})")
    return out
