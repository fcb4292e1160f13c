"""Opening the catalogue: read-only, refused clearly when damaged, rebuilt when missing or stale."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.core.catalog import open_catalogue
from explorer.core.errors import CatalogueError, NotFoundError, SourceError
from explorer.core.paths import Paths
from explorer.core.refresh import ensure_catalogue, needs_build
from tests.conftest import FIRST_SERVICES, ROOT


def _one_line(exc: pytest.ExceptionInfo[CatalogueError]) -> str:
    message = exc.value.message
    assert "\n" not in message and "Traceback" not in message
    return message


def test_missing_catalogue_is_refused_when_opened_directly(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as exc:
        open_catalogue(tmp_path / "nothing.db")
    assert "does not exist" in _one_line(exc)


@pytest.mark.parametrize(
    ("name", "damage", "expected"),
    [
        ("empty", lambda data: b"", "is empty"),
        ("random bytes", lambda data: os.urandom(4096), "is not an SQLite database"),
        ("truncated", lambda data: data[: len(data) // 3], "damaged"),
        ("header only", lambda data: data[:100], "damaged"),
    ],
)
def test_damaged_catalogue_is_refused_with_one_line(paths: Paths, name: str, damage, expected: str) -> None:
    data = paths.catalogue.read_bytes()
    paths.catalogue.write_bytes(damage(data))
    with pytest.raises(CatalogueError) as exc, open_catalogue(paths.catalogue) as catalogue:
        # A truncated file may open; reading it must then fail clearly.
        catalogue.list_services()
        for sid in catalogue.service_ids():
            catalogue.get_service(sid)
    message = _one_line(exc)
    assert expected in message, (name, message)
    assert "explorer db build" in message


def test_other_schema_version_is_refused(paths: Paths) -> None:
    conn = sqlite3.connect(paths.catalogue)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(CatalogueError) as exc:
        ensure_catalogue(paths)
    assert "schema version 999" in _one_line(exc)


def test_a_managed_catalogue_of_an_older_schema_is_rebuilt(paths: Paths) -> None:
    conn = sqlite3.connect(paths.catalogue)
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    opened = ensure_catalogue(paths)
    assert opened.build is not None
    assert opened.catalogue.meta["schema_version"] != "1"
    opened.catalogue.close()


def test_catalogue_is_opened_read_only(paths: Paths) -> None:
    with open_catalogue(paths.catalogue) as catalogue, pytest.raises(sqlite3.OperationalError):
        catalogue.connection.execute("DELETE FROM services")


def test_missing_catalogue_is_rebuilt_from_sources(source_copy: Paths) -> None:
    assert not source_copy.catalogue.exists()
    opened = ensure_catalogue(source_copy)
    assert opened.build is not None
    with opened.catalogue as catalogue:
        assert set(FIRST_SERVICES) <= set(catalogue.service_ids())


def test_changed_sources_refresh_the_catalogue(source_copy: Paths) -> None:
    ensure_catalogue(source_copy).catalogue.close()
    assert not needs_build(source_copy)
    path = source_copy.sources / "services" / "zero-pay.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('ko = "제로페이"', 'ko = "제로페이 결제"', 1), encoding="utf-8")
    assert needs_build(source_copy)
    opened = ensure_catalogue(source_copy)
    with opened.catalogue as catalogue:
        assert opened.build is not None
        assert catalogue.get_service("zero-pay")["names"]["ko"] == "제로페이 결제"


def test_invalid_sources_keep_the_good_catalogue(source_copy: Paths) -> None:
    ensure_catalogue(source_copy).catalogue.close()
    before = source_copy.catalogue.read_bytes()
    (source_copy.sources / "services" / "ansimi.toml").write_text("broken = ", encoding="utf-8")
    with pytest.raises(SourceError):
        ensure_catalogue(source_copy)
    assert source_copy.catalogue.read_bytes() == before


def test_a_named_catalogue_is_opened_as_it_is(paths: Paths, source_copy: Paths) -> None:
    named = dataclasses.replace(source_copy, catalogue=paths.catalogue, managed=False)
    assert not needs_build(named)


def test_list_services_gives_the_documented_shape(paths: Paths) -> None:
    with open_catalogue(paths.catalogue) as catalogue:
        services = catalogue.list_services()
    keys = {"id", "names", "summary", "categories", "audiences", "status", "as_of", "sources"}
    assert services and all(keys <= set(s) for s in services)
    for service in services:
        assert service["names"]["ko"] and service["names"]["en"]
        assert service["summary"]["ko"] and service["summary"]["en"]
        assert all(set(src) == {"document", "section", "quote"} for src in service["sources"])
    names = [s["names"]["ko"] for s in services]
    assert names == sorted(names), "services are listed by Korean name"


def test_get_service_has_every_field_and_unknown_ids_are_refused(paths: Paths) -> None:
    with open_catalogue(paths.catalogue) as catalogue:
        dolbom = catalogue.get_service("dolbom-sos-center")
        with pytest.raises(NotFoundError):
            catalogue.get_service("no-such-service")
    for key in ("eligibility", "benefits", "how_to_apply", "keywords", "alt_names", "channels", "strategy"):
        assert key in dolbom
    assert dolbom["strategy"]["actions"], "Dolbom belongs to a Resilient Seoul action"
    action = dolbom["strategy"]["actions"][0]
    assert action["program"]["number"] == 6 and action["goal"]["number"] == 2
    assert "emergency-dolbom" in [r["id"] for r in dolbom["related"]]


def test_core_never_imports_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, explorer.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__): importlib.import_module('explorer.core.' + m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qtawesome', 'qtpy'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
