"""Every icon comes through `icon()`, so a missing glyph has one fallback (an empty icon).

The icons are glyphs of the Material Design Icons font (version 6) that the qtawesome package
carries, with its charmap, under its `fonts` folder. They are drawn here from that font directly:
qtawesome's own Python API imports qtpy, which loads Qt modules the program never uses (OpenGL, Data
Visualization, ...); measured, that was 20 MB and a tenth of a second of every start.

Nor is the font read before the first window is painted: `icon()` returns at once an icon that
draws nothing until the font is ready. The first time such an icon is asked to draw, the font is
loaded on the next turn of the event loop (after the paint that asked), and every widget is
repainted with its icons; a window being made holds that back until its own first paint (`hold()`,
`release()`). `load()` loads it at once (screenshots, and tests that grab a widget
without running the loop).
"""

from __future__ import annotations

import json
import sys
import time
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

#: The program's icons by meaning, mapped to glyph names ("mdi6." and the font's own name).
ICONS = {
    "care": "mdi6.hand-heart",
    "health": "mdi6.medical-bag",
    "safety": "mdi6.shield-check",
    "housing": "mdi6.home-city",
    "jobs": "mdi6.briefcase",
    "money": "mdi6.cash",
    "labour": "mdi6.scale-balance",
    "family": "mdi6.baby-carriage",
    "business": "mdi6.storefront",
    "payments": "mdi6.qrcode",
    "social-economy": "mdi6.handshake",
    "learning": "mdi6.school",
    "transport": "mdi6.bus",
    "environment": "mdi6.leaf",
    "participation": "mdi6.account-group",
    "service": "mdi6.information",
}

#: The prefix of glyph names; every glyph the program names is in this one font.
PREFIX = "mdi6."
#: qtawesome's files for that font (any version): the font and its charmap (name -> code point).
FONT_GLOB = "materialdesignicons6-webfont-*.ttf"
CHARMAP_GLOB = "materialdesignicons6-webfont-charmap-*.json"
#: The glyph's height in its square (as qtawesome draws it: room for the font's bearings).
GLYPH_SCALE = 0.875


def fonts_folder() -> Path | None:
    """qtawesome's `fonts` folder, found without importing qtawesome (nor qtpy beneath it); in the
    packaged program, the copy of it in the bundle (build.spec)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "qtawesome" / "fonts"
    spec = find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


class _Glyphs:
    """The loaded icon font: its family and charmap; `failed` when it could not be loaded."""

    family: str | None = None
    charmap: dict[str, str] = {}  # noqa: RUF012 - replaced whole, once
    failed = False
    scheduled = False
    #: Until this time.monotonic(), icons drawn do not load the font (a window is being made).
    held_until = 0.0


def loaded() -> bool:
    """Whether the icon font is loaded (icons draw their glyphs)."""
    return _Glyphs.family is not None


def load(folder: Path | None = None) -> bool:
    """Load the icon font now (once) and repaint every widget, so that icons drawn empty show.

    False when it cannot be loaded: every icon then stays empty, and the program goes on.
    """
    if _Glyphs.family is not None:
        return True
    if _Glyphs.failed:
        return False
    folder = folder or fonts_folder()
    try:
        if folder is None:
            raise OSError("qtawesome's fonts folder is missing")
        font_file = min(folder.glob(FONT_GLOB))
        charmap_file = min(folder.glob(CHARMAP_GLOB))
        codes = json.loads(charmap_file.read_text(encoding="utf-8"))
        charmap = {name: chr(int(code, 16)) for name, code in codes.items()}
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise OSError(f"{font_file} is not a font Qt can read")
    except (OSError, ValueError):  # ValueError: no such file (min of nothing), or a bad charmap
        _Glyphs.failed = True
        return False
    _Glyphs.charmap = charmap
    _Glyphs.family = families[0]
    for widget in QApplication.allWidgets():
        widget.update()
    return True


def hold(seconds: float = 2.0) -> None:
    """A window is being made and will call `release()` after its first paint: until then (or for
    `seconds` at most), icons drawn, or turned into pixmaps while widgets are laid out, do not load
    the font."""
    _Glyphs.held_until = max(_Glyphs.held_until, time.monotonic() + seconds)


def release() -> None:
    """The window that called `hold()` has painted: load the font now."""
    _Glyphs.held_until = 0.0
    load()


def _load_soon() -> None:
    if _Glyphs.scheduled or QApplication.instance() is None:
        return
    _Glyphs.scheduled = True
    wait_ms = max(0, round((_Glyphs.held_until - time.monotonic()) * 1000))
    QTimer.singleShot(wait_ms, load)


class GlyphEngine(QIconEngine):
    """Draws one glyph in `color` (`selected` on a selected row, faded when disabled)."""

    def __init__(self, glyph: str, color: str, selected: str) -> None:
        super().__init__()
        self.glyph = glyph
        self.color = color
        self.selected = selected

    def _char(self) -> str | None:
        """The glyph's character, "" for a glyph the font does not have, None before the font loads."""
        if _Glyphs.family is None:
            return None
        return _Glyphs.charmap.get(self.glyph.removeprefix(PREFIX), "")

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        char = self._char()
        if char is None:
            _load_soon()
            return
        if not char:
            return
        color = QColor(self.selected if mode == QIcon.Mode.Selected else self.color)
        if mode == QIcon.Mode.Disabled:
            color.setAlpha(110)
        font = QFont(_Glyphs.family or "")
        font.setPixelSize(max(1, round(GLYPH_SCALE * rect.height())))
        painter.save()
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def isNull(self) -> bool:
        """An unknown glyph is a null icon once the font is loaded (before, nobody can tell)."""
        return self._char() == ""

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.glyph, self.color, self.selected)

    def key(self) -> str:
        return "explorer-glyph"


def icon(name: str, color: str = "#1f4e79", selected: str = "#ffffff") -> QIcon:
    """The icon for `name` (a meaning from ICONS, or a glyph name such as "mdi6.printer").

    `selected` is the colour on a selected row, so the icon stays visible on the highlight. An
    unknown glyph draws nothing.
    """
    return QIcon(GlyphEngine(ICONS.get(name, name), color, selected))


class IconView(QWidget):
    """One icon, drawn at every paint.

    A pixmap made from an icon before the icon font has loaded stays empty for good; drawn here at
    each paint, the glyph shows at the repaint that follows the font's loading (`load` repaints every
    widget).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = QIcon()

    def set_icon(self, shown: QIcon) -> None:
        self._icon = shown
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._icon.paint(painter, self.rect())
        painter.end()
