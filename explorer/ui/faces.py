"""The two faces of one run of the program, the caseworker's window and easy mode, each made when it
is first shown.

`explorer` shows the caseworker's window first and `explorer --easy` easy mode; the other face is made
the first time someone switches to it. So easy mode's users do not wait at every start for a window
they may never open (the caseworker's window takes longer to make than easy mode itself), and the
caseworker does not wait for easy mode. Both faces share one session (controllers/session.py): the
catalogue, the language, the settings and the search thread, which `shutdown` stops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from explorer.ui.controllers.session import Session
    from explorer.ui.easy.window import EasyWindow
    from explorer.ui.views.main_window import MainWindow


class Faces(QObject):
    """The caseworker's window and easy mode over one session, each made on first use.

    `make_standard(session)` makes the caseworker's window; `make_easy(session, on_standard)` makes
    easy mode, whose "Standard screen" button calls `on_standard`.
    """

    def __init__(
        self,
        session: Session,
        make_standard: Callable[[Session], MainWindow],
        make_easy: Callable[[Session, Callable[[], None]], EasyWindow],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._make_standard = make_standard
        self._make_easy = make_easy
        #: The caseworker's window, once made.
        self.standard_window: MainWindow | None = None
        #: Easy mode's window, once made.
        self.easy_window: EasyWindow | None = None
        #: A newer catalogue installed while the program runs (the caseworker's window says so).
        self.newer_catalogue: str | None = None

    def standard(self) -> MainWindow:
        """The caseworker's window (made now if it was not yet), with its switch to easy mode."""
        if self.standard_window is None:
            window = self._make_standard(self.session)
            window.easyRequested.connect(self.to_easy)
            window.offer_easy()
            if self.newer_catalogue is not None:
                window.show_update_installed(self.newer_catalogue)
            self.standard_window = window
        return self.standard_window

    def easy(self) -> EasyWindow:
        """Easy mode's window (made now if it was not yet), with its switch to the standard screen."""
        if self.easy_window is None:
            self.easy_window = self._make_easy(self.session, self.to_standard)
        return self.easy_window

    def first(self, easy: bool) -> QWidget:
        """The face a run starts with, made but not yet shown (`show` it)."""
        return self.easy() if easy else self.standard()

    def show(self, window: QWidget) -> None:
        """Show `window`, one of the faces: easy mode fills the screen, the caseworker's window keeps
        its size."""
        if window is self.easy_window:
            window.showMaximized()
        else:
            window.show()

    def to_easy(self) -> None:
        """From the caseworker's window to easy mode, in the same place on the screen."""
        easy = self.easy()
        if self.standard_window is not None:
            easy.setGeometry(self.standard_window.geometry())
        easy.showMaximized()
        if self.standard_window is not None:
            self.standard_window.hide()

    def to_standard(self) -> None:
        """From easy mode back to the caseworker's window."""
        self.standard().show()
        if self.easy_window is not None:
            self.easy_window.hide()

    def show_update_installed(self, version: str) -> None:
        """A newer catalogue was installed in the background: the caseworker's window says so, now if it
        is made, else when it is (easy mode's people are not told about catalogue versions)."""
        self.newer_catalogue = version
        if self.standard_window is not None:
            self.standard_window.show_update_installed(version)

    def shutdown(self) -> None:
        """Stop what runs beside the windows: easy mode's reader and the search thread."""
        if self.easy_window is not None:
            self.easy_window.shutdown()
        self.session.search.shutdown()
