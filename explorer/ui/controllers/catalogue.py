"""The catalogue controller: search as you type (off the GUI thread), filters, and the shown service."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    Signal,
    Slot,
)
from PySide6.QtGui import QIcon

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.errors import ExplorerError
from explorer.core.i18n import active
from explorer.core.present import Section, pick, service_sections, today_filter_label
from explorer.core.statuses import SERVICE_STATUSES
from explorer.ui.icons import icon

__all__ = [
    "ID_ROLE",
    "NAME_ROLE",
    "STATUSES",
    "CatalogueController",
    "SearchService",
    "SearchWorker",
    "ServiceListModel",
    "today_filter_label",
]

#: The services' statuses, for the views' filters (spelled once, in the core).
STATUSES = SERVICE_STATUSES

ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2

_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole.value
_ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
#: The roles the list answers; Qt asks a dozen more for every row it measures (font, colours,
#: alignment...), answered None at once.
_ANSWERED = frozenset(
    {_DISPLAY, _TOOLTIP, _ACCESSIBLE_TEXT, _ACCESSIBLE_DESCRIPTION, _DECORATION, ID_ROLE, NAME_ROLE}
)

Index = QModelIndex | QPersistentModelIndex


class ServiceListModel(QAbstractListModel):
    """Service rows: the name in the interface language, the summary beneath, the category's icon."""

    def __init__(self, services: list[dict[str, Any]], lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.lang = lang
        self._icons: dict[str, QIcon] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._services)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        role = int(role)
        if role not in _ANSWERED:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._services):
            return None
        service = self._services[row]
        if role == _DISPLAY:
            return f"{pick(service['names'], self.lang)}\n{pick(service.get('summary'), self.lang)}"
        if role in (NAME_ROLE, _ACCESSIBLE_TEXT):
            return pick(service["names"], self.lang)
        if role in (_TOOLTIP, _ACCESSIBLE_DESCRIPTION):  # the second line people see
            return pick(service.get("summary"), self.lang)
        if role == _DECORATION:
            category = service["categories"][0] if service.get("categories") else "service"
            if category not in self._icons:
                self._icons[category] = icon(category)
            return self._icons[category]
        return service["id"]  # ID_ROLE

    def set_services(self, services: list[dict[str, Any]]) -> None:
        """Show these rows instead (a new search result)."""
        self.beginResetModel()
        self._services = services
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        if self._services:
            self.dataChanged.emit(self.index(0), self.index(len(self._services) - 1))

    def service_id(self, row: int) -> str:
        """The id of the service on `row`."""
        return self._services[row]["id"]

    def row_of(self, service_id: str) -> int:
        """The row showing `service_id`, or -1."""
        return next((i for i, s in enumerate(self._services) if s["id"] == service_id), -1)


class SearchWorker(QObject):
    """Runs searches in its own thread, on its own read-only connection to the catalogue.

    Requests carry the asking controller's number (its `client`) and a sequence number; a request
    older than that client's newest one is skipped, so a fast typist never waits for the searches of
    letters already replaced.
    """

    #: (client, request number, the ids found, best first)
    found = Signal(int, int, object)
    #: (client, request number, the message)
    failed = Signal(int, int, str)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._catalogue: Catalogue | None = None
        self._searcher: Any = None
        #: Each client's newest request number; written by the GUI thread, read here (ints, whole).
        self.latest: dict[int, int] = {}

    @Slot(int, int, str, object)
    def search(self, client: int, number: int, query: str, filters: dict[str, str | None]) -> None:
        if number < self.latest.get(client, 0):
            return
        try:
            if self._searcher is None:
                from explorer.core.search import Searcher

                self._catalogue = open_catalogue(self._path)
                self._searcher = Searcher(self._catalogue)
            results = self._searcher.search(query, limit=200, **filters)
            self.found.emit(client, number, [r.id for r in results])
        except ExplorerError as exc:
            self.failed.emit(client, number, exc.message)

    @Slot()
    def close(self) -> None:
        if self._catalogue is not None:
            self._catalogue.close()
            self._catalogue = None
            self._searcher = None


class SearchService(QObject):
    """The one search thread a program needs: both faces' controllers ask it, each as its own client
    (its own query, filters and request numbers), and each hears only its own answers."""

    _request = Signal(int, int, str, object)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clients = 0
        self.thread = QThread(self)
        self.thread.setObjectName("search")
        self.worker = SearchWorker(path)
        self.worker.moveToThread(self.thread)
        self._request.connect(self.worker.search)
        # `finished` is emitted in the search thread: the connection is closed where it was opened.
        self.thread.finished.connect(self.worker.close, Qt.ConnectionType.DirectConnection)
        self.thread.start()

    def new_client(self) -> int:
        """A number for one more controller asking."""
        self._clients += 1
        return self._clients

    def skip_older(self, client: int, number: int) -> None:
        """From now on, `client`'s requests older than `number` are not run."""
        self.worker.latest[client] = number

    def ask(self, client: int, number: int, query: str, filters: dict[str, str | None]) -> None:
        self.skip_older(client, number)
        self._request.emit(client, number, query, dict(filters))

    def shutdown(self) -> None:
        """Stop the search thread (its owner calls this when the program's window closes)."""
        if self.thread.isRunning():
            self.thread.quit()
            self.thread.wait(5000)


class CatalogueController(QObject):
    """Reads services from the catalogue and tells the views what to show."""

    #: The selected service's names and sections, ready to lay out.
    serviceShown = Signal(object)
    #: A message for the user (a read failed); the view shows it, nothing else changes.
    problem = Signal(str)
    #: The result list changed: (number of rows, the query it answers).
    resultsChanged = Signal(int, str)
    #: The same results as ids, best first: (ids, the query) — for easy mode, which has no list view.
    found = Signal(list, str)

    def __init__(
        self,
        catalogue: Catalogue,
        lang: str,
        parent: QObject | None = None,
        search: SearchService | None = None,
    ) -> None:
        """`search` is the search thread to share (the other face's); None: one of its own."""
        super().__init__(parent)
        self._catalogue = catalogue
        self.lang = lang
        self._labels = catalogue.all_labels()
        self._documents = catalogue.documents()
        self._all = catalogue.list_services()
        self._by_id = {s["id"]: s for s in self._all}
        self.model = ServiceListModel(list(self._all), lang, self)
        self.query = ""
        self.filters: dict[str, str | None] = {"category": None, "audience": None, "status": None}
        self.shown_id: str | None = None
        self._number = 0
        self._answered = 0
        self._owns_search = search is None
        self.search_service = search or SearchService(catalogue.path, self)
        self._client = self.search_service.new_client()
        self._worker = self.search_service.worker
        self._worker.found.connect(self._found)
        self._worker.failed.connect(self._failed)

    # --- data ------------------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """How many services the catalogue holds."""
        return len(self._all)

    @property
    def services(self) -> list[dict[str, Any]]:
        """Every service's list entry (names, summary, categories, today's state), in catalogue order,
        as read once at start (the other controllers read them here instead of again)."""
        return self._all

    @property
    def pending(self) -> bool:
        """True while the newest search has not been answered yet."""
        return self._answered != self._number

    @property
    def shown_count(self) -> int:
        return self.model.rowCount()

    def labels(self, kind: str) -> dict[str, dict[str, str]]:
        """Labels of "categories" or "audiences" by id."""
        return self._labels[kind]

    def names(self, service_id: str) -> dict[str, str]:
        return self._by_id[service_id]["names"] if service_id in self._by_id else {"ko": service_id}

    def service(self, service_id: str) -> dict[str, Any]:
        """Every field of one service (raises ExplorerError)."""
        return self._catalogue.get_service(service_id)

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    @property
    def version_name(self) -> str | None:
        """The catalogue's version (build time and content digest), or None when its meta lacks them."""
        from explorer.core.bundle_manifest import version_of

        version = version_of(self._catalogue.meta)
        return version.name if version is not None else None

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

    # --- search ----------------------------------------------------------------------------------

    def set_query(self, query: str) -> None:
        """Search for `query` (any text) within the filters; the result arrives via resultsChanged."""
        self.query = query
        self._refresh()

    def set_filter(self, kind: str, value: str | None) -> None:
        """Set the "category", "audience" or "status" filter (None: any)."""
        if kind not in self.filters:
            raise ValueError(kind)
        self.filters[kind] = value or None
        self._refresh()

    def _refresh(self) -> None:
        self._number += 1
        number = self._number
        if not self.query.strip() and not any(self.filters.values()):
            self.search_service.skip_older(self._client, number)
            self._answered = number
            self._show_rows(list(self._all), "")
            return
        self.search_service.ask(self._client, number, self.query, self.filters)

    @Slot(int, int, object)
    def _found(self, client: int, number: int, ids: list[str]) -> None:
        if client != self._client or number != self._number:
            return  # the other face's answer, or an answer to an older query
        self._answered = number
        self._show_rows([self._by_id[i] for i in ids if i in self._by_id], self.query)

    @Slot(int, int, str)
    def _failed(self, client: int, number: int, message: str) -> None:
        if client == self._client and number == self._number:
            self._answered = number
            self.problem.emit(message)

    def _show_rows(self, rows: list[dict[str, Any]], query: str) -> None:
        self.model.set_services(rows)
        self.resultsChanged.emit(len(rows), query)
        self.found.emit([row["id"] for row in rows], query)

    # --- the shown service -----------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Show rows and the shown service in `lang` (the Localizer has been switched already)."""
        self.lang = lang
        self.model.set_language(lang)
        if self.shown_id:
            self.show_id(self.shown_id)

    def show_row(self, row: int) -> None:
        """Load the service on `row` and emit serviceShown."""
        if 0 <= row < self.model.rowCount():
            self.show_id(self.model.service_id(row))

    def show_id(self, service_id: str) -> None:
        """Load a service by id and emit serviceShown; a problem is reported, nothing else changes."""
        try:
            service = self._catalogue.get_service(service_id)
        except ExplorerError as exc:
            self.problem.emit(exc.message)
            return
        self.shown_id = service_id
        sections: list[Section] = service_sections(service, self.lang, self._labels, self._documents)
        self.serviceShown.emit(
            {"id": service["id"], "names": service["names"], "sections": sections, "service": service}
        )

    def shutdown(self) -> None:
        """Stop the search thread when it is this controller's own (the window calls this when it
        closes); a shared one is stopped by the controller that made it."""
        if self._owns_search:
            self.search_service.shutdown()
