"""The operating system's errors in the person's language.

Python gives an `OSError`'s words (`strerror`) in the C library's language, which is English on the
machines this program runs on. The errors a person can meet here (a missing or locked file, a full
disk, a network that does not answer) are said from the message catalogues instead, by their errno;
any other keeps the system's own words.
"""

from __future__ import annotations

import errno

from explorer.core.i18n import _
from explorer.core.problems import N_, Msg

#: What each errno a person may meet says, marked for the catalogues.
_WORDS: dict[int, Msg] = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EIO: N_("the disk could not be read or written (input/output error)"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ELOOP: N_("too many symbolic links"),
    errno.EMFILE: N_("too many files are open"),
    errno.EEXIST: N_("it exists already"),
    errno.EBADF: N_("it is closed"),
    errno.EPIPE: N_("the reader went away"),
    errno.ECONNREFUSED: N_("the connection was refused"),
    errno.ECONNRESET: N_("the connection was cut off"),
    errno.ETIMEDOUT: N_("no answer in time"),
    errno.EHOSTUNREACH: N_("the server cannot be reached"),
    errno.ENETUNREACH: N_("the network cannot be reached"),
}


def os_reason(exc: BaseException) -> str:
    """Why `exc` (an OSError, or anything else) happened, in a few words of the interface language."""
    number = getattr(exc, "errno", None)
    if isinstance(number, int) and number in _WORDS:
        return _(_WORDS[number])
    words = getattr(exc, "strerror", None)
    return str(words) if words else str(exc)[:200]
