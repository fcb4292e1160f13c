"""Read and validate the catalogue sources under db/ (TOML, one file per service or programme).

`load_sources` returns a `SourceSet` of plain, validated dictionaries, or raises `SourceError`
with one line per problem. Every problem names the file and the key, so an author can fix it; the
words are in the interface language (`i18n._`), the file names, keys and quoted values as written.

This module reads the files; what it checks them with lives beside it: the checkers
(`source_checkers`), the fields of each kind of record (`source_specs`), the legal definitions
(`source_definitions`), the checks across records (`source_references`) and of the quotes against
the seeds (`source_quotes`). The names other modules import from here are re-exported.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

from explorer.core.errors import SourceError
from explorer.core.i18n import _
from explorer.core.limits import MAX_SOURCE_BYTES, PATH_CHARS, InputError, excerpt, parse_toml, read_limited
from explorer.core.problems import N_, Msg
from explorer.core.source_checkers import (
    REQUIRED_LANGUAGES,
    Problems,
    Spec,
    _q,
    _record,
    _unique,
)
from explorer.core.source_definitions import TERM_FIELDS, check_terms
from explorer.core.source_digest import sources_digest
from explorer.core.source_quotes import check_quotes, normalise_quote_text
from explorer.core.source_references import check_references
from explorer.core.source_set import SourceSet
from explorer.core.source_specs import (
    CATEGORY_FIELDS,
    CHANNEL_FIELDS,
    DOCUMENT_FIELDS,
    GOAL_FIELDS,
    LABEL_FIELDS,
    MEDIAN_INCOME_FIELDS,
    PROGRAM_FIELDS,
    SERVICE_FIELDS,
    STATUSES,
)

# MAX_SOURCE_BYTES is looked up here at each read (`_read_toml`), so a test can lift it for one build.
__all__ = [
    "MAX_SOURCE_BYTES",
    "REQUIRED_LANGUAGES",
    "STATUSES",
    "SourceSet",
    "check_quotes",
    "load_sources",
    "normalise_quote_text",
    "read_sources",
    "sources_digest",
]

#: A service's id (db/README.md): lowercase letters, digits and hyphens, as in its file name.
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _read_toml(path: Path, root: Path, problems: Problems) -> dict[str, Any] | None:
    """The parsed TOML file at `path`, or None with one problem naming the file.

    Read through `limits.read_limited` and `limits.parse_toml`: a folder, a FIFO, a device or a broken
    link is never opened (and never blocks), a file over MAX_SOURCE_BYTES is not read, and nesting
    deeper than MAX_DEPTH or whole numbers of more than MAX_INT_DIGITS digits are refused.
    """
    name = _rel(path, root) if path.is_relative_to(root.parent) else excerpt(str(path), PATH_CHARS)
    try:
        return parse_toml(read_limited(path, MAX_SOURCE_BYTES, "the source file"))
    except InputError as exc:
        problems.append(
            _("{where}: missing").format(where=name) if exc.key == "missing" else f"{name}: {exc.reason}"
        )
    return None


def _rel(path: Path, root: Path) -> str:
    """The file's name as problems give it ("db/services/x.toml"), escaped like any other input."""
    return excerpt(path.relative_to(root.parent).as_posix(), PATH_CHARS)


def _list_file(path: Path, root: Path, key: str, fields: Spec, problems: Problems) -> list[dict[str, Any]]:
    """Read a file holding `[[key]]` tables."""
    data = _read_toml(path, root, problems)
    if data is None:
        return []
    return _list_items(data, _rel(path, root), key, fields, problems)


def _list_items(
    data: dict[str, Any], where: str, key: str, fields: Spec, problems: Problems
) -> list[dict[str, Any]]:
    """The `[[key]]` tables of a parsed file, each checked against `fields`."""
    items = data.get(key)
    if not isinstance(items, list) or not items:
        problems.append(
            _("{where}: expected one or more {tables} tables").format(where=where, tables=f"[[{key}]]")
        )
        return []
    out = []
    for i, item in enumerate(items):
        record = _record(item, f"{where}: {key}[{i}]", problems, fields)
        if record is not None:
            out.append(record)
    return out


def load_sources(source_dir: Path) -> SourceSet:
    """Read and validate every file under `source_dir`; raise SourceError listing every problem."""
    problems: Problems = []
    sources = read_sources(source_dir, problems)
    if problems:
        raise SourceError(problems)
    return sources


def _read_file_record(
    path: Path, root: Path, what: Msg, fields: Spec, problems: Problems
) -> dict[str, Any] | None:
    """A file that is one record (a service, a programme), checked against `fields`, with its `_file`.

    An empty file is one problem, not one per missing key. The record may lack keys whose problems
    were recorded; nothing reading it indexes them (`.get`), and `load_sources` refuses it anyway.
    """
    data = _read_toml(path, root, problems)
    if data is None:
        return None
    where = _rel(path, root)
    if not data:
        required = ", ".join(key for key, (_checker, needed) in fields.items() if needed)
        problems.append(
            _("{where}: empty; {what} needs {keys}").format(where=where, what=_(what), keys=required)
        )
        return None
    record = _record(data, where, problems, fields)
    if record is not None:
        record["_file"] = where
    return record


def read_sources(source_dir: Path, problems: Problems) -> SourceSet:
    """Read and validate the sources, adding one line per problem to `problems`."""
    root = source_dir
    if not (root / "services").is_dir():
        problems.append(
            _("{path}: no {folder} folder; is this the catalogue's {sources} folder?").format(
                path=root, folder="services/", sources="db/"
            )
        )
        return SourceSet()
    result = SourceSet(digest=sources_digest(root))
    result.documents = _list_file(root / "documents.toml", root, "documents", DOCUMENT_FIELDS, problems)
    taxonomy_file = root / "taxonomy.toml"
    taxonomy = _read_toml(taxonomy_file, root, problems)  # read once: three lists, one problem at most
    if taxonomy is not None:
        where = _rel(taxonomy_file, root)
        result.categories = _list_items(taxonomy, where, "categories", CATEGORY_FIELDS, problems)
        result.audiences = _list_items(taxonomy, where, "audiences", LABEL_FIELDS, problems)
        result.tiles = _list_items(taxonomy, where, "tiles", LABEL_FIELDS, problems)
    result.channels = _list_file(root / "channels.toml", root, "channels", CHANNEL_FIELDS, problems)
    result.goals = _list_file(root / "strategy" / "goals.toml", root, "goals", GOAL_FIELDS, problems)
    for path in sorted((root / "strategy").glob("program-*.toml")):
        program = _read_file_record(path, root, N_("a programme"), PROGRAM_FIELDS, problems)
        if program is not None:
            result.programs.append(program)
    for path in sorted((root / "services").glob("*.toml")):
        service = _read_file_record(path, root, N_("a service"), SERVICE_FIELDS, problems)
        if service is None:
            continue
        if "id" in service and not _ID.match(service["id"]):
            problems.append(
                _("{where}: {key} {id} is not lowercase letters, digits and hyphens").format(
                    where=service["_file"], key="id", id=_q(service["id"])
                )
            )
        if service.get("id") and service["id"] != path.stem:
            problems.append(
                _("{where}: {key} {id} differs from the file name").format(
                    where=service["_file"], key="id", id=_q(service["id"])
                )
            )
        result.services.append(service)
    if not result.services:
        problems.append(_("{path}: holds no services").format(path=_rel(root / "services", root)))
    result.parameters = _read_parameters(root, problems)
    for service in result.services:
        paths = service.get("screening", [])
        if len(paths) > 1 and not all("label" in path for path in paths):
            problems.append(
                _("{where}: {key} has {count} paths; each needs a {label}").format(
                    where=service["_file"], key="screening", count=len(paths), label="label"
                )
            )
    check_references(result, problems)
    return result


def _read_parameters(root: Path, problems: Problems) -> dict[str, Any]:
    """db/parameters/median-income.toml: the standard median income by year and household size."""
    path = root / "parameters" / "median-income.toml"
    where = _rel(path, root)
    data = _read_toml(path, root, problems)
    if data is None:
        return {}
    table = _record(data.get("median_income"), f"{where}: median_income", problems, MEDIAN_INCOME_FIELDS)
    if table is None:
        return {}
    years = [entry["year"] for entry in table.get("years", []) if "year" in entry]
    _unique(years, N_("median income year"), problems, where)
    for entry in table.get("years", []):
        amounts = entry.get("amounts_krw", [])
        if any(b <= a for a, b in itertools.pairwise(amounts)):
            problems.append(
                _("{where}: {year}: amounts must grow with the household size").format(
                    where=where, year=entry.get("year")
                )
            )
    table["years"] = sorted(table.get("years", []), key=lambda e: e.get("year", 0))
    return {"median_income": table, "definitions": _read_definitions(root, problems)}


def _read_definitions(root: Path, problems: Problems) -> dict[str, Any]:
    """parameters/definitions.toml: cited legal definitions of the vague words in the sources."""
    path = root / "parameters" / "definitions.toml"
    terms = _list_file(path, root, "terms", TERM_FIELDS, problems)
    check_terms(terms, _rel(path, root), problems)
    return {"terms": terms}
