"""Announcements: tell screen readers about a status change a sighted user sees (WCAG 4.1.3).

`announce(widget, text)` sends Qt's QAccessibleAnnouncementEvent (Qt 6.8 and newer), which the Linux
bridge passes on as AT-SPI's `object:announcement` (what Orca speaks), UI Automation's notification
on Windows and NSAccessibility's announcement on macOS. The text is already in the interface
language (callers build it with `_()`); it is polite (read after what is being said) unless `urgent`.

Everything goes through this one function, so a test can listen (`listen`) and the program can
never announce in a way the tests do not see.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

#: Called with (object, text, urgent) for every announcement, before it is sent (tests listen here).
Listener = Callable[[QObject, str, bool], None]
_listeners: list[Listener] = []


def announce(source: QObject, text: str, urgent: bool = False) -> None:
    """Have assistive technology say `text` about `source` (a widget on screen); "" says nothing."""
    text = " ".join(text.split())
    if not text:
        return
    for listener in list(_listeners):
        listener(source, text, urgent)
    # Imported here: QAccessible's many enumerations cost every start about 1.5 ms otherwise.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive if urgent else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)


def listen(listener: Listener) -> Callable[[], None]:
    """Call `listener` for every announcement from now on; returns the function that stops it."""
    _listeners.append(listener)

    def stop() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return stop
