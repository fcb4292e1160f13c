"""The digest of the catalogue's sources: whether db/ changed since the catalogue was built.

Kept apart from `explorer.core.sources` (which reads and checks the sources) so that the check made
at every start in a source checkout loads only what it needs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from explorer.core.limits import MAX_SOURCE_BYTES, InputError, read_limited


def sources_digest(source_dir: Path) -> str:
    """A hash of every source file's name and bytes; it changes whenever a source changes.

    Reads like `load_sources` does (`limits.read_limited`): what is not a regular file (a folder, a
    FIFO, a broken link) or is too large is never opened; its name and why it cannot be read are
    hashed instead, so the digest still changes when such a file appears, and never blocks.
    """
    digest = hashlib.sha256()
    for path in sorted(source_dir.rglob("*.toml")):
        digest.update(os.fsencode(path.relative_to(source_dir).as_posix()))
        digest.update(b"\0")
        try:
            digest.update(read_limited(path, MAX_SOURCE_BYTES, "the source file"))
        except InputError as exc:
            # The kind of problem, never its words (which follow the interface language).
            digest.update(b"\0unusable: " + exc.key.encode("ascii"))
        digest.update(b"\0")
    return digest.hexdigest()
