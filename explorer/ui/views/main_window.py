"""The standard main window: the list of services and the selected service's details."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.core.i18n import _, ngettext
from explorer.ui.controllers.catalogue import CatalogueController

STYLE = """
QMainWindow, QWidget#central { background: #ffffff; color: #1a1a1a; }
QLabel#heading { font-size: 20px; font-weight: bold; color: #1f4e79; padding: 8px 4px; }
QListView { font-size: 15px; border: 1px solid #b0b7c3; background: #ffffff; color: #1a1a1a; }
QListView::item { padding: 8px 6px; min-height: 32px; }
QListView::item:selected { background: #1f4e79; color: #ffffff; }
QListView:focus, QTextBrowser:focus { border: 2px solid #c25400; }
QTextBrowser { border: 1px solid #b0b7c3; background: #ffffff; color: #1a1a1a; font-size: 15px; }
"""

DETAIL_CSS = """
h1 { color: #1f4e79; font-size: 24px; margin-bottom: 0; }
p.other { color: #444444; margin-top: 2px; }
h2 { color: #1f4e79; font-size: 17px; margin-top: 14px; margin-bottom: 4px; }
p { margin: 2px 0 6px 0; line-height: 140%; }
p.unknown { color: #6b3a00; }
"""


def sections_html(shown: dict[str, Any], lang: str) -> str:
    """The detail pane's HTML for a shown service; every text is escaped."""
    other = "en" if lang == "ko" else "ko"
    parts = [
        f"<html><head><style>{DETAIL_CSS}</style></head><body>",
        f"<h1>{html.escape(shown['names'].get(lang, ''))}</h1>",
        f"<p class='other'>{html.escape(shown['names'].get(other, ''))}</p>",
    ]
    for section in shown["sections"]:
        parts.append(f"<h2>{html.escape(section.title)}</h2>")
        css = " class='unknown'" if section.unknown else ""
        parts.extend(f"<p{css}>{html.escape(p)}</p>" for p in section.paragraphs)
    parts.append("</body></html>")
    return "".join(parts)


class MainWindow(QMainWindow):
    """List on the left, details on the right; keyboard first."""

    def __init__(self, controller: CatalogueController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE)
        self.setWindowTitle(_("Seoul Services Explorer"))
        self.resize(1280, 800)

        central = QWidget(objectName="central")
        layout = QVBoxLayout(central)
        self.heading = QLabel(objectName="heading")
        layout.addWidget(self.heading)

        self.list = QListView(objectName="serviceList")
        self.list.setModel(controller.model)
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName(_("Services"))
        self.detail = QTextBrowser(objectName="serviceDetail")
        self.detail.setOpenExternalLinks(False)
        self.detail.setAccessibleName(_("Service details"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 900])
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        quit_action = QAction(_("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

        self.heading.setText(
            ngettext("{count} Seoul service", "{count} Seoul services", controller.count).format(
                count=controller.count
            )
        )
        self.statusBar().showMessage(
            _("Catalogue built {date}. Facts are as of the date shown for each service.").format(
                date=controller.as_of
            )
        )
        controller.serviceShown.connect(self.show_service)
        controller.problem.connect(self.show_problem)
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        if controller.count:
            self.list.setCurrentIndex(controller.model.index(0))
        self.list.setFocus()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.controller.show_row(indexes[0].row())

    def show_service(self, shown: dict[str, Any]) -> None:
        """Lay out the shown service in the detail pane."""
        self.detail.setHtml(sections_html(shown, self.controller.lang))
        self.detail.setAccessibleDescription(shown["names"].get(self.controller.lang, ""))

    def show_problem(self, message: str) -> None:
        """Tell the user about a problem without closing anything."""
        QMessageBox.warning(self, _("Seoul Services Explorer"), message)
