"""The touch keyboard as Qt's input method: chosen before the QApplication exists.

Kept apart from `explorer.ui.easy.keyboard` (the keyboard's widget, which needs Qt Quick) so that
choosing it at start-up loads no Qt Quick: the keyboard itself is made after the first paint.
"""

from __future__ import annotations

import os

IM_MODULE = "qtvirtualkeyboard"


def prepare_environment() -> None:
    """Choose Qt Virtual Keyboard as the input method, embedded, before QApplication is made.

    Values already set in the environment win, so a machine can opt out (QT_IM_MODULE=ibus).
    """
    os.environ.setdefault("QT_IM_MODULE", IM_MODULE)
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
    # The software renderer draws the keyboard on any machine, with or without OpenGL.
    os.environ.setdefault("QT_QUICK_BACKEND", "software")


def available() -> bool:
    """Whether the running application types through Qt Virtual Keyboard."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    return app is not None and os.environ.get("QT_IM_MODULE") == IM_MODULE
