"""Typing on the real touch keyboard (Qt Virtual Keyboard) in tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from explorer.ui.easy.keyboard import TouchKeyboard


def retype_until(
    qtbot: QtBot,
    keyboard: TouchKeyboard,
    box: QLineEdit,
    keys: str,
    arrived: Callable[[str], bool],
    forget: str | None = None,
) -> str:
    """Press `keys` into an emptied `box` again and again until `arrived(what the box reads)` holds
    (5 s at most); what it reads then. A layout's input method is set a moment after its locale, and
    keys pressed before that type nothing (Qt: "input method is not set"), so on a busy machine the
    word is typed again until it arrives whole. `forget` (a language) first empties the keyboard of
    anything half-typed (a Hangul syllable being built)."""

    def typed() -> str:
        if forget is not None:
            keyboard.forget(forget)
        box.clear()
        for key in keys:
            keyboard.press(key)
            qtbot.wait(5)
        return str(box.text())

    qtbot.waitUntil(lambda: arrived(typed()), timeout=5000)
    return str(box.text())
