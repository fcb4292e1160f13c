"""Limits on what the program reads, and safe ways to quote bad input back to a person.

Every file the program reads from outside (a profile, a kiosk config, settings, catalogue sources)
is read through `read_limited`: only regular files (never a FIFO, a device or a folder), and never
more than a stated number of bytes, so `/dev/zero` or a FIFO cannot hang or exhaust it. Parsed
data is checked for nesting depth (`check_depth`) before use. A message that quotes bad input
quotes at most a short, escaped excerpt (`excerpt`), so a 50 MB value or a terminal escape code
never reaches the terminal.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

from explorer.core.errors import ExplorerError

#: The largest profile (JSON) accepted, in bytes.
MAX_PROFILE_BYTES = 1_000_000
#: The largest kiosk config or settings file accepted, in bytes.
MAX_CONFIG_BYTES = 256_000
#: The largest single catalogue source file (TOML) accepted, in bytes.
MAX_SOURCE_BYTES = 2_000_000
#: The deepest nesting of tables and lists accepted in any input.
MAX_DEPTH = 32
#: The most characters of bad input a message quotes.
EXCERPT_CHARS = 60


class InputError(ExplorerError):
    """An input that cannot be read: not a regular file, too large, or nested too deeply."""


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises InputError naming `what` (e.g. "the profile") when the path is not a regular file
    (a folder, a FIFO, a device), cannot be read, or holds more than `limit` bytes. Opening never
    blocks on a FIFO: the file's kind is checked first.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{what} {excerpt(str(path))} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read {what} {excerpt(str(path))}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what} {excerpt(str(path))} is not a regular file")
    if info.st_size > limit:
        raise InputError(f"{what} {excerpt(str(path))} is larger than {limit:,} bytes")
    try:
        with open(path, "rb") as handle:
            return read_stream(handle, limit, what)
    except OSError as exc:
        raise InputError(f"cannot read {what} {excerpt(str(path))}: {exc.strerror}") from None


def read_stream(handle: BinaryIO, limit: int, what: str) -> bytes:
    """At most `limit` bytes from an open stream; InputError when it holds more."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{what} is larger than {limit:,} bytes")
    return data


def check_depth(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether `value` (parsed JSON or TOML) nests at most `limit` tables and lists deep.

    Iterative, so a value nested too deeply for recursion is still measured.
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children)
    return True


def excerpt(value: Any, limit: int = EXCERPT_CHARS) -> str:
    """A short, printable quote of `value`: control characters, escape codes and undecodable bytes
    escaped, cut to `limit` characters with "…" and the full length said."""
    text = value if isinstance(value, str) else repr(value)
    out = []
    for ch in text[:limit]:
        code = ord(ch)
        if ch.isprintable() and not 0xD800 <= code <= 0xDFFF:
            out.append(ch)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    shown = "".join(out)
    if len(text) > limit:
        shown += f"… ({len(text):,} characters)"
    return shown
