"""What can I get?: one question a screen (`QuestionPage`) and what fits (`ResultsPage`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

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
    VERDICTS,
    YES_NO,
    EasyController,
    Question,
    ServiceResult,
    also_needed,
    page,
    to_check,
    why,
)
from explorer.ui.controllers.language import _
from explorer.ui.easy.pages.base import ButtonsPage, Go, Page, _clear, _title
from explorer.ui.easy.widgets import BigButton, NumberPad, repolish


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
        elif question.answer_words is not None:  # asked in the negative: the answers in words
            yes, no = question.answer_words
            answers += [(yes[lang], True), (no[lang], False)]
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
    """One line under a result: what the agency still decides, else what fits, else what is still to
    check (a maybe), else why."""
    needed = also_needed(result, lang)
    if result.status == ELIGIBLE and needed:
        return _("Also needed: {text}").format(text=_first_sentence(needed[0]))
    if result.status == ELIGIBLE:
        met = [r["criterion"][lang] for r in result.reasons if r.get("outcome") == MET and r.get("criterion")]
        if met:
            return _("Fits: {conditions}").format(conditions=", ".join(met[:2]))
    question = to_check(result, lang)
    if question:  # a "maybe" says what would settle it, not what already fits
        return _("To check: {question}").format(question=question)
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
        repolish(self.text)
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
        repolish(self.text)
