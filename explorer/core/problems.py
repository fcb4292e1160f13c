"""Problems as values: what is wrong (a message id and its arguments) and where (the key it names).

The core finds problems; the edge shows them (the command line, a window, the kiosk), in the
language of the moment: `Problem.text()` translates through the catalogues when it is called, not
when the problem was found. A window reads `Problem.key` and `Problem.field` to mark the field at
fault; it never reads the words.

Arguments that are themselves words (an `N_()` message id, such as "an age") are translated with the
message; numbers and quoted values are shown as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.core.i18n import _


class Msg(str):
    """A message id (marked with `N_`), translated when the problem is shown."""

    __slots__ = ()


def N_(message: str) -> Msg:
    """Mark `message` for the catalogues (pybabel extracts `N_`); it is translated when shown."""
    return Msg(message)


@dataclass(frozen=True)
class Problem:
    """One problem: `key` (such as "age", "children_ages[1]", "business.employees"; "" for the whole
    input), the message id and its arguments."""

    key: str
    message: str
    args: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def worded(cls, key: str, words: str) -> Problem:
        """A problem whose words are already in the person's language (such as the input checks'
        reason): shown as they are, never looked up again nor formatted, so that braces in what the
        person typed (quoted in the words) stay braces."""
        return cls(key, "{words}", {"words": words})

    @property
    def field(self) -> str:
        """The form field the key belongs to: "children_ages[1]" -> "children_ages",
        "answers.x:y" -> "answers", "business.employees" stays."""
        base = self.key.split("[", 1)[0]
        head, _dot, sub = base.partition(".")
        return base if head == "business" and sub else head

    def text(self) -> str:
        """What is wrong, in the active language."""
        args = {name: _(value) if isinstance(value, Msg) else value for name, value in self.args.items()}
        return _(self.message).format(**args)

    def line(self) -> str:
        """The key, then what is wrong: "age: -3 is impossible for an age (expected 0 to 120)"."""
        return f"{self.key}: {self.text()}" if self.key else self.text()

    def __str__(self) -> str:
        return self.line()
