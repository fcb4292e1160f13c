"""`explorer export` as people run it: real processes, the real catalogue, real Datasette."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from explorer.core.paths import Paths
from tests.cli.test_commands import run
from tests.conftest import ROOT


def _services(catalogue: Path) -> int:
    with sqlite3.connect(catalogue) as conn:
        return conn.execute("SELECT count(*) FROM services").fetchone()[0]


def test_export_hsds_writes_every_service_and_says_how_many(paths: Paths, tmp_path: Path) -> None:
    target = tmp_path / "hsds"
    result = run("export", "hsds", str(target), catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    count = _services(paths.catalogue)
    assert f"서비스 {count}개" in result.stdout and "HSDS 3.0" in result.stdout  # said in Korean, the default
    assert len(list((target / "services").glob("*.json"))) == count
    listing = json.loads((target / "services.json").read_text(encoding="utf-8"))
    assert listing["total_items"] == count
    assert "제로페이" in {service["name"] for service in listing["contents"]}


def test_export_hsds_in_english(paths: Paths, tmp_path: Path) -> None:
    result = run("export", "hsds", str(tmp_path / "en"), "--lang", "en", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    listing = json.loads((tmp_path / "en" / "services.json").read_text(encoding="utf-8"))
    zero_pay = next(s for s in listing["contents"] if s["name"] == "Zero-Pay")
    assert zero_pay["alternate_name"] == "제로페이"


def test_export_hsds_never_writes_into_a_folder_of_other_files(paths: Paths, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "report.txt").write_text("keep me", encoding="utf-8")
    result = run("--lang", "en", "export", "hsds", str(folder), catalogue=paths.catalogue)
    assert result.returncode == 2
    assert "holds other files" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert [p.name for p in folder.iterdir()] == ["report.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports", "services.db"]  # nothing left over


def test_datasette_serves_the_catalogue_with_the_written_metadata(paths: Paths, tmp_path: Path) -> None:
    metadata = tmp_path / "metadata.json"
    result = run(
        "--lang",
        "en",
        "export",
        "datasette-metadata",
        str(metadata),
        "--license",
        "CC BY 4.0",
        "--license-url",
        "https://creativecommons.org/licenses/by/4.0/",
        catalogue=paths.catalogue,
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote Datasette metadata for the database services" in result.stdout
    written = json.loads(metadata.read_text(encoding="utf-8"))
    assert written["license"] == "CC BY 4.0"

    def datasette(path: str) -> str:
        command = [sys.executable, "-m", "datasette", "-i", str(paths.catalogue), "-m", str(metadata)]
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        done = subprocess.run(
            [*command, "--get", path], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    index = datasette("/")
    assert written["title"] in index and "CC BY 4.0" in index
    found = json.loads(
        datasette("/services/find_service.json?_shape=array&q=%EC%A0%9C%EB%A1%9C%ED%8E%98%EC%9D%B4")
    )
    assert [row["id"] for row in found] == ["zero-pay"]


def test_datasette_metadata_to_standard_output_and_database_name(paths: Paths) -> None:
    result = run("export", "datasette-metadata", "-", "--database", "seoul", catalogue=paths.catalogue)
    assert result.returncode == 0, result.stderr
    metadata = json.loads(result.stdout)
    assert list(metadata["databases"]) == ["seoul"]
    assert metadata["license"].startswith("MIT")


def test_datasette_metadata_refuses_a_folder(paths: Paths, tmp_path: Path) -> None:
    result = run("--lang", "en", "export", "datasette-metadata", str(tmp_path), catalogue=paths.catalogue)
    assert result.returncode == 2
    assert result.stderr == (
        f"explorer: {tmp_path} is not a regular file; give a file name for the metadata\n"
    )  # one line of the program's, not click's usage error


def _refusals(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """Places the exports cannot use: (the command's arguments, the one line it must say)."""
    notes = tmp_path / "notes.txt"
    folder = tmp_path / "reports"
    return {
        "hsds into a file": (["hsds", str(notes)], f"{notes} is not a folder; give a folder for the export"),
        "hsds below a file": (
            ["hsds", str(notes / "hsds")],
            f"Cannot write the export into {notes / 'hsds'}: {notes} is a file, not a folder",
        ),
        "hsds where nothing can be made": (
            ["hsds", "/proc/explorer-hsds"],
            "Cannot write the export into /proc/explorer-hsds: nothing new can be made in /proc",
        ),
        "metadata into a folder of files": (
            ["datasette-metadata", str(folder)],
            f"{folder} is not a regular file; give a file name for the metadata",
        ),
    }


@pytest.mark.parametrize("case", list(_refusals(Path("/"))))
def test_a_place_the_export_cannot_use_is_one_line_naming_it_and_why(
    case: str, paths: Paths, tmp_path: Path, command_line: Callable[..., tuple[int, str]]
) -> None:
    if case == "hsds where nothing can be made" and not Path("/proc/self").is_dir():
        pytest.skip("no /proc file system here")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.txt").write_text("keep me", encoding="utf-8")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    args, line = _refusals(tmp_path)[case]
    code, printed = command_line("--catalogue", str(paths.catalogue), "export", *args, "--lang", "en")
    assert (code, printed) == (2, f"explorer: {line}\n")
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_export_refusal_is_said_in_korean_by_default(
    paths: Paths, tmp_path: Path, command_line: Callable[..., tuple[int, str]]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    code, printed = command_line("--catalogue", str(paths.catalogue), "export", "hsds", str(notes / "x"))
    assert code == 2
    assert (
        printed
        == f"explorer: {notes / 'x'}에 내보낸 파일을 쓸 수 없습니다: {notes}은(는) 폴더가 아니라 파일입니다\n"
    )


def test_datasette_metadata_into_a_missing_folder_names_the_file(paths: Paths, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "metadata.json"
    result = run("--lang", "en", "export", "datasette-metadata", str(target), catalogue=paths.catalogue)
    assert result.returncode == 2
    assert result.stderr.strip() == f"explorer: Cannot use {target}: no such file or folder"
