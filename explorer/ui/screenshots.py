"""Render every screen of the standard window and of easy mode to PNG, in Korean and English.

    QT_QPA_PLATFORM=offscreen python -m explorer.ui.screenshots docs/screenshots

The pictures let anyone see the program without running it, and let a reviewer check each screen.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from explorer.core.catalog import open_catalogue
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore

SIZE = (1600, 1000)
#: A woman of 72 living alone on 1,200,000 won a month, as a caseworker would fill in the form.
PROFILE = {
    "year": 2026,
    "age": 72,
    "gender": "female",
    "seoul_resident": True,
    "lives_alone": True,
    "monthly_household_income_krw": 1200000,
    "household_assets_krw": 150000000,
    "disability": False,
    "pregnant": False,
    "needs_care": False,
    "employment": "retired",
    "basic_livelihood_recipient": False,
    "homeless": False,
    "children_ages": [],
    "business": False,
}


def _settle(app: object, until: Callable[[], bool] = lambda: True, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        app.processEvents()  # type: ignore[attr-defined]
        if until() or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]


def _finish_animations(app: object, seconds: float = 0.5) -> None:
    """Let Qt's short animations end (a line edit's clear button fading in), so that every run
    renders the same pixels and `make screenshots` leaves the committed pictures unchanged."""
    _settle(app, lambda: False, seconds)


def render_all(paths: Paths, folder: Path) -> list[Path]:
    """Render each screen in both languages into `folder`; return the files written."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QColor, QImage, QPainter

    from explorer.core.i18n import Localizer, set_localizer
    from explorer.core.referral import build_referral, load_channels
    from explorer.core.refresh import ensure_catalogue
    from explorer.ui.app import make_application, make_main_window
    from explorer.ui.referral import sheet_document

    folder.mkdir(parents=True, exist_ok=True)
    ensure_catalogue(paths).catalogue.close()
    app, _family = make_application(paths, "ko")
    app.setCursorFlashTime(0)  # a steady text cursor: the same pixels on every run
    written: list[Path] = []
    with open_catalogue(paths.catalogue) as catalogue:
        # The footer says when the catalogue was built; pictures use the same fixed day as `today`.
        catalogue.meta["built_at"] = "2026-11-21T00:00:00+00:00"
        # The status bar shows the catalogue's version (build time and content digest); every build
        # has its own digest, so the pictures show a fixed, made-up one.
        catalogue.meta["content_digest"] = "sha256:" + "0" * 64
        for lang in ("ko", "en"):
            set_localizer(Localizer(lang, paths.translations))
            window = make_main_window(
                catalogue,
                lang,
                paths.translations,
                SettingsStore(None),
                Settings(language=lang),
                date(2026, 11, 21),
            )
            window.offer_easy()
            window.resize(*SIZE)
            window.show()
            _settle(app, lambda w=window: w.has_settled)  # icons, tabs and details made after the paint

            def shot(name: str, window: object = window, lang: str = lang) -> None:
                _finish_animations(app)
                path = folder / f"{name}-{lang}.png"
                window.grab().save(str(path))  # type: ignore[attr-defined]
                written.append(path)

            for sid in ("dolbom-sos-center", "ansimi", "zero-pay"):
                window.add_to_shortlist(sid)
            window.open_service("dolbom-sos-center")
            _settle(app)
            shot("services")
            window.search.setText("디딤돌소득" if lang == "ko" else "Didimdol")  # its name today
            _settle(app, lambda w=window: not w.controller.pending)
            window.open_service("seoul-safety-income")  # renamed, and its pilot has ended
            _settle(app)
            shot("service-today-ended")
            window.search.clear()
            window.open_service("dolbom-sos-center")
            window.search.setText("병원에 같이 갈 사람" if lang == "ko" else "someone to take me to hospital")
            _settle(app, lambda w=window: not w.controller.pending)
            shot("search")
            window.category.setCurrentIndex(window.category.findData("safety"))
            window.search.setText("ㅇㅅㅇ" if lang == "ko" else "night")
            _settle(app, lambda w=window: not w.controller.pending)
            shot("search-filtered")
            window.search.clear()
            window.category.setCurrentIndex(0)
            _settle(app, lambda w=window: not w.controller.pending)
            window.tabs.setCurrentIndex(1)
            window.programmes.select("action:p03-a1")  # type: ignore[union-attr]
            _settle(app)
            shot("programmes")
            window.tabs.setCurrentIndex(2)
            window.screening.set_profile(PROFILE)  # type: ignore[union-attr]
            window.screening.screen()  # type: ignore[union-attr]
            _settle(app, lambda w=window: not w.screening.controller.pending)  # type: ignore[union-attr]
            shot("screening")
            window.tabs.setCurrentIndex(0)
            window.set_zoom(2.0, save=False)
            _settle(app)
            shot("zoom-200")
            window.close()

            sheet = build_referral(
                [catalogue.get_service(s) for s in ("dolbom-sos-center", "ansimi")],
                lang,
                date(2026, 11, 21),
                load_channels(catalogue),
            )
            document = sheet_document(sheet)
            document.setPageSize(QSizeF(794, 1123))  # A4 at 96 dpi
            image = QImage(794, 1123, QImage.Format.Format_RGB32)
            image.fill(QColor("#ffffff"))
            painter = QPainter(image)
            document.drawContents(painter)
            painter.end()
            path = folder / f"referral-sheet-{lang}.png"
            image.save(str(path))
            written.append(path)
        written += render_easy(paths, folder, catalogue, app)
    return written


EASY_SIZE = (1920, 1080)


def render_easy(paths: Paths, folder: Path, catalogue: object, app: object) -> list[Path]:
    """Every easy-mode and kiosk screen at 1920 x 1080, in both languages."""
    from PySide6.QtWidgets import QApplication

    from explorer.core.kiosk import KioskConfig
    from explorer.ui.app import make_easy_window
    from explorer.ui.easy.kiosk import Kiosk

    written: list[Path] = []
    for lang in ("ko", "en"):
        window = make_easy_window(
            catalogue,  # type: ignore[arg-type]
            lang,
            paths,
            speech_engine="mock",
            printer=lambda service, lang: "",
            on_standard=lambda: None,
            today=date(2026, 11, 21),
        )
        window.resize(*EASY_SIZE)
        window.show()
        window.set_language(lang)
        _settle(app)

        def shot(name: str, window: object = window, lang: str = lang) -> None:
            _settle(app)
            path = folder / f"easy-{name}-{lang}.png"
            window.grab().save(str(path))  # type: ignore[attr-defined]
            written.append(path)

        shot("home")
        window.go("topic", "safety")
        shot("topic")
        window.go("list", ("safety",), 0, window.controller.category_labels["safety"][lang])
        shot("list")
        window.go("service", "ansimi")
        shot("service")
        window.go("service", "seoul-safety-income")
        shot("service-ended")
        window.pages["service"].show_part("eligibility")  # type: ignore[attr-defined]
        shot("service-who")
        window.go("take", "ansimi")
        shot("take-with-me")
        window.go("ask", ("safe-women-housing",))
        shot("question-choice")
        window.pages["question"].answered.emit("gender", "female")  # type: ignore[attr-defined]
        shot("result-one")
        window.go("ask", ("boram-jobs", "50-plus-internship", "50-plus-campus"))
        for digit in "72":
            window.pages["question"].pad.press(digit)  # type: ignore[attr-defined]
        shot("question-number")
        window.pages["question"].pad.ok.click()  # type: ignore[attr-defined]
        while window.route[0] == "question":
            window.pages["question"].answered.emit(window.pages["question"].question.key, None)  # type: ignore[attr-defined]
        shot("results")
        # "What can I get?" on the care tile, answered as the woman of 72 living alone would.
        window.go_home()
        care = window.controller.topic("care-health")
        window.go("ask", tuple(window.controller.services_for(list(care.categories))))
        while window.route[0] == "question":
            key = window.pages["question"].question.key  # type: ignore[attr-defined]
            window.pages["question"].answered.emit(key, PROFILE.get(key))  # type: ignore[attr-defined]
        shot("results-woman-72")
        window.go("search")
        window.pages["search"].box.setText("돌봄" if lang == "ko" else "care")  # type: ignore[attr-defined]
        suggestions = window.pages["search"].SUGGESTIONS[lang]  # type: ignore[attr-defined]
        _settle(app, lambda w=window, s=suggestions: [b.text() for b in w.page.choices()] not in ([], s))
        # The touch keyboard shows its language on the space bar for a few seconds, then fades it.
        _finish_animations(app, 4.0)
        shot("search")
        window.go("help")
        shot("help")
        window.go_home()
        window.read_aloud()  # Qt's mock engine has English voices only: Korean shows the message
        shot("read-aloud")
        window.reader.stop()
        window.go_home()
        kiosk = Kiosk(window, KioskConfig(language=lang))
        kiosk.warn()
        shot("kiosk-idle-warning")
        kiosk.extend()
        kiosk.open_staff()
        for digit in "12":
            kiosk.pad.press(digit)
        shot("kiosk-staff-pin")
        kiosk.close_staff()
        instance = QApplication.instance()
        if instance is not None:
            instance.removeEventFilter(kiosk)
            instance.setQuitOnLastWindowClosed(True)  # type: ignore[attr-defined]
        kiosk.leaving = True
        window.shutdown()
        window.close()
    return written


def main() -> int:
    """Entry point: `python -m explorer.ui.screenshots [FOLDER]`."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.ui.easy.input_method import prepare_environment

    prepare_environment()
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in render_all(Paths.discover(), folder):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
