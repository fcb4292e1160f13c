"""The checks across the catalogue sources' records: ids are unique, every reference points at
something that exists, and the strategy's goals, programmes and actions are complete and consistent.
"""

from __future__ import annotations

import re
from typing import Any

from explorer.core.amounts import parse_budget_text
from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.problems import N_
from explorer.core.source_checkers import Problems, _q, _unique
from explorer.core.source_set import SourceSet

MAX_QUOTE = 400
_ACTION_ID = re.compile(r"^p(\d{2})-([as])(\d+)$")


def check_references(sources: SourceSet, problems: Problems) -> None:
    """Ids are unique and every cross-reference points at something that exists."""
    documents = _unique((d["id"] for d in sources.documents if "id" in d), N_("document"), problems)
    categories = _unique((c["id"] for c in sources.categories if "id" in c), N_("category"), problems)
    audiences = _unique((a["id"] for a in sources.audiences if "id" in a), N_("audience"), problems)
    tiles = _unique((t["id"] for t in sources.tiles if "id" in t), N_("tile"), problems)
    channels = _unique((c["id"] for c in sources.channels if "id" in c), N_("channel"), problems)
    goals = _unique((g["number"] for g in sources.goals if "number" in g), N_("goal"), problems)
    _unique((p["number"] for p in sources.programs if "number" in p), N_("program"), problems)
    action_ids = [a["id"] for p in sources.programs for a in p.get("actions", []) if "id" in a]
    actions = _unique(action_ids, N_("action"), problems)
    services = _unique((s["id"] for s in sources.services if "id" in s), N_("service"), problems)

    for category in sources.categories:
        tile = category.get("easy_tile")
        if tile and tile not in tiles:
            problems.append(
                _("category {id}: {key} {tile} is not a tile").format(
                    id=excerpt(category.get("id")), key="easy_tile", tile=_q(tile)
                )
            )
    for label, src in sources.all_sources():
        if src.get("document") and src["document"] not in documents:
            problems.append(
                _("{where}: source document {document} is not in {file}").format(
                    where=label, document=_q(src["document"]), file="documents.toml"
                )
            )
        if len(src.get("quote", "")) > MAX_QUOTE:
            problems.append(
                _("{where}: a quote is longer than {count} characters; quote less").format(
                    where=label, count=MAX_QUOTE
                )
            )
    for program in sources.programs:
        where = program["_file"]
        number = program.get("number")
        if program.get("goal") not in goals:
            problems.append(
                _("{where}: goal {goal} is not in {file}").format(
                    where=where, goal=_q(program.get("goal")), file="strategy/goals.toml"
                )
            )
        for action in program.get("actions", []):
            _check_action(action, number, where, problems)
    terms = {term.get("id") for term in sources.parameters.get("definitions", {}).get("terms", [])}
    for service in sources.services:
        for p, path in enumerate(service.get("screening", [])):
            for c, condition in enumerate(path.get("conditions", [])):
                if "term" in condition and condition["term"] not in terms:
                    problems.append(
                        _("{where}: {term} is not defined in {file}").format(
                            where=f"{service['_file']}: screening[{p}] condition[{c}].term",
                            term=_q(condition["term"]),
                            file="parameters/definitions.toml",
                        )
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
                    problems.append(
                        _("{where}: {key}: {id} does not exist").format(where=where, key=key, id=_q(ref))
                    )
        if service.get("id") in service.get("related", []):
            problems.append(
                _("{where}: {key}: a service cannot be related to itself").format(where=where, key="related")
            )
        for key in ("categories", "audiences"):
            if key in service and not service[key]:
                problems.append(_("{where}: {key}: name at least one").format(where=where, key=key))
        has_actions = bool(service.get("actions"))
        outside = service.get("outside_strategy", False)
        if has_actions == outside:
            problems.append(
                _("{where}: name the strategy actions that deliver it, or set {setting} (not both)").format(
                    where=where, setting="outside_strategy = true"
                )
            )
        start, end = service.get("start_year"), service.get("end_year")
        if start and end and end < start:
            problems.append(
                _("{where}: {end_key} {end} is before {start_key} {start}").format(
                    where=where, end_key="end_year", end=end, start_key="start_year", start=start
                )
            )
    _check_strategy_complete(sources, problems)


def _check_strategy_complete(sources: SourceSet, problems: Problems) -> None:
    """Goals and programmes are numbered 1..N; every goal has programmes, every programme actions."""
    for numbers, none, missing in (
        (
            [g.get("number") for g in sources.goals],
            N_("{folder}: no goals"),
            N_("{folder}: goals {numbers} are missing"),
        ),
        (
            [p.get("number") for p in sources.programs],
            N_("{folder}: no programs"),
            N_("{folder}: programs {numbers} are missing"),
        ),
    ):
        present = {n for n in numbers if isinstance(n, int)}
        if not present:
            problems.append(_(none).format(folder="strategy/"))
            continue
        gaps = sorted(set(range(1, max(present) + 1)) - present)
        if gaps:
            problems.append(_(missing).format(folder="strategy/", numbers=", ".join(map(str, gaps))))
    with_programs = {p.get("goal") for p in sources.programs}
    for goal in sources.goals:
        if "number" in goal and goal["number"] not in with_programs:
            problems.append(
                _("{file}: goal {number} has no programmes").format(
                    file="strategy/goals.toml", number=goal.get("number")
                )
            )
    for program in sources.programs:
        if not any(a.get("kind") == "action" for a in program.get("actions", [])):
            problems.append(_("{file}: no numbered ACTION").format(file=program["_file"]))


def _check_action(action: dict[str, Any], program: Any, where: str, problems: Problems) -> None:
    if "id" not in action:
        return  # its problem is already named ("actions[0].id: missing")
    action_id = action["id"]
    match = _ACTION_ID.match(action_id)
    if not match:
        problems.append(
            _("{where}: action id {id} is not pNN-aN or pNN-sN").format(where=where, id=_q(action_id))
        )
        return
    if program is not None and int(match.group(1)) != program:
        problems.append(
            _("{where}: action {id} is filed under program {program}").format(
                where=where, id=action_id, program=program
            )
        )
    kind = "action" if match.group(2) == "a" else "supporting"
    if action.get("kind") and action["kind"] != kind:
        problems.append(
            _("{where}: action {id} has {key} {kind}; its id says {wanted}").format(
                where=where, id=action_id, key="kind", kind=_q(action["kind"]), wanted=kind
            )
        )
    if kind == "action" and action.get("number") != int(match.group(3)):
        problems.append(
            _("{where}: action {id} needs {setting}").format(
                where=where, id=action_id, setting=f"number = {int(match.group(3))}"
            )
        )
    if ("budget_krw" in action) != ("budget_text" in action):
        problems.append(
            _("{where}: action {id} needs both {amount} and {text}, or neither").format(
                where=where, id=action_id, amount="budget_krw", text="budget_text"
            )
        )
    if action.get("budget_krw") is not None and action["budget_krw"] < 0:
        problems.append(_("{where}: action {id} has a negative budget").format(where=where, id=action_id))
    if "budget_text" in action and "budget_krw" in action:
        parsed = parse_budget_text(action["budget_text"])
        if parsed != action["budget_krw"]:
            problems.append(
                _(
                    "{where}: action {id}: {amount_key} {amount} does not match {text_key} {text} ({parsed})"
                ).format(
                    where=where,
                    id=action_id,
                    amount_key="budget_krw",
                    amount=action["budget_krw"],
                    text_key="budget_text",
                    text=_q(action["budget_text"]),
                    parsed=parsed,
                )
            )
    if "period" not in action and not any(
        "period" in note.get("en", "").lower() for note in action.get("notes", [])
    ):
        problems.append(
            _("{where}: action {id} has no {period}; add one, or a note saying the seed gives none").format(
                where=where, id=action_id, period="period"
            )
        )
