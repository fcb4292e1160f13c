"""The catalogue controller: the list of services and the selected service, for the views."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QIcon

from explorer.core.catalog import Catalogue
from explorer.core.errors import ExplorerError
from explorer.core.i18n import active
from explorer.core.present import Section, pick, service_sections
from explorer.ui.icons import icon

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class ServiceListModel(QAbstractListModel):
    """Services by Korean name, with the English name beneath and the first category's icon."""

    def __init__(self, services: list[dict[str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._icons: dict[str, QIcon] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._services)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._services):
            return None
        service = self._services[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{service['names']['ko']}\n{service['names'].get('en', '')}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return pick(service["summary"], "ko")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{service['names']['ko']}, {service['names'].get('en', '')}"
        if role == Qt.ItemDataRole.DecorationRole:
            category = service["categories"][0] if service["categories"] else "service"
            if category not in self._icons:
                self._icons[category] = icon(category)
            return self._icons[category]
        if role == ID_ROLE:
            return service["id"]
        return None

    def service_id(self, row: int) -> str:
        """The id of the service on `row`."""
        return self._services[row]["id"]


class CatalogueController(QObject):
    """Reads services from the catalogue and tells the views what to show."""

    #: The selected service's names and sections, ready to lay out.
    serviceShown = Signal(object)
    #: A message for the user (a read failed); the view shows it, nothing else changes.
    problem = Signal(str)

    def __init__(self, catalogue: Catalogue, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self.lang = lang
        self._labels = catalogue.all_labels()
        self._documents = catalogue.documents()
        self.model = ServiceListModel(catalogue.list_services(), self)

    @property
    def count(self) -> int:
        """How many services the catalogue holds."""
        return self.model.rowCount()

    @property
    def as_of(self) -> str:
        """When the catalogue was built, formatted for the interface language."""
        built = self._catalogue.meta.get("built_at", "")
        localizer = active()
        try:
            day = date.fromisoformat(built[:10])
        except ValueError:
            return built
        return localizer.format_date(day) if localizer else day.isoformat()

    def show_row(self, row: int) -> None:
        """Load the service on `row` and emit serviceShown."""
        if not 0 <= row < self.model.rowCount():
            return
        try:
            service = self._catalogue.get_service(self.model.service_id(row))
        except ExplorerError as exc:
            self.problem.emit(exc.message)
            return
        sections: list[Section] = service_sections(service, self.lang, self._labels, self._documents)
        self.serviceShown.emit({"id": service["id"], "names": service["names"], "sections": sections})
