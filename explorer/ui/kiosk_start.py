"""The kiosk's start: its config read, its catalogue opened and its locked easy window shown, or
the out-of-service page and a new try every minute; newer catalogues taken on when nobody is there.

The windows themselves are made by the composition root (explorer.ui.app), imported when used.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.catalog import Catalogue
from explorer.core.errors import ExplorerError
from explorer.core.i18n import Localizer, _, set_localizer
from explorer.core.limits import PATH_CHARS, excerpt
from explorer.core.paths import Paths
from explorer.ui.controllers.printing import kiosk_printer

if TYPE_CHECKING:
    from explorer.core.kiosk import KioskConfig
    from explorer.ui.controllers.updates import UpdateChecker
    from explorer.ui.easy.window import EasyWindow

#: How often (ms) a kiosk that could not start tries again.
RETRY_MS = 60_000


def prepare_kiosk_environment() -> None:
    """What the kiosk sets before Qt starts: QML's compiled-file cache off, so that the touch
    keyboard's first use writes nothing to the home folder during a session."""
    os.environ["QML_DISABLE_DISK_CACHE"] = "1"


def kiosk_file_name() -> str:
    from explorer.core.kiosk import FILE_NAME

    return FILE_NAME


class KioskUnavailable(ExplorerError):
    """The kiosk cannot start now: its config cannot be used (the message says why)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def read_kiosk_config(path: Path) -> KioskConfig:
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
            _("The kiosk configuration {path} cannot be used: {problems}").format(
                path=shown, problems=type(exc).__name__
            ),
            2,
        ) from None


class KioskStart:
    """Starts the kiosk, or shows the out-of-service page and tries again every `retry_ms`.

    Each try reads the kiosk config and opens the catalogue; a failure writes its cause in one line
    to standard error (the journal) and keeps (or puts up) the page, which nothing dismisses. When a
    try succeeds, the kiosk's window replaces the page.

    With an `update_url` in kiosk.toml it also looks for a newer catalogue at start and every
    `update_hours` (every `update_ms` when given, as tests do), off the GUI thread
    (explorer.ui.controllers.updates). One that was installed is taken on after the next reset to the
    first screen, when nobody is there (`swap`): the newest catalogue is opened, a new kiosk window is
    started over it as at start, and the old window and catalogue are closed. Never during someone's
    visit.
    """

    def __init__(
        self,
        paths: Paths,
        lang: str | None,
        config_path: Path,
        retry_ms: int = RETRY_MS,
        give_up: bool = False,
        update_ms: int | None = None,
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
        #: Milliseconds between two checks for a newer catalogue; None: kiosk.toml's update_hours.
        self.update_ms = update_ms

    def attempt(self) -> bool:
        """One try; True when the kiosk is running."""
        from explorer.ui.app import open_catalogue

        try:
            config = read_kiosk_config(self.config_path)
            catalogue = open_catalogue(self.paths)
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
        waiting = _("{problem}; out of service, trying again in {seconds} s")
        print("explorer: " + waiting.format(problem=message, seconds=seconds), file=sys.stderr)
        if self.page is None:
            self.page = OutOfService()
        self.page.show_page()
        self.retry.start()

    def _start(self, config: KioskConfig, catalogue: Catalogue) -> None:
        from explorer.core.kiosk_pin import PIN_STATE_FILE
        from explorer.core.settings import default_state_folder
        from explorer.ui.app import make_easy_window
        from explorer.ui.easy.kiosk import Kiosk

        language = self.lang or config.language
        set_localizer(Localizer(language, self.paths.translations))
        printer = kiosk_printer(catalogue, config.printer) if config.printer else None
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
        from explorer.ui.controllers.updates import (
            MS_PER_HOUR,
            UpdateChecker,
            journal,
            updates_apply,
            why_not_updated,
        )

        if self.updates is not None or config.update_url is None:
            return
        if not updates_apply(self.paths):
            journal(
                _("update_url is not used: {why}").format(why=why_not_updated(self.paths)),
            )
            return
        hours = config.update_hours if self.update_ms is None else self.update_ms / MS_PER_HOUR
        self.updates = UpdateChecker(
            config.update_url,
            self.paths.resources,
            self.paths.bundled,
            key=Path(config.update_key) if config.update_key else None,
            hours=hours,
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

        from explorer.ui.app import open_catalogue
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
            catalogue = open_catalogue(replace(self.paths, catalogue=path))
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


def run_kiosk(paths: Paths, lang: str | None, config_path: Path) -> int:
    """The kiosk: easy mode, full screen, locked; nothing about the person is written to disk. When it
    cannot start, the out-of-service page shows and the start is tried again every minute."""
    from PySide6.QtWidgets import QApplication

    from explorer.ui.app import make_application

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
