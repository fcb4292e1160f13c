"""What every easy screen shares: the page (`Page`) and its heading (`_title`), a page of big buttons
(`ButtonsPage`), emptying a page's layout for its next visit (`_clear`) and the widgets Tab reaches in
reading order (`focusable_in`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.ui.controllers.easy import MAX_CHOICES
from explorer.ui.easy.widgets import BigButton

Go = Callable[..., None]


def _title(parent: QWidget) -> QLabel:
    """A page's heading: where the focus goes when the page is shown, so a screen reader reads it
    first and Tab goes on to the page's choices (it is in the Tab order, not clicked into focus)."""
    label = QLabel(parent)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return label


def focusable_in(container: QWidget) -> list[QWidget]:
    """`container`'s widgets that Tab can reach now (shown, enabled, taking Tab focus), in reading
    order: top to bottom, then left to right (rows of a grid stay together)."""
    layout = container.layout()
    if layout is not None:
        layout.activate()  # buttons just added get their places now, not on the next event-loop turn
    found = [
        w
        for w in container.findChildren(QWidget)
        if w.isVisibleTo(container)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not isinstance(w.parentWidget(), QLineEdit)
    ]

    def place(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(container, QPoint(0, 0))
        return point.y(), point.x()

    return sorted(found, key=place)


def _clear(layout: QGridLayout | QVBoxLayout | QHBoxLayout) -> None:
    """Remove and delete every widget in `layout` (a page is refilled on every visit)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()


class Page(QWidget):
    """A screen: a title, a body, the text Read aloud speaks."""

    def __init__(self, go: Go, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.go = go
        self.title = ""

    def spoken(self) -> str:
        return self.title

    def focus_target(self) -> QWidget:
        """Where the focus goes when the page is shown: its heading (else its first widget)."""
        heading = getattr(self, "heading", None)
        if isinstance(heading, QWidget) and heading.isVisibleTo(self):
            return heading
        chain = self.focus_chain()
        return chain[0] if chain else self

    def focus_chain(self) -> list[QWidget]:
        """The page's widgets in Tab order: its heading, then the rest in reading order."""
        return focusable_in(self)

    def choices(self) -> list[BigButton]:
        """The choices on this screen: its own big buttons not hidden (new ones show on the next
        event-loop turn, so visibility itself would miss them)."""
        return [b for b in self.findChildren(BigButton) if b.parent() is self and not b.isHidden()]


class ButtonsPage(Page):
    """A title, an optional line of text, and up to six big buttons in a grid."""

    def __init__(self, go: Go, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(go, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(20)
        self.heading = _title(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        layout.addLayout(self.grid, 1)
        self.columns = columns
        #: Rows share the screen's height even in one column (results with two lines of words).
        self.fill_height = False
        self._spoken_extra: list[str] = []

    def fill(
        self, title: str, text: str, buttons: list[tuple[str, str, Callable[[], None], str, str | None]]
    ) -> None:
        """Show `title`, `text` and buttons given as (words, subtitle, action, role, glyph)."""
        assert len(buttons) <= MAX_CHOICES, "easy screens show at most six choices"
        self.title = title
        self.heading.setText(title)
        self.text.setText(text)
        self.text.setVisible(bool(text))
        _clear(self.grid)
        self._spoken_extra = []
        for i, (words, subtitle, action, role, glyph) in enumerate(buttons):
            button = BigButton(words, role, glyph, self, subtitle=subtitle)
            button.clicked.connect(lambda _checked=False, action=action: action())
            self.grid.addWidget(button, i // self.columns, i % self.columns)
            button.show()
            self._spoken_extra.append(words if not subtitle else f"{words}. {subtitle}")
        rows = (len(buttons) + self.columns - 1) // self.columns
        grow = self.columns > 1 or (self.fill_height and len(buttons) >= 4)
        for row in range(8):
            # A list of one column keeps its rows button-high; a grid of tiles (or a list of results,
            # each with two lines of words) fills the screen.
            self.grid.setRowStretch(row, 1 if grow and row < rows else 0)
        self.grid.setRowStretch(rows, 0 if grow else 1)
        if self.columns == 1:
            for button in self.choices():
                button.setMaximumHeight(170)

    def spoken(self) -> str:
        return "\n".join(
            [self.title, self.text.text() if self.text.isVisible() else "", *self._spoken_extra]
        ).strip()
