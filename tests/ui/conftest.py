"""Fixtures for the window tests: the application with the bundled fonts, and an open catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.core.catalog import Catalogue, open_catalogue
from explorer.core.i18n import Localizer, set_localizer
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore
from explorer.ui.app import make_application, make_main_window
from explorer.ui.garbage import keep_collection_on_gui_thread
from explorer.ui.views.main_window import MainWindow


@pytest.fixture(autouse=True, scope="session")
def _collection_on_the_gui_thread(qapp: QApplication) -> None:
    """As the program does (`make_application`): no worker thread collects the windows' cycles."""
    keep_collection_on_gui_thread(qapp)


@pytest.fixture
def catalogue(paths: Paths, qapp: QApplication) -> Iterator[Catalogue]:
    """A fresh copy of the real catalogue, opened read-only, with the application set up in Korean.

    Afterwards the interface language is Korean again, whatever the test switched to.
    """
    make_application(paths, "ko")
    with open_catalogue(paths.catalogue) as opened:
        yield opened
    set_localizer(Localizer("ko", paths.translations))


@pytest.fixture
def window(catalogue: Catalogue, paths: Paths, qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The standard window in Korean, shown, active and with its own settings folder.

    Modules that need another set-up define their own `window`.
    """
    store = SettingsStore(tmp_path / "config")
    win = make_main_window(catalogue, "ko", paths.translations, store, Settings(language="ko"))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close()
