"""One run of the program as both faces share it.

The caseworker's window and easy mode are two faces of one session: one catalogue, one language
(gettext's words and Qt's, switched together), one set of settings saved in one place, and one search
thread. `make_main_window` makes the session with the caseworker's window, whose catalogue controller
owns the search thread and stops it when the window closes; `make_easy_window(session=...)` gives easy
mode the same one. The kiosk, which has only easy mode, makes its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.core.catalog import Catalogue
from explorer.ui.controllers.catalogue import SearchService
from explorer.ui.controllers.language import LanguageController
from explorer.ui.controllers.preferences import Preferences


@dataclass(frozen=True)
class Session:
    """What both faces share: the catalogue, the language, the preferences and the search thread."""

    catalogue: Catalogue
    language: LanguageController
    preferences: Preferences
    search: SearchService
