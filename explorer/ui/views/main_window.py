"""The caseworker's main window: search and filters, service details, programmes, screening, shortlist.

Keyboard first: Ctrl+F search, Ctrl+P print the shortlist, Ctrl+L switch language, Ctrl+= / Ctrl+- /
Ctrl+0 zoom, Ctrl+D add the shown service to the shortlist, Ctrl+1..3 the tabs, Ctrl+Q quit; Down or
Up in the search box moves into the results.
Every visible string is set in `retranslate()`, so switching language changes all of it at once.
Screen readers hear every status change (explorer.ui.announce): a search's count once the typing
settles, every status bar message, the zoom level, the language switched, the shortlist's changes.

The window's parts are in their own modules: the toolbar and filters (main_toolbar), the Services tab
(main_services), the shortlist dock (main_shortlist), the keyboard (main_keys), what the status bar
says (main_status) and the buttons (main_buttons). This one puts them together and connects them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.ui import icons as icon_font
from explorer.ui import theme
from explorer.ui.announce import announce
from explorer.ui.controllers.catalogue import CatalogueController
from explorer.ui.controllers.language import _
from explorer.ui.controllers.session import Session
from explorer.ui.controllers.shortlist import ShortlistModel
from explorer.ui.first_paint import PaintsFirst
from explorer.ui.views.lazy_panel import LazyPanel
from explorer.ui.views.main_buttons import size_icons
from explorer.ui.views.main_keys import IntoResults, shortcut, tab_shortcuts
from explorer.ui.views.main_services import ServicesPage
from explorer.ui.views.main_shortlist import ShortlistDock, empty_shortlist
from explorer.ui.views.main_status import CatalogueStatus
from explorer.ui.views.main_toolbar import Toolbar


class MainWindow(PaintsFirst):
    """Search and results on the left, details on the right, tabs for programmes and screening,
    the client's shortlist docked at the side."""

    #: The big "Easy screen" switch was pressed (shown only when something listens: `offer_easy`).
    easyRequested = Signal()

    def __init__(
        self,
        controller: CatalogueController,
        shortlist: ShortlistModel,
        programmes: QWidget | None,
        screening: QWidget | None,
        session: Session,
        sheet: Callable[[QWidget, list[str], str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`sheet(parent, ids, client_lang, how)` prints ("print") or saves ("pdf") a referral sheet."""
        super().__init__(parent)
        self.controller = controller
        self.shortlist = shortlist
        self._programmes = programmes
        self._screening = screening
        icon_font.hold()  # the icon font loads after this window's first paint
        #: True once `settled` has been emitted.
        self.has_settled = False
        #: What both faces share (the language, the preferences, the search thread).
        self.session = session
        self.preferences = session.preferences
        #: What the window remembers (read here; changed only through `preferences.change`).
        self.settings = session.preferences.settings
        self.language = session.language
        self._sheet = sheet
        self.lang = controller.lang
        self.zoom = theme.clamp_zoom(self.settings.zoom)
        self._shown: dict[str, Any] | None = None
        #: What the results heading said when it was last announced (a search's count, "nothing found").
        self._announced_results = ""
        #: Searching as one types: only the count the typing settles on is announced.
        self._results_timer = QTimer(self)
        self._results_timer.setSingleShot(True)
        self._results_timer.setInterval(theme.ANNOUNCE_SETTLE_MS)
        self._results_timer.timeout.connect(self._announce_results)
        self.setObjectName("mainWindow")
        self.resize(1360, 860)
        # The style sheet before the widgets: each is then styled once, when first shown, instead of
        # every one again when set_zoom sets the same sheet at the end.
        self.setStyleSheet(theme.stylesheet(self.zoom))

        central = QWidget(objectName="central")
        layout = QVBoxLayout(central)
        self._toolbar = toolbar = Toolbar(controller, self.preferences)
        layout.addLayout(toolbar)
        # Each part's widgets are the window's too, by the names they have always had.
        self.easy_button = toolbar.easy_button
        self.search = toolbar.search
        self.language_button = toolbar.language_button
        self.zoom_out, self.zoom_label, self.zoom_in = toolbar.zoom_out, toolbar.zoom_label, toolbar.zoom_in
        self.category, self.audience, self.status = toolbar.category, toolbar.audience, toolbar.status
        #: Each filter's visible label; its buddy relation names the combo for screen readers.
        self.filter_labels = toolbar.filter_labels
        self.tabs = QTabWidget(objectName="tabs")
        # The tab bar's accessible name is always its current tab (Qt's choice); a label names the bar
        # through the label relation. It is not shown: the tabs speak for themselves on screen.
        self.tabs_label = QLabel(self.tabs, objectName="tabsLabel")
        self.tabs_label.setBuddy(self.tabs.tabBar())
        self.tabs_label.hide()
        self._page = page = ServicesPage(controller)
        self.heading, self.list = page.heading, page.list
        self.detail, self.add_button = page.detail, page.add_button
        self.tabs.addTab(page, "")
        if programmes is not None:
            self.tabs.addTab(programmes, "")
        if screening is not None:
            self.tabs.addTab(screening, "")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.dock = dock = ShortlistDock(shortlist, self.settings.sheet_language, self._name)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.shortlist_heading, self.shortlist_view = dock.shortlist_heading, dock.shortlist_view
        self.up_button, self.down_button = dock.up_button, dock.down_button
        self.remove_button, self.clear_button = dock.remove_button, dock.clear_button
        self.sheet_language_label, self.sheet_language = dock.sheet_language_label, dock.sheet_language
        self.print_button, self.pdf_button = dock.print_button, dock.pdf_button
        self._build_actions()
        self._status = CatalogueStatus(self.statusBar(), controller)
        #: The catalogue's version, always at the right of the status bar (see `CatalogueStatus`).
        self.catalogue_label = self._status.catalogue_label
        #: The version of a newer catalogue installed while the window is open (used from the next start).
        self.newer_catalogue: str | None = None

        self.easy_button.clicked.connect(self.easyRequested.emit)
        self.language_button.clicked.connect(self.toggle_language)
        self.zoom_out.clicked.connect(self._zoom_out)
        self.zoom_in.clicked.connect(self._zoom_in)
        IntoResults(self.search, page, controller)  # Down, Up and Enter in the search box: to the results
        self.add_button.clicked.connect(self._add_shown)
        dock.removed.connect(self._removed)
        dock.cleared.connect(self._cleared)
        self.print_button.clicked.connect(lambda: self.make_sheet("print"))
        self.pdf_button.clicked.connect(lambda: self.make_sheet("pdf"))
        controller.serviceShown.connect(self.show_service)
        controller.problem.connect(self.show_problem)
        controller.resultsChanged.connect(self._results_changed)
        controller.resultsChanged.connect(lambda _count, _query: self._results_timer.start())
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        shortlist.changed.connect(self._shortlist_changed)
        for panel in self._panels():
            if hasattr(panel, "serviceRequested"):
                panel.serviceRequested.connect(self.open_service)  # type: ignore[attr-defined]
        if screening is not None and hasattr(screening, "addToShortlist"):
            screening.addToShortlist.connect(self.add_to_shortlist)  # type: ignore[attr-defined]

        self.language.changed.connect(self._language_changed)
        self.retranslate()
        toolbar.restore_filters()
        self.set_zoom(self.zoom, save=False)
        self._shortlist_changed(0)
        self._announced_results = self.heading.text()
        self.search.setFocus()

    def _build_actions(self) -> None:
        """The window-wide shortcuts (see the module's docstring)."""
        self.find_action = shortcut(self, "Ctrl+F", self.focus_search)
        self.print_action = shortcut(self, "Ctrl+P", lambda: self.make_sheet("print"))
        self.language_action = shortcut(self, "Ctrl+L", self.toggle_language)
        self.zoom_in_action = shortcut(self, "Ctrl+=", self._zoom_in)
        shortcut(self, "Ctrl++", self._zoom_in)
        self.zoom_out_action = shortcut(self, "Ctrl+-", self._zoom_out)
        shortcut(self, "Ctrl+0", lambda: self.set_zoom(1.0))
        self.add_action = shortcut(self, "Ctrl+D", self._add_shown)
        self.quit_action = shortcut(self, QKeySequence(QKeySequence.StandardKey.Quit), self.close)
        tab_shortcuts(self, self.tabs)

    # --- the panels, and what waits for the first paint ------------------------------------------

    #: Everything that waits for the first paint is done: panels made, icons loaded.
    settled = Signal()

    def _panels(self) -> list[QWidget]:
        return [panel for panel in (self._programmes, self._screening) if panel is not None]

    @staticmethod
    def _made(panel: QWidget | None) -> QWidget | None:
        return panel.panel() if isinstance(panel, LazyPanel) else panel

    @property
    def programmes(self) -> QWidget | None:
        """The Programmes tab's view (made now if it was not yet)."""
        return self._made(self._programmes)

    @property
    def screening(self) -> QWidget | None:
        """The Screening tab's view (made now if it was not yet)."""
        return self._made(self._screening)

    def _after_first_paint(self) -> None:
        """The catalogue's date and the first service's details (dates need Babel's locale data), its
        version (reading it loads the bundles' module), the icons' font, then each hidden panel, one
        per turn of the event loop, so that typing in the search box is never held up for long; then
        `settled`."""
        first = (lambda: self._results_changed(self.controller.shown_count, self.controller.query),)
        steps: list[Callable[[], object]] = [*first, self._show_version, icon_font.release]
        steps += [panel.panel for panel in self._panels() if isinstance(panel, LazyPanel)]

        def step() -> None:
            if not steps:
                self.has_settled = True
                self.settled.emit()
            elif self.isVisible():  # a hidden window's panels are made when it shows them
                steps.pop(0)()
                QTimer.singleShot(0, step)

        step()

    # --- language and zoom ------------------------------------------------------------------------

    def toggle_language(self) -> None:
        """Korean ⇄ English (Ctrl+L)."""
        self.language.toggle()

    def offer_easy(self) -> None:
        """Show the big "Easy screen" switch (the program connects `easyRequested` first)."""
        self.easy_button.setVisible(True)

    def set_language(self, lang: str) -> None:
        """Switch every visible string, Qt's own dialogs included, to `lang`, and remember it (the
        language controller switches; this window, like easy mode, follows its `changed`; the session
        saves it)."""
        self.language.set(lang)

    def _language_changed(self, lang: str) -> None:
        self.lang = lang
        self.controller.set_language(lang)
        self.shortlist.set_language(lang)
        for panel in self._panels():
            panel.set_language(lang)  # type: ignore[attr-defined]
        self.retranslate()
        self._announced_results = self.heading.text()  # the same count in new words: not said again
        if self.isVisible():  # the face in use says it; a hidden one follows quietly
            announce(
                self,
                _("Language switched to English") if lang == "en" else _("Language switched to Korean"),
            )

    def _zoom_in(self) -> None:
        self.set_zoom(self.zoom + theme.ZOOM_STEP)

    def _zoom_out(self) -> None:
        self.set_zoom(self.zoom - theme.ZOOM_STEP)

    def set_zoom(self, zoom: float, save: bool = True) -> None:
        """Scale text and targets to `zoom` (100% to 200%) and remember it."""
        self.zoom = theme.clamp_zoom(zoom)
        sheet = theme.stylesheet(self.zoom)
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        size_icons(self, self.zoom)
        font = QApplication.font()
        font.setPointSizeF(theme.BASE_POINT_SIZE * self.zoom)
        self.setFont(font)
        self._status.fit_version()
        for panel in self._panels():
            panel.set_zoom(self.zoom)  # type: ignore[attr-defined]
        if self._shown is not None:
            self._page.show_details(self._shown, self.lang, self.zoom)
        changed = self._toolbar.show_zoom(self.zoom)
        if save:
            self.preferences.change(zoom=self.zoom)
            if changed:
                announce(self.zoom_label, self.zoom_label.accessibleName())

    def retranslate(self) -> None:
        """Set every visible string again in the current language."""
        self.setWindowTitle(_("Seoul Services Explorer"))
        self.tabs.setTabText(0, _("Services"))
        index = 1
        if self._programmes is not None:
            self.tabs.setTabText(index, _("Programmes"))
            index += 1
        if self._screening is not None:
            self.tabs.setTabText(index, _("Screening"))
        self.tabs.setAccessibleName(_("Sections of the program"))
        self.tabs.tabBar().setAccessibleName(_("Sections of the program"))
        self._toolbar.retranslate(self.lang)
        self.tabs_label.setText(_("Sections of the program"))
        for button in self.tabs.tabBar().findChildren(QToolButton):  # the tab bar's scroll arrows
            if button.objectName() == "ScrollLeftButton":
                button.setAccessibleName(_("Show the tabs on the left"))
            elif button.objectName() == "ScrollRightButton":
                button.setAccessibleName(_("Show the tabs on the right"))
        self._page.retranslate()
        self.dock.retranslate()
        self._shortlist_changed(self.shortlist.rowCount())
        self._results_changed(self.controller.shown_count, self.controller.query)
        if self.painted:  # before that, the first step after the first paint says it
            self._show_version()

    def _show_version(self) -> None:
        """The catalogue's version at the right of the status bar, at the height the zoom needs."""
        self._status.show_version(self.newer_catalogue)
        self._status.fit_version()

    def show_update_installed(self, version: str) -> None:
        """A newer catalogue was installed in the background: say so (and keep saying it at the right
        of the status bar); the open catalogue stays, so nothing changes under the caseworker."""
        self.newer_catalogue = version
        self._show_version()
        self.statusBar().showMessage(_("A newer catalogue was installed; it is used from the next start"))

    # --- search -----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F: the search box, on the services tab, with its text selected."""
        self.tabs.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _results_changed(self, count: int, query: str) -> None:
        self._page.show_count(count, bool(query.strip() or any(self.controller.filters.values())))
        if not count and self._shown is not None:
            # Nothing found: no service stays beside "Nothing found" for Ctrl+D to put on the sheet.
            self._shown = None
            self._page.show_nothing()
            self.detail.setAccessibleDescription("")
            self.add_button.setEnabled(False)
        if not self.painted:
            return  # the catalogue's date and the first service's details come after the first paint
        self._status.show_date()
        if count:
            self._page.ensure_current(0)

    def _announce_results(self) -> None:
        """Say the results heading once the typing has settled ("10 services found", "Nothing found")."""
        text = self.heading.text()
        if text and text != self._announced_results:
            self._announced_results = text
            announce(self.list, text)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.controller.show_row(indexes[0].row())

    def open_service(self, service_id: str) -> None:
        """Show a service on the services tab (from a programme, a screening result, the shortlist)."""
        self.tabs.setCurrentIndex(0)
        row = self.controller.model.row_of(service_id)
        if row >= 0 and row != self.list.currentIndex().row():
            self.list.setCurrentIndex(self.controller.model.index(row))
        elif row >= 0:
            self.controller.show_id(service_id)
        else:
            self.list.clearSelection()
            self.controller.show_id(service_id)

    def show_service(self, shown: dict[str, Any]) -> None:
        """Lay out the shown service in the detail pane."""
        self._shown = shown
        self._page.show_details(shown, self.lang, self.zoom)
        self.detail.setAccessibleDescription(shown["names"].get(self.lang, ""))
        self.add_button.setEnabled(shown["id"] not in self.shortlist.ids)

    def show_problem(self, message: str) -> None:
        """Tell the user about a problem without closing anything."""
        from PySide6.QtWidgets import QMessageBox  # on first use: its enumerations cost every start 2 ms

        QMessageBox.warning(self, _("Seoul Services Explorer"), message)

    # --- shortlist --------------------------------------------------------------------------------

    def _name(self, service_id: str) -> str:
        """A service's name in the interface language."""
        return self.controller.names(service_id).get(self.lang, "")

    def add_to_shortlist(self, service_id: str) -> None:
        if self.shortlist.add(service_id):
            self.statusBar().showMessage(
                _("Added to the shortlist: {name}").format(name=self._name(service_id))
            )

    def _add_shown(self) -> None:
        if self._shown is not None:
            self.add_to_shortlist(self._shown["id"])
            self.add_button.setEnabled(False)

    def _removed(self, name: str) -> None:
        self.statusBar().showMessage(_("Removed from the shortlist: {name}").format(name=name))
        if self._shown is not None:
            self.add_button.setEnabled(self._shown["id"] not in self.shortlist.ids)

    def _cleared(self) -> None:
        self.statusBar().showMessage(_("The shortlist is now empty."))
        if self._shown is not None:
            self.add_button.setEnabled(True)

    def _shortlist_changed(self, count: int) -> None:
        self.dock.show_count(count, self._sheet is not None)

    def make_sheet(self, how: str) -> None:
        """Print ("print") or save as PDF ("pdf") the shortlist in the client's language."""
        if not self.shortlist.ids or self._sheet is None:
            self.statusBar().showMessage(empty_shortlist())
            return
        client = self.sheet_language.currentData()
        self.preferences.change(sheet_language=client)
        self._sheet(self, self.shortlist.ids, client, how)

    def ask_pdf_path(self) -> Path | None:
        """Qt's save dialog for the referral PDF (its buttons follow the interface language)."""
        from PySide6.QtWidgets import QFileDialog

        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the referral sheet as PDF"), _("referral.pdf"), _("PDF files (*.pdf)")
        )
        return Path(name) if name else None

    # --- closing ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.shutdown()
        super().closeEvent(event)
