"""The easy window: a fixed top bar (Back, Home, the screen's name, the languages), one screen, and a
fixed bottom bar (Read aloud, Find by typing, Help 120). Those buttons never move.

Screens are reached by routes such as ("service", "ansimi"); the history of routes is what Back
walks. Every screen is refilled from its route when shown, so a language switch or a reset leaves
nothing behind.

Keyboard and screen readers: the window is a frame (a QMainWindow); after every change of screen the
focus is on the new screen's heading; Tab goes top bar, screen, bottom bar, in reading order (a
kiosk overlay, while shown, keeps Tab to itself); the chosen language is a checked toggle.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from explorer.ui import icons as icon_font
from explorer.ui.announce import announce
from explorer.ui.controllers.easy import EasyController, Interview
from explorer.ui.controllers.language import LanguageController, _
from explorer.ui.easy import theme
from explorer.ui.easy.input_method import available
from explorer.ui.easy.pages import (
    HelpPage,
    HomePage,
    ListPage,
    Page,
    QuestionPage,
    ResultsPage,
    SearchPage,
    ServicePage,
    TakePage,
    TopicPage,
    focusable_in,
)
from explorer.ui.easy.speech import Reader
from explorer.ui.easy.widgets import BigButton, repolish
from explorer.ui.first_paint import PaintsFirst

#: The language choices, each written in its own language.
LANGUAGE_WORDS = {"ko": "한국어", "en": "English"}

Route = tuple[Any, ...]

if TYPE_CHECKING:
    from explorer.ui.easy.keyboard import TouchKeyboard


class EasyWindow(PaintsFirst):
    """Easy mode. `printer` is how "Print" works: a callable taking (service, lang) and returning the
    message to show, or None where nothing may be printed (a kiosk without a printer)."""

    #: The route shown changed (tests and the kiosk's idle timer listen).
    routeChanged = Signal(tuple)

    def __init__(
        self,
        controller: EasyController,
        language: LanguageController,
        resources: Path,
        reader: Reader,
        printer: Callable[[dict[str, Any], str], str] | None = None,
        on_standard: Callable[[], None] | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("easyWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.controller = controller
        self.language = language
        self.lang = language.lang
        self.reader = reader
        self.printer = printer
        self.today = today or date.today()
        self.history: list[Route] = []
        #: The interviews a newer "Can I get this?" set aside; Back out of the newer one restores them.
        self._earlier: list[Interview | None] = []
        self.setStyleSheet(theme.stylesheet())
        self.setMinimumSize(1024, 700)

        self.body = QWidget(self, objectName="easyBody")
        self.setCentralWidget(self.body)
        root = QVBoxLayout(self.body)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        top, bar = self._bar(16)
        self.back = self._nav("", "mdi6.arrow-left", self.go_back)
        self.home = self._nav("", "mdi6.home", self.go_home)
        self.title = QLabel(top)
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.back)
        bar.addWidget(self.home)
        bar.addWidget(self.title, 1)
        self.languages: dict[str, BigButton] = {}
        for code, words in LANGUAGE_WORDS.items():
            button = self._nav(words, None, lambda _c=False, code=code: self.set_language(code))
            button.setCheckable(True)  # the chosen language is checked
            self.languages[code] = button
            bar.addWidget(button)
        self.standard: BigButton | None = None
        if on_standard is not None:
            self.standard = self._nav("", None, on_standard)
            bar.addWidget(self.standard)
        root.addWidget(top)

        self.stack = QStackedWidget(self)
        root.addWidget(self.stack, 1)
        self.notice = QLabel(self)
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        root.addWidget(self.notice)

        bottom, lower = self._bar(24)
        self.read = self._nav("", "mdi6.volume-high", self.read_aloud)
        self.find = self._nav("", "mdi6.keyboard", lambda: self.go("search"))
        self.help = self._nav("", "mdi6.phone", lambda: self.go("help"))
        for button in (self.read, self.find, self.help):
            lower.addWidget(button, 1)
        root.addWidget(bottom)

        # The touch keyboard (a QML scene) is made after the first paint, or when first needed.
        self._resources = resources
        self._keyboard: TouchKeyboard | None = None
        self._keyboard_tried = False
        icon_font.hold()  # the icon font loads after this window's first paint
        self.pages: dict[str, Page] = {
            "home": HomePage(self.go, controller),
            "topic": TopicPage(self.go, controller),
            "list": ListPage(self.go, controller),
            "service": ServicePage(self.go, controller),
            "take": TakePage(self.go, controller, self._print if printer is not None else None),
            "question": QuestionPage(self.go),
            "results": ResultsPage(self.go, controller),
            "search": SearchPage(self.go, controller, None),
            "help": HelpPage(self.go, controller),
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        question = self.pages["question"]
        assert isinstance(question, QuestionPage)
        question.answered.connect(self._answered)
        controller.problem.connect(self.show_notice)
        reader.speaking.connect(self._speaking)
        language.changed.connect(self._language_changed)
        self.retranslate()
        self.go_home()

    # --- what waits for the first paint ----------------------------------------------------------------

    #: Everything that waits for the first paint is done: icons loaded, touch keyboard made.
    settled = Signal()

    @property
    def keyboard(self) -> TouchKeyboard | None:
        """The touch keyboard (made now if it was not yet); None where it is not the input method or
        could not load (the reason is written to standard error once)."""
        if not self._keyboard_tried:
            self._keyboard_tried = True
            keyboard = None
            if available():  # no Qt Quick at all where the system's input method types
                from explorer.ui.easy.keyboard import TouchKeyboard  # Qt Quick: loaded only now

                keyboard = TouchKeyboard(self._resources)
            if keyboard is not None and not keyboard.ready:
                why = _("explorer: the touch keyboard did not load: {problem}")
                print(why.format(problem=keyboard.problem), file=sys.stderr)
                keyboard.deleteLater()
                keyboard = None
            if keyboard is not None:
                search = self.pages["search"]
                assert isinstance(search, SearchPage)
                search.set_keyboard(keyboard)
            self._keyboard = keyboard
        return self._keyboard

    def _after_first_paint(self) -> None:
        """The icons' font, then (one per turn of the event loop) the screening rules and the touch
        keyboard; `settled`."""
        icon_font.release()

        def rules() -> None:
            _ = self.controller.screening  # read and compiled before anyone asks "What can I get?"
            QTimer.singleShot(0, keyboard)

        def keyboard() -> None:
            _ = self.keyboard
            self.settled.emit()

        QTimer.singleShot(0, rules)

    def _bar(self, spacing: int) -> tuple[QWidget, QHBoxLayout]:
        """A navigation bar (its buttons never move) and its row."""
        bar = QWidget(self)
        bar.setProperty("role", "bar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        bar.setFixedHeight(theme.BAR_PX)
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(spacing)
        return bar, row

    def _nav(self, words: str, glyph: str | None, action: Callable[..., None]) -> BigButton:
        button = BigButton(words, "nav", glyph, self)
        button.setSizePolicy(button.sizePolicy().Policy.Preferred, button.sizePolicy().Policy.Expanding)
        button.setMinimumWidth(180)
        button.clicked.connect(action)
        return button

    # --- words ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.back.set_text(_("Back"))
        self.home.set_text(_("Home"))
        self.read.set_text(_("Stop reading") if self.reader.is_speaking() else _("Read aloud"))
        self.find.set_text(_("Find by typing"))
        self.help.set_text(_("Help: call {number}").format(number=self.controller.call_centre()))
        if self.standard is not None:
            self.standard.set_text(_("Standard screen"))
        for code, button in self.languages.items():
            chosen = code == self.lang
            button.setChecked(chosen)
            button.setProperty("chosen", "true" if chosen else "false")
            for widget in (button, button.label):
                repolish(widget)
        self.setWindowTitle(_("Seoul Services Explorer"))
        self.setAccessibleName(_("Seoul Services Explorer"))
        self.body.setAccessibleName(_("Easy screen (big letters)"))
        self.setAccessibleDescription(_("Big letters and buttons, one thing at a time, for touch screens"))
        self.title.setText(_("Seoul services"))

    def set_language(self, lang: str) -> None:
        """Switch every word on screen to `lang` and show the same screen again (the language
        controller switches; this window, like the caseworker's, follows its `changed`)."""
        if lang in LANGUAGE_WORDS and not self.language.set(lang):
            self.languages[lang].setChecked(True)  # pressed again: the chosen language stays chosen
            # ... its touch keyboard layout too (the globe key may have chosen another), and typing
            # goes where it went before the touch, not to the language button (which types nothing).
            if self._keyboard is not None:
                self._keyboard.set_language(lang)
            target = self.page.focus_target()
            if target.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
                target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _language_changed(self, lang: str) -> None:
        self.reader.stop()
        self.lang = lang
        self.controller.catalogue.set_language(lang)
        self.retranslate()
        self._show(self.history[-1] if self.history else ("home",))
        if self.isVisible():  # the face in use says it; a hidden one follows quietly
            announce(
                self,
                _("Language switched to English") if lang == "en" else _("Language switched to Korean"),
            )

    # --- moving about --------------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    @property
    def route(self) -> Route:
        return self.history[-1] if self.history else ("home",)

    def go(self, kind: str, *args: Any) -> None:
        """Open a screen (and remember it for Back)."""
        if kind == "ask":
            self._earlier.append(self.controller.interview)
            self.controller.start_interview(list(args[0]))
            kind, args = self._after_answer()
        if kind == "topic":
            topic = self.controller.topic(args[0])
            filled = [c for c in topic.categories if self.controller.services_for([c])]
            if len(filled) == 1:
                kind, args = "list", (tuple(filled), 0, topic.label.get(self.lang, topic.id))
        route = (kind, *args)
        if self.history and self.history[-1] == route:
            return
        self.history.append(route)
        self._show(route)

    def _after_answer(self) -> tuple[str, tuple[Any, ...]]:
        question = self.controller.next_question()
        return ("question", ()) if question is not None else ("results", (0,))

    def go_back(self) -> None:
        if len(self.history) <= 1:
            self.go_home()
            return
        leaving = self.history.pop()
        arriving = self.history[-1]
        asking = ("question", "results")
        if leaving[0] in asking and arriving[0] == "question" and self.controller.interview is not None:
            self.controller.interview.undo()  # the question shows again, unanswered
        if leaving[0] in asking and arriving[0] not in asking:
            self.controller.interview = self._earlier.pop() if self._earlier else None
        self._show(arriving)

    def go_home(self) -> None:
        self.history = [("home",)]
        self._earlier = []
        self.controller.interview = None
        self._show(("home",))

    def _show(self, route: Route) -> None:
        self.reader.stop()
        self.hide_notice()
        focused = QApplication.focusWidget()
        if focused is not None and self.stack.isAncestorOf(focused):
            # The old screen's buttons go: without this, the focus would hop through them (each hop
            # read out) before it lands on the new screen's heading.
            focused.clearFocus()
        kind, args = route[0], route[1:]
        if kind == "search":
            _ = self.keyboard  # made now if the person got here before it was made
        page = self.pages[kind]
        if kind == "question":
            question = self.controller.next_question()
            if question is None:
                self.history[-1] = ("results", 0)
                self._show(("results", 0))
                return
            asked = len(self.controller.interview.asked) if self.controller.interview else 0
            page.load(self.lang, question, asked + 1)  # type: ignore[attr-defined]
        else:
            page.load(self.lang, *args)  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(page)
        self.back.setEnabled(len(self.history) > 1)
        self.focus_page()
        self.routeChanged.emit(route)

    def focus_page(self) -> None:
        """Put the focus on the shown screen's heading (its search box on Find by typing)."""
        target = self.page.focus_target()
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if target is not getattr(self.page, "heading", None):
            announce(target, self.page.title)  # the heading is not read: say what screen this is

    def focus_chain(self) -> list[QWidget]:
        """Every widget Tab reaches, in order: the top bar, the screen, the bottom bar; only the
        overlay's own while a kiosk overlay covers the window."""
        overlays = [
            w
            for w in self.findChildren(QWidget, "kioskOverlay")
            if w.parentWidget() is self and w.isVisible()
        ]
        if overlays:
            return focusable_in(overlays[-1])
        top = [self.back, self.home, *self.languages.values()]
        if self.standard is not None:
            top.append(self.standard)
        bottom = [self.read, self.find, self.help]

        def reachable(widgets: list[QWidget]) -> list[QWidget]:
            return [w for w in widgets if w.isVisible() and w.isEnabled()]

        return [*reachable(top), *self.page.focus_chain(), *reachable(bottom)]

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab walk `focus_chain()` (the screen's content before the bottom bar)."""
        chain = self.focus_chain()
        if not chain:
            return super().focusNextPrevChild(next)
        current = QApplication.focusWidget()
        while current is not None and current not in chain and current is not self:
            current = current.parentWidget()
        if current in chain:
            index = (chain.index(current) + (1 if next else -1)) % len(chain)
        else:
            index = 0 if next else len(chain) - 1
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        chain[index].setFocus(reason)
        return True

    def _answered(self, key: str, value: Any) -> None:
        problem = self.controller.answer(key, value)
        if problem is not None:
            question = self.controller.next_question()
            asked = len(self.controller.interview.asked) if self.controller.interview else 0
            if question is not None:
                self.pages["question"].load(  # type: ignore[attr-defined]
                    self.lang, question, asked + 1, _("That answer does not fit the others. Please check it.")
                )
                self.focus_page()
            return
        kind, args = self._after_answer()
        self.history.append((kind, *args))
        self._show((kind, *args))

    # --- read aloud, notices, printing ------------------------------------------------------------------

    def read_aloud(self) -> None:
        if self.reader.is_speaking():
            self.reader.stop()
            return
        if not self.reader.say(self.page.spoken(), self.lang):
            self.show_notice(
                _(
                    "Reading aloud is not available in {language} on this computer."
                    " Please ask the staff for help."
                ).format(language=LANGUAGE_WORDS[self.lang])
            )

    def _speaking(self, speaking: bool) -> None:
        self.read.set_text(_("Stop reading") if speaking else _("Read aloud"))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        announce(self.notice, text)

    def hide_notice(self) -> None:
        self.notice.hide()
        self.notice.clear()

    def _print(self, service_id: str) -> str:
        service = self.controller.service(service_id)
        if service is None or self.printer is None:
            return _("This could not be printed. Please ask the staff.")
        return self.printer(service, self.lang)

    def shutdown(self) -> None:
        """Stop speaking and the search thread (when the program ends)."""
        self.reader.stop()
        self.controller.catalogue.shutdown()

    # --- the kiosk's reset ------------------------------------------------------------------------------

    def reset(self, lang: str) -> None:
        """Forget everything the person did: answers, search, pages, language; show the first screen."""
        self.reader.stop()
        self.controller.reset()
        search = self.pages["search"]
        assert isinstance(search, SearchPage)
        search.clear()
        question = self.pages["question"]
        assert isinstance(question, QuestionPage)
        question.clear()
        self.history = []
        if lang != self.lang:
            self.set_language(lang)
        self.go_home()
