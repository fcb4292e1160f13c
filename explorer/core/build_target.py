"""What a build may replace at its target, and why writing a catalogue failed, in a few words.

Only a catalogue this program built is ever replaced (`check_target`): never a symbolic link (nor
the file it points to), a folder, a device, a FIFO, a text file, an empty file or another
program's SQLite database. `force` allows replacing one of our catalogues that a plain build
leaves alone (one made by a newer program, or damaged so that its `meta` table cannot be read).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

from explorer.core.catalogue_file import READ_ERRORS, SQLITE_HEADER, connect_read_only, is_ours
from explorer.core.errors import CatalogueError
from explorer.core.i18n import _
from explorer.core.limits import excerpt, file_kind
from explorer.core.os_words import os_reason
from explorer.core.schema import SCHEMA_VERSION
from explorer.core.schema_version import APPLICATION_ID


def failure_reason(exc: BaseException) -> str:
    """Why writing failed, in a few words."""
    if isinstance(exc, sqlite3.Error) and "disk is full" in str(exc):
        return os_reason(OSError(errno.ENOSPC, "disk is full"))
    if isinstance(exc, OSError):
        return os_reason(exc)
    return str(exc) or type(exc).__name__


#: How many times `check_target` looks at a file that is being replaced as it looks (by a build in
#: another process putting its own catalogue there) before it gives up and says so.
_LOOKS = 5


def check_target(output: Path, force: bool = False) -> None:
    """Refuse, with CatalogueError, to replace anything at `output` but a catalogue of this program.

    Nothing there, or one of our catalogues of this or an older schema version, may be replaced.
    With `force`, so may one of ours of a newer schema version, or one whose header carries our
    application id but whose `meta` table cannot be read. Never, even with `force`: a symbolic
    link, a folder, a device, a FIFO, a socket, an empty or text file, another program's database.
    The check uses `os.lstat` and opens nothing that is not a regular file.
    """
    refuse = _("refusing to replace it (remove it first or choose another file)")
    header = None
    for _attempt in range(_LOOKS):  # another build may be putting its catalogue there right now
        try:
            info = os.lstat(output)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise CatalogueError(cannot_write(output, exc)) from exc
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise CatalogueError(
                _("{path} is {kind}, not a catalogue; {refuse}").format(path=output, kind=kind, refuse=refuse)
            )
        header = _read_header(output, info)
        if header is not None:
            break
    if header is None:
        raise CatalogueError(_("{path} changed while it was being looked at; try again").format(path=output))
    if not header:
        raise CatalogueError(
            _("{path} is an empty file, not a catalogue; {refuse}").format(path=output, refuse=refuse)
        )
    if not header.startswith(SQLITE_HEADER):
        raise CatalogueError(
            _("{path} is not a catalogue (it is not an SQLite database); {refuse}").format(
                path=output, refuse=refuse
            )
        )
    ours_by_header = len(header) >= 72 and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    meta, unreadable = _meta_of(output)
    if meta is not None and is_ours(meta):
        version = meta.get("schema_version", "")
        if force or (version.isdigit() and int(version) <= SCHEMA_VERSION):
            return
        raise CatalogueError(
            _(
                "{path} is a catalogue of schema version {version}, made by a newer program; replace it "
                "only with `explorer db build --force`"
            ).format(path=output, version=excerpt(version, 20))
        )
    if ours_by_header:
        if force:
            return
        why = unreadable or _("its meta table does not say who built it")
        raise CatalogueError(
            _(
                "{path} is a damaged catalogue of this program ({why}); "
                "replace it with `explorer db build --force`"
            ).format(path=output, why=why)
        )
    if meta is None:
        raise CatalogueError(
            _(
                "{path} is an SQLite file that cannot be read ({why}), not a catalogue known to be built by "
                "this program; {refuse}"
            ).format(path=output, why=unreadable, refuse=refuse)
        )
    raise CatalogueError(
        _("{path} is another program's SQLite database, not a catalogue; {refuse}").format(
            path=output, refuse=refuse
        )
    )


def cannot_write(where: Path, exc: BaseException, folder: bool = False) -> str:
    """ "Cannot write the catalogue …: why", in the person's language."""
    message = (
        _("Cannot write the catalogue in {path}: {why}")
        if folder
        else _("Cannot write the catalogue {path}: {why}")
    )
    return message.format(path=where, why=failure_reason(exc))


def cannot_look(path: Path, exc: BaseException) -> str:
    return _("Cannot read {path} to see what it is: {why}").format(path=path, why=failure_reason(exc))


def _meta_of(path: Path) -> tuple[dict[str, str] | None, str]:
    """The meta table of the SQLite file at `path` (read-only), or None and why it cannot be read."""
    try:
        conn = connect_read_only(path)
    except CatalogueError as exc:
        return None, exc.message
    try:
        rows = conn.execute("SELECT key, value FROM meta").fetchall()
        return {str(key): str(value) for key, value in rows}, ""
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("no such table"):
            return {}, ""  # a readable database without a meta table: not a catalogue
        return None, excerpt(str(exc), 120)
    except READ_ERRORS as exc:
        return None, excerpt(str(exc) or type(exc).__name__, 120)
    finally:
        conn.close()


def _read_header(path: Path, info: os.stat_result) -> bytes | None:
    """The first 100 bytes of the regular file at `path`; None when `path` is no longer the file
    `info` describes (replaced, or gone, since it was looked at)."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise CatalogueError(cannot_look(path, exc)) from exc
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(now.st_mode):
            return None
        return os.pread(fd, 100, 0)
    except OSError as exc:
        raise CatalogueError(cannot_look(path, exc)) from exc
    finally:
        os.close(fd)
