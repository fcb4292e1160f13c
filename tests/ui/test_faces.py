"""The two faces of one run (explorer.ui.faces), as `explorer` and `explorer --easy` make them: the
face a run starts with is the only one made, the other is made when someone first switches to it,
and both share the language, the saved settings and the one search thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from explorer.core.catalog import Catalogue
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore
from explorer.ui.app import make_faces
from explorer.ui.faces import Faces


@pytest.fixture
def faces(catalogue: Catalogue, paths: Paths, tmp_path: Path, qtlog: Any) -> Iterator[tuple[Faces, Path]]:
    """Both faces over one session, with a settings folder of their own; none made yet."""
    config = tmp_path / "config"
    made = make_faces(catalogue, paths, SettingsStore(config), Settings(language="ko"), "ko")
    with qtlog.disabled():  # the touch keyboard's QML loads on a thread that logs (see test_easy)
        yield made, config
    for window in (made.standard_window, made.easy_window):
        if window is not None:
            window.close()
    made.shutdown()


def test_easy_mode_first_makes_only_easy_mode_until_someone_switches(
    faces: tuple[Faces, Path], qtbot: QtBot
) -> None:
    made, _config = faces
    easy = made.first(easy=True)
    made.show(easy)
    qtbot.waitExposed(easy)
    assert made.standard_window is None  # the caseworker's window is not made at an easy start
    qtbot.mouseClick(easy.standard, Qt.MouseButton.LeftButton)  # "Standard screen"
    standard = made.standard_window
    assert standard is not None
    qtbot.waitExposed(standard)
    assert standard.isVisible() and not easy.isVisible()
    assert standard.language is easy.language
    # One search thread serves both.
    assert standard.controller.search_service is easy.controller.catalogue.search_service
    qtbot.mouseClick(standard.easy_button, Qt.MouseButton.LeftButton)  # and back: the same easy mode
    assert made.easy_window is easy and easy.isVisible() and not standard.isVisible()


def test_the_caseworkers_window_first_makes_easy_mode_only_when_asked(
    faces: tuple[Faces, Path], qtbot: QtBot
) -> None:
    made, _config = faces
    standard = made.first(easy=False)
    made.show(standard)
    qtbot.waitExposed(standard)
    assert made.easy_window is None and standard.easy_button.isVisible()
    qtbot.mouseClick(standard.easy_button, Qt.MouseButton.LeftButton)
    assert made.easy_window is not None and made.easy_window.isVisible()
    assert not standard.isVisible()


def test_a_language_chosen_in_easy_mode_is_saved_and_the_caseworkers_window_opens_in_it(
    faces: tuple[Faces, Path], qtbot: QtBot
) -> None:
    made, config = faces
    easy = made.first(easy=True)
    made.show(easy)
    easy.set_language("en")
    # Saved by the session, though the caseworker's window (which used to save it) is not made.
    assert json.loads((config / "settings.json").read_text(encoding="utf-8"))["language"] == "en"
    made.to_standard()
    standard = made.standard_window
    assert standard is not None and standard.lang == "en"
    assert standard.search.placeholderText().startswith("Search: care")
    assert standard.tabs.tabText(0) == "Services"


def test_a_newer_catalogue_installed_before_the_caseworkers_window_is_made_is_told_there(
    faces: tuple[Faces, Path],
) -> None:
    made, _config = faces
    made.first(easy=True)
    made.show_update_installed("20270105T090000Z-0123456789ab")
    standard = made.standard()
    assert "20270105T090000Z-0123456789ab" in standard.catalogue_label.text()
    assert standard.newer_catalogue == "20270105T090000Z-0123456789ab"


def test_shutdown_stops_the_one_search_thread(faces: tuple[Faces, Path]) -> None:
    made, _config = faces
    made.first(easy=True)
    thread = made.session.search.thread
    assert thread.isRunning()
    made.shutdown()
    assert not thread.isRunning()


@pytest.mark.parametrize("easy", [True, False], ids=["easy", "standard"])
def test_the_program_ends_cleanly_from_the_face_it_started_with(
    paths: Paths, tmp_path: Path, easy: bool
) -> None:
    """`explorer --easy` closed from easy mode used to abort at exit ("QThread: Destroyed while thread
    'search' is still running", exit 134): the hidden caseworker's window owned the search thread and
    was never closed. The real start-up in a process of its own, closed from its first face."""
    code = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from explorer.core.paths import Paths
        from explorer.ui.app import run_gui

        app = QApplication([sys.argv[0]])

        def close_the_face():
            shown = [w for w in app.topLevelWidgets() if w.isVisible() and w.isWindow()]
            if not shown:
                QTimer.singleShot(50, close_the_face)
                return
            print("closing", type(shown[0]).__name__)
            shown[0].close()

        QTimer.singleShot(200, close_the_face)
        code = run_gui(Paths.discover({str(paths.catalogue)!r}), "ko", easy={easy!r}, touch_keyboard="off")
        print("exit", code)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-800:]
    assert "Destroyed while thread" not in done.stderr
    assert f"closing {'EasyWindow' if easy else 'MainWindow'}" in done.stdout
    assert "exit 0" in done.stdout
