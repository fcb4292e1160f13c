"""One run of the program as both faces share it.

The caseworker's window and easy mode are two faces of one session: one catalogue, one language
(gettext's words and Qt's, switched together), one set of settings saved in one place, and one search
thread. `make_main_window` makes the session with the caseworker's window, whose catalogue controller
owns the search thread and stops it when the window closes; `make_easy_window(session=...)` gives easy
mode the same one. `make_session` makes one before either face (explorer.ui.faces makes each face
when it is first shown). The kiosk, which has only easy mode, makes its own.

The session saves the language when it changes, whichever face changed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.core.catalog import Catalogue
from explorer.ui.controllers.catalogue import SearchService
from explorer.ui.controllers.language import LanguageController
from explorer.ui.controllers.preferences import Preferences, Settings, SettingsStore


@dataclass(frozen=True)
class Session:
    """What both faces share: the catalogue, the language, the preferences and the search thread."""

    catalogue: Catalogue
    language: LanguageController
    preferences: Preferences
    search: SearchService


def make_session(
    catalogue: Catalogue,
    lang: str,
    translations: Path,
    store: SettingsStore,
    settings: Settings,
    search: SearchService | None = None,
) -> Session:
    """A session over `catalogue` in `lang`, its settings kept in `store`.

    `search` is the search thread when a controller already owns one; None: a new one, which the
    session's owner stops (`session.search.shutdown()`) when the program ends.
    """
    language = LanguageController(lang, translations)
    preferences = Preferences(store, settings)
    language.changed.connect(lambda new: preferences.change(language=new))
    return Session(catalogue, language, preferences, search or SearchService(catalogue.path))
