"""Fixtures for the window tests: the application with the bundled fonts, and an open catalogue."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.i18n import Localizer, set_localizer
from explorer.core.paths import Paths
from explorer.ui.app import make_application


@pytest.fixture
def catalogue(paths: Paths, qapp: QApplication) -> Iterator[Catalogue]:
    """A fresh copy of the real catalogue, opened read-only, with the application set up in Korean.

    Afterwards the interface language is Korean again, whatever the test switched to.
    """
    make_application(paths, "ko")
    with open_catalogue(paths.catalogue) as opened:
        yield opened
    set_localizer(Localizer("ko", paths.translations))
