"""Write an HSDS 3.0 export as static JSON files shaped like the HSDS API's answers.

    index.json                        `/`: the HSDS version and the OpenAPI description
    services.json                     `/services`: one page of every service (own values only)
    services/<id>.json                `/services/{id}`: one service, fully nested
    organizations.json                `/organizations`
    organizations/<id>.json           `/organizations/{id}`: with its services (own values only)
    taxonomies.json, taxonomies/<id>.json, taxonomy_terms.json, taxonomy_terms/<id>.json

Any static web server then answers the API's read-only endpoints (with `.json` added). The files are
written into a new folder next to the target and moved into place at the end, so a failed export
leaves nothing half-written. Each export also holds `.explorer-export.json` (MARKER), which says this
program wrote the folder: only a folder holding it and nothing but an export's files is replaced;
any other folder that is not empty is refused (a person's own index.json and services.json are
never overwritten).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.core.bundle_manifest import file_in_the_way
from explorer.core.errors import ExplorerError
from explorer.core.hsds import HSDS_VERSION, OPENAPI_URL, Export, listed
from explorer.core.i18n import _
from explorer.core.limits import PATH_CHARS, excerpt
from explorer.core.os_words import os_reason

#: The endpoints written, each a list file and a folder of one file per object.
ENDPOINTS = ("services", "organizations", "taxonomies", "taxonomy_terms")
#: The file that marks a folder as an export this program wrote, and what it holds.
MARKER = ".explorer-export.json"
WRITTEN_BY = "Seoul Services Explorer: explorer export hsds"
#: Everything an export writes at its top level (an earlier export holds nothing else).
TOP_LEVEL = frozenset({MARKER, "index.json", *ENDPOINTS, *(f"{name}.json" for name in ENDPOINTS)})


@dataclass(frozen=True)
class Written:
    """What an export wrote: the folder and how many objects of each kind."""

    folder: Path
    counts: dict[str, int]


def page(items: list[dict[str, Any]]) -> dict[str, Any]:
    """A list answer of the HSDS API: every item on one page."""
    return {
        "total_items": len(items),
        "total_pages": 1,
        "page_number": 1,
        "size": len(items),
        "first_page": True,
        "last_page": True,
        "empty": not items,
        "contents": items,
    }


def files_of(export: Export) -> dict[str, Any]:
    """Every file of the export: relative path -> JSON value."""
    files: dict[str, Any] = {"index.json": {"version": HSDS_VERSION, "openapi_url": OPENAPI_URL}}
    by_org: dict[str, list[dict[str, Any]]] = {}
    for service in export.services:
        by_org.setdefault(service["organization_id"], []).append(listed(service))
        files[f"services/{service['id']}.json"] = service
    for org in export.organizations:
        files[f"organizations/{org['id']}.json"] = {**org, "services": by_org.get(org["id"], [])}
    for item in export.taxonomies:
        files[f"taxonomies/{item['id']}.json"] = item
    for item in export.taxonomy_terms:
        files[f"taxonomy_terms/{item['id']}.json"] = item
    files["services.json"] = page([listed(s) for s in export.services])
    files["organizations.json"] = page([listed(o) for o in export.organizations])
    files["taxonomies.json"] = page(export.taxonomies)
    files["taxonomy_terms.json"] = page([listed(t) for t in export.taxonomy_terms])
    return files


def _is_earlier_export(folder: Path) -> bool:
    """Whether `folder` holds an export this program wrote (its marker) and nothing else."""
    names = {entry.name for entry in folder.iterdir()}
    if MARKER not in names or not names <= TOP_LEVEL or not (folder / MARKER).is_file():
        return False
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(marker, dict) and marker.get("written_by") == WRITTEN_BY


def _cannot_write(shown: str, exc: OSError, where: Path) -> ExplorerError:
    """The export cannot be written into the folder shown: the system's reason, said for `where`
    (a temporary name the program made is never shown)."""
    if exc.errno == errno.ENOENT and where.is_dir():
        # The folder is there, yet a new entry in it is "not found": a file system such as /proc.
        why = _("nothing new can be made in {folder}").format(folder=excerpt(str(where), PATH_CHARS))
    else:
        why = os_reason(exc)
    return ExplorerError(_("Cannot write the export into {path}: {why}").format(path=shown, why=why))


def _make_parent(folder: Path, shown: str) -> None:
    """Make the folders above `folder` (as `mkdir -p`); a file on the way is named as the reason."""
    in_the_way = file_in_the_way(folder)
    if in_the_way is not None:
        raise ExplorerError(
            _("Cannot write the export into {path}: {why}").format(path=shown, why=in_the_way)
        )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(shown, exc, folder.parent) from None


def write_export(export: Export, folder: Path) -> Written:
    """Write `export` as files into `folder` (created, or replacing an earlier export there).

    ExplorerError when `folder` is a file or a folder holding anything but an earlier export written
    by this program, or when it cannot be written (one line naming `folder` and the reason).
    """
    shown = excerpt(str(folder), PATH_CHARS)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise ExplorerError(_("{path} is not a folder; give a folder for the export").format(path=shown))
    if folder.is_dir() and any(folder.iterdir()) and not _is_earlier_export(folder):
        raise ExplorerError(
            _("{path} holds other files; give an empty or new folder for the export").format(path=shown)
        )
    _make_parent(folder, shown)
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", suffix=".tmp", dir=folder.parent))
    except OSError as exc:
        raise _cannot_write(shown, exc, folder.parent) from None
    try:
        for name in ENDPOINTS:
            (staging / name).mkdir()
        files = {MARKER: {"written_by": WRITTEN_BY, "hsds_version": HSDS_VERSION}, **files_of(export)}
        for relative, value in files.items():
            text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
            (staging / relative).write_text(text, encoding="utf-8")
        os.chmod(staging, 0o755)
        _swap(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _cannot_write(shown, exc, folder.parent) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    counts = {
        "services": len(export.services),
        "organizations": len(export.organizations),
        "taxonomy_terms": len(export.taxonomy_terms),
    }
    return Written(folder, counts)


def _swap(staging: Path, folder: Path) -> None:
    """Move the finished export into place, replacing an empty folder or an earlier export."""
    if not folder.exists():
        staging.rename(folder)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}-old-", suffix=".tmp", dir=folder.parent))
    old.rmdir()
    folder.rename(old)
    try:
        staging.rename(folder)
    except BaseException:
        old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)
