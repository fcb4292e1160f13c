"""Finding a service by touch: the first screen's six tiles (`HomePage`), a tile's kinds of service
(`TopicPage`) and a kind's services, four a screen (`ListPage`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from explorer.ui.controllers.easy import MAX_CHOICES, EasyController, page
from explorer.ui.controllers.language import _
from explorer.ui.easy.pages.base import ButtonsPage, Go

#: Icons of the big tiles (always shown with their words).
TILE_GLYPHS = {
    "care-health": "mdi6.hand-heart",
    "safety": "mdi6.shield-check",
    "housing": "mdi6.home-city",
    "money-jobs": "mdi6.cash",
    "children-family": "mdi6.human-male-female-child",
    "my-shop": "mdi6.storefront",
}


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
