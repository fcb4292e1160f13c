"""Load the bundled Hangul font so Korean renders the same on every machine."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from explorer.core.i18n import _

FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
FONT_FAMILY = "NanumGothic"


class FontError(RuntimeError):
    """The bundled font could not be loaded."""


def load_bundled_fonts(resources: Path) -> str:
    """Register the bundled fonts with Qt and return the family name."""
    families: set[str] = set()
    for name in FONT_FILES:
        path = resources / "fonts" / name
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise FontError(_("The bundled font {path} could not be loaded").format(path=path))
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY not in families:
        raise FontError(
            _("The bundled fonts provide {found}, not {wanted}").format(
                found=", ".join(sorted(families)), wanted=FONT_FAMILY
            )
        )
    return FONT_FAMILY


def apply_font(app: QApplication, family: str, point_size: float = 11.0) -> None:
    """Make `family` the application's font, with no substitution for missing glyphs."""
    font = QFont(family)
    font.setPointSizeF(point_size)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
