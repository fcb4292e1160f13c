"""Rows of the catalogue's reference and strategy tables, and the pieces every record shares.

Writes the seed documents, tiles, categories, audiences and channels; the strategy's goals,
programs and actions; each record's quotes (`sources`); a service's state today with its outside
sources as documents; and `json_text`, the JSON form of the catalogue's text tables and lists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import jsonify_if_needed, quote_identifier

from explorer.core.sources import SourceSet


def json_text(value: Any) -> str | None:
    """JSON for a text table or list; None stays NULL."""
    if value is None:
        return None
    return _encode(value)


# What json.dumps(value, ensure_ascii=False, sort_keys=True) makes anew for every call, made once.
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


class Rows:
    """Rows gathered table by table, then written with one `executemany` per table.

    A build writes a few thousand rows; inserted one record at a time, each with its own savepoint
    and statement, they were a third of its time (and sqlite-utils' `insert_all`, which builds a
    multi-row INSERT per chunk, still a tenth). Each table's rows keep the order they were added
    in, so the file is the same as before; a key a row lacks is written as NULL, and values are
    converted as sqlite-utils converts them (`jsonify_if_needed`). `ignore` rows skip a row whose
    key is already there.
    """

    def __init__(self) -> None:
        self._tables: dict[tuple[str, bool], list[dict[str, Any]]] = {}

    def add(self, table: str, row: dict[str, Any], ignore: bool = False) -> None:
        self._tables.setdefault((table, ignore), []).append(row)

    def extend(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        self._tables.setdefault((table, False), []).extend(rows)

    def write(self, db: Database) -> None:
        """Insert every row gathered, tables in the order first added to; then forget them."""
        for (table, ignore), rows in self._tables.items():
            if not rows:
                continue
            columns = list(dict.fromkeys(key for row in rows for key in row))
            db.conn.executemany(
                f"INSERT{' OR IGNORE' if ignore else ''} INTO {quote_identifier(table)}"
                f" ({', '.join(map(quote_identifier, columns))}) VALUES ({', '.join('?' * len(columns))})",
                [[jsonify_if_needed(row.get(column)) for column in columns] for row in rows],
            )
        self._tables.clear()


def write_reference(rows: Rows, sources: SourceSet) -> None:
    """The seed documents, tiles, categories, audiences and channels (with their quotes)."""
    rows.extend(
        "documents",
        (
            {"id": d["id"], "year": d["year"], "title": json_text(d["title"]), "kind": "seed"}
            for d in sources.documents
        ),
    )
    rows.extend(
        "tiles",
        ({"id": t["id"], "label": json_text(t["label"]), "position": i} for i, t in enumerate(sources.tiles)),
    )
    rows.extend(
        "categories",
        (
            {"id": c["id"], "label": json_text(c["label"]), "easy_tile": c.get("easy_tile"), "position": i}
            for i, c in enumerate(sources.categories)
        ),
    )
    rows.extend(
        "audiences",
        (
            {"id": a["id"], "label": json_text(a["label"]), "position": i}
            for i, a in enumerate(sources.audiences)
        ),
    )
    for channel in sources.channels:
        rows.add(
            "channels",
            {
                "id": channel["id"],
                "kind": channel["kind"],
                "value": channel.get("value"),
                "name": json_text(channel["name"]),
                "description": json_text(channel["description"]),
            },
        )
        write_sources(rows, "channel", channel["id"], channel["sources"])


def write_sources(rows: Rows, owner_type: str, owner_id: Any, items: list[dict[str, str]]) -> None:
    """The quotes from the seeds that back one record, in their order."""
    rows.extend(
        "sources",
        (
            {
                "owner_type": owner_type,
                "owner_id": str(owner_id),
                "position": i,
                "document": s["document"],
                "section": s["section"],
                "quote": s["quote"],
            }
            for i, s in enumerate(items)
        ),
    )


def write_strategy(rows: Rows, sources: SourceSet) -> None:
    """The strategy's goals, programs and actions (with their quotes)."""
    for goal in sources.goals:
        rows.add(
            "goals",
            {
                "number": goal["number"],
                "name": json_text(goal["name"]),
                "description": json_text(goal.get("description")),
            },
        )
        write_sources(rows, "goal", goal["number"], goal["sources"])
    for program in sources.programs:
        rows.add(
            "programs",
            {
                "number": program["number"],
                "goal": program["goal"],
                "name": json_text(program["name"]),
                "description": json_text(program.get("description")),
            },
        )
        write_sources(rows, "program", program["number"], program["sources"])
        for position, action in enumerate(program["actions"]):
            period = action.get("period") or {}
            rows.add(
                "actions",
                {
                    "id": action["id"],
                    "program": program["number"],
                    "kind": action["kind"],
                    "number": action.get("number"),
                    "position": position,
                    "name": json_text(action["name"]),
                    "period_start": period.get("start"),
                    "period_end": period.get("end"),
                    "budget_krw": action.get("budget_krw"),
                    "budget_text": action.get("budget_text"),
                    "shocks_stresses": json_text(action.get("shocks_stresses")),
                    "resilience_goal": json_text(action.get("resilience_goal")),
                    "explanation": json_text(action.get("explanation")),
                    "departments": json_text(action.get("departments", [])),
                    "partners": json_text(action.get("partners", [])),
                    "initiatives": json_text(action.get("initiatives", [])),
                    "notes": json_text(action.get("notes", [])),
                },
            )
            write_sources(rows, "action", action["id"], action["sources"])


def outside_document_id(url: str) -> str:
    """The id of an outside source as a document: "outside:" and a short hash of its link."""
    return "outside:" + hashlib.sha256(url.encode()).hexdigest()[:16]


def write_current(rows: Rows, sid: str, current: dict[str, Any] | None) -> None:
    """The service's state today, and each outside source as a document of kind "outside"."""
    if current is None:
        return
    rows.add(
        "current_state",
        {
            "service_id": sid,
            "state": current["state"],
            "checked": current["checked"],
            "since": current.get("since"),
            "name": json_text(current.get("name")),
            "alt_names": json_text(current.get("alt_names", {})),
            "facts": json_text(current.get("facts", [])),
        },
    )
    for fact in current.get("facts", []):
        source = fact["source"]
        rows.add(
            "documents",
            {
                "id": outside_document_id(source["url"]),
                "year": int(source["published"][:4]),
                "title": json_text({"ko": source["title"], "en": source["title"]}),
                "kind": "outside",
                "publisher": source["publisher"],
                "published": source["published"],
                "url": source["url"],
            },
            ignore=True,
        )
