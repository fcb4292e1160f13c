"""Both faces as `explorer` makes them: one language, switched in one place (gettext's words and Qt's
together), followed by every window and remembered once; one search thread, each face with its own
query and filters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from explorer.core.catalog import Catalogue
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore
from explorer.ui.app import make_easy_window, make_main_window
from explorer.ui.easy.window import EasyWindow
from explorer.ui.views.main_window import MainWindow


@pytest.fixture
def faces(
    catalogue: Catalogue, paths: Paths, qtbot: QtBot, qtlog: Any, tmp_path: Path
) -> Iterator[tuple[MainWindow, EasyWindow, Path]]:
    """Both faces over one language controller, as `explorer` makes them; the standard one shown."""
    config = tmp_path / "config"
    standard = make_main_window(
        catalogue, "ko", paths.translations, SettingsStore(config), Settings(language="ko")
    )
    with qtlog.disabled():  # the touch keyboard's QML loads on a thread that logs (see test_easy)
        easy = make_easy_window(
            catalogue,
            "ko",
            paths,
            speech_engine="mock",
            session=standard.session,
        )
    qtbot.addWidget(standard)
    qtbot.addWidget(easy)
    standard.show()
    qtbot.waitExposed(standard)
    yield standard, easy, config
    easy.shutdown()


def test_switching_in_easy_mode_switches_the_caseworkers_window_and_qt_and_is_remembered(
    faces: tuple[MainWindow, EasyWindow, Path],
) -> None:
    standard, easy, config = faces
    assert standard.language is easy.language
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"
    easy.set_language("en")
    assert easy.lang == standard.lang == "en"
    assert standard.search.placeholderText().startswith("Search: care")  # the hidden face followed
    assert easy.title.text() == "Seoul services"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"  # Qt's own words too
    saved = json.loads((config / "settings.json").read_text(encoding="utf-8"))
    assert saved["language"] == "en"
    standard.set_language("ko")
    assert easy.lang == "ko" and easy.title.text() == "서울 서비스 찾기"
    assert not standard.search.placeholderText().startswith("Search")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "취소"


def test_an_unknown_language_changes_nothing(faces: tuple[MainWindow, EasyWindow, Path]) -> None:
    standard, easy, config = faces
    assert not standard.language.set("fr")
    easy.set_language("fr")
    standard.set_language("")
    assert standard.lang == easy.lang == "ko"
    assert not (config / "settings.json").exists()  # nothing changed, nothing written


def test_one_search_thread_serves_both_faces_each_with_its_own_query(
    faces: tuple[MainWindow, EasyWindow, Path], qtbot: QtBot
) -> None:
    from PySide6.QtCore import QThread

    standard, easy, _config = faces
    service = standard.controller.search_service
    assert easy.controller.catalogue.search_service is service
    threads = [
        t for t in standard.findChildren(QThread) + easy.findChildren(QThread) if t.objectName() == "search"
    ]
    assert threads == [service.thread]
    standard.controller.set_filter("category", "care")
    with qtbot.waitSignal(easy.controller.catalogue.found, timeout=5000) as heard:
        easy.controller.catalogue.set_query("제로페이")
    ids, query = heard.args
    assert query == "제로페이" and ids[0] == "zero-pay"  # the caseworker's care filter is not applied
    assert standard.controller.query == "" and standard.controller.filters["category"] == "care"
    qtbot.waitUntil(lambda: not standard.controller.pending, timeout=5000)
    shown = [standard.controller.model.service_id(r) for r in range(standard.controller.shown_count)]
    assert "zero-pay" not in shown and shown  # the standard list still shows its own care services
    easy.shutdown()  # easy mode leaving does not stop the thread the standard window owns
    assert service.thread.isRunning()
