"""The kiosk's out-of-service page: what the screen shows when the kiosk cannot start.

A broken kiosk.toml or a damaged catalogue must never leave the desktop (or a small dialog over it)
on a public screen. This page covers the whole screen, says in Korean and English that the kiosk is
out of service and to tell the staff, with the city's help line (120), and cannot be dismissed: no
key, close request, hide or minimise removes it. `explorer.ui.app` writes the cause to standard error
(the journal) and tries the start again every minute; when it works, it closes the page with
`dismiss()`.

Its words are fixed here in both languages at once, not looked up in the translations: the page is
for a start that failed, and the translations may be part of what is broken.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.ui.easy import theme

#: The page's lines: Korean first (the kiosk's language), then English, then the help line.
KOREAN = "잠시 사용할 수 없어요. 직원에게 알려 주세요."
ENGLISH = "Temporarily out of service. Please tell a member of staff."
HELP_LINE = "☎ 120 다산콜센터 · Dasan Call Centre"


class OutOfService(QWidget):
    """A full-screen page that only the program itself can take away (`dismiss`)."""

    def __init__(self) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("outOfService")
        self.setWindowTitle("Seoul Services Explorer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(
            f"#outOfService {{ background: {theme.COLOURS['notice']}; }}"
            f" #outOfService QLabel {{ color: {theme.COLOURS['text']}; }}"
        )
        self._leaving = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 80, 120, 80)
        layout.setSpacing(48)
        layout.addStretch(1)
        self.lines: list[QLabel] = []
        for text, size, lang in ((KOREAN, 56, "ko"), (ENGLISH, 44, "en"), (HELP_LINE, 40, "")):
            label = QLabel(text, self)
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = QFont(label.font())
            font.setPixelSize(size)
            font.setBold(lang == "ko")
            label.setFont(font)
            label.setAccessibleName(text)
            layout.addWidget(label)
            self.lines.append(label)
        layout.addStretch(1)
        self.setAccessibleName(f"{KOREAN} {ENGLISH}")
        # The window system can unmap the page behind Qt's back (no hide event then): look twice a second.
        self.watch = QTimer(self)
        self.watch.setInterval(500)
        self.watch.timeout.connect(self._back)
        self.watch.start()

    def text(self) -> str:
        """Everything the page says, line by line."""
        return "\n".join(label.text() for label in self.lines)

    def show_page(self) -> None:
        """Full screen, on top; without a window manager it takes the screen's geometry itself."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None and not self.isFullScreen():
            self.setGeometry(screen.geometry())  # first: a geometry set later would end full screen
        self.showFullScreen()
        if QGuiApplication.platformName() != "offscreen":
            self.raise_()
        self.activateWindow()

    def dismiss(self) -> None:
        """The kiosk started: the page goes away (the only way it does)."""
        self._leaving = True
        self.watch.stop()
        self.close()
        self.deleteLater()

    def _back(self) -> None:
        if self._leaving:
            return
        handle = self.windowHandle()
        if self.isVisible() and handle is not None and not handle.isExposed():
            self.hide()  # unmapped behind Qt's back: Qt must map it again, not think it is shown
        if not self.isVisible() or self.isMinimized():
            self.show_page()

    # Nothing dismisses it: keys do nothing, a close is refused, a hide or minimise is undone.

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._leaving:
            event.accept()
            return
        event.ignore()
        QTimer.singleShot(0, self._back)

    def hideEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().hideEvent(event)  # type: ignore[arg-type]
        if not self._leaving:
            QTimer.singleShot(0, self._back)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.isMinimized() and not self._leaving:
            QTimer.singleShot(0, self._back)
