"""The Services tab: the results heading and list on the left; on the right the shown service's
details (its sections as HTML) under the "Add to shortlist" button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from explorer.ui import theme
from explorer.ui.controllers.catalogue import CatalogueController
from explorer.ui.controllers.language import _, ngettext
from explorer.ui.views.main_buttons import icon_button


def sections_html(shown: dict[str, Any], lang: str, zoom: float = 1.0) -> str:
    """The detail pane's HTML for a shown service; every text is escaped."""
    import html  # on first use: the first service is shown after the window's first paint

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


class ServicesPage(QWidget):
    """The first tab: what the search found, and the details of the service chosen from it. Opening
    a service in the list (Enter) moves to its details; the window connects the add button."""

    def __init__(self, controller: CatalogueController, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="servicesPage")
        self._controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(objectName="heading")
        layout.addWidget(self.heading)
        self.list = QListView(objectName="serviceList")
        self.list.setModel(controller.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.activated.connect(lambda _index: self.detail.setFocus())
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.add_button = icon_button("addToShortlist", "mdi6.playlist-plus")
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

    def retranslate(self) -> None:
        """Set the list's, the details' and the add button's words again in the current language."""
        self.list.setAccessibleName(_("Services found"))
        self.list.setAccessibleDescription(_("Up and Down move through the services; Enter opens one"))
        self.detail.setAccessibleName(_("Service details"))
        self.add_button.setText(_("Add to shortlist"))
        self.add_button.setAccessibleName(_("Add the shown service to the shortlist"))
        self.add_button.setToolTip(_("Add to shortlist (Ctrl+D)"))

    def show_count(self, count: int, searching: bool) -> None:
        """The heading: how many services a search (or filter) found, or how many there are."""
        if searching:
            text = ngettext("{count} service found", "{count} services found", count).format(count=count)
            if count == 0:
                text = _("Nothing found. Try other words, fewer filters, or call 120.")
        else:
            text = ngettext("{count} Seoul service", "{count} Seoul services", count).format(count=count)
        self.heading.setText(text)

    def ensure_current(self, row: int) -> None:
        """Make `row` the list's current row, unless it already has one."""
        if not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self._controller.model.index(row))

    def show_nothing(self) -> None:
        """An empty detail pane: the search found nothing (the heading says what to do)."""
        self.detail.clear()

    def show_details(self, shown: dict[str, Any], lang: str, zoom: float) -> None:
        """Lay out `shown` in the detail pane, in `lang` at `zoom`."""
        self.detail.setHtml(sections_html(shown, lang, zoom))
