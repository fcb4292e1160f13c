"""scripts/dist_report.py on a small fake one-folder build (real files in tmp_path, no PyInstaller)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dist_report", ROOT / "scripts" / "dist_report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dist_report"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


dist_report = _load()

#: path below the build folder -> size in bytes
FILES = {
    "explorer": 5_000,
    "_internal/libpython3.11.so.1.0": 3_000,
    "_internal/base_library.zip": 700,
    "_internal/PySide6/Qt/lib/libQt6Core.so.6": 4_000,
    "_internal/PySide6/Qt/lib/libicudata.so.73": 2_500,
    "_internal/PySide6/Qt/lib/libQt6Quick3DRuntimeRender.so.6": 1_500,
    "_internal/PySide6/Qt/lib/libQt6Quick3D.so.6": 500,
    "_internal/PySide6/Qt/lib/libavcodec.so.63": 900,
    "_internal/PySide6/QtCore.abi3.so": 1_000,
    "_internal/PySide6/__init__.py": 10,
    "_internal/PySide6/Qt/qml/QtQuick3D/Effects/qmldir": 20,
    "_internal/PySide6/Qt/qml/QtQuick/VirtualKeyboard/Plugins/Hangul/libqtvkbhangulplugin.so": 300,
    "_internal/PySide6/Qt/qml/QtQuick/Controls/Basic/Button.qml": 40,
    "_internal/PySide6/Qt/qml/Qt/labs/folderlistmodel/qmldir": 5,
    "_internal/PySide6/Qt/plugins/platforms/libqxcb.so": 60,
    "_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so": 50,
    "_internal/PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so": 70,
    "_internal/PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so": 30,
    "_internal/PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so": 80,
    "_internal/PySide6/Qt/translations/qtbase_ko.qm": 200,
    "_internal/PySide6/Qt/translations/qtbase_en.qm": 100,
    "_internal/rapidfuzz/fuzz_cpp.so": 800,
}


@pytest.fixture
def build(tmp_path: Path) -> Path:
    root = tmp_path / "explorer"
    for name, size in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    # PyInstaller's links to the Qt libraries take no room; a hard link counts once.
    os.symlink("PySide6/Qt/lib/libQt6Core.so.6", root / "_internal" / "libQt6Core.so.6")
    os.link(root / "_internal/rapidfuzz/fuzz_cpp.so", root / "_internal/rapidfuzz/fuzz_cpp_copy.so")
    return root


def sizes(groups: list[Any]) -> dict[str, tuple[int, int]]:
    return {g.name: (g.size, g.files) for g in groups}


def test_scan_counts_regular_files_once_and_links_apart(build: Path) -> None:
    result = dist_report.scan(build)
    assert len(result.files) == len(FILES)
    assert result.size == sum(FILES.values())
    assert result.links == 1


def test_grouping_by_qt_module(build: Path) -> None:
    groups = sizes(dist_report.by_qt_module(dist_report.scan(build).files))
    assert groups["Core"] == (4_000 + 1_000, 2)  # the library and PySide6's binding
    assert groups["ICU"] == (2_500, 1)
    assert groups["Quick3D"] == (1_500 + 500 + 20, 3)  # its libraries and QML module, as one
    assert groups["Multimedia"] == (900 + 80, 2)  # FFmpeg and the media plugin
    assert groups["VirtualKeyboard"] == (300 + 70, 2)  # the QML plugin and the input-method plugin
    assert groups["QuickControls"] == (40, 1)
    assert groups["Labs"] == (5, 1)
    assert groups["Gui"] == (50, 1)
    assert groups["XcbQpa"] == (60, 1)
    assert groups["TextToSpeech"] == (30, 1)
    assert groups["translations"] == (300, 2)
    assert groups["PySide6"] == (10, 1)
    # Files that are not Qt's are not in this table.
    assert sum(size for size, _ in groups.values()) == sum(FILES.values()) - 5_000 - 3_000 - 700 - 800
    names = list(groups)
    assert names[0] == "Core" and names == sorted(names, key=lambda n: -groups[n][0])


def test_grouping_by_folder(build: Path) -> None:
    groups = sizes(dist_report.by_folder(dist_report.scan(build).files))
    assert groups["(executable and loose files)"] == (5_000, 1)
    assert groups["(shared libraries)"] == (3_000, 1)
    assert groups["(loose files)"] == (700, 1)
    assert groups["PySide6/Qt/lib"] == (4_000 + 2_500 + 1_500 + 500 + 900, 5)
    assert groups["PySide6/Qt/qml"] == (20 + 300 + 40 + 5, 4)
    assert groups["PySide6/Qt/plugins"] == (60 + 50 + 70 + 30 + 80, 5)
    assert groups["PySide6/Qt/translations"] == (300, 2)
    assert groups["PySide6"] == (1_010, 2)
    assert groups["rapidfuzz"] == (800, 1)


def test_report_and_budget(build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert dist_report.main([str(build), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert f"MB in {len(FILES)} files (and 1 symbolic links)" in out
    biggest = out.split("Biggest 3 files:\n", 1)[1].splitlines()
    assert [line.split()[-1] for line in biggest] == [
        "explorer",
        "_internal/PySide6/Qt/lib/libQt6Core.so.6",
        "_internal/libpython3.11.so.1.0",
    ]
    assert dist_report.main([str(build), "--max-mb", "0.01"]) == 1
    assert "more than the budget of 0.01 MB" in capsys.readouterr().err
    assert dist_report.main([str(build / "missing")]) == 2
