"""The interface language of the whole program, switched in one place.

The program's own words come from the gettext catalogues through the core's active `Localizer`; Qt's
own words (dialog buttons, the print dialog) from Qt's translator. Both faces share one
`LanguageController`, which switches the two together and then emits `changed` once: every window
follows that signal, so the caseworker's window and easy mode never disagree.

The views also read their words through this module (`_`, `ngettext`, `active`, `pick`), so that no
view imports the core.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from explorer.core.i18n import LANGUAGES, Localizer, _, active, ngettext, set_localizer
from explorer.core.present import pick

__all__ = ["LANGUAGES", "LanguageController", "_", "active", "ngettext", "pick"]

#: The object name of the one Qt translator the program installs (whichever window asked for it).
QT_TRANSLATOR_NAME = "explorerQtTranslator"


class LanguageController(QObject):
    """Korean or English for every word on screen: gettext's and Qt's together, then `changed`."""

    #: The interface language changed to this one (the Localizer and Qt's translator already switched).
    changed = Signal(str)

    def __init__(self, lang: str, translations: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.translations = translations
        self.lang = lang if lang in LANGUAGES else LANGUAGES[0]
        current = active()
        if (
            current is not None
            and current.lang == self.lang
            and getattr(current, "folder", None) == translations
        ):
            install_qt_translator(self.lang)  # the application's words are already these
        else:
            self._apply(self.lang)

    def set(self, lang: str) -> bool:
        """Switch to `lang`; False (and nothing changed) for an unknown or the current language."""
        if lang not in LANGUAGES or lang == self.lang:
            return False
        self._apply(lang)
        self.lang = lang
        self.changed.emit(lang)
        return True

    def toggle(self) -> None:
        """Korean ⇄ English."""
        self.set("en" if self.lang == "ko" else "ko")

    def _apply(self, lang: str) -> None:
        set_localizer(Localizer(lang, self.translations))
        install_qt_translator(lang)


def install_qt_translator(lang: str) -> None:
    """Qt's own strings (dialog buttons, the print dialog) and its locale in `lang`: one translator
    for the whole application."""
    from PySide6.QtCore import QLibraryInfo

    QLocale.setDefault(QLocale(QLocale.Language.Korean if lang == "ko" else QLocale.Language.English))
    app = QApplication.instance()
    if app is None:
        return
    for old in app.findChildren(QTranslator, QT_TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.deleteLater()
    if lang == "en":
        return
    translator = QTranslator(app)
    translator.setObjectName(QT_TRANSLATOR_NAME)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{lang}", folder):
        app.installTranslator(translator)
