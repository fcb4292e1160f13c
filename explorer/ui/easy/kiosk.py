"""Kiosk mode around the easy window: nothing closes it, it forgets the person when they leave.

- Full screen, frameless, on top. Close, Alt+F4, Escape, Ctrl+Q, Ctrl+W and the window manager's
  close are swallowed. Whatever closes, hides or minimises the window (the window system included),
  it is shown full screen, raised and activated again at once; when it cannot be (its X window was
  destroyed, say) the program exits with WINDOW_LOST so that its unit restarts it, and so it does
  when the window object itself is destroyed.
- Staff leave with a hidden gesture (five taps on the name at the top within four seconds) and the
  PIN, checked against the salted hash in the kiosk config by `explorer.core.kiosk.PinGuard`, which
  makes wrong PINs wait longer and longer. The program then exits with STAFF_EXIT, which the
  supervisor (README) is told not to restart on.
- After `idle_seconds` without a touch, a warning with a big "I need more time" button shows for the
  last `warning_seconds`; then everything is reset: answers, search, pages, language, the undo
  history of every text field, the clipboard and the selection, open menus, pop-ups and dialogs,
  the touch keyboard's state (`Kiosk.forget`). Text fields have no context menu, and no widget opens
  one.
- An unexpected error resets to the first screen instead of showing the desktop.
- A newer catalogue is taken on only when nobody is there (`idle_on_first_screen`, after a reset):
  the start-up (explorer.ui.app.KioskStart) makes a new window over it and `retire`s this one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QWindowStateChangeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.ui.announce import announce
from explorer.ui.controllers.kiosk import KioskConfig, PinGuard
from explorer.ui.controllers.language import _
from explorer.ui.easy import theme
from explorer.ui.easy.widgets import BigButton, NumberPad
from explorer.ui.easy.window import EasyWindow

#: The exit code of a staff exit (the systemd unit's RestartPreventExitStatus).
STAFF_EXIT = 64
#: The exit code when the window is gone and cannot be brought back (the unit restarts the program).
WINDOW_LOST = 75
#: Checks of the window in a row that find it still gone, after trying to bring it back, before exiting.
RESTORE_TRIES = 3
#: How often (ms) the window is checked even when no event said anything happened to it.
WATCH_MS = 1000
#: Taps on the name at the top, within GESTURE_SECONDS, that open the staff PIN screen.
GESTURE_TAPS = 5
GESTURE_SECONDS = 4.0

#: The widgets that hold typed text (and an undo history of it).
TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit)

#: Events after which the window may be hidden, minimised or no longer on the screen.
_WINDOW_EVENTS = {
    QEvent.Type.Hide,
    QEvent.Type.WindowStateChange,
    QEvent.Type.Expose,
    QEvent.Type.WindowDeactivate,
}

_INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


def _left_full_screen(event: QEvent) -> bool:
    """Whether `event` is a window state change out of full screen (a window manager's "restore")."""
    if not isinstance(event, QWindowStateChangeEvent):
        return False
    return bool(event.oldState() & Qt.WindowState.WindowFullScreen)


def blocked_key(event: QKeyEvent) -> bool:
    """Keys that would leave or close the kiosk: Escape, Alt+F4, Ctrl+Q, Ctrl+W."""
    key, mods = event.key(), event.modifiers()
    if key == Qt.Key.Key_Escape:
        return True
    if key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.AltModifier:
        return True
    return bool(key in (Qt.Key.Key_Q, Qt.Key.Key_W) and mods & Qt.KeyboardModifier.ControlModifier)


class Overlay(QWidget):
    """A full-window panel over the easy screen: a message and big buttons."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setObjectName("kioskOverlay")
        self.setStyleSheet(
            f"#kioskOverlay {{ background: {theme.COLOURS['notice']}; }}"
            f" #kioskOverlay > QLabel {{ background: {theme.COLOURS['notice']}; }}"
        )
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(120, 80, 120, 80)
        self.layout_.setSpacing(40)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "title")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.message)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The digit keys, Backspace and Enter reach the overlay's number pad, if it has one."""
        pads = self.findChildren(NumberPad)
        if pads and pads[0].handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class Kiosk(QObject):
    """Turns an EasyWindow into a kiosk. `clock` (wall-clock seconds) is for tests of the PIN delays;
    `pin_state` is the PIN guard's state file (None: kept in memory only, as in most tests)."""

    #: The window was reset (idle, error or staff request).
    wasReset = Signal()

    def __init__(
        self,
        window: EasyWindow,
        config: KioskConfig,
        clock: Callable[[], float] | None = None,
        parent: QObject | None = None,
        pin_state: Path | None = None,
    ) -> None:
        super().__init__(parent or window)
        self.window = window
        self.config = config
        self._clock = clock or time.time
        self.guard = PinGuard(config.pin_hash, self._clock, pin_state)
        self.leaving = False
        self._taps: list[float] = []
        window.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        # One filter on the application sees every event of every widget (the title's taps included).
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        if isinstance(app, QApplication):
            app.setQuitOnLastWindowClosed(False)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval((config.idle_seconds - config.warning_seconds) * 1000)
        self.idle.timeout.connect(self.warn)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._count_down)
        self.left = 0

        self.warning = Overlay(window)
        self.more_time = BigButton("", "primary", "mdi6.clock-plus-outline", self.warning)
        self.more_time.setMinimumHeight(200)
        self.more_time.clicked.connect(self.extend)
        self.warning.layout_.addWidget(self.more_time)

        self.staff = Overlay(window)
        self.pad = NumberPad(self.staff)
        self.pad.secret = True
        self.pad.setup(0, 10**12 - 1)
        self.pad.submittedText.connect(self.check_pin)
        self.staff.layout_.addWidget(self.pad, 1)
        self.cancel = BigButton("", "", None, self.staff)
        self.cancel.clicked.connect(self.close_staff)
        self.staff.layout_.addWidget(self.cancel)
        self.wait_timer = QTimer(self)
        self.wait_timer.setInterval(1000)
        self.wait_timer.timeout.connect(self._show_wait)
        window.routeChanged.connect(lambda _route: self.touch())
        self._restore_pending = False
        self._lost_checks = 0
        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self.check_window)
        self.watch.start()
        window.destroyed.connect(self._window_destroyed)
        for field in window.findChildren(QWidget):
            if isinstance(field, TEXT_FIELDS):
                field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.touch()

    # --- closing ---------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Close and not self.leaving:
            event.ignore()
            self.schedule_restore()  # a close the window system carried out anyway is undone too
            return True
        if (
            not self.leaving
            and kind in _WINDOW_EVENTS
            and (watched is self.window or watched is self.window.windowHandle())
            and (self.window_lost() or (_left_full_screen(event) and not self.window.isFullScreen()))
        ):
            self.schedule_restore()
        if kind == QEvent.Type.ContextMenu:  # no menu with Undo, Paste or Select All, anywhere
            event.accept()
            return True
        if kind == QEvent.Type.Polish and isinstance(watched, TEXT_FIELDS):
            watched.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        keyed = kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent)
        if keyed and blocked_key(event):  # type: ignore[arg-type]
            event.accept()
            return True
        if watched is self.window and kind == QEvent.Type.Resize:
            for overlay in (self.warning, self.staff):
                if overlay.isVisible():
                    overlay.setGeometry(self.window.rect())
        if watched is self.window.title and kind == QEvent.Type.MouseButtonPress:
            self._tap()
        if kind in _INPUT_EVENTS and not self.warning.isVisible():
            self.touch()
        return False

    # --- the window always comes back -------------------------------------------------------------------

    def window_lost(self) -> bool:
        """Whether the window is not on the screen: hidden, minimised, or not exposed (its native window
        unmapped or destroyed by the window system)."""
        window = self.window
        if not window.isVisible() or window.isMinimized():
            return True
        handle = window.windowHandle()
        return handle is None or not handle.isExposed()

    def schedule_restore(self) -> None:
        """Bring the window back as soon as the current event is done (never inside its handler)."""
        if not self._restore_pending and not self.leaving:
            self._restore_pending = True
            QTimer.singleShot(0, self.restore)

    def restore(self) -> None:
        """Show the window full screen, on top and active again; check soon that it worked."""
        if self.leaving:
            self._restore_pending = False
            return
        window = self.window
        handle = window.windowHandle()
        if window.isVisible() and handle is not None and not handle.isExposed():
            window.hide()  # unmapped behind Qt's back: Qt must map it again, not think it is shown
        state = window.windowState() & ~Qt.WindowState.WindowMinimized
        window.setWindowState(state | Qt.WindowState.WindowFullScreen)
        self.show()
        self._restore_pending = False
        QTimer.singleShot(WATCH_MS // 2, self.check_window)

    def show(self) -> None:
        """Full screen, on top, active. Without a window manager (the kiosk session) nobody acts on
        "full screen", so the window also takes the whole screen's geometry itself."""
        window = self.window
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is not None and not window.isFullScreen():
            window.setGeometry(screen.geometry())  # first: a geometry set later would end full screen
        window.showFullScreen()
        if QGuiApplication.platformName() != "offscreen":  # offscreen has no stacking: it would warn
            window.raise_()
        window.activateWindow()

    def check_window(self) -> None:
        """The watch: bring the window back if it is gone; exit with WINDOW_LOST if that keeps failing."""
        if self.leaving:
            return
        if not self.window_lost():
            self._lost_checks = 0
            return
        self._lost_checks += 1
        if self._lost_checks >= RESTORE_TRIES:
            print("explorer kiosk: the window cannot be shown again; exiting to restart", file=sys.stderr)
            self.leaving = True
            self.watch.stop()
            QApplication.exit(WINDOW_LOST)
            return
        self.restore()

    def _window_destroyed(self) -> None:
        if not self.leaving:
            print("explorer kiosk: the window was destroyed; exiting to be restarted", file=sys.stderr)
            self.leaving = True
            QApplication.exit(WINDOW_LOST)

    def _tap(self) -> None:
        now = self._clock()
        self._taps = [t for t in self._taps if now - t <= GESTURE_SECONDS] + [now]
        if len(self._taps) >= GESTURE_TAPS:
            self._taps = []
            self.open_staff()

    # --- idle ------------------------------------------------------------------------------------------

    def touch(self) -> None:
        """The person did something: start the idle time again."""
        if not self.warning.isVisible():
            self.idle.start()

    def warn(self) -> None:
        """Show the warning with its countdown (WCAG 2.2.1: the person can ask for more time)."""
        self.left = self.config.warning_seconds
        self.more_time.set_text(_("I need more time"))
        self._count_down(first=True)
        self.warning.cover()
        self.more_time.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.warning.message, self.warning.message.text(), urgent=True)
        self.tick.start()

    def _count_down(self, first: bool = False) -> None:
        if not first:
            self.left -= 1
        if self.left <= 0:
            self.reset()
            return
        self.warning.message.setText(
            _(
                "Are you still there? In {seconds} seconds this screen starts again"
                " and your answers are forgotten."
            ).format(seconds=self.left)
        )

    def extend(self) -> None:
        """ "I need more time": hide the warning and start the idle time again."""
        self.tick.stop()
        self.warning.hide()
        self.window.focus_page()
        self.idle.start()

    def reset(self) -> None:
        """Forget the person: every answer, search, page and the language; show the first screen."""
        self.tick.stop()
        self.warning.hide()
        self.close_staff()
        self.close_popups()
        QGuiApplication.inputMethod().reset()  # a half-typed Hangul syllable is committed nowhere
        self.window.reset(self.config.language)
        self.forget()
        self.idle.start()
        self.wasReset.emit()

    def close_popups(self) -> None:
        """Close every open menu, pop-up and dialog: the next person starts on the first screen alone."""
        for _attempt in range(20):  # pop-ups can stack; each close shows the one under it
            popup = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            if popup is None or popup is self.window:
                break
            if isinstance(popup, QDialog):
                popup.reject()
            popup.close()
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and isinstance(widget, (QMenu, QDialog)):
                widget.close()

    def forget(self) -> None:
        """Forget all typing: every text field empty with no undo or redo history, no selection, the
        clipboard and the X selection empty, the touch keyboard's composition, shift and symbols gone."""
        for field in self.window.findChildren(QAbstractScrollArea) + self.window.findChildren(QLineEdit):
            if isinstance(field, QLineEdit):
                field.deselect()
                field.setText("")  # unlike clear(), setText drops the undo and redo history
                field.setModified(False)
            elif isinstance(field, (QTextEdit, QPlainTextEdit)):
                field.clear()
                field.document().clearUndoRedoStacks()
                field.document().setModified(False)
        clipboard = QGuiApplication.clipboard()
        # In the kiosk's session the kiosk is the only program, so whatever is there came from it.
        clipboard.clear(QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        keyboard = self.window.keyboard
        if keyboard is not None:
            keyboard.forget(self.config.language)

    # --- staff exit ------------------------------------------------------------------------------------

    def open_staff(self) -> None:
        if self.guard.enabled:
            self.staff.message.setText(_("Staff only: enter the PIN"))
        else:
            self.staff.message.setText(_("Staff exit is off: no PIN is set in the kiosk configuration."))
        self.pad.set_words(_("Erase"), _("OK"))
        self.cancel.set_text(_("Cancel"))
        self.pad.setup(0, 10**12 - 1)
        self.staff.cover()
        self.pad.keys["1"].setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self.staff.message, self.staff.message.text())
        self._show_wait()

    def close_staff(self) -> None:
        self.wait_timer.stop()
        self.pad.setup(0, 10**12 - 1)
        if self.staff.isVisible():
            self.staff.hide()
            self.window.focus_page()

    def check_pin(self, pin: str) -> None:
        if self.guard.attempt(pin):
            self.leave()
            return
        self.pad.say(_("That PIN is not right."))
        self._show_wait()

    def _show_wait(self) -> None:
        wait = self.guard.wait_seconds()
        waiting = wait > 0
        for key in (*self.pad.keys.values(), self.pad.ok):
            key.setEnabled(not waiting)
        if waiting:
            self.pad.say(
                _("Wrong PIN. Try again in {seconds} seconds.").format(seconds=int(wait + 0.999)),
                announced=not self.wait_timer.isActive(),
            )
            self.wait_timer.start()
        else:
            self.wait_timer.stop()

    def leave(self) -> None:
        """The staff exit: close the window and end the program with STAFF_EXIT."""
        self.leaving = True
        self.watch.stop()
        self.window.reader.stop()
        self.window.close()
        QApplication.exit(STAFF_EXIT)

    # --- a newer catalogue ------------------------------------------------------------------------------

    def idle_on_first_screen(self) -> bool:
        """Whether nobody is using the kiosk: the first screen, no warning, no staff PIN screen."""
        return (
            not self.leaving
            and self.window.route == ("home",)
            and not self.warning.isVisible()
            and not self.staff.isVisible()
        )

    def retire(self) -> None:
        """Stop guarding this window: another kiosk window (over a newer catalogue) takes its place.
        No timers, no event filter; the window may then be closed without the program exiting."""
        self.leaving = True
        for timer in (self.idle, self.tick, self.watch, self.wait_timer):
            timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- errors ----------------------------------------------------------------------------------------

    def install_error_handler(self) -> None:
        """An unexpected error resets the kiosk to its first screen; only the error's kind is printed."""

        def handle(kind: type[BaseException], value: BaseException, tb: object) -> None:
            if issubclass(kind, KeyboardInterrupt):
                return
            print(f"explorer kiosk: unexpected {kind.__name__}; reset to the first screen", file=sys.stderr)
            try:
                self.reset()
            except Exception as again:  # the reset itself failed: leave and let the supervisor restart
                print(f"explorer kiosk: reset failed ({type(again).__name__}); exiting", file=sys.stderr)
                self.leaving = True
                QApplication.exit(70)

        sys.excepthook = handle
