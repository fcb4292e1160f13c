"""Opening the catalogue on a thread of its own while the window's modules load (core.refresh.Opening):
the caller gets the same catalogue, or the same error in its own thread, in the language it had."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from explorer.core import i18n
from explorer.core.errors import CatalogueError
from explorer.core.i18n import Localizer
from explorer.core.paths import Paths
from explorer.core.refresh import Opening, ensure_catalogue


def test_the_catalogue_opened_on_its_own_thread_is_the_one_the_caller_reads(paths: Paths) -> None:
    opened = Opening(paths).result()
    try:
        same = ensure_catalogue(paths)
        try:
            assert opened.catalogue.meta == same.catalogue.meta
            assert opened.catalogue.get_service("zero-pay")["names"]["en"] == "Zero-Pay"
        finally:
            same.catalogue.close()
    finally:
        opened.catalogue.close()


@pytest.mark.parametrize(
    ("content", "korean"),
    [
        (b"this is not a database", "SQLite 데이터베이스가 아닙니다"),
        (b"", "비어 있습니다"),
    ],
    ids=["not SQLite", "empty"],
)
def test_a_bad_catalogue_is_refused_in_the_callers_thread_in_its_language(
    paths: Paths, monkeypatch: pytest.MonkeyPatch, content: bytes, korean: str
) -> None:
    monkeypatch.setattr(i18n._Active, "localizer", Localizer("ko", paths.translations))
    paths.catalogue.write_bytes(content)
    opening = Opening(paths)
    with pytest.raises(CatalogueError) as raised:
        opening.result()
    assert korean in raised.value.message
    assert str(paths.catalogue) in raised.value.message
    # Raised again to a second caller: the error is kept, not lost with the thread.
    with pytest.raises(CatalogueError):
        opening.result()


def test_a_missing_catalogue_says_how_to_build_it(paths: Paths, tmp_path: Path) -> None:
    missing = dataclasses.replace(paths, catalogue=tmp_path / "nowhere" / "services.db", managed=False)
    with pytest.raises(CatalogueError, match="explorer db build"):
        Opening(missing).result()


def test_the_thread_is_gone_once_the_result_is_in(paths: Paths) -> None:
    opening = Opening(paths)
    opening.result().catalogue.close()
    assert not any(
        thread.name == "catalogue-opening" and thread.is_alive() for thread in threading.enumerate()
    )
