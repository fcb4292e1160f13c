"""A child process for the start-up benchmark: open a window, report the first paint, exit.

`python -m explorer.ui.startup_probe bare|standard|easy CATALOGUE` prints one JSON line:
{"painted_at": <time.monotonic() at the first paint event>, "settled_at": <time.monotonic() when the
window had done what it leaves for after the first paint>, "maxrss_kb": <peak memory, at settling>}.
The parent notes time.monotonic() just before starting the process; CLOCK_MONOTONIC is shared by
every process on the machine, so the difference is the time from process start to first paint.
The program's windows are opened as `explorer` opens them (`explorer.ui.app.open_face`): the touch
keyboard chosen as input method as `--touch-keyboard auto` chooses it on this machine ("touch": as the
kiosk and touch screens always have it), the catalogue checked against its sources, settings not saved.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

#: The kinds of window the probe can open: "keyboard" is the bare window with Qt Virtual Keyboard's
#: panel in it (the same QML scene as easy mode's), a baseline for what the keyboard alone costs;
#: "touch" is easy mode with the touch keyboard (the kiosk's face, and any touch screen's).
KINDS = ("bare", "keyboard", "standard", "easy", "touch")


def main(argv: list[str]) -> int:
    """Run the probe named in argv[0] (one of KINDS) against catalogue argv[1]."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    kind = argv[0]
    if kind not in KINDS:
        print(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}", file=sys.stderr)
        return 2
    if kind != "bare":
        from explorer.ui.easy import input_method

        if kind in ("keyboard", "touch") or input_method.wanted("auto", kiosk=False):
            input_method.prepare_environment()
    if kind in ("standard", "easy", "touch"):
        # In the order `explorer` imports them: its start-up module before Qt.
        import explorer.ui.app  # noqa: F401
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    result: dict[str, float] = {}

    def settle() -> None:
        if "settled_at" not in result:
            result["settled_at"] = time.monotonic()
            QTimer.singleShot(0, QApplication.quit)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted_at" not in result:
                result["painted_at"] = time.monotonic()
                if kind in ("bare", "keyboard"):
                    QTimer.singleShot(0, settle)
            return False

    if kind in ("bare", "keyboard"):
        app = QApplication([sys.argv[0]])
        window = QWidget()
        window.resize(1280, 800)
        if kind == "keyboard":
            from PySide6.QtWidgets import QVBoxLayout

            from explorer.core.paths import Paths
            from explorer.ui.easy.keyboard import TouchKeyboard

            QVBoxLayout(window).addWidget(TouchKeyboard(Paths.discover(argv[1]).resources))
    else:
        from explorer.core.paths import Paths
        from explorer.ui.app import open_face

        app, faces, _catalogue = open_face(Paths.discover(argv[1]), "ko", easy=kind in ("easy", "touch"))
        window = faces.first(kind in ("easy", "touch"))
        window.settled.connect(settle)  # type: ignore[attr-defined]
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    if kind in ("easy", "touch"):
        # `explorer` shows easy mode maximized; offscreen, whose screen is 800 x 800, it is shown at
        # the bare window's size instead, so that both paint the same area.
        window.resize(1280, 800)
    window.show()
    QTimer.singleShot(30_000, app.quit)
    app.exec()  # type: ignore[attr-defined]
    if kind not in ("bare", "keyboard"):
        faces.shutdown()  # the search thread
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(result))
    return 0 if "painted_at" in result and "settled_at" in result else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["bare", str(Path("build/services.db"))]))
