"""The client's shortlist: services a caseworker adds, orders and prints as a referral sheet.

The shortlist lives only in memory, for the client in front of the caseworker; it is never written
to disk (a referral sheet is, when the caseworker saves one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from explorer.core.present import pick

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ShortlistModel(QAbstractListModel):
    """The shortlisted service ids, in the caseworker's order, shown by name in the interface language."""

    #: The shortlist changed (added, removed, moved, cleared); carries the number of services.
    changed = Signal(int)

    def __init__(
        self, names: Callable[[str], dict[str, str]], lang: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._names = names
        self._ids: list[str] = []
        self.lang = lang

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        sid = self._ids[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{index.row() + 1}. {pick(self._names(sid), self.lang)}"
        if role == ID_ROLE:
            return sid
        return None

    def add(self, service_id: str) -> bool:
        """Add a service at the end; False when it is already there."""
        if service_id in self._ids:
            return False
        row = len(self._ids)
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.append(service_id)
        self.endInsertRows()
        self.changed.emit(len(self._ids))
        return True

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._ids):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self.endRemoveRows()
            self._renumber()
            self.changed.emit(len(self._ids))

    def move(self, row: int, delta: int) -> int:
        """Move the service on `row` up (-1) or down (+1); returns its new row."""
        target = row + delta
        if not (0 <= row < len(self._ids) and 0 <= target < len(self._ids)) or delta == 0:
            return row
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._ids.insert(target, self._ids.pop(row))
        self.endMoveRows()
        self._renumber()
        self.changed.emit(len(self._ids))
        return target

    def clear(self) -> None:
        if self._ids:
            self.beginResetModel()
            self._ids.clear()
            self.endResetModel()
            self.changed.emit(0)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._renumber()

    def _renumber(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))
