"""What the caseworker's window remembers between runs, changed and saved in one place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from explorer.core.settings import Settings, SettingsStore

__all__ = ["Preferences", "Settings", "SettingsStore"]


class Preferences(QObject):
    """The settings and their store: `change()` sets values and writes the file once.

    `store` may remember nothing (`SettingsStore(None)`: tests, the kiosk); a settings file that cannot
    be written loses only the change, never the window (`change` returns whether it was saved).
    """

    def __init__(self, store: SettingsStore, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings

    def change(self, **values: Any) -> bool:
        """Set these settings (`zoom=1.25`, `filters={...}`) and save them; False when not written."""
        for key, value in values.items():
            if not hasattr(self.settings, key):
                raise AttributeError(key)
            setattr(self.settings, key, value)
        return self.store.save(self.settings)
