"""The touch keyboard stays where the finger left it, and a kiosk reset leaves none of its state.

Typed on Qt Virtual Keyboard itself (Hangul and English layouts), as in test_easy and test_kiosk: a
keyboard that grew or moved between two taps typed "듈뉵" for 돌봄 (found by an audit at 1920 x 1080).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from explorer.ui.easy.keyboard import TouchKeyboard
from explorer.ui.easy.kiosk import Kiosk
from explorer.ui.easy.pages import SearchPage
from explorer.ui.easy.window import EasyWindow
from tests.ui.keyboard_typing import retype_until
from tests.ui.test_easy import easy, printed, quick_search, touch  # noqa: F401 (fixtures)
from tests.ui.test_kiosk import clock, kiosk  # noqa: F401 (fixtures)

# Said by Qt for keys pressed before Hangul's input method is set (see test_easy).
pytestmark = pytest.mark.qt_log_ignore("input method is not set")


def items(root: QQuickItem) -> Iterator[QQuickItem]:
    for child in root.childItems():
        yield child
        yield from items(child)


def key(keyboard: TouchKeyboard, text: str) -> QQuickItem:
    """The visible key of the keyboard's layout that shows `text`."""
    found = [
        i
        for i in items(keyboard.rootObject())
        if i.isVisible() and i.metaObject().className().startswith("Key_") and i.property("text") == text
    ]
    assert found, f"no key {text!r} on the keyboard"
    return found[0]


def on_screen(keyboard: TouchKeyboard, item: QQuickItem) -> QRect:
    """Where `item` of the keyboard is in the window."""
    corner = item.mapToScene(item.boundingRect().topLeft())
    top_left = keyboard.mapTo(keyboard.window(), QPoint(round(corner.x()), round(corner.y())))
    return QRect(top_left.x(), top_left.y(), round(item.width()), round(item.height()))


def tap_item(qtbot: QtBot, keyboard: TouchKeyboard, item: QQuickItem) -> None:
    """A finger on `item` of the keyboard (a key, or a line of the globe key's list)."""
    centre = item.mapToScene(item.boundingRect().center())
    QTest.mouseClick(
        keyboard,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(round(centre.x()), round(centre.y())),
    )
    qtbot.wait(50)


def hangul_ready(keyboard: TouchKeyboard, page: SearchPage, qtbot: QtBot) -> None:
    """Wait until the Hangul input method types (it is set a moment after the layout), then empty."""
    retype_until(qtbot, keyboard, page.box, "ㄷㅗ", lambda text: text == "도", forget="ko")
    keyboard.forget("ko")
    page.box.clear()
    qtbot.wait(400)


def search_page_ready(window: EasyWindow, qtbot: QtBot) -> tuple[SearchPage, TouchKeyboard]:
    """ "Find by typing" touched: its page, and its keyboard typing Hangul into the box."""
    touch(qtbot, window.find)
    page = window.page
    assert isinstance(page, SearchPage)
    keyboard = page.keyboard
    assert keyboard is not None, "Qt Virtual Keyboard did not load"
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is page.box, timeout=5000)
    hangul_ready(keyboard, page, qtbot)
    return page, keyboard


def test_the_keyboard_neither_grows_nor_moves_while_typing(
    quick_search: None,  # noqa: F811
    easy: EasyWindow,  # noqa: F811
    qtbot: QtBot,
) -> None:
    page, keyboard = search_page_ready(easy, qtbot)

    def where() -> tuple[QRect, QRect, QRect]:
        return (
            keyboard.geometry(),
            on_screen(keyboard, key(keyboard, "ㅗ")),
            on_screen(keyboard, key(keyboard, "ㅂ")),
        )

    before = where()
    panel, o_key, b_key = before
    assert panel.bottom() <= page.height()  # all of it on the page, over none of the bottom bar
    for rect in (o_key, b_key):  # the design's least touch target
        assert rect.width() >= 64 and rect.height() >= 64, rect
    rows_seen = set()
    # 돌봄 goes through no answer (ㄷ) and two rows; 도서관 ends on one row.
    for word, jamos in (("돌봄", "ㄷㅗㄹㅂㅗㅁ"), ("도서관", "ㄷㅗㅅㅓㄱㅗㅏㄴ")):
        keyboard.forget("ko")
        page.box.clear()
        qtbot.wait(400)
        for jamo in jamos:
            # The search answers a moment after the last key (30 ms here, `quick_search`): after
            # every key, as for a slow typist; the page shows the answer before this wait ends (its
            # slot was connected first).
            with qtbot.waitSignal(
                easy.controller.found,
                timeout=5000,
                check_params_cb=lambda _ids, query: query.strip() == page.box.text().strip(),
            ):
                keyboard.press(jamo)
            rows_seen.add((len(page.choices()) + 1) // 2)
            assert where() == before, f"the keyboard moved after {jamo!r} ({page.box.text()!r})"
        assert page.box.text() == word
    assert rows_seen == {0, 1, 2}


def test_the_same_language_button_gives_the_typing_back_to_the_box(
    easy: EasyWindow,  # noqa: F811
    qtbot: QtBot,
) -> None:
    page, keyboard = search_page_ready(easy, qtbot)
    touch(qtbot, easy.languages["ko"])  # already Korean
    assert easy.lang == "ko"
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is page.box, timeout=2000)
    keyboard.press("ㅂ")
    qtbot.waitUntil(lambda: page.box.text() == "ㅂ", timeout=2000)


def next_person_types_hangul(kiosk: Kiosk, qtbot: QtBot) -> None:  # noqa: F811
    """After a reset: the search page in Korean, Hangul's layout without shift (ㅂ types ㅂ, not ㅃ)."""
    window = kiosk.window
    keyboard = window.keyboard
    assert keyboard is not None
    qtbot.waitUntil(lambda: keyboard.locale() == "ko_KR", timeout=2000)
    qtbot.wait(300)
    assert keyboard.state() == "0,0,0,0"
    window.go("search")
    page = window.pages["search"]
    assert isinstance(page, SearchPage)
    page.box.setFocus()
    qtbot.waitUntil(page.box.hasFocus, timeout=2000)
    qtbot.wait(300)
    assert keyboard.locale() == "ko_KR"
    assert keyboard.state() == "0,0,0,0"
    tap_item(qtbot, keyboard, key(keyboard, "ㅂ"))  # a finger on the key: ㅂ, not ㅃ
    qtbot.waitUntil(lambda: page.box.text() != "", timeout=2000)
    assert page.box.text() == "ㅂ"


def english_visitor(kiosk: Kiosk, qtbot: QtBot) -> tuple[TouchKeyboard, SearchPage]:  # noqa: F811
    window = kiosk.window
    keyboard = window.keyboard
    assert keyboard is not None, "Qt Virtual Keyboard did not load"
    window.set_language("en")
    window.go("search")
    page = window.pages["search"]
    assert isinstance(page, SearchPage)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page.box.setFocus()
    qtbot.waitUntil(page.box.hasFocus, timeout=2000)
    qtbot.waitUntil(lambda: keyboard.locale() == "en_US", timeout=2000)

    def typed() -> str:  # the layout's input method is set a moment after its locale
        page.box.clear()
        keyboard.press("h", int(Qt.Key.Key_H))
        qtbot.wait(5)
        return str(page.box.text())

    qtbot.waitUntil(lambda: typed().lower() == "h", timeout=5000)
    keyboard.forget("en")
    page.box.clear()
    qtbot.wait(300)
    letter = [
        i
        for i in items(keyboard.rootObject())
        if i.isVisible()
        and i.metaObject().className().startswith("Key_")
        and str(i.property("text")).lower() == "h"
    ]
    assert letter, "no h key"
    tap_item(qtbot, keyboard, letter[0])  # a finger types "H" (shift is on at the start of a box)
    qtbot.waitUntil(lambda: page.box.text().lower() == "h", timeout=2000)
    return keyboard, page


def test_a_reset_after_english_typing_leaves_hangul_without_shift(
    kiosk: Kiosk,  # noqa: F811
    qtbot: QtBot,
    qtlog: Any,
) -> None:
    with qtlog.disabled():  # Qt Virtual Keyboard's QML logs about bindings (see test_easy)
        english_visitor(kiosk, qtbot)  # has typed "H"
        kiosk.reset()
        next_person_types_hangul(kiosk, qtbot)


def test_a_reset_undoes_the_globe_keys_english_and_the_korean_button_brings_hangul_back(
    kiosk: Kiosk,  # noqa: F811
    qtbot: QtBot,
    qtlog: Any,
) -> None:
    window = kiosk.window
    with qtlog.disabled():
        keyboard, page = english_visitor(kiosk, qtbot)
        window.set_language("ko")
        qtbot.waitUntil(lambda: keyboard.locale() == "ko_KR", timeout=2000)

        def globe_to_english() -> None:
            def globes() -> list[QQuickItem]:
                return [
                    i
                    for i in items(keyboard.rootObject())
                    if i.objectName() == "changeLanguageKey" and i.isVisible()
                ]

            qtbot.waitUntil(lambda: bool(globes()), timeout=2000)
            globe = globes()
            tap_item(qtbot, keyboard, globe[0])
            english = [
                i
                for i in items(keyboard.rootObject())
                if i.isVisible() and i.property("text") == "American English"
            ]
            assert english, "the globe key's list has no American English"
            tap_item(qtbot, keyboard, english[0])
            qtbot.waitUntil(lambda: keyboard.locale() == "en_US", timeout=2000)

        # The person picks English on the keyboard, then touches 한국어 (already chosen): Hangul again.
        globe_to_english()
        qtbot.mouseClick(window.languages["ko"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: keyboard.locale() == "ko_KR", timeout=2000)
        qtbot.waitUntil(lambda: QGuiApplication.focusObject() is page.box, timeout=2000)
        # Again, and walks away: the next person has Hangul.
        globe_to_english()
        keyboard.press("h", int(Qt.Key.Key_H))
        qtbot.wait(50)
        kiosk.reset()
        next_person_types_hangul(kiosk, qtbot)
