"""`explorer --self-test`: the packaged program's check of itself, offscreen.

The window (or easy mode's, with its touch keyboard) is made by the composition root
(explorer.ui.app) and rendered; the font, the icons, text-to-speech and printing each print one line.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from explorer.core.catalog import Catalogue
from explorer.core.errors import ExplorerError
from explorer.core.paths import Paths


def self_test(paths: Paths, lang: str, screenshot: Path | None = None, easy: bool = False) -> int:
    """Open the catalogue, render the window offscreen, check the font and the picture; 0 if all is well.

    Also checks what the packaged program must carry: text-to-speech (Qt's mock engine can be made; on
    Linux the speech-dispatcher backend loads) and printing (a referral sheet becomes a PDF; on Linux
    the CUPS backend loads), one line each. With `easy`, the easy window is rendered instead, and its
    touch keyboard must load (its QML, the Korean and English layouts) and type Hangul; then a second
    easy window is made, as a kiosk does when it takes on a newer catalogue, and its keyboard must too.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontInfo

    from explorer.ui.app import make_application, make_easy_window, make_main_window, open_catalogue
    from explorer.ui.easy.input_method import prepare_environment

    prepare_environment()

    try:
        app, family = make_application(paths, lang)
        catalogue = open_catalogue(paths)
    except (ExplorerError, RuntimeError) as exc:
        print(f"self-test FAILED: {exc}", file=sys.stderr)
        return 2
    problems = []
    if easy:
        window = make_easy_window(catalogue, lang, paths)
        window.resize(1920, 1080)
        window.go("search")
        probe = window.pages["search"].box  # type: ignore[attr-defined]
        if window.keyboard is None:
            problems.append("the touch keyboard (Qt Virtual Keyboard) did not load")
    else:
        window = make_main_window(catalogue, lang, paths.translations)
        window.resize(1280, 800)
        probe = window.list  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    app.processEvents()  # type: ignore[attr-defined]
    image = window.grab().toImage()  # type: ignore[attr-defined]
    used = QFontInfo(probe.font()).family()
    if used != family:
        problems.append(f"the list is drawn in {used!r}, not the bundled {family!r}")
    if image.isNull() or image.width() < 100:
        problems.append("the window rendered no picture")
    else:
        colours = {
            image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)
        }
        if len(colours) < 3:
            problems.append("the rendered window is blank")
    count = window.controller.catalogue.count if easy else window.controller.count  # type: ignore[attr-defined]
    if count == 0:
        problems.append("the catalogue holds no services")
    if screenshot is not None:
        image.save(str(screenshot))
    checks = [_self_test_icons(), _self_test_speech(), _self_test_printing(catalogue, lang)]
    if easy and window.keyboard is not None:  # type: ignore[attr-defined]
        checks.append(_self_test_keyboard(window.keyboard, probe, app))  # type: ignore[attr-defined]
        checks.append(_self_test_second_keyboard(catalogue, lang, paths, app))
    for line, problem in checks:
        print(f"self-test: {line}")
        if problem:
            problems.append(problem)
    if easy:
        window.shutdown()  # type: ignore[attr-defined]
    window.close()  # type: ignore[attr-defined]
    catalogue.close()
    if problems:
        print("self-test FAILED: " + "; ".join(problems), file=sys.stderr)
        return 1
    kind = "easy window, touch keyboard loaded" if easy else "window"
    print(f"self-test OK: {count} services, font {used}, {kind} {image.width()}x{image.height()}")
    return 0


def _self_test_icons() -> tuple[str, str | None]:
    """The icon font loads and a glyph draws: (the line to print, the problem or None)."""
    from PySide6.QtCore import QSize

    from explorer.ui.icons import fonts_folder, icon, load

    if not load():
        return f"icons: the icon font did not load from {fonts_folder()}", "the icon font did not load"
    image = icon("care").pixmap(QSize(32, 32)).toImage()
    inked = sum(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32))
    if not inked:
        return "icons: the font loaded but a glyph drew nothing", "the icons draw nothing"
    return f"icons: font from {fonts_folder()}, a glyph drew {inked} pixels", None


#: What the self-test types on the touch keyboard, and the text the search box must then hold.
SELF_TEST_JAMO = ("ㄷㅗㄹㅂㅗㅁ", "돌봄")


def _qt_plugin_problem(kind: str, stem: str) -> str | None:
    """Why Qt's plugin `kind/lib<stem>.so` cannot load (a library it links is missing...); None if it
    loads. Linux only: elsewhere Qt uses other backends, and None is returned."""
    if not sys.platform.startswith("linux"):
        return None
    from PySide6.QtCore import QLibraryInfo, QPluginLoader

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / kind
    path = folder / f"lib{stem}.so"
    if not path.is_file():
        return f"{path} is missing"
    loader = QPluginLoader(str(path))
    if not loader.load():
        return loader.errorString()
    return None


def _self_test_speech() -> tuple[str, str | None]:
    """Text-to-speech: the engines Qt finds, Qt's mock engine made, the default engine's state and
    voices; on Linux the speech-dispatcher backend must load (a missing voice is no failure)."""
    from PySide6.QtCore import QLocale
    from PySide6.QtTextToSpeech import QTextToSpeech

    engines = list(QTextToSpeech.availableEngines())
    problem = None
    mock = QTextToSpeech("mock")
    mock_made = "mock" in engines and mock.state() != QTextToSpeech.State.Error
    if not mock_made:
        problem = "text-to-speech: Qt's mock engine cannot be made (texttospeech plugins missing?)"
    mock.deleteLater()
    speechd = _qt_plugin_problem("texttospeech", "qtexttospeech_speechd")
    if speechd and problem is None:
        problem = f"text-to-speech: the speech-dispatcher backend does not load: {speechd}"
    from explorer.ui.easy.speech import speechd_stuck

    backend = "speechd backend loads" if speechd is None else f"speechd backend: {speechd}"
    made = "mock made" if mock_made else "mock NOT made"
    found = ", ".join(engines) or "none"
    if speechd_stuck():  # Qt's engine would wait for it for ever: not made (a missing voice is no failure)
        line = f"text-to-speech: engines {found}; {made}; {backend}; speech-dispatcher does not answer"
        return line, problem
    default = QTextToSpeech()
    if default.state() == QTextToSpeech.State.Error:
        state = f"not ready ({default.errorString() or 'no reason given'})"
    else:
        languages = {locale.language() for locale in default.availableLocales()}
        voices = [
            name
            for name, language in (("ko", QLocale.Language.Korean), ("en", QLocale.Language.English))
            if language in languages
        ]
        state = f"ready, voices for {', '.join(voices) or 'neither ko nor en'}"
    engine = default.engine() or "none"
    default.deleteLater()
    line = f"text-to-speech: engines {found}; {made}; {backend}; default {engine}: {state}"
    return line, problem


def _self_test_printing(catalogue: Catalogue, lang: str) -> tuple[str, str | None]:
    """Printing: a one-service referral sheet becomes a PDF with its font embedded; on Linux the CUPS
    print backend loads (no printer needs to be set up)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    from explorer.core.referral import build_referral, load_channels
    from explorer.ui.referral import make_printer, pdf_bytes

    ids = catalogue.service_ids()
    if not ids:
        return "printing: no service to print", "printing: the catalogue holds no services"
    sheet = build_referral([catalogue.get_service(ids[0])], lang, date.today(), load_channels(catalogue))
    data = pdf_bytes(sheet)
    problem = None
    if not data.startswith(b"%PDF-") or b"/FontFile" not in data:
        problem = "printing: the referral sheet did not become a PDF with its font embedded"
    make_printer()
    cups = _qt_plugin_problem("printsupport", "cupsprintersupport")
    if cups and problem is None:
        problem = f"printing: the CUPS print backend does not load: {cups}"
    printers = len(QPrinterInfo.availablePrinterNames())
    backend = "CUPS backend loads" if cups is None else f"CUPS backend: {cups}"
    return f"printing: referral PDF {len(data):,} bytes; {backend}; {printers} printer(s)", problem


def _self_test_second_keyboard(
    catalogue: Catalogue, lang: str, paths: Paths, app: Any
) -> tuple[str, str | None]:
    """The touch keyboard loaded again, in a second easy window (a kiosk's new window over a newer
    catalogue): the second load of its QML finds the modules through the qmldir files that the first
    load's plugins registered (qrc:/qt-project.org/imports), so a module missing from the package that
    the first load did without breaks it."""
    from explorer.ui.app import make_easy_window

    window = make_easy_window(catalogue, lang, paths)
    window.resize(1920, 1080)
    window.go("search")
    window.show()
    app.processEvents()
    keyboard = window.keyboard
    if keyboard is None:
        line = "touch keyboard, loaded again: did not load"
        problem = "the touch keyboard did not load a second time (as in a kiosk after a newer catalogue)"
    else:
        line, problem = _self_test_keyboard(keyboard, window.pages["search"].box, app)  # type: ignore[attr-defined]
        line = line.replace("touch keyboard:", "touch keyboard, loaded again:", 1)
        if problem:
            problem = problem.replace("touch keyboard:", "the touch keyboard loaded again:", 1)
    window.shutdown()
    window.close()
    return line, problem


def _self_test_keyboard(keyboard: Any, box: Any, app: Any) -> tuple[str, str | None]:
    """The touch keyboard: its QML loaded, the Korean and English layouts are there, and pressing
    ㄷㅗㄹㅂㅗㅁ on it types 돌봄 into the search box."""
    from PySide6.QtCore import Q_RETURN_ARG, QMetaObject

    root = keyboard.rootObject()
    layouts = str(QMetaObject.invokeMethod(root, "availableLocales", Q_RETURN_ARG("QVariant")) or "")
    missing = [name for name in ("ko_KR", "en_US") if name not in layouts.split(",")]
    jamo, word = SELF_TEST_JAMO
    box.clear()
    box.setFocus()
    app.processEvents()
    for key in jamo:
        keyboard.press(key)
        app.processEvents()
    typed = box.text()
    box.clear()
    shown = f"layout {keyboard.locale()}, layouts {layouts or 'none'}"
    line = f"touch keyboard: QML loaded, {shown}; typed {typed!r}"
    if missing:
        return line, f"touch keyboard: no {', '.join(missing)} layout"
    if typed != word:
        return line, f"touch keyboard: pressing {jamo} typed {typed!r}, not {word!r}"
    return line, None
