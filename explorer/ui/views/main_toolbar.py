"""The main window's toolbar: the easy-screen switch, search, zoom and language on the first row; the
category, audience and status filters on the second, so both rows fit at 200%.

Each filter has a visible label whose buddy relation names the combo for screen readers (on Linux a
combo box's own accessible name is always its current value). A filter's choice is remembered.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from explorer.ui import theme
from explorer.ui.accessible import name_clear_button, name_popup
from explorer.ui.controllers.catalogue import STATUSES, CatalogueController, today_filter_label
from explorer.ui.controllers.language import _, pick
from explorer.ui.controllers.preferences import Preferences
from explorer.ui.views.main_buttons import icon_button


class Toolbar(QVBoxLayout):
    """The two rows above the tabs. Typing searches and a filter's choice filters (and is remembered);
    the window connects the buttons."""

    def __init__(self, controller: CatalogueController, preferences: Preferences) -> None:
        super().__init__()
        self._controller = controller
        self._preferences = preferences
        top = QHBoxLayout()
        self.easy_button = icon_button("easyButton", "mdi6.human-greeting-variant")
        self.easy_button.setMinimumHeight(theme.EASY_SWITCH_PX)
        self.easy_button.setIconSize(QSize(32, 32))
        self.easy_button.setStyleSheet(theme.easy_switch_css())
        self.easy_button.setVisible(False)
        top.addWidget(self.easy_button)
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(controller.set_query)
        top.addWidget(self.search, 1)
        self.language_button = icon_button("languageButton", "mdi6.translate")
        self.zoom_out = icon_button("zoomOut", "mdi6.magnify-minus-outline")
        self.zoom_label = QLabel(objectName="zoomLabel")
        self.zoom_in = icon_button("zoomIn", "mdi6.magnify-plus-outline")
        for widget in (self.zoom_out, self.zoom_label, self.zoom_in, self.language_button):
            top.addWidget(widget)
        self.addLayout(top)
        filters = QHBoxLayout()
        self.category = QComboBox(objectName="categoryFilter")
        self.audience = QComboBox(objectName="audienceFilter")
        self.status = QComboBox(objectName="statusFilter")
        #: Each filter's visible label, by kind ("category", "audience", "status").
        self.filter_labels: dict[str, QLabel] = {}
        for kind, combo in self.filter_combos():
            combo.currentIndexChanged.connect(lambda _i, k=kind, c=combo: self._filter_changed(k, c))
            label = QLabel(objectName=f"{kind}FilterLabel")
            label.setBuddy(combo)
            self.filter_labels[kind] = label
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        self.addLayout(filters)

    def filter_combos(self) -> list[tuple[str, QComboBox]]:
        """The filters by kind, in the order they are shown."""
        return [("category", self.category), ("audience", self.audience), ("status", self.status)]

    def _filter_changed(self, kind: str, combo: QComboBox) -> None:
        value = combo.currentData()
        self._controller.set_filter(kind, value)
        settings = self._preferences.settings
        self._preferences.change(filters={**settings.filters, kind: value})

    def restore_filters(self) -> None:
        """Choose again the filters remembered from the last run (those the catalogue still has)."""
        for kind, combo in self.filter_combos():
            wanted = self._preferences.settings.filters.get(kind)
            index = combo.findData(wanted) if wanted else 0
            if index > 0:
                combo.setCurrentIndex(index)

    def retranslate(self, lang: str) -> None:
        """Set every string again in the current language (`lang`), the filters' lists included."""
        self.easy_button.setText(_("Easy screen (big letters)"))
        self.easy_button.setAccessibleName(_("Easy screen (big letters)"))
        self.easy_button.setToolTip(_("Big letters and buttons, one thing at a time, for touch screens"))
        self.search.setPlaceholderText(_("Search: care, Zero-Pay, dolbom, night bus…"))
        self.search.setAccessibleName(_("Search services"))
        self.search.setToolTip(_("Search services (Ctrl+F)"))
        self._fill_filters(lang)
        self.language_button.setText("English" if lang == "ko" else "한국어")
        self.language_button.setAccessibleName(
            _("Switch language to English") if lang == "ko" else _("Switch language to Korean")
        )
        self.language_button.setToolTip(_("Switch language (Ctrl+L)"))
        self.zoom_out.setAccessibleName(_("Zoom out"))
        self.zoom_out.setToolTip(_("Zoom out (Ctrl+-)"))
        self.zoom_in.setAccessibleName(_("Zoom in"))
        self.zoom_in.setToolTip(_("Zoom in (Ctrl+=)"))
        self._name_zoom()
        name_clear_button(self.search, _("Clear the search"))

    def _fill_filters(self, lang: str) -> None:
        """(Re)fill the filter lists in `lang`, keeping what is chosen."""
        choices = {
            "category": (self.category, _("All categories"), self._controller.labels("categories")),
            "audience": (self.audience, _("All groups"), self._controller.labels("audiences")),
        }
        for kind, (combo, any_label, labels) in choices.items():
            current = self._controller.filters[kind]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_label, None)
            for item_id, label in labels.items():
                combo.addItem(pick(label, lang), item_id)
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
        for kind, combo in self.filter_combos():
            # Windows and macOS read the accessible name; Linux reads the label relation (and the
            # label's name), and gives the combo its current value as its name.
            combo.setAccessibleName(purposes[kind])
            combo.setAccessibleDescription(purposes[kind])
            self.filter_labels[kind].setAccessibleName(purposes[kind])
            name_popup(combo, purposes[kind])
        current = self._controller.filters["status"]
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(_("Any status"), None)
        for status in STATUSES:
            self.status.addItem(today_filter_label(status), status)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)

    def show_zoom(self, zoom: float) -> bool:
        """Show the zoom level ("125%"), offer only the steps within range; True if the level changed."""
        before = self.zoom_label.text()
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        self.easy_button.setStyleSheet(theme.easy_switch_css(zoom))
        self._name_zoom()
        self.zoom_out.setEnabled(zoom > theme.ZOOM_MIN)
        self.zoom_in.setEnabled(zoom < theme.ZOOM_MAX)
        return before != self.zoom_label.text()

    def _name_zoom(self) -> None:
        """The zoom level as the label's name and the zoom buttons' description ("Zoom level: 125%")."""
        level = _("Zoom level: {percent}").format(percent=self.zoom_label.text())
        self.zoom_label.setAccessibleName(level)
        for button in (self.zoom_out, self.zoom_in):
            button.setAccessibleDescription(level)
