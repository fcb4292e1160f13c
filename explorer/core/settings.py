"""The user's settings (language, zoom, last filters), in the user's config folder, never the catalogue.

A small JSON file. A missing, unreadable or damaged file gives the defaults (and the damaged file is
kept aside as settings.json.bad so nothing is silently lost); a value of the wrong type or out of range
is replaced by its default. Writing goes through a temporary file and a rename. In kiosk mode nothing
is written at all (`SettingsStore(None)`).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES

FILE_NAME = "settings.json"


@dataclass
class Settings:
    """What the standard window remembers between runs."""

    language: str = DEFAULT_LANGUAGE
    zoom: float = 1.0
    #: The last filters: {"category": id | None, "audience": id | None, "status": str | None}.
    filters: dict[str, str | None] = field(
        default_factory=lambda: {"category": None, "audience": None, "status": None}
    )
    #: The language of the last referral sheet (the client's, apart from the interface).
    sheet_language: str = DEFAULT_LANGUAGE

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Settings from decoded JSON; anything unusable falls back to its default."""
        settings = cls()
        if not isinstance(data, dict):
            return settings
        if data.get("language") in LANGUAGES:
            settings.language = data["language"]
        if data.get("sheet_language") in LANGUAGES:
            settings.sheet_language = data["sheet_language"]
        zoom = data.get("zoom")
        if isinstance(zoom, int | float) and not isinstance(zoom, bool) and 1.0 <= zoom <= 2.0:
            settings.zoom = float(zoom)
        filters = data.get("filters")
        if isinstance(filters, dict):
            for key in settings.filters:
                value = filters.get(key)
                if value is None or (isinstance(value, str) and 0 < len(value) <= 64):
                    settings.filters[key] = value
        return settings


class SettingsStore:
    """Reads and writes Settings in `folder` (None: remember nothing, as the kiosk requires)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @property
    def path(self) -> Path | None:
        return self.folder / FILE_NAME if self.folder else None

    def load(self) -> Settings:
        path = self.path
        if path is None or not path.is_file():
            return Settings()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            with contextlib.suppress(OSError):
                path.replace(path.with_name(FILE_NAME + ".bad"))
            return Settings()
        return Settings.from_dict(data)

    def save(self, settings: Settings) -> bool:
        """Write the settings; False (and nothing broken) when the folder cannot be written."""
        path = self.path
        if path is None:
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(asdict(settings), out, ensure_ascii=False, indent=2)
            os.replace(temp, path)
            return True
        except OSError:
            return False


def default_config_folder() -> Path:
    """The user's config folder for this program (platformdirs), or EXPLORER_CONFIG when set."""
    override = os.environ.get("EXPLORER_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("seoul-services-explorer", appauthor=False)
