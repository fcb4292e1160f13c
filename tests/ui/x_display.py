"""X display numbers for the tests' own X servers, never one that another test process is using.

Xvfb's `-displayfd` picks the lowest free number, so two xdist workers reuse one number in turn; an
X server stopping on one worker while the next starts on the other then removes the socket the new
one has just made (seen: "could not connect to display :0"). Each X server here gets a number
claimed for as long as it runs, with an abstract Unix socket named for it, from a range no desktop
uses; and it is used only once the X server accepts a connection there.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

#: Numbers tried, in order: far above a desktop's own :0 and :1.
NUMBERS = range(90, 400)


@contextlib.contextmanager
def claimed_display() -> Iterator[str]:
    """A display (":93") that no X server has and no other test process holds, held until the end
    of the `with` block. The claim is an abstract socket, gone with the process that held it."""
    for number in NUMBERS:
        claim = socket.socket(socket.AF_UNIX)
        try:
            claim.bind(f"\0seoul-services-explorer-tests-X{number}")
        except OSError:  # claimed by another test process
            claim.close()
            continue
        with claim:
            if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
                continue
            yield f":{number}"
            return
    raise AssertionError("no free X display number")


def answers(display: str, server: subprocess.Popen[bytes], seconds: float = 10) -> bool:
    """Whether the X server `server` accepts a connection on `display` within `seconds`."""
    path = f"/tmp/.X11-unix/X{display.lstrip(':')}"
    deadline = time.monotonic() + seconds
    while server.poll() is None and time.monotonic() < deadline:
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(path)
            except OSError:
                time.sleep(0.05)
                continue
        return True
    return False


def start_xvfb(display: str, screen: str, **popen: object) -> subprocess.Popen[bytes]:
    """Xvfb on `display` (claimed), answering there; AssertionError when it does not."""
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", screen, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **popen,  # type: ignore[arg-type]
    )
    if not answers(display, server):
        server.kill()
        server.wait(timeout=10)
        raise AssertionError(f"Xvfb did not answer on {display}")
    return server


__all__ = ["NUMBERS", "answers", "claimed_display", "start_xvfb"]
