"""The user's settings (language, zoom, last filters), in the user's config folder, never the catalogue.

A small JSON file. A missing, unreadable or damaged file gives the defaults (and the damaged file is
kept aside as settings.json.bad so nothing is silently lost); a value of the wrong type or out of range
is replaced by its default. Damaged means anything `limits` refuses: larger than MAX_CONFIG_BYTES, not
UTF-8, not JSON, nested deeper than MAX_DEPTH (however deep), a key given twice, a number beyond
Python's limit, or not a JSON object. A folder, a FIFO or a device where the file should be is left
alone and never opened (so nothing blocks), and the defaults are used. Writing goes through a
temporary file and a rename. In kiosk mode nothing is written at all (`SettingsStore(None)`).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from explorer.core.limits import MAX_CONFIG_BYTES, InputError, parse_json, read_limited

FILE_NAME = "settings.json"
#: The longest update address or key path kept; a longer one is not used.
MAX_LOCATION_CHARS = 2000


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
    #: Where newer signed catalogues are published (an http(s) address or a folder); None: never
    #: looked for. Checked once at each start, in the background.
    update_url: str | None = None
    #: The public key file bundles are checked with; None: the keys the program carries.
    update_key: str | None = None

    @classmethod
    def from_dict(cls, data: Any) -> Settings:
        """Settings from decoded JSON; anything unusable falls back to its default."""
        settings = cls()
        if not isinstance(data, dict):
            return settings
        for key in ("language", "sheet_language"):
            value = data.get(key)
            if isinstance(value, str) and value in LANGUAGES:
                setattr(settings, key, value)
        zoom = data.get("zoom")
        if isinstance(zoom, int | float) and not isinstance(zoom, bool) and 1.0 <= zoom <= 2.0:  # not NaN
            settings.zoom = float(zoom)
        filters = data.get("filters")
        if isinstance(filters, dict):
            for key in settings.filters:
                value = filters.get(key)
                if value is None or (isinstance(value, str) and 0 < len(value) <= 64):
                    settings.filters[key] = value
        for key in ("update_url", "update_key"):
            value = data.get(key)
            if isinstance(value, str) and value.strip() and len(value) <= MAX_LOCATION_CHARS:
                setattr(settings, key, value)
        return settings


class SettingsStore:
    """Reads and writes Settings in `folder` (None: remember nothing, as the kiosk requires)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    @property
    def path(self) -> Path | None:
        return self.folder / FILE_NAME if self.folder else None

    def load(self) -> Settings:
        """The saved settings; the defaults when there are none or they cannot be used (never raises).

        A damaged file is renamed settings.json.bad (replacing an older one); what is not a regular
        file is left where it is.
        """
        path = self.path
        if path is None:
            return Settings()
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return Settings()  # a folder, a FIFO, a device: not ours to move, never opened
        except (OSError, ValueError):
            return Settings()  # missing, a broken link, or cannot even be looked at
        try:
            data = parse_json(read_limited(path, MAX_CONFIG_BYTES, "the settings").decode("utf-8"))
            if not isinstance(data, dict):
                raise InputError("the settings are not a JSON object")
        except (InputError, UnicodeDecodeError, ValueError, RecursionError, MemoryError):
            self._set_aside(path)
            return Settings()
        return Settings.from_dict(data)

    @staticmethod
    def _set_aside(path: Path) -> None:
        """Keep a damaged settings file as settings.json.bad, if it is still a regular file."""
        with contextlib.suppress(OSError, ValueError):
            if stat.S_ISREG(os.stat(path).st_mode):  # a link is renamed, never its target
                path.replace(path.with_name(FILE_NAME + ".bad"))

    def save(self, settings: Settings) -> bool:
        """Write the settings; False (and nothing broken) when the folder cannot be written, or when
        something that is not a regular file (a folder, a FIFO, a device) stands in the file's place."""
        path = self.path
        if path is None:
            return False
        try:
            if path.exists() and not path.is_file():
                return False
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


def default_state_folder() -> Path:
    """The user's state folder for this program (platformdirs; ~/.local/state/seoul-services-explorer
    on Linux), or EXPLORER_STATE when set. The kiosk keeps its PIN guard's state there."""
    override = os.environ.get("EXPLORER_STATE")
    if override:
        return Path(override)
    from platformdirs import user_state_path

    return user_state_path("seoul-services-explorer", appauthor=False)
