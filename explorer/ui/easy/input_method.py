"""The touch keyboard as Qt's input method: chosen before the QApplication exists.

Kept apart from `explorer.ui.easy.keyboard` (the keyboard's widget, which needs Qt Quick) so that
choosing it at start-up loads no Qt Quick: the keyboard itself is made after the first paint.

Qt Virtual Keyboard replaces the system's input method (ibus or fcitx on Linux, the IME on Windows),
so on a machine typed on with a real keyboard it would take away Hangul typing in every text field.
It is therefore chosen only where it is wanted: always in the kiosk, and on other machines when a
touch screen is found (`auto`, the default) or asked for (`on`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

IM_MODULE = "qtvirtualkeyboard"

#: The `--touch-keyboard` choices: find a touch screen, always, never.
CHOICES = ("auto", "on", "off")

#: Linux's list of input devices and what each reports (the kernel's input subsystem).
PROC_INPUT_DEVICES = Path("/proc/bus/input/devices")
#: In that list: the device property "direct" (the screen itself is touched: INPUT_PROP_DIRECT, bit 1)
#: and the event type "absolute position" (EV_ABS, bit 3).
_INPUT_PROP_DIRECT = 1 << 1
_EV_ABS = 1 << 3
#: Windows: GetSystemMetrics(SM_DIGITIZER), with NID_INTEGRATED_TOUCH | NID_EXTERNAL_TOUCH and NID_READY.
_SM_DIGITIZER = 94
_NID_TOUCH = 0x01 | 0x02
_NID_READY = 0x80


def prepare_environment() -> None:
    """Choose Qt Virtual Keyboard as the input method, embedded, before QApplication is made.

    Values already set in the environment win, so a machine can opt out (QT_IM_MODULE=ibus).
    """
    os.environ.setdefault("QT_IM_MODULE", IM_MODULE)
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
    # The software renderer draws the keyboard on any machine, with or without OpenGL.
    os.environ.setdefault("QT_QUICK_BACKEND", "software")


def touch_screen_in(devices_text: str) -> bool:
    """Whether Linux's input device list (the text of /proc/bus/input/devices) names a touch screen:
    a device touched directly (not a touchpad) that reports absolute positions."""
    for block in devices_text.split("\n\n"):
        bits: dict[str, int] = {}
        for line in block.splitlines():
            if line.startswith("B: ") and "=" in line:
                name, _sep, value = line[3:].partition("=")
                try:
                    bits[name] = int(value.split()[-1], 16) if value.split() else 0
                except ValueError:
                    continue
        if bits.get("PROP", 0) & _INPUT_PROP_DIRECT and bits.get("EV", 0) & _EV_ABS:
            return True
    return False


def touch_screen_present(devices: Path = PROC_INPUT_DEVICES) -> bool:
    """Whether this machine has a touch screen; False when it cannot be told."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        digitizer = ctypes.windll.user32.GetSystemMetrics(_SM_DIGITIZER)  # type: ignore[attr-defined]
        return bool(digitizer & _NID_READY and digitizer & _NID_TOUCH)
    try:
        return touch_screen_in(devices.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return False


def wanted(choice: str, kiosk: bool, devices: Path = PROC_INPUT_DEVICES) -> bool:
    """Whether to type through the touch keyboard: `choice` is one of CHOICES; a kiosk always does."""
    if kiosk or choice == "on":
        return True
    if choice == "off":
        return False
    return touch_screen_present(devices)


def available() -> bool:
    """Whether the running application types through Qt Virtual Keyboard."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    return app is not None and os.environ.get("QT_IM_MODULE") == IM_MODULE
