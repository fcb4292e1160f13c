"""Errors the core raises for problems a user can act on; each carries a one-line message."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explorer.core.problems import Problem

#: The most problems a one-line message lists; the rest are counted ("; and 12 more").
MAX_LISTED = 10


def _listed(problems: list[str]) -> str:
    """Problems joined into one line, at most MAX_LISTED of them, the rest counted."""
    from explorer.core.i18n import _  # i18n is light, but errors is imported everywhere first

    shown = "; ".join(problems[:MAX_LISTED])
    rest = len(problems) - MAX_LISTED
    return shown + (_("; and {count} more").format(count=rest) if rest > 0 else "")


class ExplorerError(Exception):
    """A problem with a clear, one-line message meant for the person using the program."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class CatalogueError(ExplorerError):
    """The built catalogue is missing, damaged or of another schema version."""


class SourceError(ExplorerError):
    """The catalogue sources under db/ are invalid; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        from explorer.core.i18n import _

        count = len(problems)
        first = problems[0] if problems else _("unknown problem")
        if count > 1:
            message = _(
                "The catalogue sources are invalid: {first} (and {more} more; run `explorer db check`)"
            )
        else:
            message = _("The catalogue sources are invalid: {first}")
        super().__init__(message.format(first=first, more=count - 1))
        self.problems = problems


class NotFoundError(ExplorerError):
    """A service id that the catalogue does not hold."""

    exit_code = 1


class ProfileError(ExplorerError):
    """A screening profile that cannot be used; `problems` holds each problem as a value (the key it
    names, the message and its arguments: `explorer.core.problems.Problem`). The message is worded
    when it is read, in the language active then."""

    def __init__(self, problems: list[Problem]) -> None:
        Exception.__init__(self)
        self.problems = problems

    @property
    def message(self) -> str:  # type: ignore[override]
        from explorer.core.i18n import _

        return _("The profile cannot be used: {problems}").format(
            problems=_listed([problem.line() for problem in self.problems])
        )

    def lines(self) -> list[str]:
        """Each problem in one line, naming its key, in the active language."""
        return [problem.line() for problem in self.problems]


class KioskConfigError(ExplorerError):
    """A kiosk config file that cannot be used; `problems` holds one line per problem, naming the key."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        from explorer.core.i18n import _
        from explorer.core.limits import PATH_CHARS, excerpt  # limits imports this module

        shown = excerpt(str(path), PATH_CHARS)
        message = _("The kiosk configuration {path} cannot be used: {problems}")
        super().__init__(message.format(path=shown, problems=_listed(problems)))
        self.path = path
        self.problems = problems
