"""Build the SQLite catalogue from the TOML sources (`explorer db build`).

The build writes to a temporary file beside the target, checks it, and only then renames it over
the target, so a good catalogue is never replaced by a bad one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from explorer import __version__
from explorer.core import textnorm
from explorer.core.errors import CatalogueError, SourceError
from explorer.core.schema import SCHEMA_VERSION, create_schema
from explorer.core.sources import SourceSet, check_quotes, load_sources


@dataclass
class BuildResult:
    """What a build made and how long it took."""

    path: Path
    services: int
    actions: int
    sources: int
    seconds: float
    warnings: list[str] = field(default_factory=list)


def _j(value: Any) -> str | None:
    """JSON for a text table or list; None stays NULL."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def build_catalogue(source_dir: Path, output: Path, seeds_dir: Path | None = None) -> BuildResult:
    """Validate the sources, write the catalogue to `output` atomically and return a summary.

    Raises SourceError when the sources are invalid (including quotes not found in the seeds,
    when `seeds_dir` exists) and CatalogueError when the file cannot be written.
    """
    started = time.perf_counter()
    sources = load_sources(source_dir)
    warnings: list[str] = []
    if seeds_dir is not None and seeds_dir.is_dir():
        problems = check_quotes(sources, seeds_dir)
        if problems:
            raise SourceError(problems)
    else:
        warnings.append(f"seed documents not found at {seeds_dir}; quotes were not verified")

    output = output.resolve()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".services-", suffix=".tmp", dir=output.parent)
        os.close(handle)
    except OSError as exc:
        raise CatalogueError(f"Cannot write the catalogue in {output.parent}: {exc.strerror}") from exc
    temp = Path(temp_name)
    try:
        counts = write_catalogue(temp, sources)
        # Imported here: the checker reads catalogues, and reading imports nothing from building.
        from explorer.core.check import check_catalogue_file

        problems = check_catalogue_file(temp)
        if problems:
            raise CatalogueError(f"The new catalogue failed its check: {problems[0]}")
        os.replace(temp, output)
    except OSError as exc:
        raise CatalogueError(f"Cannot write the catalogue {output}: {exc.strerror}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return BuildResult(
        path=output,
        services=counts["services"],
        actions=counts["actions"],
        sources=counts["sources"],
        seconds=time.perf_counter() - started,
        warnings=warnings,
    )


def write_catalogue(path: Path, sources: SourceSet) -> dict[str, int]:
    """Write `sources` (already validated) into a new SQLite file at `path`; return row counts.

    `build_catalogue` is the safe way in (validation, quotes, atomic rename); this is the step it
    uses, open for benchmarks that write generated catalogues.
    """
    db = Database(path)
    try:
        create_schema(db)
        with db.atomic():
            _write_reference(db, sources)
            _write_strategy(db, sources)
            _write_services(db, sources)
            db["parameters"].insert_all(
                {"name": name, "value": _j(value)} for name, value in sources.parameters.items()
            )
            db["meta"].insert_all(
                [
                    {"key": "schema_version", "value": str(SCHEMA_VERSION)},
                    {"key": "sources_digest", "value": sources.digest},
                    {"key": "built_at", "value": datetime.now(UTC).isoformat()},
                    {"key": "built_by", "value": f"explorer {__version__}"},
                ]
            )
        db.execute("INSERT INTO services_fts(services_fts) VALUES ('optimize')")
        db.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        db.vacuum()
        return {
            "services": db["services"].count,
            "actions": db["actions"].count,
            "sources": db["sources"].count,
        }
    finally:
        db.close()


def _write_reference(db: Database, sources: SourceSet) -> None:
    db["documents"].insert_all(
        {"id": d["id"], "year": d["year"], "title": _j(d["title"]), "kind": "seed"} for d in sources.documents
    )
    db["tiles"].insert_all(
        {"id": t["id"], "label": _j(t["label"]), "position": i} for i, t in enumerate(sources.tiles)
    )
    db["categories"].insert_all(
        {"id": c["id"], "label": _j(c["label"]), "easy_tile": c.get("easy_tile"), "position": i}
        for i, c in enumerate(sources.categories)
    )
    db["audiences"].insert_all(
        {"id": a["id"], "label": _j(a["label"]), "position": i} for i, a in enumerate(sources.audiences)
    )
    for channel in sources.channels:
        db["channels"].insert(
            {
                "id": channel["id"],
                "kind": channel["kind"],
                "value": channel.get("value"),
                "name": _j(channel["name"]),
                "description": _j(channel["description"]),
            }
        )
        _write_sources(db, "channel", channel["id"], channel["sources"])


def _write_sources(db: Database, owner_type: str, owner_id: Any, items: list[dict[str, str]]) -> None:
    db["sources"].insert_all(
        {
            "owner_type": owner_type,
            "owner_id": str(owner_id),
            "position": i,
            "document": s["document"],
            "section": s["section"],
            "quote": s["quote"],
        }
        for i, s in enumerate(items)
    )


def _write_strategy(db: Database, sources: SourceSet) -> None:
    for goal in sources.goals:
        db["goals"].insert(
            {
                "number": goal["number"],
                "name": _j(goal["name"]),
                "description": _j(goal.get("description")),
            }
        )
        _write_sources(db, "goal", goal["number"], goal["sources"])
    for program in sources.programs:
        db["programs"].insert(
            {
                "number": program["number"],
                "goal": program["goal"],
                "name": _j(program["name"]),
                "description": _j(program.get("description")),
            }
        )
        _write_sources(db, "program", program["number"], program["sources"])
        for position, action in enumerate(program["actions"]):
            period = action.get("period") or {}
            db["actions"].insert(
                {
                    "id": action["id"],
                    "program": program["number"],
                    "kind": action["kind"],
                    "number": action.get("number"),
                    "position": position,
                    "name": _j(action["name"]),
                    "period_start": period.get("start"),
                    "period_end": period.get("end"),
                    "budget_krw": action.get("budget_krw"),
                    "budget_text": action.get("budget_text"),
                    "shocks_stresses": _j(action.get("shocks_stresses")),
                    "resilience_goal": _j(action.get("resilience_goal")),
                    "explanation": _j(action.get("explanation")),
                    "departments": _j(action.get("departments", [])),
                    "partners": _j(action.get("partners", [])),
                    "initiatives": _j(action.get("initiatives", [])),
                    "notes": _j(action.get("notes", [])),
                }
            )
            _write_sources(db, "action", action["id"], action["sources"])


_TEXT_FIELDS = ("name", "summary", "description", "eligibility", "benefits", "how_to_apply", "fees")


def _write_services(db: Database, sources: SourceSet) -> None:
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
            "alt_names": _j(service.get("alt_names", {})),
            "keywords": _j(service["keywords"]),
            "notes": _j(service.get("notes", [])),
        }
        row.update({key: _j(service.get(key)) for key in _TEXT_FIELDS})
        row["name"] = _j(_name_today(service))
        row["seed_name"] = _j(service["name"])
        db["services"].insert(row)
    _write_vocabulary(db, ordered)
    # Links are written once every service exists, so `related` can point forwards.
    for service in ordered:
        sid = service["id"]
        for table, key, column in (
            ("service_categories", "categories", "category_id"),
            ("service_audiences", "audiences", "audience_id"),
            ("service_actions", "actions", "action_id"),
            ("service_channels", "channels", "channel_id"),
            ("service_related", "related", "related_id"),
        ):
            db[table].insert_all(
                {"service_id": sid, column: ref, "position": i} for i, ref in enumerate(service.get(key, []))
            )
        for table, key in (("required_documents", "documents"), ("schedules", "schedules")):
            db[table].insert_all(
                {"service_id": sid, "position": i, "text": _j(text)}
                for i, text in enumerate(service.get(key, []))
            )
        db["contacts"].insert_all(
            {
                "service_id": sid,
                "position": i,
                "kind": c["kind"],
                "value": c["value"],
                "label": _j(c["label"]),
                "source": _j(c["source"]),
            }
            for i, c in enumerate(service.get("contacts", []))
        )
        db["figures"].insert_all(
            {
                "service_id": sid,
                "position": i,
                "value": f["value"],
                "label": _j(f["label"]),
                "source": _j(f["source"]),
            }
            for i, f in enumerate(service.get("figures", []))
        )
        _write_sources(db, "service", sid, service["sources"])
        _write_current(db, sid, service.get("current"))
        if service.get("screening"):
            db["screening"].insert({"service_id": sid, "paths": _j(service["screening"])})
        _write_fts(db, service)
        _write_search(db, service)


def _name_today(service: dict[str, Any]) -> dict[str, str]:
    """The name a service goes by today: its current name where it changed, else the seeds' name."""
    current = (service.get("current") or {}).get("name")
    return {**service["name"], **current} if current else service["name"]


def outside_document_id(url: str) -> str:
    """The id of an outside source as a document: "outside:" and a short hash of its link."""
    return "outside:" + hashlib.sha256(url.encode()).hexdigest()[:16]


def _write_current(db: Database, sid: str, current: dict[str, Any] | None) -> None:
    """The service's state today, and each outside source as a document of kind "outside"."""
    if current is None:
        return
    db["current_state"].insert(
        {
            "service_id": sid,
            "state": current["state"],
            "checked": current["checked"],
            "since": current.get("since"),
            "name": _j(current.get("name")),
            "alt_names": _j(current.get("alt_names", {})),
            "facts": _j(current.get("facts", [])),
        }
    )
    for fact in current.get("facts", []):
        source = fact["source"]
        db["documents"].insert(
            {
                "id": outside_document_id(source["url"]),
                "year": int(source["published"][:4]),
                "title": _j({"ko": source["title"], "en": source["title"]}),
                "kind": "outside",
                "publisher": source["publisher"],
                "published": source["published"],
                "url": source["url"],
            },
            ignore=True,
        )


def _current_names(service: dict[str, Any], lang: str | None = None) -> list[str]:
    """The names a service goes by today, in `lang` or all languages (searchable beside its seed names)."""
    current = service.get("current") or {}
    names = [v for k, v in (current.get("name") or {}).items() if lang in (None, k)]
    for k, words in (current.get("alt_names") or {}).items():
        if lang in (None, k):
            names.extend(words)
    return names


def _write_search(db: Database, service: dict[str, Any]) -> None:
    """One row of the Korean-aware index (see explorer.core.textnorm)."""
    names = list(service["name"].values())
    for words in service.get("alt_names", {}).values():
        names.extend(words)
    names.extend(_current_names(service))
    keywords = [w for words in service["keywords"].values() for w in words]
    body = list(service["summary"].values()) + list(service["description"].values())
    korean = [
        service["name"].get("ko", ""),
        *service.get("alt_names", {}).get("ko", []),
        *_current_names(service, "ko"),
    ]
    db.execute(
        "INSERT INTO search_fts(service_id, names, keywords, body, cho, roman, jamo)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            service["id"],
            textnorm.gram_tokens(names),
            textnorm.gram_tokens(keywords),
            textnorm.gram_tokens(body, phrases=False),
            textnorm.choseong_tokens(korean + service["keywords"].get("ko", [])),
            textnorm.roman_tokens(korean),
            textnorm.jamo_tokens(korean + service["keywords"].get("ko", [])),
        ],
    )
    entries = [textnorm.search_entry("name", lang, text) for lang, text in service["name"].items()]
    entries += [
        textnorm.search_entry("name", lang, text)
        for lang, texts in service.get("alt_names", {}).items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("name", lang, text)
        for lang in ("ko", "en")
        for text in _current_names(service, lang)
    ]
    entries += [
        textnorm.search_entry("keyword", lang, text)
        for lang, texts in service["keywords"].items()
        for text in texts
    ]
    entries += [
        textnorm.search_entry("text", lang, text)
        for key in ("summary", "description")
        for lang, text in service[key].items()
    ]
    db["search_docs"].insert({"service_id": service["id"], "entries": _j(entries)})


def _write_vocabulary(db: Database, services: list[dict[str, Any]]) -> None:
    """Every distinct Hangul word of the names and keywords, with its jamo trigrams."""
    vocabulary: set[str] = set()
    for service in services:
        texts = [service["name"].get("ko", ""), *service.get("alt_names", {}).get("ko", [])]
        texts += service["keywords"].get("ko", []) + _current_names(service)
        for text in texts:
            vocabulary.update(
                w for w in textnorm.words(textnorm.normalise(text)) if textnorm.is_korean(w) and len(w) > 1
            )
    db.conn.executemany(
        "INSERT INTO search_vocab(word, jamo) VALUES (?, ?)",
        [(word, " ".join(textnorm.jamo_trigrams(word))) for word in sorted(vocabulary)],
    )


def _write_fts(db: Database, service: dict[str, Any]) -> None:
    languages = set(service["name"]) | set(service["summary"])
    for lang in sorted(languages):
        db.execute(
            "INSERT INTO services_fts(service_id, lang, name, alt_names, keywords, summary, description)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                service["id"],
                lang,
                service["name"].get(lang, ""),
                " | ".join([*service.get("alt_names", {}).get(lang, []), *_current_names(service, lang)]),
                " | ".join(service["keywords"].get(lang, [])),
                service["summary"].get(lang, ""),
                service["description"].get(lang, ""),
            ],
        )
