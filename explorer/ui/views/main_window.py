"""The caseworker's main window: search and filters, service details, programmes, screening, shortlist.

Keyboard first: Ctrl+F search, Ctrl+P print the shortlist, Ctrl+L switch language, Ctrl+= / Ctrl+- /
Ctrl+0 zoom, Ctrl+D add the shown service to the shortlist, Ctrl+1..3 the tabs, Ctrl+Q quit; Down or
Up in the search box moves into the results.
Every visible string is set in `retranslate()`, so switching language changes all of it at once.
Screen readers hear every status change (explorer.ui.announce): a search's count once the typing
settles, every status bar message, the zoom level, the language switched, the shortlist's changes.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.ui import icons as icon_font
from explorer.ui import theme
from explorer.ui.accessible import name_clear_button, name_popup
from explorer.ui.announce import announce
from explorer.ui.controllers.catalogue import STATUSES, CatalogueController
from explorer.ui.controllers.language import LanguageController, _, ngettext
from explorer.ui.controllers.preferences import Preferences
from explorer.ui.controllers.shortlist import ShortlistModel
from explorer.ui.icons import icon
from explorer.ui.views.lazy_panel import LazyPanel


def sections_html(shown: dict[str, Any], lang: str, zoom: float = 1.0) -> str:
    """The detail pane's HTML for a shown service; every text is escaped."""
    other = "en" if lang == "ko" else "ko"
    other_name = shown["names"].get(other, "")
    label = _("Korean name") if other == "ko" else _("English name")
    parts = [
        f"<html><head><style>{theme.detail_css(zoom)}</style></head><body>",
        f"<h1>{html.escape(shown['names'].get(lang, '') or shown['names'].get(other, ''))}</h1>",
    ]
    if other_name:
        parts.append(f"<p class='other'>{html.escape(label)}: {html.escape(other_name)}</p>")
    for section in shown["sections"]:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        css = " class='unknown'" if section.unknown else ""
        paragraphs = list(section.paragraphs)
        if section.tone and paragraphs:  # the state today, at a glance
            parts.append(f"<p class='{section.tone}'><b>{html.escape(paragraphs.pop(0))}</b></p>")
            css = " class='other'"
        parts.extend(f"<p{css}>{html.escape(p)}</p>" for p in paragraphs)
    parts.append("</body></html>")
    return "".join(parts)


def _button(name: str, glyph: str | None = None) -> QPushButton:
    button = QPushButton(objectName=name)
    if glyph:
        button.setIcon(icon(glyph))
    return button


class MainWindow(QMainWindow):
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
        preferences: Preferences,
        language: LanguageController,
        sheet: Callable[[QWidget, list[str], str, str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`sheet(parent, ids, client_lang, how)` prints ("print") or saves ("pdf") a referral sheet."""
        super().__init__(parent)
        self.controller = controller
        self.shortlist = shortlist
        self._programmes = programmes
        self._screening = screening
        #: Set at the first paint; what waits for it is then done one step per turn of the loop.
        self._painted = False
        icon_font.hold()  # the icon font loads after this window's first paint
        #: True once `settled` has been emitted.
        self.has_settled = False
        self.preferences = preferences
        #: What the window remembers (read here; changed only through `preferences.change`).
        self.settings = preferences.settings
        self.language = language
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
        layout.addLayout(self._build_toolbar())
        self.tabs = QTabWidget(objectName="tabs")
        # The tab bar's accessible name is always its current tab (Qt's choice); a label names the bar
        # through the label relation. It is not shown: the tabs speak for themselves on screen.
        self.tabs_label = QLabel(self.tabs, objectName="tabsLabel")
        self.tabs_label.setBuddy(self.tabs.tabBar())
        self.tabs_label.hide()
        self.tabs.addTab(self._build_services_tab(), "")
        if programmes is not None:
            self.tabs.addTab(programmes, "")
        if screening is not None:
            self.tabs.addTab(screening, "")
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_shortlist_dock()
        self._build_actions()
        #: The catalogue's version, always at the right of the status bar (see `_word_catalogue`).
        self.catalogue_label = QLabel(objectName="catalogueVersion")
        self.statusBar().addPermanentWidget(self.catalogue_label)
        #: The version of a newer catalogue installed while the window is open (used from the next start).
        self.newer_catalogue: str | None = None

        controller.serviceShown.connect(self.show_service)
        controller.problem.connect(self.show_problem)
        controller.resultsChanged.connect(self._results_changed)
        controller.resultsChanged.connect(lambda _count, _query: self._results_timer.start())
        self.statusBar().messageChanged.connect(self._status_message)
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        shortlist.changed.connect(self._shortlist_changed)
        for panel in self._panels():
            if hasattr(panel, "serviceRequested"):
                panel.serviceRequested.connect(self.open_service)  # type: ignore[attr-defined]
        if screening is not None and hasattr(screening, "addToShortlist"):
            screening.addToShortlist.connect(self.add_to_shortlist)  # type: ignore[attr-defined]

        language.changed.connect(self._language_changed)
        self.retranslate()
        self._restore_filters()
        self.set_zoom(self.zoom, save=False)
        self._shortlist_changed(0)
        self._announced_results = self.heading.text()
        self.search.setFocus()

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

    def event(self, event: QEvent) -> bool:
        """At the first paint, start what was left for after it."""
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().event(event)

    def _after_first_paint(self) -> None:
        """The catalogue's date and the first service's details (dates need Babel's locale data), the
        icons' font, then each hidden panel, one per turn of the event loop, so that typing in the
        search box is never held up for long; then `settled`."""
        first = (lambda: self._results_changed(self.controller.shown_count, self.controller.query),)
        steps: list[Callable[[], object]] = [*first, icon_font.release]
        steps += [panel.panel for panel in self._panels() if isinstance(panel, LazyPanel)]

        def step() -> None:
            if not steps:
                self.has_settled = True
                self.settled.emit()
            elif self.isVisible():  # a hidden window's panels are made when it shows them
                steps.pop(0)()
                QTimer.singleShot(0, step)

        step()

    # --- building ---------------------------------------------------------------------------------

    def _build_toolbar(self) -> QVBoxLayout:
        """Search, zoom and language on the first row; the filters on the second, so both fit at 200%."""
        rows = QVBoxLayout()
        top = QHBoxLayout()
        self.easy_button = _button("easyButton", "mdi6.human-greeting-variant")
        self.easy_button.setMinimumHeight(theme.EASY_SWITCH_PX)
        self.easy_button.setIconSize(QSize(32, 32))
        self.easy_button.setStyleSheet(theme.easy_switch_css())
        self.easy_button.clicked.connect(self.easyRequested.emit)
        self.easy_button.setVisible(False)
        top.addWidget(self.easy_button)
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.controller.set_query)
        self.search.returnPressed.connect(self._focus_results)
        self.search.installEventFilter(self)  # Down and Up move into the results
        top.addWidget(self.search, 1)
        self.language_button = _button("languageButton", "mdi6.translate")
        self.language_button.clicked.connect(self.toggle_language)
        self.zoom_out = _button("zoomOut", "mdi6.magnify-minus-outline")
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom - theme.ZOOM_STEP))
        self.zoom_label = QLabel(objectName="zoomLabel")
        self.zoom_in = _button("zoomIn", "mdi6.magnify-plus-outline")
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom + theme.ZOOM_STEP))
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in, self.language_button):
            top.addWidget(widget)
        rows.addLayout(top)
        filters = QHBoxLayout()
        self.category = QComboBox(objectName="categoryFilter")
        self.audience = QComboBox(objectName="audienceFilter")
        self.status = QComboBox(objectName="statusFilter")
        #: Each filter's visible label; its buddy relation names the combo for screen readers (on Linux a
        #: combo box's own accessible name is always its current value).
        self.filter_labels: dict[str, QLabel] = {}
        for kind, combo in self._filter_combos():
            combo.currentIndexChanged.connect(lambda _i, k=kind, c=combo: self._filter_changed(k, c))
            label = QLabel(objectName=f"{kind}FilterLabel")
            label.setBuddy(combo)
            self.filter_labels[kind] = label
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        rows.addLayout(filters)
        return rows

    def _build_services_tab(self) -> QWidget:
        page = QWidget(objectName="servicesPage")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(objectName="heading")
        layout.addWidget(self.heading)
        self.list = QListView(objectName="serviceList")
        self.list.setModel(self.controller.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.activated.connect(lambda _index: self.detail.setFocus())
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.add_button = _button("addToShortlist", "mdi6.playlist-plus")
        self.add_button.clicked.connect(self._add_shown)
        row.addWidget(self.add_button)
        row.addStretch(1)
        right_layout.addLayout(row)
        self.detail = QTextBrowser(objectName="serviceDetail")
        self.detail.setOpenExternalLinks(False)
        self.detail.setOpenLinks(False)
        right_layout.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([420, 640])
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)
        return page

    def _build_shortlist_dock(self) -> None:
        self.dock = QDockWidget(objectName="shortlistDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        box = QWidget(objectName="shortlistPanel")
        layout = QVBoxLayout(box)
        self.shortlist_heading = QLabel(objectName="shortlistHeading")
        self.shortlist_heading.setWordWrap(True)
        layout.addWidget(self.shortlist_heading)
        self.shortlist_view = QListView(objectName="shortlist")
        self.shortlist_view.setModel(self.shortlist)
        self.shortlist_view.setWordWrap(True)
        self.shortlist_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.shortlist_view.setResizeMode(QListView.ResizeMode.Adjust)
        layout.addWidget(self.shortlist_view, 1)
        moves = QHBoxLayout()
        self.up_button = _button("moveUp", "mdi6.arrow-up")
        self.down_button = _button("moveDown", "mdi6.arrow-down")
        self.remove_button = _button("remove", "mdi6.close")
        self.clear_button = _button("clear", "mdi6.delete-sweep")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.clear_button.clicked.connect(self._clear)
        for button in (self.up_button, self.down_button, self.remove_button, self.clear_button):
            moves.addWidget(button)
        layout.addLayout(moves)
        self.sheet_language_label = QLabel(objectName="sheetLanguageLabel")
        self.sheet_language_label.setWordWrap(True)
        layout.addWidget(self.sheet_language_label)
        self.sheet_language = QComboBox(objectName="sheetLanguage")
        self.sheet_language.addItem("한국어", "ko")
        self.sheet_language.addItem("English", "en")
        index = self.sheet_language.findData(self.settings.sheet_language)
        self.sheet_language.setCurrentIndex(max(0, index))
        self.sheet_language_label.setBuddy(self.sheet_language)
        layout.addWidget(self.sheet_language)
        self.print_button = _button("print", "mdi6.printer")
        self.pdf_button = _button("savePdf", "mdi6.file-pdf-box")
        self.print_button.clicked.connect(lambda: self.make_sheet("print"))
        self.pdf_button.clicked.connect(lambda: self.make_sheet("pdf"))
        layout.addWidget(self.print_button)
        layout.addWidget(self.pdf_button)
        self.dock.setWidget(box)
        self.dock.setMinimumWidth(260)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

    def _build_actions(self) -> None:
        def action(shortcut: QKeySequence | str, slot: Callable[[], object]) -> QAction:
            act = QAction(self)
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.find_action = action("Ctrl+F", self.focus_search)
        self.print_action = action("Ctrl+P", lambda: self.make_sheet("print"))
        self.language_action = action("Ctrl+L", self.toggle_language)
        self.zoom_in_action = action("Ctrl+=", lambda: self.set_zoom(self.zoom + theme.ZOOM_STEP))
        action("Ctrl++", lambda: self.set_zoom(self.zoom + theme.ZOOM_STEP))
        self.zoom_out_action = action("Ctrl+-", lambda: self.set_zoom(self.zoom - theme.ZOOM_STEP))
        action("Ctrl+0", lambda: self.set_zoom(1.0))
        self.add_action = action("Ctrl+D", self._add_shown)
        self.quit_action = action(QKeySequence(QKeySequence.StandardKey.Quit), self.close)
        for number in range(self.tabs.count()):
            # QAction.triggered passes `checked`: it must not land in `n`.
            action(f"Ctrl+{number + 1}", lambda _checked=False, n=number: self.tabs.setCurrentIndex(n))

    # --- language and zoom ------------------------------------------------------------------------

    def toggle_language(self) -> None:
        """Korean ⇄ English (Ctrl+L)."""
        self.language.toggle()

    def offer_easy(self) -> None:
        """Show the big "Easy screen" switch (the program connects `easyRequested` first)."""
        self.easy_button.setVisible(True)

    def set_language(self, lang: str) -> None:
        """Switch every visible string, Qt's own dialogs included, to `lang`, and remember it (the
        language controller switches; this window, like easy mode, follows its `changed`)."""
        self.language.set(lang)

    def _language_changed(self, lang: str) -> None:
        self.lang = lang
        self.controller.set_language(lang)
        self.shortlist.set_language(lang)
        for panel in self._panels():
            panel.set_language(lang)  # type: ignore[attr-defined]
        self.retranslate()
        self._announced_results = self.heading.text()  # the same count in new words: not said again
        self.preferences.change(language=lang)
        if self.isVisible():  # the face in use says it; a hidden one follows quietly
            announce(
                self,
                _("Language switched to English") if lang == "en" else _("Language switched to Korean"),
            )

    def set_zoom(self, zoom: float, save: bool = True) -> None:
        """Scale text and targets to `zoom` (100% to 200%) and remember it."""
        self.zoom = theme.clamp_zoom(zoom)
        sheet = theme.stylesheet(self.zoom)
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        side = theme.px(18, self.zoom)
        for button in self.findChildren(QPushButton):
            button.setIconSize(QSize(side, side))
        font = QApplication.font()
        font.setPointSizeF(theme.BASE_POINT_SIZE * self.zoom)
        self.setFont(font)
        # The status bar keeps the height it was first laid out with: at a larger zoom its permanent
        # label (the catalogue's version) would be cut off.
        self.catalogue_label.setMinimumHeight(self.catalogue_label.sizeHint().height())
        for panel in self._panels():
            panel.set_zoom(self.zoom)  # type: ignore[attr-defined]
        if self._shown is not None:
            self.detail.setHtml(sections_html(self._shown, self.lang, self.zoom))
        before = self.zoom_label.text()
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self._name_zoom()
        self.zoom_out.setEnabled(self.zoom > theme.ZOOM_MIN)
        self.zoom_in.setEnabled(self.zoom < theme.ZOOM_MAX)
        if save:
            self.preferences.change(zoom=self.zoom)
            if before != self.zoom_label.text():
                announce(self.zoom_label, self.zoom_label.accessibleName())

    def _name_zoom(self) -> None:
        """The zoom level as the label's name and the zoom buttons' description ("Zoom level: 125%")."""
        level = _("Zoom level: {percent}").format(percent=self.zoom_label.text())
        self.zoom_label.setAccessibleName(level)
        for button in (self.zoom_out, self.zoom_in):
            button.setAccessibleDescription(level)

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
        self.easy_button.setText(_("Easy screen (big letters)"))
        self.easy_button.setAccessibleName(_("Easy screen (big letters)"))
        self.easy_button.setToolTip(_("Big letters and buttons, one thing at a time, for touch screens"))
        self.search.setPlaceholderText(_("Search: care, Zero-Pay, dolbom, night bus…"))
        self.search.setAccessibleName(_("Search services"))
        self.search.setToolTip(_("Search services (Ctrl+F)"))
        self._fill_filters()
        self.language_button.setText("English" if self.lang == "ko" else "한국어")
        self.language_button.setAccessibleName(
            _("Switch language to English") if self.lang == "ko" else _("Switch language to Korean")
        )
        self.language_button.setToolTip(_("Switch language (Ctrl+L)"))
        self.zoom_out.setAccessibleName(_("Zoom out"))
        self.zoom_out.setToolTip(_("Zoom out (Ctrl+-)"))
        self.zoom_in.setAccessibleName(_("Zoom in"))
        self.zoom_in.setToolTip(_("Zoom in (Ctrl+=)"))
        self._name_zoom()
        name_clear_button(self.search, _("Clear the search"))
        self.tabs_label.setText(_("Sections of the program"))
        for button in self.tabs.tabBar().findChildren(QToolButton):  # the tab bar's scroll arrows
            if button.objectName() == "ScrollLeftButton":
                button.setAccessibleName(_("Show the tabs on the left"))
            elif button.objectName() == "ScrollRightButton":
                button.setAccessibleName(_("Show the tabs on the right"))
        self.list.setAccessibleName(_("Services found"))
        self.list.setAccessibleDescription(_("Up and Down move through the services; Enter opens one"))
        self.detail.setAccessibleName(_("Service details"))
        self.add_button.setText(_("Add to shortlist"))
        self.add_button.setAccessibleName(_("Add the shown service to the shortlist"))
        self.add_button.setToolTip(_("Add to shortlist (Ctrl+D)"))
        self.dock.setWindowTitle(_("Shortlist"))
        self._retranslate_dock_buttons()
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
        self._shortlist_changed(self.shortlist.rowCount())
        self._results_changed(self.controller.shown_count, self.controller.query)
        self._word_catalogue()

    def _word_catalogue(self) -> None:
        """The status bar's catalogue version, and the newer one installed meanwhile, if any."""
        name = self.controller.version_name or _("unknown")
        if self.newer_catalogue:
            text = _("Catalogue {version}; a newer one ({newer}) is used from the next start").format(
                version=name, newer=self.newer_catalogue
            )
        else:
            text = _("Catalogue {version}").format(version=name)
        self.catalogue_label.setText(text)
        self.catalogue_label.setAccessibleName(text)

    def show_update_installed(self, version: str) -> None:
        """A newer catalogue was installed in the background: say so (and keep saying it at the right
        of the status bar); the open catalogue stays, so nothing changes under the caseworker."""
        self.newer_catalogue = version
        self._word_catalogue()
        self.statusBar().showMessage(_("A newer catalogue was installed; it is used from the next start"))

    def _retranslate_dock_buttons(self) -> None:
        """Qt names the dock's title buttons once, in the language of the moment: name them again."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QAbstractButton

        words = {
            "qt_dockwidget_closebutton": ("Close", "Closes the dock widget"),
            "qt_dockwidget_floatbutton": ("Float", "Undocks and re-attaches the dock widget"),
        }
        for button in self.dock.findChildren(QAbstractButton):
            if button.objectName() in words:
                name, description = words[button.objectName()]
                button.setAccessibleName(QCoreApplication.translate("QDockWidget", name))
                button.setAccessibleDescription(QCoreApplication.translate("QDockWidget", description))

    def _fill_filters(self) -> None:
        """(Re)fill the filter lists in the current language, keeping what is chosen."""
        from explorer.ui.controllers.catalogue import today_filter_label
        from explorer.ui.controllers.language import pick

        choices = {
            "category": (self.category, _("All categories"), self.controller.labels("categories")),
            "audience": (self.audience, _("Everyone"), self.controller.labels("audiences")),
        }
        for kind, (combo, any_label, labels) in choices.items():
            current = self.controller.filters[kind]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_label, None)
            for item_id, label in labels.items():
                combo.addItem(pick(label, self.lang), item_id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self.filter_labels["category"].setText(_("Category:"))
        self.filter_labels["audience"].setText(_("For whom:"))
        self.filter_labels["status"].setText(_("Status:"))
        purposes = {
            "category": _("Filter by category"),
            "audience": _("Filter by who it is for"),
            "status": _("Filter by status"),
        }
        for kind, combo in self._filter_combos():
            # Windows and macOS read the accessible name; Linux reads the label relation (and the
            # label's name), and gives the combo its current value as its name.
            combo.setAccessibleName(purposes[kind])
            combo.setAccessibleDescription(purposes[kind])
            self.filter_labels[kind].setAccessibleName(purposes[kind])
            name_popup(combo, purposes[kind])
        current = self.controller.filters["status"]
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_("Any status"), None)
        for status in STATUSES:
            self.status.addItem(today_filter_label(status), status)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)

    def _filter_combos(self) -> list[tuple[str, QComboBox]]:
        return [("category", self.category), ("audience", self.audience), ("status", self.status)]

    def _restore_filters(self) -> None:
        for kind, combo in (
            ("category", self.category),
            ("audience", self.audience),
            ("status", self.status),
        ):
            wanted = self.settings.filters.get(kind)
            index = combo.findData(wanted) if wanted else 0
            if index > 0:
                combo.setCurrentIndex(index)

    # --- search -----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F: the search box, on the services tab, with its text selected."""
        self.tabs.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down (or Up) in the search box moves into the results, onto the current row or the first
        (the last for Up)."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.controller.shown_count
        ):
            if not self.list.currentIndex().isValid():
                last = self.controller.shown_count - 1 if event.key() == Qt.Key.Key_Up else 0
                self.list.setCurrentIndex(self.controller.model.index(last))
            self.list.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _focus_results(self) -> None:
        if self.controller.shown_count:
            self.list.setFocus()
            if not self.list.currentIndex().isValid():
                self.list.setCurrentIndex(self.controller.model.index(0))

    def _filter_changed(self, kind: str, combo: QComboBox) -> None:
        value = combo.currentData()
        self.controller.set_filter(kind, value)
        self.preferences.change(filters={**self.settings.filters, kind: value})

    def _results_changed(self, count: int, query: str) -> None:
        if query.strip() or any(self.controller.filters.values()):
            text = ngettext("{count} service found", "{count} services found", count).format(count=count)
            if count == 0:
                text = _("Nothing found. Try other words, fewer filters, or call 120.")
        else:
            text = ngettext("{count} Seoul service", "{count} Seoul services", count).format(count=count)
        self.heading.setText(text)
        if not self._painted:
            return  # the catalogue's date and the first service's details come after the first paint
        self.statusBar().showMessage(self._catalogue_date())
        if count and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.controller.model.index(0))

    def _announce_results(self) -> None:
        """Say the results heading once the typing has settled ("10 services found", "Nothing found")."""
        text = self.heading.text()
        if text and text != self._announced_results:
            self._announced_results = text
            announce(self.list, text)

    def _catalogue_date(self) -> str:
        return _("Catalogue built {date}. Facts are as of the date shown for each service.").format(
            date=self.controller.as_of
        )

    def _status_message(self, message: str) -> None:
        """Every status bar message (added to the shortlist, printed, saved) is also announced, but for
        the catalogue's date, which comes back after each search."""
        if message and message != self._catalogue_date():
            announce(self.statusBar(), message)

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
        self.detail.setHtml(sections_html(shown, self.lang, self.zoom))
        self.detail.setAccessibleDescription(shown["names"].get(self.lang, ""))
        self.add_button.setEnabled(shown["id"] not in self.shortlist.ids)

    def show_problem(self, message: str) -> None:
        """Tell the user about a problem without closing anything."""
        QMessageBox.warning(self, _("Seoul Services Explorer"), message)

    # --- shortlist --------------------------------------------------------------------------------

    def add_to_shortlist(self, service_id: str) -> None:
        if self.shortlist.add(service_id):
            self.statusBar().showMessage(
                _("Added to the shortlist: {name}").format(
                    name=self.controller.names(service_id).get(self.lang, "")
                )
            )

    def _add_shown(self) -> None:
        if self._shown is not None:
            self.add_to_shortlist(self._shown["id"])
            self.add_button.setEnabled(False)

    def _selected_row(self) -> int:
        index: QModelIndex = self.shortlist_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _shortlist_name(self, row: int) -> str:
        return self.controller.names(self.shortlist.ids[row]).get(self.lang, "")

    def _move(self, delta: int) -> None:
        row = self._selected_row()
        if row >= 0:
            new = self.shortlist.move(row, delta)
            self.shortlist_view.setCurrentIndex(self.shortlist.index(new))
            announce(
                self.shortlist_view,
                _("{name} is now number {number} on the shortlist").format(
                    name=self._shortlist_name(new), number=new + 1
                ),
            )

    def _remove(self) -> None:
        row = self._selected_row()
        if row >= 0:
            name = self._shortlist_name(row)
            self.shortlist.remove(row)
            self.statusBar().showMessage(_("Removed from the shortlist: {name}").format(name=name))
            if self._shown is not None:
                self.add_button.setEnabled(self._shown["id"] not in self.shortlist.ids)

    def _clear(self) -> None:
        self.shortlist.clear()
        self.statusBar().showMessage(_("The shortlist is now empty."))
        if self._shown is not None:
            self.add_button.setEnabled(True)

    def _shortlist_changed(self, count: int) -> None:
        self.shortlist_heading.setText(
            ngettext("{count} service for the client", "{count} services for the client", count).format(
                count=count
            )
            if count
            else _("The shortlist is empty. Add services with “Add to shortlist” (Ctrl+D).")
        )
        for button in (self.up_button, self.down_button, self.remove_button, self.clear_button):
            button.setEnabled(count > 0)
        self.print_button.setEnabled(count > 0 and self._sheet is not None)
        self.pdf_button.setEnabled(count > 0 and self._sheet is not None)

    def make_sheet(self, how: str) -> None:
        """Print ("print") or save as PDF ("pdf") the shortlist in the client's language."""
        if not self.shortlist.ids or self._sheet is None:
            self.statusBar().showMessage(
                _("The shortlist is empty. Add services with “Add to shortlist” (Ctrl+D).")
            )
            return
        client = self.sheet_language.currentData()
        self.preferences.change(sheet_language=client)
        self._sheet(self, self.shortlist.ids, client, how)

    def ask_pdf_path(self) -> Path | None:
        """Qt's save dialog for the referral PDF (its buttons follow the interface language)."""
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the referral sheet as PDF"), _("referral.pdf"), _("PDF files (*.pdf)")
        )
        return Path(name) if name else None

    # --- closing ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.shutdown()
        super().closeEvent(event)
