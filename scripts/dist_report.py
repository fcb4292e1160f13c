"""What a one-folder PyInstaller build is made of: its size, by Qt module, by folder, the biggest files.

`make dist` runs it on dist/explorer after the build:

    python scripts/dist_report.py dist/explorer [--top 20] [--max-mb 200]

Sizes count regular files only (each file once, however many hard links it has); symbolic links,
which PyInstaller makes for the Qt libraries, are counted apart and take no room. With `--max-mb`
the exit code is 1 when the folder is larger than that, so a build that grows past its budget fails.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MB = 1_000_000  # decimal megabytes, as `du --si` and file managers count

#: PyInstaller (6 and later) puts everything but the executable in this folder.
CONTENTS = "_internal"

#: Qt module names that share a prefix are counted as one module ("Quick3DRuntimeRender" -> "Quick3D").
#: Checked in order; the first prefix that matches wins, so longer ones come first.
FAMILIES: tuple[tuple[str, str], ...] = (
    ("Quick3D", "Quick3D"),
    ("3D", "3D"),
    ("QuickControls", "QuickControls"),
    ("QuickDialogs", "QuickDialogs"),
    ("QuickTemplates", "QuickTemplates"),
    ("QuickWidgets", "QuickWidgets"),
    ("QuickVectorImage", "QuickVectorImage"),
    ("QuickTimeline", "QuickTimeline"),
    ("QuickParticles", "QuickParticles"),
    ("QuickShapes", "QuickShapes"),
    ("QuickEffects", "QuickEffects"),
    ("QuickLayouts", "QuickLayouts"),
    ("Quick", "Quick"),
    ("Qml", "Qml"),
    ("VirtualKeyboard", "VirtualKeyboard"),
    ("Multimedia", "Multimedia"),
    ("FFmpeg", "Multimedia"),
    ("SpatialAudio", "Multimedia"),
    ("WebEngine", "WebEngine"),
    ("Labs", "Labs"),
    ("Graphs", "Graphs"),
    ("Charts", "Charts"),
    ("DataVisualization", "DataVisualization"),
    ("Wayland", "Wayland"),
    ("Wl", "Wayland"),
    ("EglFS", "EglFS"),
    ("EglFs", "EglFS"),
    ("Positioning", "Positioning"),
    ("Location", "Location"),
    ("Sensors", "Sensors"),
    ("OpenGL", "OpenGL"),
    ("Pdf", "Pdf"),
)

#: Qt plugin folders (PySide6/Qt/plugins/<kind>) and the Qt module each belongs to.
PLUGIN_MODULES: dict[str, str] = {
    "platforms": "Gui",
    "platformthemes": "Gui",
    "platforminputcontexts": "Gui",
    "imageformats": "Gui",
    "generic": "Gui",
    "iconengines": "Svg",
    "egldeviceintegrations": "EglFS",
    "xcbglintegrations": "XcbQpa",
    "printsupport": "PrintSupport",
    "texttospeech": "TextToSpeech",
    "multimedia": "Multimedia",
    "qmltooling": "Qml",
    "qmllint": "Qml",
    "qmlls": "Qml",
    "tls": "Network",
    "networkinformation": "Network",
    "sqldrivers": "Sql",
    "position": "Positioning",
    "geoservices": "Location",
    "sensors": "Sensors",
    "sceneparsers": "3D",
    "geometryloaders": "3D",
    "renderers": "3D",
    "renderplugins": "3D",
    "assetimporters": "Quick3D",
    "virtualkeyboard": "VirtualKeyboard",
    "webview": "WebView",
    "scxmldatamodel": "Scxml",
    "designer": "Designer",
    "help": "Help",
    "canbus": "SerialBus",
}

#: Plugins that belong to another module than their folder's.
PLUGIN_FILES: dict[str, str] = {
    "libqtvirtualkeyboardplugin.so": "VirtualKeyboard",
    "libqpdf.so": "Pdf",
    "libqsvg.so": "Svg",
    "libqwayland.so": "Wayland",
    "libqxcb.so": "XcbQpa",
    "libqeglfs.so": "EglFS",
    "libqminimalegl.so": "EglFS",
}

_QT_LIB = re.compile(r"^libQt6([A-Za-z0-9]+)")
_BINDING = re.compile(r"^Qt([A-Za-z0-9]+)\.(abi3\.so|pyi)$")


@dataclass(frozen=True)
class Entry:
    """One regular file of the build: its path below the build folder (with "/") and its size."""

    path: str
    size: int


@dataclass(frozen=True)
class Scan:
    """Every regular file of a build folder, and how many symbolic links it has besides."""

    root: Path
    files: tuple[Entry, ...]
    links: int

    @property
    def size(self) -> int:
        return sum(entry.size for entry in self.files)


def scan(root: Path) -> Scan:
    """The regular files below `root` (hard links counted once) and the number of symbolic links."""
    files: list[Entry] = []
    links = 0
    seen: set[tuple[int, int]] = set()
    for folder, dirnames, filenames in os.walk(root):
        here = Path(folder)
        for name in dirnames:
            if (here / name).is_symlink():  # os.walk does not descend into them
                links += 1
        for name in filenames:
            path = here / name
            info = path.lstat()
            if path.is_symlink():
                links += 1
                continue
            key = (info.st_dev, info.st_ino)
            if key in seen:
                continue
            seen.add(key)
            files.append(Entry(path.relative_to(root).as_posix(), info.st_size))
    files.sort(key=lambda entry: entry.path)
    return Scan(root, tuple(files), links)


def _inside(path: str) -> PurePosixPath:
    """The path below PyInstaller's contents folder (`_internal/`), or as it is."""
    parts = PurePosixPath(path).parts
    if parts and parts[0] == CONTENTS:
        return PurePosixPath(*parts[1:]) if len(parts) > 1 else PurePosixPath(".")
    return PurePosixPath(path)


def family(name: str) -> str:
    """The module a Qt library name belongs to: "Quick3DRuntimeRender" -> "Quick3D", "Core" -> "Core"."""
    for prefix, module in FAMILIES:
        if name.startswith(prefix):
            return module
    return name


def _qml_module(parts: Sequence[str]) -> str:
    """The Qt module of a file below PySide6/Qt/qml/ (`parts` are the path parts after qml/)."""
    if not parts or len(parts) == 1:
        return "Qml"
    top = parts[0]
    if top == "Qt" and len(parts) > 2 and parts[1] == "labs":
        return "Labs"
    if top == "QtQuick" and len(parts) > 2:
        sub = parts[1]
        if sub == "VirtualKeyboard":
            return "VirtualKeyboard"
        if sub in ("Scene2D", "Scene3D"):
            return "3D"
        if sub == "Pdf":
            return "Pdf"
        if sub == "LocalStorage":
            return "Qml"
        if sub == "Window":
            return "Quick"
        return family("Quick" + sub)
    if top == "Qt5Compat":
        return "Core5Compat"
    if top.startswith("Qt") and len(top) > 2:
        return family(top[2:])
    return family(top)


def qt_module(path: str) -> str | None:
    """The Qt module a file of the build belongs to, or None for a file that is not part of Qt.

    Qt's libraries (libQt6<Module>.so), PySide6's bindings (PySide6/Qt<Module>.abi3.so), QML modules
    (PySide6/Qt/qml/...), plugins (PySide6/Qt/plugins/<kind>/...) all count for their module; Qt's
    translations count as "translations", the ICU libraries that QtCore links as "ICU", the FFmpeg
    libraries of Qt Multimedia as "Multimedia", the rest of PySide6 and shiboken6 as "PySide6".
    """
    inside = _inside(path)
    parts = inside.parts
    name = inside.name
    if name.startswith("libicu"):
        return "ICU"
    match = _QT_LIB.match(name)
    if match:
        return family(match.group(1))
    if not parts or parts[0] not in ("PySide6", "shiboken6"):
        return None
    if parts[0] == "shiboken6":
        return "PySide6"
    if len(parts) == 2:
        binding = _BINDING.match(name)
        return family(binding.group(1)) if binding else "PySide6"
    if parts[1] != "Qt" or len(parts) < 4:
        return "PySide6"
    area = parts[2]
    if area == "qml":
        return _qml_module(parts[3:])
    if area == "plugins":
        kind = parts[3]
        if name in PLUGIN_FILES:
            return PLUGIN_FILES[name]
        if kind.startswith("wayland"):
            return "Wayland"
        return PLUGIN_MODULES.get(kind, f"plugins/{kind}")
    if area == "translations":
        return "translations"
    if area == "lib" and re.match(r"^lib(av|sw)", name):
        return "Multimedia"
    return "PySide6"


def folder(path: str) -> str:
    """The top-level folder a file is counted in (below `_internal/`; Qt's own folders one by one)."""
    inside = _inside(path)
    parts = inside.parts
    if len(parts) <= 1:
        if PurePosixPath(path).parts[0] != CONTENTS and len(PurePosixPath(path).parts) == 1:
            return "(executable and loose files)"
        return "(shared libraries)" if ".so" in inside.name else "(loose files)"
    if parts[0] == "PySide6" and len(parts) > 3 and parts[1] == "Qt":
        return "/".join(parts[:3])
    return parts[0]


@dataclass(frozen=True)
class Group:
    """A named part of the build: its size in bytes and its number of files."""

    name: str
    size: int
    files: int


def group(entries: Iterable[Entry], key: Callable[[str], str | None]) -> list[Group]:
    """Sum `entries` by `key(path)` (None: left out), biggest first, then by name."""
    sizes: dict[str, list[int]] = {}
    for entry in entries:
        name = key(entry.path)
        if name is None:
            continue
        total = sizes.setdefault(name, [0, 0])
        total[0] += entry.size
        total[1] += 1
    groups = [Group(name, size, count) for name, (size, count) in sizes.items()]
    return sorted(groups, key=lambda g: (-g.size, g.name))


def by_qt_module(entries: Iterable[Entry]) -> list[Group]:
    return group(entries, qt_module)


def by_folder(entries: Iterable[Entry]) -> list[Group]:
    return group(entries, folder)


def biggest(entries: Iterable[Entry], count: int = 20) -> list[Entry]:
    return sorted(entries, key=lambda e: (-e.size, e.path))[:count]


def _mb(size: int) -> str:
    return f"{size / MB:8.1f} MB"


def _table(groups: Sequence[Group], limit: int | None = None) -> list[str]:
    shown = groups if limit is None else groups[:limit]
    lines = [f"  {g.name:<36}{_mb(g.size)} {g.files:6,d} files" for g in shown]
    rest = groups[len(shown) :]
    if rest:
        size = sum(g.size for g in rest)
        files = sum(g.files for g in rest)
        lines.append(f"  {f'({len(rest)} more)':<36}{_mb(size)} {files:6,d} files")
    return lines


def report(result: Scan, top: int = 20) -> str:
    """The report as text: the total, then by Qt module, by folder and the `top` biggest files."""
    modules = by_qt_module(result.files)
    qt_size = sum(g.size for g in modules)
    qt_files = sum(g.files for g in modules)
    lines = [
        f"{result.root}: {result.size / MB:.1f} MB in {len(result.files):,d} files "
        f"(and {result.links:,d} symbolic links)",
        "",
        f"By Qt module (Qt and PySide6: {qt_size / MB:.1f} MB in {qt_files:,d} files):",
        *_table(modules),
        "",
        "By folder:",
        *_table(by_folder(result.files), limit=25),
        "",
        f"Biggest {top} files:",
        *[f"  {_mb(e.size)}  {e.path}" for e in biggest(result.files, top)],
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="dist/explorer", type=Path)
    parser.add_argument("--top", type=int, default=20, help="how many of the biggest files to list")
    parser.add_argument("--max-mb", type=float, help="exit 1 when the folder is larger than this")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"dist_report: {args.folder} is not a folder (run `make dist` first)", file=sys.stderr)
        return 2
    result = scan(args.folder)
    print(report(result, args.top))
    if args.max_mb is not None and result.size > args.max_mb * MB:
        print(
            f"dist_report: {result.size / MB:.1f} MB is more than the budget of {args.max_mb:g} MB",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
