"""Windows that paint first and do the rest after: the start-up order both faces follow."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QMainWindow


class PaintsFirst(QMainWindow):
    """A main window that is painted before it does what its first screen does not need.

    At its first paint it schedules `_after_first_paint` for the next turn of the event loop (after
    that paint has reached the screen); `painted` says whether that has happened yet.
    """

    #: True from the window's first paint on.
    painted = False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().event(event)

    def _after_first_paint(self) -> None:
        """What waits for the first paint (each window says)."""
