"""The first window, offscreen: Korean names in the bundled font, details of the selected service."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontInfo, QRawFont, QTextLayout
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from explorer.core.catalog import Catalogue
from explorer.core.i18n import _
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore
from explorer.ui.app import make_main_window, run_gui
from explorer.ui.controllers.catalogue import NAME_ROLE
from explorer.ui.fonts import FONT_FAMILY
from tests.conftest import ROOT


@pytest.fixture
def window(catalogue: Catalogue, paths: Paths, qtbot, tmp_path):
    store = SettingsStore(tmp_path / "config")
    win = make_main_window(catalogue, "ko", paths.translations, store, Settings())
    qtbot.addWidget(win)
    win.resize(1360, 860)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_lists_every_service_by_korean_name(window, catalogue: Catalogue) -> None:
    model = window.list.model()
    shown = [model.index(row).data(NAME_ROLE) for row in range(model.rowCount())]
    expected = [s["names"]["ko"] for s in catalogue.list_services()]
    assert shown == expected == sorted(expected)
    assert "제로페이" in shown and "안심이" in shown


def test_selecting_a_service_shows_its_details(window, qtbot) -> None:
    model = window.list.model()
    row = next(r for r in range(model.rowCount()) if model.service_id(r) == "dolbom-sos-center")
    with qtbot.waitSignal(window.controller.serviceShown, timeout=2000):
        window.list.setCurrentIndex(model.index(row))
    text = window.detail.toPlainText()
    assert "돌봄SOS센터" in text
    for heading in ("누가 받을 수 있나요", "무엇을 받나요", "신청 방법", "출처"):
        assert heading in text
    assert "001_b2bd79e3a38eb186.txt" in text or "회복력 있는 서울" in text


def test_keyboard_moves_through_the_list(window, qtbot) -> None:
    from PySide6.QtCore import Qt

    window.list.setFocus()
    first = window.detail.toPlainText()
    with qtbot.waitSignal(window.controller.serviceShown, timeout=2000):
        qtbot.keyClick(window.list, Qt.Key.Key_Down)
    assert window.detail.toPlainText() != first


def _fonts_drawing(text: str, font) -> set[str]:
    """The families Qt actually draws `text` with in `font` (fallback fonts would show up here)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_bundled_font_is_used_and_covers_every_shown_name(window, catalogue: Catalogue) -> None:
    assert QFontInfo(window.list.font()).family() == FONT_FAMILY
    assert QFontInfo(window.detail.font()).family() == FONT_FAMILY
    names = [name for s in catalogue.list_services() for name in s["names"].values()]
    assert any("가" <= ch <= "힣" for name in names for ch in name)
    drawn_with = set().union(*(_fonts_drawing(name, window.list.font()) for name in names))
    assert drawn_with == {FONT_FAMILY}, f"some names fall back to {drawn_with - {FONT_FAMILY}}"
    raw = QRawFont(str(ROOT / "resources" / "fonts" / "NanumGothic.ttf"), 16)
    missing = {ch for name in names for ch in name if not ch.isspace() and not raw.supportsCharacter(ord(ch))}
    assert not missing, f"the bundled font lacks {sorted(missing)}"


def test_window_renders_hangul_pixels(window) -> None:
    image = window.list.grab().toImage()
    dark = sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, min(image.height(), 300), 3)
        if image.pixelColor(x, y).lightness() < 100
    )
    assert dark > 50, "the list shows no text"


def test_damaged_catalogue_shows_a_message_box(paths: Paths, qapp: QApplication) -> None:
    paths.catalogue.write_bytes(b"this is not a database")
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(20, close_box)

    QTimer.singleShot(20, close_box)
    code = run_gui(paths, "ko")
    assert code == 2
    assert seen and "SQLite 데이터베이스가 아닙니다" in seen[0]  # in the window's language, Korean


def test_unexpected_errors_become_one_line_not_a_traceback(qapp: QApplication, capsys) -> None:
    import sys

    from explorer.ui.app import install_error_handler

    saved = sys.excepthook
    try:
        install_error_handler()
        try:
            raise ValueError("boom")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = saved
    err = capsys.readouterr().err
    shown = _("explorer: unexpected error: {problem}").format(problem="ValueError: boom")
    assert err.strip() == shown  # in the interface language


def test_a_tab_opened_before_it_was_made_in_the_background_works_at_once(
    catalogue: Catalogue, paths: Paths, qtbot
) -> None:
    """The Programmes and Screening tabs are made after the first paint; one opened sooner (a quick
    Ctrl+3) is made on the spot, in the language and zoom the window has by then."""
    from explorer.ui.views.lazy_panel import LazyPanel

    win = make_main_window(catalogue, "ko", paths.translations)
    qtbot.addWidget(win)
    slot = win.tabs.widget(2)
    assert isinstance(slot, LazyPanel) and not slot.built
    win.set_language("en")
    win.set_zoom(1.5, save=False)
    win.show()
    win.tabs.setCurrentIndex(2)
    assert slot.built
    view = win.screening
    assert view is slot.panel() and view.isVisible()
    assert view.add_button.iconSize().width() == round(18 * 1.5)  # at the window's zoom
    words = " ".join(button.text() for button in view.findChildren(QPushButton) if button.isVisible())
    assert words.strip() and not any("가" <= char <= "힣" for char in words)  # in English
    qtbot.waitUntil(lambda: win.has_settled, timeout=10_000)
    assert win.programmes is not None and win.tabs.widget(1).built
    win.close()
