"""The referral sheet: a caseworker's shortlist as one printable page set, in the CLIENT's language.

The client's language is chosen apart from the interface language, so the sheet's fixed wording
(`SHEET_WORDS`, in the gettext catalogues) is read in the client's language (`SHEET_TEXT[lang]`,
through `explorer.core.i18n.localizer_for`), and catalogue text is picked in the same language.
Dates are formatted with Babel in the client's language for the same reason (the active Localizer
speaks the interface language).

Truth rules: the sheet shows only the contacts and channels the catalogue gives. Where a service lists
no documents or no contact, the sheet says so and points to the 120 Dasan Call Center (its name and
number read from the channel record in db/channels.toml) or the community centre.

`build_referral` returns a `ReferralSheet`: escaped, self-contained HTML (the subset QTextDocument
renders) whose only outside references are the QR code images, given as PNG bytes by name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from explorer.core.catalog import Catalogue
from explorer.core.current import fact_lines, format_date, line
from explorer.core.i18n import N_, Messages
from explorer.core.present import pick

SHEET_LANGUAGES = ("ko", "en")
#: The channel record of the 120 Dasan Call Center in db/channels.toml.
CALL_CENTRE_ID = "dasan-120"
#: Used only when the channel records lack the call centre (they normally hold it).
FALLBACK_CALL_CENTRE = {"value": "120", "names": {"ko": "120 다산콜센터", "en": "120 Dasan Call Center"}}
#: QR modules are drawn this many pixels wide: about 1 mm each at the printed size, easy to scan.
QR_SCALE = 10
#: The printed QR code's side in the sheet's layout pixels (1/96 inch): about 3.4 cm.
QR_SIDE = 128


def _escape(text: str) -> str:
    """`html.escape`, imported on first use: easy mode's start needs this module (the call centre's
    number) but not its HTML, and the html module with its entities table costs every start 1.5 ms."""
    from html import escape

    return escape(text)


#: Control characters other than the line break: never shown, and never in a printed PDF's text.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")

#: The sheet's own fixed wording (message ids, in the catalogues). {call_centre} is the call centre's
#: name and number, {target} a URL or a phone number, {date} a formatted date.
SHEET_WORDS = Messages(
    {
        "title": N_("Services for you"),
        "date": N_("Date"),
        "client": N_("Name"),
        "summary": N_("What it is"),
        "eligibility": N_("Who it is for"),
        "how_to_apply": N_("How to apply"),
        "documents": N_("Documents to bring"),
        "contact": N_("Contact"),
        "status": N_("Status"),
        "today": N_("Today"),
        "history": N_("In older sources"),
        "as_of": N_("as of {date}"),
        "unknown_documents": N_(
            "Our sources do not list the documents to bring. Call the {call_centre} or ask at your "
            "local community service center."
        ),
        "unknown_contact": N_(
            "Our sources give no contact for this service. Call the {call_centre} or ask at your "
            "local community service center."
        ),
        "qr_web": N_("Scan with your phone to open the website: {target}"),
        "qr_phone": N_("Scan with your phone to call: {target}"),
        "footer": N_(
            "These facts are as of the dates shown, from our sources; they may have changed since. "
            "Call the {call_centre} to check before you apply."
        ),
        "status_active": N_("Running"),
        "status_planned": N_("Planned"),
        "status_ended": N_("Ended"),
        "status_unknown": N_("Status unknown"),
    }
)


class _SheetText(Mapping[str, dict[str, str]]):
    """The sheet's wording in each client language: SHEET_TEXT["ko"]["title"] (read when asked for)."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in SHEET_LANGUAGES:
            raise KeyError(lang)
        return SHEET_WORDS.in_language(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(SHEET_LANGUAGES)

    def __len__(self) -> int:
        return len(SHEET_LANGUAGES)


SHEET_TEXT = _SheetText()

#: Plain, large, black on white. Type in points; spacing in pixels of 1/96 inch (what Qt scales).
SHEET_CSS = """
body { font-size: 13pt; }
h1 { font-size: 22pt; margin-bottom: 8px; }
h2 { font-size: 17pt; margin-top: 8px; margin-bottom: 0; }
h3 { font-size: 13pt; font-weight: bold; margin-top: 8px; margin-bottom: 2px; }
p { margin-top: 0; margin-bottom: 4px; }
p.other { font-size: 11pt; margin-bottom: 6px; }
p.qr { font-size: 10pt; }
p.line { font-size: 14pt; margin-top: 10px; margin-bottom: 10px; }
"""


@dataclass(frozen=True)
class ReferralSheet:
    """A referral sheet ready to print: `html` refers to the images in `images` by name.

    Whatever shows or prints the sheet puts `footer` at the foot of every page (so a page that goes
    astray still says to call 120), or after the body on screen.
    """

    lang: str
    title: str
    #: The body: heading, date, name line and the services (not the footer).
    html: str
    #: Plain text for the foot of every page: facts as of their source dates; call 120 to check.
    footer: str
    #: PNG bytes of each QR code, by the name the HTML's <img src> uses.
    images: dict[str, bytes] = field(default_factory=dict)
    #: What each service's QR code holds, by service id (a URL or "tel:NUMBER").
    qr_payloads: dict[str, str] = field(default_factory=dict)


def load_channels(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Every channel record of the catalogue by id: {"kind", "value", "names"}."""
    return catalogue.channels()


def call_centre(channels: dict[str, dict[str, Any]]) -> tuple[str, dict[str, str]]:
    """The call centre's number and names, from its channel record (or the fallback when absent)."""
    record = channels.get(CALL_CENTRE_ID) or FALLBACK_CALL_CENTRE
    number = str(record.get("value") or FALLBACK_CALL_CENTRE["value"])
    names = record.get("names") or FALLBACK_CALL_CENTRE["names"]
    return number, names


def _call_centre_text(channels: dict[str, dict[str, Any]], lang: str) -> str:
    """The call centre's name in `lang` ("120 다산콜센터"), with its number added if the name lacks it."""
    number, names = call_centre(channels)
    name = pick(names, lang)
    return name if number in name else f"{name} ({number})"


def _is_web(value: str) -> bool:
    return bool(re.match(r"https?://[^\s]+$", value.strip(), re.IGNORECASE))


def _phone(value: str) -> str:
    """A phone value as a tel: target (digits, +, -) or "" when it is not a phone number."""
    compact = re.sub(r"[\s().]", "", value)
    return compact if re.fullmatch(r"\+?[0-9][0-9-]*", compact) else ""


def _reach(service: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(kind, value) of the service's own contacts, then of its channels."""
    for item in (*service.get("contacts", []), *service.get("channels", [])):
        if item.get("value"):
            yield str(item.get("kind") or ""), str(item["value"])


def qr_payload(service: dict[str, Any], channels: dict[str, dict[str, Any]]) -> str:
    """What the QR code holds: a web contact's URL, else "tel:NUMBER", else the call centre's number."""
    reach = list(_reach(service))
    for kind, value in reach:
        if kind == "web" and _is_web(value):
            return value.strip()
    for kind, value in reach:
        if kind == "phone" and _phone(value):
            return f"tel:{_phone(value)}"
    return f"tel:{call_centre(channels)[0]}"


def qr_png(payload: str) -> bytes:
    """A QR code (never a Micro QR, which phones do not read) of `payload` as PNG bytes."""
    buffer = io.BytesIO()
    import segno  # loaded with the first QR code, not at start-up

    segno.make_qr(payload, error="m").save(buffer, kind="png", scale=QR_SCALE, border=4)
    return buffer.getvalue()


#: A source date ("2019", "2019-04", "2019-04-01") in words; anything else as given. The same
#: wording as the "Today" line uses (explorer.core.current).
format_as_of = format_date


def _text(value: str) -> str:
    """Escaped text, control characters as spaces, its line breaks kept."""
    return _escape(_CONTROL.sub(" ", value)).replace("\n", "<br>")


def contact_lines(service: dict[str, Any], lang: str) -> list[str]:
    """The service's contacts, then its channels not already listed, as "label: value".

    A value the label already holds is not repeated; a channel shows its value only when it is a
    number or an address to type (phone, web): a place's value is its name in English.
    """
    lines: list[str] = []
    seen: set[str] = set()
    for contact in service.get("contacts", []):
        label, value = pick(contact.get("label"), lang), str(contact.get("value") or "")
        seen.add(value)
        lines.append(f"{label}: {value}" if label and value and value not in label else label or value)
    for channel in service.get("channels", []):
        name, value = pick(channel.get("names"), lang), str(channel.get("value") or "")
        if value and value in seen:
            continue
        typed = channel.get("kind") in ("phone", "web") and value and value not in name
        lines.append(f"{name}: {value}" if typed else name or value)
    return [line for line in lines if line]


def _service_html(
    index: int, service: dict[str, Any], lang: str, channels: dict[str, dict[str, Any]], image: str
) -> tuple[str, str]:
    """One service's block of the sheet, and its QR payload."""
    words = SHEET_TEXT[lang]
    other = "en" if lang == "ko" else "ko"
    centre = _call_centre_text(channels, lang)
    out: list[str] = []

    def section(key: str, paragraphs: list[str]) -> None:
        out.append(f"<h3>{_escape(words[key])}</h3>")
        out.extend(f"<p>{_text(p)}</p>" for p in paragraphs)

    name = pick(service.get("names"), lang) or service.get("id", "")
    out.append(f"<h2>{index}. {_text(name)}</h2>")
    other_name = (service.get("names") or {}).get(other)
    if other_name and other_name != name:
        out.append(f'<p class="other">{_text(other_name)}</p>')
    current = service.get("current")
    today = pick(line(current, str(service.get("as_of") or "")), lang)
    out.append(f"<p><b>{_escape(words['today'])}:</b> {_text(today)}</p>")
    # Every sourced fact of today: who can get it and how to apply under their own headings, in place
    # of what the 2019 sources said (often that they did not say); the rest under "Today".
    today_facts: dict[str, list[str]] = {}
    for fact, text in zip((current or {}).get("facts", []), fact_lines(current, lang), strict=True):
        topic = fact.get("topic")
        today_facts.setdefault(topic if topic in ("eligibility", "how_to_apply") else "", []).append(text)
    out.extend(f'<p class="other">{_text(fact)}</p>' for fact in today_facts.get("", []))
    status = words.get(f"status_{service.get('status')}", str(service.get("status") or ""))
    as_of = words["as_of"].format(date=format_as_of(str(service.get("as_of") or ""), lang))
    out.append(f'<p class="other">{_escape(words["history"])}: {_text(status)} · {_text(as_of)}</p>')
    section("summary", [pick(service.get("summary"), lang)])
    section("eligibility", today_facts.get("eligibility") or [pick(service.get("eligibility"), lang)])
    section("how_to_apply", today_facts.get("how_to_apply") or [pick(service.get("how_to_apply"), lang)])
    documents = [pick(d, lang) for d in service.get("documents", [])]
    documents = [d for d in documents if d]
    if documents:
        out.append(f"<h3>{_escape(words['documents'])}</h3>")
        out.append("<ul>" + "".join(f"<li>{_text(d)}</li>" for d in documents) + "</ul>")
    else:
        section("documents", [words["unknown_documents"].format(call_centre=centre)])
    section("contact", contact_lines(service, lang) or [words["unknown_contact"].format(call_centre=centre)])

    payload = qr_payload(service, channels)
    if payload.startswith("tel:"):
        caption = words["qr_phone"].format(target=payload.removeprefix("tel:"))
    else:
        caption = words["qr_web"].format(target=payload)
    qr = (
        f'<img src="{_escape(image)}" width="{QR_SIDE}" height="{QR_SIDE}"><p class="qr">{_text(caption)}</p>'
    )
    block = (
        '<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
        f'<td valign="top">{"".join(out)}</td><td width="16"></td>'
        f'<td width="{QR_SIDE + 40}" valign="top" align="center">{qr}</td>'
        "</tr></table>"
    )
    return block, payload


def build_referral(
    services: list[dict[str, Any]],
    lang: str,
    today: date,
    channels: dict[str, dict[str, Any]],
    *,
    name_line: bool = True,
) -> ReferralSheet:
    """The referral sheet for `services` (Catalogue.get_service dicts, in the caseworker's order).

    `lang` is the client's language ("ko" or "en"); `channels` are the catalogue's channel records by
    id (`load_channels`), from which the call centre's name and number are read. `name_line` adds a
    blank line for the caseworker to write the client's name on.
    """
    from babel import dates

    if lang not in SHEET_LANGUAGES:
        raise ValueError(f"unsupported sheet language {lang!r}; choose one of {', '.join(SHEET_LANGUAGES)}")
    if not services:
        raise ValueError("a referral sheet needs at least one service")
    words = SHEET_TEXT[lang]
    title = words["title"]
    parts = [
        f'<html lang="{lang}"><head><meta charset="utf-8"><title>{_escape(title)}</title>'
        f"<style>{SHEET_CSS}</style></head><body>",
        f"<h1>{_escape(title)}</h1>",
        f'<p class="line">{_escape(words["date"])}: '
        f"{_escape(dates.format_date(today, format='long', locale=lang))}</p>",
    ]
    if name_line:
        parts.append(f'<p class="line">{_escape(words["client"])}: {"_" * 30}</p>')
    parts.append("<hr>")
    images: dict[str, bytes] = {}
    payloads: dict[str, str] = {}
    for index, service in enumerate(services, start=1):
        image = f"qr-{index}.png"
        block, payload = _service_html(index, service, lang, channels, image)
        images[image] = qr_png(payload)
        payloads[str(service.get("id", index))] = payload
        parts.append(block)
        parts.append("<hr>")
    parts.append("</body></html>")
    return ReferralSheet(
        lang=lang,
        title=title,
        html="".join(parts),
        footer=words["footer"].format(call_centre=_call_centre_text(channels, lang)),
        images=images,
        qr_payloads=payloads,
    )
