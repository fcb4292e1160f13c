"""Icons: drawn from the bundled icon font, loaded after the window's first paint, never blocking it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from explorer.core.paths import Paths
from explorer.ui import icons


def inked(icon_name: str) -> int:
    image = icons.icon(icon_name).pixmap(QSize(32, 32)).toImage()
    return sum(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32))


def test_every_icon_the_program_names_draws_a_glyph(qapp: QApplication) -> None:
    assert icons.load()
    for meaning in icons.ICONS:
        assert inked(meaning) > 20, meaning
    assert inked("mdi6.printer") > 20


def test_an_unknown_glyph_is_an_empty_icon_not_an_error(qapp: QApplication) -> None:
    assert icons.load()
    assert icons.icon("mdi6.no-such-glyph").isNull()
    assert inked("mdi6.no-such-glyph") == 0


def test_the_window_paints_before_the_icon_font_loads_and_shows_icons_after(paths: Paths) -> None:
    """At the first paint neither the icon font nor qtawesome's Python side (qtpy) has been loaded;
    once the window has settled, its buttons show their glyphs."""
    code = textwrap.dedent(
        f"""
        import json, sys
        from PySide6.QtCore import QEvent, QObject, QSize, QTimer
        from explorer.core.paths import Paths
        from explorer.ui import icons
        from explorer.ui.app import open_face

        app, window, catalogue = open_face(Paths.discover({str(paths.catalogue)!r}), "ko")
        seen = {{}}

        class FirstPaint(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and "paint" not in seen:
                    seen["paint"] = [icons.loaded(), "qtpy" in sys.modules, "qtawesome" in sys.modules]
                return False

        def settled():
            image = window.zoom_in.icon().pixmap(QSize(32, 32)).toImage()
            ink = sum(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32))
            seen["settled"] = [icons.loaded(), ink]
            app.quit()

        watcher = FirstPaint()
        window.installEventFilter(watcher)
        window.settled.connect(settled)
        window.show()
        QTimer.singleShot(20000, app.quit)
        app.exec()
        print(json.dumps(seen))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-800:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["paint"] == [False, False, False]
    loaded, ink = seen["settled"]
    assert loaded and ink > 20
