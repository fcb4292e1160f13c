"""The touch keyboard: Qt Virtual Keyboard (Hangul and English layouts) inside the easy window.

Qt Virtual Keyboard is an input method: it must be chosen before the QApplication exists
(`explorer.ui.easy.input_method.prepare_environment()` does that) and then types into whatever
widget has the focus. With QT_VIRTUALKEYBOARD_DESKTOP_DISABLE it never floats over the screen on its
own; easy mode embeds its InputPanel (resources/qml/keyboard.qml) under the search box, so the keys
sit where the finger is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt, QUrl
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QWidget

from explorer.ui.easy.input_method import IM_MODULE, available, prepare_environment

__all__ = ["IM_MODULE", "TouchKeyboard", "available", "prepare_environment"]


class TouchKeyboard(QQuickWidget):
    """Qt Virtual Keyboard's panel as a widget; `set_language` switches between Hangul and English."""

    def __init__(self, resources: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a key press must not take the focus away
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setSource(QUrl.fromLocalFile(str(resources / "qml" / "keyboard.qml")))
        self.problem = "; ".join(error.toString() for error in self.errors())

    @property
    def ready(self) -> bool:
        return self.status() == QQuickWidget.Status.Ready and self.rootObject() is not None

    def set_language(self, lang: str) -> None:
        if self.ready:
            QMetaObject.invokeMethod(self.rootObject(), "setLanguage", Q_ARG("QVariant", lang))

    def locale(self) -> str:
        """The layout's locale ("ko_KR" or "en_US"); "" when the keyboard could not load."""
        if not self.ready:
            return ""
        return str(QMetaObject.invokeMethod(self.rootObject(), "locale", Q_RETURN_ARG("QVariant")))

    def forget(self, lang: str) -> None:
        """Drop every trace of the last typing (composition, candidates, shift, symbols); layout `lang`."""
        if self.ready:
            QMetaObject.invokeMethod(self.rootObject(), "forget", Q_ARG("QVariant", lang))

    def state(self) -> str:
        """The keyboard's own state as "shift,caps,symbols,preedit" flags (1 or 0); "" when not loaded."""
        if not self.ready:
            return ""
        return str(QMetaObject.invokeMethod(self.rootObject(), "state", Q_RETURN_ARG("QVariant")))

    def press(self, text: str, key: int = 0) -> None:
        """Press the key showing `text` (what a finger on it does)."""
        if self.ready:
            QMetaObject.invokeMethod(
                self.rootObject(), "press", Q_ARG("QVariant", key), Q_ARG("QVariant", text)
            )
