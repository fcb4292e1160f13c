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

        app, faces, catalogue = open_face(Paths.discover({str(paths.catalogue)!r}), "ko")
        window = faces.first(easy=False)
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
        faces.shutdown()
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


def test_easy_modes_buttons_show_their_glyphs_once_the_font_has_loaded(paths: Paths) -> None:
    """Easy mode's buttons are made before the icon font loads (it waits for the first paint); what
    they show on screen afterwards must be the glyph, not an empty picture made before the font was
    there. Checked in a new process, where the font has not been loaded by an earlier test."""
    code = textwrap.dedent(
        f"""
        import json
        from PySide6.QtCore import QTimer
        from explorer.core.paths import Paths
        from explorer.ui import icons
        from explorer.ui.app import open_face

        app, faces, catalogue = open_face(Paths.discover({str(paths.catalogue)!r}), "ko", easy=True)
        window = faces.first(easy=True)
        seen = {{}}

        def look():
            tile = window.page.choices()[0]
            image = tile._icon.grab().toImage()
            corner = image.pixelColor(0, 0)
            ink = sum(
                image.pixelColor(x, y) != corner for x in range(image.width()) for y in range(image.height())
            )
            seen["settled"] = [icons.loaded(), ink, tile.text()]
            app.quit()

        window.settled.connect(lambda: QTimer.singleShot(0, look))
        window.resize(1920, 1080)
        window.show()
        QTimer.singleShot(20000, app.quit)
        app.exec()
        faces.shutdown()
        print(json.dumps(seen, ensure_ascii=False))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-800:]
    loaded, ink, tile = json.loads(done.stdout.strip().splitlines()[-1])["settled"]
    assert loaded and tile and ink > 200, (ink, tile)
