"""`explorer --version`: the program's version, and which catalogue it uses and where that came from.

Run as real processes: from the checkout (a catalogue built from db/), with `--catalogue FILE`, and
as the packaged program (its bundle folder holding services.db) before and after an update is
installed, so that staff can tell at a glance which catalogue a kiosk or laptop has.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explorer import __version__
from explorer.core import bundles
from explorer.core.build import build_catalogue
from explorer.core.bundle_manifest import generate_key_pair, load_public_key, version_of
from explorer.core.bundle_store import STORE_FOLDER, Store
from explorer.core.catalog import open_catalogue
from explorer.core.paths import Paths
from tests.conftest import ROOT

#: Runs the program as PyInstaller's bundle does: sys._MEIPASS is the folder holding services.db.
PACKAGED = (
    "import sys; sys._MEIPASS = sys.argv.pop(1); sys.argv[0] = 'explorer'; "
    "from explorer.cli import main; main()"
)


def _run(args: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPLORER_DATA=str(data))
    for name in ("EXPLORER_DEBUG", "EXPLORER_CATALOGUE", "EXPLORER_CATALOGUE_KEY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
    )


def version_of_file(path: Path) -> str:
    with open_catalogue(path) as catalogue:
        built, digest = catalogue.meta["built_at"], catalogue.meta["content_digest"]
    version = version_of({"built_at": built, "content_digest": digest})
    assert version is not None
    return version.name


def test_version_from_a_checkout_names_the_catalogue_built_from_the_sources(tmp_path: Path) -> None:
    result = _run(["-m", "explorer", "--version", "--lang", "en"], tmp_path / "data")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"explorer {__version__}"
    assert lines[1].startswith("Catalogue: ") and "built from the sources in db/" in lines[1]
    assert result.stderr == ""


def test_version_names_a_catalogue_given_with_catalogue(tmp_path: Path, built_db: Path) -> None:
    result = _run(
        ["-m", "explorer", "--catalogue", str(built_db), "--version", "--lang", "en"], tmp_path / "data"
    )
    assert result.returncode == 0, result.stderr
    assert f"Catalogue: {version_of_file(built_db)} (given with --catalogue" in result.stdout
    assert f"Catalogue file: {built_db}" in result.stdout
    missing = _run(
        ["-m", "explorer", "--catalogue", str(tmp_path / "gone.db"), "--version", "--lang", "en"],
        tmp_path / "data",
    )
    assert missing.returncode == 0 and "Catalogue: missing" in missing.stdout


def test_version_of_the_packaged_program_before_and_after_an_update(
    tmp_path: Path, built_db: Path, repo_paths: Paths
) -> None:
    program = tmp_path / "program"
    program.mkdir()
    shutil.copyfile(built_db, program / "services.db")
    data = tmp_path / "data"

    before = _run(["-c", PACKAGED, str(program), "--version", "--lang", "en"], data)
    assert before.returncode == 0, before.stderr
    own = version_of_file(built_db)
    assert f"Catalogue: {own} (the catalogue that came with the program)" in before.stdout

    # A newer catalogue is published and installed, as `explorer catalogue update` does it.
    newer = tmp_path / "newer" / "services.db"
    newer.parent.mkdir()
    build_catalogue(repo_paths.sources, newer, repo_paths.seeds)
    private, public, _id = generate_key_pair(tmp_path / "keys")
    bundles.publish(newer, private, tmp_path / "site")
    store = Store(data / STORE_FOLDER)
    assert bundles.update(str(tmp_path / "site"), store, program / "services.db", [load_public_key(public)])

    after = _run(["-c", PACKAGED, str(program), "--version", "--lang", "en"], data)
    assert after.returncode == 0, after.stderr
    assert after.stdout.splitlines()[0] == f"explorer {__version__}"
    assert f"Catalogue: {version_of_file(newer)} (an installed update)" in after.stdout
    assert str(data / STORE_FOLDER) in after.stdout
    assert own not in after.stdout


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_version_never_prints_a_traceback_whatever_the_language(tmp_path: Path, lang: str) -> None:
    result = _run(["-m", "explorer", "--lang", lang, "--version"], tmp_path / "data")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    first = result.stdout.splitlines()[0]
    assert "explorer" in first and __version__ in first
