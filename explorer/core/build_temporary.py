"""The temporary file a build writes, and the leftovers of killed builds.

The temporary catalogue (`.services-*.tmp`, beside the target) is removed on every failure path.
While a build writes it, it holds an exclusive `flock` on it; a build removes the leftovers of
killed builds (and their SQLite journals) whose lock it can take, never the file of a build still
running. A new temporary file has mode 0644 less the umask, like any file SQLite makes.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from explorer.core.build_target import cannot_write
from explorer.core.errors import CatalogueError
from explorer.core.i18n import _

#: Temporary catalogues are named TEMP_PREFIX + random + TEMP_SUFFIX, beside the target.
TEMP_PREFIX = ".services-"
TEMP_SUFFIX = ".tmp"
#: What SQLite may leave beside a database: its rollback journal, write-ahead log and shared memory.
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")
#: The mode of a new catalogue before the umask (what SQLite gives the files it creates).
CATALOGUE_MODE = 0o644


@contextlib.contextmanager
def temporary(folder: Path) -> Iterator[Path]:
    """A new, empty temporary catalogue file in `folder`, locked (flock) for as long as it is used,
    and removed with its SQLite journals however the block ends."""
    fd, path = _create_locked(folder)
    try:
        yield path
    finally:
        try:
            with contextlib.suppress(OSError):
                _remove_with_sidecars(path)
        finally:
            os.close(fd)


def _create_locked(folder: Path) -> tuple[int, Path]:
    """Create a new temporary file in `folder` (mode 0644 less the umask) and take its lock."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _attempt in range(100):
        path = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            fd = os.open(path, flags, CATALOGUE_MODE)
        except FileExistsError:
            continue
        except OSError as exc:
            raise CatalogueError(cannot_write(folder, exc, folder=True)) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(path, fd):
                return fd, path
        except OSError:
            pass
        # Another build took it for a leftover between its creation and its lock: make another.
        os.close(fd)
    raise CatalogueError(_("Cannot make a temporary file in {path}").format(path=folder))


def _same_file(path: Path, fd: int) -> bool:
    """Whether `path` still names the file open as `fd`."""
    try:
        named = os.lstat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _remove_with_sidecars(path: Path) -> None:
    for name in (path.name, *(path.name + suffix for suffix in SQLITE_SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path.parent / name)


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove temporary catalogues of killed builds in `folder`; return what was removed.

    A temporary file is removed (with its SQLite journals) only if its lock can be taken, that is,
    no build is still writing it; a journal is removed only once its database is gone. Anything
    that is not a regular file, or cannot be removed, is left alone.
    """
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    removed: list[Path] = []
    for name in names:
        if (
            name.startswith(TEMP_PREFIX)
            and name.endswith(TEMP_SUFFIX)
            and _remove_if_abandoned(folder / name)
        ):
            removed.append(folder / name)
    for name in names:
        for suffix in SQLITE_SIDECARS:
            if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX + suffix)):
                continue
            path = folder / name
            if os.path.lexists(folder / name[: -len(suffix)]):
                continue
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(path).st_mode):
                    os.unlink(path)
                    removed.append(path)
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a build is writing it
        if not _same_file(path, fd):
            return False
        try:
            _remove_with_sidecars(path)
        except OSError:
            return False
        return True
    finally:
        os.close(fd)
