"""The screens of easy mode. Each shows one thing and at most six choices.

A page is filled by `load(...)` each time it is shown (and again when the language changes), so it
never holds anything from an earlier visit. `spoken()` is what Read aloud says on it; `choices()`
lists its buttons (the tests count them). `focus_target()` is where the keyboard focus goes when the
page is shown (its heading), and `focus_chain()` its focusable widgets in reading order (Tab order).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.core.i18n import _, ngettext
from explorer.ui.announce import announce
from explorer.ui.controllers.easy import (
    BUSINESS,
    CHILDREN,
    CHOICE_LABELS,
    ELIGIBLE,
    INELIGIBLE,
    MAX_CHOICES,
    MET,
    NUMBER,
    PARTS,
    VERDICTS,
    YES_NO,
    EasyController,
    Question,
    ServiceResult,
    also_needed,
    page,
    why,
)
from explorer.ui.easy import theme
from explorer.ui.easy.widgets import BigButton, NumberPad, text_area

#: Icons of the big tiles (always shown with their words).
TILE_GLYPHS = {
    "care-health": "mdi6.hand-heart",
    "safety": "mdi6.shield-check",
    "housing": "mdi6.home-city",
    "money-jobs": "mdi6.cash",
    "children-family": "mdi6.human-male-female-child",
    "my-shop": "mdi6.storefront",
}

Go = Callable[..., None]
#: The touch keyboard's least height: its keys still 64 px apart at 1920 x 1080.
KEYBOARD_MIN_PX = 280

if TYPE_CHECKING:
    from explorer.ui.easy.keyboard import TouchKeyboard


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


class HomePage(ButtonsPage):
    """What do you need help with? Six big tiles."""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, columns=3, parent=parent)
        self.controller = controller

    def load(self, lang: str) -> None:
        tiles = [
            (t.label.get(lang, t.id), "", (lambda t=t: self.go("topic", t.id)), "tile", TILE_GLYPHS.get(t.id))
            for t in self.controller.topics[:6]
        ]
        self.fill(_("What do you need help with?"), "", tiles)


class TopicPage(ButtonsPage):
    """A tile with several categories: which of them?"""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, parent=parent)
        self.controller = controller

    def load(self, lang: str, topic_id: str) -> None:
        topic = self.controller.topic(topic_id)
        buttons = []
        for cid in topic.categories[:6]:
            label = self.controller.category_labels.get(cid, {}).get(lang, cid)
            count = len(self.controller.services_for([cid]))
            if count:
                buttons.append(
                    (label, "", (lambda cid=cid, label=label: self.go("list", (cid,), 0, label)), "", None)
                )
        self.fill(topic.label.get(lang, topic_id), _("Which of these?"), buttons)


class ListPage(ButtonsPage):
    """Services in a category, four at a time, with "What can I get?" and "More"."""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, parent=parent)
        self.controller = controller

    def load(self, lang: str, categories: tuple[str, ...], number: int, heading: str) -> None:
        ids = self.controller.services_for(categories)
        checkable = any(self.controller.can_check(sid) for sid in ids)
        shown, more, screens = page(ids, number, MAX_CHOICES - checkable)
        buttons: list[tuple[str, str, Callable[[], None], str, str | None]] = []
        if checkable:
            buttons.append(
                (
                    _("What can I get here?"),
                    _("Answer a few questions"),
                    lambda: self.go("ask", tuple(ids)),
                    "primary",
                    "mdi6.help-circle",
                )
            )
        for sid in shown:
            names = self.controller.names(sid)
            buttons.append(
                (
                    names.get(lang) or names.get("ko", sid),
                    "",
                    lambda sid=sid: self.go("service", sid),
                    "",
                    None,
                )
            )
        if more:
            buttons.append(
                (
                    _("More"),
                    "",
                    lambda: self.go("list", categories, number + 1, heading),
                    "",
                    "mdi6.arrow-right",
                )
            )
        text = _("Page {number} of {pages}").format(number=number + 1, pages=screens) if screens > 1 else ""
        self.fill(heading, text, buttons)


class ServicePage(Page):
    """One service in three parts (what it is, who can get it, how to apply) and two big actions."""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(16)
        self.heading = _title(self)
        layout.addWidget(self.heading)
        #: The service today, in one plain line (running, ended, or a plan to check with 120).
        self.today = QLabel(self)
        self.today.setWordWrap(True)
        self.today.setProperty("role", "notice")
        layout.addWidget(self.today)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.part_buttons: dict[str, BigButton] = {}
        for key in PARTS:
            button = BigButton("", parent=self)
            button.setCheckable(True)  # the part shown is checked (a screen reader says so)
            button.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button.setSizePolicy(button.sizePolicy().horizontalPolicy(), button.sizePolicy().Policy.Fixed)
            button.clicked.connect(lambda _checked=False, key=key: self.show_part(key))
            self.part_buttons[key] = button
            row.addWidget(button)
        layout.addLayout(row)
        self.area, self.body = text_area(self)
        layout.addWidget(self.area, 1)
        actions = QHBoxLayout()
        actions.setSpacing(24)
        self.check = BigButton("", "primary", "mdi6.help-circle", self)
        self.take = BigButton("", "primary", "mdi6.qrcode", self)
        for button in (self.check, self.take):
            button.setSizePolicy(button.sizePolicy().horizontalPolicy(), button.sizePolicy().Policy.Fixed)
            button.setMinimumHeight(110)
            actions.addWidget(button)
        layout.addLayout(actions)
        self.check.clicked.connect(lambda: self.go("ask", (self.service_id,)))
        self.take.clicked.connect(lambda: self.go("take", self.service_id))
        self.service_id = ""
        self.parts: dict[str, str] = {}
        self.part = "summary"

    def load(self, lang: str, service_id: str) -> None:
        service = self.controller.service(service_id)
        self.service_id = service_id
        if service is None:
            self.title = _("This service could not be shown.")
            self.heading.setText(self.title)
            self.parts = dict.fromkeys(PARTS, _("Please call 120 or ask at the desk."))
        else:
            names = service["names"]
            self.title = names.get(lang) or names.get("ko", service_id)
            self.heading.setText(self.title)
            self.parts = self.controller.parts(service, lang)
        self.today.setText(self.controller.today(service_id, lang) if service is not None else "")
        self.today.setVisible(service is not None)
        words = {
            "summary": _("What it is"),
            "eligibility": _("Who can get it"),
            "how_to_apply": _("How to apply"),
        }
        for key, button in self.part_buttons.items():
            button.set_text(words[key])
        self.check.set_text(_("Can I get this?"))
        self.check.setVisible(self.controller.can_check(service_id))
        self.take.set_text(_("Take this with me"))
        self.show_part("summary")

    def show_part(self, key: str) -> None:
        self.part = key
        for name, button in self.part_buttons.items():
            button.restyle_role("primary" if name == key else "")
            button.setChecked(name == key)
        self.body.setText(
            self.parts.get(key) or _("Our sources do not say. Please call 120 or ask at the desk.")
        )
        # The text scrolls with the arrow keys once the focus is in it; it is named after the part.
        self.area.setAccessibleName(self.part_buttons[key].text())
        self.body.setAccessibleName(self.part_buttons[key].text())
        self.area.verticalScrollBar().setValue(0)

    def spoken(self) -> str:
        return f"{self.title}\n{self.today.text()}\n{self.part_buttons[self.part].text()}\n{self.body.text()}"


class TakePage(Page):
    """Take this with me: a QR code on screen, and printing where a printer is set up."""

    def __init__(
        self,
        go: Go,
        controller: EasyController,
        print_sheet: Callable[[str], str] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(go, parent)
        self.controller = controller
        self.print_sheet = print_sheet
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(40)
        self.qr = QLabel(self)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(520, 520)
        self.qr.setStyleSheet(f"background: {theme.COLOURS['background']};")
        layout.addWidget(self.qr)
        column = QVBoxLayout()
        column.setSpacing(24)
        self.heading = _title(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.printed = QLabel(self)
        self.printed.setWordWrap(True)
        self.printed.setProperty("role", "notice")
        self.print_button = BigButton("", "primary", "mdi6.printer", self)
        self.print_button.setMinimumHeight(120)
        self.print_button.clicked.connect(self._print)
        column.addWidget(self.heading)
        column.addWidget(self.text)
        column.addStretch(1)
        column.addWidget(self.printed)
        column.addWidget(self.print_button)
        layout.addLayout(column, 1)
        self.service_id = ""
        self.payload = ""

    def load(self, lang: str, service_id: str) -> None:
        self.service_id = service_id
        service = self.controller.service(service_id)
        names = service["names"] if service else {}
        name = names.get(lang) or names.get("ko", service_id)
        self.title = _("Take this with me")
        self.heading.setText(f"{self.title}: {name}")
        self.payload, png = self.controller.qr_code(service)
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.qr.setPixmap(
            pixmap.scaled(
                500, 500, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )
        self.qr.setAccessibleName(_("QR code"))
        self.qr.setAccessibleDescription("")
        if self.payload.startswith("tel:"):
            what = _(
                "The code holds the phone number {number}. Point your phone's camera at it to call."
            ).format(number=self.payload[4:])
        else:
            what = _(
                "The code holds the web page {address}. Point your phone's camera at it to open it."
            ).format(address=self.payload)
        self.text.setText(what)
        self.qr.setAccessibleDescription(what)
        self.printed.hide()
        self.print_button.set_text(_("Print this on paper"))
        self.print_button.setVisible(self.print_sheet is not None)

    def _print(self) -> None:
        if self.print_sheet is None:
            return
        message = self.print_sheet(self.service_id)
        self.printed.setText(message)
        self.printed.show()
        announce(self.printed, message)

    def spoken(self) -> str:
        return f"{self.heading.text()}\n{self.text.text()}"


class QuestionPage(Page):
    """One question of "What can I get?", with big answers and "Skip"."""

    answered = Signal(str, object)

    def __init__(self, go: Go, parent: QWidget | None = None) -> None:
        super().__init__(go, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(20)
        self.progress = QLabel(self)
        self.heading = _title(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "notice")
        layout.addWidget(self.progress)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        self.pad = NumberPad(self)
        self.pad.submitted.connect(lambda value: self._answer(value))
        layout.addWidget(self.pad, 1)
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        layout.addLayout(self.grid, 1)
        self.question: Question | None = None
        self.lang = "ko"

    def load(self, lang: str, question: Question, number: int, message: str = "") -> None:
        self.lang = lang
        self.question = question
        self.title = question.text[lang]
        self.progress.setText(_("Question {number}").format(number=number))
        self.heading.setText(self.title)
        self.message.setText(message)
        self.message.setVisible(bool(message))
        if message:
            announce(self.message, message, urgent=True)
        _clear(self.grid)
        answers: list[tuple[str, Any]] = []
        numeric = question.kind in (NUMBER, CHILDREN)
        self.pad.setVisible(numeric)
        if numeric:
            self.pad.setup(question.low, question.high)
            self.pad.set_words(_("Erase"), _("OK"))
            self.pad.describe = self._describe
            self.pad.out_of_range = _("Please give a number from {low} to {high}.")
            if question.kind == CHILDREN:
                answers.append((_("I have no children"), []))
        elif question.kind in (YES_NO, BUSINESS):
            answers += [(_("Yes"), True), (_("No"), False)]
        else:
            answers += [(CHOICE_LABELS[c][lang], c) for c in question.choices]
        answers.append((_("Skip: I don't know or I'd rather not say"), None))
        # Under a number pad the answers share one row, so the pad keeps the room its four rows need.
        columns = 2 if not numeric or len(answers) > 1 else 1
        for i, (words, value) in enumerate(answers):
            button = BigButton(words, "answer" if value is not None else "", parent=self)
            button.clicked.connect(lambda _checked=False, value=value: self._answer(value))
            self.grid.addWidget(button, i // columns, i % columns)
            button.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The digit keys, Backspace and Enter reach the number pad wherever the focus is on the page
        (a focused button takes Enter for itself)."""
        if self.pad.isVisibleTo(self) and self.pad.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def clear(self) -> None:
        """Forget the number being typed and the question (the kiosk's reset)."""
        self.pad.setup(0, 0)
        self.question = None
        _clear(self.grid)

    def _describe(self, value: int) -> str:
        """The typed number in words, so a slip is seen before OK (150 -> "= 1,500,000 won")."""
        unit = self.question.unit if self.question else ""
        words = {
            "manwon": _("= {amount} won"),
            "years": _("{number} years old"),
            "people": _("{number} people"),
            "year": _("the year {number}"),
        }.get(unit, "")
        return words.format(amount=f"{value * 10_000:,}", number=value)

    def _answer(self, value: Any) -> None:
        if self.question is None:
            return
        if self.question.kind == CHILDREN and isinstance(value, int) and not isinstance(value, bool):
            value = [value]
        if self.question.unit == "manwon" and isinstance(value, int) and not isinstance(value, bool):
            value = value * 10_000
        self.answered.emit(self.question.key, value)

    def spoken(self) -> str:
        words = [b.text() for b in self.choices()]
        return "\n".join([self.title, *words])


def _first_sentence(text: str) -> str:
    """The first sentence of a plain text (the rest is on the service's own screen)."""
    match = re.search(r"(?<=[.!?])\s", text)
    return text[: match.start()] if match else text


def _plain_next_step(result: ServiceResult, lang: str) -> str:
    """One line under a result: what the agency still decides, else what fits, else what to check."""
    needed = also_needed(result, lang)
    if result.status == ELIGIBLE and needed:
        return _("Also needed: {text}").format(text=_first_sentence(needed[0]))
    if result.status == ELIGIBLE:
        met = [r["criterion"][lang] for r in result.reasons if r.get("outcome") == MET and r.get("criterion")]
        if met:
            return _("Fits: {conditions}").format(conditions=", ".join(met[:2]))
    return " · ".join(_first_sentence(line) for line in why(result, lang, 1))


class ResultsPage(ButtonsPage):
    """What fits: up to five services with their verdict and why; "More" for the rest."""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, columns=1, parent=parent)
        self.controller = controller
        self.fill_height = True

    def load(self, lang: str, number: int) -> None:
        self.columns = 1
        self.text.setProperty("status", "")
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        results = self.controller.results()
        if len(results) == 1:
            self._one(lang, results[0])
            return
        fits = self.controller.fitting()
        # One choice fewer than other lists: each result has room for two lines of plain words.
        shown, more, _screens = page(fits, number, MAX_CHOICES - 1)
        buttons: list[tuple[str, str, Callable[[], None], str, str | None]] = []
        for result in shown:
            name = result.names.get(lang) or result.names.get("ko", result.id)
            subtitle = VERDICTS[result.status][lang] + " — " + _plain_next_step(result, lang)
            buttons.append((name, subtitle, lambda sid=result.id: self.go("service", sid), "", None))
        if more:
            buttons.append((_("More"), "", lambda: self.go("results", number + 1), "", "mdi6.arrow-right"))
        if fits:
            text = _("From your answers, these may fit you. Touch one to see how to apply.")
        else:
            text = _(
                "From your answers, nothing here fits for sure."
                " Call 120 or ask at the desk: they can look further."
            )
        self.fill(_("What you may get"), text, buttons)

    def _one(self, lang: str, result: ServiceResult) -> None:
        name = result.names.get(lang) or result.names.get("ko", result.id)
        lines = [VERDICTS[result.status][lang] + ".", self.controller.today(result.id, lang)]
        lines += why(result, lang, 3)
        lines += [_("Also needed: {text}").format(text=text) for text in also_needed(result, lang)]
        if result.status != INELIGIBLE:
            lines.append(_("To be sure, call 120 or ask at the desk."))
        else:
            lines.append(_("Call 120 or ask at the desk: there may be other help for you."))
        buttons: list[tuple[str, str, Callable[[], None], str, str | None]] = [
            (_("How to apply"), "", lambda: self.go("service", result.id), "primary", None),
            (_("Take this with me"), "", lambda: self.go("take", result.id), "primary", "mdi6.qrcode"),
        ]
        self.columns = 2
        self.fill(name, "\n".join(lines), buttons)
        self.text.setProperty("status", result.status)
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)


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
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        layout.addLayout(self.grid, 0)
        self.keyboard: TouchKeyboard | None = None
        self._layout = layout
        layout.addStretch(1)
        self.lang = "ko"
        if keyboard is not None:
            self.set_keyboard(keyboard)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(lambda: self.controller.search(self.box.text()))
        self.box.textChanged.connect(lambda _text: self._timer.start())
        controller.found.connect(self._found)

    def set_keyboard(self, keyboard: TouchKeyboard) -> None:
        """Put the touch keyboard under the answers (the window makes it after its first paint)."""
        stretch = self._layout.itemAt(self._layout.count() - 1)
        if stretch is not None and stretch.spacerItem() is not None:
            self._layout.removeItem(stretch)
        keyboard.setParent(self)
        # What is left under the answers (about 390 px at 1920 x 1080): the keys shrink to fit it,
        # so none is ever under the bottom bar.
        keyboard.setMinimumHeight(KEYBOARD_MIN_PX)
        self._layout.addWidget(keyboard, 1)
        keyboard.show()
        self.keyboard = keyboard
        keyboard.set_language(self.lang)
        keyboard.setAccessibleName(_("Touch keyboard"))
        if self.box.hasFocus():  # the keyboard learns where to type from a change of focus
            self.box.clearFocus()
            self.box.setFocus(Qt.FocusReason.OtherFocusReason)

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


class HelpPage(Page):
    """Help: call 120, or ask the staff."""

    def __init__(self, go: Go, controller: EasyController, parent: QWidget | None = None) -> None:
        super().__init__(go, parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.setSpacing(32)
        self.heading = _title(self)
        self.number = QLabel(self)
        self.number.setStyleSheet(f"font-size: 160px; font-weight: bold; color: {theme.COLOURS['accent']};")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.number)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def load(self, lang: str) -> None:
        number = self.controller.call_centre()
        self.title = _("Help: call {number}").format(number=number)
        self.heading.setText(_("Need help? Call {number}.").format(number=number))
        self.number.setText(number)
        self.text.setText(
            _(
                "{number} is the Seoul Dasan Call Center, the city's number for questions. It is the place"
                " to ask when you do not know where to apply. You can also ask the staff at the desk here."
            ).format(number=number)
        )

    def spoken(self) -> str:
        return f"{self.heading.text()}\n{self.text.text()}"
