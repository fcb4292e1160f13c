"""The kiosk: nothing closes it but the staff PIN, and it forgets the person when they walk away."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from explorer.core.catalog import Catalogue
from explorer.core.kiosk import KioskConfig, hash_pin
from explorer.core.paths import Paths
from explorer.ui.app import make_easy_window
from explorer.ui.easy.kiosk import GESTURE_TAPS, STAFF_EXIT, Kiosk

PIN = "0468"
HASH = hash_pin(PIN)


class Clock:
    """A clock the test moves by hand (the PIN delays are seconds to minutes long)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in files}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def kiosk(
    catalogue: Catalogue,
    paths: Paths,
    qtbot: QtBot,
    qtlog: Any,
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Kiosk]:
    """A kiosk as `explorer --kiosk` makes it (no printer configured), with a hand-moved clock."""
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    hook = sys.excepthook
    config = KioskConfig(pin_hash=HASH, idle_seconds=30, warning_seconds=20, language="ko")
    with qtlog.disabled():  # Qt Virtual Keyboard's QML loads on a thread that logs (see test_easy)
        window = make_easy_window(catalogue, "en", paths, speech_engine="mock", today=date(2026, 11, 21))
    made = Kiosk(window, config, clock=clock)
    made.exits = exits  # type: ignore[attr-defined]
    made.install_error_handler()
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    yield made
    sys.excepthook = hook
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.removeEventFilter(made)
    app.setQuitOnLastWindowClosed(True)
    made.leaving = True
    window.shutdown()
    window.close()
    window.deleteLater()


def key(code: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, code, mods)


def enter(qtbot: QtBot, k: Kiosk, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(k.pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(k.pad.ok, Qt.MouseButton.LeftButton)


def test_the_kiosk_is_frameless_on_top_and_nothing_closes_it(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.close() is False
    event = QCloseEvent()
    QApplication.sendEvent(window, event)  # what the window manager's close button sends
    assert not event.isAccepted()
    for attempt in (
        key(Qt.Key.Key_Escape),
        key(Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        key(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        key(Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        assert kiosk.eventFilter(window.home, attempt) is True, attempt.key()
    qtbot.keyClick(window.home, Qt.Key.Key_Escape)
    qtbot.keyClick(window.home, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.home, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()
    assert kiosk.exits == []  # type: ignore[attr-defined]
    assert not QApplication.instance().quitOnLastWindowClosed()  # type: ignore[union-attr]


def test_staff_leave_with_the_hidden_gesture_and_the_pin(kiosk: Kiosk, qtbot: QtBot, clock: Clock) -> None:
    title = kiosk.window.title
    for _ in range(GESTURE_TAPS - 1):
        qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
        clock.now += 1.5  # too slow: taps more than four seconds apart do not count together
    assert not kiosk.staff.isVisible()
    for _ in range(GESTURE_TAPS):
        qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    assert kiosk.staff.isVisible()
    assert "●" not in kiosk.pad.display.text()
    for digit in PIN[:2]:
        qtbot.mouseClick(kiosk.pad.keys[digit], Qt.MouseButton.LeftButton)
    assert kiosk.pad.display.text() == "●●"  # never the digits themselves
    qtbot.mouseClick(kiosk.pad.ok, Qt.MouseButton.LeftButton)
    assert kiosk.pad.keys["1"].isEnabled()
    enter(qtbot, kiosk, "1111")
    assert kiosk.exits == []  # type: ignore[attr-defined]
    # The third wrong PIN slows things down: the keys wait, a right PIN typed now is not even checked.
    enter(qtbot, kiosk, "2222")
    assert not kiosk.pad.ok.isEnabled()
    assert "5" in kiosk.pad.words.text()
    kiosk.check_pin(PIN)
    assert kiosk.exits == []  # type: ignore[attr-defined]
    clock.now += 5.1
    kiosk._show_wait()
    assert kiosk.pad.ok.isEnabled()
    enter(qtbot, kiosk, PIN)
    assert kiosk.exits == [STAFF_EXIT]  # type: ignore[attr-defined]
    assert kiosk.leaving


def test_cancel_closes_the_pin_screen(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.open_staff()
    qtbot.mouseClick(kiosk.cancel, Qt.MouseButton.LeftButton)
    assert not kiosk.staff.isVisible()


def test_idle_warning_more_time_then_reset_forgets_everything(kiosk: Kiosk, qtbot: QtBot) -> None:
    folder = Path(os.environ["EXPLORER_CONFIG"])
    before = snapshot(folder)
    window = kiosk.window
    kiosk.idle.setInterval(150)  # the 70 s before the warning, shortened
    kiosk.tick.setInterval(10)  # a countdown "second"
    # Someone uses the kiosk: English, a search, answers, pages.
    window.set_language("en")
    window.go("search")
    search = window.pages["search"]
    search.box.setText("care")  # type: ignore[attr-defined]
    window.go("ask", ("boram-jobs",))
    pad = window.pages["question"].pad  # type: ignore[attr-defined]
    for digit in "55":
        pad.press(digit)
    pad.ok.click()
    assert window.controller.interview is not None and window.controller.interview.profile == {"age": 55}
    qtbot.waitUntil(kiosk.warning.isVisible, timeout=3000)
    assert 0 < kiosk.left <= 20 and f"In {kiosk.left} seconds" in kiosk.warning.message.text()
    assert kiosk.more_time.text() == "I need more time"
    qtbot.mouseClick(kiosk.more_time, Qt.MouseButton.LeftButton)
    assert not kiosk.warning.isVisible()
    assert window.lang == "en" and window.controller.interview is not None  # more time keeps it all
    with qtbot.waitSignal(kiosk.wasReset, timeout=5000):
        pass
    assert not kiosk.warning.isVisible()
    assert window.route == ("home",) and window.history == [("home",)]
    assert window.lang == "ko" and window.page.title == "무엇을 도와드릴까요?"
    assert window.controller.interview is None
    assert all(not field.text() for field in window.findChildren(QLineEdit))
    assert pad.digits == "" and not pad.display.text().strip()  # the typed 55 is gone
    assert window.controller.catalogue.query == ""
    assert not window.notice.isVisible()
    assert snapshot(folder) == before  # nothing about the person was written


def test_an_unexpected_error_returns_to_the_first_screen(kiosk: Kiosk) -> None:
    kiosk.window.go("service", "ansimi")
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert kiosk.window.route == ("home",)
    assert kiosk.window.isVisible()


def test_without_a_configured_printer_the_kiosk_only_shows_the_code(kiosk: Kiosk) -> None:
    kiosk.window.go("take", "ansimi")
    take = kiosk.window.pages["take"]
    assert take.print_button.isHidden()  # type: ignore[attr-defined]
    assert not take.qr.pixmap().isNull()  # type: ignore[attr-defined]


def test_the_kiosk_prints_only_to_its_printer_and_never_opens_a_dialog(
    catalogue: Catalogue, paths: Paths, qtbot: QtBot, qtlog: Any
) -> None:
    from PySide6.QtWidgets import QDialog

    from explorer.ui.app import _kiosk_printer

    with qtlog.disabled():
        window = make_easy_window(
            catalogue,
            "ko",
            paths,
            printer=_kiosk_printer(catalogue, "no-such-printer-here"),
            today=date(2026, 11, 21),
        )
    qtbot.addWidget(window)
    window.show()
    window.go("take", "dolbom-sos-center")
    take = window.pages["take"]
    qtbot.mouseClick(take.print_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert "프린터" in take.printed.text()  # type: ignore[attr-defined]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    window.shutdown()
