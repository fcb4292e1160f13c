"""Looking for a newer catalogue in the background: a kiosk every few hours, a laptop once at start.

`UpdateChecker` runs the core's `bundles.update` (fetch, check the signature and the file, install
it among the installed catalogues) on a thread of its own, never on the GUI thread, and reports on
the GUI thread: `installed(version)` when a newer catalogue was installed. The program keeps the
catalogue it opened until it chooses to change: the kiosk on its idle first screen, a laptop at its
next start. Being offline is normal: a failed check changes nothing and writes one line to standard
error (the journal), once for each kind of failure until a check gets an answer again.

Only a program that uses installed updates looks for them (`updates_apply`): a source checkout
builds its catalogue from db/, and a catalogue named with --catalogue or $EXPLORER_CATALOGUE is
opened as it is.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.paths import CATALOGUE_ENV, Paths

#: The longest wait between two checks Qt's timer can hold is about 24 days; hours are far less.
MS_PER_HOUR = 3_600_000


def updates_apply(paths: Paths) -> bool:
    """Whether this program opens installed updates (the packaged program's own catalogue)."""
    return paths.managed and not os.environ.get(CATALOGUE_ENV) and not paths.has_sources


def why_not_updated(paths: Paths) -> str:
    """Why a program that does not use updates does not (one clause, in the interface language)."""
    if not paths.managed:
        return _("the catalogue was given with --catalogue and is opened as it is")
    if os.environ.get(CATALOGUE_ENV):
        return _("the catalogue is named by {env}").format(env=CATALOGUE_ENV)
    return _("the catalogue is built from the sources in db/")


def newest_catalogue_path(paths: Paths, store_folder: Path | None = None) -> Path:
    """The catalogue this program would open now: the newest valid installed update or its own."""
    from explorer.core.bundle_store import default_store_folder, newest_catalogue

    if not updates_apply(paths) or paths.bundled is None:
        return paths.catalogue
    return newest_catalogue(store_folder or default_store_folder(), paths.bundled).path


def journal(line: str) -> None:
    """One line on standard error: the journal of a kiosk run by systemd."""
    with contextlib.suppress(OSError, ValueError):  # no standard error: nothing else to do
        print(f"explorer: {line}", file=sys.stderr, flush=True)


class _Relay(QObject):
    """Carries the worker's answer to the GUI thread (a queued signal)."""

    #: ("installed" | "current" | "failed", the version or the one-line reason)
    done = Signal(str, str)


class UpdateChecker(QObject):
    """Checks `source` (an http(s) address or a folder) for a newer signed catalogue.

    `resources` holds the keys the program carries (`key` names another public key file); `bundled`
    is the program's own catalogue; `store_folder` where updates are installed (default: the user's
    data folder). With `hours`, `start` checks now and then every `hours`; without, once.
    """

    #: A newer catalogue was installed (its version); the program decides when to use it.
    installed = Signal(str)
    #: A check ended: True when it got an answer (installed or already up to date), False when not.
    checked = Signal(bool)

    def __init__(
        self,
        source: str,
        resources: Path,
        bundled: Path | None,
        store_folder: Path | None = None,
        key: Path | None = None,
        hours: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.resources = resources
        self.bundled = bundled
        self.store_folder = store_folder
        self.key = key
        self.hours = hours
        #: The reasons of the failures written to the journal since the last answer.
        self.logged: set[str] = set()
        #: The version installed by the last check that installed one.
        self.latest: str | None = None
        #: Checks started so far.
        self.checks = 0
        self._thread: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self.timer = QTimer(self)
        if hours is not None:
            self.timer.setInterval(max(1, round(hours * MS_PER_HOUR)))
        self.timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        """True while a check is under way."""
        return self._thread is not None

    def start(self) -> None:
        """Check now and, with `hours`, every `hours` from now on."""
        self.check()
        if self.hours is not None:
            self.timer.start()

    def check_once(self) -> None:
        """Check, unless a check was started before (a laptop checks once, after the first paint)."""
        if self.checks == 0:
            self.check()

    def stop(self) -> None:
        """No more checks (one under way finishes on its own and changes only the installed files)."""
        self.timer.stop()

    def check(self) -> bool:
        """Start a check on a thread of its own; False when one is still under way."""
        if self._thread is not None:
            return False
        self.checks += 1
        relay = self._relay
        self._thread = threading.Thread(
            target=self._work, args=(relay,), name="catalogue-update", daemon=True
        )
        self._thread.start()
        return True

    def _work(self, relay: _Relay) -> None:
        """On the worker thread: the whole update, answered through `relay`. Never raises."""
        kind, text = "failed", ""
        try:
            from explorer.core.bundle_store import Store, default_store_folder
            from explorer.core.bundles import trusted_keys, update

            keys = trusted_keys(self.resources, self.key)
            store = Store(self.store_folder or default_store_folder())
            result = update(self.source, store, self.bundled, keys)
            kind = "installed" if result.installed else "current"
            text = result.offered.version
        except ExplorerError as exc:
            text = exc.message
        except Exception as exc:  # a bug or the unforeseen: one line, never a traceback
            text = _("unexpected {kind}").format(kind=type(exc).__name__)
        with contextlib.suppress(RuntimeError):  # the checker was deleted meanwhile (the end)
            relay.done.emit(kind, text)

    @Slot(str, str)
    def _done(self, kind: str, text: str) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if kind == "failed":
            if text not in self.logged:
                self.logged.add(text)
                journal(_("looking for a newer catalogue: {why}").format(why=text))
            self.checked.emit(False)
            return
        self.logged.clear()  # answered: a failure after this is news again
        if kind == "installed":
            self.latest = text
            journal(_("a newer catalogue was installed: {version}").format(version=text))
            self.installed.emit(text)
        self.checked.emit(True)
