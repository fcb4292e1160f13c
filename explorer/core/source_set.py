"""`SourceSet`: everything under db/, validated (`sources.read_sources` makes it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from explorer.core.i18n import _
from explorer.core.limits import excerpt
from explorer.core.problems import N_


@dataclass
class SourceSet:
    """Everything under db/, validated. Each record is a plain dict ready for the builder."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    categories: list[dict[str, Any]] = field(default_factory=list)
    audiences: list[dict[str, Any]] = field(default_factory=list)
    tiles: list[dict[str, Any]] = field(default_factory=list)
    channels: list[dict[str, Any]] = field(default_factory=list)
    goals: list[dict[str, Any]] = field(default_factory=list)
    programs: list[dict[str, Any]] = field(default_factory=list)
    services: list[dict[str, Any]] = field(default_factory=list)
    #: Dated parameters from outside the seeds (the standard median income), each with its source.
    parameters: dict[str, Any] = field(default_factory=dict)
    digest: str = ""

    def all_sources(self) -> Iterable[tuple[str, dict[str, Any]]]:
        """Every source citation with a label saying whose it is."""
        for kind, records, key in (
            (N_("channel {id}"), self.channels, "id"),
            (N_("goal {id}"), self.goals, "number"),
            (N_("program {id}"), self.programs, "number"),
            (N_("service {id}"), self.services, "id"),
        ):
            for record in records:
                # Records of sources with problems may lack keys (the problems name them); never index.
                label = _(kind).format(id=excerpt(record.get(key, record.get("_file", "?"))))
                for src in record.get("sources", []):
                    yield label, src
                for figure in record.get("figures", []):
                    if figure.get("source"):
                        yield _("{label} figure").format(label=label), figure["source"]
                for contact in record.get("contacts", []):
                    if contact.get("source"):
                        yield _("{label} contact").format(label=label), contact["source"]
                for p, path in enumerate(record.get("screening", [])):
                    for c, condition in enumerate(path.get("conditions", [])):
                        if condition.get("source"):
                            yield f"{label} screening[{p}] condition[{c}]", condition["source"]
                    benefit = path.get("benefit") or {}
                    if benefit.get("source"):
                        yield f"{label} screening[{p}] benefit", benefit["source"]
        for program in self.programs:
            for action in program.get("actions", []):
                for src in action.get("sources", []):
                    yield _("action {id}").format(id=excerpt(action.get("id", "?"))), src
