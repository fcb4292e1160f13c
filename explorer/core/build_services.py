"""Rows of the catalogue's services and of everything linked to each service.

A service's row comes first (`write_service_rows`, in the order of the name it goes by today);
its links, documents, schedules, contacts, figures, quotes, state today, screening paths and
search rows follow (`write_service_links`) once every service exists, so `related` can point
forwards.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from explorer.core.build_records import Rows, json_text, write_current, write_sources
from explorer.core.build_search import SEARCH_FTS, SERVICES_FTS, fts_rows, search_entries, search_row
from explorer.core.sources import SourceSet
from explorer.core.textnorm import WordsMemo

_TEXT_FIELDS = ("name", "summary", "description", "eligibility", "benefits", "how_to_apply", "fees")


def write_service_rows(rows: Rows, sources: SourceSet) -> list[dict[str, Any]]:
    """One row per service, in the order of the Korean name it goes by today; return them in that order."""
    ordered = sorted(sources.services, key=lambda s: (_name_today(s)["ko"], s["id"]))
    for position, service in enumerate(ordered):
        row: dict[str, Any] = {
            "id": service["id"],
            "position": position,
            "status": service["status"],
            "as_of": service["as_of"],
            "start_year": service.get("start_year"),
            "end_year": service.get("end_year"),
            "outside_strategy": int(service.get("outside_strategy", False)),
            "alt_names": json_text(service.get("alt_names", {})),
            "keywords": json_text(service["keywords"]),
            "notes": json_text(service.get("notes", [])),
        }
        row.update({key: json_text(service.get(key)) for key in _TEXT_FIELDS})
        row["name"] = json_text(_name_today(service))
        row["seed_name"] = json_text(service["name"])
        rows.add("services", row)
    return ordered


def write_service_links(db: Database, ordered: list[dict[str, Any]]) -> None:
    """Everything linked to each service, once every service has its row: gathered, then written
    table by table at the end (the full-text indexes' rows in one `executemany` each, services in
    order, so their rowids are as if written one by one)."""
    rows = Rows()
    plain: list[tuple[Any, ...]] = []  # rows of the plain full-text index
    korean: list[tuple[Any, ...]] = []  # rows of the Korean-aware index
    split = WordsMemo()  # each text split into words once, for the index and the search entries
    for service in ordered:
        sid = service["id"]
        for table, key, column in (
            ("service_categories", "categories", "category_id"),
            ("service_audiences", "audiences", "audience_id"),
            ("service_actions", "actions", "action_id"),
            ("service_channels", "channels", "channel_id"),
            ("service_related", "related", "related_id"),
        ):
            rows.extend(
                table,
                (
                    {"service_id": sid, column: ref, "position": i}
                    for i, ref in enumerate(service.get(key, []))
                ),
            )
        for table, key in (("required_documents", "documents"), ("schedules", "schedules")):
            rows.extend(
                table,
                (
                    {"service_id": sid, "position": i, "text": json_text(text)}
                    for i, text in enumerate(service.get(key, []))
                ),
            )
        rows.extend(
            "contacts",
            (
                {
                    "service_id": sid,
                    "position": i,
                    "kind": c["kind"],
                    "value": c["value"],
                    "label": json_text(c["label"]),
                    "source": json_text(c["source"]),
                }
                for i, c in enumerate(service.get("contacts", []))
            ),
        )
        rows.extend(
            "figures",
            (
                {
                    "service_id": sid,
                    "position": i,
                    "value": f["value"],
                    "label": json_text(f["label"]),
                    "source": json_text(f["source"]),
                }
                for i, f in enumerate(service.get("figures", []))
            ),
        )
        write_sources(rows, "service", sid, service["sources"])
        write_current(rows, sid, service.get("current"))
        if service.get("screening"):
            rows.add("screening", {"service_id": sid, "paths": json_text(service["screening"])})
        plain.extend(fts_rows(service))
        korean.append(search_row(service, split))
        search_entries(rows, service, split)
    db.conn.executemany(SERVICES_FTS, plain)
    db.conn.executemany(SEARCH_FTS, korean)
    rows.write(db)


def _name_today(service: dict[str, Any]) -> dict[str, str]:
    """The name a service goes by today: its current name where it changed, else the seeds' name."""
    current = (service.get("current") or {}).get("name")
    return {**service["name"], **current} if current else service["name"]
