"""A tab's panel made only when it is first needed, so the first window paints sooner.

The Programmes and Screening tabs are not on the first screen: their views (and the screening rules
they read) are made after the window's first paint, or at once when the tab is opened or a test or
the program asks for the panel. Until then the tab holds this empty placeholder, which remembers the
language and zoom it was given and hands them to the panel when it is made.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

#: Makes the panel in the language given.
PanelFactory = Callable[[str], QWidget]


class LazyPanel(QWidget):
    """Holds the place of a panel made by `factory(lang)` on first need; passes its signals on."""

    #: The panel asked to open a service (Programmes and Screening tabs).
    serviceRequested = Signal(str)
    #: The panel asked to add a service to the shortlist (Screening tab).
    addToShortlist = Signal(str)

    def __init__(self, factory: PanelFactory, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._lang = lang
        self._zoom: float | None = None
        self._panel: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        """Whether the panel has been made."""
        return self._panel is not None

    def panel(self) -> QWidget:
        """The panel, made now if it was not yet."""
        if self._panel is None:
            panel = self._factory(self._lang)
            for name in ("serviceRequested", "addToShortlist"):
                signal = getattr(panel, name, None)
                if signal is not None:
                    signal.connect(getattr(self, name).emit)
            if self._zoom is not None:
                panel.set_zoom(self._zoom)  # type: ignore[attr-defined]
            self.layout().addWidget(panel)
            panel.show()  # a child added to a shown widget stays hidden unless told
            self._panel = panel
        return self._panel

    def set_language(self, lang: str) -> None:
        """Switch the panel's language (or remember it for when the panel is made)."""
        self._lang = lang
        if self._panel is not None:
            self._panel.set_language(lang)  # type: ignore[attr-defined]

    def set_zoom(self, zoom: float) -> None:
        """Scale the panel (or remember the zoom for when it is made)."""
        self._zoom = zoom
        if self._panel is not None:
            self._panel.set_zoom(zoom)  # type: ignore[attr-defined]

    def showEvent(self, event: QShowEvent) -> None:
        """Opened before it was made in the background: made now, before it is painted."""
        self.panel()
        super().showEvent(event)
