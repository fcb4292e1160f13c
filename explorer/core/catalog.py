"""Open the built catalogue read-only and read services from it.

`open_catalogue` refuses, with a one-line `CatalogueError`, anything that is not a whole catalogue
of this program's schema version: a missing, empty, truncated or random file, another version, or a
file whose pages SQLite's `quick_check` finds damaged (the file's own checks live in
`explorer.core.catalogue_file`). Every query and every stored JSON value read through `Catalogue`
turns SQLite's whole error family (and undecodable or invalid stored text) into that same kind of
message, so a damaged file never ends in a traceback. The SQL that reads services lives here.

Reading uses the sqlite3 module alone (sqlite-utils is for building), which keeps start-up quick.
`ensure_catalogue` (re)builds the default catalogue from the sources first when it is missing or the
sources have changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.core.catalogue_file import (
    JSON_PARTS,
    READ_ERRORS,
    check_version,
    connect_read_only,
    damaged,
    loads_stored,
    quick_check,
    read_meta,
    rebuild_hint,
)
from explorer.core.errors import CatalogueError, NotFoundError
from explorer.core.i18n import _


class Catalogue:
    """A read-only view of the built catalogue. Methods return plain dicts and lists (JSON-ready)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str]) -> None:
        self.path = path
        self.meta = meta
        self._conn = conn

    @property
    def connection(self) -> sqlite3.Connection:
        """The read-only SQLite connection (for search and checks that need SQL)."""
        return self._conn

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ------------------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only SQL query as dicts; a damaged file raises CatalogueError.

        Any sqlite3.Error (a damaged page, a search index whose settings cannot be read: "vtable
        constructor failed") and stored text that is not UTF-8 become the one-line message.
        """
        try:
            cursor = self._conn.execute(sql, params)
            columns = [d[0] for d in cursor.description]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except READ_ERRORS as exc:
            raise damaged(self.path, exc) from exc

    def _loads(self, value: str | None) -> Any:
        """A stored JSON value (None stays None); CatalogueError when it is not valid JSON."""
        return loads_stored(value, self.path)

    def loads(self, value: str | None) -> Any:
        """A JSON value read from this catalogue with `query` (None stays None); CatalogueError with
        the damaged-catalogue message when the stored text is not valid JSON."""
        return loads_stored(value, self.path)

    def service_ids(self) -> list[str]:
        """Every service id, in catalogue order (by Korean name)."""
        return [row["id"] for row in self.query("SELECT id FROM services ORDER BY position")]

    def labels(self, table: str) -> dict[str, dict[str, str]]:
        """Labels of `categories`, `audiences` or `tiles`, by id, in their defined order."""
        if table not in ("categories", "audiences", "tiles"):
            raise ValueError(table)
        rows = self.query(f"SELECT id, label FROM {table} ORDER BY position")
        return {row["id"]: self._loads(row["label"]) for row in rows}

    def documents(self) -> dict[str, dict[str, str]]:
        """The source documents' titles by file name."""
        rows = self.query("SELECT id, title FROM documents ORDER BY id")
        return {row["id"]: self._loads(row["title"]) for row in rows}

    def category_tiles(self) -> list[dict[str, Any]]:
        """Each category's id and the easy-mode tile it belongs to (`easy_tile`), in their order."""
        return self.query("SELECT id, easy_tile FROM categories ORDER BY position")

    def channels(self) -> dict[str, dict[str, Any]]:
        """Every contact channel by id: {"kind", "value", "names"} (names by language)."""
        rows = self.query("SELECT id, kind, value, name FROM channels ORDER BY id")
        return {
            row["id"]: {"kind": row["kind"], "value": row["value"], "names": self._loads(row["name"]) or {}}
            for row in rows
        }

    def channel_sources(self) -> dict[str, list[dict[str, Any]]]:
        """The sources of each contact channel (document, section, quote), by channel id."""
        out: dict[str, list[dict[str, Any]]] = {}
        for row in self.query(
            "SELECT owner_id, document, section, quote FROM sources WHERE owner_type = 'channel'"
            " ORDER BY owner_id, position"
        ):
            out.setdefault(row.pop("owner_id"), []).append(row)
        return out

    def all_labels(self) -> dict[str, dict[str, dict[str, str]]]:
        """Category, audience and tile labels, for presenting services."""
        return {table: self.labels(table) for table in ("categories", "audiences", "tiles")}

    def _links(self, table: str, column: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for row in self.query(f"SELECT service_id, {column} FROM {table} ORDER BY service_id, position"):
            out.setdefault(row["service_id"], []).append(row[column])
        return out

    def _sources(self, owner_type: str) -> dict[str, list[dict[str, str]]]:
        out: dict[str, list[dict[str, str]]] = {}
        rows = self.query(
            "SELECT owner_id, document, section, quote FROM sources WHERE owner_type = ?"
            " ORDER BY owner_id, position",
            (owner_type,),
        )
        for row in rows:
            owner = row.pop("owner_id")
            out.setdefault(owner, []).append(row)
        return out

    def list_services(self) -> list[dict[str, Any]]:
        """Every service in the short form of `explorer list --json`."""
        categories = self._links("service_categories", "category_id")
        audiences = self._links("service_audiences", "audience_id")
        sources = self._sources("service")
        current = self.current_states()
        rows = self.query("SELECT id, status, as_of, name, summary FROM services ORDER BY position")
        return [
            {
                "id": row["id"],
                "names": self._loads(row["name"]),
                "summary": self._loads(row["summary"]),
                "categories": categories.get(row["id"], []),
                "audiences": audiences.get(row["id"], []),
                "status": row["status"],
                "as_of": row["as_of"],
                "current": current.get(row["id"]),
                "sources": sources.get(row["id"], []),
            }
            for row in rows
        ]

    def ended_services(self) -> list[str]:
        """Ids of the services known to have ended or never started."""
        rows = self.query("SELECT service_id FROM current_state WHERE state IN ('ended', 'never_started')")
        return [row["service_id"] for row in rows]

    def current_states(self) -> dict[str, dict[str, Any]]:
        """Every service's state today (see `current_of`), by id; a service without a record is absent."""
        rows = self.query("SELECT * FROM current_state")
        return {row["service_id"]: _current_row(row, self._loads) for row in rows}

    def current_of(self, service_id: str) -> dict[str, Any] | None:
        """What the service is today: {"state", "checked", "since", "name", "alt_names", "facts"}."""
        rows = self.query("SELECT * FROM current_state WHERE service_id = ?", (service_id,))
        return _current_row(rows[0], self._loads) if rows else None

    def screening_rules(self) -> list[dict[str, Any]]:
        """Every service's screening rules in catalogue order: id, names, status, as_of, end_year and
        paths ([] where none)."""
        rows = self.query(
            "SELECT s.id, s.name, s.status, s.as_of, s.end_year, r.paths, c.state AS current_state,"
            " c.since AS current_since FROM services s"
            " LEFT JOIN screening r ON r.service_id = s.id"
            " LEFT JOIN current_state c ON c.service_id = s.id ORDER BY s.position"
        )
        return [
            {
                "id": row["id"],
                "names": self._loads(row["name"]),
                "status": row["status"],
                "as_of": row["as_of"],
                "end_year": row["end_year"],
                "current_state": row["current_state"],
                "current_since": row["current_since"],
                "paths": self._loads(row["paths"]) or [],
            }
            for row in rows
        ]

    def parameter(self, name: str) -> Any:
        """A dated parameter table (`median_income`); CatalogueError when the catalogue lacks it."""
        rows = self.query("SELECT value FROM parameters WHERE name = ?", (name,))
        if not rows:
            raise CatalogueError(
                _("The catalogue {path} has no {name} parameters; {hint}").format(
                    path=self.path, name=name, hint=rebuild_hint()
                )
            )
        return self._loads(rows[0]["value"])

    def get_service(self, service_id: str) -> dict[str, Any]:
        """One service with every field; NotFoundError when the id is unknown."""
        rows = self.query("SELECT * FROM services WHERE id = ?", (service_id,))
        if not rows:
            raise NotFoundError(
                _("No service has the id {id}; `explorer list` shows them all").format(id=repr(service_id))
            )
        row = rows[0]
        sid = row["id"]

        def linked(table: str, column: str) -> list[str]:
            return [
                r[column]
                for r in self.query(
                    f"SELECT {column} FROM {table} WHERE service_id = ? ORDER BY position", (sid,)
                )
            ]

        def parts(table: str) -> list[dict[str, Any]]:
            out = []
            for r in self.query(f"SELECT * FROM {table} WHERE service_id = ? ORDER BY position", (sid,)):
                r.pop("service_id")
                r.pop("position")
                out.append({k: (self._loads(v) if k in JSON_PARTS else v) for k, v in r.items()})
            return out

        channels = self.query(
            "SELECT c.id, c.kind, c.value, c.name, c.description FROM service_channels sc"
            " JOIN channels c ON c.id = sc.channel_id WHERE sc.service_id = ? ORDER BY sc.position",
            (sid,),
        )
        actions = self.query(
            "SELECT a.id, a.kind, a.number, a.name, a.program, p.name AS program_name, p.goal,"
            " g.name AS goal_name FROM service_actions sa JOIN actions a ON a.id = sa.action_id"
            " JOIN programs p ON p.number = a.program JOIN goals g ON g.number = p.goal"
            " WHERE sa.service_id = ? ORDER BY sa.position",
            (sid,),
        )
        related = self.query(
            "SELECT s.id, s.name FROM service_related r JOIN services s ON s.id = r.related_id"
            " WHERE r.service_id = ? ORDER BY r.position",
            (sid,),
        )
        return {
            "id": sid,
            "names": self._loads(row["name"]),
            "seed_names": self._loads(row["seed_name"]) or self._loads(row["name"]),
            "alt_names": self._loads(row["alt_names"]) or {},
            "keywords": self._loads(row["keywords"]) or {},
            "summary": self._loads(row["summary"]),
            "description": self._loads(row["description"]),
            "eligibility": self._loads(row["eligibility"]),
            "benefits": self._loads(row["benefits"]),
            "how_to_apply": self._loads(row["how_to_apply"]),
            "fees": self._loads(row["fees"]),
            "status": row["status"],
            "as_of": row["as_of"],
            "start_year": row["start_year"],
            "end_year": row["end_year"],
            "categories": linked("service_categories", "category_id"),
            "audiences": linked("service_audiences", "audience_id"),
            "documents": [d["text"] for d in parts("required_documents")],
            "contacts": parts("contacts"),
            "schedules": [s["text"] for s in parts("schedules")],
            "figures": parts("figures"),
            "channels": [
                {
                    "id": c["id"],
                    "kind": c["kind"],
                    "value": c["value"],
                    "names": self._loads(c["name"]),
                    "description": self._loads(c["description"]),
                }
                for c in channels
            ],
            "strategy": {
                "outside_strategy": bool(row["outside_strategy"]),
                "actions": [
                    {
                        "id": a["id"],
                        "kind": a["kind"],
                        "number": a["number"],
                        "names": self._loads(a["name"]),
                        "program": {"number": a["program"], "names": self._loads(a["program_name"])},
                        "goal": {"number": a["goal"], "names": self._loads(a["goal_name"])},
                    }
                    for a in actions
                ],
            },
            "related": [{"id": r["id"], "names": self._loads(r["name"])} for r in related],
            "notes": self._loads(row["notes"]) or [],
            "sources": self._sources_of("service", sid),
            "screening": self._screening_of(sid),
            "current": self.current_of(sid),
        }

    def _screening_of(self, service_id: str) -> list[dict[str, Any]]:
        rows = self.query("SELECT paths FROM screening WHERE service_id = ?", (service_id,))
        return self._loads(rows[0]["paths"]) if rows else []

    def _sources_of(self, owner_type: str, owner_id: str) -> list[dict[str, str]]:
        return self.query(
            "SELECT document, section, quote FROM sources WHERE owner_type = ? AND owner_id = ?"
            " ORDER BY position",
            (owner_type, owner_id),
        )


def _current_row(row: dict[str, Any], loads: Callable[[str | None], Any]) -> dict[str, Any]:
    return {
        "state": row["state"],
        "checked": row["checked"],
        "since": row["since"],
        "name": loads(row["name"]),
        "alt_names": loads(row["alt_names"]) or {},
        "facts": loads(row["facts"]) or [],
    }


def open_catalogue(path: Path) -> Catalogue:
    """Open `path` read-only and check it is an undamaged catalogue of this schema version.

    The check is SQLite's `quick_check` (a few ms); `explorer db check` does the thorough one
    (integrity_check, the content digest and the full-text indexes' own checks).
    """
    conn = connect_read_only(path)
    try:
        quick_check(conn, path)
        meta = read_meta(conn, path)
        check_version(meta, path)
        return Catalogue(path, conn, meta)
    except BaseException:
        conn.close()
        raise
