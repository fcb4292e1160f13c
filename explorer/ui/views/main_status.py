"""The main window's status bar: the catalogue's date after each search, the catalogue's version (and a
newer one installed meanwhile) always at its right, and every other message announced."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from explorer.ui.announce import announce
from explorer.ui.controllers.catalogue import CatalogueController
from explorer.ui.controllers.language import _


class CatalogueStatus(QObject):
    """What `bar` (the window's status bar) says about the catalogue. Its messages (added to the
    shortlist, printed, saved) are also announced, but for the catalogue's date, which comes back
    after each search."""

    def __init__(self, bar: QStatusBar, controller: CatalogueController) -> None:
        super().__init__(bar)
        self._bar = bar
        self._controller = controller
        #: The catalogue's version, always at the right (see `show_version`).
        self.catalogue_label = QLabel(objectName="catalogueVersion")
        bar.addPermanentWidget(self.catalogue_label)
        bar.messageChanged.connect(self._announce)

    def catalogue_date(self) -> str:
        """When the catalogue was built, and that each service's facts have their own date."""
        return _("Catalogue built {date}. Facts are as of the date shown for each service.").format(
            date=self._controller.as_of
        )

    def show_date(self) -> None:
        """Show the catalogue's date (after a search: it is not announced)."""
        self._bar.showMessage(self.catalogue_date())

    def _announce(self, message: str) -> None:
        if message and message != self.catalogue_date():
            announce(self._bar, message)

    def show_version(self, newer: str | None) -> None:
        """The catalogue's version, and the `newer` one installed meanwhile, if any."""
        name = self._controller.version_name or _("unknown")
        if newer:
            text = _("Catalogue {version}; a newer one ({newer}) is used from the next start").format(
                version=name, newer=newer
            )
        else:
            text = _("Catalogue {version}").format(version=name)
        self.catalogue_label.setText(text)
        self.catalogue_label.setAccessibleName(text)

    def fit_version(self) -> None:
        """The status bar keeps the height it was first laid out with: at a larger zoom its permanent
        label (the catalogue's version) would be cut off."""
        self.catalogue_label.setMinimumHeight(self.catalogue_label.sizeHint().height())
