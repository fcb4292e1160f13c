"""The screens of easy mode. Each shows one thing and at most six choices.

A page is filled by `load(...)` each time it is shown (and again when the language changes), so it
never holds anything from an earlier visit. `spoken()` is what Read aloud says on it; `choices()`
lists its buttons (the tests count them). `focus_target()` is where the keyboard focus goes when the
page is shown (its heading), and `focus_chain()` its focusable widgets in reading order (Tab order).

In parts: the page and what every page shares (`base`), finding a service by touch (`browse`), one
service and taking it along (`service`), the questions of "What can I get?" and their results
(`interview`), Find by typing with the touch keyboard (`search`) and Help (`help`).
"""

from explorer.ui.easy.pages.base import ButtonsPage, Go, Page, _clear, _title, focusable_in
from explorer.ui.easy.pages.browse import TILE_GLYPHS, HomePage, ListPage, TopicPage
from explorer.ui.easy.pages.help import HelpPage
from explorer.ui.easy.pages.interview import QuestionPage, ResultsPage, _first_sentence, _plain_next_step
from explorer.ui.easy.pages.search import KEYBOARD_MIN_PX, SearchPage
from explorer.ui.easy.pages.service import ServicePage, TakePage

__all__ = [
    "KEYBOARD_MIN_PX",
    "TILE_GLYPHS",
    "ButtonsPage",
    "Go",
    "HelpPage",
    "HomePage",
    "ListPage",
    "Page",
    "QuestionPage",
    "ResultsPage",
    "SearchPage",
    "ServicePage",
    "TakePage",
    "TopicPage",
    "_clear",
    "_first_sentence",
    "_plain_next_step",
    "_title",
    "focusable_in",
]
