"""Shared fixtures: the real sources, a real catalogue built from them into a temporary folder."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Qt renders offscreen in tests, and never touches the user's real folders.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["EXPLORER_CONFIG"] = tempfile.mkdtemp(prefix="explorer-config-")
# The touch keyboard is an input method, chosen before the QApplication exists, as the program does.
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from explorer.core.build import build_catalogue
from explorer.core.paths import Paths

ROOT = Path(__file__).resolve().parents[1]

#: The services the foundation issue names; the catalogue must always hold them.
FIRST_SERVICES = (
    "dolbom-sos-center",
    "emergency-dolbom",
    "ansimi",
    "zero-pay",
    "public-housing-disabilities",
    "housing-for-elderly",
    "homeless-shelters",
    "vacant-housing-public-rental",
    "startup-housing",
    "safe-medical-housing",
    "safe-women-housing",
    "lone-seniors-housing",
    "artist-coop-housing",
    "high-quality-rental-housing",
)


@pytest.fixture(scope="session")
def repo_paths() -> Paths:
    """The checkout's own paths (sources, seeds, resources, translations)."""
    return Paths.discover()


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory, repo_paths: Paths) -> Path:
    """A catalogue built once from the real sources; tests must not modify it."""
    path = tmp_path_factory.mktemp("catalogue") / "services.db"
    build_catalogue(repo_paths.sources, path, repo_paths.seeds)
    return path


@pytest.fixture(scope="session")
def changed_db(tmp_path_factory: pytest.TempPathFactory, repo_paths: Paths, built_db: Path) -> Path:
    """A catalogue built after `built_db` (so newer) in which a person can see the change: Zero-Pay's
    English name is `tests.bundle_helpers.NEW_NAME`. Built once for every test that publishes it."""
    from tests.bundle_helpers import build_changed_catalogue

    return build_changed_catalogue(repo_paths, tmp_path_factory.mktemp("changed"))


@pytest.fixture
def paths(tmp_path: Path, repo_paths: Paths, built_db: Path) -> Paths:
    """Paths whose (managed) catalogue is a fresh copy of the built one, in a temporary folder."""
    target = tmp_path / "services.db"
    shutil.copyfile(built_db, target)
    return dataclasses.replace(repo_paths, catalogue=target)


@pytest.fixture
def source_copy(tmp_path: Path, repo_paths: Paths) -> Paths:
    """Paths over a private copy of db/ (to break on purpose) and a catalogue not yet built."""
    sources = tmp_path / "db"
    shutil.copytree(repo_paths.sources, sources)
    return dataclasses.replace(repo_paths, sources=sources, catalogue=tmp_path / "out" / "services.db")


def as_running(rules: Any, *service_ids: str) -> Any:
    """`rules` with these services screened as if they ran today.

    Seoul Safety Income's pilot ended in 2025 (its [current] record), so the real catalogue never
    finds anyone eligible; its rule and estimate are still the scheme as it ran, and are tested so.
    """
    wanted = set(service_ids)
    services = [dataclasses.replace(s, status="active") if s.id in wanted else s for s in rules.services]
    return dataclasses.replace(rules, services=services, _asks=None)


@pytest.fixture(autouse=True)
def _interface_language_as_found() -> Iterator[None]:
    """Each test starts in the language the session started in (messages as written, in English)
    and leaves it so: a test that switches language (a window, an in-process command) cannot change
    what the next one reads."""
    from explorer.core.i18n import active, set_localizer

    before = active()
    yield
    set_localizer(before)
