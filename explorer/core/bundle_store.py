"""The catalogues `explorer catalogue update` installed on this machine, and which one to use.

They live in `<data folder>/catalogues/` (platformdirs' user data folder, or $EXPLORER_DATA):
one `<version>.db` per catalogue kept (the one in use and the one before it) and `state.json`,
the pointer: which is current, which is previous, which versions were rolled back.

Nothing in the folder is ever changed in place. A catalogue is downloaded to a temporary file
(`.incoming-*.tmp`) in the same folder, flushed to disk, renamed to its final name; then state.json
is written the same way (temporary file, fsync, `os.replace`, fsync of the folder). A process
killed at any moment leaves either the old state.json or the new one, each naming a whole file;
leftovers (temporary files, catalogues no state names) are ignored when choosing and removed by the
next update. `newest_catalogue` checks what it picks opens, and falls back to the catalogue that
came with the program, so start-up always has a working catalogue.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from explorer.core.bundle_manifest import BundleError, Version, is_version_name, shown, version_of
from explorer.core.catalog import open_catalogue
from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.limits import InputError, parse_json, read_limited

#: Moves the program's data folder (installed catalogues go to its `catalogues` folder).
DATA_ENV = "EXPLORER_DATA"
STORE_FOLDER = "catalogues"
STATE_NAME = "state.json"
LOCK_NAME = ".lock"
TEMP_PREFIX = ".incoming-"
#: The steps of an installation, in order; `checkpoint` is called after each (tests stop there).
STEPS = ("downloaded", "verified", "placed", "state-temp-written", "state-written", "pruned")
_STATE_BYTES = 64_000


def checkpoint(step: str) -> None:
    """Called after each step of STEPS; does nothing (tests replace it to stop a process there)."""


def default_data_folder() -> Path:
    """The user's data folder for this program (platformdirs), or $EXPLORER_DATA when set."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("seoul-services-explorer", appauthor=False)


def default_store_folder() -> Path:
    """Where installed catalogues are kept."""
    return default_data_folder() / STORE_FOLDER


@dataclass(frozen=True)
class Installed:
    """One installed catalogue, as state.json records it."""

    version: str
    built_at: str
    sha256: str
    size: int
    source: str
    installed_at: str

    @property
    def file(self) -> str:
        return f"{self.version}.db"

    @classmethod
    def from_dict(cls, raw: Any) -> Installed | None:
        if not isinstance(raw, dict):
            return None
        try:
            entry = cls(**{name: raw[name] for name in cls.__dataclass_fields__})
        except (KeyError, TypeError):
            return None
        texts = (entry.version, entry.built_at, entry.sha256, entry.source, entry.installed_at)
        if not all(isinstance(value, str) for value in texts) or not is_version_name(entry.version):
            return None
        if not isinstance(entry.size, int) or isinstance(entry.size, bool):
            return None
        return entry


@dataclass
class State:
    """Which installed catalogue is current, which came before it (None: the program's own)."""

    current: Installed | None = None
    previous: Installed | None = None
    rolled_back: list[str] = field(default_factory=list)
    #: True when state.json was there but could not be read (then nothing installed is used).
    damaged: bool = False

    def to_bytes(self) -> bytes:
        data = {
            "format": 1,
            "current": asdict(self.current) if self.current else None,
            "previous": asdict(self.previous) if self.previous else None,
            "rolled_back": self.rolled_back[-20:],
        }
        return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


@dataclass(frozen=True)
class Choice:
    """The catalogue to use: its file, version, and whether it is an installed update."""

    path: Path
    version: Version | None
    installed: Installed | None = None

    @property
    def is_update(self) -> bool:
        return self.installed is not None


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (where the system allows opening a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _readable_by_all(fd: int) -> None:
    """Let other accounts read a file (mkstemp makes it private): a catalogue is public, and the
    account that installs updates may not be the one a kiosk runs as."""
    if hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o644)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: a temporary file beside it, flushed to disk, then renamed."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=".tmp")
    try:
        _readable_by_all(fd)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        checkpoint("state-temp-written")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)


def usable_version(path: Path, expected: Installed | None = None) -> Version | None:
    """The version of the catalogue at `path` when it opens as a whole catalogue of this schema
    version (and, for an installed one, has the size and version recorded); None otherwise."""
    try:
        if expected is not None and os.stat(path).st_size != expected.size:
            return None
        with open_catalogue(path) as catalogue:
            version = version_of(catalogue.meta)
    except (ExplorerError, OSError):
        return None
    if version is None or (expected is not None and version.name != expected.version):
        return None
    return version


class Store:
    """The folder of installed catalogues."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def state_path(self) -> Path:
        return self.folder / STATE_NAME

    def path_of(self, entry: Installed) -> Path:
        return self.folder / entry.file

    def read_state(self) -> State:
        """The recorded state; empty when there is none, empty and `damaged` when it cannot be read."""
        if not os.path.lexists(self.state_path):
            return State()
        try:
            raw = parse_json(read_limited(self.state_path, _STATE_BYTES, "the update record").decode())
        except (InputError, UnicodeDecodeError):
            return State(damaged=True)
        if not isinstance(raw, dict):
            return State(damaged=True)
        current = Installed.from_dict(raw.get("current"))
        previous = Installed.from_dict(raw.get("previous"))
        rolled = raw.get("rolled_back")
        rolled_back = [v for v in rolled if isinstance(v, str)] if isinstance(rolled, list) else []
        damaged = (raw.get("current") is not None and current is None) or (
            raw.get("previous") is not None and previous is None
        )
        return State(current, previous, rolled_back, damaged)

    def write_state(self, state: State) -> None:
        """Record `state` atomically."""
        write_atomically(self.state_path, state.to_bytes())
        checkpoint("state-written")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's lock (one update or rollback at a time); BundleError when it is taken.

        The lock is the operating system's (flock / LockFileEx): it goes with a killed process.
        """
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = (self.folder / LOCK_NAME).open("a+b")
        except OSError as exc:
            raise BundleError(
                _("Cannot use the folder {path}: {why}").format(path=shown(self.folder), why=exc.strerror)
            ) from None
        try:
            try:
                _lock(handle)
            except OSError:
                raise BundleError(
                    _("Another update is running in {path}; try again when it has finished").format(
                        path=shown(self.folder)
                    )
                ) from None
            yield
        finally:
            handle.close()

    def new_temp(self) -> tuple[int, Path]:
        """A new temporary file in the folder, open for writing: (descriptor, path)."""
        fd, temp = tempfile.mkstemp(dir=self.folder, prefix=TEMP_PREFIX, suffix=".tmp")
        _readable_by_all(fd)
        return fd, Path(temp)

    def prune(self, state: State | None = None) -> list[Path]:
        """Remove leftovers: temporary files and catalogues the state does not name. Call it locked.

        Files that cannot be removed (in use on some systems) are left for the next time.
        """
        state = state or self.read_state()
        if state.damaged:
            return []  # keep everything until a good record says what is in use
        keep = {entry.file for entry in (state.current, state.previous) if entry}
        removed = []
        with contextlib.suppress(OSError):
            for path in self.folder.iterdir():
                name = path.name
                leftover = name.startswith(TEMP_PREFIX) or (
                    name.endswith(".db") and is_version_name(name[:-3]) and name not in keep
                )
                if leftover:
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed.append(path)
        return removed

    def install(self, temp: Path, entry: Installed, previous: Installed | None) -> None:
        """Put the verified catalogue at `temp` in place and make it current; call it locked.

        `previous` is the installed catalogue in use until now (None: the program's own).
        """
        final = self.path_of(entry)
        os.replace(temp, final)
        fsync_folder(self.folder)
        checkpoint("placed")
        state = self.read_state()
        rolled_back = [version for version in state.rolled_back if version != entry.version]
        if previous is not None and previous.version == entry.version:
            previous = None
        self.write_state(State(entry, previous, rolled_back))
        self.prune()
        checkpoint("pruned")

    def rollback(self) -> tuple[Installed, Installed | None]:
        """Make the previous catalogue current again and forget the current one; call it locked.

        Returns (the one rolled back, the one now current: None for the program's own). BundleError
        when there is nothing to roll back, or the previous catalogue no longer opens.
        """
        state = self.read_state()
        if state.damaged:
            raise BundleError(
                _("The record of installed updates {path} is damaged; nothing was changed").format(
                    path=shown(self.state_path)
                )
            )
        if state.current is None:
            raise BundleError(
                _("No update is installed: the catalogue that came with the program is in use already")
            )
        target = state.previous
        if target is not None and usable_version(self.path_of(target), target) is None:
            raise BundleError(
                _("The previous catalogue {version} is missing or damaged; nothing was changed").format(
                    version=target.version
                )
            )
        rolled_back = [*state.rolled_back, state.current.version]
        self.write_state(State(target, None, rolled_back))
        self.prune()
        return state.current, target


def _lock(handle: Any) -> None:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def newest_catalogue(store_folder: Path, bundled: Path | None) -> Choice:
    """The newest valid catalogue this machine has: the installed update or the program's own.

    An installed catalogue counts only when state.json names it and it opens as a whole catalogue
    of this schema version with the recorded size and version; the current one first, the previous
    one when the current cannot be used. The program's own (`bundled`) wins when it is as new or
    newer (a program updated with a newer catalogue inside). When nothing opens, the answer is
    `bundled` (so the usual message about it follows). Never raises: start-up calls it.
    """
    fallback = Choice(bundled if bundled is not None else store_folder / "missing.db", None)
    try:
        store = Store(store_folder)
        state = store.read_state()
        own = usable_version(bundled) if bundled is not None else None
        installed: Choice | None = None
        for entry in (state.current, state.previous):
            if entry is None:
                continue
            version = usable_version(store.path_of(entry), entry)
            if version is not None:
                installed = Choice(store.path_of(entry), version, entry)
                break
        if installed is not None and installed.version and (own is None or installed.version.newer_than(own)):
            return installed
        if own is not None and bundled is not None:
            return Choice(bundled, own)
        return fallback
    except Exception:  # start-up must go on with the program's own catalogue, whatever happened
        return fallback
