"""Python's cyclic garbage collection, kept on the GUI thread.

CPython collects reference cycles in whichever thread happens to cross the allocation threshold. In
this program that is often the search thread (decoding a service's stored text allocates many small
objects) or the screening worker. A collection there destroys whatever Qt objects sit in cycles (a
closed window's widgets, models, timers) from the wrong thread, while the GUI thread may be using
them: Qt then crashes, at random, once in many hours. The suite saw it as a rare segmentation fault
in the kiosk's idle test, with the search thread decoding JSON at the moment of the crash.

So automatic collection is switched off and a timer on the GUI thread collects instead, generation by
generation, as often as the automatic collector would have (the counts it would have acted on are
checked every `INTERVAL_MS`). Reference counting still frees everything not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects from a timer on the thread it is made in."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        #: Collections made so far, by generation (for tests and the long-session check).
        self.collections = [0, 0, 0]
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start()

    def check(self) -> None:
        """Collect the oldest generation whose count has passed its threshold, as gc would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                self.collections[generation] += 1
                return

    def stop(self) -> None:
        """Give collection back to Python (when the application ends)."""
        self.timer.stop()
        gc.enable()


def keep_collection_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the collector on `app` once (the application's own child); return it."""
    # Kept on the application's Python wrapper: findChild would cost milliseconds at start-up.
    found = getattr(app, "_gui_thread_collector", None)
    if isinstance(found, GuiThreadCollector):
        return found
    collector = GuiThreadCollector(app)
    app._gui_thread_collector = collector  # type: ignore[attr-defined]
    return collector
