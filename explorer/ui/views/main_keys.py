"""The main window's keyboard: its window-wide shortcuts, and Down or Up from the search box into the
results."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

from explorer.ui.controllers.catalogue import CatalogueController
from explorer.ui.views.main_services import ServicesPage


def shortcut(window: QWidget, keys: QKeySequence | str, slot: Callable[[], object]) -> QAction:
    """An action of `window` that calls `slot` when `keys` are pressed anywhere in it."""
    action = QAction(window)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def tab_shortcuts(window: QWidget, tabs: QTabWidget) -> None:
    """Ctrl+1, Ctrl+2, … open the first, second, … of `tabs`."""
    for number in range(tabs.count()):
        # QAction.triggered passes `checked`: it must not land in `n`.
        shortcut(window, f"Ctrl+{number + 1}", lambda _checked=False, n=number: tabs.setCurrentIndex(n))


class IntoResults(QObject):
    """Down (or Up) in the search box moves into the results, onto the current row or the first (the
    last for Up); so does Enter (`enter`)."""

    def __init__(self, search: QLineEdit, page: ServicesPage, controller: CatalogueController) -> None:
        super().__init__(search)
        self._search = search
        self._page = page
        self._controller = controller
        search.installEventFilter(self)
        search.returnPressed.connect(self.enter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down or Up (without modifiers) with results found: into the list."""
        if (
            watched is self._search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self._controller.shown_count
        ):
            self._page.ensure_current(self._controller.shown_count - 1 if event.key() == Qt.Key.Key_Up else 0)
            self._page.list.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def enter(self) -> None:
        """Enter in the search box: into the results, onto the current row or the first."""
        if self._controller.shown_count:
            self._page.list.setFocus()
            self._page.ensure_current(0)
