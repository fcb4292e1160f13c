"""Start the window: application, fonts, catalogue, controller and view, with errors shown kindly."""

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
from explorer.core.limits import PATH_CHARS, excerpt
from explorer.core.paths import Paths
from explorer.core.settings import Settings, SettingsStore, default_config_folder

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from explorer.core.kiosk import KioskConfig
    from explorer.core.referral import ReferralSheet
    from explorer.ui.controllers.updates import UpdateChecker
    from explorer.ui.easy.window import EasyWindow
    from explorer.ui.views.main_window import MainWindow

APP_NAME = "Seoul Services Explorer"

#: Easy mode's "Print": (service, language) -> the message the screen shows.
Printer = Callable[[dict[str, Any], str], str]


def _has_screen() -> bool:
    if sys.platform != "linux":
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(platform) or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def make_application(paths: Paths, lang: str) -> tuple[object, str]:
    """The QApplication with the bundled font applied; returns it and the font family."""
    from PySide6.QtWidgets import QApplication

    from explorer.ui.fonts import apply_font, load_bundled_fonts
    from explorer.ui.qt_messages import quiet_known_warnings

    quiet_known_warnings()
    set_localizer(Localizer(lang, paths.translations))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Seoul Services Explorer")
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
) -> MainWindow:
    """The standard main window over `catalogue`, with its panels, shortlist and settings.

    `store` keeps the settings (None: remember nothing, as in tests and the kiosk).
    """
    from explorer.ui.controllers.catalogue import CatalogueController
    from explorer.ui.controllers.shortlist import ShortlistModel
    from explorer.ui.views.lazy_panel import LazyPanel
    from explorer.ui.views.main_window import MainWindow

    store = store or SettingsStore(None)
    settings = settings or Settings(language=lang)
    controller = CatalogueController(catalogue, lang)
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
        store,
        settings,
        translations,
        sheet=lambda parent, ids, client, how: referral_sheet(parent, catalogue, ids, client, how),
    )
    controller.setParent(window)
    shortlist.setParent(window)
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
) -> EasyWindow:
    """The easy window over `catalogue`, sharing the standard window's controllers.

    `printer` prints one service's sheet and returns the message to show (None: no printing);
    `on_standard` is the "Standard screen" button's action (None: no such button, as in the kiosk).
    """
    from explorer.ui.controllers.catalogue import CatalogueController
    from explorer.ui.controllers.easy import EasyController
    from explorer.ui.controllers.screening import ScreeningController
    from explorer.ui.easy.speech import Reader
    from explorer.ui.easy.window import EasyWindow

    day = today or date.today()
    search = CatalogueController(catalogue, lang)
    controller = EasyController(search, ScreeningController(catalogue, day))
    window = EasyWindow(
        controller,
        lang,
        paths.translations,
        paths.resources,
        Reader(speech_engine),
        printer=printer,
        on_standard=on_standard,
        today=day,
    )
    search.setParent(window)
    controller.setParent(window)
    return window


def referral_sheet(window: MainWindow, catalogue: Catalogue, ids: list[str], client: str, how: str) -> None:
    """Print the shortlist's referral sheet, or save it as PDF, in the client's language."""
    from explorer.core.referral import build_referral, load_channels
    from explorer.ui.referral import print_sheet, write_pdf

    try:
        services = [catalogue.get_service(sid) for sid in ids]
        sheet = build_referral(services, client, date.today(), load_channels(catalogue))
    except ExplorerError as exc:
        window.show_problem(exc.message)
        return
    if how == "pdf":
        path = window.ask_pdf_path()
        if path is None:
            return
        try:
            write_pdf(sheet, path)
        except OSError as exc:
            window.show_problem(_("The PDF could not be saved: {why}").format(why=exc.strerror or exc))
            return
        window.statusBar().showMessage(_("Saved {path}").format(path=path))
    elif print_sheet(sheet, window):
        window.statusBar().showMessage(_("The referral sheet was sent to the printer."))


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
        print(f"explorer: unexpected error: {message}", file=sys.stderr)
        if QApplication.instance() is not None and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
            QMessageBox.warning(
                None, _(APP_NAME), _("Something went wrong: {message}").format(message=message)
            )

    sys.excepthook = handle


def _open(paths: Paths) -> Catalogue:
    from explorer.core.refresh import ensure_catalogue

    return ensure_catalogue(paths).catalogue


def open_face(paths: Paths, lang: str, easy: bool = False) -> tuple[Any, QWidget, Catalogue]:
    """The application and one face's window, as `explorer` makes them, not yet shown (for the
    start-up benchmark): (application, window, catalogue). Settings are neither read nor saved."""
    app, _family = make_application(paths, lang)
    catalogue = _open(paths)
    if easy:
        return app, make_easy_window(catalogue, lang, paths), catalogue
    return app, make_main_window(catalogue, lang, paths.translations), catalogue


def run_gui(
    paths: Paths,
    lang: str,
    lang_given: bool = True,
    easy: bool = False,
    kiosk: bool = False,
    kiosk_config: Path | None = None,
) -> int:
    """Open the window and run until it closes; a catalogue problem is shown in a message box.

    `easy` opens easy mode (with a switch back to the standard window); `kiosk` opens the locked-down
    kiosk (settings from `kiosk_config`, default kiosk.toml in the settings folder).
    """
    if not _has_screen():
        print(
            "explorer: no screen found (DISPLAY is not set). Run it on a desktop, or try "
            "`explorer --self-test` to render offscreen.",
            file=sys.stderr,
        )
        return 2
    from explorer.ui.easy.input_method import prepare_environment

    if kiosk:
        config_path = kiosk_config or default_config_folder() / _kiosk_file_name()
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            # Nobody sees an offscreen screen: a config that cannot be used is one line and exit 2,
            # read before Qt is started. On a real screen the out-of-service page shows instead.
            try:
                _read_kiosk_config(config_path)
            except KioskUnavailable as exc:
                print(f"explorer: {exc.message}", file=sys.stderr)
                return exc.exit_code
        prepare_environment()  # the touch keyboard is an input method: chosen before QApplication
        prepare_kiosk_environment()
        return _run_kiosk(paths, lang if lang_given else None, config_path)
    prepare_environment()
    from PySide6.QtWidgets import QMessageBox

    store = SettingsStore(default_config_folder())
    settings = store.load()
    if lang_given:
        settings.language = lang
    app, _family = make_application(paths, settings.language)
    install_error_handler()
    try:
        catalogue = _open(paths)
    except ExplorerError as exc:
        QMessageBox.critical(None, _(APP_NAME), exc.message)
        return exc.exit_code
    window = make_main_window(catalogue, settings.language, paths.translations, store, settings)
    windows: dict[str, Any] = {"standard": window}

    def to_easy() -> None:
        if "easy" not in windows:
            windows["easy"] = make_easy_window(
                catalogue, window.lang, paths, printer=_dialog_printer(catalogue), on_standard=to_standard
            )
        easy_window = windows["easy"]
        if easy_window.lang != window.lang:
            easy_window.set_language(window.lang)
        easy_window.setGeometry(window.geometry())
        easy_window.showMaximized()
        window.hide()

    def to_standard() -> None:
        easy_window = windows["easy"]
        if easy_window.lang != window.lang:
            window.set_language(easy_window.lang)
        window.show()
        easy_window.hide()

    window.easyRequested.connect(to_easy)
    window.offer_easy()
    checker = _laptop_updates(paths, settings, window)
    if checker is not None:
        # Once, in the background, after the first paint of whichever face opens first.
        window.settled.connect(checker.check_once)
    if easy:
        to_easy()
        if checker is not None:
            windows["easy"].settled.connect(checker.check_once)
    else:
        window.show()
    code = app.exec()  # type: ignore[attr-defined]
    if "easy" in windows:
        windows["easy"].shutdown()
    catalogue.close()
    return int(code)


def _laptop_updates(paths: Paths, settings: Settings, window: MainWindow) -> UpdateChecker | None:
    """The standard window's check for a newer catalogue, when settings.json names an `update_url`:
    not started yet; a newer catalogue installed is announced in the status bar and used from the
    next start (never swapped under a caseworker's work)."""
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


def _printer(
    catalogue: Catalogue, send: Callable[[ReferralSheet], bool], failed: Callable[[], str]
) -> Printer:
    """Easy mode's "Print": one service's sheet in the person's language, handed to `send`; returns
    the message the screen shows (`failed()` when `send` printed nothing)."""
    from explorer.core.referral import build_referral, load_channels

    def print_one(service: dict[str, Any], lang: str) -> str:
        sheet = build_referral([service], lang, date.today(), load_channels(catalogue), name_line=False)
        return _("Printing. Please take your paper from the printer.") if send(sheet) else failed()

    return print_one


def _dialog_printer(catalogue: Catalogue) -> Printer:
    """On a desk computer: Qt's print dialog."""
    from explorer.ui.referral import print_sheet

    return _printer(catalogue, lambda sheet: print_sheet(sheet, None), lambda: _("Nothing was printed."))


def _kiosk_printer(catalogue: Catalogue, name: str) -> Printer:
    """In the kiosk: only the configured printer, never a dialog."""
    from explorer.ui.referral import print_to_named

    def failed() -> str:
        return _("The printer is not working right now. Please ask the staff, or use the code on the screen.")

    return _printer(catalogue, lambda sheet: print_to_named(sheet, name), failed)


#: How often (ms) a kiosk that could not start tries again.
RETRY_MS = 60_000


def prepare_kiosk_environment() -> None:
    """What the kiosk sets before Qt starts: QML's compiled-file cache off, so that the touch
    keyboard's first use writes nothing to the home folder during a session."""
    os.environ["QML_DISABLE_DISK_CACHE"] = "1"


def _kiosk_file_name() -> str:
    from explorer.core.kiosk import FILE_NAME

    return FILE_NAME


class KioskUnavailable(ExplorerError):
    """The kiosk cannot start now: its config cannot be used (the message says why)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _read_kiosk_config(path: Path) -> KioskConfig:
    """The kiosk's config; KioskUnavailable (exit code 2) with one line when it cannot be used.

    Never a traceback (the kiosk unit would restart it forever): a KioskConfigError, or anything
    unforeseen, becomes the one line.
    """
    from explorer.core.kiosk import load_kiosk_config

    try:
        return load_kiosk_config(path)
    except ExplorerError as exc:
        raise KioskUnavailable(exc.message, exc.exit_code) from None
    except Exception as exc:  # a safety net: load_kiosk_config raises only KioskConfigError
        shown = excerpt(str(path), PATH_CHARS)
        raise KioskUnavailable(
            f"The kiosk configuration {shown} cannot be used: {type(exc).__name__}", 2
        ) from None


class KioskStart:
    """Starts the kiosk, or shows the out-of-service page and tries again every `retry_ms`.

    Each try reads the kiosk config and opens the catalogue; a failure writes its cause in one line
    to standard error (the journal) and keeps (or puts up) the page, which nothing dismisses. When a
    try succeeds, the kiosk's window replaces the page.

    With an `update_url` in kiosk.toml it also looks for a newer catalogue at start and every
    `update_hours` (explorer.ui.controllers.updates, off the GUI thread). One that was installed is
    taken on after the next reset to the first screen, when nobody is there (`swap`): the newest
    catalogue is opened, a new kiosk window is started over it as at start, and the old window and
    catalogue are closed. Never during someone's visit.
    """

    def __init__(
        self,
        paths: Paths,
        lang: str | None,
        config_path: Path,
        retry_ms: int = RETRY_MS,
        give_up: bool = False,
    ) -> None:
        from PySide6.QtCore import QTimer

        from explorer.ui.easy.out_of_service import OutOfService

        self.paths = paths
        self.lang = lang
        self.config_path = config_path
        self.page: OutOfService | None = None
        self.window: EasyWindow | None = None
        self.kiosk: Any = None
        self.catalogue: Catalogue | None = None
        #: True: a failed try only says why (offscreen nobody would see the page; the caller exits).
        self.give_up = give_up
        #: The exit code of the last failed try (2 unless an ExplorerError said otherwise).
        self.exit_code = 2
        self.retry = QTimer()
        self.retry.setInterval(retry_ms)
        self.retry.timeout.connect(self.attempt)
        self.config: KioskConfig | None = None
        #: Looks for newer catalogues when kiosk.toml names an `update_url` (made at the first start).
        self.updates: UpdateChecker | None = None
        #: A newer catalogue was installed: it is taken on at the next reset to the first screen.
        self.swap_pending = False

    def attempt(self) -> bool:
        """One try; True when the kiosk is running."""
        try:
            config = _read_kiosk_config(self.config_path)
            catalogue = _open(self.paths)
        except ExplorerError as exc:
            self.exit_code = exc.exit_code
            self._fail(exc.message)
            return False
        except Exception as exc:  # never a traceback and never the desktop
            self._fail(f"the kiosk could not start: {type(exc).__name__}")
            return False
        try:
            self._start(config, catalogue)
        except Exception as exc:
            catalogue.close()
            self._fail(f"the kiosk could not start: {type(exc).__name__}")
            return False
        return True

    def _fail(self, message: str) -> None:
        from explorer.ui.easy.out_of_service import OutOfService

        if self.give_up:
            print(f"explorer: {message}", file=sys.stderr)
            return
        seconds = self.retry.interval() // 1000
        print(f"explorer: {message}; out of service, trying again in {seconds} s", file=sys.stderr)
        if self.page is None:
            self.page = OutOfService()
        self.page.show_page()
        self.retry.start()

    def _start(self, config: KioskConfig, catalogue: Catalogue) -> None:
        from explorer.core.kiosk import PIN_STATE_FILE
        from explorer.core.settings import default_state_folder
        from explorer.ui.easy.kiosk import Kiosk

        language = self.lang or config.language
        set_localizer(Localizer(language, self.paths.translations))
        printer = _kiosk_printer(catalogue, config.printer) if config.printer else None
        window = make_easy_window(
            catalogue, language, self.paths, speech_engine=config.speech_engine, printer=printer
        )
        kiosk = Kiosk(window, config, pin_state=default_state_folder() / PIN_STATE_FILE)
        if self.kiosk is not None:
            kiosk.guard = self.kiosk.guard  # a new window over a newer catalogue: the same PIN guard
        kiosk.install_error_handler()
        kiosk.wasReset.connect(self._after_reset)
        kiosk.show()
        self.window, self.kiosk, self.catalogue, self.config = window, kiosk, catalogue, config
        self.retry.stop()
        if self.page is not None:
            self.page.dismiss()
            self.page = None
        self._watch_updates(config)

    # --- newer catalogues ----------------------------------------------------------------------------

    def _watch_updates(self, config: KioskConfig) -> None:
        """Check for a newer catalogue now and every `update_hours`, when kiosk.toml asks for it."""
        from explorer.ui.controllers.updates import UpdateChecker, journal, updates_apply, why_not_updated

        if self.updates is not None or config.update_url is None:
            return
        if not updates_apply(self.paths):
            journal(
                _("update_url is not used: {why}").format(why=why_not_updated(self.paths)),
            )
            return
        self.updates = UpdateChecker(
            config.update_url,
            self.paths.resources,
            self.paths.bundled,
            key=Path(config.update_key) if config.update_key else None,
            hours=config.update_hours,
        )
        self.updates.installed.connect(self._update_installed)
        self.updates.start()

    def _update_installed(self, _version: str) -> None:
        """A newer catalogue is installed: it is taken on after the next reset to the first screen
        (the idle reset, when nobody has touched the kiosk for `idle_seconds`), never during a visit."""
        self.swap_pending = True

    def _after_reset(self) -> None:
        from PySide6.QtCore import QTimer

        if self.swap_pending:
            QTimer.singleShot(0, self.swap)  # after the reset's own work, never inside it

    def swap(self) -> bool:
        """Open the newest catalogue and start the kiosk's window again over it, closing the old
        window and catalogue; only when a newer one is pending and the kiosk is idle on its first
        screen. True when the new catalogue is in use."""
        from dataclasses import replace

        from explorer.ui.controllers.updates import journal, newest_catalogue_path

        old_window, old_kiosk, old_catalogue = self.window, self.kiosk, self.catalogue
        if not self.swap_pending or old_kiosk is None or self.config is None:
            return False
        if not old_kiosk.idle_on_first_screen():
            return False  # someone is using it: the next reset tries again
        self.swap_pending = False
        path = newest_catalogue_path(self.paths)
        if old_catalogue is not None and path == old_catalogue.path:
            return False
        try:
            catalogue = _open(replace(self.paths, catalogue=path))
        except ExplorerError as exc:
            journal(
                _("the newer catalogue cannot be opened; the one in use is kept: {why}").format(
                    why=exc.message
                )
            )
            return False
        try:
            self._start(self.config, catalogue)
        except Exception as exc:
            catalogue.close()
            self.window, self.kiosk, self.catalogue = old_window, old_kiosk, old_catalogue
            journal(
                _(
                    "the kiosk could not start over the newer catalogue; the one in use is kept: {kind}"
                ).format(kind=type(exc).__name__)
            )
            return False
        old_kiosk.retire()
        if old_window is not None:
            old_window.shutdown()
            old_window.close()
            old_window.deleteLater()
        if old_catalogue is not None:
            old_catalogue.close()
        journal(_("now using the catalogue {path}").format(path=excerpt(str(path), PATH_CHARS)))
        return True

    def close(self) -> None:
        """At the end of the program: stop the retries, the window's threads, close the catalogue."""
        self.retry.stop()
        if self.updates is not None:
            self.updates.stop()
        if self.window is not None:
            self.window.shutdown()
        if self.catalogue is not None:
            self.catalogue.close()


def _run_kiosk(paths: Paths, lang: str | None, config_path: Path) -> int:
    """The kiosk: easy mode, full screen, locked; nothing about the person is written to disk. When it
    cannot start, the out-of-service page shows and the start is tried again every minute."""
    from PySide6.QtWidgets import QApplication

    app, _family = make_application(paths, lang or "ko")
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    offscreen = os.environ.get("QT_QPA_PLATFORM") == "offscreen"
    start = KioskStart(paths, lang, config_path, give_up=offscreen)
    if not start.attempt() and offscreen:
        # Nobody would ever see the page: end with the cause's exit code instead of retrying forever.
        start.close()
        return start.exit_code
    code = app.exec()
    start.close()
    return int(code)


def self_test(paths: Paths, lang: str, screenshot: Path | None = None, easy: bool = False) -> int:
    """Open the catalogue, render the window offscreen, check the font and the picture; 0 if all is well.

    Also checks what the packaged program must carry: text-to-speech (Qt's mock engine can be made; on
    Linux the speech-dispatcher backend loads) and printing (a referral sheet becomes a PDF; on Linux
    the CUPS backend loads), one line each. With `easy`, the easy window is rendered instead, and its
    touch keyboard must load (its QML, the Korean and English layouts) and type Hangul.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFontInfo

    from explorer.ui.easy.input_method import prepare_environment

    prepare_environment()

    try:
        app, family = make_application(paths, lang)
        catalogue = _open(paths)
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
    backend = "speechd backend loads" if speechd is None else f"speechd backend: {speechd}"
    made = "mock made" if mock_made else "mock NOT made"
    found = ", ".join(engines) or "none"
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
