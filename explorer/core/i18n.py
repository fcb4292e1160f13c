"""Interface language: gettext messages, and Babel's formatting of numbers and dates.

This is the one module that exports `_` and `ngettext` (never injected into builtins). They
translate through the active `Localizer`, which the program sets once at start-up and again when
the user switches language. Message catalogues live in translations/<locale>/LC_MESSAGES/explorer.po;
compiled .mo files are built by `make translations`, and where one is missing the .po is compiled
in memory (with Babel) so a fresh checkout still shows translated text.

Babel is imported only when first needed (a number or date to format, a .po to compile): reading
a compiled .mo needs only the standard library, so the first window paints without it.
"""

from __future__ import annotations

import gettext as _gettext
import io
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "explorer"
LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"


def load_translations(directory: Path, lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue for `lang`, compiling the .po in memory when no .mo exists."""
    folder = directory / lang / "LC_MESSAGES"
    mo_file = folder / f"{DOMAIN}.mo"
    po_file = folder / f"{DOMAIN}.po"
    if mo_file.is_file() and (not po_file.is_file() or mo_file.stat().st_mtime >= po_file.stat().st_mtime):
        with mo_file.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po_file.is_file():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return _gettext.GNUTranslations(buffer)
    return _gettext.NullTranslations()


class Localizer:
    """Messages and formats for one language."""

    def __init__(self, lang: str, translations_dir: Path) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
        self.lang = lang
        #: The folder the messages were read from.
        self.folder = translations_dir
        self._translations = load_translations(translations_dir, lang)

    @cached_property
    def locale(self) -> Locale:
        """Babel's locale for the language (Babel loaded on first use)."""
        from babel import Locale

        return Locale.parse(self.lang)

    def gettext(self, message: str) -> str:
        """The translation of `message`, or `message` itself."""
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The singular or plural translation for count `n`."""
        return self._translations.ngettext(singular, plural, n)

    def format_number(self, value: int | float) -> str:
        """A number with the locale's grouping: 1,234,567."""
        from babel import numbers

        return numbers.format_decimal(value, locale=self.locale)

    def format_krw(self, amount: int) -> str:
        """An amount of won in full: ₩53,310,000,000 / 53,310,000,000원."""
        from babel import numbers

        if self.lang == "ko":
            return f"{numbers.format_decimal(amount, locale=self.locale)}원"
        return numbers.format_currency(amount, "KRW", locale=self.locale)

    def format_krw_short(self, amount: int) -> str:
        """A large amount of won in short form: 2.07조 원 / ₩2.07T."""
        from babel import numbers

        if self.lang == "ko":
            return (
                numbers.format_compact_currency(amount, "KRW", locale=self.locale, fraction_digits=2).replace(
                    "₩", ""
                )
                + " 원"
            )
        return numbers.format_compact_currency(amount, "KRW", locale=self.locale, fraction_digits=2)

    def format_date(self, value: date) -> str:
        """A date in the locale's medium format."""
        from babel import dates

        return dates.format_date(value, format="medium", locale=self.locale)


class _Active:
    """Holds the Localizer that `_` and `ngettext` use."""

    localizer: Localizer | None = None


def set_localizer(localizer: Localizer | None) -> None:
    """Make `localizer` the one `_` and `ngettext` translate through (None: the messages as written,
    in English)."""
    _Active.localizer = localizer


def active() -> Localizer | None:
    """The active Localizer, if one was set."""
    return _Active.localizer


def _(message: str) -> str:
    """Translate `message` into the active language."""
    localizer = _Active.localizer
    return localizer.gettext(message) if localizer else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    localizer = _Active.localizer
    if localizer:
        return localizer.ngettext(singular, plural, n)
    return singular if n == 1 else plural
