"""Datasette metadata for the built catalogue: `datasette -i services.db -m metadata.json` serves it
read-only as a web page and JSON API with a title, description, licence, its sources, a description
of every table and column, and canned queries (find a service by name, services today).

The metadata is written by `explorer export datasette-metadata FILE` from the catalogue it describes
(its build date, digest and sources are read from it); nothing here depends on Datasette itself.
"""

from __future__ import annotations

import html
from typing import Any

from explorer.core.catalog import Catalogue
from explorer.core.catalogue_file import virtual_tables
from explorer.core.hsds_terms import text_in

TITLE = "Seoul Services Explorer catalogue (서울 서비스 탐색기)"
DESCRIPTION = (
    "Seoul's citizen services (care, safety, Zero-Pay, housing, youth, 50+, childcare, small business"
    " and more) in Korean and English, as the Seoul Services Explorer builds them: every fact cites"
    " the document it comes from, and each service has its state today with dated public sources."
    " A fact that is not known is left out: ask 120 (the Dasan call centre). Text in two languages"
    ' is stored as JSON ({"ko": ..., "en": ...}); read it with json_extract(name, \'$.en\').'
)
#: The licence stated by default: the project's own (pyproject.toml); quotes stay their publishers'.
LICENSE = "MIT (the catalogue, as the Seoul Services Explorer project); quotes © their publishers"
SOURCE = "Seoul Services Explorer: the catalogue sources in db/ and the documents they cite"
#: Internal tables: search indexes and the migration log (Datasette hides FTS shadow tables itself).
HIDDEN = ("search_docs", "_sqlite_migrations", "parameters", "screening")

_TEXT = 'JSON: {"ko": ..., "en": ...}'
_LIST = 'JSON: {"ko": [...], "en": [...]}'
_SERVICE = "the service (services.id)"
_POSITION = "order within the service"

#: Every table of the catalogue: (description, {column: description}).
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "services": (
        "One row per service: the record as its seed documents gave it (the history). What it is today"
        " is in current_state.",
        {
            "id": "stable id (`explorer show ID`)",
            "position": "catalogue order (by Korean name)",
            "status": "active, planned, ended or unknown, as of as_of (the seed record)",
            "as_of": "the date the seed facts are as of (YYYY, YYYY-MM or YYYY-MM-DD)",
            "start_year": "the year it started or was to start",
            "end_year": "the year it ends",
            "outside_strategy": "1 when it belongs to no Resilient Seoul action",
            "name": f"the name used today, {_TEXT}",
            "alt_names": f"other names, abbreviations, romanisations, {_LIST}",
            "keywords": f"how a citizen would describe the need, {_LIST}",
            "summary": f"one or two plain sentences, {_TEXT}",
            "description": f"the fuller description, {_TEXT}",
            "eligibility": f"who can get it, as the source says, {_TEXT}",
            "benefits": f"what you get, {_TEXT}",
            "how_to_apply": f"how and where to apply or ask, {_TEXT}",
            "fees": f"cost to the user where a source states it, {_TEXT}",
            "notes": f"caveats and flags, JSON list of {_TEXT}",
            "seed_name": f"the name in the seed documents, where it differs today, {_TEXT}",
        },
    ),
    "current_state": (
        "What each service is today, apart from the seed record, each fact with a dated public source.",
        {
            "service_id": _SERVICE,
            "state": "running, renamed, changed, ended, never_started or unknown",
            "checked": "the day the state was checked",
            "since": "when this state began, where a source says",
            "name": f"the name today, where it changed, {_TEXT}",
            "alt_names": f"other names used today, {_LIST}",
            "facts": "JSON list of facts: topic, text (ko, en), source (publisher, title, published, url,"
            " quote)",
        },
    ),
    "sources": (
        "Where every fact comes from: a document, its section and a short verbatim quote (the build"
        " checks each quote occurs in the document).",
        {
            "owner_type": "what the source backs: service, channel, goal, program or action",
            "owner_id": "the id of that service, channel, goal, programme or action",
            "position": "order within the owner",
            "document": "the document (documents.id)",
            "section": "the heading in the document",
            "quote": "a short verbatim quote",
        },
    ),
    "documents": (
        "The source documents: the seeds (2017-2023) and the dated public pages behind today's facts.",
        {
            "id": "the seed's file name, or outside: and a hash of the link",
            "year": "the year of the document",
            "title": f"its title, {_TEXT}",
            "kind": "seed or outside",
            "publisher": "who published it (outside sources)",
            "published": "when it was published (outside sources)",
            "url": "its address (outside sources)",
        },
    ),
    "categories": (
        "The kinds of service.",
        {
            "id": "category id",
            "label": f"its name, {_TEXT}",
            "easy_tile": "the easy-mode tile it is under (tiles.id)",
            "position": "display order",
        },
    ),
    "audiences": (
        "Who services are for.",
        {"id": "audience id", "label": f"its name, {_TEXT}", "position": "display order"},
    ),
    "tiles": (
        "The six tiles of easy mode's first screen.",
        {"id": "tile id", "label": f"its words, {_TEXT}", "position": "display order"},
    ),
    "channels": (
        "Ways to reach the city that services point to (120, Eungdapso, the community centre, ...).",
        {
            "id": "channel id",
            "kind": "phone, web or place",
            "value": "the number, address or place as the seeds give it",
            "name": f"its name, {_TEXT}",
            "description": f"what it is for, {_TEXT}",
        },
    ),
    "goals": (
        "The three goals of the Resilient Seoul strategy (2019).",
        {"number": "goal number", "name": f"its name, {_TEXT}", "description": f"its description, {_TEXT}"},
    ),
    "programs": (
        "The programmes of the Resilient Seoul strategy.",
        {
            "number": "programme number",
            "goal": "the goal (goals.number)",
            "name": f"its name, {_TEXT}",
            "description": f"its description, {_TEXT}",
        },
    ),
    "actions": (
        "The strategy's actions and supporting actions, with period, budget, departments and partners.",
        {
            "id": "action id (p07-a1: programme 7, action 1; -s for a supporting action)",
            "program": "the programme (programs.number)",
            "kind": "action or supporting",
            "number": "its number within the programme",
            "position": "order within the programme",
            "name": f"its name, {_TEXT}",
            "period_start": "first year",
            "period_end": "last year, where given",
            "budget_krw": "budget in won, as the source gives it",
            "budget_text": "the budget as written in the source",
            "shocks_stresses": f"the shocks and stresses it addresses, {_TEXT}",
            "resilience_goal": f"its resilience goal, {_TEXT}",
            "explanation": f"explanation, {_TEXT}",
            "departments": f"responsible departments, JSON list of {_TEXT}",
            "partners": f"partners, JSON list of {_TEXT}",
            "initiatives": f"its initiatives, JSON list of {_TEXT}",
            "notes": f"caveats, JSON list of {_TEXT}",
        },
    ),
    "contacts": (
        "Phones, websites, apps and places the sources give for a service.",
        {
            "service_id": _SERVICE,
            "position": _POSITION,
            "kind": "phone, web, app or place",
            "value": "the number, address, app or place",
            "label": f"what it is, {_TEXT}",
            "source": "JSON: its source (document, section, quote, or an outside source)",
        },
    ),
    "figures": (
        "Numbers the sources give for a service (targets, counts, thresholds).",
        {
            "service_id": _SERVICE,
            "position": _POSITION,
            "value": "the number, as text",
            "label": f"what it counts, {_TEXT}",
            "source": "JSON: its source",
        },
    ),
    "schedules": (
        "Opening hours, only where a source states them.",
        {"service_id": _SERVICE, "position": _POSITION, "text": f"the hours, {_TEXT}"},
    ),
    "required_documents": (
        "Documents to bring, only where a source names them.",
        {"service_id": _SERVICE, "position": _POSITION, "text": f"the document, {_TEXT}"},
    ),
    "service_categories": (
        "A service's categories.",
        {"service_id": _SERVICE, "category_id": "categories.id", "position": "order"},
    ),
    "service_audiences": (
        "A service's audiences.",
        {"service_id": _SERVICE, "audience_id": "audiences.id", "position": "order"},
    ),
    "service_actions": (
        "The strategy actions that deliver a service.",
        {"service_id": _SERVICE, "action_id": "actions.id", "position": "order"},
    ),
    "service_channels": (
        "Where to apply for or ask about a service.",
        {"service_id": _SERVICE, "channel_id": "channels.id", "position": "order"},
    ),
    "service_related": (
        "Related services.",
        {"service_id": _SERVICE, "related_id": "the related service (services.id)", "position": "order"},
    ),
    "screening": (
        "Screening rules as data: the ways to qualify for a service (`explorer screen`).",
        {"service_id": _SERVICE, "paths": "JSON list of paths, each with its conditions and their sources"},
    ),
    "parameters": (
        "Dated parameter tables with sources (the standard median income).",
        {"name": "parameter name", "value": "JSON: the dated values and their sources"},
    ),
    "meta": (
        "How the catalogue was built: schema version, program, date, digests.",
        {"key": "what", "value": "its value"},
    ),
    "search_docs": (
        "What search compares, precomputed per service.",
        {"service_id": _SERVICE, "entries": "JSON list of search entries"},
    ),
    "_sqlite_migrations": (
        "The schema migrations applied (sqlite-utils).",
        {
            "id": "row id",
            "migration_set": "the migration set",
            "name": "migration name",
            "applied_at": "when it was applied",
        },
    ),
}

FIND_SERVICE_SQL = """select s.id,
  json_extract(s.name, '$.ko') as name_ko,
  json_extract(s.name, '$.en') as name_en,
  json_extract(s.summary, '$.en') as summary_en,
  c.state as state_today,
  c.checked
from services s left join current_state c on c.service_id = s.id
where :q <> '' and (s.name like '%' || :q || '%' or s.alt_names like '%' || :q || '%'
  or s.seed_name like '%' || :q || '%' or c.name like '%' || :q || '%' or c.alt_names like '%' || :q || '%')
order by s.position"""

TODAY_SQL = """select s.id, json_extract(s.name, '$.ko') as name_ko, json_extract(s.name, '$.en') as name_en,
  c.state, c.checked, c.since, json_array_length(c.facts) as facts
from services s left join current_state c on c.service_id = s.id
order by c.state, s.position"""


def _sources_html(catalogue: Catalogue) -> str:
    """The seed documents by title, and how many dated public sources stand behind today's facts."""
    rows = catalogue.query("SELECT id, title, year, kind FROM documents ORDER BY kind DESC, id")
    seeds = [row for row in rows if row["kind"] != "outside"]
    outside = len(rows) - len(seeds)
    items = "".join(
        f"<li>{html.escape(text_in(catalogue.loads(row['title']), 'en'))} ({html.escape(row['id'])})</li>"
        for row in seeds
    )
    return (
        f"<p>{html.escape(DESCRIPTION)}</p><p>Sources: the documents below, and {outside} dated public"
        " sources (publisher, title, date, link) behind the facts of today (table <code>documents</code>,"
        f" kind <code>outside</code>). Every fact names its source in <code>sources</code> or"
        f" <code>current_state.facts</code>.</p><ul>{items}</ul>"
    )


def datasette_metadata(
    catalogue: Catalogue, database: str, license_name: str = LICENSE, license_url: str | None = None
) -> dict[str, Any]:
    """Datasette metadata for `catalogue`, served under the database name `database` (the file's stem)."""
    meta = catalogue.meta
    existing = {
        row["name"]
        for row in catalogue.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not row["name"].startswith("sqlite_")
    }
    shadows = {
        name for name in existing for fts in virtual_tables(catalogue.connection) if name.startswith(fts)
    }
    tables: dict[str, Any] = {}
    for name in sorted(existing - shadows):
        description, columns = TABLES.get(name, ("", {}))
        entry: dict[str, Any] = {"description": description} if description else {}
        if columns:
            entry["columns"] = columns
        if name in HIDDEN:
            entry["hidden"] = True
        if entry:
            tables[name] = entry
    about = (
        f"Built {meta.get('built_at', '?')} by {meta.get('built_by', '?')}, schema version"
        f" {meta.get('schema_version', '?')}, {meta.get('content_digest', '')}"
    )
    out: dict[str, Any] = {
        "title": TITLE,
        "description_html": _sources_html(catalogue),
        "license": license_name,
        "source": SOURCE,
        "about": about,
        "databases": {
            database: {
                "title": TITLE,
                "description": DESCRIPTION,
                "tables": tables,
                "queries": {
                    "find_service": {
                        "title": "Find a service by name (Korean or English)",
                        "description": "Any part of a name, another name or the name today:"
                        " 제로페이, Zero-Pay, 돌봄",
                        "sql": FIND_SERVICE_SQL,
                    },
                    "services_today": {
                        "title": "Every service's state today",
                        "description": "running, renamed, changed, ended, never started or unknown, with"
                        " the day it was checked",
                        "sql": TODAY_SQL,
                    },
                },
            }
        },
    }
    if license_url:
        out["license_url"] = license_url
    return out
