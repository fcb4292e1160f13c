"""Limits on what the program reads, and safe ways to quote bad input back to a person.

Every file the program reads from outside (a profile, a kiosk config, settings, catalogue sources)
is read through `read_limited`: only regular files (never a FIFO, a device or a folder), and never
more than a stated number of bytes, so `/dev/zero` or a FIFO cannot hang or exhaust it. Parsed
data is checked for nesting depth (`check_depth`) before use. A message that quotes bad input
quotes at most a short, escaped excerpt (`excerpt`), so a 50 MB value or a terminal escape code
never reaches the terminal.
"""

from __future__ import annotations

import copy
import datetime
import json
import os
import re
import stat
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from explorer.core.errors import ExplorerError
from explorer.core.i18n import _
from explorer.core.problems import N_

if TYPE_CHECKING:
    import tomllib

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
#: The most characters of a file's path a message shows (escaped like any other input).
PATH_CHARS = 300
#: The most digits a whole number in the catalogue sources may have (SQLite stores 64-bit integers).
MAX_INT_DIGITS = 18


class InputError(ExplorerError):
    """An input that cannot be read: not a regular file, too large, or nested too deeply.

    `message` names the input (its path); `reason` is the same problem without the name, for callers
    that name the input themselves ("db/services/x.toml: a folder, not a file"), both in the interface
    language; `key` says which problem it is, for callers that act on it ("missing", "dangling" (a link
    to nothing), "not_a_file", "too_large", "unreadable"; "" for what is wrong inside the text).
    """

    def __init__(self, message: str, reason: str | None = None, key: str = "") -> None:
        super().__init__(message)
        self.reason = reason if reason is not None else message
        self.key = key


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    if stat.S_ISFIFO(mode):
        return _("a FIFO (named pipe)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def check_regular(path: Path, limit: int, what: str) -> os.stat_result:
    """The status of `path` when it is a regular file of at most `limit` bytes; InputError otherwise.

    Only looks (`stat`), never opens, so a FIFO or a device cannot block or flood the caller.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            reason, key = _("a link to a file that does not exist"), "dangling"
        else:
            reason, key = _("does not exist"), "missing"
        raise InputError(f"{excerpt(str(path), PATH_CHARS)}: {reason}", reason, key) from None
    except (OSError, ValueError) as exc:
        raise _unreadable(what, path, exc) from None
    return _check_status(info, path, limit, what)


def _unreadable(what: str, path: Path, exc: Exception) -> InputError:
    from explorer.core.os_words import os_reason

    reason = _("cannot be read: {why}").format(why=os_reason(exc))
    return InputError(f"{excerpt(str(path), PATH_CHARS)}: {reason}", reason, "unreadable")


def _check_status(info: os.stat_result, path: Path, limit: int, what: str) -> os.stat_result:
    if not stat.S_ISREG(info.st_mode):
        kind = file_kind(info.st_mode)
        reason = _("{kind}, not a file").format(kind=kind) if kind != _("not a regular file") else str(kind)
        raise InputError(f"{excerpt(str(path), PATH_CHARS)}: {reason}", reason, "not_a_file")
    if info.st_size > limit:
        reason = _("larger than {size} bytes").format(size=f"{limit:,}")
        raise InputError(f"{excerpt(str(path), PATH_CHARS)}: {reason}", reason, "too_large")
    return info


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises InputError naming `what` (e.g. "the profile") when the path is not a regular file
    (a folder, a FIFO, a device), cannot be read, or holds more than `limit` bytes. Opening never
    blocks on a FIFO: the file's kind is checked first, and the file is opened without waiting
    and checked again, in case it was replaced in between.
    """
    check_regular(path, limit, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(what, path, exc) from None
    try:
        _check_status(os.fstat(fd), path, limit, what)
        with os.fdopen(fd, "rb") as handle:
            fd = -1
            return read_stream(handle, limit, what)
    except OSError as exc:
        raise _unreadable(what, path, exc) from None
    finally:
        if fd >= 0:
            os.close(fd)


def read_stream(handle: BinaryIO, limit: int, what: str) -> bytes:
    """At most `limit` bytes from an open stream; InputError when it holds more."""
    data = handle.read(limit + 1)
    if data is None:  # a stream without data yet, opened without waiting
        data = b""
    if len(data) > limit:
        reason = _("larger than {size} bytes").format(size=f"{limit:,}")
        raise InputError(reason, reason, "too_large")
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
    if len(text) <= limit and text.isprintable():  # the common case: nothing to escape or cut
        return text
    out = []
    for ch in text[:limit]:
        code = ord(ch)
        if ch.isprintable() and not 0xD800 <= code <= 0xDFFF:
            out.append(ch)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    shown = "".join(out)
    if len(text) > limit:
        shown += f"… ({len(text):,} characters)"
    return shown


def large_integer(value: Any, digits: int = MAX_INT_DIGITS) -> int | None:
    """The first whole number in `value` (parsed JSON or TOML) with more than `digits` digits, or None.

    Iterative, like `check_depth`.
    """
    bound = 10**digits
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) >= bound:
            return item
    return None


def _digits_reason(digits: int) -> str:
    return _("a whole number has more than {digits} digits").format(digits=f"{digits:,}")


def _int_string_limit() -> int:
    get = getattr(sys, "get_int_max_str_digits", None)
    return int(get()) if get is not None else 4300


# --- TOML ------------------------------------------------------------------------------------------

_TOML_PLAIN = re.compile(r'"""|\'\'\'|["\'#\[\]{}.=,\n]')
_TOML_CLOSE = {
    '"': re.compile(r'\\.|"|\n', re.S),
    "'": re.compile(r"'|\n"),
    '"""': re.compile(r'\\.|"""', re.S),
    "'''": re.compile(r"'''"),
    "#": re.compile(r"\n"),
}


def toml_nesting(text: str) -> tuple[int, int]:
    """(deepest nesting of brackets and braces, most dots in one key) in TOML text, before parsing.

    tomllib parses nested arrays and inline tables by recursion (a RecursionError far too late) and
    keeps every prefix of a dotted key (memory that grows with the square of its length: a key of
    100,000 parts takes gigabytes), so both are measured on the text first. Strings and comments are
    skipped; a dot outside them is part of a key, or the one dot of a number.
    """
    deepest = depth = most_dots = dots = 0
    pos = 0
    end = len(text)
    while pos < end:
        match = _TOML_PLAIN.search(text, pos)
        if match is None:
            break
        token = match.group()
        pos = match.end()
        if token in _TOML_CLOSE:  # a string or a comment: find where it ends
            closer = _TOML_CLOSE[token]
            while True:
                found = closer.search(text, pos)
                if found is None:
                    pos = end
                    break
                pos = found.end()
                if found.group().startswith("\\"):
                    continue
                if len(token) == 3:  # a multi-line string may end with one or two more quotes
                    while pos < end and text[pos] == token[0] and pos - found.start() < 5:
                        pos += 1
                if token == "#" or found.group() == "\n":
                    dots = 0
                break
        elif token == ".":
            dots += 1
            most_dots = max(most_dots, dots)
        else:
            dots = 0
            if token in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif token in "]}":
                depth = max(0, depth - 1)
    return deepest, most_dots


#: tomllib's words for the syntax errors a person makes most, in the person's language when known.
_TOML_WHY = {
    "Invalid value": N_("a value is not valid"),
    "Expected '=' after a key in a key/value pair": N_("an equals sign (=) was expected after the key"),
    "Unclosed array": N_("a list ([...]) is not closed"),
    "Unclosed inline table": N_("a table ({...}) is not closed"),
    "Unterminated string": N_("a text is not closed with a quote"),
    "Cannot overwrite a value": N_("a key is given twice"),
    "Expected newline or end of document after a statement": N_("something follows the value on its line"),
    "Invalid statement": N_("this line is not a key = value"),
}
_TOML_AT = re.compile(
    r"^(?P<what>.*) \((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$"
)


def _toml_message(exc: tomllib.TOMLDecodeError, text: str) -> str:
    """tomllib's message in the person's language where it is known, with its line and column (the
    end of the document given as one too)."""
    found = _TOML_AT.match(str(exc))
    if found is None:
        return _("not valid TOML: {why}").format(why=str(exc))
    lines = text.split("\n")
    line = found["line"] or str(len(lines))
    column = found["column"] or str(len(lines[-1]) + 1)
    why = _TOML_WHY.get(found["what"])
    return _("not valid TOML: {why} at line {line}, column {column}").format(
        why=_(why) if why else found["what"], line=line, column=column
    )


class _ParsedTexts:
    """TOML texts parsed before, by their bytes and the limits they were parsed within.

    A build, `db check` and the rebuild it may start read the same source files again in one process.
    A parse (Python's tomllib, with the checks before and after it) costs about a millisecond a file;
    a copy of what it gave (`_copy_parsed`), a small part of that. Each caller gets its own copy, so
    none can change another's. Only texts that parsed are kept (a refused one is parsed again, and its
    message said in the language of the moment), at most `BUDGET` bytes of them, the least recently
    read dropped first.
    """

    BUDGET = 8 * 1024 * 1024

    def __init__(self) -> None:
        self._items: dict[tuple[bytes, int, int | None], dict[str, Any]] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[bytes, int, int | None]) -> dict[str, Any] | None:
        with self._lock:
            found = self._items.pop(key, None)
            if found is None:
                return None
            self._items[key] = found  # now the most recently read
        return _copy_parsed(found)

    def put(self, key: tuple[bytes, int, int | None], parsed: dict[str, Any]) -> None:
        size = len(key[0])
        if size > self.BUDGET // 8:
            return
        kept = _copy_parsed(parsed)
        with self._lock:
            if key in self._items:
                return
            while self._items and self._bytes + size > self.BUDGET:
                oldest = next(iter(self._items))
                del self._items[oldest]
                self._bytes -= len(oldest[0])
            self._items[key] = kept
            self._bytes += size


#: What tomllib gives besides tables and lists: values that cannot change, so a copy may share them.
_TOML_SCALARS = frozenset({str, int, float, bool, datetime.date, datetime.time, datetime.datetime})


def _copy_parsed(value: Any) -> Any:
    """A copy of parsed TOML that shares nothing that can change, like `copy.deepcopy` but several
    times quicker: tables and lists are copied, the text, numbers, dates and times in them shared
    (anything else, which tomllib never gives, is deep-copied)."""
    kind = type(value)
    if kind is dict:
        return {key: _copy_parsed(item) for key, item in value.items()}
    if kind is list:
        return [_copy_parsed(item) for item in value]
    if kind in _TOML_SCALARS:
        return value
    return copy.deepcopy(value)


_parsed_texts = _ParsedTexts()


def parse_toml(data: bytes, depth: int = MAX_DEPTH, digits: int | None = MAX_INT_DIGITS) -> dict[str, Any]:
    """Decode and parse TOML bytes, within the limits; InputError (its `reason` without a name) if not.

    Refused: bytes that are not UTF-8, TOML syntax errors (with line and column), nesting deeper than
    `depth` (measured on the text before parsing and on the result after), and whole numbers with
    more than `digits` digits (None: only Python's own limit of 4,300 digits). The same bytes parsed
    again within the same limits are a copy of the first parse (`_ParsedTexts`).
    """
    key = (data, depth, digits)
    parsed = _parsed_texts.get(key)
    if parsed is None:
        parsed = _parse_toml(data, depth, digits)
        _parsed_texts.put(key, parsed)
    return parsed


def _parse_toml(data: bytes, depth: int, digits: int | None) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_("not UTF-8 text (byte {byte})").format(byte=f"{exc.start + 1:,}")) from None
    too_deep = _("nested more than {depth} deep").format(depth=depth)
    brackets, dots = toml_nesting(text)
    if brackets > depth or dots > depth:
        raise InputError(too_deep)
    import tomllib  # loaded with the first TOML read, not at every start

    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(_toml_message(exc, text)) from None
    except RecursionError:
        raise InputError(too_deep) from None
    except ValueError:  # Python's limit on the digits of a whole number
        raise InputError(_digits_reason(digits or _int_string_limit())) from None
    if not check_depth(parsed, depth):
        raise InputError(too_deep)
    if digits is not None:
        number = large_integer(parsed, digits)
        if number is not None:
            raise InputError(f"{_digits_reason(digits)}: {excerpt(str(number))}")
    return parsed


# --- JSON ------------------------------------------------------------------------------------------


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


#: What Python's json module says of a syntax error, as the catalogues word it (its own words are English).
_JSON_WHY = {
    "Expecting value": N_("a value was expected"),
    "Expecting ',' delimiter": N_("a comma (,) was expected"),
    "Expecting ':' delimiter": N_("a colon (:) was expected"),
    "Expecting property name enclosed in double quotes": N_('a key in double quotes (") was expected'),
    "Unterminated string starting": N_("a text is not closed with a double quote"),
    "Extra data": N_("something follows the end of the JSON"),
    "Invalid \\escape": N_("a backslash escape is not valid"),
    "Invalid \\uXXXX escape": N_("a \\uXXXX escape is not valid"),
    "Invalid control character": N_("a control character is inside a text"),
}


def parse_json(text: str, depth: int = MAX_DEPTH) -> Any:
    """Parse JSON text within the limits; InputError with a one-line reason if it cannot be used.

    Refused: syntax errors (with line and column), a key given twice in one object (the reason starts
    with the key, quoted short), nesting deeper than `depth`, and whole numbers beyond Python's limit
    of 4,300 digits.
    """
    too_deep = _("nested more than {depth} deep").format(depth=depth)
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as exc:
        message = exc.msg.removesuffix(" at")  # "Invalid control character at"
        why = _JSON_WHY.get(message)  # the json module's words, in the person's language when known
        raise InputError(
            _("not valid JSON: {why} at line {line}, column {column}").format(
                why=_(why) if why else message, line=exc.lineno, column=exc.colno
            )
        ) from None
    except _DuplicateKey as exc:
        raise InputError(
            _("{key}: the key is given twice; give each key once").format(key=excerpt(exc.key))
        ) from None
    except RecursionError:
        raise InputError(too_deep) from None
    except ValueError:  # Python's limit on the digits of a whole number
        raise InputError(_digits_reason(_int_string_limit())) from None
    if not check_depth(data, depth):
        raise InputError(too_deep)
    return data
