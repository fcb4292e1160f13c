"""A child process for the start-up benchmark: open a window, report the first paint, exit.

`python -m explorer.ui.startup_probe bare|app CATALOGUE` prints one JSON line:
{"painted_at": <time.monotonic() at the first paint event>, "maxrss_kb": <peak memory>}.
The parent notes time.monotonic() just before starting the process; CLOCK_MONOTONIC is shared by
every process on the machine, so the difference is the time from process start to first paint.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run the probe named in argv[0] ('bare' or 'app') against catalogue argv[1]."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    kind = argv[0]
    result: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted_at" not in result:
                result["painted_at"] = time.monotonic()
                QTimer.singleShot(0, QApplication.quit)
            return False

    if kind == "bare":
        app = QApplication([sys.argv[0]])
        window = QWidget()
        window.resize(1280, 800)
    else:
        from explorer.core.catalog import open_catalogue
        from explorer.core.paths import Paths
        from explorer.ui.app import make_application, make_main_window

        paths = Paths.discover(argv[1])
        app, _family = make_application(paths, "ko")
        window = make_main_window(open_catalogue(paths.catalogue), "ko", paths.translations)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))
    return 0 if "painted_at" in result else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["bare", str(Path("build/services.db"))]))
