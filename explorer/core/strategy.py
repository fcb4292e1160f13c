"""The Resilient Seoul strategy (goals → programmes → actions) and the services each action delivers."""

from __future__ import annotations

import json
from typing import Any

from explorer.core.catalog import Catalogue


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else None


def read_strategy(catalogue: Catalogue) -> list[dict[str, Any]]:
    """The whole strategy as `explorer programs --json` prints it."""
    delivered: dict[str, list[str]] = {}
    for row in catalogue.query(
        "SELECT sa.action_id, sa.service_id FROM service_actions sa"
        " JOIN services s ON s.id = sa.service_id ORDER BY sa.action_id, s.position"
    ):
        delivered.setdefault(row["action_id"], []).append(row["service_id"])
    sources: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in catalogue.query(
        "SELECT owner_type, owner_id, document, section, quote FROM sources"
        " WHERE owner_type IN ('goal', 'program', 'action') ORDER BY owner_type, owner_id, position"
    ):
        key = (row.pop("owner_type"), row.pop("owner_id"))
        sources.setdefault(key, []).append(row)

    actions: dict[int, list[dict[str, Any]]] = {}
    for row in catalogue.query("SELECT * FROM actions ORDER BY program, position"):
        actions.setdefault(row["program"], []).append(
            {
                "id": row["id"],
                "kind": row["kind"],
                "number": row["number"],
                "names": _loads(row["name"]),
                "period": {"start": row["period_start"], "end": row["period_end"]}
                if row["period_start"] is not None
                else None,
                "budget_krw": row["budget_krw"],
                "budget_text": row["budget_text"],
                "departments": _loads(row["departments"]) or [],
                "partners": _loads(row["partners"]) or [],
                "shocks_stresses": _loads(row["shocks_stresses"]),
                "resilience_goal": _loads(row["resilience_goal"]),
                "explanation": _loads(row["explanation"]),
                "initiatives": _loads(row["initiatives"]) or [],
                "notes": _loads(row["notes"]) or [],
                "services": delivered.get(row["id"], []),
                "sources": sources.get(("action", row["id"]), []),
            }
        )
    programs: dict[int, list[dict[str, Any]]] = {}
    for row in catalogue.query("SELECT * FROM programs ORDER BY number"):
        programs.setdefault(row["goal"], []).append(
            {
                "number": row["number"],
                "names": _loads(row["name"]),
                "description": _loads(row["description"]),
                "actions": actions.get(row["number"], []),
                "sources": sources.get(("program", str(row["number"])), []),
            }
        )
    return [
        {
            "goal": row["number"],
            "names": _loads(row["name"]),
            "description": _loads(row["description"]),
            "programs": programs.get(row["number"], []),
            "sources": sources.get(("goal", str(row["number"])), []),
        }
        for row in catalogue.query("SELECT * FROM goals ORDER BY number")
    ]


def outside_services(catalogue: Catalogue) -> list[str]:
    """Services that belong to no action of the strategy."""
    rows = catalogue.query("SELECT id FROM services WHERE outside_strategy = 1 ORDER BY position")
    return [row["id"] for row in rows]
