"""Interface translations: real Babel catalogues, placeholders kept, formats per locale."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from explorer.core.i18n import Localizer, _, ngettext, set_localizer
from explorer.core.paths import Paths

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _catalogues(paths: Paths):
    for po in sorted(paths.translations.glob("*/LC_MESSAGES/explorer.po")):
        with po.open("rb") as handle:
            yield po, read_po(handle)


def test_every_translation_keeps_the_placeholders(repo_paths: Paths) -> None:
    problems = []
    for po, catalog in _catalogues(repo_paths):
        for message in catalog:
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set(PLACEHOLDER.findall(ids[-1]))
            for string in strings:
                if string and set(PLACEHOLDER.findall(string)) != wanted:
                    problems.append(f"{po.parent.parent.name}: {ids[0]!r} -> {string!r}")
    assert not problems


def test_korean_catalogue_is_complete(repo_paths: Paths) -> None:
    with (repo_paths.translations / "ko" / "LC_MESSAGES" / "explorer.po").open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [
        m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    assert not untranslated


def test_catalogues_pass_msgfmt_check(repo_paths: Paths) -> None:
    assert shutil.which("msgfmt"), "gettext's msgfmt is missing; `make test` installs it"
    for po, _catalog in _catalogues(repo_paths):
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr


def test_messages_switch_language_at_run_time(repo_paths: Paths) -> None:
    set_localizer(Localizer("ko", repo_paths.translations))
    assert _("Who can get it") == "누가 받을 수 있나요"
    assert (
        ngettext("{count} Seoul service", "{count} Seoul services", 3).format(count=3) == "서울시 서비스 3개"
    )
    set_localizer(Localizer("en", repo_paths.translations))
    assert _("Who can get it") == "Who can get it"
    assert ngettext("{count} Seoul service", "{count} Seoul services", 1).format(count=1) == "1 Seoul service"


def test_po_is_compiled_in_memory_when_no_mo_exists(repo_paths: Paths, tmp_path) -> None:
    folder = tmp_path / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(repo_paths.translations / "ko" / "LC_MESSAGES" / "explorer.po", folder)
    assert Localizer("ko", tmp_path).gettext("Sources") == "출처"


def test_money_is_formatted_per_locale(repo_paths: Paths) -> None:
    ko = Localizer("ko", repo_paths.translations)
    en = Localizer("en", repo_paths.translations)
    assert ko.format_krw_short(2_070_000_000_000) == "2.07조 원"
    assert en.format_krw_short(2_070_000_000_000) == "₩2.07T"
    assert en.format_krw(53_310_000_000) == "₩53,310,000,000"
    assert ko.format_krw(53_310_000_000) == "53,310,000,000원"


def test_unknown_language_is_refused(repo_paths: Paths) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        Localizer("xx", repo_paths.translations)
