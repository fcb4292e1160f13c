"""The checks across the catalogue sources' records: ids are unique, every reference points at
something that exists, and the strategy's goals, programmes and actions are complete and consistent.
"""

from __future__ import annotations

import re
from typing import Any

from explorer.core.amounts import parse_budget_text
from explorer.core.limits import excerpt
from explorer.core.source_checkers import Problems, _q, _unique
from explorer.core.source_set import SourceSet

MAX_QUOTE = 400
_ACTION_ID = re.compile(r"^p(\d{2})-([as])(\d+)$")


def check_references(sources: SourceSet, problems: Problems) -> None:
    """Ids are unique and every cross-reference points at something that exists."""
    documents = _unique((d["id"] for d in sources.documents if "id" in d), "document", problems)
    categories = _unique((c["id"] for c in sources.categories if "id" in c), "category", problems)
    audiences = _unique((a["id"] for a in sources.audiences if "id" in a), "audience", problems)
    tiles = _unique((t["id"] for t in sources.tiles if "id" in t), "tile", problems)
    channels = _unique((c["id"] for c in sources.channels if "id" in c), "channel", problems)
    goals = _unique((g["number"] for g in sources.goals if "number" in g), "goal", problems)
    _unique((p["number"] for p in sources.programs if "number" in p), "program", problems)
    action_ids = [a["id"] for p in sources.programs for a in p.get("actions", []) if "id" in a]
    actions = _unique(action_ids, "action", problems)
    services = _unique((s["id"] for s in sources.services if "id" in s), "service", problems)

    for category in sources.categories:
        tile = category.get("easy_tile")
        if tile and tile not in tiles:
            problems.append(f"category {excerpt(category.get('id'))}: easy_tile {_q(tile)} is not a tile")
    for label, src in sources.all_sources():
        if src.get("document") and src["document"] not in documents:
            problems.append(f"{label}: source document {_q(src['document'])} is not in documents.toml")
        if len(src.get("quote", "")) > MAX_QUOTE:
            problems.append(f"{label}: a quote is longer than {MAX_QUOTE} characters; quote less")
    for program in sources.programs:
        where = program["_file"]
        number = program.get("number")
        if program.get("goal") not in goals:
            problems.append(f"{where}: goal {_q(program.get('goal'))} is not in strategy/goals.toml")
        for action in program.get("actions", []):
            _check_action(action, number, where, problems)
    terms = {term.get("id") for term in sources.parameters.get("definitions", {}).get("terms", [])}
    for service in sources.services:
        for p, path in enumerate(service.get("screening", [])):
            for c, condition in enumerate(path.get("conditions", [])):
                if "term" in condition and condition["term"] not in terms:
                    problems.append(
                        f"{service['_file']}: screening[{p}] condition[{c}].term: {_q(condition['term'])}"
                        " is not defined in parameters/definitions.toml"
                    )
    for service in sources.services:
        where = service["_file"]
        for key, known in (
            ("categories", categories),
            ("audiences", audiences),
            ("actions", actions),
            ("channels", channels),
            ("related", services),
        ):
            for ref in service.get(key, []):
                if ref not in known:
                    problems.append(f"{where}: {key}: {_q(ref)} does not exist")
        if service.get("id") in service.get("related", []):
            problems.append(f"{where}: related: a service cannot be related to itself")
        for key in ("categories", "audiences"):
            if key in service and not service[key]:
                problems.append(f"{where}: {key}: name at least one")
        has_actions = bool(service.get("actions"))
        outside = service.get("outside_strategy", False)
        if has_actions == outside:
            problems.append(
                f"{where}: name the strategy actions that deliver it, or set outside_strategy = true"
                " (not both)"
            )
        start, end = service.get("start_year"), service.get("end_year")
        if start and end and end < start:
            problems.append(f"{where}: end_year {end} is before start_year {start}")
    _check_strategy_complete(sources, problems)


def _check_strategy_complete(sources: SourceSet, problems: Problems) -> None:
    """Goals and programmes are numbered 1..N; every goal has programmes, every programme actions."""
    for what, numbers in (
        ("goal", [g.get("number") for g in sources.goals]),
        ("program", [p.get("number") for p in sources.programs]),
    ):
        present = {n for n in numbers if isinstance(n, int)}
        if not present:
            problems.append(f"strategy/: no {what}s")
            continue
        gaps = sorted(set(range(1, max(present) + 1)) - present)
        if gaps:
            problems.append(f"strategy/: {what}s {', '.join(map(str, gaps))} are missing")
    with_programs = {p.get("goal") for p in sources.programs}
    for goal in sources.goals:
        if "number" in goal and goal["number"] not in with_programs:
            problems.append(f"strategy/goals.toml: goal {goal.get('number')} has no programmes")
    for program in sources.programs:
        if not any(a.get("kind") == "action" for a in program.get("actions", [])):
            problems.append(f"{program['_file']}: no numbered ACTION")


def _check_action(action: dict[str, Any], program: Any, where: str, problems: Problems) -> None:
    if "id" not in action:
        return  # its problem is already named ("actions[0].id: missing")
    action_id = action["id"]
    match = _ACTION_ID.match(action_id)
    if not match:
        problems.append(f"{where}: action id {_q(action_id)} is not pNN-aN or pNN-sN")
        return
    if program is not None and int(match.group(1)) != program:
        problems.append(f"{where}: action {action_id} is filed under program {program}")
    kind = "action" if match.group(2) == "a" else "supporting"
    if action.get("kind") and action["kind"] != kind:
        problems.append(f"{where}: action {action_id} has kind {_q(action['kind'])}; its id says {kind}")
    if kind == "action" and action.get("number") != int(match.group(3)):
        problems.append(f"{where}: action {action_id} needs number = {int(match.group(3))}")
    if ("budget_krw" in action) != ("budget_text" in action):
        problems.append(f"{where}: action {action_id} needs both budget_krw and budget_text, or neither")
    if action.get("budget_krw") is not None and action["budget_krw"] < 0:
        problems.append(f"{where}: action {action_id} has a negative budget")
    if "budget_text" in action and "budget_krw" in action:
        parsed = parse_budget_text(action["budget_text"])
        if parsed != action["budget_krw"]:
            problems.append(
                f"{where}: action {action_id}: budget_krw {action['budget_krw']} does not match "
                f"budget_text {_q(action['budget_text'])} ({parsed})"
            )
    if "period" not in action and not any(
        "period" in note.get("en", "").lower() for note in action.get("notes", [])
    ):
        problems.append(
            f"{where}: action {action_id} has no period; add one, or a note saying the seed gives none"
        )
