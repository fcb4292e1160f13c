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

Text = dict[str, str]

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

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def state_of(current: dict[str, Any] | None) -> str:
    """The state today; a service without a record is "unknown"."""
    return str((current or {}).get("state") or UNKNOWN)


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
    seen = {lang: format_date(latest_source(current), lang) for lang in ("ko", "en")}
    since = {lang: format_date(record.get("since"), lang) for lang in ("ko", "en")}
    name = current_name(current) or {}
    if state == RUNNING:
        return {
            "ko": f"지금도 운영 중이에요 ({seen['ko']} 자료로 확인).",
            "en": f"Still running (confirmed by a source of {seen['en']}).",
        }
    if state == RENAMED:
        return {
            "ko": f"지금은 ‘{name.get('ko', '')}’(이)라는 이름으로 운영 중이에요 ({seen['ko']} 자료로 확인).",
            "en": (
                f"Runs today as “{name.get('en', name.get('ko', ''))}”"
                f" (confirmed by a source of {seen['en']})."
            ),
        }
    if state == CHANGED:
        return {
            "ko": f"지금도 운영하지만 내용이 바뀌었어요 ({seen['ko']} 자료로 확인). 바뀐 내용을 먼저 보세요.",
            "en": f"Still runs, but it has changed (source of {seen['en']}). Read what changed first.",
        }
    if state == ENDED:
        when = {
            "ko": f"{since['ko']}에 끝났어요." if record.get("since") else "끝난 서비스예요.",
            "en": f"Ended in {since['en']}." if record.get("since") else "This service has ended.",
        }
        return {
            "ko": f"{when['ko']} 비슷한 도움은 120에 물어보세요.",
            "en": f"{when['en']} Ask 120 about similar help.",
        }
    if state == NEVER_STARTED:
        return {
            "ko": "계획만 있었고 시작됐다는 기록을 찾지 못했어요. 120에 물어보세요.",
            "en": "This was a plan; we found no record that it started. Ask 120.",
        }
    checked = {lang: format_date(record.get("checked"), lang) for lang in ("ko", "en")}
    plan = {
        "ko": f"{format_date(as_of, 'ko')} 자료의 내용이에요.",
        "en": f"From sources of {format_date(as_of, 'en')}.",
    }
    if record.get("checked"):
        return {
            "ko": f"{plan['ko']} 지금도 하는지는 {checked['ko']}에 확인하지 못했어요. 120에 물어보세요.",
            "en": f"{plan['en']} Whether it still runs could not be confirmed ({checked['en']}). Ask 120.",
        }
    return {
        "ko": f"{plan['ko']} 지금도 하는지 120에 물어보세요.",
        "en": f"{plan['en']} Ask 120 whether it still runs.",
    }


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
