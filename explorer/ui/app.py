"""Start the window: application, fonts, catalogue, controller and view, with errors shown kindly.

The composition root: it makes the windows and passes each its controllers. Printing is in
explorer.ui.controllers.printing, the kiosk's start in explorer.ui.kiosk_start and `explorer
--self-test` in explorer.ui.self_test (their names are importable from here too).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.catalog import Catalogue
from explorer.core.errors import ExplorerError
from explorer.core.i18n import Localizer, _, set_localizer
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore, default_config_folder
from explorer.ui.controllers.printing import Printer, dialog_printer, referral_sheet
from explorer.ui.controllers.printing import kiosk_printer as _kiosk_printer  # noqa: F401 (tests import it)
from explorer.ui.kiosk_start import (
    RETRY_MS,  # noqa: F401 (importable from here)
    KioskStart,  # noqa: F401 (tests import it)
    KioskUnavailable,
    kiosk_file_name,
    prepare_kiosk_environment,
    read_kiosk_config,
    run_kiosk,
)
from explorer.ui.self_test import self_test  # noqa: F401 (the command line imports it)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from explorer.ui.controllers.screening import ScreeningController
    from explorer.ui.controllers.session import Session
    from explorer.ui.controllers.updates import UpdateChecker
    from explorer.ui.easy.window import EasyWindow
    from explorer.ui.faces import Faces
    from explorer.ui.views.main_window import MainWindow

APP_NAME = "Seoul Services Explorer"


def _has_screen() -> bool:
    if sys.platform != "linux":
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(platform) or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def make_application(paths: Paths, lang: str) -> tuple[object, str]:
    """The QApplication with the bundled font applied; returns it and the font family."""
    from PySide6.QtWidgets import QApplication

    from explorer.ui.fonts import apply_font, load_bundled_fonts
    from explorer.ui.garbage import keep_collection_on_gui_thread
    from explorer.ui.qt_messages import quiet_known_warnings

    quiet_known_warnings()
    set_localizer(Localizer(lang, paths.translations))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Seoul Services Explorer")
    keep_collection_on_gui_thread(app)  # no worker thread may destroy the GUI's objects
    family = load_bundled_fonts(paths.resources)
    apply_font(app, family)
    return app, family


def make_main_window(
    catalogue: Catalogue,
    lang: str,
    translations: Path,
    store: SettingsStore | None = None,
    settings: Settings | None = None,
    today: date | None = None,
    session: Session | None = None,
) -> MainWindow:
    """The standard main window over `catalogue`, with its panels, shortlist and settings.

    `session` is the one both faces share (explorer.ui.faces); None: the window makes one
    (`window.session`: give it to `make_easy_window`), and its controller owns the search thread.
    `store` keeps the settings (None: remember nothing, as in tests and the kiosk).
    """
    from explorer.ui.controllers.catalogue import CatalogueController
    from explorer.ui.controllers.session import make_session
    from explorer.ui.controllers.shortlist import ShortlistModel
    from explorer.ui.views.lazy_panel import LazyPanel
    from explorer.ui.views.main_window import MainWindow

    owns_session = session is None
    if session is None:
        controller = CatalogueController(catalogue, lang)  # it owns the search thread: stopped on close
        store = store or SettingsStore(None)
        settings = settings or Settings(language=lang)
        session = make_session(catalogue, lang, translations, store, settings, controller.search_service)
    else:
        lang = session.language.lang  # the language now (easy mode may have switched it)
        controller = CatalogueController(catalogue, lang, search=session.search)
    shortlist = ShortlistModel(controller.names, lang)
    day = today or date.today()

    def make_programmes(lang: str) -> QWidget:
        from explorer.ui.controllers.programmes import ProgrammeController
        from explorer.ui.views.programmes import ProgrammeView

        return ProgrammeView(ProgrammeController(catalogue), lang)

    def make_screening(lang: str) -> QWidget:
        from explorer.ui.controllers.screening import ScreeningController
        from explorer.ui.views.screening import ScreeningView

        return ScreeningView(ScreeningController(catalogue, day), lang)

    # Made after the first paint (or when first opened): neither is on the first screen.
    programmes = LazyPanel(make_programmes, lang)
    screening = LazyPanel(make_screening, lang)
    window = MainWindow(
        controller,
        shortlist,
        programmes,
        screening,
        session,
        sheet=lambda parent, ids, client, how: referral_sheet(parent, catalogue, ids, client, how),
    )
    controller.setParent(window)
    shortlist.setParent(window)
    if owns_session:
        session.preferences.setParent(window)
        session.language.setParent(window)
    return window


def make_easy_window(
    catalogue: Catalogue,
    lang: str,
    paths: Paths,
    *,
    speech_engine: str | None = None,
    printer: Printer | None = None,
    on_standard: Callable[[], None] | None = None,
    today: date | None = None,
    session: Session | None = None,
) -> EasyWindow:
    """The easy window over `catalogue`.

    `printer` prints one service's sheet and returns the message to show (None: no printing);
    `on_standard` is the "Standard screen" button's action (None: no such button, as in the kiosk);
    `session` is the caseworker's window's (its language and search thread, shared; None: a language
    and a search thread of its own, as in the kiosk). Its query and filters are its own either way.
    """
    from explorer.ui.controllers.catalogue import CatalogueController
    from explorer.ui.controllers.easy import EasyController
    from explorer.ui.controllers.language import LanguageController
    from explorer.ui.easy.speech import Reader
    from explorer.ui.easy.window import EasyWindow

    day = today or date.today()
    language = session.language if session else LanguageController(lang, paths.translations)
    finder = CatalogueController(catalogue, language.lang, search=session.search if session else None)

    def screening() -> ScreeningController:  # made after the first paint (the rules' engine with it)
        from explorer.ui.controllers.screening import ScreeningController

        return ScreeningController(catalogue, day)

    controller = EasyController(finder, screening)
    window = EasyWindow(
        controller,
        language,
        paths.resources,
        Reader(speech_engine),
        printer=printer,
        on_standard=on_standard,
        today=day,
    )
    finder.setParent(window)
    controller.setParent(window)
    if language.parent() is None:
        language.setParent(window)
    return window


def install_error_handler() -> None:
    """Show an unexpected error in a message box and keep running, instead of a traceback.

    With EXPLORER_DEBUG=1 the traceback is also printed, for developers.
    """
    import traceback

    from PySide6.QtWidgets import QApplication, QMessageBox

    def handle(kind: type[BaseException], value: BaseException, tb: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if os.environ.get("EXPLORER_DEBUG"):
            traceback.print_exception(kind, value, tb)  # type: ignore[arg-type]
        message = value.message if isinstance(value, ExplorerError) else f"{kind.__name__}: {value}"
        print(_("explorer: unexpected error: {problem}").format(problem=message), file=sys.stderr)
        if QApplication.instance() is not None and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            QMessageBox.warning(
                None, _(APP_NAME), _("Something went wrong: {message}").format(message=message)
            )

    sys.excepthook = handle


def open_catalogue(paths: Paths) -> Catalogue:
    """The catalogue the program uses, built or installed first when needed."""
    from explorer.core.refresh import ensure_catalogue

    return ensure_catalogue(paths).catalogue


#: What each face needs loaded before its window can be made (most of the main thread's work before
#: the window, after Qt itself), loaded while the catalogue is opened on a thread of its own.
FACE_MODULES = {
    False: (
        "explorer.ui.faces",
        "explorer.ui.controllers.session",
        "explorer.ui.controllers.shortlist",
        "explorer.ui.views.lazy_panel",
        "explorer.ui.views.main_window",
    ),
    True: (
        "explorer.ui.faces",
        "explorer.ui.controllers.session",
        "explorer.ui.controllers.easy",
        "explorer.ui.easy.speech",
        "explorer.ui.easy.window",
    ),
}


def open_catalogue_while_loading(paths: Paths, easy: bool) -> Catalogue:
    """`open_catalogue`, with the first face's modules loaded meanwhile (`FACE_MODULES`): SQLite's
    check of the catalogue runs on a thread of its own (explorer.core.refresh.Opening) while this
    one imports. Call it after `make_application`, which sets the language its errors are worded in."""
    import importlib

    from explorer.core.refresh import Opening

    opening = Opening(paths)
    for name in FACE_MODULES[easy]:
        importlib.import_module(name)
    return opening.result().catalogue


def make_faces(
    catalogue: Catalogue, paths: Paths, store: SettingsStore, settings: Settings, lang: str
) -> Faces:
    """Both faces of a run over one session, each made when first shown (explorer.ui.faces)."""
    from explorer.ui.controllers.session import make_session
    from explorer.ui.faces import Faces

    session = make_session(catalogue, lang, paths.translations, store, settings)

    def standard(session: Session) -> MainWindow:
        return make_main_window(catalogue, session.language.lang, paths.translations, session=session)

    def easy(session: Session, on_standard: Callable[[], None]) -> EasyWindow:
        return make_easy_window(
            catalogue,
            session.language.lang,
            paths,
            printer=dialog_printer(catalogue),
            on_standard=on_standard,
            session=session,  # one language (each face follows it) and one search thread
        )

    return Faces(session, standard, easy)


def open_face(paths: Paths, lang: str, easy: bool = False) -> tuple[Any, Faces, Catalogue]:
    """The application and the faces as `explorer` makes them, the first face made but not shown (for
    the start-up benchmark: `faces.show(faces.first(easy))`): (application, faces, catalogue).
    Settings are neither read nor saved."""
    app, _family = make_application(paths, lang)
    catalogue = open_catalogue_while_loading(paths, easy)
    faces = make_faces(catalogue, paths, SettingsStore(None), Settings(language=lang), lang)
    faces.first(easy)
    return app, faces, catalogue


def run_gui(
    paths: Paths,
    lang: str,
    lang_given: bool = True,
    easy: bool = False,
    kiosk: bool = False,
    kiosk_config: Path | None = None,
    touch_keyboard: str = "auto",
) -> int:
    """Open the window and run until it closes; a catalogue problem is shown in a message box.

    `easy` opens easy mode (with a switch back to the standard window); `kiosk` opens the locked-down
    kiosk (settings from `kiosk_config`, default kiosk.toml in the settings folder). `touch_keyboard`
    ("auto", "on", "off") says whether easy mode types through the touch keyboard; a kiosk always does.
    """
    if not _has_screen():
        print(
            "explorer: no screen found (DISPLAY is not set). Run it on a desktop, or try "
            "`explorer --self-test` to render offscreen.",
            file=sys.stderr,
        )
        return 2
    from explorer.ui.easy import input_method

    if kiosk:
        config_path = kiosk_config or default_config_folder() / kiosk_file_name()
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            # Nobody sees an offscreen screen: a config that cannot be used is one line and exit 2,
            # read before Qt is started. On a real screen the out-of-service page shows instead.
            try:
                read_kiosk_config(config_path)
            except KioskUnavailable as exc:
                print(f"explorer: {exc.message}", file=sys.stderr)
                return exc.exit_code
        input_method.prepare_environment()  # an input method: chosen before QApplication
        prepare_kiosk_environment()
        return run_kiosk(paths, lang if lang_given else None, config_path)
    if input_method.wanted(touch_keyboard, kiosk=False):
        input_method.prepare_environment()
    store = SettingsStore(default_config_folder())
    settings = store.load()
    if lang_given:
        settings.language = lang
    app, _family = make_application(paths, settings.language)
    install_error_handler()
    try:
        catalogue = open_catalogue_while_loading(paths, easy)
    except ExplorerError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, _(APP_NAME), exc.message)
        return exc.exit_code
    faces = make_faces(catalogue, paths, store, settings, settings.language)
    window = faces.first(easy)  # the other face is made when someone first switches to it
    checker = _laptop_updates(paths, settings, faces)
    if checker is not None:
        # Once, in the background, after the first paint of the face the program opens with.
        window.settled.connect(checker.check_once)  # type: ignore[attr-defined]
    faces.show(window)
    code = app.exec()  # type: ignore[attr-defined]
    faces.shutdown()
    catalogue.close()
    return int(code)


def _laptop_updates(paths: Paths, settings: Settings, window: MainWindow | Faces) -> UpdateChecker | None:
    """The check for a newer catalogue, when settings.json names an `update_url`: not started yet; a
    newer catalogue installed is announced in the caseworker's window's status bar (`window`, or the
    faces' one when it is made) and used from the next start (never swapped under a caseworker's
    work)."""
    if not settings.update_url:
        return None
    from explorer.ui.controllers.updates import UpdateChecker, journal, updates_apply, why_not_updated

    if not updates_apply(paths):
        journal(_("update_url is not used: {why}").format(why=why_not_updated(paths)))
        return None
    checker = UpdateChecker(
        settings.update_url,
        paths.resources,
        paths.bundled,
        key=Path(settings.update_key) if settings.update_key else None,
        parent=window,
    )
    checker.installed.connect(window.show_update_installed)
    return checker
