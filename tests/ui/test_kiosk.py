"""The kiosk: nothing closes it but the staff PIN, and it forgets the person when they walk away."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QMetaObject, Qt
from PySide6.QtGui import QClipboard, QCloseEvent, QContextMenuEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMenu, QTextEdit
from pytestqt.qtbot import QtBot

from explorer.core.catalog import Catalogue
from explorer.core.kiosk import KioskConfig
from explorer.core.kiosk_pin import hash_pin
from explorer.core.paths import Paths
from explorer.ui.app import make_easy_window
from explorer.ui.easy.kiosk import GESTURE_TAPS, RESTORE_TRIES, STAFF_EXIT, WINDOW_LOST, Kiosk

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


# --- a reset forgets everything (issue 15, item 3) ------------------------------------------------------


def test_a_reset_leaves_no_undo_history_in_any_field(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.go("search")
    box = window.pages["search"].box  # type: ignore[attr-defined]
    box.setFocus()
    qtbot.keyClicks(box, "care")
    qtbot.keyClicks(box, " home")
    assert box.isUndoAvailable()
    extra = QTextEdit(window)  # any other text field the window may grow is forgotten too
    extra.insertPlainText("my address")
    assert extra.document().isUndoAvailable()
    kiosk.reset()
    for field in window.findChildren(QLineEdit):
        assert field.text() == "" and not field.isUndoAvailable() and not field.isRedoAvailable()
        assert not field.isModified() and not field.hasSelectedText()
    assert extra.toPlainText() == "" and not extra.document().isUndoAvailable()
    window.go("search")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # what the next person tries
    box.undo()
    assert box.text() == ""
    extra.undo()
    assert extra.toPlainText() == ""


def test_a_reset_empties_the_clipboard(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.go("search")
    box = window.pages["search"].box  # type: ignore[attr-defined]
    box.setText("돌봄 강남구 역삼동")
    box.selectAll()
    box.copy()
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == "돌봄 강남구 역삼동"
    kiosk.reset()
    assert clipboard.text() == ""
    box.paste()
    assert box.text() == ""


def test_a_reset_empties_the_x_selection_too(kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch) -> None:
    """Offscreen Qt has no selection (X's primary), so a stand-in clipboard records what is cleared."""
    import explorer.ui.easy.kiosk as kiosk_module

    cleared: list[QClipboard.Mode] = []

    class Clipboard:
        def supportsSelection(self) -> bool:
            return True

        def clear(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:
            cleared.append(mode)

    class Gui:
        @staticmethod
        def clipboard() -> Clipboard:
            return Clipboard()

        @staticmethod
        def inputMethod() -> Any:
            return QGuiApplication.inputMethod()

    monkeypatch.setattr(kiosk_module, "QGuiApplication", Gui)
    kiosk.reset()
    assert set(cleared) == {QClipboard.Mode.Clipboard, QClipboard.Mode.Selection}


def test_a_reset_closes_menus_pop_ups_and_dialogs(kiosk: Kiosk, qtbot: QtBot, qtlog: Any) -> None:
    window = kiosk.window
    dialog = QDialog(window)
    dialog.setModal(True)
    menu = QMenu(window)
    menu.addAction("Undo")
    with qtlog.disabled():  # offscreen Qt cannot raise a window or grab the keyboard, and says so
        dialog.show()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog, timeout=2000)
        menu.popup(window.mapToGlobal(window.rect().center()))
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is menu, timeout=2000)
        kiosk.reset()
    assert QApplication.activePopupWidget() is None and not menu.isVisible()
    assert QApplication.activeModalWidget() is None and not dialog.isVisible()
    assert window.isVisible() and window.route == ("home",)


def test_text_fields_have_no_context_menu(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.go("search")
    box = window.pages["search"].box  # type: ignore[attr-defined]
    assert box.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    later = QLineEdit(window)  # a field made after the kiosk started
    later.show()
    qtbot.waitUntil(later.isVisible)
    assert later.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    for field in (box, later):
        # Right-click, long-press and the Menu key all arrive as this event; none opens a menu.
        centre = field.rect().center()
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, field.mapToGlobal(centre))
        QApplication.sendEvent(field, event)
        qtbot.wait(50)
        assert QApplication.activePopupWidget() is None
    later.deleteLater()


def test_a_reset_clears_the_touch_keyboard(kiosk: Kiosk, qtbot: QtBot, qtlog: Any) -> None:
    window = kiosk.window
    keyboard = window.keyboard
    assert keyboard is not None, "Qt Virtual Keyboard did not load"
    window.go("search")
    box = window.pages["search"].box  # type: ignore[attr-defined]
    with qtlog.disabled():  # Qt Virtual Keyboard's QML logs about bindings (see test_easy)
        window.activateWindow()
        box.setFocus()
        qtbot.waitUntil(box.hasFocus, timeout=2000)
        for jamo in "ㄷㅗ":  # half a syllable, still being composed
            keyboard.press(jamo)
            qtbot.wait(5)
        kiosk.reset()
        qtbot.wait(50)
        assert box.text() == "" and keyboard.state() == "0,0,0,0"
        window.set_language("en")
        window.go("search")
        box.setFocus()
        qtbot.waitUntil(lambda: keyboard.locale() == "en_US", timeout=2000)
        QMetaObject.invokeMethod(keyboard.rootObject(), "dirty")
        assert keyboard.state().split(",")[1:3] == ["1", "1"]  # caps lock and the symbol page on
        kiosk.reset()
        qtbot.waitUntil(lambda: keyboard.locale() == "ko_KR", timeout=2000)
        assert keyboard.state() == "0,0,0,0"


# --- the window always comes back (issue 15, item 2) ----------------------------------------------------


def test_a_hidden_window_comes_back_at_once(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.hide()
    qtbot.waitUntil(lambda: window.isVisible() and window.isFullScreen(), timeout=1000)
    assert kiosk.exits == []  # type: ignore[attr-defined]


def test_a_minimised_window_comes_back_at_once(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.showMinimized()  # what the window manager's "Iconify" or Super+D asks for
    qtbot.waitUntil(lambda: window.isVisible() and not window.isMinimized(), timeout=1000)
    assert window.isFullScreen()
    window.setWindowState(Qt.WindowState.WindowNoState)  # out of full screen: back into it
    qtbot.waitUntil(window.isFullScreen, timeout=1000)
    assert kiosk.exits == []  # type: ignore[attr-defined]


def test_a_close_from_the_window_system_is_refused_and_the_window_stays(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    event = QCloseEvent()
    event.setAccepted(True)
    QApplication.sendEvent(window, event)  # an X-level close, as xdotool windowclose asks
    assert not event.isAccepted()
    window.hide()  # and the window system took the window off the screen anyway
    qtbot.waitUntil(lambda: window.isVisible() and window.isFullScreen(), timeout=1000)
    assert not window.isMinimized() and kiosk.exits == []  # type: ignore[attr-defined]


def test_a_window_that_cannot_come_back_ends_the_program_for_a_restart(
    kiosk: Kiosk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiosk, "window_lost", lambda: True)  # e.g. its X window destroyed under it
    for _ in range(RESTORE_TRIES):
        kiosk.check_window()
    assert kiosk.exits == [WINDOW_LOST]  # type: ignore[attr-defined]


def test_a_destroyed_window_ends_the_program_for_a_restart(kiosk: Kiosk) -> None:
    kiosk.window.destroyed.emit()  # the widget itself went away (deleting it here would end the test)
    assert kiosk.exits == [WINDOW_LOST]  # type: ignore[attr-defined]
    assert WINDOW_LOST not in (0, STAFF_EXIT)


# --- out of service, never a desktop (issue 15, item 5) -------------------------------------------------


def _stop_started(start: Any) -> None:
    """Undo what a started kiosk installed on the shared QApplication (as the fixture does)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if start.kiosk is not None:
        app.removeEventFilter(start.kiosk)
        start.kiosk.leaving = True
        start.kiosk.watch.stop()
    app.setQuitOnLastWindowClosed(True)
    start.close()
    if start.window is not None:
        start.window.close()
        start.window.deleteLater()
    if start.page is not None:
        start.page.dismiss()


@pytest.mark.parametrize("broken", ["config", "catalogue"])
def test_a_broken_start_shows_out_of_service_that_nothing_dismisses_then_starts(
    paths: Paths,
    qtbot: QtBot,
    qtlog: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    broken: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    from explorer.core import i18n
    from explorer.ui.app import KioskStart

    monkeypatch.setattr(i18n._Active, "localizer", i18n._Active.localizer)  # a start sets the language
    from explorer.ui.easy.out_of_service import ENGLISH, KOREAN

    config = tmp_path / "kiosk.toml"
    good = dataclasses.replace(paths, managed=False)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)
    if broken == "config":
        config.write_text("idle_seconds = 5\n", encoding="utf-8")
    hook = sys.excepthook
    start = KioskStart(
        good if broken == "config" else dataclasses.replace(good, catalogue=damaged), None, config
    )
    start.retry.setInterval(100)
    try:
        assert start.attempt() is False
        page = start.page
        assert page is not None and page.isVisible() and page.isFullScreen()
        assert KOREAN in page.text() and ENGLISH in page.text() and "120" in page.text()
        assert start.window is None and start.retry.isActive()
        journal = capsys.readouterr().err
        assert ("idle_seconds" if broken == "config" else "damaged.db") in journal
        assert "out of service" in journal and "Traceback" not in journal
        # Nothing dismisses it: Escape, Alt+F4, a close request, a hide, a minimise.
        qtbot.keyClick(page, Qt.Key.Key_Escape)
        qtbot.keyClick(page, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        event = QCloseEvent()
        QApplication.sendEvent(page, event)
        assert not event.isAccepted()
        page.close()
        qtbot.wait(20)
        assert page.isVisible()
        page.hide()
        qtbot.waitUntil(page.isVisible, timeout=1000)
        page.showMinimized()
        qtbot.waitUntil(lambda: page.isVisible() and not page.isMinimized(), timeout=1000)
        # Each retry writes its cause again, and keeps the page.
        qtbot.wait(250)
        assert start.page is page and page.isVisible()
        assert "out of service" in capsys.readouterr().err
        # The problem is mended: the next try starts the kiosk, and the page goes.
        with qtlog.disabled():  # Qt Virtual Keyboard's QML logs on a thread (see test_easy)
            if broken == "config":
                config.write_text("idle_seconds = 60\n", encoding="utf-8")
            else:
                start.paths = good
            qtbot.waitUntil(lambda: start.window is not None, timeout=5000)
        assert start.page is None and not start.retry.isActive()
        assert start.window is not None and start.window.isVisible() and start.window.isFullScreen()
    finally:
        sys.excepthook = hook
        _stop_started(start)


def test_an_unforeseen_failure_reading_the_kiosk_config_is_one_line_in_korean(
    repo_paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net behind the config's own checks (which raise only their one-line errors): anything
    else is still one line, exit code 2, in the kiosk's language; never a traceback."""
    from explorer.core import kiosk as kiosk_core
    from explorer.core.i18n import Localizer, set_localizer
    from explorer.ui.kiosk_start import KioskUnavailable, read_kiosk_config

    def broken(path: Path) -> KioskConfig:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(kiosk_core, "load_kiosk_config", broken)
    set_localizer(Localizer("ko", repo_paths.translations))
    config = tmp_path / "kiosk.toml"
    with pytest.raises(KioskUnavailable) as caught:
        read_kiosk_config(config)
    assert caught.value.exit_code == 2
    assert str(caught.value.message) == f"키오스크 설정 {config}을(를) 쓸 수 없습니다: RuntimeError"
