"""Find by typing (`SearchPage`): the box, up to four answers, suggested words and the touch keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.ui.announce import announce
from explorer.ui.controllers.easy import EasyController
from explorer.ui.controllers.language import _, ngettext
from explorer.ui.easy.pages.base import Go, Page, _clear, _title
from explorer.ui.easy.widgets import BigButton

#: The touch keyboard's least height: its keys still 64 px apart at 1920 x 1080.
KEYBOARD_MIN_PX = 280
#: The height of a row of answers; room for two is kept whether there are none, one or two.
ROW_PX = 110
#: How long after the last key the page searches: once per pause in the typing, not at every key.
SEARCH_DELAY_MS = 250

if TYPE_CHECKING:
    from explorer.ui.easy.keyboard import TouchKeyboard


class SearchPage(Page):
    """Type a word: the box, up to four answers, suggestions and the touch keyboard."""

    #: Words to touch instead of typing; a test checks that each finds something.
    SUGGESTIONS: ClassVar[dict[str, list[str]]] = {
        "ko": ["돌봄", "안심이", "임대주택", "일자리"],
        "en": ["care", "safety", "housing", "jobs"],
    }

    def __init__(
        self,
        go: Go,
        controller: EasyController,
        keyboard: TouchKeyboard | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(go, parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 16, 40, 16)
        layout.setSpacing(12)
        self.heading = _title(self)
        self.box = QLineEdit(self)
        self.box.setMaxLength(60)
        self.box.setClearButtonEnabled(False)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.heading.hide()  # the box says what to do; the keys need the room
        layout.addWidget(self.box)
        layout.addWidget(self.hint)
        # The answers (none, one or two rows) have a place as high as two rows whatever their
        # number: the keyboard under it (of a fixed height, see `_fit`) neither grows nor moves
        # while the person types.
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        for row in (0, 1):
            self.grid.setRowMinimumHeight(row, ROW_PX)
        self.grid.setRowStretch(2, 1)
        layout.addLayout(self.grid, 1)
        self.keyboard: TouchKeyboard | None = None
        self._layout = layout
        self.lang = "ko"
        if keyboard is not None:
            self.set_keyboard(keyboard)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.controller.search(self.box.text()))
        self.box.textChanged.connect(lambda _text: self._timer.start())
        controller.found.connect(self._found)

    def set_keyboard(self, keyboard: TouchKeyboard) -> None:
        """Put the touch keyboard under the answers (the window makes it after its first paint)."""
        keyboard.setParent(self)
        self._layout.addWidget(keyboard, 0)
        self.keyboard = keyboard
        self._fit()
        keyboard.show()
        keyboard.set_language(self.lang)
        keyboard.setAccessibleName(_("Touch keyboard"))
        if self.box.hasFocus():  # the keyboard learns where to type from a change of focus
            self.box.clearFocus()
            self.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit(self) -> None:
        """Give the hint and the keyboard heights that depend only on the page's size and language.

        The keyboard takes what is left under the box, the hint's longest words and two rows of answers
        (354 px at 1920 x 1080, keys of 110 x 85 px), never less than KEYBOARD_MIN_PX, so none is ever
        under the bottom bar; and no answer found or lost changes its size or place.
        """
        edges = self.hint.contentsMargins()
        width = max(self.width() - 80 - edges.left() - edges.right() - 2 * self.hint.margin(), 100)
        metrics = self.hint.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap)
        hint = max(
            metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height() for text in self._hints()
        )
        self.hint.setFixedHeight(hint + edges.top() + edges.bottom() + 2 * self.hint.margin())
        if self.keyboard is None:
            return
        margins = self._layout.contentsMargins()
        above = (
            margins.top()
            + margins.bottom()
            + self.box.sizeHint().height()
            + self.hint.height()
            + 2 * ROW_PX
            + self.grid.spacing()
            + 3 * self._layout.spacing()
        )
        self.keyboard.setFixedHeight(max(KEYBOARD_MIN_PX, self.height() - above))

    @staticmethod
    def _hints() -> list[str]:
        return [
            _("Or touch a word:"),
            _("Nothing found for these words. Try another word, or call 120."),
            _("Touch one to see it:"),
        ]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def load(self, lang: str) -> None:
        self.lang = lang
        self.title = _("Find by typing")
        self.heading.setText(self.title)
        self.box.setAccessibleName(_("Words to find"))
        self.box.setPlaceholderText(
            _("Type a word, for example: {word}").format(word=self.SUGGESTIONS[lang][0])
        )
        if self.keyboard is not None:
            self.keyboard.set_language(lang)
            self.keyboard.setAccessibleName(_("Touch keyboard"))
        self._fit()
        if self.box.text().strip():
            self.controller.search(self.box.text())
        else:
            self._found([], "")

    def focus_target(self) -> QWidget:
        """The search box: its heading is hidden (the keys need the room), and typing goes there."""
        return self.box

    def clear(self) -> None:
        self._timer.stop()
        self.box.clear()
        _clear(self.grid)

    def _found(self, ids: list[str], query: str) -> None:
        if query.strip() != self.box.text().strip():
            return
        _clear(self.grid)
        if not self.box.text().strip():
            self.hint.setText(_("Or touch a word:"))
            for i, word in enumerate(self.SUGGESTIONS[self.lang]):
                button = BigButton(word, parent=self)
                button.clicked.connect(lambda _c=False, word=word: self.box.setText(word))
                self.grid.addWidget(button, i // 2, i % 2)
                button.show()
            return
        if not ids:
            self.hint.setText(_("Nothing found for these words. Try another word, or call 120."))
            announce(self.box, self.hint.text())
            return
        self.hint.setText(_("Touch one to see it:"))
        shown = min(len(ids), 4)
        found = ngettext("{count} service found", "{count} services found", shown)
        announce(self.box, found.format(count=shown))
        for i, sid in enumerate(ids[:4]):
            names = self.controller.names(sid)
            button = BigButton(names.get(self.lang) or names.get("ko", sid), parent=self)
            button.clicked.connect(lambda _c=False, sid=sid: self.go("service", sid))
            self.grid.addWidget(button, i // 2, i % 2)
            button.show()

    def spoken(self) -> str:
        words = [b.text() for b in self.choices()]
        return "\n".join([self.title, self.hint.text(), *words])
