"""The few building blocks of easy mode: a big button that wraps its words, and a number pad.

Keyboard: Return, Enter and the keypad's Enter press a focused big button (as Space does); the number
pad takes the digit keys, Backspace (erase) and Enter (OK) from a physical keyboard or keypad, and
every change of the number is announced to screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from explorer.ui.announce import announce
from explorer.ui.controllers.language import _, ngettext
from explorer.ui.easy import theme
from explorer.ui.icons import IconView, icon

#: Return, Enter and the keypad's Enter.
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again to `widget` after one of its properties changed (`role`, `state`,
    `chosen`...). A widget not polished yet is left alone: it is styled with its properties as they
    are when it is first shown (and easy mode's start does not pay for Qt's style object early)."""
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def plain_key(event: QKeyEvent) -> bool:
    """A key pressed without Ctrl, Alt, Shift or Meta (the keypad's own flag does not count)."""
    return not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class BigButton(QPushButton):
    """A big button whose words wrap; an icon, if any, always sits beside its words.

    `role` picks the look: "tile" (a topic), "primary" (the main action), "nav" (the bars) or ""
    (an answer or a list entry).
    """

    def __init__(
        self,
        text: str,
        role: str = "",
        glyph: str | None = None,
        parent: QWidget | None = None,
        subtitle: str = "",
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QHBoxLayout(self) if role != "tile" else QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(16)
        self._icon = IconView(self)
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._glyph = glyph
        side = 96 if role == "tile" else 48
        self._side = side
        if glyph:
            self._paint_icon()
            self._icon.setFixedSize(QSize(side, side))
            layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignCenter)
        else:
            self._icon.hide()
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        left = role == "" and bool(subtitle)
        self.label.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            if left
            else Qt.AlignmentFlag.AlignCenter
        )
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self.subtitle.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        words = QVBoxLayout()  # the words, and under them a second line when there is one
        words.addWidget(self.label)
        words.addWidget(self.subtitle)
        layout.addLayout(words, 1)
        self.set_text(text, subtitle)
        self.pressed.connect(self._restyle)
        self.released.connect(self._restyle)

    def _restyle(self) -> None:
        """Give the words the button's state: Qt style sheets cannot select a child by its parent's state."""
        state = "disabled" if not self.isEnabled() else "pressed" if self.isDown() else ""
        for label in (self.label, self.subtitle):
            if label.property("state") != state:
                label.setProperty("state", state)
                repolish(label)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange and hasattr(self, "subtitle"):
            self._restyle()

    def restyle_role(self, role: str) -> None:
        """Change the look (for example, the chosen part of a service page)."""
        self.setProperty("role", role)
        for widget in (self, self.label, self.subtitle):
            repolish(widget)
        if self._glyph:
            self._paint_icon()

    def _paint_icon(self) -> None:
        colour = theme.COLOURS["accent_text" if self.property("role") in ("primary", "nav") else "accent"]
        self._icon.set_icon(icon(self._glyph or "", colour))

    def set_text(self, text: str, subtitle: str = "") -> None:
        """Change the words (and the accessible name, which screen readers and tests use)."""
        self.label.setText(text)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.setAccessibleName(text)
        self.setAccessibleDescription(subtitle)

    def text(self) -> str:  # type: ignore[override]
        return self.label.text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Return and Enter (the keypad's too) press the button, as Space does."""
        if event.key() in ENTER_KEYS and plain_key(event) and not event.isAutoRepeat():
            event.accept()
            if self.isEnabled():
                self.click()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        hint = self.layout().sizeHint()
        return QSize(max(hint.width(), theme.TARGET_PX), max(hint.height(), theme.TARGET_PX))

    def minimumSizeHint(self) -> QSize:
        return QSize(theme.TARGET_PX, theme.TARGET_PX)


class NumberPad(QWidget):
    """Ten big digits, Erase and OK, with the number shown above them.

    `submitted(int)` fires on OK with a number between `low` and `high`; anything else shows a
    message and waits. `describe` turns the typed number into words shown under it (for example
    150 -> "1,500,000 won").
    """

    submitted = Signal(int)
    #: OK with the digits as typed (a PIN keeps its leading zeros).
    submittedText = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = 0, 999
        self.describe = lambda value: ""
        self.out_of_range = "{low}–{high}"
        self.digits = ""
        #: A PIN: digits shown as dots, leading zeros kept, never described.
        self.secret = False
        layout = QHBoxLayout(self)
        layout.setSpacing(24)
        left = QVBoxLayout()
        self.display = QLabel(self)
        self.display.setProperty("role", "title")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumHeight(theme.TARGET_PX)
        self.display.setStyleSheet(
            f"border: 3px solid {theme.COLOURS['text']}; border-radius: 12px; font-size: 64px;"
        )
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.display)
        left.addWidget(self.words)
        left.addStretch(1)
        layout.addLayout(left, 2)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.keys: dict[str, BigButton] = {}
        for i, digit in enumerate("123456789"):
            self._key(grid, digit, i // 3, i % 3)
        self.erase = BigButton("", parent=self)
        self.erase.clicked.connect(self._erase)
        grid.addWidget(self.erase, 3, 0)
        self._key(grid, "0", 3, 1)
        self.ok = BigButton("", "primary", parent=self)
        self.ok.clicked.connect(self._ok)
        grid.addWidget(self.ok, 3, 2)
        layout.addLayout(grid, 3)
        self._show()

    def _key(self, grid: QGridLayout, digit: str, row: int, column: int) -> None:
        button = BigButton(digit, parent=self)
        button.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button.label.setStyleSheet("font-size: 56px; font-weight: bold;")
        button.clicked.connect(lambda: self.press(digit))
        self.keys[digit] = button
        grid.addWidget(button, row, column)

    def set_words(self, erase: str, ok: str) -> None:
        self.erase.set_text(erase)
        self.ok.set_text(ok)

    def setup(self, low: int, high: int, value: int | None = None) -> None:
        self.low, self.high = low, high
        self.digits = "" if value is None else str(value)
        self._show()

    def press(self, digit: str) -> None:
        if len(self.digits) < len(str(self.high)):
            self.digits = self.digits + digit if self.secret else (self.digits + digit).lstrip("0") or "0"
        self._show()
        self._announce()

    def _erase(self) -> None:
        self.digits = self.digits[:-1]
        self._show()
        self._announce()

    def handle_key(self, event: QKeyEvent) -> bool:
        """A digit key types the digit, Backspace erases, Enter is OK; True when the key was used."""
        if not plain_key(event):
            return False
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            if self.keys[str(key - Qt.Key.Key_0)].isEnabled():
                self.press(str(key - Qt.Key.Key_0))
            return True
        if key == Qt.Key.Key_Backspace:
            self._erase()
            return True
        if key in ENTER_KEYS and not event.isAutoRepeat():
            if self.ok.isEnabled():
                self._ok()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def spoken_value(self) -> str:
        """What is typed, as a screen reader should say it: the number and its words, or how many
        digits of a PIN; "no number yet" when nothing is typed."""
        if not self.digits:
            return _("No number yet")
        if self.secret:
            count = len(self.digits)
            return ngettext("{count} digit", "{count} digits", count).format(count=count)
        described = self.describe(int(self.digits))
        return f"{self.digits}, {described}" if described else self.digits

    def _announce(self) -> None:
        self.display.setAccessibleName(self.spoken_value())
        announce(self.display, self.spoken_value())

    def _show(self, message: str = "") -> None:
        self.display.setText(("●" * len(self.digits) if self.secret else self.digits) or " ")
        self.display.setAccessibleName(self.spoken_value())
        described = self.describe(int(self.digits)) if self.digits and not self.secret else ""
        self.words.setText(message or described)

    def say(self, message: str, announced: bool = True) -> None:
        """Show `message` under the number (for example, why it was refused), and announce it
        (`announced` False: a countdown that was announced once)."""
        self._show(message)
        if announced:
            announce(self.words, message, urgent=True)

    def value(self) -> int | None:
        return int(self.digits) if self.digits else None

    def _ok(self) -> None:
        if self.secret:
            digits, self.digits = self.digits, ""
            self._show()
            self.submittedText.emit(digits)
            return
        value = self.value()
        if value is None or not self.low <= value <= self.high:
            self.say(self.out_of_range.format(low=self.low, high=self.high))
            return
        self.submitted.emit(value)


class TextArea(QScrollArea):
    """A scrollable, word-wrapped text (`label`) that can always be read to its last line.

    A word-wrapped QLabel in a QScrollArea keeps the height its previous text had: a longer text was
    cut off in mid-line with no scroll bar. Here the label's height is worked out again for the
    viewport's width whenever the text, the area's size or the label's font changes (with the scroll
    bar's width taken off when the text needs it), and a new text starts at the top. The scroll bar is
    a touch target (easy mode's style sheet makes it `TARGET_PX` wide), and a tap on its track moves
    one viewport, not one line.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setContentsMargins(8, 8, 24, 8)
        self.setWidget(self.label)
        self.label.installEventFilter(self)
        self._fitting = False

    def set_text(self, text: str) -> None:
        """Show `text` from its top, with a scroll bar when it is longer than the area."""
        self.label.setText(text)
        self.fit()
        self.verticalScrollBar().setValue(0)

    def fit(self) -> None:
        """Give the label the height its text needs at the width it is shown at."""
        if self._fitting:
            return
        self._fitting = True
        try:
            room = self.maximumViewportSize()
            bar = self.verticalScrollBar()
            self.label.setMinimumHeight(0)  # QLabel's heightForWidth is never below its minimum height
            needed = self.label.heightForWidth(room.width())
            if needed > room.height():  # the scroll bar will show and take its width
                bar_width = max(bar.sizeHint().width(), theme.TARGET_PX)
                needed = self.label.heightForWidth(room.width() - bar_width)
            self.label.setMinimumHeight(max(needed, 0))
            self.label.updateGeometry()
            self.setWidgetResizable(True)  # lays the label out again and sets the scroll bar's range
            bar.setPageStep(max(self.viewport().height(), 1))
            bar.setSingleStep(max(self.label.fontMetrics().lineSpacing(), 1))
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
            QEvent.Type.Polish,
        ):
            self.fit()
        return super().eventFilter(watched, event)


def text_area(parent: QWidget | None = None) -> tuple[TextArea, QLabel]:
    """A scrollable, word-wrapped text with a wide scroll bar; returns (area, label). Change its words
    with `area.set_text(...)`, which sizes the label for them and scrolls back to the top."""
    area = TextArea(parent)
    return area, area.label
