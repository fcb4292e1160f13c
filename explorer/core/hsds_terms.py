"""The taxonomies of the HSDS export: the catalogue's categories and audiences, and the provenance
terms that carry every fact's source (HSDS 3 has no field for a source, so sources are attributes).

Identifiers are UUIDs (HSDS 3 requires them) made from the catalogue's own ids with uuid5 in one
fixed namespace, so the same service has the same identifier in every export.
"""

from __future__ import annotations

import uuid
from typing import Any

from explorer.core.i18n import N_, Messages, localizer_for

Text = dict[str, str]

#: The namespace of every identifier the export makes (uuid5 of a fixed name; never change it).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:seoul-services-explorer:hsds")


def uid(*parts: str) -> str:
    """The stable UUID of a thing named by its kind and the catalogue's own id(s)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def other_language(lang: str) -> str:
    """The catalogue's other language: the one that goes to `alternate_name`."""
    return "en" if lang == "ko" else "ko"


def text_in(texts: Text | None, lang: str) -> str:
    """A catalogue text in `lang`, else in the other language; "" when there is none."""
    if not texts:
        return ""
    return texts.get(lang) or texts.get(other_language(lang)) or ""


#: The export's taxonomies: key -> (name, description), message ids in the catalogues (the names in
#: the context "open data": a name may be a common word, said differently elsewhere).
TAXONOMIES: dict[str, tuple[tuple[str, str], str]] = {
    "categories": (
        Messages.pgettext("open data", "Seoul Services Explorer categories"),
        N_("The kinds of service in the Seoul Services Explorer catalogue (care, safety, housing)."),
    ),
    "audiences": (
        Messages.pgettext("open data", "Seoul Services Explorer audiences"),
        N_("Who a service is for (older people, young people, small-business owners, ...)."),
    ),
    "provenance": (
        Messages.pgettext("open data", "Seoul Services Explorer sources and state today"),
        N_(
            "Attributes that carry the source of every fact (document, section, quote) and each"
            " service's state today (with dated public sources). Values are text for people."
        ),
    ),
}

#: The provenance terms: code -> (name, description), message ids in the catalogues.
PROVENANCE_TERMS: dict[str, tuple[tuple[str, str], str]] = {
    "catalogue-id": (
        Messages.pgettext("open data", "Catalogue id"),
        N_("The id in the Seoul Services Explorer catalogue (`explorer show ID`)."),
    ),
    "source": (
        Messages.pgettext("open data", "Source"),
        N_("A document this record rests on: its title, section and a verbatim quote."),
    ),
    "seed-record": (
        Messages.pgettext("open data", "Status in the original sources"),
        N_(
            "The status the original documents (the 2019 strategy and others) gave, and its"
            " date: the history."
        ),
    ),
    "former-name": (
        Messages.pgettext("open data", "Former name"),
        N_("The name in the original documents."),
    ),
    "current-state": (
        Messages.pgettext("open data", "State today"),
        N_("The state today: one of running, renamed, changed, ended, never_started, unknown."),
    ),
    "current-checked": (
        Messages.pgettext("open data", "State today checked on"),
        N_("The date the state today was checked."),
    ),
    "current-since": (
        Messages.pgettext("open data", "State today since"),
        N_("When the state today began (where known)."),
    ),
    "current-fact": (
        Messages.pgettext("open data", "Fact today"),
        N_("A fact about the service today with its public source (publisher, title, date, link, quote)."),
    ),
    "figure": (
        Messages.pgettext("open data", "Figure"),
        N_("A number a source gives (a target, a count)."),
    ),
    "note": (
        Messages.pgettext("open data", "Note"),
        N_("A caveat about the record (a number in a source that looks wrong, ...)."),
    ),
    "strategy-action": (
        Messages.pgettext("open data", "Resilient Seoul action"),
        N_("The action of the Resilient Seoul strategy (2019) that delivers this service."),
    ),
    "department": (
        Messages.pgettext("open data", "Responsible department (2019)"),
        N_(
            "A department of the Seoul Metropolitan Government the 2019 strategy names for the"
            " service's action."
        ),
    ),
    "web-address": (
        Messages.pgettext("open data", "Web address"),
        N_("A website address a source gives."),
    ),
    "app": (
        Messages.pgettext("open data", "App"),
        N_("The name of a mobile app a source gives."),
    ),
    "place": (
        Messages.pgettext("open data", "Place"),
        N_("A place a source names (no address known)."),
    ),
}


def _taxonomy_name(key: str, lang: str) -> str:
    return localizer_for(lang).pgettext(*TAXONOMIES[key][0])


def taxonomy(key: str, lang: str) -> dict[str, Any]:
    """The HSDS taxonomy object of one of the export's taxonomies."""
    return {
        "id": uid("taxonomy", key),
        "name": _taxonomy_name(key, lang),
        "description": localizer_for(lang).gettext(TAXONOMIES[key][1]),
        "version": "1",
    }


def term(key: str, code: str, name: Text, description: Text, lang: str) -> dict[str, Any]:
    """An HSDS taxonomy_term of taxonomy `key` (the `/taxonomy_terms` answer adds `taxonomy_detail`)."""
    return {
        "id": uid("taxonomy_term", key, code),
        "code": code,
        "name": text_in(name, lang),
        "description": text_in(description, lang),
        "taxonomy": _taxonomy_name(key, lang),
        "taxonomy_id": uid("taxonomy", key),
        "language": lang,
    }


def provenance_term(code: str, lang: str) -> dict[str, Any]:
    """One of the provenance terms (`PROVENANCE_TERMS`)."""
    name, description = PROVENANCE_TERMS[code]
    words = localizer_for(lang)
    return term("provenance", code, {lang: words.pgettext(*name)}, {lang: words.gettext(description)}, lang)


def label_term(table: str, code: str, label: Text, lang: str) -> dict[str, Any]:
    """A category or audience as a term; its description gives the label in both languages."""
    other = other_language(lang)
    both = f"{text_in(label, lang)} ({label[other]})" if label.get(other) else text_in(label, lang)
    return term(table, code, label, {lang: both}, lang)


def attribute(
    owner_kind: str, owner_id: str, link_type: str, taxonomy_term: dict[str, Any], value: str, position: int
) -> dict[str, Any]:
    """An HSDS attribute linking `taxonomy_term` (and a value) to the owner (a service, a phone...)."""
    return {
        "id": uid("attribute", owner_kind, owner_id, link_type, str(position)),
        "link_id": owner_id,
        "link_type": link_type,
        "link_entity": owner_kind,
        "taxonomy_term_id": taxonomy_term["id"],
        "taxonomy_term": taxonomy_term,
        "value": value,
    }
