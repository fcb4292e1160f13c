"""The main window's push buttons: each named for the style sheet and the tests, with an icon that
grows with the zoom."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton, QWidget

from explorer.ui import theme
from explorer.ui.icons import icon


def icon_button(name: str, glyph: str | None = None) -> QPushButton:
    """A push button with the object name `name` and, when given, the icon `glyph`."""
    button = QPushButton(objectName=name)
    if glyph:
        button.setIcon(icon(glyph))
    return button


def size_icons(window: QWidget, zoom: float) -> None:
    """Every push button's icon in `window` at the size for `zoom`."""
    side = theme.px(18, zoom)
    for button in window.findChildren(QPushButton):
        button.setIconSize(QSize(side, side))
