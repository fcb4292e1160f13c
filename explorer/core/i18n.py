"""Interface language: gettext messages, and Babel's formatting of numbers and dates.

This is the one module that exports `_` and `ngettext` (never injected into builtins). They
translate through the active `Localizer`, which the program sets once at start-up and again when
the user switches language. Message catalogues live in translations/<locale>/LC_MESSAGES/explorer.po;
compiled .mo files are built by `make translations`, and where one is missing the .po is compiled
in memory (with Babel) so a fresh checkout still shows translated text.

Babel is imported only when first needed (a number or date to format, a .po to compile): reading
a compiled .mo needs only the standard library, so the first window paints without it.

Some text is wanted in a language other than the interface's, or in every language at once: a
referral sheet in the client's language, a service's "today" line kept in both languages, the
profile fields' labels. Their wording lives in the same catalogues:

- `localizer_for(lang)` is a Localizer for any language, over the same translations folder as the
  active one: `localizer_for("en").gettext("Services for you")`;
- `both.gettext(message, **args)` (and `both.ngettext`, `both.pgettext`) is the message in every
  language as {"ko": ..., "en": ...}; an argument given as such a dict gives each language its own
  value: `both.gettext("Met: {text} ({shown})", text=text, shown=shown)`;
- `N_(message)` marks a message in a table without translating it; `Messages` is such a table read
  in every language when an entry is looked up, never at import (`Messages.pgettext(context,
  message)` marks an entry whose English is said differently elsewhere).

pybabel finds all of these: `_`, `N_`, `gettext`, `ngettext` and `pgettext` are extraction keywords
whether called alone or as a method (`make extract-messages`).
"""

from __future__ import annotations

import gettext as _gettext
import io
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "explorer"
LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"

#: A text in every language: {"ko": ..., "en": ...}.
Text = dict[str, str]


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

    def pgettext(self, context: str, message: str) -> str:
        """The translation of `message` in `context` (the same English said differently), or `message`."""
        return self._translations.pgettext(context, message)

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


def N_(message: str) -> str:
    """Mark `message` for the catalogues without translating it (pybabel extracts `N_`): an entry of a
    table, translated when it is read (`Messages`, `both.gettext(entry)`)."""
    return message


@cache
def _own_translations() -> Path:
    """The program's own translations folder (the one `Paths.discover` finds): in the packaged
    program's data folder, else in the checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "translations"


@cache
def _localizer(lang: str, folder: Path) -> Localizer:
    return Localizer(lang, folder)


def localizer_for(lang: str) -> Localizer:
    """The Localizer that speaks `lang`: the active one when it does; else one over the active one's
    translations folder, or the program's own when none is active (each made once, then kept).

    For words in a language other than the interface's. `localizer_for(lang).gettext("...")` is
    found by pybabel like `_("...")`.
    """
    current = _Active.localizer
    if current is not None and current.lang == lang:
        return current
    folder = current.folder if current is not None else _own_translations()
    return _localizer(lang, folder)


def _format(text: str, lang: str, args: dict[str, Any]) -> str:
    """`text` with `args`; an argument that is a {lang: value} dict gives its value in `lang`."""
    if not args:
        return text
    values = {name: value[lang] if isinstance(value, dict) else value for name, value in args.items()}
    return text.format(**values)


class Both:
    """Messages in every language at once, as {"ko": ..., "en": ...} (the core's two-language texts).

    Each method translates through `localizer_for` for each language and fills in `args`. An argument
    given as a {lang: value} dict (another text) gives each language its own value; any other is the
    same in every language (numbers are formatted before, so that every language shows them alike).
    """

    def gettext(self, message: str, /, **args: Any) -> Text:
        """`message` in every language."""
        return {lang: _format(localizer_for(lang).gettext(message), lang, args) for lang in LANGUAGES}

    def ngettext(self, singular: str, plural: str, n: int, /, **args: Any) -> Text:
        """The singular or plural of a message for count `n`, in every language."""
        return {
            lang: _format(localizer_for(lang).ngettext(singular, plural, n), lang, args) for lang in LANGUAGES
        }

    def pgettext(self, context: str, message: str, /, **args: Any) -> Text:
        """`message` in `context` in every language (an English message said differently elsewhere)."""
        return {
            lang: _format(localizer_for(lang).pgettext(context, message), lang, args) for lang in LANGUAGES
        }


#: Messages in every language: `both.gettext("Still running.")` -> {"ko": "...", "en": "Still running."}.
both = Both()


class Messages(Mapping[str, Text]):
    """A table of messages read in every language: `table[key]` is the entry's {"ko": ..., "en": ...},
    translated when it is looked up (never at import), so it follows the catalogues in use.

    Each entry is a message id marked with `N_`, or, where the same English is said differently
    elsewhere, `Messages.pgettext(context, message)`.
    """

    def __init__(self, entries: Mapping[str, str | tuple[str, str]]) -> None:
        self._entries = dict(entries)

    @staticmethod
    def pgettext(context: str, message: str) -> tuple[str, str]:
        """Mark an entry with its context (pybabel extracts it as it does `pgettext`)."""
        return (context, message)

    def __getitem__(self, key: str) -> Text:
        entry = self._entries[key]
        if isinstance(entry, tuple):
            return both.pgettext(*entry)
        return both.gettext(entry)

    def in_language(self, lang: str) -> dict[str, str]:
        """Every entry in `lang`: {key: words}."""
        words = localizer_for(lang)
        return {
            key: words.pgettext(*entry) if isinstance(entry, tuple) else words.gettext(entry)
            for key, entry in self._entries.items()
        }

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
