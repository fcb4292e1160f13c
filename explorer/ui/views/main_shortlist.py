"""The shortlist dock: the services chosen for the client, in order, with buttons to move, remove and
clear them, and the referral sheet's language with its "Print" and "Save as PDF" buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.ui.accessible import name_popup
from explorer.ui.announce import announce
from explorer.ui.controllers.language import _, ngettext
from explorer.ui.controllers.shortlist import ShortlistModel
from explorer.ui.views.main_buttons import icon_button


def empty_shortlist() -> str:
    """What the dock says when the shortlist is empty (and the status bar when there is nothing to print)."""
    return _("The shortlist is empty. Add services with “Add to shortlist” (Ctrl+D).")


class ShortlistDock(QDockWidget):
    """The client's shortlist at the side of the window. Moving a service is announced; the window
    connects "Print" and "Save as PDF" and says what was removed (`removed`) or cleared (`cleared`)."""

    #: A service was removed from the shortlist: its name in the interface language.
    removed = Signal(str)
    #: The shortlist was cleared.
    cleared = Signal()

    def __init__(
        self,
        shortlist: ShortlistModel,
        sheet_language: str,
        name: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        """`sheet_language` is the referral sheet's language chosen last; `name(id)` names a service."""
        super().__init__(parent, objectName="shortlistDock")
        self._shortlist = shortlist
        self._name = name
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        box = QWidget(objectName="shortlistPanel")
        layout = QVBoxLayout(box)
        self.shortlist_heading = QLabel(objectName="shortlistHeading")
        self.shortlist_heading.setWordWrap(True)
        layout.addWidget(self.shortlist_heading)
        self.shortlist_view = QListView(objectName="shortlist")
        self.shortlist_view.setModel(shortlist)
        self.shortlist_view.setWordWrap(True)
        self.shortlist_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.shortlist_view.setResizeMode(QListView.ResizeMode.Adjust)
        layout.addWidget(self.shortlist_view, 1)
        moves = QHBoxLayout()
        self.up_button = icon_button("moveUp", "mdi6.arrow-up")
        self.down_button = icon_button("moveDown", "mdi6.arrow-down")
        self.remove_button = icon_button("remove", "mdi6.close")
        self.clear_button = icon_button("clear", "mdi6.delete-sweep")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.clear_button.clicked.connect(self._clear)
        for button in self._list_buttons():
            moves.addWidget(button)
        layout.addLayout(moves)
        self.sheet_language_label = QLabel(objectName="sheetLanguageLabel")
        self.sheet_language_label.setWordWrap(True)
        layout.addWidget(self.sheet_language_label)
        self.sheet_language = QComboBox(objectName="sheetLanguage")
        self.sheet_language.addItem("한국어", "ko")
        self.sheet_language.addItem("English", "en")
        self.sheet_language.setCurrentIndex(max(0, self.sheet_language.findData(sheet_language)))
        self.sheet_language_label.setBuddy(self.sheet_language)
        layout.addWidget(self.sheet_language)
        self.print_button = icon_button("print", "mdi6.printer")
        self.pdf_button = icon_button("savePdf", "mdi6.file-pdf-box")
        layout.addWidget(self.print_button)
        layout.addWidget(self.pdf_button)
        self.setWidget(box)
        self.setMinimumWidth(260)

    def _list_buttons(self) -> tuple[QPushButton, ...]:
        return (self.up_button, self.down_button, self.remove_button, self.clear_button)

    def retranslate(self) -> None:
        """Set every string of the dock again in the current language."""
        self.setWindowTitle(_("Shortlist"))
        self._retranslate_title_buttons()
        self.shortlist_view.setAccessibleName(_("Shortlist"))
        self.up_button.setToolTip(_("Move up"))
        self.up_button.setAccessibleName(_("Move up"))
        self.down_button.setToolTip(_("Move down"))
        self.down_button.setAccessibleName(_("Move down"))
        self.remove_button.setToolTip(_("Remove from the shortlist"))
        self.remove_button.setAccessibleName(_("Remove from the shortlist"))
        self.clear_button.setToolTip(_("Clear the shortlist"))
        self.clear_button.setAccessibleName(_("Clear the shortlist"))
        self.sheet_language_label.setText(_("Language of the referral sheet (the client's):"))
        self.sheet_language.setAccessibleName(_("Language of the referral sheet"))
        name_popup(self.sheet_language, _("Language of the referral sheet"))
        self.print_button.setText(_("Print referral sheet"))
        self.print_button.setAccessibleName(_("Print referral sheet"))
        self.print_button.setToolTip(_("Print referral sheet (Ctrl+P)"))
        self.pdf_button.setText(_("Save as PDF"))
        self.pdf_button.setAccessibleName(_("Save the referral sheet as PDF"))

    def _retranslate_title_buttons(self) -> None:
        """Qt names the dock's title buttons once, in the language of the moment: name them again."""
        words = {
            "qt_dockwidget_closebutton": ("Close", "Closes the dock widget"),
            "qt_dockwidget_floatbutton": ("Float", "Undocks and re-attaches the dock widget"),
        }
        for button in self.findChildren(QAbstractButton):
            if button.objectName() in words:
                name, description = words[button.objectName()]
                button.setAccessibleName(QCoreApplication.translate("QDockWidget", name))
                button.setAccessibleDescription(QCoreApplication.translate("QDockWidget", description))

    def show_count(self, count: int, printable: bool) -> None:
        """The heading for `count` services; the buttons usable only when there is something to act on
        (and "Print" and "Save as PDF" only when the window can make a sheet: `printable`)."""
        self.shortlist_heading.setText(
            ngettext("{count} service for the client", "{count} services for the client", count).format(
                count=count
            )
            if count
            else empty_shortlist()
        )
        for button in self._list_buttons():
            button.setEnabled(count > 0)
        self.print_button.setEnabled(count > 0 and printable)
        self.pdf_button.setEnabled(count > 0 and printable)

    def _selected_row(self) -> int:
        index: QModelIndex = self.shortlist_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _shortlisted_name(self, row: int) -> str:
        return self._name(self._shortlist.ids[row])

    def _move(self, delta: int) -> None:
        row = self._selected_row()
        if row >= 0:
            new = self._shortlist.move(row, delta)
            self.shortlist_view.setCurrentIndex(self._shortlist.index(new))
            announce(
                self.shortlist_view,
                _("{name} is now number {number} on the shortlist").format(
                    name=self._shortlisted_name(new), number=new + 1
                ),
            )

    def _remove(self) -> None:
        row = self._selected_row()
        if row >= 0:
            name = self._shortlisted_name(row)
            self._shortlist.remove(row)
            self.removed.emit(name)

    def _clear(self) -> None:
        self._shortlist.clear()
        self.cleared.emit()
